/*
 * forkrights6 SEED OUT: the rights of a forked child's pages (lab 6 test
 * program).
 *
 * Fills a global array from SEED, opens OUT, then forks four children,
 * each reaped before the next, and writes each one's waitpid status:
 *   1. writes into its own code (the first byte of hashes()): the code is not
 *      writable, so it must be killed (SIGSEGV);
 *   2. writes into a string literal (read-only data): killed too;
 *   3. calls a `ret` instruction in a data array: data is not executable,
 *      so it is killed too;
 *   4. writes the FNV of its code, its read-only data and the global array
 *      (a copy of its parent's), overwrites the array (its own copy), and
 *      exits with a status from SEED.
 * The parent then writes the same three hashes of its own: the code and
 * read-only data the same as the child's, the array as SEED filled it.
 */
#include <sys/wait.h>

#include "t6lib.h"

extern char __text_end[]; /* user.ld: the end of the code, which starts at 0x400000 */
#define TEXT_START 0x400000ul

static uint8_t global[4096];
static uint8_t ret_code[16] = { 0xc3 }; /* ret */
static const char literal[] = "a string literal, in the read-only data of forkrights6";

/* hashes: the FNV of the code, of the literal and of the global array. */
static void hashes(uint64_t h[3])
{
	h[0] = lab6_fnv(LAB6_FNV_START, (const uint8_t *)TEXT_START,
			(size_t)((uintptr_t)__text_end - TEXT_START));
	h[1] = lab6_fnv(LAB6_FNV_START, (const uint8_t *)literal, sizeof(literal));
	h[2] = lab6_fnv(LAB6_FNV_START, global, sizeof(global));
}

/* child: what child k does (the top of this file); never returns. */
static _Noreturn void child(int k, uint64_t seed)
{
	uint64_t h[3];
	switch (k) {
	case 1:
		*(volatile uint8_t *)(uintptr_t)&hashes = 0x90;
		break;
	case 2:
		*(volatile char *)(uintptr_t)literal = 'A';
		break;
	case 3:
		((void (*)(void))(uintptr_t)ret_code)();
		break;
	default:
		hashes(h);
		t6_line("child code rodata data", 3, h);
		for (size_t i = 0; i < sizeof(global); i++)
			global[i] ^= 0x5a;
		_exit((int)(1 + seed % 200));
	}
	_exit(0); /* it should not get here */
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	uint64_t seed = t6_seed(argv), s = seed, h[3];
	lab6_fill(&s, global, sizeof(global));
	t6_out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (t6_out < 0)
		return 3;
	static const char *const key[] = { "", "code write", "rodata write", "data call",
					   "child" };
	for (int k = 1; k <= 4; k++) {
		pid_t pid = fork();
		if (pid == 0)
			child(k, seed);
		int st = -1;
		uint64_t v[2] = { (uint64_t)(pid > 0 && waitpid(pid, &st, 0) == pid),
				  (uint64_t)st };
		t6_line(key[k], 2, v);
	}
	hashes(h);
	t6_line("parent code rodata data", 3, h);
	return 0;
}
