/*
 * sched.h: the scheduler (sched.c): which thread runs, and the way out of
 * the kernel to it. Priorities (0..ERIX_MAX_PRIORITY, erix/ipc.h), round
 * robin within one, time slices ended by the timer (timer.c).
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "tcb.h"
#include <erix/ipc.h>

struct tcb;

/* The thread running (or about to), NULL when none. */
extern struct tcb *current;

void sched_add(struct tcb *t);    /* make t runnable, at its queue's tail */
void sched_remove(struct tcb *t); /* take t off its queue, if it is on */
void sched_yield(void);           /* current goes to its queue's tail */
void sched_tick(void);            /* the timer: current's time slice is over */
/* sched_set_priority: t's priority becomes p (its queue changes with it). */
void sched_set_priority(struct tcb *t, unsigned p);

/* A record of each switch to another thread (read by the grader: who ran
 * after whom), in a ring of the last SCHED_LOG_SIZE. */
struct sched_record {
	uint64_t tick;     /* sched_ticks then */
	uint64_t from, to; /* the TCBs (from: 0 when no thread ran) */
	uint64_t priority; /* to's */
};
#define SCHED_LOG_SIZE 256
extern struct sched_record sched_log[SCHED_LOG_SIZE]; /* [n % SIZE] */
extern uint64_t sched_switches;                       /* switches so far */
extern uint64_t sched_ticks;                          /* timer ticks so far */

/* sched_check: the run queue's invariants (every thread on it runnable,
 * the links agreeing, each rip one the kernel can return to); NULL, or
 * the first problem (selfcheck.c). */
const char *sched_check(void);

/* sched_exit: leave the kernel to the thread that should run now (the
 * current one if it still can); when none can, wait for an interrupt if
 * one could wake a thread (irq_can_wake), else power off. */
void __noreturn sched_exit(void);

/* sched_ready[p]: the head of priority p's ready queue (sched.c's; the fast
 * path's hand-over, below, writes it too). */
extern struct tcb *sched_ready[ERIX_PRIORITIES];

/* sched_direct_ok: may `from` (current, about to wait) hand the CPU
 * straight to `to` (about to be made runnable), as sched_exit would
 * choose: from alone on its ready queue (so the highest: it runs), to
 * at least as high, and able to run (a VSpace). The fast path's test. */
static inline bool sched_direct_ok(const struct tcb *from, const struct tcb *to)
{
	return from->run_next == from && to->priority >= from->priority &&
	       to->slots[TCB_VSPACE].cap.type == ERIX_OBJ_VSPACE;
}

/* sched_hand_over: from (current) leaves the ready queues and to joins
 * them, as sched_remove(from) and sched_add(to) would when
 * sched_direct_ok(from, to) (from alone on its queue, to's empty): of
 * one priority, to takes from's place and the bitmap stays as it is.
 * from's state is the caller's to set. */
void sched_hand_over_levels(struct tcb *from, struct tcb *to);
static inline void sched_hand_over(struct tcb *from, struct tcb *to)
{
	if (from->priority != to->priority) {
		sched_hand_over_levels(from, to);
		return;
	}
	from->run_next = from->run_prev = NULL;
	sched_ready[to->priority] = to->run_next = to->run_prev = to;
	to->state = TCB_RUNNABLE;
}

/* sched_note_switch: t is to run now: current, and the switch logged if
 * it is another thread. sched_switch_to: that, then leave the kernel to
 * t, which must be the thread sched_exit would choose. */
static inline void sched_note_switch(struct tcb *t)
{
	if (t != current) {
		t->switches++;
		sched_log[sched_switches++ % SCHED_LOG_SIZE] = (struct sched_record){
			.tick = sched_ticks, .from = (uint64_t)current, .to = (uint64_t)t,
			.priority = t->priority,
		};
	}
	current = t;
}
void __noreturn sched_switch_to(struct tcb *t);

/* sched_idle: no thread can run: report and power off. The grader stops
 * here to read the outcome of a lab-3 test. */
void __noreturn sched_idle(void);

/* sched_quiet: a marker, called each time no thread can run but an
 * interrupt could still wake one (a server waiting for its device): the
 * system has nothing to do until input comes. The grader stops here to
 * read the outcome of a lab-5 test, where the console server always
 * waits for COM1. */
void sched_quiet(void);

#endif /* KERNEL_SCHED_H */
