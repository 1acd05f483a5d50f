/*
 * math.c: the exact operations of math.h: absolute value and sign,
 * rounding to integers, fmod, modf, frexp, ldexp/scalbn, sqrt, fmin, fmax.
 *
 * Each has one right answer, found on the bits of the double: a sign, an
 * 11-bit biased exponent and 52 fraction bits, value
 * 1.fraction * 2^(exponent - 1023) (0.fraction * 2^-1022 when the
 * exponent field is 0: zeros and subnormals; all ones: inf and NaN).
 * A NaN argument comes back quieted (x + x), as the FPU would give it.
 */
#include <errno.h>
#include <math.h>

#include "math_dd.h"

/* __math_errno: errno = e, for the domain and range errors of math.h. */
void __math_errno(int e)
{
	errno = e;
}

double fabs(double x)
{
	return from_bits(to_bits(x) & ~SIGN_BIT);
}

float fabsf(float x)
{
	union { float f; uint32_t u; } v = { .f = x };
	v.u &= 0x7fffffffu;
	return v.f;
}

double copysign(double x, double y)
{
	return from_bits((to_bits(x) & ~SIGN_BIT) | (to_bits(y) & SIGN_BIT));
}

/* ---- rounding to integers -------------------------------------------- */

/* frac_mask: the bits of x's fraction below its units place: 0 if x is
 * an integer by its exponent alone (or inf or NaN), all ones (-1) if
 * |x| < 1. */
static uint64_t frac_mask(double x)
{
	int e = biased_exp(x) - 1023;
	if (e >= 52)
		return 0;
	if (e < 0)
		return ~0ull;
	return FRAC_MASK >> e;
}

/* trunc: x rounded toward zero. */
double trunc(double x)
{
	uint64_t u = to_bits(x), m = frac_mask(x);
	if (biased_exp(x) == 0x7ff)
		return x + x;
	return from_bits(u & ~(m & ~SIGN_BIT));
}

/* floor: x rounded toward -inf: trunc, less one if a negative x had a
 * fraction. */
double floor(double x)
{
	double t = trunc(x);
	if (biased_exp(x) == 0x7ff)
		return t;
	if (x < 0 && t != x)
		return t - 1.0;
	return t;
}

/* ceil: x rounded toward +inf; -0 for x in (-1, 0). */
double ceil(double x)
{
	double t = trunc(x);
	if (biased_exp(x) == 0x7ff)
		return t;
	if (x > 0 && t != x)
		return t + 1.0;
	return t;
}

/* round: x rounded to the nearest integer, halves away from zero. The
 * extra half in t + 1 is exact: |x| < 2^52 there. */
double round(double x)
{
	double t = trunc(x);
	if (biased_exp(x) == 0x7ff)
		return t;
	double f = fabs(x - t); /* exact */
	if (f >= 0.5)
		t += copysign(1.0, x);
	return t;
}

/* modf: x's integer part in *iptr, its fraction returned; both with x's
 * sign (the fraction of an integer or an infinity is a signed zero). */
double modf(double x, double *iptr)
{
	double t = trunc(x);
	*iptr = t;
	if (biased_exp(x) == 0x7ff && x == x)
		return copysign(0.0, x);
	if (x != x)
		return t;
	return copysign(x - t, x);
}

/* ---- exponent -------------------------------------------------------- */

/* unpack: a finite nonzero |x| = m * 2^e, m an integer in [2^52, 2^53). */
static uint64_t unpack(double x, int *e)
{
	uint64_t u = to_bits(x) & ~SIGN_BIT;
	int be = (int)(u >> 52);
	uint64_t m = u & FRAC_MASK;
	if (be == 0) { /* subnormal: normalize */
		be = 1;
		while (!(m >> 52)) {
			m <<= 1;
			be--;
		}
	} else {
		m |= 1ull << 52;
	}
	*e = be - 1075;
	return m;
}

/* pack: m * 2^e with the sign bit sign, m in [2^52, 2^53) (or 0),
 * rounded to nearest, ties to even, if it falls below the normal range;
 * inf (and errno ERANGE) if above. */
static double pack(uint64_t sign, uint64_t m, long e)
{
	long be = e + 1075;
	if (m == 0)
		return from_bits(sign);
	if (be >= 0x7ff) {
		__math_errno(ERANGE);
		return from_bits(sign | EXP_MASK);
	}
	if (be <= 0) { /* subnormal: shift right by 1 - be, rounding */
		long sh = 1 - be;
		if (sh > 54)
			return from_bits(sign);
		uint64_t kept = m >> sh, rest = m & ((1ull << sh) - 1);
		uint64_t half = 1ull << (sh - 1);
		if (rest > half || (rest == half && (kept & 1)))
			kept++; /* may carry into the smallest normal: still right */
		return from_bits(sign | kept);
	}
	return from_bits(sign | ((uint64_t)be << 52) | (m & FRAC_MASK));
}

/* scalbn: x * 2^n, rounded once. */
double scalbn(double x, int n)
{
	int e;
	if (x == 0 || biased_exp(x) == 0x7ff)
		return x + x;
	uint64_t m = unpack(x, &e);
	return pack(to_bits(x) & SIGN_BIT, m, (long)e + n);
}

double ldexp(double x, int n)
{
	return scalbn(x, n);
}

/* frexp: x = f * 2^*exp with |f| in [0.5, 1); 0, inf and NaN as they are
 * (with *exp 0). */
double frexp(double x, int *exp)
{
	int e;
	*exp = 0;
	if (x == 0 || biased_exp(x) == 0x7ff)
		return x + x;
	uint64_t m = unpack(x, &e);
	*exp = e + 53;
	return from_bits((to_bits(x) & SIGN_BIT) | (1022ull << 52) | (m & FRAC_MASK));
}

/* ---- fmod ------------------------------------------------------------ */

/* fmod: x - n*y for the integer n = trunc(x/y): exact, by long division
 * of the mantissas one bit at a time. NaN (errno EDOM) if y is 0 or x
 * infinite. */
double fmod(double x, double y)
{
	if (x != x || y != y)
		return nan_of(x, y);
	if (y == 0 || biased_exp(x) == 0x7ff) {
		__math_errno(EDOM);
		return (x * y) / (x * y);
	}
	if (x == 0 || biased_exp(y) == 0x7ff || fabs(x) < fabs(y))
		return x;
	int ex, ey;
	uint64_t mx = unpack(x, &ex), my = unpack(y, &ey);
	for (; ex > ey; ex--) {
		if (mx >= my)
			mx -= my;
		mx <<= 1;
	}
	if (mx >= my)
		mx -= my;
	if (mx == 0)
		return copysign(0.0, x);
	while (!(mx >> 52)) {
		mx <<= 1;
		ey--;
	}
	return pack(to_bits(x) & SIGN_BIT, mx, ey);
}

/* ---- sqrt, fmin, fmax ------------------------------------------------ */

/* sqrt: correctly rounded by the FPU; NaN and errno EDOM below -0. */
double sqrt(double x)
{
	if (x < 0)
		__math_errno(EDOM);
	return fpu_sqrt(x);
}

float sqrtf(float x)
{
	float r;
	if (x < 0)
		__math_errno(EDOM);
	__asm__("sqrtss %1, %0" : "=x"(r) : "x"(x));
	return r;
}

/* fmin, fmax: a quiet NaN argument is ignored, a signaling one makes a
 * NaN (IEEE 754-2008); -0 is below +0. */
double fmin(double x, double y)
{
	if (is_snan(x) || is_snan(y) || (x != x && y != y))
		return nan_of(x, y);
	if (x != x)
		return y;
	if (y != y)
		return x;
	if (x == y)
		return signbit(x) ? x : y;
	return x < y ? x : y;
}

double fmax(double x, double y)
{
	if (is_snan(x) || is_snan(y) || (x != x && y != y))
		return nan_of(x, y);
	if (x != x)
		return y;
	if (y != y)
		return x;
	if (x == y)
		return signbit(x) ? y : x;
	return x > y ? x : y;
}
