/*
 * lines6 SEED N OUT: N lines of random words (lab 6 test program), the
 * input of the grader's shell sessions (sort, grep, wc, pipelines).
 *
 * Line i is 1 to 3 words (lab6_word, 1 to 10 letters each) separated by
 * single spaces, every one from SEED's generator in order: the grader
 * makes the same lines (grader/tests/lab6.c, lines6_make). Written with
 * write() alone, so that the file does not depend on stdio or printf.
 */
#include "t6lib.h"

int main(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	uint64_t s = t6_seed(argv);
	long n = atol(argv[2]);
	int fd = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || n < 0)
		return 3;
	static char buf[4096];
	size_t len = 0;
	for (long i = 0; i < n; i++) {
		unsigned words = 1 + (unsigned)(lab6_rand(&s) % 3);
		for (unsigned k = 0; k < words; k++) {
			char w[16];
			lab6_word(&s, w, 10);
			size_t wl = strlen(w);
			if (len + wl + 1 > sizeof(buf))
				t6_put_fd(fd, buf, len), len = 0;
			memcpy(buf + len, w, wl);
			len += wl;
			buf[len++] = k + 1 < words ? ' ' : '\n';
		}
	}
	t6_put_fd(fd, buf, len);
	return close(fd) == 0 ? 0 : 4;
}
