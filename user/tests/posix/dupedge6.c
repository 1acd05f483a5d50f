/*
 * dupedge6 SEED OUT: the edge cases of dup, dup2 and close (lab 6 test
 * program). Chunks of bytes from SEED go into the files OUT.1, OUT.2 and
 * OUT.3 (the grader checks their bytes, and, in the file server's memory,
 * that no handle on them is left open once the program has ended):
 *
 *   1. a = OUT.1; dup2(a, a) is a and does nothing: chunk 0 through a.
 *   2. b = OUT.2, chunk 1 through it; c = OUT.3; dup2(c, b) closes OUT.2
 *      (b was its only fd: its file server handle must close) and makes b
 *      a copy of c: chunk 2 through b goes into OUT.3.
 *   3. close(c) works, close(c) again is EBADF, and b still works (it
 *      shares c's capability, counted): chunk 3 through b.
 *   4. d = dup(1), the console: it works, and closing it leaves fd 1.
 *   5. dup2(a, -1) and dup2(a, 32) are EBADF; dup2(a, 31) is 31, the last
 *      fd, and closes.
 *   6. A pipe, its write end dup'ed (w2) before fork: the child closes the
 *      read end, writes chunk 4 through the write end, closes it, writes
 *      chunk 5 through w2 and closes it; the parent closes both of its
 *      write ends and reads until the end of file, which comes only when
 *      all four copies are closed.
 *   7. 24 times: a pipe, a dup of its write end, all three closed; then
 *      a pipe can still be made (the pipe server has 16: none leaked).
 * Every result goes into OUT, a line each.
 */
#include <errno.h>
#include <sys/wait.h>

#include "t6lib.h"

static uint8_t chunk[6][700];
static size_t len[6];

/* with: path and suffix into buf (size 200); 0 if too long. */
static int with(char *buf, const char *path, const char *suffix)
{
	size_t n = strlen(path), k = strlen(suffix);
	if (n + k + 1 > 200)
		return 0;
	memcpy(buf, path, n);
	memcpy(buf + n, suffix, k + 1);
	return 1;
}

/* result: writes the line key with r and errno (as it is now). */
static void result(const char *key, long r)
{
	uint64_t v[2] = { (uint64_t)r, (uint64_t)errno };
	t6_line(key, 2, v);
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	uint64_t s = t6_seed(argv), v[4];
	for (int i = 0; i < 6; i++) {
		len[i] = 100 + (size_t)(lab6_rand(&s) % 600);
		lab6_fill(&s, chunk[i], len[i]);
	}
	char f1[200], f2[200], f3[200];
	if (!with(f1, argv[2], ".1") || !with(f2, argv[2], ".2") || !with(f3, argv[2], ".3"))
		return 2;
	t6_out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (t6_out < 0)
		return 3;

	int a = open(f1, O_RDWR | O_CREAT | O_TRUNC, 0644);
	errno = 0;
	result("dup2 a a", dup2(a, a));
	result("write a", write(a, chunk[0], len[0]));

	int b = open(f2, O_RDWR | O_CREAT | O_TRUNC, 0644);
	result("write b", write(b, chunk[1], len[1]));
	int c = open(f3, O_RDWR | O_CREAT | O_TRUNC, 0644);
	v[0] = (uint64_t)a, v[1] = (uint64_t)b, v[2] = (uint64_t)c;
	t6_line("fds a b c", 3, v);
	result("dup2 c b", dup2(c, b));
	result("write b", write(b, chunk[2], len[2]));

	result("close c", close(c));
	errno = 0;
	result("close c", close(c));
	errno = 0;
	result("write b", write(b, chunk[3], len[3]));

	int d = dup(1);
	result("write d", write(d, "", 0));
	result("close d", close(d));
	result("write 1", write(1, "", 0));

	errno = 0;
	result("dup2 a -1", dup2(a, -1));
	errno = 0;
	result("dup2 a 32", dup2(a, 32));
	errno = 0;
	result("dup2 a 31", dup2(a, 31));
	result("close 31", close(31));

	int p[2];
	pipe(p);
	int w2 = dup(p[1]);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		t6_put_fd(p[1], (const char *)chunk[4], len[4]);
		close(p[1]);
		t6_put_fd(w2, (const char *)chunk[5], len[5]);
		close(w2);
		_exit(0);
	}
	close(p[1]);
	close(w2);
	static uint8_t got[2000];
	size_t total = 0;
	ssize_t r;
	while ((r = read(p[0], got + total, sizeof(got) - total)) > 0)
		total += (size_t)r;
	close(p[0]);
	int st = -1;
	v[0] = total, v[1] = lab6_fnv(LAB6_FNV_START, got, total), v[2] = (uint64_t)r;
	v[3] = (uint64_t)(waitpid(pid, &st, 0) == pid && st == 0);
	t6_line("pipe read fnv last reaped", 4, v);

	uint64_t made = 0;
	for (int i = 0; i < 24; i++) {
		int q[2];
		if (pipe(q) != 0)
			break;
		int w = dup(q[1]);
		close(q[0]);
		close(q[1]);
		close(w);
		made++;
	}
	int q[2];
	v[0] = made, v[1] = (uint64_t)pipe(q);
	t6_line("pipes made then", 2, v);
	close(b);
	close(a);
	return 0;
}
