/*
 * t6lib.h: small helpers of lab 6's test programs: numbers written as
 * text without printf (so that a test of fork or pipes does not depend on
 * the printf exercise), and the output file.
 */
#ifndef T6LIB_H
#define T6LIB_H

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lab6.h"

/* t6_out: the fd the program writes its observations to. */
static int t6_out __attribute__((unused)) = -1;

/* t6_put: s, all of it, to fd (retrying short writes). */
static inline void t6_put_fd(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w <= 0)
			return;
		s += w, n -= (size_t)w;
	}
}

/* t6_line: writes key and the numbers (hex, 16 digits each) as a line. */
static inline void t6_line(const char *key, int count, const uint64_t *v)
{
	char buf[256];
	size_t n = strlen(key);
	memcpy(buf, key, n);
	for (int i = 0; i < count && n + 18 < sizeof(buf); i++) {
		buf[n++] = ' ';
		for (int d = 15; d >= 0; d--)
			buf[n++] = "0123456789abcdef"[v[i] >> (d * 4) & 15];
	}
	buf[n++] = '\n';
	t6_put_fd(t6_out, buf, n);
}

/* t6_seed: argv[1] as a number (the grader's seed). */
static inline uint64_t t6_seed(char **argv)
{
	return strtoull(argv[1], NULL, 0);
}

#endif
