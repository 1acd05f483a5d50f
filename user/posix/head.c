/*
 * posix/head.c: head [-n count] [file...]: prints the first lines of
 * each file (stdin when there is none, and for "-"), under a line
 * "==> file <==" when there are several files.
 * -n count: that many lines (10 if not given).
 * Exit status: 0, or 1 if a file could not be read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* head: f's first n lines to stdout. 0, or -1 (errno) on a read error. */
static int head(FILE *f, long n)
{
	int c;
	while (n > 0 && (c = getc(f)) != EOF) {
		putchar(c);
		if (c == '\n')
			n--;
	}
	return ferror(f) ? -1 : 0;
}

int main(int argc, char **argv)
{
	long lines = 10;
	int c, status = 0;
	while ((c = getopt(argc, argv, "n:")) != -1) {
		char *end;
		if (c != 'n')
			goto usage;
		lines = strtol(optarg, &end, 10);
		if (*optarg == '\0' || *end != '\0' || lines < 0) {
			fprintf(stderr, "head: %s: invalid number of lines\n", optarg);
			return 2;
		}
	}
	char *only_stdin[] = { "-", NULL };
	char **files = optind < argc ? argv + optind : only_stdin;
	int several = argc - optind > 1;
	for (int i = 0; files[i]; i++) {
		int is_stdin = strcmp(files[i], "-") == 0;
		FILE *f = is_stdin ? stdin : fopen(files[i], "r");
		if (several && f)
			printf("%s==> %s <==\n", i > 0 ? "\n" : "", files[i]);
		if (!f || head(f, lines) < 0) {
			fprintf(stderr, "head: %s: %s\n", files[i], strerror(errno));
			status = 1;
		}
		if (f && !is_stdin)
			fclose(f);
	}
	return status;

usage:
	fprintf(stderr, "usage: head [-n count] [file...]\n");
	return 2;
}
