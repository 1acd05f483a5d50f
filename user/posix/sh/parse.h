/*
 * sh/parse.h: the shell's command-line parser (lab 6).
 *
 * sh_parse turns one input line into the structure the shell runs:
 *
 *   list      = pipeline { ( ";" | "&&" | "||" ) pipeline } [ ";" ]
 *   pipeline  = command { "|" command }
 *   command   = { NAME=value } and words, with redirections anywhere
 *
 * The operators ; && || are read left to right with equal precedence, as
 * POSIX sh's and-or lists: "a || b && c" runs c when (a || b) succeeded.
 * Each pipeline records the operator that follows it (sh_pipeline.next_op).
 *
 * Two ways to parse a line: sh_parse reads all of it at once, expanding
 * every variable with the values they have before the line runs;
 * sh_parse_next reads one pipeline at a time, so that a shell can expand
 * each pipeline's words right before running it, as sh does: in
 * "false; echo $?" or "X=1; echo $X" the second pipeline sees what the
 * first did. A shell checks the whole line with sh_parse first (so that
 * a syntax error anywhere stops the line before anything of it ran),
 * then runs it with sh_parse_next.
 *
 * Words: single quotes keep everything literally; double quotes keep
 * everything but $ expansions and the escapes \" \\ \$ \` (a backslash
 * before any other character stays); outside quotes a backslash keeps the
 * next character literally (backslash-newline is removed). A '#' at the
 * start of a word begins a comment to the end of the line. $NAME, ${NAME},
 * $?, $$ and $0..$9 expand through the caller's lookup function, outside
 * and inside double quotes.
 *
 * Not done (yet), on purpose: the result of an unquoted expansion is NOT
 * split into fields nor matched as a pattern ("$X" and $X are the same
 * word); a word made only of unquoted expansions that expand to nothing is
 * dropped, as in sh. No ~ expansion, no globbing, no ${NAME-default}
 * forms. Background '&', subshells '( )', here-documents '<<', '<>' and
 * command substitution ('$( )' and backquotes) are reported as errors,
 * not misread. A newline outside quotes counts as a blank (the shell
 * gives one line at a time).
 *
 * Redirections, each with an optional descriptor number written right
 * before it (2>file): "< file", "> file" (and ">| file"), ">> file",
 * "n>&m" and "n<&m" (n becomes a copy of m). They are kept in the order
 * written: the shell applies them in that order, so "> f 2>&1" sends both
 * to f.
 *
 * Memory: every string and structure of the result lives in an arena the
 * caller gives (a buffer and its size); the parser never calls malloc,
 * keeps no state between calls and points into neither the line nor the
 * lookup's strings. A line whose result does not fit is an error. Only
 * <stddef.h>, <stdbool.h>, <stdint.h> and <string.h> are used, so the same source
 * builds for EriX and for the host's unit tests
 * (grader/unit/test_shparse.c).
 */
#ifndef SH_PARSE_H
#define SH_PARSE_H

#include <stdbool.h>
#include <stddef.h>

/* What a redirection does. */
enum sh_redir_op {
	SH_REDIR_IN,     /* fd < file: open file for reading (fd 0 unless written) */
	SH_REDIR_OUT,    /* fd > file: create or truncate, for writing (fd 1 unless written) */
	SH_REDIR_APPEND, /* fd >> file: create, or write at its end (fd 1 unless written) */
	SH_REDIR_DUP,    /* fd >& to_fd or fd <& to_fd: fd becomes a copy of to_fd */
};

struct sh_redir {
	enum sh_redir_op op;
	int fd;           /* the descriptor redirected */
	const char *file; /* IN, OUT, APPEND: the file name, expanded; NULL for DUP */
	int to_fd;        /* DUP: the descriptor copied; -1 otherwise */
};

/* One command: argc words (argv[argc] == NULL), nassign "NAME=value"
 * strings written before the first word (assigns[nassign] == NULL, so
 * they can serve as an envp), and nredir redirections in written order.
 * argc may be 0: a command of only assignments or redirections (or of
 * expansions that came to nothing). */
struct sh_command {
	int argc;
	char **argv;
	int nassign;
	char **assigns;
	int nredir;
	struct sh_redir *redirs;
	struct sh_command *next; /* the next command of the pipeline (its stdin is our stdout) */
};

/* How the pipeline after this one runs. */
enum sh_op {
	SH_OP_END, /* nothing follows: the last pipeline of the line */
	SH_OP_SEQ, /* ";": the next runs whatever this one's status (next may be NULL: "a ;") */
	SH_OP_AND, /* "&&": the next runs only if this one's status is 0 */
	SH_OP_OR,  /* "||": the next runs only if this one's status is not 0 */
};

struct sh_pipeline {
	int ncmd;                  /* >= 1 */
	struct sh_command *first;  /* the ncmd commands, linked by next */
	enum sh_op next_op;
	struct sh_pipeline *next;  /* NULL for the last */
};

/* The parsed line: npipe pipelines (0 for an empty or comment-only line). */
struct sh_list {
	int npipe;
	struct sh_pipeline *first;
};

/* Why a line did not parse: column (1-based byte position in the line of
 * the character at fault: an opening quote, an operator) and the message,
 * in text with the column ("column 7: unterminated single quote") and at
 * msg without it (msg points into text). */
struct sh_error {
	size_t column;
	char text[96];
	const char *msg;
};

/* sh_lookup: the value of a shell variable or special parameter (name is
 * "HOME", "?", "$", "0".."9", ...), or NULL if unset (expands to nothing).
 * The parser copies the value at once: it may point at a static buffer. */
typedef const char *(*sh_lookup)(void *ctx, const char *name);

/*
 * sh_parse: parse the NUL-terminated line into *out, using the size bytes
 * at arena for everything the result holds (a few times the line's length
 * is plenty; alignment of arena is not required). lookup (may be NULL:
 * every variable unset) is called with ctx for each expansion, in order.
 *
 * Returns 0 with *out filled, or -1 with *err filled and *out empty (0
 * pipelines). Errors, reported at the first one met from the left:
 *   - an unterminated single or double quote, or "${" (at its opening);
 *   - a bad ${...} (not a name or special parameter inside);
 *   - a backslash at the very end of the line;
 *   - a redirection without a file (or, for >& <&, without a number), or
 *     whose file word expands to nothing;
 *   - an empty command: before "|", ";", "&&", "||" (";;", "| x") or after
 *     "|", "&&", "||" at the end of the line ("x ||");
 *   - the unsupported forms named above;
 *   - the arena full (the line is too long for it).
 * The result's strings and structures are in the arena and stay valid
 * until the caller reuses it.
 */
int sh_parse(const char *line, char *arena, size_t size, sh_lookup lookup, void *ctx,
	     struct sh_list *out, struct sh_error *err);

/*
 * sh_parse_next: parse the pipeline of line that starts at byte *pos (0
 * for the first), and the operator after it, into the arena as sh_parse
 * does, calling lookup only for this pipeline's expansions. *pos must be
 * 0 or where the last call left it.
 *
 * Returns 1 with *out the pipeline (its next_op the operator after it,
 * its next NULL) and *pos moved past that operator; 0 at the end of the
 * line (nothing but blanks and comments left, also after a final ";"),
 * *out NULL; -1 with *err filled, *out NULL and *pos unchanged. The
 * errors are those sh_parse gives for the same line, with the same text
 * and column, in the call for the pipeline where sh_parse finds them; a
 * "&&" or "||" with nothing after it ("missing command after") is found
 * by the call that reads the operator. The result is in the arena, valid
 * until the caller reuses it (the next call may reuse the same arena).
 */
int sh_parse_next(const char *line, size_t *pos, char *arena, size_t size, sh_lookup lookup,
		  void *ctx, struct sh_pipeline **out, struct sh_error *err);

#endif /* SH_PARSE_H */
