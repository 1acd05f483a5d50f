/*
 * assert.h: diagnostics (C11 7.2; __assert_fail in user/libc/assert.c).
 *
 * assert(e): when NDEBUG is not defined where assert.h is included and e
 * is false, writes "FILE:LINE: FUNCTION: Assertion `e' failed." and a
 * newline to stderr and calls abort(). With NDEBUG, does nothing (e is
 * not evaluated). Like every C library's, this header has no include
 * guard for assert itself: each inclusion redefines it by NDEBUG as then.
 */
#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#ifndef _ERIX_ASSERT_H
#define _ERIX_ASSERT_H

#define static_assert _Static_assert

/* __assert_fail: the failure of assert(expr) at file:line in function
 * func, as assert(e) says above. Never returns. */
_Noreturn void __assert_fail(const char *expr, const char *file, int line, const char *func);

#endif
