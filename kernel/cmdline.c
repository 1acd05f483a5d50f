/*
 * cmdline.c: splitting the command line into options (see cmdline.h).
 * The options point into cmdline_buf, a private copy of the line.
 */
#include "cmdline.h"
#include "kstring.h"

struct cmdline_opt cmdline_opts[CMDLINE_MAX_OPTS];
int cmdline_count;
static char cmdline_buf[CMDLINE_MAX_LEN];

/*
 * split_options (LAB 1 exercise): split buf, a writable copy of the line,
 * into cmdline_opts[] in place.
 *
 * Requirements:
 *  - words are separated by one or more spaces or tabs; leading and
 *    trailing blanks are allowed;
 *  - a word "key=value" splits at its first '=' (the value may itself
 *    contain '=' or be empty); a word without '=' has the value "";
 *  - a word starting with '=' has no key: ignore it;
 *  - store the options in order in cmdline_opts[0..], writing NULs into
 *    buf to end each key and value, and set cmdline_count (also when
 *    there are no options: a second parse replaces the first);
 *  - return cmdline_count, or -1 if words were left over once
 *    CMDLINE_MAX_OPTS options were stored (keep those first ones).
 * Hint: one pass with a pointer: skip blanks, mark the word's start, find
 * its end, put a NUL there, then look for '=' inside the word.
 */
static int split_options(char *buf)
{
#if LAB1_SOLUTION
	char *p = buf;

	cmdline_count = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return cmdline_count;

		char *word = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
		if (word[0] == '=')
			continue;
		if (cmdline_count == CMDLINE_MAX_OPTS)
			return -1;

		char *eq = word;
		while (*eq && *eq != '=')
			eq++;
		struct cmdline_opt *o = &cmdline_opts[cmdline_count++];
		o->key = word;
		if (*eq == '=') {
			*eq = '\0';
			o->value = eq + 1;
		} else {
			o->value = eq; /* the word's own NUL: "" */
		}
	}
#else
	/* LAB 1: your code here. Until then the kernel sees no options. */
	(void)buf;
	cmdline_count = 0;
	return 0;
#endif
}

int cmdline_parse(const char *line)
{
	str_copy(cmdline_buf, line ? line : "", sizeof(cmdline_buf));
	return split_options(cmdline_buf);
}

const char *cmdline_get(const char *key)
{
	for (int i = cmdline_count - 1; i >= 0; i--)
		if (strcmp(cmdline_opts[i].key, key) == 0)
			return cmdline_opts[i].value;
	return NULL;
}
