/*
 * test_printf.c: user/libc/printf.c (lc_snprintf) and strtod.c (lc_strtod,
 * lc_strtof) against the host's C library.
 *
 * The libc is built for the host with its functions renamed lc_NAME
 * (grader/Makefrag), so both libraries live in this program. Every test
 * formats the same arguments with the same format through lc_snprintf and
 * the host's snprintf and wants the same text and return value, or reads
 * the same string with lc_strtod and strtod and wants the same bits, end
 * and errno. The host is glibc, whose floating output is exact; so must
 * ours be: Lua's output is compared with the host's byte for byte.
 *
 * Most inputs are random, from a fixed seed (a failure is reproducible):
 * formats with random flags, width, precision and length, and doubles
 * drawn from every class (random bits, subnormal, huge, tiny, integers,
 * short binary fractions, whose decimal expansions end in a 5 and so make
 * exact ties). The one difference allowed: %La reads a long double but
 * formats the nearest double, so long doubles are not tested.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

extern int lc_snprintf(char *buf, size_t size, const char *fmt, ...);
extern double lc_strtod(const char *s, char **end);
extern float lc_strtof(const char *s, char **end);
extern int lc_errno;

Suite *printf_suite(void);

typedef int (*snprintf_fn)(char *buf, size_t size, const char *fmt, ...);

/* ---- random numbers: xorshift64*, one fixed seed per test ---------------- */

static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* rng_below: uniform enough in [0, n). */
static unsigned rng_below(unsigned n)
{
	return (unsigned)(rng() % n);
}

static double double_of(uint64_t bits)
{
	double d;

	memcpy(&d, &bits, sizeof(d));
	return d;
}

static uint64_t bits_of(double d)
{
	uint64_t bits;

	memcpy(&bits, &d, sizeof(bits));
	return bits;
}

/* random_double: a double from one of the classes printf must get right. */
static double random_double(void)
{
	uint64_t sign = rng() & (1ULL << 63);
	uint64_t frac = rng() & ((1ULL << 52) - 1);

	switch (rng_below(10)) {
	case 0: /* any bits: NaNs and infinities too */
		return double_of(rng());
	case 1: /* subnormal */
		return double_of(sign | (frac >> rng_below(52)));
	case 2: /* huge */
		return double_of(sign | (uint64_t)(2046 - rng_below(40)) << 52 | frac);
	case 3: /* tiny normal */
		return double_of(sign | (uint64_t)(1 + rng_below(40)) << 52 | frac);
	case 4: /* an integer */
		return (double)(int64_t)(rng() >> rng_below(64)) * (sign ? -1 : 1);
	case 5: /* a short binary fraction: k / 2^j, exact ties for %f */
		return (double)(int64_t)(rng() >> (40 + rng_below(24))) /
		       (double)(1ULL << rng_below(20)) * (sign ? -1 : 1);
	case 6: /* an integer and a half, or a small integer (ties for %e, %g) */
		return (double)(int64_t)(rng() >> (10 + rng_below(54))) +
		       (rng_below(2) ? 0.5 : 0);
	case 7: /* a power of ten, or near one */
		return strtod(rng_below(2) ? "1e22" : "1e-5", NULL) *
		       (double)(1 + rng_below(9)) / (double)(1 + rng_below(10));
	case 8: /* zero, +/- */
		return double_of(sign);
	default: /* everyday sizes */
		return double_of(sign | (uint64_t)(1023 - 30 + rng_below(60)) << 52 | frac);
	}
}

/* ---- formats ------------------------------------------------------------- */

/*
 * random_spec: a random "%[flags][width][.prec]" into buf, with no flag from
 * forbidden; *stars counts the '*' it used (their values go in stars_v).
 */
static char *random_spec(char *p, const char *forbidden, int max_prec, int *stars,
			 int stars_v[2])
{
	static const char flags[] = "-+ #0";

	*stars = 0;
	*p++ = '%';
	for (int i = 0; i < 5; i++)
		if (rng_below(4) == 0 && !strchr(forbidden, flags[i]))
			*p++ = flags[i];
	switch (rng_below(4)) {
	case 0:
		break;
	case 1:
		stars_v[(*stars)++] = (int)rng_below(41) - 20; /* negative: '-' */
		*p++ = '*';
		break;
	default:
		p += sprintf(p, "%u", rng_below(30));
		break;
	}
	switch (rng_below(4)) {
	case 0:
		break;
	case 1:
		stars_v[(*stars)++] = (int)rng_below((unsigned)max_prec + 4) - 3;
		p += sprintf(p, ".*");
		break;
	default:
		p += sprintf(p, ".%u", rng_below((unsigned)max_prec + 1));
		break;
	}
	*p = '\0';
	return p;
}

/* An argument, as both formatters get it. */
enum arg_kind { ARG_INT, ARG_LLONG, ARG_DOUBLE, ARG_STR, ARG_PTR };

struct call {
	char fmt[64];
	int stars;
	int stars_v[2];
	enum arg_kind kind;
	long long i;
	double d;
	const char *s;
};

static int call_with(snprintf_fn fn, char *buf, size_t size, const struct call *c)
{
#define CALL(arg)                                                                       \
	(c->stars == 0	 ? fn(buf, size, c->fmt, arg)                                    \
	 : c->stars == 1 ? fn(buf, size, c->fmt, c->stars_v[0], arg)                     \
			 : fn(buf, size, c->fmt, c->stars_v[0], c->stars_v[1], arg))
	switch (c->kind) {
	case ARG_INT:
		return CALL((int)c->i);
	case ARG_LLONG:
		return CALL(c->i);
	case ARG_DOUBLE:
		return CALL(c->d);
	case ARG_STR:
		return CALL(c->s);
	case ARG_PTR:
		return CALL((void *)(uintptr_t)c->i);
	}
#undef CALL
	return -1;
}

/* check_call: c formatted by both, into buffers of size bytes, the same. */
static void check_call(const struct call *c, size_t size)
{
	static char got[4096], want[4096];
	int got_n, want_n;

	memset(got, 'X', sizeof(got));
	memset(want, 'X', sizeof(want));
	got_n = call_with(lc_snprintf, size ? got : NULL, size, c);
	want_n = call_with(snprintf, size ? want : NULL, size, c);
	EXPECT(got_n == want_n && memcmp(got, want, sizeof(got)) == 0,
	       "format \"%s\" (stars %d %d) of %s 0x%llx / %a, size %zu: "
	       "lc_snprintf gave \"%.*s\" (returned %d), snprintf \"%.*s\" (returned %d)",
	       c->fmt, c->stars > 0 ? c->stars_v[0] : 0, c->stars > 1 ? c->stars_v[1] : 0,
	       c->kind == ARG_DOUBLE ? "double" : "integer",
	       c->kind == ARG_DOUBLE ? (unsigned long long)bits_of(c->d) : (unsigned long long)c->i,
	       c->d, size, (int)(size < 4096 ? size : 4096), got, got_n,
	       (int)(size < 4096 ? size : 4096), want, want_n);
}

/* random_int_call: an integer conversion of every length, random value. */
static void random_int_call(struct call *c)
{
	static const char *lengths[] = { "hh", "h", "", "l", "ll", "j", "z", "t" };
	static const char convs[] = "diouxX";
	int len = (int)rng_below(8);
	char conv = convs[rng_below(6)];
	int is_signed = conv == 'd' || conv == 'i';
	char *p;

	/* '#' on d i u is undefined; + and space are for d i */
	p = random_spec(c->fmt, is_signed || conv == 'u' ? "#" : "+ ", 30, &c->stars, c->stars_v);
	sprintf(p, "%s%c", lengths[len], conv);
	c->kind = len <= 2 ? ARG_INT : ARG_LLONG;
	c->i = (long long)(rng() >> rng_below(64));
	if (rng_below(2))
		c->i = -c->i;
	if (rng_below(10) == 0)
		c->i = rng_below(3) - 1; /* -1, 0, 1 */
	c->d = 0;
}

/* random_float_call: %f %e %g %a (or upper case) of a random double. */
static void random_float_call(struct call *c, int max_prec)
{
	static const char convs[] = "feEgGaAF";
	char conv = convs[rng_below(8)];
	char *p = random_spec(c->fmt, "", max_prec, &c->stars, c->stars_v);

	sprintf(p, "%c", conv);
	c->kind = ARG_DOUBLE;
	c->d = random_double();
	c->i = 0;
}

/* ---- the tests --------------------------------------------------------------- */

/* A few fixed cases, named by their format, that glibc prints its own way.
 * (Through a pointer: gcc would warn of the flags C leaves undefined.) */
static snprintf_fn volatile host_snprintf = snprintf;

#define SAME(...)                                                                     \
	do {                                                                          \
		char got[512], want[512];                                             \
		int got_n = lc_snprintf(got, sizeof(got), __VA_ARGS__);               \
		int want_n = host_snprintf(want, sizeof(want), __VA_ARGS__);          \
		EXPECT(got_n == want_n && strcmp(got, want) == 0,                     \
		       "%s: lc_snprintf gave \"%s\" (%d), snprintf \"%s\" (%d)",      \
		       #__VA_ARGS__, got, got_n, want, want_n);                       \
	} while (0)

START_TEST(test_printf_fixed)
{
	double nan = strtod("nan", NULL), inf = strtod("inf", NULL);

	SAME("plain, 100%%, [%c] [%5c] [%-5c]", 'a', 'b', 'c');
	SAME("[%s] [%10s] [%-10s] [%.2s] [%s] [%.5s] [%.6s]", "str", "right", "left", "cut",
	     (char *)NULL, (char *)NULL, (char *)NULL);
	SAME("[%p] [%20p] [%-20p] [%p] [%+p] [%020p]", (void *)NULL, (void *)NULL, (void *)NULL,
	     (void *)0x1234, (void *)0x10, (void *)0xabc);
	SAME("[%#x] [%#o] [%#.0o] [%.0d] [%5.0x] [%#5.3o] [%+u] [% u]", 0, 0, 0, 0, 0, 8, 5, 5);
	SAME("[%hhd] [%hu] [%lld] [%llx] [%jd] [%zu] [%td]", 300, 70000, -9223372036854775807LL - 1,
	     -1LL, (intmax_t)-5, (size_t)-1, (ptrdiff_t)-7);
	SAME("[%f] [%e] [%g] [%F] [%010f] [%-10e] [%+g] [% G] [%E]", nan, -nan, inf, -inf, inf,
	     nan, nan, -inf, -0.0);
	SAME("[%#g] [%#.0e] [%#.0f] [%g] [%g] [%.0g] [%#.3g] [%g]", 1.0, 1.0, 1.0, 100000.0, 1e-5,
	     0.0, 0.0001, 1e-4);
	SAME("[%.0f] [%.0f] [%.0f] [%.0f] [%.1f] [%.2f] [%.0e] [%.0e]", 0.5, 1.5, 2.5, -0.5, 0.25,
	     0.125, 2.5, 3.5);
	SAME("[%.17g] [%.20e] [%.30f] [%e] [%f]", 0.1, 1.0 / 3, 1e-10, 5e-324, DBL_MAX);
	SAME("[%.0a] [%.0a] [%.1a] [%a] [%a] [%a] [%A] [%.3a] [%#.0a] [%020a] [%.20a]", 1.5,
	     2.5, 1.96875, 0.0, 5e-324, -1.0, 255.5, 1.0, 1.0, 3.0, 1.0);
	SAME("[%.2a] [%a] [%a]", 0x0.fffffffffffffp-1022, DBL_MAX, DBL_MIN);
	SAME("[%.*d] [%-*d] [%*.*f] [%.*f]", -3, 7, -5, 1, -8, -2, 1.5, -1, 2.5);
}
END_TEST

/* %n stores the count so far, into the type its length names. */
START_TEST(test_printf_count)
{
	char buf[64];
	int n = -1;
	signed char hh = -1;
	long long ll = -1;
	int r = lc_snprintf(buf, sizeof(buf), "abc%nde%hhnf%lln", &n, &hh, &ll);

	EXPECT(r == 6 && n == 3 && hh == 5 && ll == 6 && strcmp(buf, "abcdef") == 0,
	       "%%n: returned %d, stored %d %d %lld, text \"%s\"", r, n, hh, ll, buf);
}
END_TEST

/* Random integer conversions: every length, flag, width and precision. */
START_TEST(test_printf_integers)
{
	struct call c;

	rng_state = 0x1234567887654321ULL;
	for (int i = 0; i < 100000; i++) {
		random_int_call(&c);
		check_call(&c, 4096);
	}
}
END_TEST

/* Random %s and %p. */
START_TEST(test_printf_strings)
{
	static const char *strs[] = { "", "a", "hello", "a longer string, with spaces" };
	struct call c;

	rng_state = 0x5555aaaa5555aaaaULL;
	for (int i = 0; i < 20000; i++) {
		char *p = random_spec(c.fmt, "#+ 0", 40, &c.stars, c.stars_v);
		int is_ptr = rng_below(3) == 0;

		if (is_ptr) {
			c.fmt[1] = '\0'; /* %p: width and '-' only */
			p = c.fmt + 1;
			if (rng_below(2))
				p += sprintf(p, "-");
			p += sprintf(p, "%u", rng_below(25));
			c.stars = 0;
		}
		sprintf(p, "%c", is_ptr ? 'p' : 's');
		c.kind = is_ptr ? ARG_PTR : ARG_STR;
		c.s = strs[rng_below(4)];
		c.i = (long long)(rng() >> rng_below(64));
		c.d = 0;
		check_call(&c, 4096);
	}
}
END_TEST

/* Random doubles with %f %e %g %a at precisions 0..20 (and * ones). */
START_TEST(test_printf_floats)
{
	struct call c;

	rng_state = 0x0123456789abcdefULL;
	for (int i = 0; i < 100000; i++) {
		random_float_call(&c, 20);
		check_call(&c, 4096);
	}
}
END_TEST

/* Random doubles at long precisions: up to every digit of the expansion. */
START_TEST(test_printf_floats_long)
{
	struct call c;

	rng_state = 0xfedcba9876543210ULL;
	for (int i = 0; i < 10000; i++) {
		random_float_call(&c, 800);
		if (rng_below(2) == 0 && isfinite(c.d) && c.d != 0) /* near 1 */
			c.d = ldexp(c.d, -ilogb(c.d) + (int)rng_below(128) - 64);
		check_call(&c, 4096);
	}
}
END_TEST

/* Every conversion cut short by a small buffer: the same bytes, the NUL,
 * the whole length returned (and nothing written when size is 0). */
START_TEST(test_printf_truncation)
{
	struct call c;

	rng_state = 0xdeadbeefcafef00dULL;
	for (int i = 0; i < 30000; i++) {
		if (rng_below(2))
			random_int_call(&c);
		else
			random_float_call(&c, 25);
		check_call(&c, rng_below(40));
	}
}
END_TEST

/* ---- strtod ------------------------------------------------------------------- */

/* check_strtod: s read by both, as a double and as a float: the same bits,
 * the same end, the same errno. */
static void check_strtod(const char *s)
{
	char *got_end, *want_end;
	int got_errno, want_errno;
	double got, want;
	float got_f, want_f;

	lc_errno = 0;
	errno = 0;
	got = lc_strtod(s, &got_end);
	got_errno = lc_errno;
	want = strtod(s, &want_end);
	want_errno = errno;
	EXPECT(bits_of(got) == bits_of(want) && got_end == want_end && got_errno == want_errno,
	       "strtod(\"%s\"): lc_strtod gave %a (bits 0x%llx), end +%td, errno %d; "
	       "strtod %a (0x%llx), end +%td, errno %d",
	       s, got, (unsigned long long)bits_of(got), got_end - s, got_errno, want,
	       (unsigned long long)bits_of(want), want_end - s, want_errno);

	lc_errno = 0;
	errno = 0;
	got_f = lc_strtof(s, &got_end);
	got_errno = lc_errno;
	want_f = strtof(s, &want_end);
	want_errno = errno;
	EXPECT(memcmp(&got_f, &want_f, sizeof(float)) == 0 && got_end == want_end &&
		       got_errno == want_errno,
	       "strtof(\"%s\"): lc_strtof gave %a, end +%td, errno %d; strtof %a, end +%td, errno %d",
	       s, (double)got_f, got_end - s, got_errno, (double)want_f, want_end - s,
	       want_errno);
}

/* The forms and the edges, one row each. */
static const char *const strtod_cases[] = {
	"0", "-0", "1", "-1", " \t\n+1.5e3x", "1e", "1e+", "1e-x", ".5", "5.", "-.e1", ".",
	"", "x", "+", "-", "0x", "0x.", "0x.p1", "0X1P4", "0x1p", "0x1.8p-1074", "0x1p-1074",
	"0x1p-1075", "0x1.0000000000001p-1075", "0x1p-1080", "0x1.fffffffffffff8p1023",
	"0x1.fffffffffffff7p1023", "0xffffffffffffffffffffp0", "0x.0000000000000000001p0",
	"nan", "-nan", "NaN(123)", "nan(0x1f)", "nan(", "nan()", "nan(abc_1)", "nan(12", "inf",
	"-Infinity", "infin", "INFINITYx", "1e-310", "2.4703282292062328e-324",
	"2.4703282292062327e-324", "4.9406564584124654e-324", "2.2250738585072011e-308",
	"2.2250738585072014e-308", "2.2250738585072012e-308", "1e-400", "-1e400", "1e999999999",
	"1e-999999999", "1.7976931348623157e308", "1.7976931348623158e308",
	"1.7976931348623159e308", "0.1", "3.14159265358979323846264338327950288",
	"9007199254740993", "9007199254740993.0000000000000000000000001",
	"123456789012345678901234567890e-40", "0000000000000000000000.000000000000000001e18",
	"1e-45", "1.4e-45", "7e-46", "3.4028235e38", "3.4028236e38", "0x1.000001p0",
	"0x1.0000011p0", "0x1.0000008p0", "0x1.0000018p0", "1.00000005960464477539062500000000001",
	"1.000000059604644775390625", "1e23", "8.589973e9", "0.000000000000000000000000000000000001e37",
};

START_TEST(test_strtod_table)
{
	check_strtod(strtod_cases[_i]);
}
END_TEST

/* random_decimal: a random decimal number, of 1..40 significant digits. */
static void random_decimal(char *buf)
{
	int digits = 1 + (int)rng_below(rng_below(2) ? 40 : 17);
	int point = (int)rng_below((unsigned)digits + 2) - 1;
	char *p = buf;

	if (rng_below(4) == 0)
		*p++ = "+-"[rng_below(2)];
	for (int i = 0; i < digits; i++) {
		if (i == point)
			*p++ = '.';
		*p++ = (char)('0' + rng_below(10));
	}
	if (rng_below(4) != 0)
		p += sprintf(p, "e%d", (int)rng_below(700) - 360);
	*p = '\0';
}

/* Random decimal strings, of every size. */
START_TEST(test_strtod_random)
{
	char buf[128];

	rng_state = 0xabcdef0123456789ULL;
	for (int i = 0; i < 100000; i++) {
		random_decimal(buf);
		check_strtod(buf);
	}
}
END_TEST

/*
 * The hard cases: the exact midpoint between two neighbouring doubles (a
 * long double holds it; glibc prints its every digit), and the numbers just
 * above and below it, which differ from it in the 800th digit.
 */
START_TEST(test_strtod_halfway)
{
	static char buf[1024];

	rng_state = 0x0f1e2d3c4b5a6978ULL;
	for (int i = 0; i < 20000; i++) {
		double d = fabs(random_double());
		long double mid;
		char *last;

		if (!isfinite(d) || d == DBL_MAX)
			continue;
		mid = ((long double)d + (long double)nextafter(d, INFINITY)) / 2;
		snprintf(buf, sizeof(buf), "%.800Le", mid);
		last = strchr(buf, 'e');
		switch (rng_below(3)) {
		case 0: /* exactly halfway */
			break;
		case 1: /* just above: the digit before the exponent was 0 */
			last[-1] = '1';
			break;
		default: /* just below: 4999...9 for the last 5 */
			memmove(last - 1, last, strlen(last) + 1);
			for (char *q = last - 2; q > buf && *q == '0'; q--)
				*q = '9';
			{
				char *q = strchr(buf, '.') + 1;
				char *e = strchr(buf, 'e');
				while (e > q && (e[-1] == '9'))
					e--;
				if (e > q && e[-1] != '.')
					e[-1]--;
			}
			break;
		}
		check_strtod(buf);
	}
}
END_TEST

/* Random hexadecimal floats. */
START_TEST(test_strtod_hex)
{
	char buf[64];

	rng_state = 0x1111222233334444ULL;
	for (int i = 0; i < 20000; i++) {
		int n = 1 + (int)rng_below(20), point = (int)rng_below((unsigned)n + 1);
		char *p = buf + sprintf(buf, "%s0x", rng_below(2) ? "-" : "");

		for (int j = 0; j < n; j++) {
			if (j == point)
				*p++ = '.';
			*p++ = "0123456789abcdefABCDEF"[rng_below(22)];
		}
		sprintf(p, "p%d", (int)rng_below(2300) - 1150);
		check_strtod(buf);
	}
}
END_TEST

/* Every double printed with %.17g reads back as itself. */
START_TEST(test_strtod_round_trip)
{
	char buf[64];

	rng_state = 0x9999888877776666ULL;
	for (int i = 0; i < 20000; i++) {
		double d = random_double();

		snprintf(buf, sizeof(buf), "%.*g", 1 + (int)rng_below(17), d);
		check_strtod(buf);
	}
}
END_TEST

Suite *printf_suite(void)
{
	Suite *s = suite_create("printf");
	TCase *tc = tcase_create("lc_snprintf vs snprintf");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_printf_fixed);
	tcase_add_test(tc, test_printf_count);
	tcase_add_test(tc, test_printf_integers);
	tcase_add_test(tc, test_printf_strings);
	tcase_add_test(tc, test_printf_floats);
	tcase_add_test(tc, test_printf_floats_long);
	tcase_add_test(tc, test_printf_truncation);
	suite_add_tcase(s, tc);

	tc = tcase_create("lc_strtod vs strtod");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_strtod_table, 0,
			    sizeof(strtod_cases) / sizeof(strtod_cases[0]));
	tcase_add_test(tc, test_strtod_random);
	tcase_add_test(tc, test_strtod_halfway);
	tcase_add_test(tc, test_strtod_hex);
	tcase_add_test(tc, test_strtod_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
