/*
 * panic.h: stopping the kernel when one of its own invariants is broken.
 *
 * Bad input from user space never panics: it gets an error code. panic()
 * is for kernel bugs: "function: what went wrong".
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include "types.h"

/*
 * panic: print "panic: " and the message, the registers and a backtrace,
 * then end the machine with ERIX_EXIT_PANIC. A panic during a panic stops
 * at once.
 */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

/* assert: panic with the expression, file and line when it is false. */
#define assert(e)                                                       \
	((e) ? (void)0                                                      \
	     : panic("assertion failed: %s (%s:%d)", #e, __FILE__, __LINE__))

#endif /* KERNEL_PANIC_H */
