/*
 * setjmp.c: setjmp and longjmp (setjmp.h) for x86-64.
 *
 * Both are assembly: C cannot name the registers they save. The build
 * compiles only .c files (also for the host tests, grader/Makefrag), so
 * the assembly is a top-level __asm__ block here: it becomes two global
 * functions exactly as if it were a .S file, and the compiler adds
 * nothing to them (no prologue, no sanitizer checks).
 *
 *   int setjmp(jmp_buf env)             env in rdi
 *   void longjmp(jmp_buf env, int val)  env in rdi, val in esi
 *
 * env, by slot (setjmp.h's JB_*), 8 bytes each:
 *
 *   0 rbx   8 rbp   16 r12   24 r13   32 r14   40 r15
 *   48 rsp: the caller's stack pointer after setjmp returns (past the
 *           return address)
 *   56 rip: setjmp's return address
 *
 * longjmp loads them all back and jumps to rip: to the caller it is setjmp
 * returning a second time, with eax = val (1 if val is 0).
 */
#include <setjmp.h>

_Static_assert(sizeof(jmp_buf) == 8 * 8, "setjmp.c stores eight registers");
_Static_assert(JB_RSP == 6 && JB_RIP == 7, "setjmp.c's offsets are the JB_* slots");

__asm__(".text\n"
	".globl setjmp\n"
	".type setjmp, @function\n"
	"setjmp:\n"
	"	movq %rbx, 0(%rdi)\n"
	"	movq %rbp, 8(%rdi)\n"
	"	movq %r12, 16(%rdi)\n"
	"	movq %r13, 24(%rdi)\n"
	"	movq %r14, 32(%rdi)\n"
	"	movq %r15, 40(%rdi)\n"
	"	leaq 8(%rsp), %rdx\n" /* the stack pointer once we return */
	"	movq %rdx, 48(%rdi)\n"
	"	movq (%rsp), %rdx\n" /* our return address */
	"	movq %rdx, 56(%rdi)\n"
	"	xorl %eax, %eax\n"
	"	ret\n"
	".size setjmp, . - setjmp\n"
	"\n"
	".globl longjmp\n"
	".type longjmp, @function\n"
	"longjmp:\n"
	"	movl %esi, %eax\n"
	"	testl %eax, %eax\n"
	"	jnz 1f\n"
	"	incl %eax\n" /* longjmp(env, 0) makes setjmp return 1 */
	"1:	movq 0(%rdi), %rbx\n"
	"	movq 8(%rdi), %rbp\n"
	"	movq 16(%rdi), %r12\n"
	"	movq 24(%rdi), %r13\n"
	"	movq 32(%rdi), %r14\n"
	"	movq 40(%rdi), %r15\n"
	"	movq 48(%rdi), %rsp\n"
	"	jmpq *56(%rdi)\n"
	".size longjmp, . - longjmp\n");
