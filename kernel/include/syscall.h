/*
 * syscall.h: the kernel's side of system calls (syscall.c, syscall_decode.c,
 * syscall.S).
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "invocation.h"
#include "uregs.h"
#include <erix/invocation.h>

/* The kernel's record of the last system calls (read by the grader: what
 * the kernel answered, whatever a test program prints). */
struct syscall_record {
	uint64_t nr, cptr, label, mr[4]; /* as decoded */
	int64_t result;                  /* 0 or -error */
	uint64_t out;                    /* the result word returned in rdx */
	uint64_t thread;                 /* the caller's TCB */
};
#define SYSCALL_LOG_SIZE 1024
extern struct syscall_record syscall_log[SYSCALL_LOG_SIZE]; /* [n % SIZE] */
extern uint64_t syscall_count;                                /* calls so far */
/* The calls the fast paths took, which the log leaves out: Yields with
 * nothing to yield to (syscall.S), and Calls and ReplyRecvs (fastpath.c:
 * fastpath_calls, fastpath_replies). */
extern uint64_t syscall_fast_yields;
/* The longest kernel entry so far per invocation label (0: anything but
 * an invocation), in TSC ticks: a figure, for make bench. */
extern uint64_t syscall_longest[ERIX_INVOCATION_END];

/*
 * syscall_decode: read a system call from the registers the thread left
 * (erix/syscall.h) into *inv. Returns 0, or -ERR_NO_SYSCALL when rax is
 * no system call's number. (Lab 3 exercise: the requirements are above it
 * in syscall_decode.c.)
 */
int syscall_decode(const struct user_regs *r, struct invocation *inv);

/* syscall_handle: the C side of syscall.S: run the system call the
 * current thread made (its registers are r, inside its TCB), then leave
 * for whichever thread should run. */
void __noreturn syscall_handle(struct user_regs *r);

#endif /* KERNEL_SYSCALL_H */
