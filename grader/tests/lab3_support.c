/*
 * tests/lab3_support.c: lab 3's shared helpers (see lab3.h).
 */
#define _GNU_SOURCE
#include "lab3.h"
#include "erix.h"
#include "grader.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

_Static_assert(__builtin_offsetof(struct lab3_slot, addr) == 64, "struct cte is 64 bytes");
_Static_assert(sizeof(struct lab3_call) == 10 * 8, "struct syscall_record");

#define SYSCALL_LOG_SIZE 1024

struct vm *lab3_boot(const char *name, const uint64_t args[8])
{
	/* On the command line, so that make qemu-gdb TEST=... replays it. */
	static char line[256];
	int n = snprintf(line, sizeof(line), "test=%s", name);
	for (int i = 0; args && i < 8; i++)
		if (args[i])
			n += snprintf(line + n, sizeof(line) - (size_t)n, " arg%d=0x%" PRIx64, i,
				      args[i]);
	return erix_boot(&(struct vm_config){ .args = line }, NULL);
}

struct vm *lab3_run(const char *name, const uint64_t args[8])
{
	struct vm *vm = lab3_boot(name, args);
	vm_run_to(vm, "sched_idle");
	return vm;
}

uint64_t lab3_S(struct vm *vm, uint64_t i)
{
	return vm_eval(vm, "roottask.bootinfo->empty.start") + i;
}

struct lab3_slot lab3_slot_at(struct vm *vm, uint64_t addr)
{
	struct lab3_slot s;
	vm_read(vm, addr, &s, 64);
	s.addr = addr;
	return s;
}

struct lab3_slot lab3_slot(struct vm *vm, uint64_t i)
{
	return lab3_slot_at(vm, vm_eval(vm, "(unsigned long)roottask.cnode") + 64 * i);
}

uint64_t lab3_ut(struct vm *vm)
{
	uint64_t n = vm_eval(vm, "roottask.bootinfo->untyped_count"), best = 0, best_bits = 0;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t b = vm_eval(vm, "roottask.bootinfo->untyped_list[%" PRIu64 "].size_bits", i);
		if (b >= 20 && b > best_bits)
			best = i, best_bits = b;
	}
	ck_assert_msg(best_bits, "no Untyped of 1 MiB or more in the boot info");
	return vm_eval(vm, "roottask.bootinfo->untyped.start") + best;
}

int lab3_calls(struct vm *vm, uint64_t nr, uint64_t thread, struct lab3_call *out, int max)
{
	uint64_t count = vm_eval(vm, "syscall_count"), log = vm_symbol(vm, "syscall_log");
	uint64_t root = vm_eval(vm, "(unsigned long)roottask.tcb");
	if (!thread)
		thread = root;
	ck_assert_msg(count <= SYSCALL_LOG_SIZE, "%" PRIu64 " system calls: more than the log "
		      "keeps (does the test program loop?)", count);
	int n = 0;
	for (uint64_t i = 0; i < count && n < max; i++) {
		struct lab3_call c;
		vm_read(vm, log + i * sizeof(c), &c, sizeof(c));
		bool exit = c.nr == ERIX_SYS_CALL && c.label == ERIX_TCB_SUSPEND &&
			    c.cptr == ERIX_ROOT_TCB && c.thread == root; /* erix_exit's */
		if ((nr == 0 || c.nr == nr) && c.thread == thread && !exit)
			out[n++] = c;
	}
	return n;
}

const char *lab3_error_name(int64_t e)
{
#define NAME(name, number, text) [number] = #name,
	static const char *const names[] = { ERIX_ERRORS(NAME) };
#undef NAME
	static char other[32];
	if (e == 0)
		return "0";
	if (e < 0 && -e < (int64_t)(sizeof(names) / sizeof(names[0])))
		return names[-e];
	snprintf(other, sizeof(other), "%" PRId64, e);
	return other;
}

void lab3_expect_results(const struct lab3_call *calls, int ncalls, const int64_t *want,
			 int n, const char *what)
{
	ck_assert_msg(ncalls >= n, "%s: the kernel logged %d system calls, the test program "
		      "makes %d", what, ncalls, n);
	for (int i = 0; i < n; i++) {
		char a[32];
		snprintf(a, sizeof(a), "%s", lab3_error_name(calls[i].result));
		ck_assert_msg(calls[i].result == want[i], "%s: call %d (label %" PRIu64 ", cptr %"
			      PRIu64 ") returned %s, not %s", what, i + 1, calls[i].label,
			      calls[i].cptr, a, lab3_error_name(want[i]));
	}
}

void lab3_check_tree(struct vm *vm)
{
	uint64_t problems = vm_eval(vm, "cdt_check()");
	ck_assert_msg(problems == 0, "cdt_check() finds %" PRIu64 " problems in the derivation "
		      "tree; the first: %s", problems, vm_eval_text(vm, "cdt_check_error"));
}

void lab3_expect_empty(struct vm *vm, uint64_t i, const char *why)
{
	struct lab3_slot s = lab3_slot(vm, i);
	ck_assert_msg(s.type == ERIX_OBJ_NULL, "slot %" PRIu64 " holds a capability of type %u; "
		      "it should be empty (%s)", i, s.type, why);
}
