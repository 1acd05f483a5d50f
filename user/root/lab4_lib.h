/*
 * root/lab4_lib.h: what the lab-4 test programs share (lab4_lib.c):
 * their inputs, reports, threads of their own, IPC buffers. lab4.c and
 * lab4_hidden.c are its users; lab4.h says what each program does.
 */
#ifndef USER_ROOT_LAB4_LIB_H
#define USER_ROOT_LAB4_LIB_H

#include "ulib.h"

#define LAB4_STACKS 16 /* threads with a stack of their own at once */

extern const uint64_t *lab4_args; /* the program's inputs (test_args) */
extern erix_cptr_t lab4_ut;       /* the Untyped its objects come from */

/* lab4_start: what every program does first (lab4_args, lab4_ut). */
void lab4_start(void);

/* lab4_S: slot i of the test's range, bootinfo->empty.start + i. */
erix_cptr_t lab4_S(uint64_t i);

/* lab4_report: tag and four values into the kernel's system-call log (an
 * invocation of the null CPtr: it fails and does nothing else), where
 * the grader reads them (lab4.h). */
void lab4_report(uint64_t tag, uint64_t a, uint64_t b, uint64_t c, uint64_t d);

/* lab4_settle: let every thread of the caller's priority run until it
 * waits. */
void lab4_settle(void);

/* lab4_buffer: IPC buffer k (mapped at LAB4_BUFFER(k) by lab4_map_buffer). */
struct erix_ipc_buffer *lab4_buffer(unsigned k);
/* lab4_map_buffer: a fresh Frame mapped at LAB4_BUFFER(k); its slot. */
erix_cptr_t lab4_map_buffer(unsigned k);
/* lab4_root_buffer: give the root task an IPC buffer (LAB4_ROOT_BUFFER). */
void lab4_root_buffer(void);

/* lab4_stack: the top of stack k (< LAB4_STACKS). */
uint64_t lab4_stack(unsigned k);

/* lab4_thread: a TCB in slot `slot` running fn(arg) on stack k, in the
 * root's CSpace and VSpace, with IPC buffer k if `with_buffer`; resumed. */
void lab4_thread(erix_cptr_t slot, unsigned k, void (*fn)(uint64_t), uint64_t arg,
		 bool with_buffer);

/* lab4_stop: the end of a thread: it faults (no handler: it stops). */
void __attribute__((noreturn)) lab4_stop(void);

#endif /* USER_ROOT_LAB4_LIB_H */
