/*
 * strtod.c: strtod and strtof (C11 7.22.1.3), correctly rounded.
 *
 * The text is read into an exact form first: a decimal number D * 10^E
 * (D its significant digits), or a hexadecimal one M * 2^E. A decimal one
 * is then divided out exactly with bignum.c: with num / den == D * 10^E and
 * a power of two s chosen so that q = floor(num * 2^s / den) has 56 or 57
 * bits, q and whether a remainder is left decide the rounding. Rounding to
 * the format (double or float), to nearest with ties to even, is done on
 * integers, and the result is built from its bits: no floating-point
 * arithmetic at all.
 *
 * A decimal number needs at most 767 significant digits to tell it from a
 * halfway point between two doubles; digits past the 800th only matter in
 * being zero or not, so they are kept as one more digit, 1 or 0.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "bignum.h"

double strtod(const char *restrict nptr, char **restrict endptr);
float strtof(const char *restrict nptr, char **restrict endptr);

#define MAX_DIGITS 800

/* A binary floating format: precision p (significand bits, the hidden one
 * included), the exponent of the smallest subnormal's unit, the biased
 * exponent of infinity, and the place of the sign bit. */
struct binary_format {
	int p;
	int emin;
	int inf_biased;
	int sign_bit;
};

static const struct binary_format format_double = { 53, -1074, 2047, 63 };
static const struct binary_format format_float = { 24, -149, 255, 31 };

static int is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int to_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* hex_value: the value of a hexadecimal digit, or -1. */
static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = to_lower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* match_word: whether s starts with word (lower case), in any case. */
static int match_word(const char *s, const char *word)
{
	for (; *word != '\0'; s++, word++)
		if (to_lower((unsigned char)*s) != *word)
			return 0;
	return 1;
}

/*
 * round_binary: the bits of the number nearest to (q + t) * 2^e2 in format
 * f, with q > 0 and 0 <= t < 1, t != 0 exactly when sticky; ties to even.
 * Sets *range as glibc sets ERANGE: on overflow to infinity, and when the
 * value is inexact and below the smallest normal number before rounding
 * (even if it rounds up to that number).
 */
static uint64_t round_binary(uint64_t q, int sticky, long e2, int negative,
			     const struct binary_format *f, int *range)
{
	uint64_t sign = (uint64_t)negative << f->sign_bit;
	int bits = 0, inexact = sticky, tiny;
	long shift;
	uint64_t biased;

	for (uint64_t t = q; t != 0; t >>= 1)
		bits++;
	tiny = e2 + bits - 1 < f->emin + f->p - 1;
	shift = bits - f->p; /* drop this many bits, to keep p */
	if (e2 + shift < f->emin)
		shift = f->emin - e2; /* no unit below the smallest subnormal's */
	if (shift > 0) {
		uint64_t dropped, half;
		int up;

		if (shift > 64) {
			dropped = 1; /* q < 2^64 <= half: below half, not zero */
			half = 2;
			q = 0;
		} else {
			half = (uint64_t)1 << (shift - 1);
			dropped = shift == 64 ? q : q & ((half << 1) - 1);
			q = shift == 64 ? 0 : q >> shift;
		}
		inexact |= dropped != 0;
		up = dropped > half || (dropped == half && (sticky || (q & 1)));
		q += up;
		e2 += shift;
		if (q >> f->p) { /* the carry made it p + 1 bits */
			q >>= 1;
			e2++;
		}
	} else {
		q <<= -shift; /* t (below half an ulp now) is dropped */
		e2 += shift;
	}

	/* Now q < 2^p, and the value is q * 2^e2. */
	if (q >> (f->p - 1)) {
		biased = (uint64_t)(e2 - f->emin + 1);
		if (biased >= (uint64_t)f->inf_biased) {
			*range = 1;
			return sign | (uint64_t)f->inf_biased << (f->p - 1);
		}
	} else {
		biased = 0; /* subnormal or zero */
	}
	if (tiny && inexact)
		*range = 1;
	return sign | biased << (f->p - 1) | (q & (((uint64_t)1 << (f->p - 1)) - 1));
}

/*
 * decimal_to_binary: the bits of D * 10^e10 in format f, D being the n
 * digits at digits (characters, the first nonzero; n <= MAX_DIGITS + 1).
 */
static uint64_t decimal_to_binary(const char *digits, int n, long e10, int negative,
				  const struct binary_format *f, int *range)
{
	struct big num, den, dsh;
	uint64_t q = 0;
	long s;

	if (n + e10 > 310) /* at least 10^310: above every format's largest */
		return round_binary(1, 0, 100000, negative, f, range);
	if (n + e10 < -324) /* below 10^-325: less than half the smallest double */
		return round_binary(1, 0, -100000, negative, f, range);

	big_set(&num, 0);
	for (int i = 0; i < n; i++) {
		big_mul_small(&num, 10);
		big_add_small(&num, (uint32_t)(digits[i] - '0'));
	}
	big_set(&den, 1);
	if (e10 >= 0)
		big_mul_pow(&num, 10, (int)e10);
	else
		big_mul_pow(&den, 10, (int)-e10);

	/* num / den is in [2^(bits(num) - bits(den) - 1), 2^(bits(num) - bits(den) + 1)):
	 * scaled by 2^s, the quotient is in [2^55, 2^57). */
	s = 56 - (big_bits(&num) - big_bits(&den));
	if (s > 0)
		big_shl(&num, (int)s);
	else
		big_shl(&den, (int)-s);

	/* Long division, one quotient bit at a time: dsh = den * 2^i. */
	dsh = den;
	big_shl(&dsh, 57);
	for (int i = 56; i >= 0; i--) {
		big_shr1(&dsh);
		q <<= 1;
		if (big_cmp(&num, &dsh) >= 0) {
			big_sub(&num, &dsh);
			q |= 1;
		}
	}
	return round_binary(q, num.n != 0, -s, negative, f, range);
}

/*
 * parse_decimal: reads digits [. digits] [e [sign] digits] at s (at least
 * one digit, checked by the caller) into the significant digits and their
 * exponent. Returns the end of the number.
 */
static const char *parse_decimal(const char *s, char *digits, int *n, long *e10)
{
	int seen_point = 0, truncated = 0;

	*n = 0;
	*e10 = 0;
	for (;; s++) {
		if (*s == '.' && !seen_point) {
			seen_point = 1;
			continue;
		}
		if (*s < '0' || *s > '9')
			break;
		if (*n == 0 && *s == '0') {
			if (seen_point)
				(*e10)--; /* a leading zero after the point */
			continue;
		}
		if (*n < MAX_DIGITS) {
			digits[(*n)++] = *s;
			if (seen_point)
				(*e10)--;
		} else {
			truncated |= *s != '0';
			if (!seen_point)
				(*e10)++;
		}
	}
	if (truncated) {
		digits[(*n)++] = '1'; /* stands for the nonzero digits dropped */
		(*e10)--;
	}
	if (to_lower(*s) == 'e') {
		const char *e = s + 1;
		int negative = 0;
		long v = 0;

		if (*e == '+' || *e == '-')
			negative = *e++ == '-';
		if (*e >= '0' && *e <= '9') {
			for (; *e >= '0' && *e <= '9'; e++)
				if (v < 1000000)
					v = v * 10 + (*e - '0');
			*e10 += negative ? -v : v;
			s = e;
		}
	}
	return s;
}

/*
 * parse_hex: reads hexdigits [. hexdigits] [p [sign] digits] at s (at least
 * one digit, checked by the caller) as (*m + t) * 2^*e2, t in [0, 1) nonzero
 * iff *sticky. Returns the end of the number.
 */
static const char *parse_hex(const char *s, uint64_t *m, int *sticky, long *e2)
{
	int seen_point = 0, v;

	*m = 0;
	*sticky = 0;
	*e2 = 0;
	for (;; s++) {
		if (*s == '.' && !seen_point) {
			seen_point = 1;
			continue;
		}
		if ((v = hex_value((unsigned char)*s)) < 0)
			break;
		if (*m >> 60 == 0) {
			*m = *m << 4 | (uint64_t)v;
			if (seen_point)
				*e2 -= 4;
		} else {
			*sticky |= v != 0;
			if (!seen_point)
				*e2 += 4;
		}
	}
	if (to_lower(*s) == 'p') {
		const char *e = s + 1;
		int negative = 0;
		long x = 0;

		if (*e == '+' || *e == '-')
			negative = *e++ == '-';
		if (*e >= '0' && *e <= '9') {
			for (; *e >= '0' && *e <= '9'; e++)
				if (x < 1000000)
					x = x * 10 + (*e - '0');
			*e2 += negative ? -x : x;
			s = e;
		}
	}
	return s;
}

/* nan_payload: the number in "nan(...)", read as strtoull with base 0 does
 * (0 if it is not one), s..end being the text between the parentheses. */
static uint64_t nan_payload(const char *s, const char *end)
{
	uint64_t v = 0;
	int base = 10, d;

	if (s < end && *s == '0') {
		base = 8;
		if (end - s > 1 && to_lower(s[1]) == 'x') {
			base = 16;
			s += 2;
		}
	}
	for (; s < end; s++) {
		d = hex_value((unsigned char)*s);
		if (d < 0 || d >= base)
			return 0;
		v = v * (unsigned)base + (unsigned)d;
	}
	return v;
}

/*
 * convert: the number at the start of nptr as the bits of format f, C11
 * 7.22.1.3's strtod for that format. *end is set past the number read, or
 * to nptr if there is none (the result is then 0); errno is set to ERANGE
 * on overflow, and on underflow as glibc does.
 */
static uint64_t convert(const char *nptr, char **end, const struct binary_format *f)
{
	char digits[MAX_DIGITS + 1];
	const char *s = nptr;
	int negative = 0, range = 0;
	uint64_t bits;

	while (is_space((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		negative = *s++ == '-';

	if (match_word(s, "inf")) {
		s += match_word(s, "infinity") ? 8 : 3;
		bits = (uint64_t)negative << f->sign_bit | (uint64_t)f->inf_biased << (f->p - 1);
	} else if (match_word(s, "nan")) {
		uint64_t quiet = (uint64_t)1 << (f->p - 2);
		uint64_t payload = 0;
		const char *close;

		s += 3;
		if (*s == '(') {
			for (close = s + 1; (*close >= '0' && *close <= '9') ||
					    (to_lower(*close) >= 'a' && to_lower(*close) <= 'z') ||
					    *close == '_';
			     close++)
				;
			if (*close == ')') {
				payload = nan_payload(s + 1, close) & (quiet - 1);
				s = close + 1;
			}
		}
		bits = (uint64_t)negative << f->sign_bit |
		       (uint64_t)f->inf_biased << (f->p - 1) | quiet | payload;
	} else if (s[0] == '0' && to_lower(s[1]) == 'x' &&
		   (hex_value((unsigned char)s[2]) >= 0 ||
		    (s[2] == '.' && hex_value((unsigned char)s[3]) >= 0))) {
		uint64_t m;
		int sticky;
		long e2;

		s = parse_hex(s + 2, &m, &sticky, &e2);
		if (m == 0)
			bits = (uint64_t)negative << f->sign_bit;
		else
			bits = round_binary(m, sticky, e2, negative, f, &range);
	} else if ((*s >= '0' && *s <= '9') || (*s == '.' && s[1] >= '0' && s[1] <= '9')) {
		int n;
		long e10;

		s = parse_decimal(s, digits, &n, &e10);
		if (n == 0)
			bits = (uint64_t)negative << f->sign_bit;
		else
			bits = decimal_to_binary(digits, n, e10, negative, f, &range);
	} else {
		s = nptr; /* no number */
		bits = 0;
	}
	if (range)
		errno = ERANGE;
	if (end != NULL)
		*end = (char *)s;
	return bits;
}

double strtod(const char *restrict nptr, char **restrict endptr)
{
	union {
		uint64_t u;
		double d;
	} r = { .u = convert(nptr, endptr, &format_double) };

	return r.d;
}

float strtof(const char *restrict nptr, char **restrict endptr)
{
	union {
		uint32_t u;
		float f;
	} r = { .u = (uint32_t)convert(nptr, endptr, &format_float) };

	return r.f;
}
