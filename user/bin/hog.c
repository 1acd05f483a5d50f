/*
 * bin/hog.c: a program that takes memory from the memory server and
 * exits (status: how many pieces it got) without giving it back; the
 * process server must take it all back. arg0: pieces of 2^arg1 bytes.
 */
#include "memclient.h"
#include "ulib.h"
#include "proc.h"

int main(void)
{
	int got = 0;
	for (uint64_t i = 0; i < procinfo->args[0]; i++) {
		erix_cptr_t s = slot_alloc();
		uint64_t handle;
		if (!s || mem_untyped((unsigned)procinfo->args[1], s, &handle) < 0)
			break;
		/* Use it: a Frame made from it, written. */
		erix_cptr_t f = slot_alloc();
		if (f && untyped_retype(s, ERIX_OBJ_FRAME, 0, f) == 0)
			got++;
	}
	return got;
}
