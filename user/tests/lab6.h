/*
 * tests/lab6.h: what lab 6's test programs (user/tests/posix/NAME.c, libc
 * programs in the boot image as tests/NAME) and the grader
 * (grader/tests/lab6*.c) share: a generator of pseudo-random bytes and
 * FNV-1a, so that the grader can compute, from a test's seed, every
 * byte the test program should have written.
 *
 * The programs write what they observe (data, never verdicts) into files;
 * the grader reads those files in the file server's memory and compares
 * them with what POSIX semantics give.
 */
#ifndef USER_TESTS_LAB6_H
#define USER_TESTS_LAB6_H

#include <stdint.h>
#include <stddef.h>

/* lab6_rand: the next number of the xorshift64* sequence in *s (never 0). */
static inline uint64_t lab6_rand(uint64_t *s)
{
	uint64_t x = *s ? *s : 0x9e3779b97f4a7c15ull;
	x ^= x >> 12, x ^= x << 25, x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dull;
}

/* lab6_fill: n pseudo-random bytes from *s into p. */
static inline void lab6_fill(uint64_t *s, uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(lab6_rand(s) >> 56);
}

/* lab6_word: a pseudo-random lower-case word of 1..max letters in out
 * (NUL-ended; out has room for max + 1). */
static inline void lab6_word(uint64_t *s, char *out, unsigned max)
{
	unsigned n = 1 + (unsigned)(lab6_rand(s) % max);
	for (unsigned i = 0; i < n; i++)
		out[i] = (char)('a' + lab6_rand(s) % 26);
	out[n] = '\0';
}

/* lab6_fnv: FNV-1a over n bytes, from h (start with LAB6_FNV_START). */
#define LAB6_FNV_START 0xcbf29ce484222325ull
static inline uint64_t lab6_fnv(uint64_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

#endif /* USER_TESTS_LAB6_H */
