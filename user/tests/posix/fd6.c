/*
 * fd6 SEED OUT: dup, dup2 and close (lab 6 test program).
 *
 * Writes chunks of bytes from SEED into OUT through several fds, some of
 * them copies of others (dup, dup2: one offset between them) and one
 * opened separately (an offset of its own), closing and replacing fds on
 * the way; then writes the fd numbers it got, the results of calls that
 * must fail, and the FD_CLOEXEC of an fd and its copies into OUT.log. The grader works out OUT's bytes from
 * POSIX's rules and compares.
 */
#include <errno.h>

#include "t6lib.h"

static uint8_t chunk[8][600];
static size_t len[8];

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	uint64_t s = t6_seed(argv);
	for (int i = 0; i < 8; i++) {
		len[i] = 20 + (size_t)(lab6_rand(&s) % 500);
		lab6_fill(&s, chunk[i], len[i]);
	}
	char log[200];
	size_t n = strlen(argv[2]);
	if (n + 5 > sizeof(log))
		return 2;
	memcpy(log, argv[2], n);
	memcpy(log + n, ".log", 5);
	t6_out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	int a = open(argv[2], O_RDWR | O_CREAT | O_TRUNC, 0644);
	int b = dup(a);
	write(a, chunk[0], len[0]);
	write(b, chunk[1], len[1]);             /* after chunk 0: one offset */
	int c = open(argv[2], O_RDWR);          /* an offset of its own, at 0 */
	write(c, chunk[2], 5);                  /* over chunk 0's first bytes */
	int r1 = close(a), e1 = errno;
	write(b, chunk[3], len[3]);             /* b lives on */
	errno = 0;
	int r2 = close(a), e2 = errno;          /* EBADF */
	int d = dup2(b, 9);
	write(9, chunk[4], len[4]);             /* b's offset */
	int d2 = dup2(c, 9);                    /* closes 9 (b stays), 9 = c */
	write(9, chunk[5], len[5]);             /* c's offset: 5 */
	int d3 = dup2(9, 9);                    /* nothing happens */
	write(c, chunk[6], len[6]);             /* c's offset, after chunk 5 */
	errno = 0;
	int r3 = dup2(b, 32), e3 = errno;       /* EBADF: out of range */
	errno = 0;
	int r4 = dup2(20, 5), e4 = errno;       /* EBADF: 20 is not open */
	write(b, chunk[7], len[7]);             /* b's offset still */
	int r5 = close(b), r6 = close(c), r7 = close(9);

	uint64_t v[8] = { (uint64_t)a, (uint64_t)b, (uint64_t)c, (uint64_t)d, (uint64_t)d2,
			  (uint64_t)d3 };
	t6_line("fds a b c d d2 d3", 6, v);
	uint64_t e[8] = { (uint64_t)r1, (uint64_t)e1, (uint64_t)r2, (uint64_t)e2,
			  (uint64_t)r3, (uint64_t)e3, (uint64_t)r4, (uint64_t)e4 };
	t6_line("errors", 8, e);
	uint64_t w[3] = { (uint64_t)r5, (uint64_t)r6, (uint64_t)r7 };
	t6_line("closes", 3, w);
	errno = 0;
	int r8 = write(b, chunk[0], 1), e8 = errno;
	uint64_t x[2] = { (uint64_t)r8, (uint64_t)e8 };
	t6_line("closed write", 2, x);
	/* close-on-exec belongs to an fd, not to what it is on: a copy made
	 * by dup or dup2 does not have it */
	int ce = open(argv[2], O_RDONLY | O_CLOEXEC), cd = dup(ce), cd2 = dup2(ce, 12);
	uint64_t cl[3] = { (uint64_t)fcntl(ce, F_GETFD), (uint64_t)fcntl(cd, F_GETFD),
			   (uint64_t)fcntl(cd2, F_GETFD) };
	t6_line("cloexec", 3, cl);
	return 0;
}
