/*
 * ktest.h: in-kernel test programs, selected with test=NAME on the command
 * line (make qemu ARGS="test=NAME"). The grader drives the same functions
 * through GDB.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include "types.h"

/* Written by the grader through GDB (see ktest.c). */
extern char ktest_request[32];
extern char ktest_scratch[4096];
extern uint64_t ktest_args[8];

/* ktest_ready: an empty function kmain calls once boot is done: the
 * grader's stopping point. */
void ktest_ready(void);

/* ktest_run: run the test called name; panic with the list of tests if
 * there is none of that name. Returns when the test returns. */
void ktest_run(const char *name);

#endif /* KERNEL_KTEST_H */
