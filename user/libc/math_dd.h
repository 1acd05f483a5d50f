/*
 * math_dd.h: what math.c, math_exp.c and math_trig.c share: a double's
 * bits, and double-double arithmetic.
 *
 * A double-double is an unevaluated sum hi + lo of two doubles with
 * |lo| <= ulp(hi) / 2: about 106 bits of precision. The functions that
 * are not exact compute in it and round once at the end (dd_round), so
 * their error is a hair above half an ulp. Products are exact by
 * Dekker's splitting (no fused multiply-add is assumed), which needs the
 * operands well inside the range of double (|x| < 2^996).
 */
#ifndef _ERIX_MATH_DD_H
#define _ERIX_MATH_DD_H

#include <stdint.h>

/* ---- a double's bits -------------------------------------------------- */

static inline uint64_t to_bits(double x)
{
	union { double d; uint64_t u; } v = { .d = x };
	return v.u;
}

static inline double from_bits(uint64_t u)
{
	union { double d; uint64_t u; } v = { .u = u };
	return v.d;
}

#define SIGN_BIT (1ull << 63)
#define EXP_MASK (0x7ffull << 52)
#define FRAC_MASK ((1ull << 52) - 1)

/* biased_exp: the 11-bit exponent field of x. */
static inline int biased_exp(double x)
{
	return (int)((to_bits(x) >> 52) & 0x7ff);
}

/* is_snan: whether x is a signaling NaN (quiet bit clear). */
static inline int is_snan(double x)
{
	return x != x && !(to_bits(x) & (1ull << 51));
}

/* nan_of: the NaN of an operation on x and y, one of them NaN: the
 * first NaN, made quiet, as SSE arithmetic does. (Written out, because
 * the compiler may swap the operands of x + y.) */
static inline double nan_of(double x, double y)
{
	return from_bits(to_bits(x != x ? x : y) | (1ull << 51));
}

/* fpu_sqrt: the correctly rounded square root (SSE2 sqrtsd). */
static inline double fpu_sqrt(double x)
{
	double r;
	__asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
	return r;
}

/* Set errno (if the library has it) for domain and range errors. */
void __math_errno(int e);

/* ---- double-double ---------------------------------------------------- */

struct dd {
	double hi, lo;
};

static inline struct dd dd(double hi, double lo)
{
	struct dd r = { hi, lo };
	return r;
}

/* two_sum: a + b exactly, as a normalized double-double (Knuth). */
static inline struct dd two_sum(double a, double b)
{
	double s = a + b;
	double bb = s - a;
	double err = (a - (s - bb)) + (b - bb);
	return dd(s, err);
}

/* fast_two_sum: the same, when |a| >= |b| or a is 0. */
static inline struct dd fast_two_sum(double a, double b)
{
	double s = a + b;
	return dd(s, b - (s - a));
}

/* split: a = hi + lo, each with at most 26 significant bits (Veltkamp). */
static inline struct dd split(double a)
{
	double t = 134217729.0 * a; /* 2^27 + 1 */
	double hi = t - (t - a);
	return dd(hi, a - hi);
}

/* two_prod: a * b exactly (Dekker). */
static inline struct dd two_prod(double a, double b)
{
	double p = a * b;
	struct dd x = split(a), y = split(b);
	double err = ((x.hi * y.hi - p) + x.hi * y.lo + x.lo * y.hi) + x.lo * y.lo;
	return dd(p, err);
}

static inline struct dd dd_add(struct dd a, struct dd b)
{
	struct dd s = two_sum(a.hi, b.hi);
	struct dd t = two_sum(a.lo, b.lo);
	s.lo += t.hi;
	s = fast_two_sum(s.hi, s.lo);
	s.lo += t.lo;
	return fast_two_sum(s.hi, s.lo);
}

static inline struct dd dd_neg(struct dd a)
{
	return dd(-a.hi, -a.lo);
}

static inline struct dd dd_sub(struct dd a, struct dd b)
{
	return dd_add(a, dd_neg(b));
}

static inline struct dd dd_mul(struct dd a, struct dd b)
{
	struct dd p = two_prod(a.hi, b.hi);
	p.lo += a.hi * b.lo + a.lo * b.hi;
	return fast_two_sum(p.hi, p.lo);
}

static inline struct dd dd_mul_d(struct dd a, double b)
{
	struct dd p = two_prod(a.hi, b);
	p.lo += a.lo * b;
	return fast_two_sum(p.hi, p.lo);
}

/* dd_div: a / b, by a first quotient and two corrections. */
static inline struct dd dd_div(struct dd a, struct dd b)
{
	double q1 = a.hi / b.hi;
	struct dd r = dd_sub(a, dd_mul_d(b, q1));
	double q2 = r.hi / b.hi;
	r = dd_sub(r, dd_mul_d(b, q2));
	double q3 = r.hi / b.hi;
	struct dd q = fast_two_sum(q1, q2);
	return dd_add(q, dd(q3, 0));
}

/* dd_sqrt: the square root of a (> 0), by one Newton step from sqrtsd. */
static inline struct dd dd_sqrt(struct dd a)
{
	double s = fpu_sqrt(a.hi);
	struct dd r = dd_sub(a, two_prod(s, s));
	return fast_two_sum(s, r.hi / (2 * s));
}

/* dd_round: a rounded to double (a is normalized: that is its hi). */
static inline double dd_round(struct dd a)
{
	return a.hi + a.lo;
}

/* Kernels shared between the files (math_exp.c). */
struct dd __exp_dd(struct dd x, int *k); /* exp(x) = result * 2^k, |x| < 750 */
struct dd __log_dd(struct dd x); /* log(x), x > 0 and normal */

/* Constants in double-double (computed to 40 digits, then split). */
#define DD_LN2 dd(0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56)
#define DD_PI dd(0x1.921fb54442d18p+1, 0x1.1a62633145c07p-53)
#define DD_PI_2 dd(0x1.921fb54442d18p+0, 0x1.1a62633145c07p-54)
#define DD_PI_4 dd(0x1.921fb54442d18p-1, 0x1.1a62633145c07p-55)

#endif
