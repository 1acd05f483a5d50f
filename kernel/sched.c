/*
 * sched.c: which thread runs (see tcb.h).
 *
 * The runnable threads form a circular list; the one at its head runs.
 * Yield moves the head on; a thread made runnable joins at the tail, so
 * the thread that resumed it keeps running until it yields. Lab 4 adds
 * priorities and the timer.
 */
#include "arch.h"
#include "cdt.h"
#include "kprintf.h"
#include "preempt.h"
#include "tcb.h"
#include "sched.h"
#include "selfcheck.h"
#include "syscall.h"
#include "vspace.h"
#include <erix/exit.h>
#include <erix/syscall.h>

struct tcb *current;
static struct tcb *run_head;

void sched_add(struct tcb *t)
{
	if (t->state == TCB_RUNNABLE)
		return;
	t->state = TCB_RUNNABLE;
	if (!run_head) {
		run_head = t->run_next = t->run_prev = t;
		return;
	}
	t->run_next = run_head;
	t->run_prev = run_head->run_prev;
	run_head->run_prev->run_next = t;
	run_head->run_prev = t;
}

void sched_remove(struct tcb *t)
{
	if (t->state != TCB_RUNNABLE)
		return;
	t->state = TCB_INACTIVE;
	if (t->run_next == t) {
		run_head = NULL;
	} else {
		t->run_prev->run_next = t->run_next;
		t->run_next->run_prev = t->run_prev;
		if (run_head == t)
			run_head = t->run_next;
	}
	t->run_next = t->run_prev = NULL;
}

const char *sched_check(void)
{
	uint64_t n = 0;
	struct tcb *t = run_head;
	if (!t)
		return NULL;
	do {
		if (++n > (1ull << 20))
			return "the run queue does not come round (a cycle that misses its head)";
		if (t->state != TCB_RUNNABLE)
			return "a thread on the run queue is not runnable";
		if (!t->run_next || t->run_next->run_prev != t)
			return "the run queue's links disagree";
		if (t->regs.rip > ERIX_USER_TOP)
			return "a runnable thread's rip is past ERIX_USER_TOP";
		t = t->run_next;
	} while (t != run_head);
	return NULL;
}

void sched_yield(void)
{
	if (run_head)
		run_head = run_head->run_next;
}

void __noreturn sched_exit(void)
{
	while (run_head) {
		struct tcb *t = run_head;
		if (t->slots[TCB_VSPACE].cap.type != ERIX_OBJ_VSPACE) {
			kprintf("sched: thread %p has lost its VSpace; it stops\n", (void *)t);
			sched_remove(t);
			continue;
		}
		current = t;
		vspace_activate(vspace_root(&t->slots[TCB_VSPACE].cap));
		user_exit(t);
	}
	current = NULL;
	/* No thread will make the next call that would finish the reaping a
	 * call left (cdt.h): finish it here, budget after budget. */
	do
		preempt_begin();
	while (cdt_reap() == -ERR_PREEMPTED);
	sched_idle();
}

void __noreturn sched_idle(void)
{
	selfcheck_final();
	if (preempt_restarts) {
		uint64_t most = 0, label = 0;
		for (uint64_t i = 0; i < ERIX_INVOCATION_END; i++)
			if (syscall_longest[i] > most)
				most = syscall_longest[i], label = i;
		kprintf("preempt: %lu system calls stopped and run again (%lu units of work per "
			"kernel entry); the longest entries: revoke %lu, delete %lu, of all %lu "
			"TSC ticks (label %lu)\n",
			(unsigned long)preempt_restarts, (unsigned long)preempt_budget,
			(unsigned long)syscall_longest[ERIX_CNODE_REVOKE],
			(unsigned long)syscall_longest[ERIX_CNODE_DELETE], (unsigned long)most,
			(unsigned long)label);
	}
	kprintf("EriX: no thread can run; powering off.\n");
	arch_power_off(ERIX_EXIT_POWEROFF);
}
