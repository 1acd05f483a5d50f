/*
 * posix/tail.c: tail [-n [+]count] [file...]: prints the last lines of
 * each file (stdin when there is none, and for "-"), under a line
 * "==> file <==" when there are several files. It reads the whole file
 * into memory first (files on EriX are small).
 * -n count: the last count lines (10 if not given);
 * -n +count: from line count on (the first is line 1).
 * Exit status: 0, or 1 if a file could not be read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* slurp: all of f in a malloc'd buffer, its length in *len. NULL (errno)
 * on a read error or when memory runs out. */
static char *slurp(FILE *f, size_t *len)
{
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	do {
		if (n == cap) {
			char *more = realloc(buf, cap = cap ? 2 * cap : 4096);
			if (!more) {
				free(buf);
				errno = ENOMEM;
				return NULL;
			}
			buf = more;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	if (ferror(f)) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* start_of_tail: where the part of buf (len bytes) to print starts: the
 * last `lines` lines, or with from_start, from line `lines` on. */
static size_t start_of_tail(const char *buf, size_t len, long lines, int from_start)
{
	size_t i;
	if (from_start) { /* after lines - 1 newlines */
		long seen = 0;
		for (i = 0; i < len && seen < lines - 1; i++)
			if (buf[i] == '\n')
				seen++;
		return i;
	}
	if (lines == 0)
		return len;
	/* back from the end (a last newline ends the last line, it does not
	 * start one), counting newlines until `lines` are behind us */
	long seen = 0;
	for (i = len > 0 && buf[len - 1] == '\n' ? len - 1 : len; i > 0; i--)
		if (buf[i - 1] == '\n' && ++seen == lines)
			break;
	return i;
}

int main(int argc, char **argv)
{
	long lines = 10;
	int from_start = 0, c, status = 0;
	while ((c = getopt(argc, argv, "n:")) != -1) {
		char *end, *num = optarg;
		if (c != 'n')
			goto usage;
		from_start = *num == '+';
		num += *num == '+' || *num == '-';
		lines = strtol(num, &end, 10);
		if (*num == '\0' || *end != '\0' || lines < 0) {
			fprintf(stderr, "tail: %s: invalid number of lines\n", optarg);
			return 2;
		}
	}
	char *only_stdin[] = { "-", NULL };
	char **files = optind < argc ? argv + optind : only_stdin;
	int several = argc - optind > 1;
	for (int i = 0; files[i]; i++) {
		int is_stdin = strcmp(files[i], "-") == 0;
		FILE *f = is_stdin ? stdin : fopen(files[i], "r");
		size_t len;
		char *buf = f ? slurp(f, &len) : NULL;
		if (!buf) {
			fprintf(stderr, "tail: %s: %s\n", files[i], strerror(errno));
			status = 1;
		} else {
			if (several)
				printf("%s==> %s <==\n", i > 0 ? "\n" : "", files[i]);
			size_t at = start_of_tail(buf, len, lines, from_start);
			fwrite(buf + at, 1, len - at, stdout);
			free(buf);
		}
		if (f && !is_stdin)
			fclose(f);
	}
	return status;

usage:
	fprintf(stderr, "usage: tail [-n [+]count] [file...]\n");
	return 2;
}
