/*
 * scanf.c: reading formatted input from a string or a stream: vsscanf,
 * sscanf, vfscanf, fscanf, scanf (C11 7.21.6.2, 7.21.6.4, 7.21.6.7,
 * 7.21.6.14). A stream is read one character at a time, looking at most
 * one ahead (given back with ungetc at the end); a NUL byte in it ends the
 * input, as the end of a string does.
 *
 * The format is read one directive at a time: white space (skips any
 * white space of the input), an ordinary character (must match the
 * input's next one), or a conversion: '%', an optional '*' (read, but
 * assign nothing), a width, a length, and the conversion letter.
 *
 * Two ways to stop early, as C names them: an input failure (the input
 * ended) and a matching failure (the input does not fit). Either returns
 * the number of items assigned so far; an input failure before the first
 * assignment returns EOF instead (as glibc does; C says "before the first
 * conversion", which differs only when the first conversions were all
 * suppressed with '*').
 */
#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum length { L_HH, L_H, L_NONE, L_L, L_LL, L_J, L_Z, L_T };

/* Why a conversion stopped, if it did. */
enum result { OK, INPUT_FAILURE, MATCHING_FAILURE };

/* The input: the string (or the stream f, with the character looked at
 * but not yet taken in ahead, NONE if none) and how much of it was taken. */
#define NONE (-2)
struct input {
	const char *s;
	FILE *f;
	int ahead;
	size_t pos;
};

/* peek: the next character, not taken; '\0' at the end. */
static int peek(struct input *in)
{
	if (!in->f)
		return (unsigned char)in->s[in->pos];
	if (in->ahead == NONE)
		in->ahead = getc(in->f);
	return in->ahead == EOF ? '\0' : in->ahead;
}

/* advance: takes the character peek showed. */
static void advance(struct input *in)
{
	in->pos++;
	in->ahead = NONE;
}

static void skip_space(struct input *in)
{
	while (peek(in) != '\0' && isspace(peek(in)))
		advance(in);
}

/* ---- integers --------------------------------------------------------------- */

/* digit_value: the value of c as a digit, or 99 when it is not one. */
static unsigned digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'a' && c <= 'z')
		return (unsigned)(c - 'a' + 10);
	if (c >= 'A' && c <= 'Z')
		return (unsigned)(c - 'A' + 10);
	return 99;
}

/*
 * scan_integer: reads, after white space, at most width characters of an
 * integer in base (0: as C's integer constants, 0x for hex and 0 for
 * octal; 16 also takes a 0x): an optional sign, digits. The result is what
 * strtoll (is_signed) or strtoull gives for those characters, as bits in
 * *v. "0x" with no hex digit after it reads as 0, as glibc reads it.
 */
static enum result scan_integer(struct input *in, size_t width, int base, int is_signed,
				uint64_t *v)
{
	size_t used = 0;
	int negative = 0, digits = 0, overflow = 0;
	uint64_t value = 0;

	skip_space(in);
	if (peek(in) == '\0')
		return INPUT_FAILURE;
	if (peek(in) == '+' || peek(in) == '-') {
		negative = peek(in) == '-';
		advance(in), used++;
	}
	if ((base == 0 || base == 16) && used < width && peek(in) == '0') {
		advance(in), used++, digits = 1;
		if (used < width && (peek(in) == 'x' || peek(in) == 'X')) {
			advance(in), used++;
			base = 16;
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	for (; used < width && digit_value(peek(in)) < (unsigned)base; advance(in), used++) {
		unsigned d = digit_value(peek(in));
		if (value > (UINT64_MAX - d) / (unsigned)base)
			overflow = 1;
		value = value * (unsigned)base + d;
		digits = 1;
	}
	if (!digits)
		return MATCHING_FAILURE;

	if (is_signed) {
		uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
		if (overflow || value > limit)
			value = limit;
	} else if (overflow) {
		value = UINT64_MAX, negative = 0;
	}
	*v = negative ? 0 - value : value;
	return OK;
}

/* store_integer: stores v, cut to the size length says, at p. */
static void store_integer(void *p, enum length len, uint64_t v)
{
	switch (len) {
	case L_HH: *(unsigned char *)p = (unsigned char)v; break;
	case L_H: *(unsigned short *)p = (unsigned short)v; break;
	case L_NONE: *(unsigned *)p = (unsigned)v; break;
	case L_L: *(unsigned long *)p = (unsigned long)v; break;
	case L_LL: *(unsigned long long *)p = (unsigned long long)v; break;
	case L_J: *(uintmax_t *)p = (uintmax_t)v; break;
	case L_Z: *(size_t *)p = (size_t)v; break;
	case L_T: *(ptrdiff_t *)p = (ptrdiff_t)v; break;
	}
}

/* ---- characters and strings ----------------------------------------------- */

/* A scanset: which bytes %[...] (or %s: all but white space) takes. */
struct set {
	unsigned char in[256];
};

/*
 * parse_set: reads a scanset's format after its '[' up to and including
 * its ']': an optional '^' (the complement), then the members, where a
 * ']' first is a member and a-z a range (a '-' first or last is itself).
 * Returns the format after the ']', or NULL if it has none.
 */
static const char *parse_set(const char *fmt, struct set *set)
{
	int invert = 0;

	if (*fmt == '^')
		invert = 1, fmt++;
	for (int c = 0; c < 256; c++)
		set->in[c] = 0;
	const unsigned char *f = (const unsigned char *)fmt;
	if (*f == ']')
		set->in[*f++] = 1;
	for (; *f != ']'; f++) {
		if (*f == '\0')
			return NULL;
		if (f[1] == '-' && f[2] != ']' && f[2] != '\0' && f[2] >= f[0]) {
			for (int c = f[0]; c <= f[2]; c++)
				set->in[c] = 1;
			f += 2;
		} else {
			set->in[*f] = 1;
		}
	}
	if (invert)
		for (int c = 0; c < 256; c++)
			set->in[c] = !set->in[c];
	set->in[0] = 0;
	return (const char *)f + 1;
}

/* scan_chars: reads at most width bytes that are in set (at least one),
 * storing them at out (when not NULL) and then a NUL if terminate. */
static enum result scan_chars(struct input *in, size_t width, const struct set *set,
			      char *out, int terminate)
{
	size_t n = 0;

	if (peek(in) == '\0')
		return INPUT_FAILURE;
	for (; n < width && set->in[peek(in)]; n++, advance(in))
		if (out)
			out[n] = (char)peek(in);
	if (n == 0)
		return MATCHING_FAILURE;
	if (out && terminate)
		out[n] = '\0';
	return OK;
}

/* ---- the directives --------------------------------------------------------- */

static enum length parse_length(const char **fmt)
{
	const char *f = *fmt;
	enum length len = L_NONE;

	switch (*f) {
	case 'h': len = f[1] == 'h' ? (f++, L_HH) : L_H; f++; break;
	case 'l': len = f[1] == 'l' ? (f++, L_LL) : L_L; f++; break;
	case 'j': len = L_J, f++; break;
	case 'z': len = L_Z, f++; break;
	case 't': len = L_T, f++; break;
	case 'L': len = L_LL, f++; break;
	}
	*fmt = f;
	return len;
}

/* scan_float: a decimal floating number (an optional sign, digits with
 * an optional '.', an optional exponent: e, a sign, digits) of at most
 * width characters, converted by strtod into *d. */
static enum result scan_float(struct input *in, size_t width, double *d)
{
	char buf[128];
	size_t n = 0, digits = 0;
	size_t max = width < sizeof(buf) - 1 ? width : sizeof(buf) - 1;
	if (peek(in) == '\0')
		return INPUT_FAILURE;
	if (n < max && (peek(in) == '+' || peek(in) == '-'))
		buf[n++] = (char)peek(in), advance(in);
	for (; n < max && isdigit(peek(in)); digits++)
		buf[n++] = (char)peek(in), advance(in);
	if (n < max && peek(in) == '.') {
		buf[n++] = '.', advance(in);
		for (; n < max && isdigit(peek(in)); digits++)
			buf[n++] = (char)peek(in), advance(in);
	}
	if (digits && n < max && (peek(in) == 'e' || peek(in) == 'E')) {
		buf[n++] = (char)peek(in), advance(in);
		if (n < max && (peek(in) == '+' || peek(in) == '-'))
			buf[n++] = (char)peek(in), advance(in);
		while (n < max && isdigit(peek(in)))
			buf[n++] = (char)peek(in), advance(in);
	}
	buf[n] = '\0';
	if (!digits)
		return MATCHING_FAILURE;
	*d = strtod(buf, NULL);
	return OK;
}

/*
 * vsscanf: see stdio.h. Each conversion below either assigns (unless
 * suppressed) and goes on, or stops the whole scan with its result.
 */
static int vscan(struct input *inp, const char *restrict format, va_list ap)
{
	const char *fmt = format;
	struct input in = *inp;
	int assigned = 0;
	enum result r = OK;

	while (*fmt != '\0' && r == OK) {
		if (isspace((unsigned char)*fmt)) {
			skip_space(&in);
			fmt++;
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			/* An ordinary character, or "%%" (which skips white space). */
			if (*fmt == '%')
				skip_space(&in), fmt++;
			if (peek(&in) == '\0')
				r = INPUT_FAILURE;
			else if (peek(&in) != (unsigned char)*fmt)
				r = MATCHING_FAILURE;
			else
				advance(&in), fmt++;
			continue;
		}

		fmt++;
		int suppress = *fmt == '*';
		if (suppress)
			fmt++;
		size_t width = 0;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (size_t)(*fmt++ - '0');
		if (width == 0)
			width = SIZE_MAX;
		enum length len = parse_length(&fmt);
		char conv = *fmt++;
		void *p = NULL;
		struct set set;
		uint64_t v;

		switch (conv) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
			int base = conv == 'i' ? 0 : conv == 'o' ? 8 : conv == 'x' || conv == 'X' ? 16 : 10;
			r = scan_integer(&in, width, base, conv == 'd' || conv == 'i', &v);
			if (r == OK && !suppress)
				store_integer(va_arg(ap, void *), len, v), assigned++;
			break;
		}
		case 'c':
			for (int c = 0; c < 256; c++)
				set.in[c] = c != 0;
			if (!suppress)
				p = va_arg(ap, char *);
			r = scan_chars(&in, width == SIZE_MAX ? 1 : width, &set, p, 0);
			assigned += r == OK && !suppress;
			break;
		case 's':
			for (int c = 0; c < 256; c++)
				set.in[c] = c != 0 && !isspace(c);
			if (!suppress)
				p = va_arg(ap, char *);
			skip_space(&in);
			r = scan_chars(&in, width, &set, p, 1);
			assigned += r == OK && !suppress;
			break;
		case '[':
			fmt = parse_set(fmt, &set);
			if (fmt == NULL)
				goto stop; /* a set without its ']' */
			if (!suppress)
				p = va_arg(ap, char *);
			r = scan_chars(&in, width, &set, p, 1);
			assigned += r == OK && !suppress;
			break;
		case 'f': case 'e': case 'g': case 'a': case 'F': case 'E': case 'G': case 'A': {
			double d;
			skip_space(&in);
			r = scan_float(&in, width, &d);
			if (r == OK && !suppress) {
				if (len == L_L)
					*va_arg(ap, double *) = d;
				else if (len == L_LL) /* L (and ll) */
					*va_arg(ap, long double *) = d;
				else
					*va_arg(ap, float *) = (float)d;
				assigned++;
			}
			break;
		}
		case 'n':
			if (!suppress)
				store_integer(va_arg(ap, void *), len, in.pos);
			break;
		default:
			/* Unknown, or the format ended after the '%'. */
			goto stop;
		}
	}
	*inp = in;
	if (r == INPUT_FAILURE && assigned == 0)
		return EOF;
	return assigned;
stop:
	*inp = in;
	return assigned;
}

int vsscanf(const char *restrict s, const char *restrict format, va_list ap)
{
	struct input in = { .s = s, .f = NULL, .ahead = NONE, .pos = 0 };
	return vscan(&in, format, ap);
}

int vfscanf(FILE *restrict f, const char *restrict format, va_list ap)
{
	struct input in = { .s = NULL, .f = f, .ahead = NONE, .pos = 0 };
	int r = vscan(&in, format, ap);
	if (in.ahead != NONE && in.ahead != EOF)
		ungetc(in.ahead, f); /* looked at, not taken */
	return r;
}

int fscanf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfscanf(f, fmt, ap);
	va_end(ap);
	return r;
}

int scanf(const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return r;
}

int sscanf(const char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}
