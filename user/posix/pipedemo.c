/*
 * posix/pipedemo.c: pipes at work in EriX (lab 6): one process writes
 * 10000 bytes into a pipe in chunks and reads them back, interleaved so
 * that it never waits on itself (no more than the pipe holds is ever
 * unread); then dup2 puts the write end on another fd, closing one of the
 * two keeps the pipe open, closing both gives the reader its end of file,
 * and a write with no reader is EPIPE. Prints "pipedemo: ok" and exits
 * with status 0, or says what failed and exits with 1.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define TOTAL 10000

static int failed;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("pipedemo: FAILED: %s (errno %d: %s)\n", what, errno, strerror(errno));
		failed = 1;
	}
}

/* byte: the i-th byte of the stream sent. */
static unsigned char byte(unsigned i) { return (unsigned char)(i * 131u + (i >> 8)); }

int main(void)
{
	int p[2];
	if (pipe(p) < 0) {
		printf("pipedemo: FAILED: pipe (errno %d: %s)\n", errno, strerror(errno));
		return 1;
	}
	printf("pipedemo: pipe: read end fd %d, write end fd %d\n", p[0], p[1]);

	/* 10000 bytes in chunks of 1..700, read back in chunks of up to 500,
	 * always leaving fewer than 4096 bytes in the pipe. */
	static unsigned char in[TOTAL];
	unsigned char chunk[700];
	unsigned sent = 0, got = 0, step = 0;
	while (got < TOTAL && !failed) {
		unsigned want = 1 + (step * 97u) % 700u;
		if (want > TOTAL - sent)
			want = TOTAL - sent;
		if (want && sent - got + want <= 4096) {
			for (unsigned i = 0; i < want; i++)
				chunk[i] = byte(sent + i);
			ssize_t n = write(p[1], chunk, want);
			check(n == (ssize_t)want, "write of a chunk");
			sent += n > 0 ? (unsigned)n : 0;
		}
		unsigned take = 1 + (step * 53u) % 500u;
		if (take > sent - got)
			take = sent - got;
		while (take && !failed) {
			ssize_t n = read(p[0], in + got, take);
			check(n > 0, "read of a chunk");
			if (n <= 0)
				break;
			got += (unsigned)n, take -= (unsigned)n;
		}
		step++;
	}
	unsigned bad = 0;
	for (unsigned i = 0; i < got; i++)
		bad += in[i] != byte(i);
	check(got == TOTAL && bad == 0, "the bytes read back are not those written");
	printf("pipedemo: %u bytes through the pipe in %u steps, %u wrong\n", got, step, bad);

	/* dup2: the write end also on fd 10; a write there arrives. */
	check(dup2(p[1], 10) == 10, "dup2 of the write end to fd 10");
	check(write(10, "via ten", 7) == 7, "write to the dup2'ed fd");
	char buf[32] = { 0 };
	check(read(p[0], buf, sizeof(buf)) == 7 && !memcmp(buf, "via ten", 7),
	      "read of what fd 10 wrote");
	/* Closing one of the two keeps the write end open. */
	check(close(p[1]) == 0, "close of the first write fd");
	check(write(10, "x", 1) == 1, "write through fd 10 after closing the other");
	check(read(p[0], buf, 1) == 1 && buf[0] == 'x', "read after closing one write fd");
	/* dup of the read end; closing the last writer gives EOF. */
	int r2 = dup(p[0]);
	check(r2 >= 0, "dup of the read end");
	check(close(10) == 0, "close of the last write fd");
	check(read(r2, buf, sizeof(buf)) == 0, "end of file after the last writer closed");
	check(close(p[0]) == 0 && close(r2) == 0, "close of the read fds");
	check(read(r2, buf, 1) < 0 && errno == EBADF, "read of a closed fd is EBADF");

	/* A write with no reader is EPIPE. */
	int q[2];
	check(pipe(q) == 0, "a second pipe");
	check(close(q[0]) == 0, "close of its read end");
	errno = 0;
	check(write(q[1], "lost", 4) < 0 && errno == EPIPE, "write with no reader is EPIPE");
	close(q[1]);

	/* Nothing leaks: as many pipes can be made again. */
	for (int i = 0; i < 40 && !failed; i++) {
		int t[2];
		check(pipe(t) == 0, "pipe again (a pipe leaked?)");
		close(t[0]), close(t[1]);
	}

	printf("%s\n", failed ? "pipedemo: failed" : "pipedemo: ok");
	return failed;
}
