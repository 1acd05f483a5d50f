/*
 * preempt.h: preemption points, so that no system call runs unbounded.
 *
 * The kernel runs with interrupts off. Most calls do a fixed amount of
 * work, but a few do as much as a user has built: revoking a chain of
 * 64,000 derived capabilities, reaping CNodes nested inside CNodes. Those
 * loops call preempt_point() for each unit of work (one capability
 * removed, one slot of a dying CNode looked at). Each kernel entry gets
 * preempt_budget units; once they are spent, the loop stops where it is,
 * with every structure consistent, and returns -ERR_PREEMPTED. The system
 * call layer then sends the thread back to its syscall instruction with
 * its registers as they were (syscall.c): pending interrupts are taken in
 * user mode, and the call runs again, finding where it left off in the
 * state itself (the derivation tree has fewer descendants left; a dying
 * CNode's cursor has moved on). Nothing else needs remembering, which is
 * why the loops are written to restart rather than to resume.
 *
 *   syscall -> [units 1..budget] -> preempted: rip -= 2, back to user
 *           -> (interrupts) -> syscall -> [more units] -> done: result
 *
 * The budget is the kernel command line's preempt=N (N >= 1; default
 * PREEMPT_DEFAULT_BUDGET). The boot-test and the fuzzer set it small, so
 * that restarts happen all the time there.
 */
#ifndef KERNEL_PREEMPT_H
#define KERNEL_PREEMPT_H

#include "types.h"
#include <erix/errors.h>

/* Kernel-internal: "stopped, run the call again". Never reaches user
 * space (syscall.c turns it into a restart), so it is not in the ABI's
 * error list; it is far past the end of it. */
#define ERR_PREEMPTED 1000
_Static_assert(ERR_PREEMPTED >= ERIX_ERROR_COUNT, "ERR_PREEMPTED is an ABI error number");

/* Units of work per kernel entry unless the command line says otherwise:
 * 1024 leaves removed is ~0.3 ms at QEMU's emulated speed, far less on
 * hardware. */
#define PREEMPT_DEFAULT_BUDGET 1024

extern uint64_t preempt_budget;   /* units per entry (preempt_init) */
extern uint64_t preempt_restarts; /* system calls sent back to run again */
extern uint64_t preempt_stops;    /* times preempt_point said stop */

/* preempt_init: read preempt=N from the command line (once, at boot). */
void preempt_init(void);

/* preempt_begin: a new kernel entry: the whole budget is available. */
void preempt_begin(void);

/* preempt_point: count one unit of work. false: go on; true: the budget
 * was already spent: stop and return -ERR_PREEMPTED. Most loops ask
 * before each unit; cdt_reap counts each step after doing it, so that an
 * entry whose budget a nested loop used up still gets one step done.
 * Before the first preempt_begin (host unit tests) the budget is
 * unlimited. */
bool preempt_point(void);

#endif /* KERNEL_PREEMPT_H */
