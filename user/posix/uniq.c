/*
 * posix/uniq.c: uniq [-c] [-d] [-u] [input [output]]: copies input
 * (stdin when there is none, or "-") to output (stdout when none),
 * writing each run of equal adjacent lines once. (Equal lines that are
 * not adjacent stay: sort first to take every repeat out.)
 * -c: each line after the number of times it came in a row.
 * -d: only the lines that came more than once in a row.
 * -u: only the lines that came once.
 * Exit status: 0, or 1 if input could not be read or output written.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool counts, only_repeated, only_single;

/* put: a line (without its newline) that came n times in a row. */
static void put(FILE *out, const char *line, long n)
{
	if ((only_repeated && n < 2) || (only_single && n > 1))
		return;
	if (counts)
		fprintf(out, "%7ld ", n);
	fprintf(out, "%s\n", line);
}

int main(int argc, char **argv)
{
	int c;
	while ((c = getopt(argc, argv, "cdu")) != -1) {
		switch (c) {
		case 'c': counts = true; break;
		case 'd': only_repeated = true; break;
		case 'u': only_single = true; break;
		default: goto usage;
		}
	}
	if (argc - optind > 2)
		goto usage;
	const char *in_name = optind < argc ? argv[optind] : "-";
	const char *out_name = optind + 1 < argc ? argv[optind + 1] : "-";
	FILE *in = strcmp(in_name, "-") == 0 ? stdin : fopen(in_name, "r");
	if (!in) {
		fprintf(stderr, "uniq: %s: %s\n", in_name, strerror(errno));
		return 1;
	}
	FILE *out = strcmp(out_name, "-") == 0 ? stdout : fopen(out_name, "w");
	if (!out) {
		fprintf(stderr, "uniq: %s: %s\n", out_name, strerror(errno));
		return 1;
	}

	char *line = NULL, *prev = NULL; /* this line and the run's */
	size_t cap = 0, prev_cap = 0;
	long run = 0; /* how many times prev came so far */
	ssize_t len;
	while ((len = getline(&line, &cap, in)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (run > 0 && strcmp(line, prev) == 0) {
			run++;
			continue;
		}
		if (run > 0)
			put(out, prev, run);
		char *t = prev; /* the new run's line is this one: swap buffers */
		size_t tc = prev_cap;
		prev = line, prev_cap = cap;
		line = t, cap = tc;
		run = 1;
	}
	if (run > 0)
		put(out, prev, run);
	int status = 0;
	if (ferror(in)) {
		fprintf(stderr, "uniq: %s: %s\n", in_name, strerror(errno));
		status = 1;
	}
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "uniq: %s: %s\n", out_name, strerror(errno));
		status = 1;
	}
	if (out != stdout)
		fclose(out);
	free(line);
	free(prev);
	return status;

usage:
	fprintf(stderr, "usage: uniq [-c] [-d] [-u] [input [output]]\n");
	return 2;
}
