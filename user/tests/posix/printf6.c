/*
 * printf6 SEED N OUT: integer conversions of printf (lab 6 test
 * program; printf6.h makes the cases).
 *
 * For each of N cases it writes to OUT three lines: "f " and what
 * snprintf made into a buffer big enough; "n" and three numbers, what
 * that snprintf returned, what a second one into a buffer of k bytes
 * returned (k random, from 0 to the whole length and a byte: the output
 * cut to k - 1 bytes and a NUL) and what snprintf(NULL, 0, ...) returned;
 * "t " and the bytes of the second buffer before its first NUL (at most
 * k). It also writes each case with fprintf into OUT.f, a line each, and
 * what fprintf returned as a line "r" into OUT. Lines are written with
 * write() (t6lib.h), not printf.
 */
#include "printf6.h"
#include "t6lib.h"

int main(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	uint64_t s = t6_seed(argv);
	long n = atol(argv[2]);
	char path[200];
	size_t pl = strlen(argv[3]);
	if (pl + 3 > sizeof(path))
		return 2;
	memcpy(path, argv[3], pl);
	memcpy(path + pl, ".f", 3);
	t6_out = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	FILE *f = fopen(path, "w");
	if (t6_out < 0 || !f)
		return 3;
	for (long i = 0; i < n; i++) {
		struct printf6_case c;
		static char buf[256], cut[256];
		printf6_make(&s, &c);
		int r = printf6_format(NULL, buf, sizeof(buf), &c);
		size_t k = (size_t)(lab6_rand(&s) % (uint64_t)(r >= 0 ? r + 2 : 2));
		memset(cut, 'Z', sizeof(cut));
		int r2 = printf6_format(NULL, cut, k, &c);
		int r3 = printf6_format(NULL, NULL, 0, &c);
		uint64_t v[3] = { (uint64_t)r, (uint64_t)r2, (uint64_t)r3 };
		t6_put_fd(t6_out, "f ", 2);
		t6_put_fd(t6_out, buf, strnlen(buf, sizeof(buf)));
		t6_put_fd(t6_out, "\n", 1);
		t6_line("n", 3, v);
		t6_put_fd(t6_out, "t ", 2);
		t6_put_fd(t6_out, cut, strnlen(cut, k));
		t6_put_fd(t6_out, "\n", 1);
		v[0] = (uint64_t)printf6_format(f, NULL, 0, &c);
		t6_line("r", 1, v);
		fputc('\n', f);
	}
	return fclose(f) == 0 ? 0 : 4;
}
