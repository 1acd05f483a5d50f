/*
 * posix/sh.c: the shell (lab 6), bin/sh, which init starts on the
 * console.
 *
 *   sh                          reads commands from stdin, a line at a
 *                               time, after the prompt "$ " (on stderr)
 *                               when stdin is the console (isatty)
 *   sh FILE [ARG...]            runs the script FILE, a line at a time:
 *                               $0 is FILE, $1.. the ARGs
 *   sh -c LINES [NAME [ARG...]] runs the lines of LINES: $0 is NAME
 *
 * A line is what sh/parse.h describes: pipelines ("a | b") joined by ;
 * && ||, with redirections, quotes, $ expansions, NAME=value
 * assignments, '#' comments. It runs in two steps:
 *
 *   1. sh_parse checks the syntax of the whole line: on an error nothing
 *      of it runs ($? is 2; a script or -c ends there);
 *   2. sh_parse_next gives one pipeline at a time, its words expanded
 *      right then (so "false; echo $?" and "X=1; echo $X" see what ran
 *      before), and run_pipeline runs it, unless the operator before it
 *      skips it: after "&&" it runs if $? is 0, after "||" if it is not.
 *
 * The rest is in sh/: parse.c (the parser), run.c (pipelines,
 * redirections, programs), builtin.c (cd exit export unset pwd : true
 * false), vars.c (variables, the environment, $? $$ $0..$9).
 *
 * Not done: a line continued on the next one (a quote left open, a
 * backslash at the end: each is a syntax error), job control and '&',
 * $(...), globbing, if/while/functions, a search of $PATH (only /bin).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh/parse.h"
#include "sh/run.h"
#include "sh/vars.h"

#define SH_LINE_MAX 1024 /* bytes in a line, its newline excluded */

/* Where the shell's lines come from: a string (-c), or an fd: a script
 * the shell opened itself (read ahead, a buffer at a time) or stdin,
 * which the commands it runs read too, so it is read a byte at a time:
 * the shell takes no byte beyond its line. */
struct input {
	const char *text; /* -c's lines (what is left of them), or NULL */
	int fd;
	bool read_ahead;
	char buf[512];
	size_t len, pos; /* buf[pos..len) not yet taken */
	const char *name; /* for messages: the script's name, "-c", or NULL */
	unsigned line;    /* the number of the line read last, from 1 */
};

/* complain: prints "sh: [NAME: line N: ]message" on stderr, the part in
 * brackets when the lines come from a script or -c. */
static void complain(const struct input *in, const char *fmt, ...)
{
	va_list ap;

	fputs("sh: ", stderr);
	if (in->name)
		fprintf(stderr, "%s: line %u: ", in->name, in->line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* next_byte: the input's next byte, or -1 at its end (a read error
 * counts as the end, reported). */
static int next_byte(struct input *in)
{
	if (in->text)
		return *in->text ? (unsigned char)*in->text++ : -1;
	if (in->pos == in->len) {
		ssize_t n = read(in->fd, in->buf, in->read_ahead ? sizeof(in->buf) : 1);
		if (n < 0)
			complain(in, "read: %s", strerror(errno));
		if (n <= 0)
			return -1;
		in->len = (size_t)n, in->pos = 0;
	}
	return (unsigned char)in->buf[in->pos++];
}

/*
 * read_line: the input's next line into line[size], NUL-terminated,
 * without its newline (the last line may have none; NUL bytes are
 * dropped). Returns 1 for a line, 0 at the end of the input, -1 for a
 * line longer than size - 1 bytes (all of it read and dropped).
 */
static int read_line(struct input *in, char *line, size_t size)
{
	size_t n = 0;
	bool too_long = false;
	int c;

	while ((c = next_byte(in)) >= 0 && c != '\n') {
		if (c == '\0')
			continue;
		if (n + 1 < size)
			line[n++] = (char)c;
		else
			too_long = true;
	}
	line[n] = '\0';
	if (c < 0 && n == 0 && !too_long)
		return 0;
	return too_long ? -1 : 1;
}

/* check_lookup: the lookup for sh_parse's syntax check and for pipelines
 * that are skipped: every variable is some non-empty word. (A variable's
 * value changes no syntax, except that "> $F" with F empty has no file:
 * that is judged when the pipeline runs, with the value it has then.) */
static const char *check_lookup(void *ctx, const char *name)
{
	(void)ctx, (void)name;
	return "x";
}

/*
 * run_line: runs the line (the top of this file says how). Returns 0, or
 * -1 for a syntax error (reported, $? 2: nothing of the line ran). An
 * error found only when a pipeline's words are expanded (a redirection's
 * file that expands to nothing) is reported, fails the pipeline with
 * status 1, and ends the line there.
 */
static int run_line(struct input *in, const char *line)
{
	static char arena[16384];
	struct sh_list list;
	struct sh_pipeline *pl;
	struct sh_error err;

	if (sh_parse(line, arena, sizeof(arena), check_lookup, NULL, &list, &err) < 0) {
		complain(in, "%s", err.text);
		last_status = 2;
		return -1;
	}
	size_t pos = 0;
	enum sh_op op = SH_OP_SEQ; /* the operator before the next pipeline */
	for (;;) {
		bool run = op == SH_OP_SEQ || (op == SH_OP_AND && last_status == 0) ||
			   (op == SH_OP_OR && last_status != 0);
		int r = sh_parse_next(line, &pos, arena, sizeof(arena),
				      run ? var_lookup : check_lookup, NULL, &pl, &err);
		if (r < 0) {
			complain(in, "%s", err.text);
			last_status = 1;
		}
		if (r <= 0)
			return 0;
		op = pl->next_op;
		if (run)
			last_status = run_pipeline(pl);
	}
}

/* run_input: runs the input's lines until its end, or, unless
 * interactive, until a line fails to parse; with interactive, after the
 * prompt "$ " each. */
static void run_input(struct input *in, bool interactive)
{
	static char line[SH_LINE_MAX + 1];

	for (;;) {
		if (interactive) {
			fflush(stdout);
			fputs("$ ", stderr);
		}
		int r = read_line(in, line, sizeof(line));
		if (r == 0)
			return;
		in->line++;
		if (r < 0) {
			complain(in, "line too long (at most %d bytes)", SH_LINE_MAX);
			last_status = 2;
		} else if (run_line(in, line) == 0) {
			continue;
		}
		if (!interactive)
			return;
	}
}

/*
 * main: reads the arguments (the top of this file), sets up the
 * variables and $PWD, runs the lines and returns the last status ($?,
 * also what "exit" without a number gives). A script that cannot be
 * opened is status 127, a bad option 2.
 */
int main(int argc, char **argv)
{
	static struct input in = { .fd = STDIN_FILENO };
	char **args = argv; /* $0, $1, ... */
	int nargs = argc > 0 ? 1 : 0;
	bool interactive = false;

	if (argc > 1 && strcmp(argv[1], "-c") == 0) {
		if (argc < 3) {
			fprintf(stderr, "sh: -c: a command line is needed\n");
			return 2;
		}
		in.text = argv[2];
		in.name = "-c";
		if (argc > 3)
			args = argv + 3, nargs = argc - 3;
	} else if (argc > 1 && argv[1][0] == '-') {
		fprintf(stderr, "sh: %s: unknown option (sh [-c LINES | FILE] [ARG...])\n",
			argv[1]);
		return 2;
	} else if (argc > 1) {
		in.fd = open(argv[1], O_RDONLY);
		if (in.fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
			return 127;
		}
		in.read_ahead = true;
		in.name = argv[1];
		run_hide_fd(in.fd);
		args = argv + 1, nargs = argc - 1;
	} else {
		interactive = isatty(STDIN_FILENO);
	}
	if (vars_init(environ, nargs, args) < 0) {
		fprintf(stderr, "sh: %s\n", strerror(ENOMEM));
		return 2;
	}
	static char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof(cwd)))
		var_set("PWD", cwd);

	run_input(&in, interactive);
	fflush(stdout);
	return last_status;
}
