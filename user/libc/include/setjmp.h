/* setjmp.h: non-local jumps (C11 7.13, POSIX sigsetjmp; user/libc/setjmp.c).
 *
 * A jmp_buf holds what the x86-64 System V ABI says a called function must
 * give back to its caller: the callee-saved registers rbx, rbp, r12-r15,
 * the stack pointer and the place to return to (rip). Nothing else: the
 * other registers are the caller's to lose at any call.
 *
 * sigjmp_buf, sigsetjmp and siglongjmp are setjmp's for now: EriX has no
 * signals yet, so there is no signal mask to save. */
#ifndef _ERIX_SETJMP_H
#define _ERIX_SETJMP_H

/* The slots of a jmp_buf, in the order setjmp.c stores them. */
enum { JB_RBX, JB_RBP, JB_R12, JB_R13, JB_R14, JB_R15, JB_RSP, JB_RIP, JB_SLOTS };

typedef unsigned long jmp_buf[JB_SLOTS];
typedef jmp_buf sigjmp_buf;

/* setjmp: saves the caller's context in env and returns 0; returns again,
 * with longjmp's value, each time longjmp(env, value) is called. */
__attribute__((returns_twice)) int setjmp(jmp_buf env);

/* longjmp: returns from the setjmp that filled env, again, with value
 * (1 if value is 0). The function that called setjmp must not have
 * returned; its non-volatile locals changed since then are indeterminate. */
_Noreturn void longjmp(jmp_buf env, int value);

#define sigsetjmp(env, savemask) setjmp(env)
#define siglongjmp(env, value) longjmp(env, value)

#endif
