/*
 * math_trig.c: the trigonometric functions and their inverses (math.h).
 *
 * sin, cos, tan first reduce x to r = x - n pi/2 with |r| <= pi/4 (about),
 * as a double-double, then sum Taylor series in double-double:
 *
 *  - |x| < 2^20 pi/2 (about 1.6e6): Cody and Waite's reduction, with
 *    pi/2 split into four parts of 33 bits and a fifth of 53, so that
 *    n * part is exact for n < 2^20: r to about 120 bits past x's;
 *  - beyond, up to the largest double: Payne and Hanek's. x = m 2^e is
 *    multiplied, in integers, by the 256 bits of 2/pi that matter for
 *    it (the earlier ones only add multiples of 4 to x 2/pi): the
 *    product's bits give n mod 4 and 128 bits of the fraction.
 *
 * atan reduces with atan t = 2 atan(t / (1 + sqrt(1 + t^2))) three
 * times, then sums its series; atan2, asin and acos are built on it.
 */
#include <errno.h>
#include <math.h>

#include "math_dd.h"

/* pi/2 in five parts, the first four of 33 bits. */
static const double pio2_part[5] = {
	0x1.921fb54400000p+0, 0x1.0b4611a600000p-34, 0x1.3198a2e000000p-69,
	0x1.b839a25200000p-104, 0x1.27044533e63a0p-142,
};

/* The bits of 2/pi after the binary point, 64 at a time. */
static const uint64_t two_over_pi[20] = {
	0xa2f9836e4e441529ull, 0xfc2757d1f534ddc0ull, 0xdb6295993c439041ull,
	0xfe5163abdebbc561ull, 0xb7246e3a424dd2e0ull, 0x06492eea09d1921cull,
	0xfe1deb1cb129a73eull, 0xe88235f52ebb4484ull, 0xe99c7026b45f7e41ull,
	0x3991d639835339f4ull, 0x9c845f8bbdf9283bull, 0x1ff897ffde05980full,
	0xef2f118b5a0a6d1full, 0x6d367ecf27cb09b7ull, 0x4f463f669e5fea2dull,
	0x7527bac7ebe5f17bull, 0x3d0739f78a5292eaull, 0x6bfb5fb11f8d5d08ull,
	0x56033046fc7b6babull, 0xf0cfbc209af4361dull,
};

/* bits64: the 64 bits of the little-endian number p[] from bit lo up. */
static uint64_t bits64(const uint64_t *p, int lo)
{
	int w = lo / 64, b = lo % 64;
	if (b == 0)
		return p[w];
	return (p[w] >> b) | (p[w + 1] << (64 - b));
}

/* reduce_large: n mod 4 and r = x - n pi/2 (|r| <= pi/4) for a finite
 * x >= 2^20, by Payne and Hanek's method (see the top of the file). */
static int reduce_large(double x, struct dd *r)
{
	uint64_t m = (to_bits(x) & FRAC_MASK) | (1ull << 52);
	int e = biased_exp(x) - 1075; /* x = m 2^e, e >= -32 */
	int p0 = e - 2 > 0 ? (e - 2) / 64 * 64 : 0;
	const uint64_t *w = &two_over_pi[p0 / 64];
	/* prod = m * (bits p0+1 .. p0+256 of 2/pi), little-endian. */
	uint64_t prod[6] = { 0 };
	unsigned __int128 carry = 0;
	for (int i = 0; i < 4; i++) {
		carry += (unsigned __int128)m * w[3 - i];
		prod[i] = (uint64_t)carry;
		carry >>= 64;
	}
	prod[4] = (uint64_t)carry;
	/* x 2/pi = prod 2^-sh, plus a multiple of 4. */
	int sh = p0 + 256 - e;
	int n = (int)(bits64(prod, sh) & 3);
	uint64_t fhi = bits64(prod, sh - 64), flo = bits64(prod, sh - 128);
	int neg = 0;
	if (fhi >> 63) { /* fraction >= 1/2: round n up, take 1 - fraction */
		n = (n + 1) & 3;
		neg = 1;
		flo = ~flo + 1;
		fhi = ~fhi + (flo == 0);
	}
	double v1 = (double)(fhi >> 11) * 0x1p-53;
	double v2 = (double)(((fhi & 0x7ff) << 42) | (flo >> 22)) * 0x1p-106;
	double v3 = (double)(flo & ((1u << 22) - 1)) * 0x1p-128;
	struct dd f = dd_add(two_sum(v1, v2), dd(v3, 0));
	*r = dd_mul(f, DD_PI_2);
	if (neg)
		*r = dd_neg(*r);
	return n;
}

/* reduce: n mod 4 and r = x - n pi/2 with |r| <= pi/4 (a hair more), for
 * a finite x. */
static int reduce(double x, struct dd *r)
{
	double a = fabs(x);
	if (a <= 0x1.921fb54442d18p-1) {
		*r = dd(x, 0);
		return 0;
	}
	if (a >= 0x1.921fb54442d18p+20) {
		int n = reduce_large(a, r);
		if (x < 0) {
			*r = dd_neg(*r);
			n = (4 - n) & 3;
		}
		return n;
	}
	double k = floor(x * 0x1.45f306dc9c883p-1 + 0.5); /* 2/pi */
	/* x - k part0 is exact: the two are within a factor of 2. */
	struct dd t = dd(x - k * pio2_part[0], 0);
	for (int i = 1; i < 4; i++)
		t = dd_sub(t, dd(k * pio2_part[i], 0));
	*r = dd_sub(t, two_prod(k, pio2_part[4]));
	return (int)((long)k & 3);
}

/* sin_k, cos_k: the Taylor series for |r| <= pi/4 (+ a little), 16
 * terms: the next is below 2^-110 of the result. */
static struct dd sin_k(struct dd r)
{
	struct dd r2 = dd_mul(r, r), p = dd(1, 0);
	for (int n = 16; n >= 1; n--) {
		struct dd t = dd_mul(p, r2);
		t = dd_div(t, dd((double)(2 * n) * (2 * n + 1), 0));
		p = dd_sub(dd(1, 0), t);
	}
	return dd_mul(p, r);
}

static struct dd cos_k(struct dd r)
{
	struct dd r2 = dd_mul(r, r), p = dd(1, 0);
	for (int n = 16; n >= 1; n--) {
		struct dd t = dd_mul(p, r2);
		t = dd_div(t, dd((double)(2 * n - 1) * (2 * n), 0));
		p = dd_sub(dd(1, 0), t);
	}
	return p;
}

/* trig_special: the special cases: NaN for NaN and inf (errno EDOM for inf). */
static int trig_special(double x, double *res)
{
	if (x != x) {
		*res = x + x;
		return 1;
	}
	if (biased_exp(x) == 0x7ff) {
		__math_errno(EDOM);
		*res = (x - x) / (x - x);
		return 1;
	}
	return 0;
}

double sin(double x)
{
	double res;
	struct dd r;
	if (trig_special(x, &res))
		return res;
	if (fabs(x) < 0x1p-27)
		return x;
	switch (reduce(x, &r)) {
	case 0: return dd_round(sin_k(r));
	case 1: return dd_round(cos_k(r));
	case 2: return -dd_round(sin_k(r));
	default: return -dd_round(cos_k(r));
	}
}

double cos(double x)
{
	double res;
	struct dd r;
	if (trig_special(x, &res))
		return res;
	if (fabs(x) < 0x1p-27)
		return 1.0;
	switch (reduce(x, &r)) {
	case 0: return dd_round(cos_k(r));
	case 1: return -dd_round(sin_k(r));
	case 2: return -dd_round(cos_k(r));
	default: return dd_round(sin_k(r));
	}
}

/* tan: sin r / cos r, or -cos r / sin r in the odd quadrants. */
double tan(double x)
{
	double res;
	struct dd r;
	if (trig_special(x, &res))
		return res;
	if (fabs(x) < 0x1p-27)
		return x;
	int n = reduce(x, &r);
	struct dd s = sin_k(r), c = cos_k(r);
	if (n & 1)
		return dd_round(dd_neg(dd_div(c, s)));
	return dd_round(dd_div(s, c));
}

/* ---- inverses -------------------------------------------------------- */

/* atan_k: atan t for 0 <= t <= 1: three halvings of the angle, then the
 * series t - t^3/3 + t^5/5 - ... to the 39th power (t <= 0.0985). */
static struct dd atan_k(struct dd t)
{
	for (int i = 0; i < 3; i++) {
		struct dd h = dd_sqrt(dd_add(dd(1, 0), dd_mul(t, t)));
		t = dd_div(t, dd_add(dd(1, 0), h));
	}
	struct dd t2 = dd_mul(t, t), p = dd_div(dd(1, 0), dd(39, 0));
	for (int n = 37; n >= 1; n -= 2)
		p = dd_sub(dd_div(dd(1, 0), dd(n, 0)), dd_mul(p, t2));
	p = dd_mul(p, t);
	return dd(8 * p.hi, 8 * p.lo);
}

/* angle: atan(a / b) in [0, pi/2] for a, b >= 0 finite, not both 0,
 * within a factor of 2^60 of each other (both are scaled near 1 first,
 * so that the products in atan_k neither overflow nor underflow). */
static struct dd angle(double a, double b)
{
	int e = biased_exp(a > b ? a : b) - 1023;
	a = scalbn(a, -e);
	b = scalbn(b, -e);
	if (a <= b)
		return atan_k(dd_div(dd(a, 0), dd(b, 0)));
	return dd_sub(DD_PI_2, atan_k(dd_div(dd(b, 0), dd(a, 0))));
}

double atan(double x)
{
	double a = fabs(x);
	if (x != x)
		return x + x;
	if (a < 0x1p-27)
		return x;
	if (a > 0x1p60)
		return copysign(0x1.921fb54442d18p+0, x);
	return copysign(dd_round(angle(a, 1)), x);
}

/* atan2: the angle of the point (x, y), in [-pi, pi], with the special
 * cases of C11 F.10.1.4 (signed zeros and infinities pick the quadrant). */
double atan2(double y, double x)
{
	if (x != x || y != y)
		return nan_of(x, y);
	double a = fabs(y), b = fabs(x);
	int xneg = signbit(x) != 0;
	struct dd t;
	if (biased_exp(a) == 0x7ff) {
		if (biased_exp(b) != 0x7ff)
			t = DD_PI_2;
		else
			t = xneg ? dd_mul_d(DD_PI_4, 3) : DD_PI_4;
		return copysign(dd_round(t), y);
	}
	if (biased_exp(b) == 0x7ff)
		return copysign(xneg ? dd_round(DD_PI) : 0.0, y);
	if (a == 0)
		return copysign(xneg ? dd_round(DD_PI) : 0.0, y);
	if (b == 0)
		return copysign(dd_round(DD_PI_2), y);
	int ea = biased_exp(a), eb = biased_exp(b);
	if (ea == 0)
		ea = 1 - (int)__builtin_clzll(to_bits(a)) + 11;
	if (eb == 0)
		eb = 1 - (int)__builtin_clzll(to_bits(b)) + 11;
	if (eb - ea > 60) { /* |y/x| < 2^-59: atan of it rounds to it */
		if (!xneg)
			return copysign(a / b, y);
		t = dd_sub(DD_PI, dd(a / b, 0));
	} else if (ea - eb > 60) {
		t = DD_PI_2;
	} else {
		t = angle(a, b);
		if (xneg)
			t = dd_sub(DD_PI, t);
	}
	return copysign(dd_round(t), y);
}

/* asin_dd: asin x for |x| <= 1 = atan(x / sqrt(1 - x^2)), 1 - x^2 formed
 * as (1 - x)(1 + x) in double-double. */
static struct dd asin_dd(double x)
{
	double a = fabs(x);
	struct dd c2 = dd_mul(two_sum(1, -a), two_sum(1, a));
	struct dd t;
	if (c2.hi == 0) {
		t = DD_PI_2;
	} else {
		struct dd c = dd_sqrt(c2);
		if (a <= c.hi)
			t = atan_k(dd_div(dd(a, 0), c));
		else
			t = dd_sub(DD_PI_2, atan_k(dd_div(c, dd(a, 0))));
	}
	return x < 0 ? dd_neg(t) : t;
}

/* inv_special: NaN (errno EDOM) outside [-1, 1], and NaN for NaN. */
static int inv_special(double x, double *res)
{
	if (x != x) {
		*res = x + x;
		return 1;
	}
	if (fabs(x) > 1) {
		__math_errno(EDOM);
		*res = (x - x) / (x - x);
		return 1;
	}
	return 0;
}

double asin(double x)
{
	double res;
	if (inv_special(x, &res))
		return res;
	if (fabs(x) < 0x1p-27)
		return x;
	return dd_round(asin_dd(x));
}

double acos(double x)
{
	double res;
	if (inv_special(x, &res))
		return res;
	return dd_round(dd_sub(DD_PI_2, asin_dd(x)));
}
