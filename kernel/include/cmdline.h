/*
 * cmdline.h: the kernel command line as key=value options.
 *
 * "test=caps_revoke verbose nonce=42" gives three options: test =
 * "caps_revoke", verbose = "" and nonce = "42". Options select in-kernel
 * tests (test=NAME) and switch behaviour in later labs.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include "types.h"

#define CMDLINE_MAX_OPTS 16
#define CMDLINE_MAX_LEN 256 /* longer lines are cut to 255 characters */

struct cmdline_opt {
	const char *key;
	const char *value; /* "" for a word without '=' */
};

/* The parsed options, in command-line order (read by the grader too). */
extern struct cmdline_opt cmdline_opts[CMDLINE_MAX_OPTS];
extern int cmdline_count;

/*
 * cmdline_parse: split `line` into options, replacing any earlier ones.
 * Returns the number of options stored, or -1 if there were more than
 * CMDLINE_MAX_OPTS (the first CMDLINE_MAX_OPTS are stored). (The
 * splitting is Lab 1's exercise: its requirements are above split_options
 * in cmdline.c.)
 */
int cmdline_parse(const char *line);

/* cmdline_get: the value of the last option named key, or NULL. */
const char *cmdline_get(const char *key);

#endif /* KERNEL_CMDLINE_H */
