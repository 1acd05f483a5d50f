/*
 * assert.c: what a failed assert() does (C11 7.2.1.1; assert.h).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

/* __assert_fail: assert.h has the contract. The message is glibc's
 * layout, so that a program's failure reads the same on both. */
_Noreturn void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
	fprintf(stderr, "%s:%d: %s: Assertion `%s' failed.\n", file, line, func, expr);
	abort();
}
