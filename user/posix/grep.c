/*
 * posix/grep.c: grep [-c] [-F] [-i] [-n] [-v] pattern [file...]: prints
 * the lines of the files (stdin when there is none, and for "-") that
 * match pattern, each after "file:" when there are several files.
 *
 * The pattern is a small subset of POSIX's basic regular expressions:
 *   c    a character matches itself;
 *   .    any character;
 *   x*   zero or more of the one before it (a character, '.' or \c);
 *   ^    at the pattern's start: the line's start;
 *   $    at the pattern's end: the line's end;
 *   \c   the character c itself (\. \* \^ \$ \\).
 * No [...] classes, no \( \) groups, no \{ \} counts. The matcher tries
 * every way (backtracking), which is simple and fast enough for lines.
 *
 * -F: pattern is a fixed string, none of the above special.
 * -i: letters match in either case.
 * -v: the lines that do not match instead.
 * -n: each line after its number ("12:").
 * -c: only how many lines would be printed, per file.
 * Exit status: 0 if a line was selected, 1 if none, 2 on an error.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool fixed, ignore_case, invert, numbers, count_only;

/* atom_len: the length of the atom re starts with: 2 for \c, else 1. */
static size_t atom_len(const char *re)
{
	return re[0] == '\\' && re[1] ? 2 : 1;
}

/* atom_matches: whether the atom at re matches the character c. */
static bool atom_matches(const char *re, char c)
{
	if (re[0] == '\\' && re[1])
		return re[1] == c;
	return re[0] == '.' || re[0] == c;
}

static bool match_here(const char *re, const char *text);

/* match_star: whether atom* and then rest match at text: the atom taken
 * 0, 1, 2... times, as long as it matches. */
static bool match_star(const char *atom, const char *rest, const char *text)
{
	for (;;) {
		if (match_here(rest, text))
			return true;
		if (!*text || !atom_matches(atom, *text))
			return false;
		text++;
	}
}

/* match_here: whether re matches a prefix of text. */
static bool match_here(const char *re, const char *text)
{
	if (re[0] == '\0')
		return true;
	if (re[0] == '$' && re[1] == '\0')
		return *text == '\0';
	size_t n = atom_len(re);
	if (re[n] == '*')
		return match_star(re, re + n + 1, text);
	return *text && atom_matches(re, *text) && match_here(re + n, text + 1);
}

/* matches: whether pattern matches somewhere in line. */
static bool matches(const char *pattern, const char *line)
{
	if (fixed)
		return strstr(line, pattern) != NULL;
	if (pattern[0] == '^')
		return match_here(pattern + 1, line);
	do {
		if (match_here(pattern, line))
			return true;
	} while (*line++);
	return false;
}

/* lower: s in lower case, in place; returns s. */
static char *lower(char *s)
{
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

/* grep: the lines of f that pattern selects, printed (with prefix name,
 * if not NULL) or counted. Returns how many; -1 on a read error. */
static long grep(FILE *f, const char *pattern, const char *name)
{
	char *line = NULL, *folded = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0, selected = 0;
	bool failed = false;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		const char *text = line;
		if (ignore_case) { /* match a lower-case copy */
			char *p = realloc(folded, (size_t)len + 1);
			if (!p) {
				errno = ENOMEM, failed = true;
				break;
			}
			folded = memcpy(p, line, (size_t)len + 1);
			text = lower(folded);
		}
		if (matches(pattern, text) == invert)
			continue;
		selected++;
		if (count_only)
			continue;
		if (name)
			printf("%s:", name);
		if (numbers)
			printf("%ld:", lineno);
		puts(line);
	}
	failed = failed || ferror(f);
	free(line);
	free(folded);
	if (count_only && !failed) {
		if (name)
			printf("%s:", name);
		printf("%ld\n", selected);
	}
	return failed ? -1 : selected;
}

int main(int argc, char **argv)
{
	int c;
	while ((c = getopt(argc, argv, "cFinv")) != -1) {
		switch (c) {
		case 'c': count_only = true; break;
		case 'F': fixed = true; break;
		case 'i': ignore_case = true; break;
		case 'n': numbers = true; break;
		case 'v': invert = true; break;
		default: goto usage;
		}
	}
	if (optind >= argc)
		goto usage;
	char *pattern = argv[optind++];
	if (ignore_case)
		lower(pattern);

	int status = 1;
	char *only_stdin[] = { "-", NULL };
	char **files = optind < argc ? argv + optind : only_stdin;
	bool several = argc - optind > 1;
	for (; *files; files++) {
		bool is_stdin = strcmp(*files, "-") == 0;
		FILE *f = is_stdin ? stdin : fopen(*files, "r");
		long n = f ? grep(f, pattern, several ? *files : NULL) : -1;
		if (n < 0) {
			fprintf(stderr, "grep: %s: %s\n", *files, strerror(errno));
			status = 2;
		} else if (n > 0 && status == 1) {
			status = 0;
		}
		if (f && !is_stdin)
			fclose(f);
	}
	return status;

usage:
	fprintf(stderr, "usage: grep [-c] [-F] [-i] [-n] [-v] pattern [file...]\n");
	return 2;
}
