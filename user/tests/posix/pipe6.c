/*
 * pipe6 SEED OUT: a pipe between two processes (lab 6 test program).
 *
 * The parent writes N bytes from SEED into a pipe in chunks of random
 * sizes (N beyond the pipe's buffer, so that the writer must wait for the
 * reader), closes its end and reaps the child; the child, which closed
 * its copy of the write end, reads in chunks of other sizes until end of
 * file and writes how much it read and the FNV of it. End of file comes
 * only when every write end is closed: a close that leaves one open
 * hangs the test. Then a write to a pipe without a reader (EPIPE).
 */
#include <errno.h>
#include <sys/wait.h>

#include "t6lib.h"

static uint8_t data[70000], got[70000];

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	uint64_t s = t6_seed(argv), v[4];
	size_t n = 5000 + (size_t)(lab6_rand(&s) % 60000);
	lab6_fill(&s, data, n);
	t6_out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int p[2];
	if (t6_out < 0 || pipe(p) != 0)
		return 3;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[1]);
		size_t total = 0;
		ssize_t r;
		do {
			size_t want = 1 + (size_t)(lab6_rand(&s) % 3000);
			if (want > sizeof(got) - total)
				want = sizeof(got) - total;
			r = read(p[0], got + total, want);
			if (r > 0)
				total += (size_t)r;
		} while (r > 0 && total < sizeof(got));
		v[0] = total, v[1] = lab6_fnv(LAB6_FNV_START, got, total), v[2] = (uint64_t)r;
		t6_line("child read", 3, v);
		_exit(0);
	}
	close(p[0]);
	for (size_t at = 0; at < n;) {
		size_t want = 1 + (size_t)(lab6_rand(&s) % 5000);
		if (want > n - at)
			want = n - at;
		ssize_t w = write(p[1], data + at, want);
		if (w <= 0)
			break;
		at += (size_t)w;
	}
	close(p[1]);
	int st = -1;
	v[0] = (uint64_t)(waitpid(pid, &st, 0) == pid), v[1] = (uint64_t)st;
	t6_line("parent reaped", 2, v);
	int q[2];
	pipe(q);
	close(q[0]);
	errno = 0;
	v[0] = (uint64_t)write(q[1], data, 10), v[1] = (uint64_t)errno;
	t6_line("no reader", 2, v);
	return 0;
}
