/*
 * syscall.S: the system call entry, and the two ways back to user mode.
 *
 *   void syscall_entry(void);                        (MSR_LSTAR)
 *   void syscall_handle(struct user_regs *r);        (syscall.c; never returns)
 *   void user_exit_sysret(struct user_regs *r);      (never return)
 *   void user_exit_iret(struct user_regs *r);
 *
 * `syscall` leaves the user's rip in rcx and rflags in r11, loads the
 * kernel's CS and SS, clears the SFMASK flags (interrupts are off) and
 * jumps here, still on the user's stack. There is one CPU and one kernel
 * stack, so no swapgs: the entry saves the user rsp in a variable, points
 * rsp at the end of the running thread's struct user_regs (in its TCB;
 * syscall_save_area) and pushes the registers into it:
 *
 *   syscall_save_area ->  +------------+  (high)
 *                         | rsp        |  the user's stack pointer
 *                         | rflags     |  from r11
 *                         | rip        |  from rcx
 *                         | r15 .. r8  |
 *                         | rbp        |
 *                         | rdi rsi    |
 *                         | rdx rcx    |  (rcx: the user's rip again)
 *                         | rbx        |
 *   rdi (r) ------------> | rax        |  struct user_regs (uregs.h)
 *                         +------------+  (low)
 *
 * then switches to the kernel stack and calls fastpath(r) (fastpath.c),
 * which returns unless it could take the call straight through, and then
 * syscall_handle(r), which leaves through user_exit (usermode.c) to
 * whichever thread runs next.
 */
#include "tcb_offsets.h"
#define SYS_YIELD 2 /* ERIX_SYS_YIELD (erix/syscall.h; syscall.c checks it) */

#define USER_CS 0x23 /* GDT_UCODE | 3 */
#define USER_SS 0x1b /* GDT_UDATA | 3 */

	.text
	.globl syscall_entry
syscall_entry:
	/* The null system call: a Yield with nothing to yield to (the
	 * thread alone on its ready queue: it is the highest, since it
	 * runs) and no dying CNodes to reap is nothing to do: count it and
	 * return at once, rax 0, every other register as it came. */
	cmpq $SYS_YIELD, %rax
	jne 1f
	movq current(%rip), %rax
	cmpq %rax, TCB_RUN_NEXT(%rax)
	jne 2f
	cmpq $0, cdt_dying_head(%rip)
	jne 2f
	incq TCB_SYSCALLS(%rax)
	incq syscall_fast_yields(%rip)
	xorl %eax, %eax
	sysretq
2:	movl $SYS_YIELD, %eax
1:	movq %rsp, syscall_user_rsp(%rip)
	movq syscall_save_area(%rip), %rsp
	pushq syscall_user_rsp(%rip)
	pushq %r11
	pushq %rcx
	pushq %r15
	pushq %r14
	pushq %r13
	pushq %r12
	pushq %r11
	pushq %r10
	pushq %r9
	pushq %r8
	pushq %rbp
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %rcx
	pushq %rbx
	pushq %rax
	movq %rsp, %rbx /* r, kept across the call (callee-saved) */
	leaq boot_stack_top(%rip), %rsp
	xorl %ebp, %ebp /* backtraces end here */
	movq %rbx, %rdi
	call fastpath   /* Call and ReplyRecv, if it can: no return */
	movq %rbx, %rdi
	call syscall_handle
	ud2

/* user_exit_sysret: load every register from r, rip into rcx and rflags
 * into r11 (their own values are lost: fine after a syscall, which
 * destroys them by definition), the user's rsp last, and sysretq. */
	.globl user_exit_sysret
user_exit_sysret:
	movq %rdi, %rsp
	popq %rax
	popq %rbx
	addq $8, %rsp /* rcx */
	popq %rdx
	popq %rsi
	popq %rdi
	popq %rbp
	popq %r8
	popq %r9
	popq %r10
	addq $8, %rsp /* r11 */
	popq %r12
	popq %r13
	popq %r14
	popq %r15
	popq %rcx /* rip */
	popq %r11 /* rflags */
	popq %rsp
	sysretq

/* user_exit_iret: an interrupt-return frame on the kernel stack, every
 * register from r, iretq. */
	.globl user_exit_iret
user_exit_iret:
	leaq boot_stack_top(%rip), %rsp
	pushq $USER_SS
	pushq 17*8(%rdi) /* rsp */
	pushq 16*8(%rdi) /* rflags */
	pushq $USER_CS
	pushq 15*8(%rdi) /* rip */
	movq 0*8(%rdi), %rax
	movq 1*8(%rdi), %rbx
	movq 2*8(%rdi), %rcx
	movq 3*8(%rdi), %rdx
	movq 4*8(%rdi), %rsi
	movq 6*8(%rdi), %rbp
	movq 7*8(%rdi), %r8
	movq 8*8(%rdi), %r9
	movq 9*8(%rdi), %r10
	movq 10*8(%rdi), %r11
	movq 11*8(%rdi), %r12
	movq 12*8(%rdi), %r13
	movq 13*8(%rdi), %r14
	movq 14*8(%rdi), %r15
	movq 5*8(%rdi), %rdi
	iretq

	.bss
	.balign 8
syscall_user_rsp:
	.quad 0

	.section .note.GNU-stack, "", @progbits
