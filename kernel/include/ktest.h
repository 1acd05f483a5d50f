/*
 * ktest.h: in-kernel test programs, selected with test=NAME on the command
 * line (make qemu ARGS="test=NAME"). The grader drives the same functions
 * through GDB.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

/* ktest_run: run the test called name; panic with the list of tests if
 * there is none of that name. Returns when the test returns. */
void ktest_run(const char *name);

#endif /* KERNEL_KTEST_H */
