/*
 * bignum.c: small unsigned integers of fixed capacity (see bignum.h).
 *
 * Only what printf and strtod need: multiplying and dividing by a 32-bit
 * number, shifting, comparing and subtracting. Every operation is the
 * schoolbook one, with 64-bit intermediate products; simple and clear
 * over fast.
 */
#include "bignum.h"

/* trim: drop the zero limbs at the top, so that d[n-1] != 0. */
static void trim(struct big *a)
{
	while (a->n > 0 && a->d[a->n - 1] == 0)
		a->n--;
}

void big_set(struct big *a, uint64_t v)
{
	a->d[0] = (uint32_t)v;
	a->d[1] = (uint32_t)(v >> 32);
	a->n = 2;
	trim(a);
}

void big_mul_small(struct big *a, uint32_t m)
{
	uint64_t carry = 0;

	for (int i = 0; i < a->n; i++) {
		uint64_t t = (uint64_t)a->d[i] * m + carry;
		a->d[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry != 0 && a->n < BIG_LIMBS)
		a->d[a->n++] = (uint32_t)carry;
	trim(a);
}

void big_add_small(struct big *a, uint32_t v)
{
	uint64_t carry = v;

	for (int i = 0; i < a->n && carry != 0; i++) {
		uint64_t t = (uint64_t)a->d[i] + carry;
		a->d[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry != 0 && a->n < BIG_LIMBS)
		a->d[a->n++] = (uint32_t)carry;
}

/* big_mul_pow: a *= base^k, k >= 0, by the largest powers that fit in 32 bits. */
void big_mul_pow(struct big *a, uint32_t base, int k)
{
	uint32_t step = 1;
	int per = 0;

	if (base == 2) {
		big_shl(a, k);
		return;
	}
	while ((uint64_t)step * base <= 0xffffffffu) {
		step *= base;
		per++;
	}
	for (; k >= per; k -= per)
		big_mul_small(a, step);
	for (; k > 0; k--)
		big_mul_small(a, base);
}

void big_shl(struct big *a, int k)
{
	int limbs = k / 32, bits = k % 32;

	if (a->n == 0)
		return;
	if (a->n + limbs + 1 > BIG_LIMBS)
		limbs = BIG_LIMBS - a->n - 1; /* a caller's bug: saturate */
	a->d[a->n + limbs] = 0;
	for (int i = a->n - 1; i >= 0; i--) {
		uint64_t t = (uint64_t)a->d[i] << bits;
		a->d[i + limbs + 1] |= (uint32_t)(t >> 32);
		a->d[i + limbs] = (uint32_t)t;
	}
	for (int i = 0; i < limbs; i++)
		a->d[i] = 0;
	a->n += limbs + 1;
	trim(a);
}

void big_shr1(struct big *a)
{
	for (int i = 0; i < a->n; i++) {
		uint32_t hi = i + 1 < a->n ? a->d[i + 1] : 0;
		a->d[i] = (a->d[i] >> 1) | (hi << 31);
	}
	trim(a);
}

uint32_t big_divmod_small(struct big *a, uint32_t dv)
{
	uint64_t rem = 0;

	for (int i = a->n - 1; i >= 0; i--) {
		uint64_t t = (rem << 32) | a->d[i];
		a->d[i] = (uint32_t)(t / dv);
		rem = t % dv;
	}
	trim(a);
	return (uint32_t)rem;
}

int big_cmp(const struct big *a, const struct big *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (int i = a->n - 1; i >= 0; i--)
		if (a->d[i] != b->d[i])
			return a->d[i] < b->d[i] ? -1 : 1;
	return 0;
}

void big_sub(struct big *a, const struct big *b)
{
	int64_t borrow = 0;

	for (int i = 0; i < a->n; i++) {
		int64_t t = (int64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
		borrow = t < 0;
		a->d[i] = (uint32_t)(t + (borrow ? ((int64_t)1 << 32) : 0));
	}
	trim(a);
}

int big_bits(const struct big *a)
{
	int bits;
	uint32_t top;

	if (a->n == 0)
		return 0;
	top = a->d[a->n - 1];
	for (bits = 0; top != 0; top >>= 1)
		bits++;
	return 32 * (a->n - 1) + bits;
}

uint64_t big_low64(const struct big *a)
{
	uint64_t lo = a->n > 0 ? a->d[0] : 0;
	uint64_t hi = a->n > 1 ? a->d[1] : 0;

	return lo | hi << 32;
}
