/*
 * crt0.S: where every EriX user program starts.
 *
 *   void _start(const struct erix_bootinfo *bi);    (never returns)
 *   int main(void);                                 (the program's)
 *
 * The kernel enters here with a stack and, for the root task, RDI pointing
 * at the boot info (erix/bootinfo.h). _start clears the frame pointer (the
 * end of backtraces), hands the boot info to the library, calls main()
 * and, when main returns, erix_exit() with its value.
 */
	.section .text.start, "ax"
	.globl _start
_start:
	xorl %ebp, %ebp
	andq $-16, %rsp
	call ulib_init
	call main
	movl %eax, %edi
	call erix_exit
	ud2
	.section .note.GNU-stack, "", @progbits
