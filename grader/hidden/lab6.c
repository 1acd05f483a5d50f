/*
 * hidden/lab6.c: lab 6's hidden graded tests: the rights of a forked
 * child's pages, fork of a big heap, execve with redirected fds and pipe
 * ends, and the edge cases of dup, dup2 and close (the file server's
 * handles read from its memory).
 *
 * Like the public ones (tests/lab6.c), each types command lines at the
 * shell and takes its verdict from files and the file server's state,
 * checked against what the grader computes from the seed it gave.
 */
#define _GNU_SOURCE
#include "grader.h"
#include "../tests/lab6.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../user/tests/lab6.h"

/* start: boots to the shell's prompt, a seed for the test program, and
 * the path of a file / does not have yet (the program's observations)
 * into path (24 bytes). */
static struct vm *start(uint64_t *seed, char path[24])
{
	struct vm *vm = lab6_shell(NULL);
	char name[16];
	*seed = grader_rand() >> 1 | 1;
	lab6_name(vm, "/", NULL, name);
	snprintf(path, 24, "/%s", name);
	return vm;
}

/* ---- fork: the child's page rights ------------------------------------------------ */

GRADER_TEST(lab6_fork_rights, .lab = 6, .points = 20, .limit = 90, .hidden = true,
	    .covers = "user/servers/process/main.c",
	    .title = "a forked child's code and read-only data are not writable, its data not executable; the rest works")
{
	uint64_t seed, v[3], child[3], parent[3];
	char path[24], line[96];
	struct vm *vm = start(&seed, path);
	snprintf(line, sizeof(line), "/tests/forkrights6 %" PRIu64 " %s", seed, path);
	const char *out = lab6_type(vm, line);
	struct lab6_obs o;
	lab6_obs_read(vm, path, line, out, &o);

	static const struct {
		const char *key, *what;
	} killed[] = {
		{ "code write", "writes into its own code" },
		{ "rodata write", "writes into a string literal (read-only data)" },
		{ "data call", "calls a ret instruction in its data" },
	};
	for (int k = 0; k < 3; k++) {
		lab6_obs_next(&o, killed[k].key, 2, v, NULL);
		ck_assert_msg(v[0] == 1 && v[1] == 11, "a forked child that %s: waitpid returned %s, "
			      "status %#" PRIx64 "; it must be killed by SIGSEGV (status 11): fork "
			      "keeps each page's rights (code read and execute, read-only data read, "
			      "data read and write, nothing executable but the code)", killed[k].what,
			      v[0] ? "its pid" : "something else", v[1]);
	}
	lab6_obs_next(&o, "child code rodata data", 3, child, "the fourth child's first line: did "
		      "it fault?");
	lab6_obs_next(&o, "child", 2, v, NULL);
	ck_assert_msg(v[0] == 1 && v[1] == (1 + seed % 200) << 8, "a forked child that reads its "
		      "code, read-only data and data, then writes its data: waitpid returned %s, "
		      "status %#" PRIx64 ", not exited with %" PRIu64 " (%#" PRIx64 ")", v[0] ?
		      "its pid" : "something else", v[1], 1 + seed % 200, (1 + seed % 200) << 8);
	lab6_obs_next(&o, "parent code rodata data", 3, parent, NULL);
	lab6_obs_end(&o);

	uint64_t s = seed;
	static uint8_t global[4096];
	lab6_fill(&s, global, sizeof(global));
	uint64_t want = lab6_fnv(LAB6_FNV_START, global, sizeof(global));
	ck_assert_msg(child[0] == parent[0], "the forked child's code differs from its parent's");
	ck_assert_msg(child[1] == parent[1], "the forked child's read-only data differs from its "
		      "parent's");
	ck_assert_msg(child[2] == want, "the forked child's global array is not its parent's");
	ck_assert_msg(parent[2] == want, "the parent's global array changed when its child wrote "
		      "its own copy");
}

/* ---- fork: a big heap ------------------------------------------------------------------ */

/* bigfork6: what /tests/bigfork6 computes for seed (bigfork6.c): the
 * hash of the parent's heap at fork (h[0]), of the child's new blocks
 * (h[1]), of its copies once overwritten (h[2]); the big block's size
 * and the small blocks' count in *n and *count. */
static void bigfork6(uint64_t seed, uint64_t h[3], size_t *n, unsigned *count)
{
	uint64_t s = seed;
	*n = (1024u << 10) + (size_t)(lab6_rand(&s) % (256u << 10));
	*count = 1000 + (unsigned)(lab6_rand(&s) % 501);
	uint8_t *big = malloc(*n), *p = malloc(1 << 20);
	static size_t len[1500];
	ck_assert(big && p);
	lab6_fill(&s, big, *n);
	h[0] = lab6_fnv(LAB6_FNV_START, big, *n);
	for (unsigned i = 0; i < *count; i++) {
		len[i] = 16 + (size_t)(lab6_rand(&s) % 1025);
		lab6_fill(&s, p, len[i]);
		h[0] = lab6_fnv(h[0], p, len[i]);
	}
	size_t m = (512u << 10) + (size_t)(lab6_rand(&s) % (128u << 10));
	unsigned more = 400 + (unsigned)(lab6_rand(&s) % 201);
	lab6_fill(&s, p, m);
	h[1] = lab6_fnv(LAB6_FNV_START, p, m);
	for (unsigned i = 0; i < more; i++) {
		size_t k = 16 + (size_t)(lab6_rand(&s) % 1025);
		lab6_fill(&s, p, k);
		h[1] = lab6_fnv(h[1], p, k);
	}
	lab6_fill(&s, big, *n);
	h[2] = lab6_fnv(LAB6_FNV_START, big, *n);
	for (unsigned i = 0; i < *count; i++) {
		lab6_fill(&s, p, len[i]);
		h[2] = lab6_fnv(h[2], p, len[i]);
	}
	free(big);
	free(p);
}

GRADER_TEST(lab6_fork_bigheap, .lab = 6, .points = 20, .limit = 90, .hidden = true,
	    .covers = "user/servers/process/main.c",
	    .title = "fork of a 2 MiB heap (a big block and 1000+ small ones): the child's copy, its heap growing past the parent's end")
{
	uint64_t seed, v[2], h[3];
	char path[24], line[96];
	struct vm *vm = start(&seed, path);
	size_t n;
	unsigned count;
	bigfork6(seed, h, &n, &count);
	snprintf(line, sizeof(line), "/tests/bigfork6 %" PRIu64 " %s", seed, path);
	const char *out = lab6_type(vm, line);
	struct lab6_obs o;
	lab6_obs_read(vm, path, line, out, &o);
	grader_note("%s: a heap of a %zu-byte block and %u small ones", line, n, count);

	lab6_obs_next(&o, "child sees", 1, v, "the child's first line: did fork fail (a heap of "
		      "about 2 MiB: its pages come from the child's heap memory, as PROC_MAP's)?");
	ck_assert_msg(v[0] == h[0], "the forked child's heap blocks (about 2 MiB) differ from its "
		      "parent's at fork");
	lab6_obs_next(&o, "child grew", 1, v, "the child allocates about 1 MiB more: its heap "
		      "grows from where its parent's ended");
	ck_assert_msg(v[0] == h[1], "the child's new heap blocks do not hold what it wrote into "
		      "them (its heap grew over pages in use: its heap's end not its parent's?)");
	lab6_obs_next(&o, "child wrote", 1, v, NULL);
	ck_assert_msg(v[0] == h[2], "the child's copies of its parent's blocks, overwritten, do not "
		      "hold what it wrote (blocks that overlap the new ones?)");
	lab6_obs_next(&o, "parent reaped", 2, v, NULL);
	ck_assert_msg(v[0] == 1 && v[1] == (1 + seed % 100) << 8, "the parent's waitpid returned %s,"
		      " status %#" PRIx64 ", not exited with %" PRIu64, v[0] ? "the child's pid" :
		      "something else", v[1], 1 + seed % 100);
	lab6_obs_next(&o, "parent still", 1, v, NULL);
	ck_assert_msg(v[0] == h[0], "the parent's heap changed when its child wrote its copy");
	lab6_obs_end(&o);
}

/* ---- execve and fds ------------------------------------------------------------------- */

/* file_or_fail: the bytes of the file at path, which `line` should have
 * made; fails the test if there is none. */
static char *file_or_fail(struct vm *vm, const char *path, size_t *len, const char *line)
{
	char *b;
	ck_assert_msg(lab6_file(vm, path, &b, len), "after \"%s\" the file server has no file %s",
		      line, path);
	return b;
}

GRADER_TEST(lab6_exec_fds, .lab = 6, .points = 15, .limit = 90, .hidden = true,
	    .covers = "user/libc/erix/fd.c",
	    .title = "execve keeps stdin, stdout and stderr redirected onto a file and a pipe; a failed execve changes nothing")
{
	uint64_t seed, v[2];
	char path[24], line[96], piped[40];
	struct vm *vm = start(&seed, path);
	snprintf(piped, sizeof(piped), "%s.pipe", path);

	uint64_t s = seed;
	static uint8_t data[40000];
	uint8_t mark[16];
	size_t n = 3000 + (size_t)(lab6_rand(&s) % 30000);
	lab6_fill(&s, data, n);
	lab6_fill(&s, mark, sizeof(mark));

	snprintf(line, sizeof(line), "/tests/execfd6 %" PRIu64 " %s", seed, path);
	grader_note("%s: if it never ends, the parent waits for an end of file on the pipe: a "
		    "write end is still open (dup2 and close in the child, or its execve kept one "
		    "it should not)", line);
	const char *out = lab6_type(vm, line);
	struct lab6_obs o;
	lab6_obs_read(vm, path, line, out, &o);
	size_t len;
	char *got = file_or_fail(vm, piped, &len, line);

	ck_assert_msg(len >= sizeof(mark) && memcmp(got, mark, sizeof(mark)) == 0, "the pipe did "
		      "not first give the 16 bytes the child wrote into its stdout (fd 1, made the "
		      "pipe's write end with dup2) after an execve that failed (%zu bytes came in "
		      "all)", len);
	ck_assert_msg(len >= sizeof(mark) + n && memcmp(got + sizeof(mark), data, n) == 0,
		      "after the child's 16 bytes, the pipe did not give the %zu bytes of the file "
		      "that was the child's stdin (fd 0, by dup2): /bin/cat, execve'd, copies its "
		      "stdin to its stdout: both must survive execve (%zu bytes came in all)", n,
		      len);
	char want[96];
	int k = snprintf(want, sizeof(want), "cat: %s.none: ", path);
	ck_assert_msg(len > sizeof(mark) + n + (size_t)k &&
		      memcmp(got + sizeof(mark) + n, want, (size_t)k) == 0 && got[len - 1] == '\n',
		      "after the file's bytes the pipe gave \"%s\", not cat's complaint \"%s...\" on "
		      "its stderr (fd 2, also the pipe by dup2)",
		      lab6_quote(got, len, sizeof(mark) + n, 100), want);
	lab6_obs_next(&o, "read end", 2, v, NULL);
	ck_assert_msg(v[0] == len && v[1] == 0, "the parent read %" PRIu64 " bytes, its last read "
		      "returned %" PRId64 " (want %zu and 0, the end of file)", v[0], (int64_t)v[1],
		      len);
	lab6_obs_next(&o, "reaped status", 2, v, NULL);
	ck_assert_msg(v[0] == 1 && v[1] == 1 << 8, "the child (cat, with a file that is not "
		      "there) was reaped with status %#" PRIx64 ", not %#x (exited with 1)%s", v[1],
		      1 << 8, v[1] == 10 << 8 ? ": its dup2 calls failed" :
		      v[1] == 11 << 8 ? ": execve of /bin/cat failed" : "");
	lab6_obs_end(&o);
	free(got);
}

/* ---- dup, dup2, close: edge cases ------------------------------------------------------- */

GRADER_TEST(lab6_dup_edges, .lab = 6, .points = 20, .limit = 90, .hidden = true,
	    .covers = "user/libc/erix/fd.c",
	    .title = "dup2(fd, fd), dup2 onto a file's last fd (its handle closes), close twice, fd 31, the console, pipe ends closed in two processes")
{
	uint64_t seed, v[4];
	char path[24], line[96], f[3][32];
	struct vm *vm = start(&seed, path);
	for (int i = 0; i < 3; i++)
		snprintf(f[i], sizeof(f[i]), "%s.%d", path, i + 1);

	uint64_t s = seed;
	static uint8_t chunk[6][700];
	size_t len[6];
	for (int i = 0; i < 6; i++) {
		len[i] = 100 + (size_t)(lab6_rand(&s) % 600);
		lab6_fill(&s, chunk[i], len[i]);
	}

	snprintf(line, sizeof(line), "/tests/dupedge6 %" PRIu64 " %s", seed, path);
	grader_note("%s: if it never ends, the parent waits for an end of file on a pipe whose "
		    "write end was dup'ed and then closed in two processes", line);
	const char *out = lab6_type(vm, line);
	struct lab6_obs o;
	lab6_obs_read(vm, path, line, out, &o);
#define RESULT(key, ok, ...)                                    \
	do {                                                    \
		lab6_obs_next(&o, key, 2, v, NULL);             \
		ck_assert_msg(ok, __VA_ARGS__);                 \
	} while (0)
#define R ((int64_t)v[0])
	RESULT("dup2 a a", R == 4, "dup2(a, a) with a = 4 open returned %" PRId64 ", not 4: it "
	       "does nothing and returns a", R);
	RESULT("write a", R == (int64_t)len[0], "write(a) of %zu bytes after dup2(a, a) returned %"
	       PRId64 " (errno %" PRIu64 "): dup2(a, a) must leave a open", len[0], R, v[1]);
	RESULT("write b", R == (int64_t)len[1], "write(b) of %zu bytes into a new file returned %"
	       PRId64 " (errno %" PRIu64 ")", len[1], R, v[1]);
	lab6_obs_next(&o, "fds a b c", 3, v, NULL);
	ck_assert_msg(v[0] == 4 && v[1] == 5 && v[2] == 6, "open() three times with fds 0-3 open "
		      "gave %" PRId64 ", %" PRId64 ", %" PRId64 ", not the lowest free fds 4, 5, 6",
		      (int64_t)v[0], (int64_t)v[1], (int64_t)v[2]);
	RESULT("dup2 c b", R == 5, "dup2(c, b) with b = 5 open returned %" PRId64 ", not 5", R);
	RESULT("write b", R == (int64_t)len[2], "write(b) after dup2(c, b) returned %" PRId64
	       " (errno %" PRIu64 "), not %zu", R, v[1], len[2]);
	RESULT("close c", R == 0, "close(c) returned %" PRId64 " (errno %" PRIu64 ")", R, v[1]);
	RESULT("close c", R == -1 && v[1] == 9, "close(c) of a closed fd returned %" PRId64
	       " with errno %" PRIu64 ", not -1 with EBADF (9)", R, v[1]);
	RESULT("write b", R == (int64_t)len[3], "write(b) after close(c) returned %" PRId64
	       " (errno %" PRIu64 "), not %zu: b, made a copy of c by dup2, must stay open when c "
	       "closes (the capability is given back at the last close only)", R, v[1], len[3]);
	RESULT("write d", R == 0, "write(d, \"\", 0) with d = dup(1), the console, returned %"
	       PRId64 " (errno %" PRIu64 ")", R, v[1]);
	RESULT("close d", R == 0, "close(d), a dup of the console, returned %" PRId64 " (errno %"
	       PRIu64 ")", R, v[1]);
	RESULT("write 1", R == 0, "write(1, \"\", 0) after closing a dup of fd 1 returned %" PRId64
	       " (errno %" PRIu64 "): fd 1 must stay open", R, v[1]);
	RESULT("dup2 a -1", R == -1 && v[1] == 9, "dup2(a, -1) returned %" PRId64 " with errno %"
	       PRIu64 ", not -1 with EBADF (9)", R, v[1]);
	RESULT("dup2 a 32", R == -1 && v[1] == 9, "dup2(a, 32) returned %" PRId64 " with errno %"
	       PRIu64 ", not -1 with EBADF (9): fds are 0 to 31", R, v[1]);
	RESULT("dup2 a 31", R == 31, "dup2(a, 31) returned %" PRId64 " (errno %" PRIu64 "), not 31: "
	       "the last fd is 31", R, v[1]);
	RESULT("close 31", R == 0, "close(31) after dup2(a, 31) returned %" PRId64 " (errno %"
	       PRIu64 ")", R, v[1]);
#undef R
#undef RESULT

	lab6_obs_next(&o, "pipe read fnv last reaped", 4, v, NULL);
	static uint8_t both[1400];
	memcpy(both, chunk[4], len[4]);
	memcpy(both + len[4], chunk[5], len[5]);
	ck_assert_msg(v[0] == len[4] + len[5] && v[1] == lab6_fnv(LAB6_FNV_START, both, v[0]) &&
		      v[2] == 0, "the parent read %" PRIu64 " bytes from the pipe (last read %" PRId64
		      "), not the %zu the child wrote through its write end and, once that was "
		      "closed, through a dup of it (each fd counts: the end closes at the last "
		      "close)", v[0], (int64_t)v[2], len[4] + len[5]);
	ck_assert_msg(v[3] == 1, "the child that wrote into the pipe was not reaped with status 0");
	lab6_obs_next(&o, "pipes made then", 2, v, NULL);
	ck_assert_msg(v[0] == 24 && v[1] == 0, "made and closed (all three fds: the read end, the "
		      "write end and a dup of it) %" PRIu64 " of 24 pipes%s: the pipe server has 16, "
		      "so each end must go back at its last close", v[0], v[0] == 24 ?
		      ", but then pipe() failed" : " before pipe() failed");
	lab6_obs_end(&o);

	/* The files' bytes, and no handle left open on them: the program
	 * has ended, and every fd closed (its own close, or _exit's). */
	static char want[1400];
	char *got;
	size_t n;
	memcpy(want, chunk[2], len[2]);
	memcpy(want + len[2], chunk[3], len[3]);
	const struct {
		const void *bytes;
		size_t len;
	} files[3] = { { chunk[0], len[0] }, { chunk[1], len[1] }, { want, len[2] + len[3] } };
	for (int i = 0; i < 3; i++) {
		got = file_or_fail(vm, f[i], &n, line);
		long at = lab6_first_diff(got, n, files[i].bytes, files[i].len);
		ck_assert_msg(at < 0, "%s has %zu bytes, not the %zu written into it (from byte %ld "
			      "on)", f[i], n, files[i].len, at);
		free(got);
	}
	int h[4] = { lab6_handles(vm, path), lab6_handles(vm, f[0]), lab6_handles(vm, f[1]),
		     lab6_handles(vm, f[2]) };
	ck_assert_msg(h[2] == 0, "once dupedge6 has ended, the file server still has %d handle%s "
		      "open on %s: dup2 onto b, its only fd, must close it first (close: the "
		      "capability goes back to its server)", h[2], h[2] == 1 ? "" : "s", f[1]);
	for (int i = 0; i < 4; i++)
		ck_assert_msg(h[i] == 0, "once dupedge6 has ended, the file server still has %d "
			      "handle%s open on %s: every fd's capability must be given back at its "
			      "last close (FS_CLOSE)", h[i], h[i] == 1 ? "" : "s", i ? f[i - 1] : path);
}
