/*
 * tests/lab6.c: lab 6's public graded tests (POSIX: fork and execve, file
 * descriptors and pipes, the heap, printf, the shell).
 *
 * Each boots the normal system to the shell's prompt on the serial
 * console and types command lines with names, seeds and contents random
 * per run: utilities and the shell's own features, or lab 6's test
 * programs (user/tests/posix, /tests/NAME), which write what they observe
 * into files. The verdict comes from the file server's memory (lab6.h):
 * the files' bytes, compared with what the grader computes itself from
 * the seed (user/tests/lab6.h's generator, the programs' shared headers,
 * the host's snprintf and qsort), and the file server's open handles.
 * What the shell and the commands print is only quoted in the reasons.
 */
#define _GNU_SOURCE
#include "grader.h"
#include "lab6.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../user/tests/lab6.h"

/* letters: n random lowercase letters into s (NUL-terminated). */
static void letters(char *s, int n)
{
	for (int i = 0; i < n; i++)
		s[i] = (char)('a' + grader_rand_range(0, 25));
	s[n] = 0;
}

/* host_motd: user/motd.txt as the host reads it (the boot image's /motd),
 * or NULL where the grader runs without the sources. */
static char *host_motd(size_t *len)
{
	FILE *f = fopen("user/motd.txt", "rb");
	if (!f)
		return NULL;
	static char b[65536];
	*len = fread(b, 1, sizeof(b), f);
	fclose(f);
	return b;
}

/* The shell runs each program in a child it forks (sh/run.c), so this
 * test stands on fork's page copy, the exercise it is charged to; mkdir
 * and cp themselves are given. */
GRADER_TEST(lab6_shell_files, .lab = 6, .points = 10, .limit = 90,
	    .covers = "user/servers/process/main.c",
	    .title = "the shell runs mkdir and cp: a new directory, and a copy of /motd with /motd's bytes")
{
	struct vm *vm = lab6_shell(NULL);
	char dir[16], file[16], path[40], line[128];
	lab6_name(vm, "/", NULL, dir);
	letters(file, (int)grader_rand_range(1, 12));
	snprintf(path, sizeof(path), "/%s/%s", dir, file);

	/* /motd as the file server holds it; the grader's reader checked
	 * against the host's copy of the file, when there is one. */
	char *motd, *copy, *hostm;
	size_t motd_len, copy_len, host_len;
	ck_assert_msg(lab6_file(vm, "/motd", &motd, &motd_len), "the file server has no /motd");
	if ((hostm = host_motd(&host_len)))
		ck_assert_msg(motd_len == host_len && memcmp(motd, hostm, host_len) == 0,
			      "grader: /motd read from the file server (%zu bytes) is not "
			      "user/motd.txt (%zu bytes)", motd_len, host_len);
	ck_assert_msg(!lab6_is_dir(vm, path) && !lab6_file(vm, path, &copy, &copy_len),
		      "%s is there before the test made it", path);

	snprintf(line, sizeof(line), "mkdir /%s", dir);
	const char *out = lab6_type(vm, line);
	char where[24];
	snprintf(where, sizeof(where), "/%s", dir);
	ck_assert_msg(lab6_is_dir(vm, where), "after \"%s\" the file server has no directory "
		      "/%s (the command printed: \"%s\")", line, dir, out);

	snprintf(line, sizeof(line), "cp /motd %s", path);
	out = lab6_type(vm, line);
	ck_assert_msg(lab6_file(vm, path, &copy, &copy_len), "after \"%s\" the file server has "
		      "no file %s (the command printed: \"%s\")", line, path, out);
	ck_assert_msg(copy_len == motd_len, "after \"%s\", %s has %zu bytes, /motd %zu (the "
		      "command printed: \"%s\")", line, path, copy_len, motd_len, out);
	size_t at = 0;
	while (at < motd_len && copy[at] == motd[at])
		at++;
	ck_assert_msg(at == motd_len, "after \"%s\", %s differs from /motd from byte %zu on",
		      line, path, at);
	char names[2][LAB6_NAME_SIZE];
	int n = lab6_dir(vm, where, names, 2);
	ck_assert_msg(n == 1 && strcmp(names[0], file) == 0, "/%s has %d entries%s%s, not just "
		      "%s", dir, n, n > 0 ? ", the first " : "", n > 0 ? names[0] : "", file);
	free(motd);
	free(copy);
}

/* ---- fork ------------------------------------------------------------------ */

/* The FNV-1a hashes of what fork6 holds: its heap block, its stack array
 * and its global array (user/tests/posix/fork6.c, hashes()). */
struct fork6_mem {
	uint64_t heap, stack, global;
};

/* fork6_fill: fork6's three arrays (the heap's n bytes, the stack's 2048,
 * the global's 8192) filled, in that order, from the generator *s; their
 * hashes. */
static struct fork6_mem fork6_fill(uint64_t *s, size_t n)
{
	static uint8_t heap[300000], stack[2048], global[8192];
	ck_assert(n <= sizeof(heap));
	lab6_fill(s, heap, n);
	lab6_fill(s, stack, sizeof(stack));
	lab6_fill(s, global, sizeof(global));
	return (struct fork6_mem){ lab6_fnv(LAB6_FNV_START, heap, n),
				   lab6_fnv(LAB6_FNV_START, stack, sizeof(stack)),
				   lab6_fnv(LAB6_FNV_START, global, sizeof(global)) };
}

/* check_mem: the three hashes of the next line of o, `key`, are m's:
 * `who` (e.g. "the child") must see `what` (e.g. "its parent's bytes at
 * fork"). */
static void check_mem(struct lab6_obs *o, const char *key, struct fork6_mem m, const char *who,
		      const char *what)
{
	uint64_t h[3];
	lab6_obs_next(o, key, 3, h, NULL);
	static const char *const part[3] = { "heap block", "stack array", "global array" };
	uint64_t want[3] = { m.heap, m.stack, m.global };
	for (int i = 0; i < 3; i++)
		ck_assert_msg(h[i] == want[i], "%s line \"%s\": the bytes of %s's %s (FNV %016"
			      PRIx64 ") are not %s (FNV %016" PRIx64 ")", o->path, key, who, part[i],
			      h[i], what, want[i]);
}

GRADER_TEST(lab6_fork, .lab = 6, .points = 25, .limit = 90,
	    .covers = "user/servers/process/main.c",
	    .title = "fork copies heap, stack and globals; the child grows its heap and forks; pids and exit statuses")
{
	struct vm *vm = lab6_shell(NULL);
	uint64_t seed = grader_rand() >> 1 | 1;
	char out[16], path[24];
	lab6_name(vm, "/", NULL, out);
	snprintf(path, sizeof(path), "/%s", out);

	/* What fork6 computes, in its order of lab6_rand calls. */
	uint64_t s = seed;
	size_t n = 100000 + (size_t)(lab6_rand(&s) % 200000);
	struct fork6_mem before = fork6_fill(&s, n), after = fork6_fill(&s, n);
	static uint8_t more[300000];
	lab6_fill(&s, more, sizeof(more));
	uint64_t grown = lab6_fnv(LAB6_FNV_START, more, sizeof(more));
	uint64_t status = 1 + seed % 100;

	char line[96];
	snprintf(line, sizeof(line), "/tests/fork6 %" PRIu64 " %s", seed, path);
	const char *printed = lab6_type(vm, line);
	struct lab6_obs o;
	lab6_obs_read(vm, path, line, printed, &o);
	grader_note("%s: a heap block of %zu bytes; the child exits with %" PRIu64, line, n, status);

	uint64_t v[4];
	lab6_obs_next(&o, "child pid ppid", 2, v, "the child's first line: did fork fail, or "
		      "the child not run?");
	uint64_t child = v[0], ppid = v[1];
	check_mem(&o, "child sees", before, "the child", "its parent's at fork");
	lab6_obs_next(&o, "child grew", 1, v, NULL);
	ck_assert_msg(v[0] == grown, "%s: the child's new heap block of 300000 bytes does not hold "
		      "what it wrote (its heap grew over memory in use?)", path);
	check_mem(&o, "grandchild sees", after, "the grandchild", "the child's at the second fork");
	lab6_obs_next(&o, "grandchild sees grown", 1, v, NULL);
	ck_assert_msg(v[0] == grown, "%s: the grandchild does not see the child's grown heap "
		      "block as the child wrote it (fork copied the heap up to its end?)", path);
	lab6_obs_next(&o, "child reaped", 2, v, NULL);
	ck_assert_msg(v[0] == 1 && v[1] == 3 << 8, "%s: the child's waitpid for the grandchild "
		      "returned %s, status %#" PRIx64 " (want its pid, and %#x: exited with 3)", path,
		      v[0] ? "its pid" : "something else", v[1], 3 << 8);
	check_mem(&o, "child has", after, "the child", "what it wrote (its own copy)");
	lab6_obs_next(&o, "parent pid fork waited status", 4, v, NULL);
	ck_assert_msg(v[1] == child, "fork returned %" PRIu64 " to the parent, but the child's "
		      "getpid() is %" PRIu64, v[1], child);
	ck_assert_msg(ppid == v[0], "the child's getppid() is %" PRIu64 ", its parent's getpid() %"
		      PRIu64, ppid, v[0]);
	ck_assert_msg(child != v[0], "the child's pid is its parent's (%" PRIu64 ")", child);
	ck_assert_msg(v[2] == child && v[3] == status << 8, "the parent's waitpid returned %"
		      PRId64 " with status %#" PRIx64 ", not the child's pid %" PRIu64 " with %#"
		      PRIx64 " (exited with %" PRIu64 ")", (int64_t)v[2], v[3], child, status << 8,
		      status);
	check_mem(&o, "parent still", before, "the parent", "its own, as before fork (the "
		  "child's writes must not reach it)");
	lab6_obs_end(&o);
}

/* ---- execve ------------------------------------------------------------------ */

GRADER_TEST(lab6_exec, .lab = 6, .points = 20, .limit = 90,
	    .covers = "user/servers/process/main.c",
	    .title = "execve: failures return ENOENT and ENOEXEC; the new program has the same pid, argv, environment and an open fd")
{
	struct vm *vm = lab6_shell(NULL);
	uint64_t seed = grader_rand() >> 1 | 1;
	char out[16], path[24];
	lab6_name(vm, "/", NULL, out);
	snprintf(path, sizeof(path), "/%s", out);

	char line[96];
	snprintf(line, sizeof(line), "/tests/exec6 %" PRIu64 " %s", seed, path);
	const char *printed = lab6_type(vm, line);
	struct lab6_obs o;
	lab6_obs_read(vm, path, line, printed, &o);

	uint64_t v[2];
	lab6_obs_next(&o, "exec6 pid", 1, v, NULL);
	uint64_t pid = v[0];
	lab6_obs_next(&o, "missing", 2, v, NULL);
	ck_assert_msg(v[0] == (uint64_t)-1 && v[1] == 2, "execve(\"/no/such/program\") returned %"
		      PRId64 " with errno %" PRIu64 ": it must fail, -1 with ENOENT (2), and leave "
		      "the process running", (int64_t)v[0], v[1]);
	lab6_obs_next(&o, "not a program", 2, v, NULL);
	ck_assert_msg(v[0] == (uint64_t)-1 && v[1] == 8, "execve(\"/motd\"), a text file, "
		      "returned %" PRId64 " with errno %" PRIu64 ": it must fail, -1 with ENOEXEC "
		      "(8), and leave the process running", (int64_t)v[0], v[1]);

	/* exec6's arguments and environment, from the seed as it makes them. */
	uint64_t s = seed;
	char words[40][64], envs[20][80];
	unsigned nwords = 1 + (unsigned)(lab6_rand(&s) % 30);
	for (unsigned i = 0; i < nwords; i++)
		lab6_word(&s, words[i], 40);
	unsigned nenv = (unsigned)(lab6_rand(&s) % 12);
	for (unsigned i = 0; i < nenv; i++) {
		char name[16], value[48];
		lab6_word(&s, name, 8);
		lab6_word(&s, value, 40);
		for (char *c = name; *c; c++)
			*c = (char)(*c - 'a' + 'A');
		snprintf(envs[i], sizeof(envs[i]), "%s=%s", name, value);
	}

	const char *why = "the first line of /tests/args6, which exec6 execve'd with the file "
			  "open: did execve fail, or the fd not survive it?";
	lab6_obs_next(&o, "args6 pid argc", 2, v, why);
	ck_assert_msg(v[0] == pid, "after execve the program's getpid() is %" PRIu64 ", before it %"
		      PRIu64 ": execve keeps the process, and its pid", v[0], pid);
	ck_assert_msg(v[1] == nwords + 2, "the program execve started has argc %" PRIu64 ", not %u "
		      "(argv had %u strings)", v[1], nwords + 2, nwords + 2);
	const char *a = lab6_obs_text(&o, "arg ", NULL);
	ck_assert_msg(strcmp(a, "args6") == 0, "the new program's argv[0] is \"%s\", not \"args6\"",
		      a);
	a = lab6_obs_text(&o, "arg ", NULL);
	ck_assert_msg(strlen(a) == 2 && a[0] >= '0' && a[0] <= '9' && a[1] >= '0' && a[1] <= '9',
		      "the new program's argv[1] is \"%s\", not exec6's fd number (two digits)",
		      lab6_quote(a, strlen(a), 0, 80));
	for (unsigned i = 0; i < nwords; i++) {
		a = lab6_obs_text(&o, "arg ", NULL);
		ck_assert_msg(strcmp(a, words[i]) == 0, "the new program's argv[%u] is \"%s\", "
			      "not \"%s\"", i + 2, lab6_quote(a, strlen(a), 0, 80), words[i]);
	}
	for (unsigned i = 0; i < nenv; i++) {
		a = lab6_obs_text(&o, "env ", "execve's envp, in order, is the new program's environ");
		ck_assert_msg(strcmp(a, envs[i]) == 0, "the new program's environ[%u] is \"%s\", "
			      "not \"%s\" (envp had %u strings)", i, lab6_quote(a, strlen(a), 0, 80),
			      envs[i], nenv);
	}
	a = lab6_obs_text(&o, "end", nenv ? "the environment is envp, and only envp" :
			  "envp was empty: so is the new program's environment");
	ck_assert_msg(!*a, "%s line %d is \"end%s\", not \"end\"", path, o.line, a);
	lab6_obs_end(&o);
}

/* ---- file descriptors ----------------------------------------------------------- */

/* A file's bytes as the grader builds them: writes at offsets. */
struct model_file {
	char b[8192];
	size_t len;
};

/* model_write: n bytes of p written at *off into f (POSIX: the file
 * grows; the offset moves past them). */
static void model_write(struct model_file *f, size_t *off, const void *p, size_t n)
{
	ck_assert(*off + n <= sizeof(f->b));
	memcpy(f->b + *off, p, n);
	*off += n;
	if (*off > f->len)
		f->len = *off;
}

/* check_bytes: the file at path holds want (n bytes); `how` says how it
 * was written, for the message. */
static void check_bytes(struct vm *vm, const char *path, const char *want, size_t n,
			const char *how)
{
	char *got;
	size_t len;
	ck_assert_msg(lab6_file(vm, path, &got, &len), "the file server has no file %s (%s)", path,
		      how);
	long at = lab6_first_diff(got, len, want, n);
	ck_assert_msg(at < 0, "%s has %zu bytes, expected %zu; they differ from byte %ld on: it "
		      "has \"%s\", expected \"%s\" (%s)", path, len, n, at,
		      lab6_quote(got, len, (size_t)at, 40), lab6_quote(want, n, (size_t)at, 40), how);
	free(got);
}

GRADER_TEST(lab6_fds, .lab = 6, .points = 20, .limit = 90, .covers = "user/libc/erix/fd.c",
	    .title = "dup, dup2 and close: shared and separate offsets, the lowest free fd, EBADF")
{
	struct vm *vm = lab6_shell(NULL);
	uint64_t seed = grader_rand() >> 1 | 1;
	char out[16], path[24], log[32];
	lab6_name(vm, "/", NULL, out);
	snprintf(path, sizeof(path), "/%s", out);
	snprintf(log, sizeof(log), "%s.log", path);

	/* fd6's chunks, and the file its writes make (fd6.c's comments): a
	 * and b (its dup) share offset ab; c, opened again, has its own. */
	uint64_t s = seed;
	static uint8_t chunk[8][600];
	size_t len[8];
	for (int i = 0; i < 8; i++) {
		len[i] = 20 + (size_t)(lab6_rand(&s) % 500);
		lab6_fill(&s, chunk[i], len[i]);
	}
	static struct model_file f;
	size_t ab = 0, c = 0;
	model_write(&f, &ab, chunk[0], len[0]); /* a */
	model_write(&f, &ab, chunk[1], len[1]); /* b = dup(a) */
	model_write(&f, &c, chunk[2], 5);       /* c = open again */
	model_write(&f, &ab, chunk[3], len[3]); /* b, a closed */
	model_write(&f, &ab, chunk[4], len[4]); /* 9 = dup2(b, 9) */
	model_write(&f, &c, chunk[5], len[5]);  /* 9 = dup2(c, 9) */
	model_write(&f, &c, chunk[6], len[6]);  /* c, after dup2(9, 9) */
	model_write(&f, &ab, chunk[7], len[7]); /* b */

	char line[96];
	snprintf(line, sizeof(line), "/tests/fd6 %" PRIu64 " %s", seed, path);
	const char *printed = lab6_type(vm, line);
	struct lab6_obs o;
	lab6_obs_read(vm, log, line, printed, &o);
	uint64_t v[8];
	lab6_obs_next(&o, "fds a b c d d2 d3", 6, v, NULL);
	ck_assert_msg(v[0] == 4 && v[1] == 5 && v[2] == 6, "with fds 0-3 open, open() gave %"
		      PRId64 ", dup() of it %" PRId64 ", open() again %" PRId64 ": each must "
		      "return the lowest free fd, 4, 5 and 6", (int64_t)v[0], (int64_t)v[1],
		      (int64_t)v[2]);
	ck_assert_msg(v[3] == 9 && v[4] == 9 && v[5] == 9, "dup2(b, 9) returned %" PRId64
		      ", dup2(c, 9) with 9 open %" PRId64 ", dup2(9, 9) %" PRId64 ": each must "
		      "return 9", (int64_t)v[3], (int64_t)v[4], (int64_t)v[5]);
	lab6_obs_next(&o, "errors", 8, v, NULL);
	ck_assert_msg(v[0] == 0, "close(a) of an open fd returned %" PRId64, (int64_t)v[0]);
	ck_assert_msg(v[2] == (uint64_t)-1 && v[3] == 9, "close(a) of a closed fd returned %"
		      PRId64 " with errno %" PRIu64 ", not -1 with EBADF (9)", (int64_t)v[2], v[3]);
	ck_assert_msg(v[4] == (uint64_t)-1 && v[5] == 9, "dup2(b, 32) (past the last fd, 31) "
		      "returned %" PRId64 " with errno %" PRIu64 ", not -1 with EBADF (9)",
		      (int64_t)v[4], v[5]);
	ck_assert_msg(v[6] == (uint64_t)-1 && v[7] == 9, "dup2(20, 5) (20 is not open) returned %"
		      PRId64 " with errno %" PRIu64 ", not -1 with EBADF (9)", (int64_t)v[6], v[7]);
	lab6_obs_next(&o, "closes", 3, v, NULL);
	ck_assert_msg(v[0] == 0 && v[1] == 0 && v[2] == 0, "closing b, c and 9, each open, "
		      "returned %" PRId64 ", %" PRId64 ", %" PRId64 " (want 0 each)", (int64_t)v[0],
		      (int64_t)v[1], (int64_t)v[2]);
	lab6_obs_next(&o, "closed write", 2, v, NULL);
	ck_assert_msg(v[0] == (uint64_t)-1 && v[1] == 9, "write() to a closed fd returned %"
		      PRId64 " with errno %" PRIu64 ", not -1 with EBADF (9)", (int64_t)v[0], v[1]);
	lab6_obs_next(&o, "cloexec", 3, v, NULL);
	ck_assert_msg(v[0] == 1 && v[1] == 0 && v[2] == 0, "an fd opened with O_CLOEXEC, then "
		      "dup() and dup2() of it: F_GETFD gave %" PRId64 ", %" PRId64 ", %" PRId64
		      "; want 1, 0, 0 (a copy does not inherit close-on-exec)", (int64_t)v[0],
		      (int64_t)v[1], (int64_t)v[2]);
	lab6_obs_end(&o);

	check_bytes(vm, path, f.b, f.len, "fds made by dup and dup2 share one offset, an fd "
		    "opened again has its own, and dup2 onto an open fd closes it first");
}

/* ---- pipes ---------------------------------------------------------------------- */

GRADER_TEST(lab6_pipes, .lab = 6, .points = 20, .limit = 90, .covers = "user/libc/erix/fd.c",
	    .title = "a pipe across fork: every byte in order, writers wait, EOF once all write ends close; EPIPE")
{
	struct vm *vm = lab6_shell(NULL);
	uint64_t seed = grader_rand() >> 1 | 1;
	char out[16], path[24];
	lab6_name(vm, "/", NULL, out);
	snprintf(path, sizeof(path), "/%s", out);

	uint64_t s = seed;
	static uint8_t data[70000];
	size_t n = 5000 + (size_t)(lab6_rand(&s) % 60000);
	lab6_fill(&s, data, n);

	char line[96];
	snprintf(line, sizeof(line), "/tests/pipe6 %" PRIu64 " %s", seed, path);
	grader_note("%s: if it never ends (the system idles), the child waits for an end of file "
		    "that never comes: a write end is still open somewhere (a pipe end's last "
		    "close gives it back to the pipe server)", line);
	const char *printed = lab6_type(vm, line);
	struct lab6_obs o;
	lab6_obs_read(vm, path, line, printed, &o);
	uint64_t v[3];
	lab6_obs_next(&o, "child read", 3, v, "the child reads until end of file: it comes only "
		      "when every write end, the parent's and the child's own copy, is closed");
	ck_assert_msg(v[0] == n, "the child read %" PRIu64 " bytes from the pipe, the parent wrote %"
		      "zu", v[0], n);
	ck_assert_msg(v[1] == lab6_fnv(LAB6_FNV_START, data, n), "the child read %zu bytes, as many "
		      "as the parent wrote, but not the same bytes in the same order", n);
	ck_assert_msg(v[2] == 0, "the child's last read returned %" PRId64 ", not 0 (end of file)",
		      (int64_t)v[2]);
	lab6_obs_next(&o, "parent reaped", 2, v, NULL);
	ck_assert_msg(v[0] == 1 && v[1] == 0, "the parent's waitpid for the child returned %s with "
		      "status %#" PRIx64 " (want its pid, exited with 0)", v[0] ? "its pid" :
		      "something else", v[1]);
	lab6_obs_next(&o, "no reader", 2, v, NULL);
	ck_assert_msg(v[0] == (uint64_t)-1 && v[1] == 32, "write() into a pipe whose read end is "
		      "closed returned %" PRId64 " with errno %" PRIu64 ", not -1 with EPIPE (32)",
		      (int64_t)v[0], v[1]);
	lab6_obs_end(&o);
}

/* ---- the shell's redirections ------------------------------------------------- */

/* fresh_paths: k distinct absolute paths "/NAME" of files that / does not
 * have, into p[0..k-1]. */
static void fresh_paths(struct vm *vm, int k, char p[][24])
{
	char taken[256] = "", name[16];
	ck_assert(k <= 12);
	for (int i = 0; i < k; i++) {
		lab6_name(vm, "/", taken, name);
		snprintf(p[i], sizeof(p[i]), "/%s", name);
		strcat(taken, name);
		strcat(taken, " ");
	}
}

/* word: a random word of 1 to 10 lower-case letters into w (16 bytes). */
static void word(char *w)
{
	letters(w, (int)grader_rand_range(1, 10));
}

/* typed: the line typed and what it printed, for messages ("after \"echo
 * x > /f\" (it printed \"...\")"); a static buffer, until the next call. */
static const char *typed(const char *line, const char *out)
{
	static char b[1024];
	snprintf(b, sizeof(b), "after \"%s\" (which printed \"%s\")", line,
		 lab6_quote(out, strlen(out), 0, 300));
	return b;
}

GRADER_TEST(lab6_redirect, .lab = 6, .points = 20, .limit = 90, .covers = "user/libc/erix/fd.c",
	    .title = "the shell's redirections: > >> < n> n>&m, on programs and builtins, made with dup2")
{
	struct vm *vm = lab6_shell(NULL);
	char p[5][24], w[6][16], line[256], want[256];
	fresh_paths(vm, 5, p);
	for (int i = 0; i < 6; i++)
		word(w[i]);
	const char *out;

	snprintf(line, sizeof(line), "echo %s %s > %s", w[0], w[1], p[0]);
	out = lab6_type(vm, line);
	snprintf(want, sizeof(want), "%s %s\n", w[0], w[1]);
	check_bytes(vm, p[0], want, strlen(want), typed(line, out));

	snprintf(line, sizeof(line), "echo %s >> %s", w[2], p[0]);
	out = lab6_type(vm, line);
	snprintf(want, sizeof(want), "%s %s\n%s\n", w[0], w[1], w[2]);
	check_bytes(vm, p[0], want, strlen(want), typed(line, out));

	snprintf(line, sizeof(line), "cat < %s > %s", p[0], p[1]);
	out = lab6_type(vm, line);
	check_bytes(vm, p[1], want, strlen(want), typed(line, out));

	/* A builtin runs in the shell itself: its stdout is redirected for
	 * its run only, and then the shell's own again. */
	snprintf(line, sizeof(line), "pwd > %s", p[2]);
	out = lab6_type(vm, line);
	check_bytes(vm, p[2], "/\n", 2, typed(line, out));
	snprintf(line, sizeof(line), "echo %s", w[3]);
	out = lab6_type(vm, line);
	check_bytes(vm, p[2], "/\n", 2, "after \"pwd > FILE\" the shell's stdout is the console "
		    "again: the shell keeps a copy of its fd 1 (dup) and puts it back (dup2) when "
		    "the builtin is done; an echo after it went to the file?");

	/* In order: fd 1 on p[3], fd 5 on p[4], then fd 1 a copy of fd 5 (dup2
	 * closes p[3]'s fd first): the word goes to p[4], p[3] stays empty. */
	snprintf(line, sizeof(line), "echo %s > %s 5> %s 1>&5", w[4], p[3], p[4]);
	out = lab6_type(vm, line);
	snprintf(want, sizeof(want), "%s\n", w[4]);
	check_bytes(vm, p[4], want, strlen(want), typed(line, out));
	check_bytes(vm, p[3], "", 0, typed(line, out));

	/* > truncates a file that has more bytes. */
	snprintf(line, sizeof(line), "echo %s > %s", w[5], p[1]);
	out = lab6_type(vm, line);
	snprintf(want, sizeof(want), "%s\n", w[5]);
	check_bytes(vm, p[1], want, strlen(want), typed(line, out));
}

/* ---- the heap -------------------------------------------------------------------- */

/* A text of lines, as the grader makes it. */
struct lines {
	char *text;   /* all of it, each line ending with '\n' (malloc'd) */
	size_t len;
	int n;        /* lines */
	char **line;  /* each line, without its '\n' (malloc'd, NUL-ended) */
};

/* lines6_make: the n lines /tests/lines6 writes for seed (lines6.c). */
static struct lines lines6_make(uint64_t seed, int n)
{
	struct lines l = { .n = n };
	size_t cap = (size_t)n * 34 + 1;
	l.text = malloc(cap);
	l.line = calloc((size_t)n + 1, sizeof(char *));
	ck_assert(l.text && l.line);
	uint64_t s = seed;
	for (int i = 0; i < n; i++) {
		size_t start = l.len;
		unsigned words = 1 + (unsigned)(lab6_rand(&s) % 3);
		for (unsigned k = 0; k < words; k++) {
			char w[16];
			lab6_word(&s, w, 10);
			memcpy(l.text + l.len, w, strlen(w));
			l.len += strlen(w);
			l.text[l.len++] = k + 1 < words ? ' ' : '\n';
		}
		l.line[i] = strndup(l.text + start, l.len - start - 1);
		ck_assert(l.line[i]);
	}
	l.text[l.len] = 0;
	return l;
}

/* lines_free: frees what lines6_make made. */
static void lines_free(struct lines *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->line[i]);
	free(l->line);
	free(l->text);
}

/* join: lines line[0..n-1], each with a '\n' after it, into one text
 * (malloc'd) and its length *len. */
static char *join(char **line, int n, size_t *len)
{
	size_t total = 0;
	for (int i = 0; i < n; i++)
		total += strlen(line[i]) + 1;
	char *t = malloc(total + 1), *p = t;
	ck_assert(t);
	for (int i = 0; i < n; i++) {
		size_t k = strlen(line[i]);
		memcpy(p, line[i], k);
		p += k;
		*p++ = '\n';
	}
	*p = 0;
	*len = total;
	return t;
}

static int by_bytes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* make_lines: runs /tests/lines6 SEED N PATH in the shell, and checks that
 * the file has the grader's lines (*l). */
static void make_lines(struct vm *vm, uint64_t seed, int n, const char *path, struct lines *l)
{
	char line[96];
	*l = lines6_make(seed, n);
	snprintf(line, sizeof(line), "/tests/lines6 %" PRIu64 " %d %s", seed, n, path);
	const char *out = lab6_type(vm, line);
	check_bytes(vm, path, l->text, l->len, typed(line, out));
}

#include "../../user/tests/posix/heap6.h"

/* heap6_free: frees slot i of the workload, its bytes hashed into *h. */
static void heap6_free(uint8_t *blk[], const size_t len[], uint8_t full[], unsigned i, uint64_t *h,
		       uint64_t *freed)
{
	*h = lab6_fnv(*h, blk[i], len[i]);
	++*freed;
	free(blk[i]);
	full[i] = 0;
}

/* heap6_expect: what /tests/heap6 should write for seed (heap6.h), the
 * workload run on the host's allocator: per round, the hash of the freed
 * blocks' bytes and their number, into h[r] and n[r]. */
static void heap6_expect(uint64_t seed, uint64_t h[HEAP6_ROUNDS], uint64_t n[HEAP6_ROUNDS])
{
	static uint8_t *blk[HEAP6_SLOTS], full[HEAP6_SLOTS];
	static size_t len[HEAP6_SLOTS];
	uint64_t s = seed;
	for (unsigned r = 0; r < HEAP6_ROUNDS; r++) {
		h[r] = LAB6_FNV_START, n[r] = 0;
		for (unsigned op = 0; op < HEAP6_OPS; op++) {
			unsigned i;
			size_t size = 0;
			uint64_t tag = 0;
			enum heap6_kind k = heap6_op(&s, r, full, &i, &size, &tag);
			if (k == HEAP6_FREE) {
				heap6_free(blk, len, full, i, &h[r], &n[r]);
				continue;
			}
			uint8_t *p = k == HEAP6_MALLOC ? malloc(size) :
				     k == HEAP6_CALLOC ? calloc(size, 1) : realloc(blk[i], size);
			ck_assert(p);
			size_t from = k == HEAP6_MALLOC ? 0 : k == HEAP6_CALLOC ? size / 2 :
				      len[i] < size ? len[i] : size;
			heap6_fill(p, from, size, tag);
			blk[i] = p, len[i] = size, full[i] = 1;
		}
		for (unsigned i = 0; i < HEAP6_SLOTS; i++)
			if (full[i])
				heap6_free(blk, len, full, i, &h[r], &n[r]);
	}
}

GRADER_TEST(lab6_sort_heap, .lab = 6, .points = 15, .limit = 120, .covers = "user/libc/malloc.c",
	    .title = "the heap: sort holds thousands of lines; malloc/calloc/realloc/free keep every block's bytes, and reuse memory")
{
	struct vm *vm = lab6_shell(NULL);
	char p[3][24], line[128];
	fresh_paths(vm, 3, p);
	uint64_t seed = grader_rand() >> 1 | 1;
	int n = (int)grader_rand_range(2000, 4000);
	struct lines l;
	make_lines(vm, seed, n, p[0], &l);

	qsort(l.line, (size_t)n, sizeof(char *), by_bytes);
	size_t len;
	char *want = join(l.line, n, &len);
	snprintf(line, sizeof(line), "sort %s > %s", p[0], p[1]);
	const char *out = lab6_type(vm, line);
	check_bytes(vm, p[1], want, len, typed(line, out));
	free(want);

	/* The workload of heap6.h: blocks whose bytes must survive the
	 * other blocks' allocations, resizes and frees. */
	uint64_t hseed = grader_rand() >> 1 | 1;
	uint64_t want_h[HEAP6_ROUNDS], want_n[HEAP6_ROUNDS];
	heap6_expect(hseed, want_h, want_n);
	snprintf(line, sizeof(line), "/tests/heap6 %" PRIu64 " %s", hseed, p[2]);
	out = lab6_type(vm, line);
	struct lab6_obs o;
	lab6_obs_read(vm, p[2], line, out, &o);
	uint64_t v[3];
	for (unsigned r = 0; r < HEAP6_ROUNDS; r++) {
		lab6_obs_next(&o, "round freed", 3, v, "heap6 writes \"failed round op size\" "
			      "when malloc, calloc or realloc returns NULL: is freed memory reused?");
		ck_assert_msg(v[0] == r && v[2] == want_n[r], "%s: round %u freed %" PRIu64
			      " blocks, not %" PRIu64, p[2], r, v[2], want_n[r]);
		ck_assert_msg(v[1] == want_h[r], "round %u of /tests/heap6 (seed %" PRIu64 "): the %"
			      PRIu64 " blocks freed did not all hold the bytes written into them "
			      "(blocks that overlap? realloc not keeping the old bytes, or calloc's "
			      "not zeros?)", r, hseed, want_n[r]);
	}
	lab6_obs_next(&o, "misaligned", 1, v, NULL);
	ck_assert_msg(v[0] == 0, "%" PRIu64 " of heap6's blocks are not 16-byte aligned (malloc's "
		      "blocks must suit any type: max_align_t is 16 bytes)", v[0]);
	lab6_obs_end(&o);
	lines_free(&l);
}

/* ---- the shell's pipelines ------------------------------------------------------ */

/* check_number: the file at path holds the number want and a newline,
 * after any blanks (wc pads its counts to a width: printf's "%7ld"). */
static void check_number(struct vm *vm, const char *path, long want, const char *how)
{
	char *got;
	size_t len;
	ck_assert_msg(lab6_file(vm, path, &got, &len), "the file server has no file %s (%s)", path,
		      how);
	const char *d = got + strspn(got, " \t");
	char *end;
	long n = strtol(d, &end, 10);
	ck_assert_msg(end != d && strcmp(end, "\n") == 0 && n == want && strlen(got) == len,
		      "%s holds \"%s\", not the number %ld and a newline (%s)", path,
		      lab6_quote(got, len, 0, 60), want, how);
	free(got);
}

GRADER_TEST(lab6_pipeline, .lab = 6, .points = 20, .limit = 90, .covers = "user/posix/sh/run.c",
	    .title = "pipelines: cat | grep | sort, cat | wc -l, cat | head (its reader ends first), the last command's status")
{
	struct vm *vm = lab6_shell(NULL);
	char p[8][24], line[256];
	fresh_paths(vm, 8, p);
	uint64_t seed = grader_rand() >> 1 | 1;
	int n = (int)grader_rand_range(1500, 2500);
	struct lines l;
	make_lines(vm, seed, n, p[0], &l);
	const char *out;
	size_t len;
	char *want;

	/* A pattern that some lines have: two letters of a line's first
	 * word of two letters or more. */
	char pat[3] = "";
	while (!pat[0]) {
		const char *w = l.line[grader_rand_range(0, n - 1)];
		size_t wl = strcspn(w, " ");
		if (wl >= 2) {
			size_t at = (size_t)grader_rand_range(0, (int64_t)wl - 2);
			memcpy(pat, w + at, 2);
		}
	}
	char **match = calloc((size_t)n, sizeof(char *));
	int m = 0;
	for (int i = 0; i < n; i++)
		if (strstr(l.line[i], pat))
			match[m++] = l.line[i];
	qsort(match, (size_t)m, sizeof(char *), by_bytes);
	want = join(match, m, &len);
	snprintf(line, sizeof(line), "cat %s | grep %s | sort > %s", p[0], pat, p[1]);
	grader_note("%s: if it never ends, a command waits for input that never comes: it reads "
		    "the console, not the pipe before it, or a pipe's write end is left open (in "
		    "the shell, or a child)", line);
	out = lab6_type(vm, line);
	check_bytes(vm, p[1], want, len, typed(line, out));
	free(want);
	free(match);

	snprintf(line, sizeof(line), "cat %s | wc -l > %s", p[0], p[2]);
	out = lab6_type(vm, line);
	check_number(vm, p[2], n, typed(line, out));

	/* head ends after k lines: cat, still writing, must then get EPIPE
	 * (no read end left open anywhere, the shell's included) and end. */
	int k = (int)grader_rand_range(1, 20);
	want = join(l.line, k, &len);
	snprintf(line, sizeof(line), "cat %s | head -n %d > %s", p[0], k, p[3]);
	grader_note("%s: if it never ends, cat waits to write into a pipe whose reader has ended: "
		    "someone still holds the pipe's read end (the shell?)", line);
	out = lab6_type(vm, line);
	check_bytes(vm, p[3], want, len, typed(line, out));
	free(want);

	/* A pipeline's status is its last command's: grep finds nothing (its
	 * status is 1) but cat ends well, and the other way round. Eleven
	 * letters: longer than any word of the file. */
	char none[12];
	letters(none, 11);
	snprintf(line, sizeof(line), "grep %s %s | cat > %s; echo $? > %s", none, p[0], p[4], p[5]);
	out = lab6_type(vm, line);
	check_bytes(vm, p[4], "", 0, typed(line, out));
	check_number(vm, p[5], 0, "the status of \"grep NOTHERE FILE | cat\" is cat's: 0");
	snprintf(line, sizeof(line), "cat %s | grep %s > %s; echo $? > %s", p[0], none, p[6], p[7]);
	out = lab6_type(vm, line);
	check_number(vm, p[7], 1, "the status of \"cat FILE | grep NOTHERE\" is grep's: 1, nothing "
		     "found");
	lines_free(&l);
}

/* ---- printf ---------------------------------------------------------------------- */

#include "../../user/tests/posix/printf6.h"

/* printf6_args: case c's arguments after the format, as a message shows
 * them ("5, 0x2a as long"), into a (size bytes). */
static void printf6_args(const struct printf6_case *c, char *a, size_t size)
{
	static const char *const type[] = { "int", "char", "short", "long", "long long",
					    "intmax_t", "size_t", "ptrdiff_t" };
	size_t k = 0;
	for (int j = 0; j < c->nstar; j++)
		k += (size_t)snprintf(a + k, size - k, "%d, ", c->star[j]);
	snprintf(a + k, size - k, "%#" PRIx64 " as %s%s", c->value,
		 c->conv == 'p' ? "void *" : c->conv == 'd' || c->conv == 'i' ? "" : "unsigned ",
		 c->conv == 'p' ? "" : type[c->len]);
}

GRADER_TEST(lab6_printf, .lab = 6, .points = 15, .limit = 90, .covers = "user/libc/printf.c",
	    .title = "printf's integers: random %d %i %u %o %x %X %p with flags, widths, precisions, lengths, as the host's snprintf")
{
	struct vm *vm = lab6_shell(NULL);
	char p[1][24], pf[32], line[128];
	fresh_paths(vm, 1, p);
	snprintf(pf, sizeof(pf), "%s.f", p[0]);
	uint64_t seed = grader_rand() >> 1 | 1;
	int n = (int)grader_rand_range(300, 400);
	snprintf(line, sizeof(line), "/tests/printf6 %" PRIu64 " %d %s", seed, n, p[0]);
	const char *out = lab6_type(vm, line);
	struct lab6_obs o;
	lab6_obs_read(vm, p[0], line, out, &o);

	/* The same cases, formatted by the host; fprintf's lines too. */
	size_t fcap = (size_t)n * 300, flen = 0;
	char *fwant = malloc(fcap);
	ck_assert(fwant);
	uint64_t s = seed;
	for (int i = 0; i < n; i++) {
		struct printf6_case c;
		char buf[256], cut[256];
		printf6_make(&s, &c);
		int r = printf6_format(NULL, buf, sizeof(buf), &c);
		size_t k = (size_t)(lab6_rand(&s) % (uint64_t)(r >= 0 ? r + 2 : 2));
		int r2 = printf6_format(NULL, cut, k ? k : 1, &c);
		if (k == 0)
			cut[0] = 0;
		char args[128];
		printf6_args(&c, args, sizeof(args));
		const char *got = lab6_obs_text(&o, "f ", NULL);
		ck_assert_msg(strcmp(got, buf) == 0, "snprintf(buf, 256, \"%s\", %s) made \"%s\", "
			      "not \"%s\"", c.fmt, args, lab6_quote(got, strlen(got), 0, 100), buf);
		uint64_t v[3];
		lab6_obs_next(&o, "n", 3, v, NULL);
		ck_assert_msg(v[0] == (uint64_t)r && v[2] == (uint64_t)r, "snprintf(buf, 256, "
			      "\"%s\", %s) returned %" PRId64 " (and into a NULL buffer of size 0: %"
			      PRId64 "), not %d: the length of the whole output", c.fmt, args,
			      (int64_t)v[0], (int64_t)v[2], r);
		ck_assert_msg(v[1] == (uint64_t)r2, "snprintf(buf, %zu, \"%s\", %s) returned %" PRId64
			      ", not %d: the length of the whole output, whatever the size", k,
			      c.fmt, args, (int64_t)v[1], r2);
		got = lab6_obs_text(&o, "t ", NULL);
		ck_assert_msg(strcmp(got, cut) == 0, "snprintf(buf, %zu, \"%s\", %s) left \"%s\" in "
			      "buf, not \"%s\": size - 1 bytes of the output and a NUL (size 0: "
			      "nothing written)", k, c.fmt, args, lab6_quote(got, strlen(got), 0, 100),
			      cut);
		lab6_obs_next(&o, "r", 1, v, NULL);
		ck_assert_msg(v[0] == (uint64_t)r, "fprintf(f, \"%s\", %s) returned %" PRId64 ", not "
			      "%d", c.fmt, args, (int64_t)v[0], r);
		flen += (size_t)snprintf(fwant + flen, fcap - flen, "%s\n", buf);
	}
	lab6_obs_end(&o);
	check_bytes(vm, pf, fwant, flen, "the file printf6 wrote with fprintf, a case a line");
	free(fwant);
}

/* ---- shell scripts ------------------------------------------------------------------ */

/* has_line: does text (n bytes) have the line `line` (without its '\n')? */
static bool has_line(const char *text, size_t n, const char *line)
{
	size_t k = strlen(line);
	for (size_t at = 0; at < n;) {
		const char *nl = memchr(text + at, '\n', n - at);
		size_t len = nl ? (size_t)(nl - (text + at)) : n - at;
		if (len == k && memcmp(text + at, line, k) == 0)
			return true;
		at += len + 1;
	}
	return false;
}

GRADER_TEST(lab6_shell_script, .lab = 6, .points = 20, .limit = 120,
	    .covers = "user/posix/sh/run.c",
	    .title = "sh FILE ARGS: variables, $? $0 $1, && || ;, cd, redirections that fail, 40 children reaped, exit N")
{
	struct vm *vm = lab6_shell(NULL);
	char p[2][24], w[8][16], line[256], want[256], dir[24];
	fresh_paths(vm, 2, p); /* the script, and the directory it makes */
	snprintf(dir, sizeof(dir), "%s", p[1]);
	for (int i = 0; i < 8; i++)
		word(w[i]);

	/* The script, a line at a time, single-quoted (so that the shell
	 * typing it expands nothing). Each line < 128 bytes with its echo. */
	static char script[12][128];
	int ns = 0;
	snprintf(script[ns++], 128, "X=%s; Y=\"$X %s\"; mkdir %s && cd %s", w[0], w[1], dir, dir);
	snprintf(script[ns++], 128, "echo $Y > o1; false && echo %s > o2; false || echo $? > o3",
		 w[2]);
	snprintf(script[ns++], 128, "true && echo %s >> o1; echo \"$0\" $1 $2 > o4", w[3]);
	snprintf(script[ns++], 128, "pwd > o5; Z=%s env > o6; echo $? >> o3", w[4]);
	snprintf(script[ns++], 128, "cat %s/none > o7 2>&1; echo $? >> o7", dir);
	snprintf(script[ns++], 128, "echo %s > %s/no/x; echo $? > o8", w[5], dir);
	/* More pipelines than processes can exist at once (PROC_MAX 16):
	 * they all succeed only if every child is reaped; else a fork fails,
	 * its pipeline's status is 1, and the script ends with 3. */
	for (int i = 0; i < 3; i++)
		snprintf(script[ns++], 128, "true | true && true | true && true | true && "
			 "true | true && true | true || exit 3");
	snprintf(script[ns++], 128, "echo %s > o9; exit 7", w[6]);
	snprintf(script[ns++], 128, "echo %s > o10", w[7]);
	static char all[12 * 128];
	size_t slen = 0;
	for (int i = 0; i < ns; i++) {
		lab6_run(vm, "echo '%s' >> %s", script[i], p[0]);
		slen += (size_t)snprintf(all + slen, sizeof(all) - slen, "%s\n", script[i]);
	}
	check_bytes(vm, p[0], all, slen, "the script, made with echo 'LINE' >> FILE: single "
		    "quotes keep every character");

	char a1[16], a2[16], st[40];
	word(a1);
	word(a2);
	snprintf(st, sizeof(st), "%s/st", dir);
	snprintf(line, sizeof(line), "sh %s %s %s; echo $? > %s", p[0], a1, a2, st);
	const char *out = lab6_type(vm, line);
	const char *how = typed(line, out);
	grader_note("the script %s:", p[0]);
	for (int i = 0; i < ns; i++)
		grader_note("  %s", script[i]);
	ck_assert_msg(lab6_is_dir(vm, dir), "%s: there is no directory %s (made by the script's "
		      "first line)", how, dir);

	char f[48], *got;
	size_t len;
#define AT(name) (snprintf(f, sizeof(f), "%s/%s", dir, name), f)
	snprintf(want, sizeof(want), "%s %s\n%s\n", w[0], w[1], w[3]);
	check_bytes(vm, AT("o1"), want, strlen(want), "X=W0; Y=\"$X W1\" (after cd DIR) then "
		    "\"echo $Y > o1\" and \"true && echo W3 >> o1\"");
	ck_assert_msg(!lab6_file(vm, AT("o2"), &got, &len), "\"false && echo W > o2\" made o2: "
		      "after && the command runs only if the status was 0");
	check_bytes(vm, AT("o3"), "1\n0\n", 4, "\"false || echo $? > o3\": $? is false's 1; then "
		    "\"Z=W env > o6; echo $? >> o3\": env's 0");
	snprintf(want, sizeof(want), "%s %s %s\n", p[0], a1, a2);
	check_bytes(vm, AT("o4"), want, strlen(want), "echo \"$0\" $1 $2 in \"sh FILE A1 A2\"");
	snprintf(want, sizeof(want), "%s\n", dir);
	check_bytes(vm, AT("o5"), want, strlen(want), "pwd after cd DIR");
	ck_assert_msg(lab6_file(vm, AT("o6"), &got, &len), "\"Z=W env > o6\" made no o6");
	snprintf(want, sizeof(want), "Z=%s", w[4]);
	ck_assert_msg(has_line(got, len, want), "\"Z=%s env > o6\": env's environment has no line "
		      "%s (it printed: \"%s\")", w[4], want, lab6_quote(got, len, 0, 300));
	free(got);
	ck_assert_msg(lab6_file(vm, AT("o7"), &got, &len), "\"cat DIR/none > o7 2>&1\" made no o7");
	snprintf(want, sizeof(want), "cat: %s/none", dir);
	ck_assert_msg(len > strlen(want) + 3 && strncmp(got, want, strlen(want)) == 0 &&
		      strcmp(got + len - 3, "\n1\n") == 0, "o7 is \"%s\": after \"cat DIR/none > o7 "
		      "2>&1; echo $? >> o7\" it should hold cat's complaint (\"%s: ...\": its "
		      "stderr went where its stdout did, redirections apply in order), then 1",
		      lab6_quote(got, len, 0, 200), want);
	free(got);
	check_bytes(vm, AT("o8"), "1\n", 2, "\"echo W > DIR/no/x; echo $? > o8\": a redirection "
		    "that cannot be opened fails the command (status 1) and it does not run");
	snprintf(want, sizeof(want), "%s\n", w[6]);
	check_bytes(vm, AT("o9"), want, strlen(want), "15 pipelines \"true | true\" before "
		    "\"echo W > o9\", each of which must succeed or the script exits with 3: 30 "
		    "children, more than the 16 processes there can be at once (PROC_MAX), so "
		    "each child must be reaped (waitpid) once it ends");
	ck_assert_msg(!lab6_file(vm, AT("o10"), &got, &len), "the script went on after \"exit 7\"");
	check_bytes(vm, st, "7\n", 2, "\"sh SCRIPT; echo $? > DIR/st\" after the script's \"exit "
		    "7\": the script's status");
#undef AT
}

/* ---- ls -l: printf's widths --------------------------------------------------------------- */

/* by_name: qsort's order of two names (char[LAB6_NAME_SIZE]): strcmp's. */
static int by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* ls_expect: what "ls -l DIR" prints (ls.c: the entries sorted by name,
 * a line each, "%c %8ld %s\n" with 'd' or '-' and the size: a file's
 * bytes, a directory's entries), from what the file server holds, with
 * the host's snprintf, into t (size bytes); the number of entries. */
static int ls_expect(struct vm *vm, const char *dir, char *t, size_t size)
{
	static char names[64][LAB6_NAME_SIZE];
	int n = lab6_dir(vm, dir, names, 64);
	ck_assert_msg(n >= 0 && n <= 64, "the file server has no directory %s", dir);
	qsort(names, (size_t)n, LAB6_NAME_SIZE, by_name);
	size_t at = 0;
	for (int i = 0; i < n; i++) {
		char path[160], *b;
		size_t len;
		snprintf(path, sizeof(path), "%s/%.63s", dir, names[i]);
		bool file = lab6_file(vm, path, &b, &len);
		long entries = file ? 0 : lab6_dir(vm, path, NULL, 0);
		free(b);
		at += (size_t)snprintf(t + at, size - at, "%c %8ld %s\n", file ? '-' : 'd',
				       file ? (long)len : entries, names[i]);
	}
	return n;
}

GRADER_TEST(lab6_ls_printf, .lab = 6, .points = 10, .limit = 90, .covers = "user/libc/printf.c",
	    .title = "ls -l of random files and directories: its lines (printf's %8ld) as the host formats what the file server holds")
{
	struct vm *vm = lab6_shell(NULL);
	char p[3][24], line[256];
	fresh_paths(vm, 3, p);
	uint64_t seed = grader_rand() >> 1 | 1;
	snprintf(line, sizeof(line), "/tests/files6 %" PRIu64 " %s", seed, p[0]);
	const char *out = lab6_type(vm, line);
	ck_assert_msg(lab6_is_dir(vm, p[0]), "%s: no directory %s", typed(line, out), p[0]);

	static char want[8192];
	int n = ls_expect(vm, p[0], want, sizeof(want));
	ck_assert_msg(n >= 2, "%s: %s has %d entries (want 2 or more)", typed(line, out), p[0], n);
	snprintf(line, sizeof(line), "ls -l %s > %s", p[0], p[1]);
	out = lab6_type(vm, line);
	check_bytes(vm, p[1], want, strlen(want), typed(line, out));

	/* A directory of the directory, listed with it: "DIR:" lines. */
	static char names[64][LAB6_NAME_SIZE], sub[160];
	int k = lab6_dir(vm, p[0], names, 64);
	sub[0] = 0;
	for (int i = 0; i < k && i < 64 && !sub[0]; i++) {
		snprintf(sub, sizeof(sub), "%s/%.63s", p[0], names[i]);
		if (!lab6_is_dir(vm, sub))
			sub[0] = 0;
	}
	ck_assert_msg(sub[0], "%s has no directory in it", p[0]);
	size_t at = (size_t)snprintf(want, sizeof(want), "%s:\n", p[0]);
	ls_expect(vm, p[0], want + at, sizeof(want) - at);
	at = strlen(want);
	at += (size_t)snprintf(want + at, sizeof(want) - at, "\n%s:\n", sub);
	ls_expect(vm, sub, want + at, sizeof(want) - at);
	snprintf(line, sizeof(line), "ls -l %s %s > %s", p[0], sub, p[2]);
	out = lab6_type(vm, line);
	check_bytes(vm, p[2], want, strlen(want), typed(line, out));
}
