/*
 * heap6.h: the workload of heap6 (lab 6 test program), shared by the
 * program and the grader (grader/tests/lab6.c), which runs the same
 * sequence of malloc, calloc, realloc and free on the host's allocator
 * and so knows every byte each block must hold.
 *
 * HEAP6_ROUNDS rounds of HEAP6_OPS operations on HEAP6_SLOTS slots, each
 * empty or holding a block. An operation picks a slot: an empty one gets
 * a new block (malloc, or calloc one time in eight: its first half left
 * as calloc made it, zeros), a full one is freed (three times in four) or
 * resized with realloc (its old bytes kept up to the smaller size). New
 * bytes are a pattern of a 64-bit tag (heap6_byte). Rounds alternate
 * small blocks (1 to 256 bytes) and bigger ones (up to 8 KiB in the last
 * rounds), with now and then one of 128 to 200 KiB (a run of its own);
 * every block left is freed at the end of a round. Over the run the blocks
 * add up to several times the heap a process may have: freed memory must
 * be reused.
 */
#ifndef HEAP6_H
#define HEAP6_H

#include <stddef.h>
#include <stdint.h>

#include "../lab6.h"

#define HEAP6_SLOTS 256
#define HEAP6_ROUNDS 8
#define HEAP6_OPS 2000

/* What an operation does to a slot. */
enum heap6_kind { HEAP6_MALLOC, HEAP6_CALLOC, HEAP6_REALLOC, HEAP6_FREE };

/* heap6_byte: byte j of a block's bytes written with tag t. */
static inline uint8_t heap6_byte(uint64_t t, size_t j)
{
	return (uint8_t)((uint8_t)(t >> (8 * (j & 7))) + (uint8_t)(j >> 3));
}

/* heap6_size: the size of a new or resized block in round r. */
static inline size_t heap6_size(uint64_t *s, unsigned r)
{
	if (lab6_rand(s) % 128 == 0)
		return (128u << 10) + (size_t)(lab6_rand(s) % (72u << 10));
	if (r % 2 == 0)
		return 1 + (size_t)(lab6_rand(s) % 256);
	return 256 + (size_t)(lab6_rand(s) % (1024u << (r / 2)));
}

/* heap6_op: the next operation, on slot *slot, given whether each slot
 * holds a block (full[]): its kind, and for malloc, calloc and realloc
 * the new size (*size) and the tag of the new bytes (*tag). */
static inline enum heap6_kind heap6_op(uint64_t *s, unsigned r, const uint8_t full[HEAP6_SLOTS],
				       unsigned *slot, size_t *size, uint64_t *tag)
{
	*slot = (unsigned)(lab6_rand(s) % HEAP6_SLOTS);
	enum heap6_kind k;
	if (!full[*slot])
		k = lab6_rand(s) % 8 == 0 ? HEAP6_CALLOC : HEAP6_MALLOC;
	else
		k = lab6_rand(s) % 4 == 0 ? HEAP6_REALLOC : HEAP6_FREE;
	if (k != HEAP6_FREE) {
		*size = heap6_size(s, r);
		*tag = lab6_rand(s);
	}
	return k;
}

/* heap6_fill: the bytes [from, to) of block p written with tag t. */
static inline void heap6_fill(uint8_t *p, size_t from, size_t to, uint64_t t)
{
	for (size_t j = from; j < to; j++)
		p[j] = heap6_byte(t, j);
}

#endif
