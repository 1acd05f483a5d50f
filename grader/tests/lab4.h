/*
 * tests/lab4.h: what lab 4's tests share (lab4_support.c): the reports
 * the root task's lab-4 programs leave in the kernel's system-call log
 * (user/root/lab4.h), and the threads they make.
 */
#ifndef GRADER_TESTS_LAB4_H
#define GRADER_TESTS_LAB4_H

#include "lab3.h"

/* lab4_find: the report `tag` of the thread whose TCB is at `thread` (0:
 * the root task): its four values in v[]; false if it made none.
 * lab4_report: the same, and the test fails if it is not there (`who`
 * names the thread in the message). */
bool lab4_find(struct vm *vm, uint64_t thread, uint64_t tag, uint64_t v[4]);
void lab4_report(struct vm *vm, uint64_t thread, uint64_t tag, uint64_t v[4], const char *who);

/* lab4_tcb_of: the TCB that root slot S(i) names (the test fails if none). */
uint64_t lab4_tcb_of(struct vm *vm, uint64_t i);

#endif /* GRADER_TESTS_LAB4_H */
