/*
 * stdio.h: formatted output (C11 7.21.6; user/libc/printf.c).
 *
 * For now only the formatting to memory and the engine under it; FILE
 * streams (fopen, fprintf, printf, ...) come next, on top of __vformat.
 */
#ifndef _ERIX_STDIO_H
#define _ERIX_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

/*
 * __vformat: the printf engine. Formats fmt with the arguments ap, as C11
 * 7.21.6.1 says, handing the text to put(ctx, s, n) piece by piece (n bytes
 * at s, not NUL-terminated, never n == 0). Returns the number of bytes
 * handed over, or -1 if that exceeds INT_MAX.
 *
 * Conversions: d i u o x X c s p n % f F e E g G a A; flags - + space # 0;
 * width and precision, also as *; length modifiers hh h l ll j z t L (L
 * reads a long double and formats it as the nearest double). Floating
 * output is correctly rounded (ties to even), as glibc prints it. %p prints
 * as %#lx does, and "(nil)" for NULL; %s of NULL prints "(null)". %lc and
 * %ls (wide characters) are not supported; an unknown conversion is copied
 * to the output as written.
 */
int __vformat(void (*put)(void *ctx, const char *s, size_t n), void *ctx,
	      const char *fmt, va_list ap);

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vsprintf(char *buf, const char *fmt, va_list ap);
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
