/*
 * syscall_decode.c: reading a system call from the registers a thread
 * left (see syscall.h). syscall_handle (syscall.c) calls it first.
 */
#include "syscall.h"
#include <erix/errors.h>
#include <erix/syscall.h>

/*
 * syscall_decode (LAB 3 exercise).
 *
 * Requirements: see syscall.h, and erix/syscall.h for which register
 * holds what: the number in rax; rdi and rsi; then the message registers
 * mr0..mr3 in rdx, r10, r8, r9 (r10, not rcx: the syscall instruction
 * overwrites rcx). The numbers are 1 .. ERIX_SYS_END - 1.
 */
int syscall_decode(const struct user_regs *r, struct invocation *inv)
{
#if LAB3_SOLUTION
	*inv = (struct invocation){
		.nr = r->rax,
		.cptr = r->rdi,
		.label = r->rsi,
		.mr = { r->rdx, r->r10, r->r8, r->r9 },
	};
	return r->rax >= 1 && r->rax < ERIX_SYS_END ? 0 : -ERR_NO_SYSCALL;
#else
	/* LAB 3: your code here. */
	(void)r, (void)inv;
	return -ERR_NOT_IMPLEMENTED;
#endif
}
