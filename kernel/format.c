/*
 * format.c: the printf-style formatter behind kprintf() and ksnprintf().
 *
 * vformat() walks the format string, parses each conversion into a
 * struct fmt_spec (flags, width, precision, length) and hands the argument to
 * the routine for its kind: format_string() for %s and %c, format_number()
 * for the integers. Every character goes out through struct fmt_out, which
 * counts what it sends.
 */
#include "format.h"

struct fmt_out {
	fmt_putc_fn putc;
	void *arg;
	int count;
};

/* One parsed conversion: "%-08lx" is {left, zero, width 8, length 'l'}. */
struct fmt_spec {
	bool left;     /* '-': pad on the right */
	bool zero;     /* '0': pad numbers with zeros (ignored with '-') */
	int width;     /* minimum field width, 0 if none */
	int precision; /* %s: maximum characters; -1 if none */
	int length;    /* 0 (int), 'l' (long), 'L' (long long), 'z' (size_t) */
};

/* out_char: send one character to the sink and count it. */
static void out_char(struct fmt_out *o, char c)
{
	o->putc(o->arg, c);
	o->count++;
}

/* out_pad: send `c` n times (nothing if n <= 0). */
static void out_pad(struct fmt_out *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

/*
 * format_string: send the first `len` characters of s, padded with spaces
 * to spec->width on the left (default) or on the right ('-').
 */
static void format_string(struct fmt_out *o, const char *s, int len,
			  const struct fmt_spec *spec)
{
	if (!spec->left)
		out_pad(o, ' ', spec->width - len);
	for (int i = 0; i < len; i++)
		out_char(o, s[i]);
	if (spec->left)
		out_pad(o, ' ', spec->width - len);
}

/*
 * format_number: send the integer whose magnitude is `value` in `base`
 * (10 or 16), preceded by '-' if `negative`.
 *
 * Requirements (LAB 1 exercise):
 *  - digits are 0-9 then a-f, or A-F when `upper`;
 *  - the value 0 prints as "0";
 *  - spec->width is the minimum length of the whole field, sign included;
 *  - padding: spaces on the left by default; spaces on the right when
 *    spec->left; zeros between the sign and the digits when spec->zero and
 *    not spec->left. So -42 is "-0042" in "%05d", "  -42" in "%5d" and
 *    "-42  " in "%-5d";
 *  - every character goes out through out_char()/out_pad(), so that it is
 *    counted and ksnprintf() works too.
 * Hint: fill a small buffer with the digits from least significant up
 * (value % base, value / base), then send it in reverse. A uint64_t has at
 * most 20 decimal digits.
 */
static void format_number(struct fmt_out *o, uint64_t value, bool negative,
			  unsigned base, bool upper, const struct fmt_spec *spec)
{
#if LAB1_SOLUTION
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[20];
	int n = 0;

	do {
		buf[n++] = digits[value % base];
		value /= base;
	} while (value != 0);

	int len = n + (negative ? 1 : 0);
	int pad = spec->width - len;

	if (spec->left) {
		if (negative)
			out_char(o, '-');
		while (n > 0)
			out_char(o, buf[--n]);
		out_pad(o, ' ', pad);
	} else if (spec->zero) {
		if (negative)
			out_char(o, '-');
		out_pad(o, '0', pad);
		while (n > 0)
			out_char(o, buf[--n]);
	} else {
		out_pad(o, ' ', pad);
		if (negative)
			out_char(o, '-');
		while (n > 0)
			out_char(o, buf[--n]);
	}
#else
	/* LAB 1: your code here. Until then every number prints as "?". */
	(void)value, (void)negative, (void)base, (void)upper, (void)spec;
	out_char(o, '?');
#endif
}

/* parse_spec: parse flags, width, precision and length after a '%'.
 * Returns the position of the conversion character. */
static const char *parse_spec(const char *p, struct fmt_spec *spec)
{
	*spec = (struct fmt_spec){ .precision = -1 };
	for (;; p++) {
		if (*p == '-')
			spec->left = true;
		else if (*p == '0')
			spec->zero = true;
		else
			break;
	}
	while (*p >= '0' && *p <= '9')
		spec->width = spec->width * 10 + (*p++ - '0');
	if (*p == '.') {
		spec->precision = 0;
		for (p++; *p >= '0' && *p <= '9'; p++)
			spec->precision = spec->precision * 10 + (*p - '0');
	}
	if (*p == 'l' && p[1] == 'l') {
		spec->length = 'L';
		p += 2;
	} else if (*p == 'l' || *p == 'z') {
		spec->length = *p++;
	}
	return p;
}

/* arg_signed / arg_unsigned: fetch an integer argument of spec's length. */
#define arg_signed(ap, spec)                                               \
	((spec)->length == 'L'	 ? (int64_t)va_arg(ap, long long)          \
	 : (spec)->length == 'l' ? (int64_t)va_arg(ap, long)               \
	 : (spec)->length == 'z' ? (int64_t)va_arg(ap, long)               \
				 : (int64_t)va_arg(ap, int))
#define arg_unsigned(ap, spec)                                             \
	((spec)->length == 'L'	 ? (uint64_t)va_arg(ap, unsigned long long) \
	 : (spec)->length == 'l' ? (uint64_t)va_arg(ap, unsigned long)      \
	 : (spec)->length == 'z' ? (uint64_t)va_arg(ap, size_t)             \
				 : (uint64_t)va_arg(ap, unsigned int))

int vformat(fmt_putc_fn putc, void *arg, const char *fmt, va_list ap)
{
	struct fmt_out o = { .putc = putc, .arg = arg };
	struct fmt_spec spec;

	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			out_char(&o, *p);
			continue;
		}
		p = parse_spec(p + 1, &spec);
		switch (*p) {
		case 'c': {
			char c = (char)va_arg(ap, int);
			format_string(&o, &c, 1, &spec);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			int len = 0;
			if (!s)
				s = "(null)";
			while (s[len] && (spec.precision < 0 || len < spec.precision))
				len++;
			format_string(&o, s, len, &spec);
			break;
		}
		case 'd':
		case 'i': {
			int64_t v = arg_signed(ap, &spec);
			uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
			format_number(&o, mag, v < 0, 10, false, &spec);
			break;
		}
		case 'u':
			format_number(&o, arg_unsigned(ap, &spec), false, 10, false, &spec);
			break;
		case 'x':
		case 'X':
			format_number(&o, arg_unsigned(ap, &spec), false, 16, *p == 'X',
				      &spec);
			break;
		case 'p': {
			struct fmt_spec ptr = { .zero = true, .width = 16 };
			out_char(&o, '0');
			out_char(&o, 'x');
			format_number(&o, (uintptr_t)va_arg(ap, void *), false, 16, false,
				      &ptr);
			break;
		}
		case '%':
			out_char(&o, '%');
			break;
		case '\0': /* a lone '%' at the end: print it and stop */
			out_char(&o, '%');
			return o.count;
		default: /* unknown conversion: print it as written */
			out_char(&o, '%');
			out_char(&o, *p);
			break;
		}
	}
	return o.count;
}

/* The sink behind ksnprintf(): a buffer that silently drops the overflow. */
struct buf_sink {
	char *buf;
	size_t size;
	size_t len;
};

static void buf_putc(void *arg, char c)
{
	struct buf_sink *b = arg;
	if (b->len + 1 < b->size)
		b->buf[b->len] = c;
	b->len++;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_sink b = { .buf = buf, .size = size };
	int n = vformat(buf_putc, &b, fmt, ap);
	if (size > 0)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
