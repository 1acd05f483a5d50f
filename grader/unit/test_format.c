/*
 * test_format.c: kernel/format.c (ksnprintf) against the host's snprintf.
 *
 * Every row of format_cases[] is one format with one argument. The test
 * formats it with both ksnprintf() and the C library's snprintf() and wants
 * the same text and the same return value. The only conversion where EriX
 * differs on purpose is %p (always "0x" and 16 lower-case hex digits, width
 * and flags ignored): its rows give the host format that prints the same,
 * "0x%016lx".
 *
 * Not tested, because EriX does not support them: the '#', '+' and ' '
 * flags, and a precision on numbers.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "unit.h"

#include "format.h"

/* The type of a row's argument, so that both formatters get the same one. */
enum arg_kind {
	ARG_NONE,   /* no argument */
	ARG_CHAR,   /* int (for %c), from .i */
	ARG_STR,    /* const char *, from .s (may be NULL) */
	ARG_INT,    /* int, from .i */
	ARG_UINT,   /* unsigned int, from .u */
	ARG_LONG,   /* long, from .i */
	ARG_ULONG,  /* unsigned long, from .u */
	ARG_LLONG,  /* long long, from .i */
	ARG_ULLONG, /* unsigned long long, from .u */
	ARG_SIZE,   /* size_t, from .u */
	ARG_SSIZE,  /* ssize_t (%zd), from .i */
	ARG_PTR,    /* void * for EriX, unsigned long for the host; from .u */
};

struct format_case {
	const char *fmt;      /* the format given to ksnprintf */
	const char *host_fmt; /* the one given to snprintf; NULL: the same */
	enum arg_kind kind;
	long long i;
	unsigned long long u;
	const char *s;
};

#define NONE(f) { .fmt = (f), .kind = ARG_NONE }
#define CHR(f, v) { .fmt = (f), .kind = ARG_CHAR, .i = (v) }
#define STR(f, v) { .fmt = (f), .kind = ARG_STR, .s = (v) }
#define INT(f, v) { .fmt = (f), .kind = ARG_INT, .i = (v) }
#define UINT(f, v) { .fmt = (f), .kind = ARG_UINT, .u = (v) }
#define LONG(f, v) { .fmt = (f), .kind = ARG_LONG, .i = (v) }
#define ULONG(f, v) { .fmt = (f), .kind = ARG_ULONG, .u = (v) }
#define LLONG(f, v) { .fmt = (f), .kind = ARG_LLONG, .i = (v) }
#define ULLONG(f, v) { .fmt = (f), .kind = ARG_ULLONG, .u = (v) }
#define SIZE(f, v) { .fmt = (f), .kind = ARG_SIZE, .u = (v) }
#define SSIZE(f, v) { .fmt = (f), .kind = ARG_SSIZE, .i = (v) }
#define PTR(f, host, v) \
	{ .fmt = (f), .host_fmt = (host), .kind = ARG_PTR, .u = (v) }

/* The brackets in many formats make the padding visible in a failure. */
static const struct format_case format_cases[] = {
	/* plain text and %% */
	NONE(""),
	NONE("plain text"),
	NONE("100%%"),
	NONE("%%d is not a conversion here"),

	/* %c */
	CHR("%c", 'A'),
	CHR("[%3c]", 'x'),
	CHR("[%-3c]", 'y'),

	/* %s: width, '-', precision, and NULL */
	STR("%s", "hello"),
	STR("[%s]", ""),
	STR("[%8s]", "right"),
	STR("[%-8s]", "left"),
	STR("[%2s]", "longer than the width"),
	STR("[%.3s]", "abcdef"),
	STR("[%.0s]", "abc"),
	STR("[%.10s]", "short"),
	STR("[%8.3s]", "abcdef"),
	STR("[%-8.3s]", "abcdef"),
	STR("%s", NULL),
	STR("[%10s]", NULL),
	STR("[%-10s]", NULL),

	/* %d and %i */
	INT("%d", 0),
	INT("%d", 42),
	INT("%d", -42),
	INT("%i", 123),
	INT("%i", -7),
	INT("%d", INT_MAX),
	INT("%d", INT_MIN),
	INT("[%5d]", 42),
	INT("[%-5d]", 42),
	INT("[%05d]", 42),
	INT("[%5d]", -42),
	INT("[%-5d]", -42),
	INT("[%05d]", -42), /* "-0042": zeros go between sign and digits */
	INT("[%-05d]", -42), /* '-' wins over '0' */
	INT("[%05d]", 0),
	INT("[%2d]", 12345), /* a width smaller than the number */
	INT("[%15d]", INT_MIN),
	INT("[%015d]", INT_MIN),

	/* %u %x %X */
	UINT("%u", 0),
	UINT("%u", 3000000000u),
	UINT("%u", UINT_MAX),
	UINT("%x", 0),
	UINT("%x", 0xdeadbeef),
	UINT("%X", 0xdeadbeef),
	UINT("%x", UINT_MAX),
	UINT("[%08x]", 0xbeef),
	UINT("[%-8X]", 0xbeef),
	UINT("[%8x]", 0xbeef),
	UINT("[%4x]", 0xabcdef),

	/* l */
	LONG("%ld", LONG_MIN),
	LONG("%ld", LONG_MAX),
	LONG("%li", -1),
	ULONG("%lu", ULONG_MAX),
	ULONG("%lx", 0x123456789abcdefUL),
	ULONG("%lX", 0x123456789abcdefUL),
	ULONG("[%016lx]", 0xffff800000000000UL),

	/* ll */
	LLONG("%lld", 0),
	LLONG("%lld", LLONG_MIN),
	LLONG("%lld", LLONG_MAX),
	LLONG("%lli", -9),
	LLONG("[%25lld]", LLONG_MIN),
	LLONG("[%-25lld]", LLONG_MIN),
	LLONG("[%025lld]", LLONG_MIN),
	ULLONG("%llu", 0),
	ULLONG("%llu", ULLONG_MAX),
	ULLONG("%llx", ULLONG_MAX),
	ULLONG("%llX", ULLONG_MAX),
	ULLONG("[%022llu]", ULLONG_MAX),

	/* z */
	SIZE("%zu", 0),
	SIZE("%zu", SIZE_MAX),
	SIZE("%zx", 0x1000),
	SIZE("[%-6zu]", 42),
	SSIZE("%zd", -5),

	/* %p: "0x" and 16 hex digits, whatever the width and flags say */
	PTR("%p", "0x%016lx", 0),
	PTR("%p", "0x%016lx", 0xdeadbeef),
	PTR("%p", "0x%016lx", 0xffffffff80100000UL),
	PTR("[%30p]", "[0x%016lx]", 0x1234),
	PTR("[%-30p]", "[0x%016lx]", 0x1234),
	PTR("[%08p]", "[0x%016lx]", 0x1234),
};

/* A printf-like function: ksnprintf and snprintf both have this type. */
typedef int (*snprintf_fn)(char *buf, size_t size, const char *fmt, ...);

/* format_case_with: format row c with fn and format fmt into buf[size]. */
static int format_case_with(snprintf_fn fn, char *buf, size_t size,
			    const char *fmt, const struct format_case *c)
{
	switch (c->kind) {
	case ARG_NONE:
		return fn(buf, size, fmt);
	case ARG_CHAR:
	case ARG_INT:
		return fn(buf, size, fmt, (int)c->i);
	case ARG_STR:
		return fn(buf, size, fmt, c->s);
	case ARG_UINT:
		return fn(buf, size, fmt, (unsigned int)c->u);
	case ARG_LONG:
		return fn(buf, size, fmt, (long)c->i);
	case ARG_ULONG:
		return fn(buf, size, fmt, (unsigned long)c->u);
	case ARG_LLONG:
		return fn(buf, size, fmt, c->i);
	case ARG_ULLONG:
		return fn(buf, size, fmt, c->u);
	case ARG_SIZE:
		return fn(buf, size, fmt, (size_t)c->u);
	case ARG_SSIZE:
		return fn(buf, size, fmt, (ssize_t)c->i);
	case ARG_PTR:
		/* EriX gets a pointer (%p), the host the same bits as %lx. */
		if (fn == ksnprintf)
			return fn(buf, size, fmt, (void *)(uintptr_t)c->u);
		return fn(buf, size, fmt, (unsigned long)c->u);
	}
	ck_abort_msg("format_case_with: unknown argument kind %d", c->kind);
	return -1;
}

/* Each row: same text and same return value as snprintf. */
START_TEST(test_format_table)
{
	const struct format_case *c = &format_cases[_i];
	const char *host_fmt = c->host_fmt ? c->host_fmt : c->fmt;
	char got[128], want[128];

	int got_n = format_case_with(ksnprintf, got, sizeof(got), c->fmt, c);
	int want_n = format_case_with(snprintf, want, sizeof(want), host_fmt, c);

	ck_assert_msg(strcmp(got, want) == 0 && got_n == want_n,
		      "format \"%s\": ksnprintf gave \"%s\" (returned %d), "
		      "snprintf(\"%s\") gave \"%s\" (returned %d)",
		      c->fmt, got, got_n, host_fmt, want, want_n);
}
END_TEST

/* Several conversions in one format, so that the arguments stay in step. */
START_TEST(test_format_mixed)
{
	const char *fmt = "[%s|%5d|%-4x|%c|%lu|%05lld|%%|%zu]";
	char got[128], want[128];

	int got_n = ksnprintf(got, sizeof(got), fmt, "mix", -12, 0xau, 'q',
			      123456789UL, -7LL, (size_t)99);
	int want_n = snprintf(want, sizeof(want), fmt, "mix", -12, 0xau, 'q',
			      123456789UL, -7LL, (size_t)99);

	ck_assert_msg(strcmp(got, want) == 0 && got_n == want_n,
		      "format \"%s\": ksnprintf gave \"%s\" (returned %d), "
		      "snprintf gave \"%s\" (returned %d)",
		      fmt, got, got_n, want, want_n);
}
END_TEST

/*
 * Truncation: a buffer of `size` bytes. ksnprintf must write exactly what
 * snprintf writes (at most size-1 characters and a NUL, nothing at all when
 * size is 0, no byte past the buffer) and return the untruncated length.
 * Both buffers start filled with '#' and are compared whole.
 */
#define TRUNC_FMT "%d apples and %s" /* with 12345, "pears": 22 characters */

static const size_t trunc_sizes[] = { 0, 1, 2, 5, 6, 21, 22, 23, 40 };

START_TEST(test_format_truncation)
{
	size_t size = trunc_sizes[_i];
	char got[48], want[48];

	memset(got, '#', sizeof(got));
	memset(want, '#', sizeof(want));
	int got_n = ksnprintf(got, size, TRUNC_FMT, 12345, "pears");
	int want_n = snprintf(want, size, TRUNC_FMT, 12345, "pears");

	got[sizeof(got) - 1] = want[sizeof(want) - 1] = '\0'; /* to print them */
	ck_assert_msg(got_n == want_n,
		      "size %zu, format \"%s\": ksnprintf returned %d, "
		      "snprintf %d",
		      size, TRUNC_FMT, got_n, want_n);
	ck_assert_msg(memcmp(got, want, sizeof(got)) == 0,
		      "size %zu, format \"%s\": ksnprintf left \"%s\", "
		      "snprintf \"%s\" ('#' = not written)",
		      size, TRUNC_FMT, got, want);
}
END_TEST

/* Size 0 with no buffer at all: only the length is computed. */
START_TEST(test_format_null_buffer)
{
	int n = ksnprintf(NULL, 0, "%d-%s", -4096, "abc");

	ck_assert_msg(n == 9, "ksnprintf(NULL, 0, \"%s\", -4096, \"abc\") "
		      "returned %d, want 9 (\"-4096-abc\")", "%d-%s", n);
}
END_TEST

Suite *format_suite(void)
{
	Suite *s = suite_create("format");
	TCase *tc = tcase_create("ksnprintf vs snprintf");

	tcase_add_loop_test(tc, test_format_table, 0, ARRAY_SIZE(format_cases));
	tcase_add_test(tc, test_format_mixed);
	suite_add_tcase(s, tc);

	tc = tcase_create("truncation");
	tcase_add_loop_test(tc, test_format_truncation, 0,
			    ARRAY_SIZE(trunc_sizes));
	tcase_add_test(tc, test_format_null_buffer);
	suite_add_tcase(s, tc);
	return s;
}
