/*
 * crt0.S: where every EriX user program starts.
 *
 *   void _start(void);    (never returns)
 *
 * The kernel enters here with a stack; _start clears the frame pointer
 * (the end of backtraces), calls main() and, should main return, spins:
 * there is no exit system call until lab 3 adds one.
 */
	.section .text.start, "ax"
	.globl _start
_start:
	xorl %ebp, %ebp
	andq $-16, %rsp
	call main
1:	pause
	jmp 1b
	.section .note.GNU-stack, "", @progbits
