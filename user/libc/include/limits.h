/*
 * limits.h: sizes of the integer types (C11 5.2.4.2.1), for x86-64's LP64
 * (char signed, 8 bits; short 16, int 32, long and long long 64), and
 * POSIX's limits on paths and pipes as EriX keeps them.
 *
 * The compiler's own limits.h cannot stand in: under -nostdinc it looks
 * for the C library's with #include_next.
 */
#ifndef _ERIX_LIMITS_H
#define _ERIX_LIMITS_H

#define CHAR_BIT   8
#define MB_LEN_MAX 1 /* only the C locale: one byte a character */

#define SCHAR_MIN (-128)
#define SCHAR_MAX 127
#define UCHAR_MAX 255
#define CHAR_MIN  SCHAR_MIN /* char is signed on x86-64 */
#define CHAR_MAX  SCHAR_MAX

#define SHRT_MIN  (-32767 - 1)
#define SHRT_MAX  32767
#define USHRT_MAX 65535

#define INT_MIN  (-2147483647 - 1)
#define INT_MAX  2147483647
#define UINT_MAX 4294967295U

#define LONG_MIN  (-9223372036854775807L - 1)
#define LONG_MAX  9223372036854775807L
#define ULONG_MAX 18446744073709551615UL

#define LLONG_MIN  (-9223372036854775807LL - 1)
#define LLONG_MAX  9223372036854775807LL
#define ULLONG_MAX 18446744073709551615ULL

/* POSIX (limits.h, "Pathname Variable Values" and "Runtime Invariant
 * Values"): the longest path with its NUL, the longest name in a
 * directory, and the largest write to a pipe that is never split. */
#define PATH_MAX 4096
#define NAME_MAX 255
#define PIPE_BUF 4096

#endif
