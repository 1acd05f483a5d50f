/*
 * posix/wc.c: wc [-c] [-l] [-w] [file...]: counts the lines (newlines),
 * words (runs of characters other than white space) and bytes of each
 * file, stdin when there is none (and for "-"), and prints them in that
 * order, with the file's name; a "total" line after several files.
 * -l, -w, -c: only those counts (all three when none is given).
 * Exit status: 0, or 1 if a file could not be read.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int want_lines, want_words, want_bytes;

/* print: the counts asked for, and name (none if NULL). */
static void print(const long count[3], const char *name)
{
	const int want[3] = { want_lines, want_words, want_bytes };
	const char *sep = "";
	for (int i = 0; i < 3; i++)
		if (want[i])
			printf("%s%7ld", sep, count[i]), sep = " ";
	if (name)
		printf(" %s", name);
	putchar('\n');
}

/* count_file: f's lines, words and bytes into count[0..2]. 0, or -1 (errno)
 * on a read error. */
static int count_file(FILE *f, long count[3])
{
	int c, in_word = 0;
	count[0] = count[1] = count[2] = 0;
	while ((c = getc(f)) != EOF) {
		count[2]++;
		if (c == '\n')
			count[0]++;
		if (isspace(c))
			in_word = 0;
		else if (!in_word)
			in_word = 1, count[1]++;
	}
	return ferror(f) ? -1 : 0;
}

int main(int argc, char **argv)
{
	int c, status = 0;
	while ((c = getopt(argc, argv, "clw")) != -1) {
		if (c == 'l')
			want_lines = 1;
		else if (c == 'w')
			want_words = 1;
		else if (c == 'c')
			want_bytes = 1;
		else {
			fprintf(stderr, "usage: wc [-c] [-l] [-w] [file...]\n");
			return 2;
		}
	}
	if (!want_lines && !want_words && !want_bytes)
		want_lines = want_words = want_bytes = 1;

	long count[3], total[3] = { 0, 0, 0 };
	int files = argc - optind;
	if (files == 0) {
		if (count_file(stdin, count) < 0) {
			fprintf(stderr, "wc: stdin: %s\n", strerror(errno));
			return 1;
		}
		print(count, NULL);
		return 0;
	}
	for (int i = optind; i < argc; i++) {
		int is_stdin = strcmp(argv[i], "-") == 0;
		FILE *f = is_stdin ? stdin : fopen(argv[i], "r");
		if (!f || count_file(f, count) < 0) {
			fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		} else {
			print(count, argv[i]);
			for (int k = 0; k < 3; k++)
				total[k] += count[k];
		}
		if (f && !is_stdin)
			fclose(f);
	}
	if (files > 1)
		print(total, "total");
	return status;
}
