/*
 * sched.h: the scheduler (sched.c): which thread runs, and the way out of
 * the kernel to it. Priorities (0..ERIX_MAX_PRIORITY, erix/ipc.h), round
 * robin within one, time slices ended by the timer (timer.c).
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "types.h"

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

/* sched_idle: no thread can run: report and power off. The grader stops
 * here to read the outcome of a lab-3 test. */
void __noreturn sched_idle(void);

#endif /* KERNEL_SCHED_H */
