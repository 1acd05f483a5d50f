/*
 * heap6 SEED OUT: malloc, calloc, realloc and free under a random
 * workload (lab 6 test program; heap6.h describes it).
 *
 * Writes, per round, the FNV of every block's bytes as it was freed (in
 * the order they were freed) and how many were freed; then how many
 * blocks had an address that is not a multiple of 16. If an allocation
 * fails, it writes which one, and stops. The grader runs the same
 * workload and compares.
 */
#include "heap6.h"
#include "t6lib.h"

static uint8_t *blk[HEAP6_SLOTS];
static size_t len[HEAP6_SLOTS];
static uint8_t full[HEAP6_SLOTS];

/* release: frees slot i's block, its bytes hashed into *h first. */
static void release(unsigned i, uint64_t *h, uint64_t *freed)
{
	*h = lab6_fnv(*h, blk[i], len[i]);
	++*freed;
	free(blk[i]);
	full[i] = 0;
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	uint64_t s = t6_seed(argv), misaligned = 0;
	t6_out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (t6_out < 0)
		return 3;
	for (unsigned r = 0; r < HEAP6_ROUNDS; r++) {
		uint64_t h = LAB6_FNV_START, freed = 0;
		for (unsigned op = 0; op < HEAP6_OPS; op++) {
			unsigned i;
			size_t n = 0;
			uint64_t tag = 0;
			enum heap6_kind k = heap6_op(&s, r, full, &i, &n, &tag);
			if (k == HEAP6_FREE) {
				release(i, &h, &freed);
				continue;
			}
			uint8_t *p = k == HEAP6_MALLOC ? malloc(n) :
				     k == HEAP6_CALLOC ? calloc(n, 1) : realloc(blk[i], n);
			if (!p) {
				uint64_t v[3] = { r, op, n };
				t6_line("failed round op size", 3, v);
				return 4;
			}
			misaligned += (uintptr_t)p % 16 != 0;
			size_t from = k == HEAP6_MALLOC ? 0 : k == HEAP6_CALLOC ? n / 2 :
				      len[i] < n ? len[i] : n;
			heap6_fill(p, from, n, tag);
			blk[i] = p, len[i] = n, full[i] = 1;
		}
		for (unsigned i = 0; i < HEAP6_SLOTS; i++)
			if (full[i])
				release(i, &h, &freed);
		uint64_t v[3] = { r, h, freed };
		t6_line("round freed", 3, v);
	}
	t6_line("misaligned", 1, &misaligned);
	return 0;
}
