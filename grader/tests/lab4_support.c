/*
 * tests/lab4_support.c: lab 4's shared helpers (see lab4.h).
 */
#define _GNU_SOURCE
#include "lab4.h"
#include "grader.h"

#include <inttypes.h>
#include <string.h>

#define MAX_CALLS 1024

bool lab4_find(struct vm *vm, uint64_t thread, uint64_t tag, uint64_t v[4])
{
	static struct lab3_call calls[MAX_CALLS];
	int n = lab3_calls(vm, ERIX_SYS_CALL, thread, calls, MAX_CALLS);
	for (int i = 0; i < n; i++) {
		if (calls[i].cptr == ERIX_CPTR_NULL && calls[i].label == tag) {
			memcpy(v, calls[i].mr, 4 * sizeof(v[0]));
			return true;
		}
	}
	return false;
}

void lab4_report(struct vm *vm, uint64_t thread, uint64_t tag, uint64_t v[4], const char *who)
{
	if (!lab4_find(vm, thread, tag, v))
		ck_abort_msg("%s never got that far (its report 0x%" PRIx64 " is not in the "
			     "kernel's log)", who, tag);
}

uint64_t lab4_tcb_of(struct vm *vm, uint64_t i)
{
	struct captree_slot s = lab3_slot(vm, lab3_S(vm, i));
	ck_assert_msg(s.type == ERIX_OBJ_TCB, "S(%" PRIu64 ") holds no TCB", i);
	return s.obj;
}
