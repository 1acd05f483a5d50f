/*
 * getopt.c: reading a command line's options (POSIX getopt; unistd.h),
 * as the utilities in user/posix do.
 *
 * Options come first, each a letter after '-'; several may share one
 * '-' ("-rf" is "-r -f"). A letter followed by ':' in optstring takes an
 * argument: the rest of its word ("-n5") or the next word ("-n 5"). The
 * options end at the first word that is not one: an operand, "-" alone
 * (an operand: stdin, for most utilities) or "--" (skipped). Words are
 * never reordered: "ls dir -l" has the operands "dir" and "-l".
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;   /* the argument of the option just returned */
int optind = 1; /* the index in argv of the next word to read */
int opterr = 1; /* 0: no messages on stderr */
int optopt;     /* the option letter that was unknown or missing its argument */

/*
 * getopt: the next option letter of argv (argc words) that optstring
 * lists, with optarg set for one that takes an argument. At the end of
 * the options, -1, with optind the index of the first operand. An
 * unknown letter, or a missing argument, is '?' with optopt set and a
 * message on stderr ("prog: invalid option -- 'x'"), unless opterr is 0
 * or optstring starts with ':', which also makes a missing argument
 * ':' rather than '?'. Setting optind to 0 (as glibc) starts over.
 */
int getopt(int argc, char *const argv[], const char *optstring)
{
	static int pos; /* the next letter's index in argv[optind]; 0: a new word */

	if (optind == 0)
		optind = 1, pos = 0;
	optarg = NULL;
	if (pos == 0) {
		const char *w = optind < argc ? argv[optind] : NULL;
		if (!w || w[0] != '-' || w[1] == '\0')
			return -1;
		if (strcmp(w, "--") == 0) {
			optind++;
			return -1;
		}
		pos = 1;
	}
	const char *word = argv[optind];
	int c = (unsigned char)word[pos++];
	const char *rest = word + pos; /* what follows the letter in its word */
	const char *spec = c == ':' ? NULL : strchr(optstring, c);
	bool takes_arg = spec && spec[1] == ':';
	bool quiet = optstring[0] == ':';
	if (*rest == '\0' || takes_arg)
		optind++, pos = 0; /* this word is done with */

	if (!spec) {
		optopt = c;
		if (opterr && !quiet)
			fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
		return '?';
	}
	if (!takes_arg)
		return c;
	if (*rest) {
		optarg = (char *)rest;
		return c;
	}
	if (optind < argc) {
		optarg = argv[optind++];
		return c;
	}
	optopt = c;
	if (quiet)
		return ':';
	if (opterr)
		fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
	return '?';
}
