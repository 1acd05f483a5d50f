/*
 * crt0.S: where a libc program starts (lab 6); ulib programs use
 * user/lib/crt0.S instead.
 *
 *   void _start(const struct proc_info *info);   (never returns)
 *
 * The spawner enters here with RDI holding PROC_INFO_ADDR (proc.h) and RSP
 * at the stack's top. _start clears the frame pointer (the end of
 * backtraces), aligns the stack to 16 bytes as the SysV ABI asks at a
 * call (SSE code relies on it), and hands over to __libc_start (start.c),
 * which calls main and exit.
 */
	.section .text.start, "ax"
	.globl _start
_start:
	xorl %ebp, %ebp
	andq $-16, %rsp
	call __libc_start
	ud2
	.section .note.GNU-stack, "", @progbits
