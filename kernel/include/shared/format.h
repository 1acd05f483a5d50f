/*
 * format.h: printf-style formatting into any character sink.
 *
 * The formatter knows nothing about consoles: kprintf() feeds it the serial
 * console, ksnprintf() a buffer. It compiles for the host as well, where the
 * unit tests compare it with the C library's snprintf().
 *
 * Conversions: %c %s %d %i %u %x %X %p %%
 * Length modifiers: l, ll, z (on %d %i %u %x %X)
 * Flags and fields: '-' (left-align), '0' (zero-pad), a decimal field width,
 *                   and a precision on %s (%.5s prints at most 5 characters).
 * %p prints 0x and 16 lower-case hex digits and ignores width and flags.
 */
#ifndef KERNEL_FORMAT_H
#define KERNEL_FORMAT_H

#include "types.h"

/* A character sink: called once per output character with its `arg`. */
typedef void (*fmt_putc_fn)(void *arg, char c);

/*
 * vformat: format `fmt` with the arguments in `ap`, sending each character
 * to putc(arg, c). Returns the number of characters sent.
 */
int vformat(fmt_putc_fn putc, void *arg, const char *fmt, va_list ap);

/*
 * ksnprintf / kvsnprintf: format into buf[0..size-1], always NUL-terminated
 * when size > 0. Return the length the full output would have had (as C's
 * snprintf does), so a return value >= size means it was truncated.
 */
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif /* KERNEL_FORMAT_H */
