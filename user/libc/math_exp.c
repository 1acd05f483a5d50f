/*
 * math_exp.c: exponentials, logarithms, powers, hyperbolic functions and
 * hypot (math.h).
 *
 * Each is computed in double-double arithmetic (math_dd.h) from two
 * kernels, then rounded once:
 *
 *  - exp: x = k ln2 + r with |r| <= ln2/2 (k an integer, r computed with
 *    ln2 to 106 bits), exp(r) = exp(r/256)^256, and exp(r/256) by its
 *    Taylor series to the 11th power (the next term is below 2^-110);
 *  - log: x = m 2^e with m in [1/sqrt2, sqrt2), and
 *    log m = 2 atanh s = 2 (s + s^3/3 + s^5/5 + ...), s = (m-1)/(m+1),
 *    |s| <= 0.172, 23 terms.
 *
 * Simple and slow (a few hundred floating-point operations a call), and
 * within an ulp, nearly always correctly rounded.
 */
#include <errno.h>
#include <math.h>

#include "math_dd.h"

#define DD_INV_LN2 dd(0x1.71547652b82fep+0, 0x1.777d0ffda0d24p-56)
#define DD_INV_LN10 dd(0x1.bcb7b1526e50ep-2, 0x1.95355baaafad3p-57)

/* dd_div_d: a / d for a double d. */
static struct dd dd_div_d(struct dd a, double d)
{
	double q1 = a.hi / d;
	struct dd r = dd_sub(a, two_prod(q1, d));
	return fast_two_sum(q1, r.hi / d);
}

/* pow2: 2^n for n in [-1022, 1023]. */
static double pow2(int n)
{
	return from_bits((uint64_t)(n + 1023) << 52);
}

/* dd_scale: m * 2^k rounded once to double, m > 0 normalized (its lo at
 * most half an ulp of its hi): inf with errno ERANGE above the range,
 * and rounded to nearest in the subnormal range (errno ERANGE there too). */
static double dd_scale(struct dd m, int k)
{
	if (m.hi == 0)
		return m.hi;
	int e = biased_exp(m.hi) - 1023 + k;
	if (e >= -1022)
		return scalbn(m.hi, k); /* exact, or inf */
	__math_errno(ERANGE);
	if (e < -1076)
		return 0.0;
	/* v = m * 2^(k + 1074) < 2^52: its nearest integer counts the
	 * smallest subnormals in the result. */
	int f = k + 1074;
	struct dd v = dd(scalbn(m.hi, f), scalbn(m.lo, f));
	double t = floor(v.hi);
	double frac = (v.hi - t) + v.lo;
	if (frac < 0) {
		t -= 1;
		frac += 1;
	}
	if (frac > 0.5 || (frac == 0.5 && fmod(t, 2) == 1))
		t += 1;
	return from_bits((uint64_t)t);
}

/* ---- the kernels ----------------------------------------------------- */

/* __exp_dd: exp(x) as m * 2^*k, m in about [0.7, 1.5]; |x.hi| < 750. */
struct dd __exp_dd(struct dd x, int *k)
{
	double kf = floor(x.hi * 0x1.71547652b82fep+0 + 0.5);
	struct dd r = dd_sub(x, dd_mul_d(DD_LN2, kf));
	r.hi /= 256;
	r.lo /= 256;
	struct dd p = dd(1, 0);
	for (int n = 11; n >= 1; n--)
		p = dd_add(dd(1, 0), dd_div_d(dd_mul(p, r), n));
	for (int i = 0; i < 8; i++)
		p = dd_mul(p, p);
	*k = (int)kf;
	return p;
}

/* log_reduced: log m for m in [1/sqrt2, sqrt2], by the atanh series. */
static struct dd log_reduced(struct dd m)
{
	struct dd s = dd_div(dd_sub(m, dd(1, 0)), dd_add(m, dd(1, 0)));
	struct dd s2 = dd_mul(s, s);
	struct dd p = dd_div_d(dd(1, 0), 47);
	for (int n = 45; n >= 1; n -= 2)
		p = dd_add(dd_mul(p, s2), dd_div_d(dd(1, 0), n));
	p = dd_mul(p, s);
	return dd(2 * p.hi, 2 * p.lo);
}

/* log_parts: log x = *e ln2 + the result, for a normalized x > 0 whose
 * hi is a normal double. */
static struct dd log_parts(struct dd x, int *e)
{
	int be = biased_exp(x.hi) - 1023;
	struct dd m = dd(scalbn(x.hi, -be), scalbn(x.lo, -be));
	if (m.hi > 0x1.6a09e667f3bcdp+0) { /* sqrt2 */
		m.hi /= 2;
		m.lo /= 2;
		be++;
	}
	*e = be;
	return log_reduced(m);
}

struct dd __log_dd(struct dd x)
{
	int e;
	struct dd l = log_parts(x, &e);
	return dd_add(dd_mul_d(DD_LN2, e), l);
}

/* log_arg: the special cases of the logarithms of x: returns 1 with the
 * answer in *res for NaN, inf, 0 and negatives; else 0, with x made
 * normal (x = *m * 2^*shift). */
static int log_arg(double x, double *res, double *m, int *shift)
{
	if (x != x) {
		*res = x + x;
		return 1;
	}
	if (x == 0) {
		__math_errno(ERANGE);
		*res = -HUGE_VAL;
		return 1;
	}
	if (x < 0) {
		__math_errno(EDOM);
		*res = (x - x) / (x - x);
		return 1;
	}
	if (biased_exp(x) == 0x7ff) {
		*res = x;
		return 1;
	}
	*shift = 0;
	if (biased_exp(x) == 0) {
		x *= 0x1p54;
		*shift = -54;
	}
	*m = x;
	return 0;
}

double log(double x)
{
	double res, m;
	int shift, e;
	if (log_arg(x, &res, &m, &shift))
		return res;
	struct dd l = log_parts(dd(m, 0), &e);
	return dd_round(dd_add(dd_mul_d(DD_LN2, e + shift), l));
}

double log2(double x)
{
	double res, m;
	int shift, e;
	if (log_arg(x, &res, &m, &shift))
		return res;
	struct dd l = log_parts(dd(m, 0), &e);
	return dd_round(dd_add(dd(e + shift, 0), dd_mul(l, DD_INV_LN2)));
}

double log10(double x)
{
	double res, m;
	int shift, e;
	if (log_arg(x, &res, &m, &shift))
		return res;
	struct dd l = log_parts(dd(m, 0), &e);
	return dd_round(dd_mul(dd_add(dd_mul_d(DD_LN2, e + shift), l), DD_INV_LN10));
}

/* log1p: log(1 + x), with 1 + x kept exactly as a double-double. */
double log1p(double x)
{
	if (x != x)
		return x + x;
	if (x == -1) {
		__math_errno(ERANGE);
		return -HUGE_VAL;
	}
	if (x < -1) {
		__math_errno(EDOM);
		return (x - x) / (x - x);
	}
	if (biased_exp(x) == 0x7ff || fabs(x) < 0x1p-60)
		return x;
	return dd_round(__log_dd(two_sum(1, x)));
}

/* ---- exponentials ---------------------------------------------------- */

/* exp_of: e^x for a double-double x, the range checked here. */
static double exp_of(struct dd x)
{
	if (x.hi > 710) {
		__math_errno(ERANGE);
		return HUGE_VAL;
	}
	if (x.hi < -746) {
		__math_errno(ERANGE);
		return 0;
	}
	int k;
	struct dd m = __exp_dd(x, &k);
	return dd_scale(m, k);
}

double exp(double x)
{
	if (x != x)
		return x + x;
	if (biased_exp(x) == 0x7ff)
		return x > 0 ? x : 0.0;
	return exp_of(dd(x, 0));
}

double exp2(double x)
{
	if (x != x)
		return x + x;
	if (biased_exp(x) == 0x7ff)
		return x > 0 ? x : 0.0;
	if (x >= 1024) {
		__math_errno(ERANGE);
		return HUGE_VAL;
	}
	if (x < -1080) {
		__math_errno(ERANGE);
		return 0;
	}
	if (x == trunc(x))
		return scalbn(1.0, (int)x);
	return exp_of(dd_mul_d(DD_LN2, x));
}

/* expm1_small: e^x - 1 for |x| <= 1/2, by its Taylor series
 * x (1 + x/2 (1 + x/3 (1 + ...))) to the 27th power. */
static struct dd expm1_small(struct dd x)
{
	struct dd p = dd(1, 0);
	for (int n = 27; n >= 2; n--)
		p = dd_add(dd(1, 0), dd_div_d(dd_mul(p, x), n));
	return dd_mul(p, x);
}

/* expm1_dd: e^x - 1 for |x| < 100. */
static struct dd expm1_dd(double x)
{
	if (fabs(x) <= 0.5)
		return expm1_small(dd(x, 0));
	int k;
	struct dd m = __exp_dd(dd(x, 0), &k);
	double s = pow2(k);
	return dd_sub(dd(m.hi * s, m.lo * s), dd(1, 0));
}

double expm1(double x)
{
	if (x != x)
		return x + x;
	if (fabs(x) < 0x1p-60)
		return x;
	if (x < -40)
		return -1.0;
	if (x > 100)
		return exp(x);
	return dd_round(expm1_dd(x));
}

/* ---- pow ------------------------------------------------------------- */

/* int_kind: 0 if y is not an integer, 1 if an odd one, 2 if even. */
static int int_kind(double y)
{
	if (biased_exp(y) == 0x7ff || trunc(y) != y)
		return 0;
	if (fabs(y) >= 0x1p53)
		return 2;
	return fmod(y, 2) != 0 ? 1 : 2;
}

/* int_pow: x^n for x > 0 and 0 < |n| <= 64, x^n well inside the range,
 * by squaring and multiplying in double-double: exact when x^n has up to
 * 106 bits, so that ties (x^n halfway between two doubles) round to even
 * as they should. */
static double int_pow(double x, int n)
{
	struct dd r = dd(1, 0), p = dd(x, 0);
	for (unsigned k = n < 0 ? -n : n; k; k >>= 1) {
		if (k & 1)
			r = dd_mul(r, p);
		p = dd_mul(p, p);
	}
	if (n < 0)
		r = dd_div(dd(1, 0), r);
	return dd_round(r);
}

/* pow: x^y, with the special cases of C11 F.10.4.4; for x < 0, y must
 * be an integer (NaN and errno EDOM otherwise), and the sign is x's if y
 * is odd. The result is sqrt(x) for y = 1/2, int_pow for small integers
 * y, else e^(y log|x|), the product to 106 bits. A signaling NaN
 * argument gives a NaN, even with y = 0 or x = 1. */
double pow(double x, double y)
{
	if (is_snan(x) || is_snan(y))
		return nan_of(x, y);
	if (y == 0 || x == 1)
		return 1.0;
	if (x != x || y != y)
		return nan_of(x, y);
	int kind = int_kind(y);
	double sign = (x < 0 || (x == 0 && signbit(x))) && kind == 1 ? -1.0 : 1.0;
	double ax = fabs(x);
	if (ax == 0) {
		if (y > 0)
			return sign * 0.0;
		__math_errno(ERANGE);
		return sign * HUGE_VAL;
	}
	if (biased_exp(y) == 0x7ff) {
		if (ax == 1)
			return 1.0;
		return (ax < 1) == (y < 0) ? HUGE_VAL : 0.0;
	}
	if (biased_exp(x) == 0x7ff)
		return y > 0 ? sign * HUGE_VAL : sign * 0.0;
	if (x < 0 && kind == 0) {
		__math_errno(EDOM);
		return (x - x) / (x - x);
	}
	if (ax == 1)
		return sign;
	/* |log|x|| >= 2^-53 here, so for |y| >= 2^64 the result is out of range. */
	double big = (ax < 1) == (y < 0) ? HUGE_VAL : 0.0;
	if (fabs(y) >= 0x1p64) {
		__math_errno(ERANGE);
		return sign * big;
	}
	if (y == 0.5)
		return fpu_sqrt(x); /* correctly rounded: the same as sqrt */
	int ex = biased_exp(ax) - 1023;
	if (kind != 0 && fabs(y) <= 64 && ex > -900 / 64 && ex < 900 / 64)
		return sign * int_pow(ax, (int)y);
	int shift = 0;
	if (biased_exp(ax) == 0) {
		ax *= 0x1p54;
		shift = -54;
	}
	int e;
	struct dd l = log_parts(dd(ax, 0), &e);
	l = dd_add(dd_mul_d(DD_LN2, e + shift), l);
	struct dd p = dd_mul_d(l, y);
	return sign * exp_of(p);
}

/* ---- hyperbolic functions -------------------------------------------- */

/* sinh: (e^x - e^-x)/2, from expm1 below 1 (no cancellation), and from
 * e^|x| / 2 alone above 40. */
double sinh(double x)
{
	double a = fabs(x);
	if (x != x)
		return x + x;
	if (biased_exp(x) == 0x7ff || a < 0x1p-60)
		return x;
	double r;
	if (a < 1) {
		struct dd t = expm1_dd(a);
		struct dd s = dd_add(t, dd_div(t, dd_add(t, dd(1, 0))));
		r = dd_round(dd(s.hi / 2, s.lo / 2));
	} else if (a < 40) {
		int k;
		struct dd m = __exp_dd(dd(a, 0), &k);
		double sc = pow2(k);
		struct dd ea = dd(m.hi * sc, m.lo * sc);
		struct dd s = dd_sub(ea, dd_div(dd(1, 0), ea));
		r = dd_round(dd(s.hi / 2, s.lo / 2));
	} else if (a < 711) {
		int k;
		struct dd m = __exp_dd(dd(a, 0), &k);
		r = dd_scale(m, k - 1);
	} else {
		__math_errno(ERANGE);
		r = HUGE_VAL;
	}
	return copysign(r, x);
}

/* cosh: (e^x + e^-x)/2. */
double cosh(double x)
{
	double a = fabs(x);
	if (x != x)
		return x + x;
	if (biased_exp(x) == 0x7ff)
		return a;
	if (a < 0x1p-30)
		return 1.0;
	if (a < 1) {
		/* 1 + t^2 / (2 (t + 1)), t = e^a - 1 */
		struct dd t = expm1_dd(a);
		struct dd q = dd_div(dd_mul(t, t), dd_add(t, dd(1, 0)));
		return dd_round(dd_add(dd(1, 0), dd(q.hi / 2, q.lo / 2)));
	}
	if (a >= 711) {
		__math_errno(ERANGE);
		return HUGE_VAL;
	}
	int k;
	struct dd m = __exp_dd(dd(a, 0), &k);
	if (a >= 40)
		return dd_scale(m, k - 1);
	double sc = pow2(k);
	struct dd ea = dd(m.hi * sc, m.lo * sc);
	struct dd s = dd_add(ea, dd_div(dd(1, 0), ea));
	return dd_round(dd(s.hi / 2, s.lo / 2));
}

/* tanh: t / (t + 2) for t = e^2|x| - 1; +-1 beyond 22. */
double tanh(double x)
{
	double a = fabs(x);
	if (x != x)
		return x + x;
	if (a < 0x1p-60)
		return x;
	if (a > 22)
		return copysign(1.0, x);
	struct dd t = expm1_dd(2 * a);
	return copysign(dd_round(dd_div(t, dd_add(t, dd(2, 0)))), x);
}

/* ---- hypot ----------------------------------------------------------- */

/* hypot: sqrt(x^2 + y^2) without overflow: both scaled near 1 by the
 * same power of two, squared and summed exactly, the square root taken
 * to 106 bits, scaled back, rounded once. inf if either is infinite,
 * even if the other is a NaN. */
double hypot(double x, double y)
{
	double a = fabs(x), b = fabs(y);
	if (is_snan(x) || is_snan(y))
		return nan_of(x, y);
	if (biased_exp(a) == 0x7ff && a == a)
		return a;
	if (biased_exp(b) == 0x7ff && b == b)
		return b;
	if (a != a || b != b)
		return nan_of(x, y);
	if (a < b) {
		double t = a;
		a = b;
		b = t;
	}
	if (b == 0)
		return a;
	int ea = biased_exp(a) == 0 ? -1022 : biased_exp(a) - 1023;
	int eb = biased_exp(b) == 0 ? -1022 : biased_exp(b) - 1023;
	if (ea - eb > 60)
		return a + b;
	a = scalbn(a, -ea);
	b = scalbn(b, -ea);
	struct dd s = dd_add(two_prod(a, a), two_prod(b, b));
	return dd_scale(dd_sqrt(s), ea);
}
