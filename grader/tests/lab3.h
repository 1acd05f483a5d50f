/*
 * tests/lab3.h: what lab 3's tests share: running one of the root task's
 * test programs (user/root/tests.h) to its end, and reading the outcome
 * from the machine: slots (struct captree_slot, captree.h), the Untyped
 * list, the kernel's system-call log, and the derivation tree, judged by
 * the grader's own checker (captree.c).
 */
#ifndef GRADER_TESTS_LAB3_H
#define GRADER_TESTS_LAB3_H

#include <stdbool.h>
#include <stdint.h>

#include "captree.h"
#include "vm.h"

/* Object types and errors, by number (erix/caps.h, erix/errors.h). */
#include <erix/caps.h>
#include <erix/errors.h>
#include <erix/invocation.h>
#include <erix/syscall.h>
#include <erix/bootinfo.h>

/* One entry of the kernel's syscall_log (kernel/include/syscall.h). */
/* The kernel's system-call log: its last SYSCALL_LOG_SIZE calls
 * (kernel/include/syscall.h). */
#define SYSCALL_LOG_SIZE 1024

struct lab3_call {
	uint64_t nr, cptr, label, mr[4];
	int64_t result;
	uint64_t out, thread;
};

/* lab3_boot: boot (with nothing on the command line), run to
 * roottask_ready and plant the test program's name in ktest_request and
 * args (NULL: zeros) in ktest_args, which the kernel copies into the boot
 * info next; stopped there. The replay records them (make gdb TEST=...
 * plants them again). lab3_run: the same, then run until no thread is
 * left (sched_idle); fails the test if the kernel ends or stops elsewhere. */
struct vm *lab3_boot(const char *name, const uint64_t args[8]);
/* lab3_boot_budget: lab3_boot, and each kernel entry gets `budget` units
 * of work (preempt_budget, kernel/include/preempt.h; the replay plants it
 * as preempt=N); 0: the kernel's default. */
struct vm *lab3_boot_budget(const char *name, const uint64_t args[8], uint64_t budget);
struct vm *lab3_run(const char *name, const uint64_t args[8]);

/* lab3_S: slot index S(i) (user/root/tests.h). */
uint64_t lab3_S(struct vm *vm, uint64_t i);

/* lab3_slot: root CNode slot i; lab3_slot_at: the slot at kernel address. */
struct captree_slot lab3_slot(struct vm *vm, uint64_t i);
struct captree_slot lab3_slot_at(struct vm *vm, uint64_t addr);

/* lab3_ut: the root slot of the largest Untyped (as ulib's untyped_find). */
uint64_t lab3_ut(struct vm *vm);

/* lab3_calls: the logged system calls (oldest first) of number nr (0:
 * all) made by the thread whose TCB is at `thread` (0: the root task's),
 * leaving out the root task's final suspend of itself (erix_exit).
 * Returns how many (at most max). */
int lab3_calls(struct vm *vm, uint64_t nr, uint64_t thread, struct lab3_call *out, int max);

/* lab3_expect_results: the results of calls[0..n-1] are want[0..n-1]
 * (0 or -ERR_*); what names the sequence in messages. */
void lab3_expect_results(const struct lab3_call *calls, int ncalls, const int64_t *want,
			 int n, const char *what);

/* lab3_check_tree: the derivation tree keeps every rule: the grader's own
 * check (captree_check), of the tree read through GDB. */
void lab3_check_tree(struct vm *vm);

/* lab3_expect_empty: root slot i is empty; why says what emptied it. */
void lab3_expect_empty(struct vm *vm, uint64_t i, const char *why);

/* lab3_error_name: "ERR_GUARD" for -6, "0" for 0. */
const char *lab3_error_name(int64_t e);

#endif /* GRADER_TESTS_LAB3_H */
