/*
 * bin/parent.c: a program that starts a child of its own (/bin/hello,
 * status arg0) and then waits forever: for the tests that a process is
 * nobody's child but its parent's.
 */
#include "process.h"
#include "rpc.h"
#include "ulib.h"

int main(void)
{
	static const char path[] = "/bin/hello";
	struct rpc r = { .label = PROC_SPAWN, .w = { sizeof(path) - 1, procinfo->args[0] },
			 .data = path, .len = sizeof(path) - 1 };
	rpc_call(P_PROCESS, &r);
	for (;;)
		erix_wait(P_EVENTS, NULL);
}
