/*
 * posix/sort.c: sort [-n] [-r] [-u] [file...]: prints the lines of all
 * the files (stdin when there is none, and for "-") together, sorted: by
 * their bytes (strcmp), or with -n by the number each starts with. It
 * holds them all in memory.
 * -n: by the number at each line's start (blanks, an optional '-',
 *     digits, an optional '.' and more digits; 0 when there is none);
 *     lines with equal numbers by their bytes.
 * -r: in reverse order.
 * -u: each line once: only the first of lines that sort as equal (with
 *     -n: of lines that start with the same number).
 * Exit status: 0, or 1 if a file could not be read (nothing is printed).
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool numeric, reverse, unique;

/* number: the number s starts with, as -n reads it. */
static double number(const char *s)
{
	char buf[64];
	size_t n = 0;
	bool point = false;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '-')
		buf[n++] = *s++;
	for (; n < sizeof(buf) - 1; s++) {
		if (*s == '.' && !point)
			point = true;
		else if (!isdigit((unsigned char)*s))
			break;
		buf[n++] = *s;
	}
	buf[n] = '\0';
	return strtod(buf, NULL); /* 0 for "", "-" or "." */
}

/* compare_keys: <0, 0, >0 as line a sorts before, with or after b by
 * the key alone (-n's number, else all its bytes). */
static int compare_keys(const char *a, const char *b)
{
	if (!numeric)
		return strcmp(a, b);
	double x = number(a), y = number(b);
	return (x > y) - (x < y);
}

/* compare: qsort's order of two lines: by key, then by bytes, reversed
 * with -r. */
static int compare(const void *pa, const void *pb)
{
	const char *a = *(char *const *)pa, *b = *(char *const *)pb;
	int c = compare_keys(a, b);
	if (c == 0)
		c = strcmp(a, b);
	return reverse ? -c : c;
}

/* lines: the lines read so far (malloc'd, their newlines taken off). */
static char **lines;
static size_t nlines, cap;

/* read_lines: f's lines added to lines. 0, or -1 (errno). */
static int read_lines(FILE *f)
{
	char *line = NULL;
	size_t size = 0;
	ssize_t len;
	while ((len = getline(&line, &size, f)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (nlines == cap) {
			char **more = realloc(lines, (cap = cap ? 2 * cap : 256) * sizeof(*lines));
			if (!more) {
				free(line);
				errno = ENOMEM;
				return -1;
			}
			lines = more;
		}
		lines[nlines++] = line;
		line = NULL, size = 0; /* the next line gets a buffer of its own */
	}
	free(line);
	return ferror(f) ? -1 : 0;
}

int main(int argc, char **argv)
{
	int c;
	while ((c = getopt(argc, argv, "nru")) != -1) {
		switch (c) {
		case 'n': numeric = true; break;
		case 'r': reverse = true; break;
		case 'u': unique = true; break;
		default:
			fprintf(stderr, "usage: sort [-n] [-r] [-u] [file...]\n");
			return 2;
		}
	}
	char *only_stdin[] = { "-", NULL };
	char **files = optind < argc ? argv + optind : only_stdin;
	for (; *files; files++) {
		bool is_stdin = strcmp(*files, "-") == 0;
		FILE *f = is_stdin ? stdin : fopen(*files, "r");
		if (!f || read_lines(f) < 0) {
			fprintf(stderr, "sort: %s: %s\n", *files, strerror(errno));
			return 1;
		}
		if (!is_stdin)
			fclose(f);
	}
	qsort(lines, nlines, sizeof(*lines), compare);
	for (size_t i = 0; i < nlines; i++)
		if (!unique || i == 0 || compare_keys(lines[i - 1], lines[i]) != 0)
			puts(lines[i]);
	return 0;
}
