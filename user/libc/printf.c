/*
 * printf.c: the printf engine, __vformat, and the formatting to memory on
 * top of it: vsnprintf, snprintf, vsprintf, sprintf (C11 7.21.6).
 *
 * __vformat reads the format one conversion at a time into a struct spec
 * (flags, width, precision, length, conversion), fetches the argument, turns
 * it into text and pads that to the field width. Its output goes through a
 * small buffer to the caller's put function, so that snprintf and (later)
 * the FILE streams share one engine.
 *
 * Floating values: a finite double is m * 2^e exactly, with m < 2^53. When
 * e < 0 that is m * 5^-e / 10^-e, so its decimal expansion is finite (at most
 * 767 significant digits), and bignum.c computes it exactly. Every %f %e %g
 * conversion then only rounds this string of digits at the right place, to
 * nearest with ties to even, which is what glibc prints. No floating-point
 * arithmetic is done: the double is taken apart by its bits.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bignum.h"

/* gcc's freestanding <limits.h> wants the system's; its constant is enough. */
#define INT_MAX __INT_MAX__

/* ---- the output --------------------------------------------------------- */

/* The text produced so far: bytes wait in buf until it fills, then go to put. */
struct out {
	void (*put)(void *ctx, const char *s, size_t n);
	void *ctx;
	size_t total; /* bytes produced, those in buf included */
	size_t len;   /* bytes waiting in buf */
	char buf[128];
};

static void out_flush(struct out *o)
{
	if (o->len > 0)
		o->put(o->ctx, o->buf, o->len);
	o->len = 0;
}

static void out_char(struct out *o, char c)
{
	if (o->len == sizeof(o->buf))
		out_flush(o);
	o->buf[o->len++] = c;
	o->total++;
}

static void out_str(struct out *o, const char *s, size_t n)
{
	while (n-- > 0)
		out_char(o, *s++);
}

static void out_repeat(struct out *o, char c, long n)
{
	for (; n > 0; n--)
		out_char(o, c);
}

static size_t str_len(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

/* ---- a conversion specification ---------------------------------------- */

enum {
	F_LEFT = 1,   /* '-': pad on the right */
	F_PLUS = 2,   /* '+': a sign even when positive */
	F_SPACE = 4,  /* ' ': a space when positive */
	F_ALT = 8,    /* '#': the alternative form */
	F_ZERO = 16,  /* '0': pad with zeros after the sign */
	F_UPPER = 32, /* not a flag: X E F G A, upper-case letters */
};

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_BIG_L };

struct spec {
	int flags;
	long width;      /* 0: none */
	int prec;        /* -1: none */
	enum length len;
	char conv;       /* the conversion, lower case (see F_UPPER) */
};

/*
 * field_begin: starts a field of len bytes in all, beginning with prefix (a
 * sign, "0x", or both): emits the spaces that go before it, the prefix, and
 * the zeros that go after the prefix if the '0' flag applies (zero_ok).
 * field_end emits the spaces that go after it ('-' flag).
 */
static void field_begin(struct out *o, const struct spec *sp, const char *prefix,
			long len, int zero_ok)
{
	long pad = sp->width > len ? sp->width - len : 0;
	int zeros = zero_ok && (sp->flags & F_ZERO) && !(sp->flags & F_LEFT);

	if (!(sp->flags & F_LEFT) && !zeros)
		out_repeat(o, ' ', pad);
	out_str(o, prefix, str_len(prefix));
	if (zeros)
		out_repeat(o, '0', pad);
}

static void field_end(struct out *o, const struct spec *sp, long len)
{
	if ((sp->flags & F_LEFT) && sp->width > len)
		out_repeat(o, ' ', sp->width - len);
}

/* ---- integers, characters, strings ------------------------------------- */

/*
 * format_int (LAB 6 exercise): %d %i %u %o %x %X and %p (which is %#lx,
 * with the signs of %d): v is the magnitude, negative its sign (d, i
 * only).
 *
 * Requirements (C11 7.21.6.1), the field being prefix, zeros, digits:
 *  - the digits of v in base 8 (o), 16 (x, X, p) or 10, upper-case for X
 *    (F_UPPER); no digit at all for v == 0 with a precision of 0;
 *  - the precision (sp->prec, -1: none) is the least number of digits,
 *    made up with leading zeros;
 *  - prefix, signed conversions only (d, i, p): '-' when negative, else
 *    '+' with the F_PLUS flag, else ' ' with F_SPACE; then "0x" ("0X")
 *    for %p, and for %#x of a value other than 0;
 *  - %#o: the first digit is a 0 (a zero added only if there is none);
 *  - the width: field_begin and field_end pad it, with zeros (F_ZERO)
 *    only when no precision is given.
 */
static void format_int(struct out *o, const struct spec *sp, uintmax_t v, int negative)
{
#if LAB6_SOLUTION
	const char *hex = (sp->flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned base = sp->conv == 'o' ? 8 : (sp->conv == 'x' || sp->conv == 'p') ? 16 : 10;
	char digits[24]; /* reversed: 64 bits are 22 octal digits */
	char prefix[4];
	int nd = 0, np = 0;
	long zeros, len;
	int is_signed = sp->conv == 'd' || sp->conv == 'i' || sp->conv == 'p';

	if (is_signed && negative)
		prefix[np++] = '-';
	else if (is_signed && (sp->flags & F_PLUS))
		prefix[np++] = '+';
	else if (is_signed && (sp->flags & F_SPACE))
		prefix[np++] = ' ';
	if ((sp->conv == 'x' && (sp->flags & F_ALT) && v != 0) || sp->conv == 'p') {
		prefix[np++] = '0';
		prefix[np++] = (sp->flags & F_UPPER) ? 'X' : 'x';
	}
	prefix[np] = '\0';

	for (; v != 0; v /= base)
		digits[nd++] = hex[v % base];
	zeros = sp->prec > nd ? sp->prec - nd : 0;
	if (sp->prec < 0 && nd == 0)
		zeros = 1; /* zero is "0", unless the precision is 0 */
	if (sp->conv == 'o' && (sp->flags & F_ALT) && zeros == 0)
		zeros = 1; /* '#' on %o: the first digit is a 0 */

	len = np + zeros + nd;
	field_begin(o, sp, prefix, len, sp->prec < 0);
	out_repeat(o, '0', zeros);
	while (nd > 0)
		out_char(o, digits[--nd]);
	field_end(o, sp, len);
#else
	/* LAB 6: your code here. Until then, every integer is printed in
	 * decimal, with its '-', and no flags, width or precision. */
	char digits[24];
	int nd = 0;
	if (negative)
		out_char(o, '-');
	do
		digits[nd++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (nd > 0)
		out_char(o, digits[--nd]);
	(void)sp, (void)field_begin, (void)field_end;
#endif
}

/* format_text: %s and %c, and the "(nil)" of %p: n bytes at s, padded. */
static void format_text(struct out *o, const struct spec *sp, const char *s, size_t n)
{
	field_begin(o, sp, "", (long)n, 0);
	out_str(o, s, n);
	field_end(o, sp, (long)n);
}

/* ---- floating values ----------------------------------------------------- */

/*
 * The decimal digits of a value: 0.d[0]d[1]...d[n-1] * 10^pt, d[] holding
 * characters '1'..'9' first and last (no leading or trailing zeros); n == 0
 * is zero, with pt == 1.
 */
struct decimal {
	char d[800];
	int n;
	int pt;
};

/* decimal_digit: digit i (0 is the first significant one), '0' outside d[]. */
static char decimal_digit(const struct decimal *dec, int i)
{
	return i >= 0 && i < dec->n ? dec->d[i] : '0';
}

static void decimal_trim(struct decimal *dec)
{
	while (dec->n > 0 && dec->d[dec->n - 1] == '0')
		dec->n--;
	if (dec->n == 0)
		dec->pt = 1;
}

/* decimal_of: the exact decimal expansion of m * 2^e2. */
static void decimal_of(struct decimal *dec, uint64_t m, int e2)
{
	struct big b;
	char tmp[810];
	int pos = sizeof(tmp), k = 0;

	big_set(&b, m);
	if (e2 >= 0) {
		big_shl(&b, e2);
	} else {
		k = -e2; /* m * 2^e2 = (m * 5^k) / 10^k */
		big_mul_pow(&b, 5, k);
	}
	while (b.n > 0) {
		uint32_t chunk = big_divmod_small(&b, 1000000000);
		for (int i = 0; i < 9; i++, chunk /= 10)
			tmp[--pos] = (char)('0' + chunk % 10);
	}
	while (pos < (int)sizeof(tmp) && tmp[pos] == '0')
		pos++;
	dec->n = 0;
	for (; pos < (int)sizeof(tmp); pos++)
		dec->d[dec->n++] = tmp[pos];
	dec->pt = dec->n - k;
	decimal_trim(dec);
}

/*
 * decimal_round: rounds dec to its first keep digits (keep may be 0 or
 * negative: the digit places before the first significant one), to
 * nearest, ties to even. A carry out of the first digit raises pt.
 */
static void decimal_round(struct decimal *dec, int keep)
{
	int up, i;

	if (keep >= dec->n)
		return;
	if (keep < 0) {
		dec->n = 0; /* below half a unit of the last place kept */
		decimal_trim(dec);
		return;
	}
	if (dec->d[keep] != '5')
		up = dec->d[keep] > '5';
	else if (keep + 1 < dec->n)
		up = 1; /* more than half: d[] has no trailing zeros */
	else
		up = keep > 0 && ((dec->d[keep - 1] - '0') & 1); /* a tie: to even */
	dec->n = keep;
	if (up) {
		for (i = keep - 1; i >= 0 && dec->d[i] == '9'; i--)
			;
		if (i < 0) {
			dec->d[0] = '1'; /* 99.9 -> 100 */
			dec->n = 1;
			dec->pt++;
		} else {
			dec->d[i]++;
			dec->n = i + 1;
		}
	}
	decimal_trim(dec);
}

/* format_fixed: the style of %f, prec digits after the point. */
static void format_fixed(struct out *o, const struct spec *sp, const char *prefix,
			 struct decimal *dec, int prec)
{
	int dot = prec > 0 || (sp->flags & F_ALT);
	long intlen, len;

	decimal_round(dec, dec->pt + prec);
	intlen = dec->pt > 0 ? dec->pt : 1;
	len = (long)str_len(prefix) + intlen + dot + prec;
	field_begin(o, sp, prefix, len, 1);
	if (dec->pt > 0)
		for (int i = 0; i < dec->pt; i++)
			out_char(o, decimal_digit(dec, i));
	else
		out_char(o, '0');
	if (dot)
		out_char(o, '.');
	for (int i = 0; i < prec; i++)
		out_char(o, decimal_digit(dec, dec->pt + i));
	field_end(o, sp, len);
}

/* format_exp: the style of %e, prec digits after the point. */
static void format_exp(struct out *o, const struct spec *sp, const char *prefix,
		       struct decimal *dec, int prec)
{
	int dot = prec > 0 || (sp->flags & F_ALT);
	char exp[8];
	int ne = 0, e;
	long len;

	decimal_round(dec, prec + 1);
	e = dec->n > 0 ? dec->pt - 1 : 0;
	for (int a = e < 0 ? -e : e; a > 0 || ne < 2; a /= 10)
		exp[ne++] = (char)('0' + a % 10); /* reversed, at least 2 digits */
	len = (long)str_len(prefix) + 1 + dot + prec + 2 + ne;
	field_begin(o, sp, prefix, len, 1);
	out_char(o, decimal_digit(dec, 0));
	if (dot)
		out_char(o, '.');
	for (int i = 1; i <= prec; i++)
		out_char(o, decimal_digit(dec, i));
	out_char(o, (sp->flags & F_UPPER) ? 'E' : 'e');
	out_char(o, e < 0 ? '-' : '+');
	while (ne > 0)
		out_char(o, exp[--ne]);
	field_end(o, sp, len);
}

/*
 * format_hex_float: %a, from the double's fields. Normal values print as
 * 0x1.hhhp+E, subnormal ones as 0x0.hhhp-1022 (as glibc does); with a
 * precision the hex digits are rounded to nearest, ties to even, and a
 * carry may make the leading digit a 2.
 */
static void format_hex_float(struct out *o, const struct spec *sp, const char *sign,
			     int biased, uint64_t frac)
{
	const char *hex = (sp->flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	uint64_t lead = biased != 0;
	int e = biased == 0 ? (frac == 0 ? 0 : -1022) : biased - 1023;
	int nd, dot, ne = 0, np = 0;
	char prefix[4], exp[8];
	long len;

	if (sp->prec >= 0 && sp->prec < 13) {
		int drop = (13 - sp->prec) * 4;
		uint64_t full = lead << 52 | frac;
		uint64_t rest = full & (((uint64_t)1 << drop) - 1);
		uint64_t half = (uint64_t)1 << (drop - 1);

		full >>= drop;
		if (rest > half || (rest == half && (full & 1)))
			full++;
		lead = full >> (4 * sp->prec);
		frac = (full << drop) & (((uint64_t)1 << 52) - 1);
	}
	if (sp->prec >= 0) {
		nd = sp->prec;
	} else {
		for (nd = 13; nd > 0 && ((frac >> (4 * (13 - nd))) & 15) == 0; nd--)
			;
	}
	dot = nd > 0 || (sp->flags & F_ALT);
	for (int a = e < 0 ? -e : e; a > 0 || ne == 0; a /= 10)
		exp[ne++] = (char)('0' + a % 10);

	if (sign[0] != '\0')
		prefix[np++] = sign[0];
	prefix[np++] = '0';
	prefix[np++] = (sp->flags & F_UPPER) ? 'X' : 'x';
	prefix[np] = '\0';
	len = np + 1 + dot + nd + 2 + ne;

	field_begin(o, sp, prefix, len, 1);
	out_char(o, hex[lead]);
	if (dot)
		out_char(o, '.');
	for (int i = 0; i < nd; i++)
		out_char(o, i < 13 ? hex[(frac >> (48 - 4 * i)) & 15] : '0');
	out_char(o, (sp->flags & F_UPPER) ? 'P' : 'p');
	out_char(o, e < 0 ? '-' : '+');
	while (ne > 0)
		out_char(o, exp[--ne]);
	field_end(o, sp, len);
}

/* format_float: %f %e %g %a (and upper-case), of x. */
static void format_float(struct out *o, const struct spec *sp, double x)
{
	union {
		double d;
		uint64_t u;
	} bits = { .d = x };
	int negative = bits.u >> 63;
	int biased = (bits.u >> 52) & 0x7ff;
	uint64_t frac = bits.u & (((uint64_t)1 << 52) - 1);
	const char *sign = negative		  ? "-"
			   : (sp->flags & F_PLUS)  ? "+"
			   : (sp->flags & F_SPACE) ? " "
						   : "";
	int upper = sp->flags & F_UPPER;
	int prec = sp->prec < 0 ? 6 : sp->prec;
	struct decimal dec;

	if (biased == 0x7ff) {
		const char *s = frac != 0 ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
		long len;

		len = (long)str_len(sign) + 3;
		field_begin(o, sp, sign, len, 0);
		out_str(o, s, 3);
		field_end(o, sp, len);
		return;
	}
	if (sp->conv == 'a') {
		format_hex_float(o, sp, sign, biased, frac);
		return;
	}
	if (biased == 0)
		decimal_of(&dec, frac, -1074);
	else
		decimal_of(&dec, frac | (uint64_t)1 << 52, biased - 1075);

	if (sp->conv == 'f') {
		format_fixed(o, sp, sign, &dec, prec);
	} else if (sp->conv == 'e') {
		format_exp(o, sp, sign, &dec, prec);
	} else {
		/* %g: P significant digits; the style of %f if the exponent X
		 * (after rounding to P digits) is in -4 <= X < P, else of %e;
		 * without '#', no trailing zeros. */
		int p = prec == 0 ? 1 : prec, x10;

		decimal_round(&dec, p);
		x10 = dec.n > 0 ? dec.pt - 1 : 0;
		if (x10 < p && x10 >= -4) {
			prec = p - 1 - x10;
			if (!(sp->flags & F_ALT) && prec > dec.n - dec.pt)
				prec = dec.n - dec.pt > 0 ? dec.n - dec.pt : 0;
			format_fixed(o, sp, sign, &dec, prec);
		} else {
			prec = p - 1;
			if (!(sp->flags & F_ALT) && prec > dec.n - 1)
				prec = dec.n > 1 ? dec.n - 1 : 0;
			format_exp(o, sp, sign, &dec, prec);
		}
	}
}

/* ---- the engine ------------------------------------------------------------ */

/* arg_signed, arg_unsigned: the next integer argument, of the length given. */
static intmax_t arg_signed(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_HH: return (signed char)va_arg(*ap, int);
	case LEN_H: return (short)va_arg(*ap, int);
	case LEN_L: return va_arg(*ap, long);
	case LEN_LL: return va_arg(*ap, long long);
	case LEN_J: return va_arg(*ap, intmax_t);
	case LEN_Z: return (ptrdiff_t)va_arg(*ap, size_t);
	case LEN_T: return va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, int);
	}
}

static uintmax_t arg_unsigned(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_HH: return (unsigned char)va_arg(*ap, unsigned);
	case LEN_H: return (unsigned short)va_arg(*ap, unsigned);
	case LEN_L: return va_arg(*ap, unsigned long);
	case LEN_LL: return va_arg(*ap, unsigned long long);
	case LEN_J: return va_arg(*ap, uintmax_t);
	case LEN_Z: return va_arg(*ap, size_t);
	case LEN_T: return (size_t)va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, unsigned);
	}
}

/* store_count: %n, the bytes produced so far into the pointer argument. */
static void store_count(enum length len, va_list *ap, size_t n)
{
	switch (len) {
	case LEN_HH: *va_arg(*ap, signed char *) = (signed char)n; break;
	case LEN_H: *va_arg(*ap, short *) = (short)n; break;
	case LEN_L: *va_arg(*ap, long *) = (long)n; break;
	case LEN_LL: *va_arg(*ap, long long *) = (long long)n; break;
	case LEN_J: *va_arg(*ap, intmax_t *) = (intmax_t)n; break;
	case LEN_Z: *va_arg(*ap, size_t *) = n; break;
	case LEN_T: *va_arg(*ap, ptrdiff_t *) = (ptrdiff_t)n; break;
	default: *va_arg(*ap, int *) = (int)n; break;
	}
}

/* parse_number: a decimal field width or precision, at most INT_MAX. */
static int parse_number(const char **fmt)
{
	long v = 0;

	for (; **fmt >= '0' && **fmt <= '9'; (*fmt)++)
		if (v <= INT_MAX)
			v = v * 10 + (**fmt - '0');
	return v > INT_MAX ? INT_MAX : (int)v;
}

/* parse_spec: the specification after a '%' (fetching the * arguments). */
static void parse_spec(const char **fmt, struct spec *sp, va_list *ap)
{
	const char *f = *fmt;

	sp->flags = 0;
	for (;; f++) {
		if (*f == '-')
			sp->flags |= F_LEFT;
		else if (*f == '+')
			sp->flags |= F_PLUS;
		else if (*f == ' ')
			sp->flags |= F_SPACE;
		else if (*f == '#')
			sp->flags |= F_ALT;
		else if (*f == '0')
			sp->flags |= F_ZERO;
		else
			break;
	}
	if (*f == '*') {
		int w = va_arg(*ap, int);
		f++;
		if (w < 0) {
			sp->flags |= F_LEFT; /* a negative width is '-' and the width */
			sp->width = -(long)w;
		} else {
			sp->width = w;
		}
	} else {
		sp->width = parse_number(&f);
	}
	sp->prec = -1;
	if (*f == '.') {
		f++;
		if (*f == '*') {
			int p = va_arg(*ap, int);
			f++;
			sp->prec = p < 0 ? -1 : p; /* negative: as if none */
		} else {
			sp->prec = parse_number(&f);
		}
	}
	sp->len = LEN_NONE;
	switch (*f) {
	case 'h': sp->len = f[1] == 'h' ? LEN_HH : LEN_H; break;
	case 'l': sp->len = f[1] == 'l' ? LEN_LL : LEN_L; break;
	case 'j': sp->len = LEN_J; break;
	case 'z': sp->len = LEN_Z; break;
	case 't': sp->len = LEN_T; break;
	case 'L': sp->len = LEN_BIG_L; break;
	}
	if (sp->len != LEN_NONE)
		f += (sp->len == LEN_HH || sp->len == LEN_LL) ? 2 : 1;
	sp->conv = *f;
	if (*f >= 'A' && *f <= 'Z' && *f != 'L') {
		sp->flags |= F_UPPER;
		sp->conv = (char)(*f - 'A' + 'a');
	}
	if (*f != '\0')
		f++;
	*fmt = f;
}

int __vformat(void (*put)(void *ctx, const char *s, size_t n), void *ctx,
	      const char *fmt, va_list ap)
{
	struct out o = { .put = put, .ctx = ctx, .total = 0, .len = 0 };
	va_list args;
	struct spec sp;

	va_copy(args, ap);
	while (*fmt != '\0') {
		const char *start = fmt;
		int upper_ok;

		if (*fmt != '%') {
			out_char(&o, *fmt++);
			continue;
		}
		fmt++;
		parse_spec(&fmt, &sp, &args);
		/* upper-case letters are conversions only for X E F G A */
		upper_ok = !(sp.flags & F_UPPER) || sp.conv == 'x' || sp.conv == 'e' ||
			   sp.conv == 'f' || sp.conv == 'g' || sp.conv == 'a';
		switch (upper_ok ? sp.conv : '\0') {
		case 'd':
		case 'i': {
			intmax_t v = arg_signed(sp.len, &args);
			format_int(&o, &sp, v < 0 ? -(uintmax_t)v : (uintmax_t)v, v < 0);
			break;
		}
		case 'u':
		case 'o':
		case 'x':
			format_int(&o, &sp, arg_unsigned(sp.len, &args), 0);
			break;
		case 'p': {
			void *p = va_arg(args, void *);
			if (p == NULL)
				format_text(&o, &sp, "(nil)", 5);
			else
				format_int(&o, &sp, (uintptr_t)p, 0);
			break;
		}
		case 'c': {
			char c = (char)va_arg(args, int);
			format_text(&o, &sp, &c, 1);
			break;
		}
		case 's': {
			const char *s = va_arg(args, const char *);
			size_t n = 0;
			if (s == NULL) /* glibc's choice: all of "(null)", or nothing */
				s = sp.prec < 0 || sp.prec >= 6 ? "(null)" : "";
			while (s[n] != '\0' && (sp.prec < 0 || n < (size_t)sp.prec))
				n++;
			format_text(&o, &sp, s, n);
			break;
		}
		case 'n':
			store_count(sp.len, &args, o.total);
			break;
		case '%':
			out_char(&o, '%');
			break;
		case 'f':
		case 'e':
		case 'g':
		case 'a': {
			double x = sp.len == LEN_BIG_L ? (double)va_arg(args, long double)
						       : va_arg(args, double);
			format_float(&o, &sp, x);
			break;
		}
		default: /* not a conversion: copy it as written */
			out_str(&o, start, (size_t)(fmt - start));
			break;
		}
	}
	va_end(args);
	out_flush(&o);
	return o.total > INT_MAX ? -1 : (int)o.total;
}

/* ---- formatting to memory ------------------------------------------------- */

/* A buffer of size bytes: the first size - 1 bytes of the text are kept. */
struct membuf {
	char *buf;
	size_t size;
	size_t pos; /* bytes of text so far, kept or not */
};

static void membuf_put(void *ctx, const char *s, size_t n)
{
	struct membuf *m = ctx;

	for (size_t i = 0; i < n; i++, m->pos++)
		if (m->pos + 1 < m->size)
			m->buf[m->pos] = s[i];
}

/*
 * vsnprintf: formats into buf, keeping at most size - 1 bytes and a NUL
 * (nothing if size == 0). Returns the length the whole text has (so a
 * result >= size means it was cut), or -1 if it exceeds INT_MAX.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct membuf m = { .buf = buf, .size = size, .pos = 0 };
	int r = __vformat(membuf_put, &m, fmt, ap);

	if (size > 0)
		buf[m.pos < size ? m.pos : size - 1] = '\0';
	return r;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return r;
}

/* vsprintf: vsnprintf without a limit; buf must be large enough. */
int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, (size_t)-1, fmt, ap);
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, (size_t)-1, fmt, ap);
	va_end(ap);
	return r;
}
