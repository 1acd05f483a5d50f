/*
 * ktest.h: in-kernel test programs, selected with test=NAME on the command
 * line (make qemu ARGS="test=NAME"). The grader drives the same functions
 * through GDB.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include "types.h"

/* Written by the grader through GDB, at kmain or at roottask_ready (see
 * ktest.c). */
extern char ktest_request[32];
extern char ktest_scratch[4096];
extern uint64_t ktest_args[8];

/* ktest_take_args: ktest_args[i] from the command line's argI=V options
 * (decimal or 0x hex), where given: the inputs of a test, also for the
 * root task's test programs (they get them in the boot info). */
void ktest_take_args(void);

/* ktest_ready: an empty function kmain calls once boot is done: the
 * grader's stopping point. */
void ktest_ready(void);

/* ktest_run: run the kernel test called name and return true when it
 * returns; false if there is no kernel test of that name (the root task's
 * test programs, user/root/, have the other names). */
bool ktest_run(const char *name);

#endif /* KERNEL_KTEST_H */
