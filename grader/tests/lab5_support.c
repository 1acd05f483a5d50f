/*
 * tests/lab5_support.c: lab 5's shared helpers (see lab5.h).
 */
#define _GNU_SOURCE
#include "lab5.h"
#include "grader.h"

#include <erix/syscall.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

struct vm *lab5_run(const char *name, const uint64_t args[8])
{
	struct vm *vm = lab3_boot(name, args);
	vm_run_to(vm, "sched_quiet");
	return vm;
}

/* find: the test program's (thread's) report tag among the last
 * SYSCALL_LOG_SIZE system calls the kernel logged (a lab-5 run makes
 * thousands; the program reports last of all). */
static bool find(struct vm *vm, uint64_t thread, uint64_t tag, uint64_t v[4])
{
	static struct lab3_call log[SYSCALL_LOG_SIZE];
	uint64_t count = vm_eval(vm, "syscall_count"), n = count < SYSCALL_LOG_SIZE ? count :
										 SYSCALL_LOG_SIZE;
	vm_read(vm, vm_symbol(vm, "syscall_log"), log, sizeof(log));
	for (uint64_t k = count - n; k < count; k++) {
		const struct lab3_call *c = &log[k % SYSCALL_LOG_SIZE];
		if (c->nr == ERIX_SYS_CALL && c->cptr == ERIX_CPTR_NULL && c->thread == thread &&
		    c->label == tag) {
			memcpy(v, c->mr, 4 * sizeof(v[0]));
			return true;
		}
	}
	return false;
}

void lab5_get(struct vm *vm, uint64_t tag, uint64_t v[4])
{
	struct captree_slot s = lab3_slot(vm, lab3_S(vm, INIT_TEST_TCB));
	ck_assert_msg(s.type == ERIX_OBJ_TCB, "init never started the test program (no TCB in "
		      "its record): did every server start? (see the serial lines)");
	if (!find(vm, s.obj, LAB5_REPORT + tag, v))
		ck_abort_msg("the test program never got as far as its report %" PRIu64 " (it "
			     "waits on a server that does not answer, or faulted: see the serial "
			     "lines)", tag);
}

void lab5_hex(uint64_t x, char out[17])
{
	for (int i = 0; i < 16; i++, x >>= 4)
		out[i] = "0123456789abcdef"[x & 15];
	out[16] = 0;
}

const char *lab5_err(uint64_t e)
{
	static char buf[64];
	int64_t x = (int64_t)e;
	static const char *const srv[] = { "ERR_NOT_FOUND", "ERR_NOT_DIR", "ERR_IS_DIR",
					   "ERR_NOT_EMPTY", "ERR_QUOTA", "ERR_TOO_LONG",
					   "ERR_NO_SPACE", "ERR_BAD_IMAGE" };
	if (x <= -32 && x > -40)
		return srv[-x - 32];
	if (x <= 0 && x > -32)
		return lab3_error_name(x);
	snprintf(buf, sizeof(buf), "%" PRIu64, e);
	return buf;
}

uint64_t lab5_server_state(struct vm *vm, unsigned k)
{
	struct captree_slot s = lab3_slot(vm, lab3_S(vm, INIT_SERVER_TCB + k));
	ck_assert_msg(s.type == ERIX_OBJ_TCB, "init's record of server %u holds no TCB: it did "
		      "not start", k);
	return vm_eval(vm, "((struct tcb *)%#" PRIx64 ")->state", s.obj);
}
