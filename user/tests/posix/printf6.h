/*
 * printf6.h: the conversions printf6 (lab 6 test program) formats,
 * shared by the program and the grader (grader/tests/lab6.c), which
 * formats the same ones with the host's snprintf and compares.
 *
 * A case is one integer conversion (%d %i %u %o %x %X, or %p) with random
 * flags, field width and precision (either may be '*', taken from an
 * argument, which may be negative), a length modifier (hh h l ll j z t)
 * and a value of that type, large or small, negative or zero. Both sides
 * make a case from the same generator (printf6_make) and pass the
 * arguments with the types the conversion wants (printf6_format), each
 * to its own snprintf.
 */
#ifndef PRINTF6_H
#define PRINTF6_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../lab6.h"

/* One conversion and its arguments. */
struct printf6_case {
	char fmt[40];   /* "[%s]" around the conversion, e.g. "<%-+08.3llx>" */
	int nstar;      /* '*' arguments before the value: 0, 1 or 2 */
	int star[2];    /* their values */
	char conv;      /* d i u o x X p */
	int len;        /* the length modifier: an index in printf6_lengths */
	uint64_t value; /* the value's bits, cast to the conversion's type */
};

static const char *const printf6_lengths[] = { "", "hh", "h", "l", "ll", "j", "z", "t" };

/* printf6_make: the next case from the generator *s. */
static inline void printf6_make(uint64_t *s, struct printf6_case *c)
{
	static const char convs[] = "diuoxXp";
	char *f = c->fmt;
	c->conv = convs[lab6_rand(s) % 7];
	c->len = c->conv == 'p' ? 0 : (int)(lab6_rand(s) % 8);
	c->nstar = 0;
	*f++ = '<';
	*f++ = '%';
	/* Flags: %p takes only '-' (its other flags are the implementation's). */
	const char *flags = c->conv == 'p' ? "-" : "-+ #0";
	for (const char *g = flags; *g; g++)
		if (lab6_rand(s) % 4 == 0 && !(*g == '#' && (c->conv == 'd' || c->conv == 'i' ||
							     c->conv == 'u')))
			*f++ = *g;
	uint64_t w = lab6_rand(s) % 8;
	if (w == 1) {
		*f++ = '*';
		c->star[c->nstar++] = (int)(lab6_rand(s) % 41) - 20;
	} else if (w >= 2) {
		unsigned width = 1 + (unsigned)(lab6_rand(s) % 30);
		if (width >= 10)
			*f++ = (char)('0' + width / 10);
		*f++ = (char)('0' + width % 10);
	}
	uint64_t p = c->conv == 'p' ? 0 : lab6_rand(s) % 8;
	if (p == 1) {
		*f++ = '.';
		*f++ = '*';
		c->star[c->nstar++] = (int)(lab6_rand(s) % 31) - 5;
	} else if (p >= 5) {
		unsigned prec = (unsigned)(lab6_rand(s) % 25);
		*f++ = '.';
		if (p == 5)
			prec = 0;
		else if (prec >= 10)
			*f++ = (char)('0' + prec / 10);
		if (p != 6)
			*f++ = (char)('0' + prec % 10);
	}
	for (const char *l = printf6_lengths[c->len]; *l; l++)
		*f++ = *l;
	*f++ = c->conv;
	*f++ = '>';
	*f = '\0';
	/* A value: zero one time in eight, else random bits of a random
	 * magnitude; %p never NULL (that prints "(nil)" in glibc). */
	uint64_t v = lab6_rand(s), kind = lab6_rand(s) % 8;
	c->value = kind == 0 ? 0 : kind < 4 ? v >> (lab6_rand(s) % 64) : v;
	if (c->conv == 'p' && c->value == 0)
		c->value = 0x1000;
}

/* PRINTF6_CALL: fprintf(f, ...) if f is not NULL, else snprintf(buf,
 * size, ...), of c->fmt with the '*' arguments and the value. */
#define PRINTF6_CALL(f, buf, size, c, value)                                                \
	((c)->nstar == 0 ? PRINTF6_TO(f, buf, size, (c)->fmt, value) :                      \
	 (c)->nstar == 1 ? PRINTF6_TO(f, buf, size, (c)->fmt, (c)->star[0], value) :      \
			   PRINTF6_TO(f, buf, size, (c)->fmt, (c)->star[0], (c)->star[1], value))
#define PRINTF6_TO(f, buf, size, ...) \
	((f) ? fprintf(f, __VA_ARGS__) : snprintf(buf, size, __VA_ARGS__))

/* printf6_format: case c formatted by fprintf into f if f is not NULL,
 * else by snprintf into buf (size bytes), its value passed as the type
 * its length modifier and conversion name; what printf returned. */
static inline int printf6_format(FILE *f, char *buf, size_t size, const struct printf6_case *c)
{
	uint64_t v = c->value;
	if (c->conv == 'p')
		return PRINTF6_CALL(f, buf, size, c, (void *)(uintptr_t)v);
	if (c->conv == 'd' || c->conv == 'i') {
		switch (c->len) {
		case 1: return PRINTF6_CALL(f, buf, size, c, (int)(signed char)v);
		case 2: return PRINTF6_CALL(f, buf, size, c, (int)(short)v);
		case 3: return PRINTF6_CALL(f, buf, size, c, (long)v);
		case 4: return PRINTF6_CALL(f, buf, size, c, (long long)v);
		case 5: return PRINTF6_CALL(f, buf, size, c, (intmax_t)v);
		case 6: return PRINTF6_CALL(f, buf, size, c, (long)v); /* size_t's signed type */
		case 7: return PRINTF6_CALL(f, buf, size, c, (ptrdiff_t)v);
		default: return PRINTF6_CALL(f, buf, size, c, (int)v);
		}
	}
	switch (c->len) {
	case 1: return PRINTF6_CALL(f, buf, size, c, (unsigned)(unsigned char)v);
	case 2: return PRINTF6_CALL(f, buf, size, c, (unsigned)(unsigned short)v);
	case 3: return PRINTF6_CALL(f, buf, size, c, (unsigned long)v);
	case 4: return PRINTF6_CALL(f, buf, size, c, (unsigned long long)v);
	case 5: return PRINTF6_CALL(f, buf, size, c, (uintmax_t)v);
	case 6: return PRINTF6_CALL(f, buf, size, c, (size_t)v);
	case 7: return PRINTF6_CALL(f, buf, size, c, (unsigned long)v); /* ptrdiff_t's unsigned */
	default: return PRINTF6_CALL(f, buf, size, c, (unsigned)v);
	}
}

#endif
