/*
 * bigfork6 SEED OUT: fork of a process with a big heap (lab 6 test
 * program).
 *
 * Fills from SEED a heap of about 2 MiB: one block of 1 to 1.25 MiB (a run
 * of pages of its own) and 1000 to 1500 small blocks (in the heap's
 * arenas), then forks. The child writes the FNV of all of them (its
 * copies), then allocates about 1 MiB more (a big block and small ones:
 * its heap grows past its parent's end), fills and hashes it, overwrites
 * its copies of the parent's blocks, hashes them again and exits with a
 * status from SEED. The parent reaps it and hashes its own blocks again:
 * they must be as it left them.
 */
#include <stdbool.h>
#include <sys/wait.h>

#include "t6lib.h"

#define SMALL_MAX 1500

static uint8_t *small[SMALL_MAX];
static size_t small_len[SMALL_MAX];

/* heap_hash: the FNV of the big block (n bytes) and the small blocks
 * (count of them), in that order. */
static uint64_t heap_hash(const uint8_t *big, size_t n, unsigned count)
{
	uint64_t h = lab6_fnv(LAB6_FNV_START, big, n);
	for (unsigned i = 0; i < count; i++)
		h = lab6_fnv(h, small[i], small_len[i]);
	return h;
}

/* fill_small: count small blocks of 16 to 1040 bytes, their sizes and
 * bytes from *s; false if malloc fails. */
static bool fill_small(uint64_t *s, unsigned count)
{
	for (unsigned i = 0; i < count; i++) {
		small_len[i] = 16 + (size_t)(lab6_rand(s) % 1025);
		if (!(small[i] = malloc(small_len[i])))
			return false;
		lab6_fill(s, small[i], small_len[i]);
	}
	return true;
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	uint64_t seed = t6_seed(argv), s = seed, v[4];
	size_t n = (1024u << 10) + (size_t)(lab6_rand(&s) % (256u << 10));
	unsigned count = 1000 + (unsigned)(lab6_rand(&s) % 501);
	t6_out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	uint8_t *big = malloc(n);
	if (t6_out < 0 || !big)
		return 3;
	lab6_fill(&s, big, n);
	if (!fill_small(&s, count))
		return 4;
	pid_t pid = fork();
	if (pid == 0) {
		v[0] = heap_hash(big, n, count);
		t6_line("child sees", 1, v);
		/* Its own heap grows: about 1 MiB more. */
		size_t m = (512u << 10) + (size_t)(lab6_rand(&s) % (128u << 10));
		unsigned more = 400 + (unsigned)(lab6_rand(&s) % 201);
		uint8_t *big2 = malloc(m);
		if (!big2) {
			t6_line("child malloc failed", 0, v);
			_exit(5);
		}
		lab6_fill(&s, big2, m);
		uint64_t h = lab6_fnv(LAB6_FNV_START, big2, m);
		for (unsigned i = 0; i < more; i++) {
			size_t k = 16 + (size_t)(lab6_rand(&s) % 1025);
			uint8_t *p = malloc(k);
			if (!p) {
				t6_line("child malloc failed", 0, v);
				_exit(5);
			}
			lab6_fill(&s, p, k);
			h = lab6_fnv(h, p, k);
		}
		v[0] = h;
		t6_line("child grew", 1, v);
		lab6_fill(&s, big, n);
		for (unsigned i = 0; i < count; i++)
			lab6_fill(&s, small[i], small_len[i]);
		v[0] = heap_hash(big, n, count);
		t6_line("child wrote", 1, v);
		_exit((int)(1 + seed % 100));
	}
	int st = -1;
	v[0] = (uint64_t)(pid > 0 && waitpid(pid, &st, 0) == pid), v[1] = (uint64_t)st;
	t6_line("parent reaped", 2, v);
	v[0] = heap_hash(big, n, count);
	t6_line("parent still", 1, v);
	return 0;
}
