/*
 * sched.c: which thread runs (see sched.h).
 *
 * One ready queue per priority (a circular list), and a bitmap with a bit
 * per priority whose queue is not empty, in two levels so that finding
 * the highest takes two bit scans whatever the number of threads:
 *
 *   ready_top:       bit w set  <=>  ready_bits[w] != 0        (4 bits)
 *   ready_bits[w]:   bit b set  <=>  sched_ready[64 * w + b] not empty
 *
 * The thread at the head of the highest non-empty queue runs. Yield and
 * the end of a time slice move it to the tail of its queue; a thread made
 * runnable joins the tail of its own, so a thread that wakes one of its
 * priority keeps running until it yields, blocks or its slice ends, and
 * one that wakes a higher one gives way at once.
 */
#include "arch.h"
#include "cdt.h"
#include "fastpath.h"
#include "irq.h"
#include "kprintf.h"
#include "preempt.h"
#include "tcb.h"
#include "sched.h"
#include "selfcheck.h"
#include "syscall.h"
#include "vspace.h"
#include <erix/exit.h>
#include <erix/ipc.h>
#include <erix/syscall.h>

#define READY_WORDS (ERIX_PRIORITIES / 64)

struct tcb *current;
struct tcb *sched_ready[ERIX_PRIORITIES];
static uint64_t ready_bits[READY_WORDS];
static uint64_t ready_top;

struct sched_record sched_log[SCHED_LOG_SIZE];
uint64_t sched_switches;
uint64_t sched_ticks;

/*
 * ready_mark, ready_unmark, ready_highest (LAB 4 exercise).
 *
 * Requirements:
 *  - ready_mark(p): priority p's queue is no longer empty: set its bit in
 *    ready_bits and its word's bit in ready_top; ready_unmark(p): it is
 *    empty now: clear its bit, and its word's bit in ready_top if that
 *    word has no bit left;
 *  - ready_highest: the highest priority whose bit is set, or -1 when no
 *    thread is ready: in constant time, without looping over the
 *    priorities (__builtin_clzll finds a word's highest set bit);
 *  - the bitmap always says exactly which queues are non-empty
 *    (sched_check checks it).
 */
static void ready_mark(unsigned p)
{
#if LAB4_SOLUTION
	ready_bits[p / 64] |= 1ull << (p % 64);
	ready_top |= 1ull << (p / 64);
#else
	/* LAB 4: your code here. Until then ready_highest looks at every
	 * queue. */
	(void)p;
#endif
}

static void ready_unmark(unsigned p)
{
#if LAB4_SOLUTION
	ready_bits[p / 64] &= ~(1ull << (p % 64));
	if (!ready_bits[p / 64])
		ready_top &= ~(1ull << (p / 64));
#else
	/* LAB 4: your code here. */
	(void)p;
#endif
}

static int ready_highest(void)
{
#if LAB4_SOLUTION
	if (!ready_top)
		return -1;
	unsigned w = 63 - (unsigned)__builtin_clzll(ready_top);
	return (int)(w * 64 + 63 - (unsigned)__builtin_clzll(ready_bits[w]));
#else
	/* LAB 4: your code here. Until then: the first non-empty queue
	 * from priority 0 up (upside down, and slow: every thread still
	 * runs, lab 3's all at one priority). */
	for (int p = 0; p < ERIX_PRIORITIES; p++)
		if (sched_ready[p])
			return p;
	return -1;
#endif
}

void sched_add(struct tcb *t)
{
	if (t->state == TCB_RUNNABLE)
		return;
	t->state = TCB_RUNNABLE;
	struct tcb **q = &sched_ready[t->priority];
	if (!*q) {
		*q = t->run_next = t->run_prev = t;
		ready_mark(t->priority);
		return;
	}
	t->run_next = *q;
	t->run_prev = (*q)->run_prev;
	(*q)->run_prev->run_next = t;
	(*q)->run_prev = t;
}

void sched_remove(struct tcb *t)
{
	if (t->state != TCB_RUNNABLE)
		return;
	t->state = TCB_INACTIVE;
	struct tcb **q = &sched_ready[t->priority];
	if (t->run_next == t) {
		*q = NULL;
		ready_unmark(t->priority);
	} else {
		t->run_prev->run_next = t->run_next;
		t->run_next->run_prev = t->run_prev;
		if (*q == t)
			*q = t->run_next;
	}
	t->run_next = t->run_prev = NULL;
}

void sched_set_priority(struct tcb *t, unsigned priority)
{
	bool was_ready = t->state == TCB_RUNNABLE;
	sched_remove(t);
	t->priority = (uint8_t)priority;
	if (was_ready)
		sched_add(t);
}

const char *sched_check(void)
{
	for (unsigned p = 0; p < ERIX_PRIORITIES; p++) {
		bool bit = ready_bits[p / 64] >> (p % 64) & 1;
		if (bit != (sched_ready[p] != NULL))
			return "the ready bitmap disagrees with the ready queues";
		struct tcb *t = sched_ready[p];
		if (!t)
			continue;
		uint64_t n = 0;
		do {
			if (++n > (1ull << 20))
				return "a ready queue does not come round (a cycle that misses its head)";
			if (t->state != TCB_RUNNABLE)
				return "a thread on a ready queue is not runnable";
			if (t->priority != p)
				return "a thread on the ready queue of another priority";
			if (!t->run_next || t->run_next->run_prev != t)
				return "a ready queue's links disagree";
			if (t->regs.rip > ERIX_USER_TOP)
				return "a runnable thread's rip is past ERIX_USER_TOP";
			t = t->run_next;
		} while (t != sched_ready[p]);
	}
	for (unsigned w = 0; w < READY_WORDS; w++)
		if (((ready_top >> w) & 1) != (ready_bits[w] != 0))
			return "the ready bitmap's top word disagrees with its words";
	return NULL;
}

/* rotate: the head of t's queue (t) goes to its tail. */
static void rotate(struct tcb *t)
{
	if (t->state == TCB_RUNNABLE && sched_ready[t->priority] == t)
		sched_ready[t->priority] = t->run_next;
}

void sched_yield(void)
{
	if (current)
		rotate(current);
}

void sched_tick(void)
{
	sched_ticks++;
	if (current && current->state == TCB_RUNNABLE) {
		current->ticks++;
		rotate(current); /* its time slice is over */
	}
}

/* sched_choose: the thread to run: the head of the highest ready queue,
 * dropping threads that have lost their VSpace; NULL when none. */
static struct tcb *sched_choose(void)
{
	for (int p; (p = ready_highest()) >= 0;) {
		struct tcb *t = sched_ready[p];
		if (t->slots[TCB_VSPACE].cap.type == ERIX_OBJ_VSPACE)
			return t;
		kprintf("sched: thread %p has lost its VSpace; it stops\n", (void *)t);
		sched_remove(t);
	}
	return NULL;
}

void sched_hand_over_levels(struct tcb *from, struct tcb *to)
{
	from->run_next = from->run_prev = NULL;
	sched_ready[from->priority] = NULL;
	ready_unmark(from->priority);
	sched_ready[to->priority] = to->run_next = to->run_prev = to;
	ready_mark(to->priority);
	to->state = TCB_RUNNABLE;
}

void __noreturn sched_switch_to(struct tcb *t)
{
	sched_note_switch(t);
	vspace_activate(vspace_root(&t->slots[TCB_VSPACE].cap));
	user_exit(t);
}

void __noreturn sched_exit(void)
{
	for (;;) {
		struct tcb *t = sched_choose();
		if (t)
			sched_switch_to(t);
		current = NULL;
		/* No thread will make the next call that would finish the
		 * reaping a call left (cdt.h): finish it here, budget after
		 * budget. */
		do
			preempt_begin();
		while (cdt_reap() == -ERR_PREEMPTED);
		/* Threads that wait for an interrupt can still be woken by
		 * one: wait for it, with interrupts on. Otherwise nothing can
		 * ever run again. */
		if (!irq_can_wake())
			sched_idle();
		sched_quiet();
		arch_wait_for_interrupt();
	}
}

void __attribute__((noinline)) sched_quiet(void)
{
	__asm__ volatile("" ::: "memory"); /* a place for a breakpoint */
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
	if (fastpath_calls || fastpath_replies || syscall_fast_yields)
		kprintf("fastpath: %lu Calls, %lu ReplyRecvs and %lu Yields took the fast paths\n",
			(unsigned long)fastpath_calls, (unsigned long)fastpath_replies,
			(unsigned long)syscall_fast_yields);
	kprintf("EriX: no thread can run; powering off.\n");
	arch_power_off(ERIX_EXIT_POWEROFF);
}
