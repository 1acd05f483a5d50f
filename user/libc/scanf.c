/*
 * scanf.c: reading formatted input from a string: vsscanf and sscanf
 * (C11 7.21.6.2, 7.21.6.7, 7.21.6.14).
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

enum length { L_HH, L_H, L_NONE, L_L, L_LL, L_J, L_Z, L_T };

/* Why a conversion stopped, if it did. */
enum result { OK, INPUT_FAILURE, MATCHING_FAILURE };

/* The input: the string and how far into it we are. */
struct input {
	const char *s;
	size_t pos;
};

static int peek(const struct input *in)
{
	return (unsigned char)in->s[in->pos];
}

static void skip_space(struct input *in)
{
	while (peek(in) != '\0' && isspace(peek(in)))
		in->pos++;
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
		in->pos++, used++;
	}
	if ((base == 0 || base == 16) && used < width && peek(in) == '0') {
		in->pos++, used++, digits = 1;
		if (used < width && (peek(in) == 'x' || peek(in) == 'X')) {
			in->pos++, used++;
			base = 16;
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	for (; used < width && digit_value(peek(in)) < (unsigned)base; in->pos++, used++) {
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
	for (; n < width && set->in[peek(in)]; n++, in->pos++)
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

/*
 * vsscanf: see stdio.h. Each conversion below either assigns (unless
 * suppressed) and goes on, or stops the whole scan with its result.
 */
int vsscanf(const char *restrict s, const char *restrict format, va_list ap)
{
	const char *fmt = format;
	struct input in = { .s = s, .pos = 0 };
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
				in.pos++, fmt++;
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
				return assigned; /* a set without its ']' */
			if (!suppress)
				p = va_arg(ap, char *);
			r = scan_chars(&in, width, &set, p, 1);
			assigned += r == OK && !suppress;
			break;
		case 'n':
			if (!suppress)
				store_integer(va_arg(ap, void *), len, in.pos);
			break;
		default:
			/* Unknown, or the format ended after the '%'. */
			return assigned;
		}
	}
	if (r == INPUT_FAILURE && assigned == 0)
		return EOF;
	return assigned;
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
