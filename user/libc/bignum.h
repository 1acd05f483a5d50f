/*
 * bignum.h: small unsigned integers of fixed capacity (user/libc/bignum.c),
 * private to the library: printf's floating conversions and strtod use
 * them to compute with a double's exact value, m * 2^e, and with exact
 * decimal numbers, so that both round correctly without relying on the FPU.
 *
 * A struct big holds a value below 2^(32 * BIG_LIMBS), little-endian limbs,
 * n of them in use (n == 0 is zero; d[n-1] != 0 otherwise). The capacity is
 * enough for every value the two users build (about 4,000 bits: strtod's
 * 800 digits times 10^1125); an operation that would exceed it is a bug in
 * its caller, and saturates rather than writes out of bounds.
 */
#ifndef _ERIX_LIBC_BIGNUM_H
#define _ERIX_LIBC_BIGNUM_H

#include <stdint.h>

#define BIG_LIMBS 200

struct big {
	int n;
	uint32_t d[BIG_LIMBS];
};

void big_set(struct big *a, uint64_t v);               /* a = v */
void big_mul_small(struct big *a, uint32_t m);          /* a *= m */
void big_add_small(struct big *a, uint32_t v);          /* a += v */
void big_mul_pow(struct big *a, uint32_t base, int k);  /* a *= base^k (base 2, 5 or 10) */
void big_shl(struct big *a, int k);                     /* a <<= k */
void big_shr1(struct big *a);                           /* a >>= 1 */
uint32_t big_divmod_small(struct big *a, uint32_t dv);  /* a /= dv; returns a % dv */
int big_cmp(const struct big *a, const struct big *b);  /* -1, 0, 1 */
void big_sub(struct big *a, const struct big *b);       /* a -= b; needs a >= b */
int big_bits(const struct big *a);                      /* bit length; 0 for zero */
uint64_t big_low64(const struct big *a);                /* a mod 2^64 */

#endif
