/*
 * test_math.c: EriX's math library (user/libc/math*.c) against the
 * host's libm, function by function, on random inputs.
 *
 * The library is linked in with every name prefixed lc_ (grader/Makefrag),
 * so both are called in one program:
 *
 *  - the exact functions (rounding to integers, fmod, modf, frexp, ldexp,
 *    scalbn, sqrt, fabs, copysign, fmin, fmax) must give the host's bits
 *    for every input: random bit patterns (subnormals, infinities, NaNs
 *    with payloads), integers, halves and their neighbours, huge and tiny;
 *  - the others must be within 1 ulp of the host's (which is itself
 *    within an ulp of the truth), NaN where it is NaN, the same infinity
 *    and zero sign: random bits, and for each function random points of
 *    its domain, near its special points (0, 1, multiples of pi/2, the
 *    overflow threshold) and at integers; the largest error found is
 *    reported;
 *  - errno: EDOM for domain errors, ERANGE for overflow.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

Suite *math_suite(void);

/* ---- the library under test (user/libc, renamed) ---------------------- */

extern int lc_errno;

extern double lc_fabs(double), lc_floor(double), lc_ceil(double);
extern double lc_trunc(double), lc_round(double), lc_sqrt(double);
extern double lc_copysign(double, double), lc_fmod(double, double);
extern double lc_fmin(double, double), lc_fmax(double, double);
extern double lc_modf(double, double *), lc_frexp(double, int *);
extern double lc_ldexp(double, int), lc_scalbn(double, int);
extern double lc_exp(double), lc_exp2(double), lc_expm1(double);
extern double lc_log(double), lc_log2(double), lc_log10(double), lc_log1p(double);
extern double lc_pow(double, double), lc_hypot(double, double);
extern double lc_sinh(double), lc_cosh(double), lc_tanh(double);
extern double lc_sin(double), lc_cos(double), lc_tan(double);
extern double lc_asin(double), lc_acos(double), lc_atan(double);
extern double lc_atan2(double, double);

/* ---- random inputs ------------------------------------------------------ */

static uint64_t rng;
static uint64_t rnd(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return rng;
}

static void seed(int round)
{
	rng = 0x2545f4914f6cdd1dull ^ ((uint64_t)(round + 1) * 0x9e3779b97f4a7c15ull);
}

static uint64_t below(uint64_t n)
{
	return rnd() % n;
}

static uint64_t bits_of(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof(u));
	return u;
}

static double double_of(uint64_t u)
{
	double x;
	memcpy(&x, &u, sizeof(x));
	return x;
}

/* uniform: a random double in [lo, hi]. */
static double uniform(double lo, double hi)
{
	return lo + (hi - lo) * ((double)(rnd() >> 11) * 0x1p-53);
}

/* nudge: x moved by a few ulps either way (or not at all). */
static double nudge(double x)
{
	int64_t d = (int64_t)below(9) - 4;
	if (x == 0 || isinf(x) || isnan(x))
		return x;
	return double_of(bits_of(x) + (uint64_t)d);
}

static const double specials[] = {
	0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.0, -2.0, 3.0, 0.1,
	DBL_MIN, -DBL_MIN, DBL_MAX, -DBL_MAX, DBL_TRUE_MIN, -DBL_TRUE_MIN,
	0x1p-1060, 0x0.fffffffffffffp-1022, 0x1p52, 0x1p53, -0x1p52, 0x1.8p52,
	4503599627370495.5, -4503599627370495.5, 0.49999999999999994,
	-0.49999999999999994, INFINITY, -INFINITY, NAN, -NAN, 710.0, -745.0,
	M_PI, M_PI_2, M_PI_4, 1e6, 1e22, 1e300, 1e-300, 22.0, 40.0, 709.78,
};
#define NSPECIALS (sizeof(specials) / sizeof(specials[0]))

/* rand_any: a double of any kind: raw bits (all classes), a special
 * value or its neighbours, an integer, a half, or a random magnitude. */
static double rand_any(void)
{
	switch (below(6)) {
	case 0:
		return double_of(rnd());
	case 1:
		return nudge(specials[below(NSPECIALS)]);
	case 2: /* an integer or a half, maybe a neighbour */
		return nudge((double)((int64_t)rnd() >> below(63)) / (below(2) ? 1 : 2));
	case 3:
		return (double)((int)below(41) - 20) / 2;
	case 4: /* a random magnitude from tiny to huge */
		return ldexp(uniform(1, 2), (int)below(2100) - 1075) * (below(2) ? 1 : -1);
	default:
		return uniform(-10, 10);
	}
}

/* ---- comparisons ------------------------------------------------------- */

/* ordered: x's place on the line of doubles (adjacent doubles differ by 1). */
static int64_t ordered(double x)
{
	uint64_t u = bits_of(x);
	return (u >> 63) ? -(int64_t)(u & ~(1ull << 63)) : (int64_t)u;
}

/* ulps: how many doubles apart got and want are; 0 for two NaNs, huge
 * for a NaN and a number. */
static double ulps(double got, double want)
{
	if (isnan(got) || isnan(want))
		return isnan(got) && isnan(want) ? 0 : 1e300;
	int64_t d = ordered(got) - ordered(want);
	return d < 0 ? -(double)d : (double)d;
}

/* same: bit for bit (a NaN may differ only in its sign, which x86 leaves
 * unspecified for the NaN it makes). */
static int same(double got, double want)
{
	if (isnan(got) && isnan(want))
		return ((bits_of(got) ^ bits_of(want)) << 1) == 0;
	return bits_of(got) == bits_of(want);
}

/* ---- exact functions ----------------------------------------------------- */

#define N 4000 /* inputs of each round of each test */
#define ROUNDS 4

static const struct unary_exact {
	const char *name;
	double (*lc)(double), (*host)(double);
} unary_exact[] = {
	{ "fabs", lc_fabs, fabs }, { "floor", lc_floor, floor },
	{ "ceil", lc_ceil, ceil }, { "trunc", lc_trunc, trunc },
	{ "round", lc_round, round }, { "sqrt", lc_sqrt, sqrt },
};
#define NUNARY_EXACT (int)(sizeof(unary_exact) / sizeof(unary_exact[0]))

START_TEST(test_unary_exact)
{
	const struct unary_exact *f = &unary_exact[_i % NUNARY_EXACT];
	seed(_i);
	for (int i = 0; i < N; i++) {
		double x = rand_any();
		double got = f->lc(x), want = f->host(x);
		ck_assert_msg(same(got, want), "%s(%a) = %a, host %a", f->name, x, got, want);
	}
}
END_TEST

/* The host's functions through pointers, so that the compiler calls
 * libm's and does not expand its own version inline. */
static double (*volatile host_fmod)(double, double) = fmod;
static double (*volatile host_copysign)(double, double) = copysign;
static double (*volatile host_fmin)(double, double) = fmin;
static double (*volatile host_fmax)(double, double) = fmax;
static double (*volatile host_scalbn)(double, int) = scalbn;
static double (*volatile host_ldexp)(double, int) = ldexp;
static double (*volatile host_frexp)(double, int *) = frexp;
static double (*volatile host_modf)(double, double *) = modf;

START_TEST(test_binary_exact)
{
	seed(_i);
	for (int i = 0; i < N; i++) {
		double x = rand_any(), y = rand_any();
		if (below(4) == 0) /* y near x, or a small divisor */
			y = below(2) ? nudge(x) : (double)(below(7) + 1) / 2;
		double got, want;
		got = lc_fmod(x, y), want = host_fmod(x, y);
		ck_assert_msg(same(got, want), "fmod(%a, %a) = %a, host %a", x, y, got, want);
		got = lc_copysign(x, y), want = host_copysign(x, y);
		ck_assert_msg(same(got, want), "copysign(%a, %a) = %a, host %a", x, y, got, want);
		got = lc_fmin(x, y), want = host_fmin(x, y);
		ck_assert_msg(same(got, want) || (got == want && x == y), /* +-0: either */
			      "fmin(%a, %a) = %a, host %a", x, y, got, want);
		got = lc_fmax(x, y), want = host_fmax(x, y);
		ck_assert_msg(same(got, want) || (got == want && x == y),
			      "fmax(%a, %a) = %a, host %a", x, y, got, want);

		int n = below(3) ? (int)below(2300) - 1150 : (int)rnd();
		got = lc_scalbn(x, n), want = host_scalbn(x, n);
		ck_assert_msg(same(got, want), "scalbn(%a, %d) = %a, host %a", x, n, got, want);
		got = lc_ldexp(x, n), want = host_ldexp(x, n);
		ck_assert_msg(same(got, want), "ldexp(%a, %d) = %a, host %a", x, n, got, want);

		int e1 = 12345, e2 = 12345;
		got = lc_frexp(x, &e1), want = host_frexp(x, &e2);
		ck_assert_msg(same(got, want) && (e1 == e2 || !isfinite(x)),
			      "frexp(%a) = %a, %d; host %a, %d", x, got, e1, want, e2);
		double i1, i2;
		got = lc_modf(x, &i1), want = host_modf(x, &i2);
		ck_assert_msg(same(got, want) && same(i1, i2),
			      "modf(%a) = %a, %a; host %a, %a", x, got, i1, want, i2);
	}
}
END_TEST

/* ---- functions within an ulp ---------------------------------------------- */

/* A function of one argument, the range of its interesting inputs, and
 * points near which it is delicate. */
static const struct unary {
	const char *name;
	double (*lc)(double), (*host)(double);
	double lo, hi;
	double near[4];
	double tol; /* ulps allowed: 1, or 2 where glibc's own error reaches 2 */
} unary[] = {
	{ "exp", lc_exp, exp, -750, 750, { 0, 709.782712893384, -708.39641853226, -745.1332191 }, 1 },
	{ "exp2", lc_exp2, exp2, -1080, 1030, { 0, 1024, -1022, -1074 }, 1 },
	{ "expm1", lc_expm1, expm1, -50, 710, { 0, 0.5, -0.5, 709.782712893384 }, 1 },
	{ "log", lc_log, log, 0, 1e3, { 1, 0.5, 2, 0x1.6a09e667f3bcdp+0 }, 1 },
	{ "log2", lc_log2, log2, 0, 1e3, { 1, 0.5, 2, 1024 }, 1 },
	{ "log10", lc_log10, log10, 0, 1e3, { 1, 10, 0.1, 1000 }, 1 },
	{ "log1p", lc_log1p, log1p, -1, 10, { 0, -1, 1, -0.5 }, 1 },
	{ "sinh", lc_sinh, sinh, -720, 720, { 0, 1, 40, 710.4758600739439 }, 2 },
	{ "cosh", lc_cosh, cosh, -720, 720, { 0, 1, 40, 710.4758600739439 }, 2 },
	{ "tanh", lc_tanh, tanh, -25, 25, { 0, 0.5, 1, 22 }, 2 },
	{ "sin", lc_sin, sin, -1e6, 1e6, { 0, M_PI_2, M_PI, 355 }, 1 },
	{ "cos", lc_cos, cos, -1e6, 1e6, { 0, M_PI_2, M_PI, 103993 }, 1 },
	{ "tan", lc_tan, tan, -1e6, 1e6, { 0, M_PI_4, M_PI_2, 1e22 }, 1 },
	{ "asin", lc_asin, asin, -1, 1, { 0, 0.5, 1, -1 }, 1 },
	{ "acos", lc_acos, acos, -1, 1, { 0, 0.5, 1, -1 }, 1 },
	{ "atan", lc_atan, atan, -100, 100, { 0, 1, -1, 0x1p60 }, 1 },
};
#define NUNARY (int)(sizeof(unary) / sizeof(unary[0]))

/* rand_arg: an input for f: any double, a point of its range, one near
 * its delicate points (or their multiples, for the trigonometry), an
 * integer of its range. */
static double rand_arg(double lo, double hi, const double *near)
{
	switch (below(5)) {
	case 0:
		return rand_any();
	case 1: case 2:
		return uniform(lo, hi);
	case 3: {
		double p = near[below(4)];
		if (below(2))
			p *= (double)(below(1000) + 1);
		if (below(2))
			p += ldexp(uniform(-1, 1), -(int)below(60));
		return nudge(below(2) ? p : -p);
	}
	default:
		return nudge(round(uniform(lo, hi)));
	}
}

/* check_ulps: fails with the worst case if it is more than 1 ulp off. */
#define REPORT(name, tol, worst, wx, wy, got, want)                               \
	ck_assert_msg(worst <= tol, "%s: max error %.0f ulp, at %a %a: %a, host %a", \
		      name, worst, wx, wy, got, want)

START_TEST(test_unary)
{
	const struct unary *f = &unary[_i % NUNARY];
	double worst = 0, wx = 0, wg = 0, ww = 0;
	seed(_i);
	for (int i = 0; i < N; i++) {
		double x = rand_arg(f->lc == lc_sin || f->lc == lc_cos || f->lc == lc_tan ?
					    (below(4) ? -1e6 : -1e300) : f->lo,
				    f->lc == lc_sin || f->lc == lc_cos || f->lc == lc_tan ?
					    (below(4) ? 1e6 : 1e300) : f->hi, f->near);
		double got = f->lc(x), want = f->host(x);
		double u = ulps(got, want);
		if (isinf(want) || want == 0) /* the same infinity, the same zero */
			u = same(got, want) ? 0 : 1e300;
		if (u > worst)
			worst = u, wx = x, wg = got, ww = want;
	}
	REPORT(f->name, f->tol, worst, wx, 0.0, wg, ww);
}
END_TEST

static const struct binary {
	const char *name;
	double (*lc)(double, double), (*host)(double, double);
} binary[] = {
	{ "pow", lc_pow, pow }, { "atan2", lc_atan2, atan2 }, { "hypot", lc_hypot, hypot },
};
#define NBINARY (int)(sizeof(binary) / sizeof(binary[0]))

START_TEST(test_binary)
{
	const struct binary *f = &binary[_i % NBINARY];
	double worst = 0, wx = 0, wy = 0, wg = 0, ww = 0;
	seed(_i);
	for (int i = 0; i < N; i++) {
		double x = rand_any(), y = rand_any();
		switch (below(6)) {
		case 0: /* a negative base, an integer exponent */
			x = -uniform(0, 10), y = (double)((int)below(200) - 100);
			break;
		case 1: /* square roots */
			y = 0.5;
			x = fabs(x);
			break;
		case 2: /* near 1, large powers; results near the range's ends */
			x = 1 + ldexp(uniform(-1, 1), -(int)below(50));
			y = uniform(-1, 1) * 750 / fabs(log(x));
			break;
		case 3:
			x = uniform(0, 100), y = uniform(-100, 100);
			break;
		case 4: /* exact powers */
			x = (double)below(20), y = (double)below(20);
			break;
		}
		double got = f->lc(x, y), want = f->host(x, y);
		double u = ulps(got, want);
		if (isinf(want) || want == 0)
			u = same(got, want) ? 0 : 1e300;
		if (u > worst)
			worst = u, wx = x, wy = y, wg = got, ww = want;
	}
	REPORT(f->name, 1, worst, wx, wy, wg, ww);
}
END_TEST

/* ---- errno --------------------------------------------------------------- */

static const struct errno_case {
	const char *name;
	double (*f)(double);
	double x;
	int err;
} errno_cases[] = {
	{ "sqrt", lc_sqrt, -1, EDOM }, { "log", lc_log, -1, EDOM },
	{ "log", lc_log, 0, ERANGE }, { "log1p", lc_log1p, -2, EDOM },
	{ "asin", lc_asin, 2, EDOM }, { "acos", lc_acos, -2, EDOM },
	{ "sin", lc_sin, INFINITY, EDOM }, { "cos", lc_cos, -INFINITY, EDOM },
	{ "exp", lc_exp, 1000, ERANGE }, { "cosh", lc_cosh, 1000, ERANGE },
	{ "sinh", lc_sinh, -1000, ERANGE }, { "exp2", lc_exp2, 2000, ERANGE },
};

START_TEST(test_errno)
{
	const struct errno_case *c = &errno_cases[_i];
	lc_errno = 0;
	double r = c->f(c->x);
	ck_assert_msg(lc_errno == c->err, "%s(%g): errno %d, want %d", c->name, c->x,
		      lc_errno, c->err);
	if (c->err == EDOM)
		ck_assert_msg(isnan(r), "%s(%g) = %a, want NaN", c->name, c->x, r);
	else
		ck_assert_msg(isinf(r), "%s(%g) = %a, want inf", c->name, c->x, r);
	lc_errno = 0;
	lc_pow(-2, 0.5);
	ck_assert_int_eq(lc_errno, EDOM);
	lc_errno = 0;
	ck_assert(lc_pow(10, 400) == HUGE_VAL && lc_errno == ERANGE);
}
END_TEST

Suite *math_suite(void)
{
	Suite *s = suite_create("math");
	TCase *tc = tcase_create("exact");
	tcase_add_loop_test(tc, test_unary_exact, 0, NUNARY_EXACT * ROUNDS);
	tcase_add_loop_test(tc, test_binary_exact, 0, ROUNDS * 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("ulp");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_unary, 0, NUNARY * ROUNDS);
	tcase_add_loop_test(tc, test_binary, 0, NBINARY * ROUNDS * 2);
	tcase_add_loop_test(tc, test_errno, 0,
			    (int)(sizeof(errno_cases) / sizeof(errno_cases[0])));
	suite_add_tcase(s, tc);
	return s;
}
