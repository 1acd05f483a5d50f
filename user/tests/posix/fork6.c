/*
 * fork6 SEED OUT: fork's copies (lab 6 test program).
 *
 * Fills memory of three kinds (the heap, the stack, a global) with bytes
 * from SEED, opens OUT, forks. The child writes what it sees (FNV hashes,
 * t6lib.h), overwrites all three, grows its heap, forks a grandchild that
 * writes what it sees of the child's new bytes, reaps it, and exits with
 * a status from SEED. The parent reaps the child and writes what it still
 * sees. Both write through the one fd opened before fork, so their lines
 * follow each other in OUT (a shared offset). Pids are written too: the
 * grader checks that they agree (fork's return, getpid, getppid).
 */
#include <sys/wait.h>

#include "t6lib.h"

static uint8_t global[8192];

/* hashes: the FNV of heap, stack and global into h[3]. */
static void hashes(const uint8_t *heap, size_t n, const uint8_t *stack, uint64_t h[3])
{
	h[0] = lab6_fnv(LAB6_FNV_START, heap, n);
	h[1] = lab6_fnv(LAB6_FNV_START, stack, 2048);
	h[2] = lab6_fnv(LAB6_FNV_START, global, sizeof(global));
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	uint64_t s = t6_seed(argv), h[3], v[2] = { 0, 0 };
	size_t n = 100000 + (size_t)(lab6_rand(&s) % 200000);
	uint8_t *heap = malloc(n), stack[2048];
	if (!heap)
		return 3;
	lab6_fill(&s, heap, n);
	lab6_fill(&s, stack, sizeof(stack));
	lab6_fill(&s, global, sizeof(global));
	t6_out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (t6_out < 0)
		return 4;
	uint64_t parent = (uint64_t)getpid();
	pid_t pid = fork();
	if (pid < 0) {
		t6_line("fork failed", 0, v);
		return 5;
	}
	if (pid == 0) {
		v[0] = (uint64_t)getpid(), v[1] = (uint64_t)getppid();
		t6_line("child pid ppid", 2, v);
		hashes(heap, n, stack, h);
		t6_line("child sees", 3, h);
		lab6_fill(&s, heap, n);
		lab6_fill(&s, stack, sizeof(stack));
		lab6_fill(&s, global, sizeof(global));
		uint8_t *more = malloc(300000);
		if (!more)
			_exit(6);
		lab6_fill(&s, more, 300000);
		h[0] = lab6_fnv(LAB6_FNV_START, more, 300000);
		t6_line("child grew", 1, h);
		pid_t g = fork();
		if (g == 0) {
			hashes(heap, n, stack, h);
			t6_line("grandchild sees", 3, h);
			h[0] = lab6_fnv(LAB6_FNV_START, more, 300000);
			t6_line("grandchild sees grown", 1, h);
			_exit(3);
		}
		int st = -1;
		v[0] = (uint64_t)(waitpid(g, &st, 0) == g), v[1] = (uint64_t)st;
		t6_line("child reaped", 2, v);
		hashes(heap, n, stack, h);
		t6_line("child has", 3, h);
		_exit((int)(1 + t6_seed(argv) % 100));
	}
	int st = -1;
	pid_t got = waitpid(pid, &st, 0);
	uint64_t w[4] = { parent, (uint64_t)pid, (uint64_t)got, (uint64_t)st };
	t6_line("parent pid fork waited status", 4, w);
	hashes(heap, n, stack, h);
	t6_line("parent still", 3, h);
	close(t6_out);
	return 0;
}
