/*
 * sched.h: the scheduler (sched.c): which thread runs, and the way out of
 * the kernel to it. Round robin over the runnable threads, for now; lab 4
 * brings priorities and the timer.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "types.h"

struct tcb;

/* The thread running (or about to), NULL when none. */
extern struct tcb *current;

void sched_add(struct tcb *t);    /* make t runnable, at the tail */
void sched_remove(struct tcb *t); /* take t off the queue, if it is on */
void sched_yield(void);           /* current goes to the tail */
/* sched_check: the run queue's invariants (every thread on it runnable,
 * the links agreeing, each rip one the kernel can return to); NULL, or
 * the first problem (selfcheck.c). */
const char *sched_check(void);

/* sched_exit: leave the kernel to the thread that should run now (the
 * current one if it still can), or power off when none can. */
void __noreturn sched_exit(void);

/* sched_idle: no thread can run: report and power off. The grader stops
 * here to read the outcome of a lab-3 test. */
void __noreturn sched_idle(void);

#endif /* KERNEL_SCHED_H */
