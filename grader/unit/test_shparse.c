/*
 * test_shparse.c: the shell's command-line parser (user/posix/sh/parse.c:
 * sh_parse), against parse.h's rules.
 *
 *  - cases[]: lines that parse, each row checked for the whole structure
 *    it gives, written as a string (render: argv words in [], assignments
 *    in {}, redirections as 2>[file] or 2>&1, commands joined by " | ",
 *    pipelines by their operators, a command of nothing as "-", n<&m and
 *    n>&m both as n>&m): words,
 *    quoting, escapes, comments, expansion through the lookup (not split),
 *    dropped empty expansions, operators, redirections, assignments;
 *  - errors[]: lines that do not, each with a fragment of the message and
 *    the column it must name;
 *  - the lookup: called once per expansion, in order, with the right name;
 *  - memory: every arena size below the one a line needs fails with "too
 *    long", every size from it on gives the same result, at any alignment,
 *    and nothing is written outside the arena (AddressSanitizer watches:
 *    arenas and lines are allocated to size);
 *  - fuzz: random lines from the shell's special bytes either parse into a
 *    well-formed result inside the arena or give an error at a column in
 *    the line, and a small arena gives the big one's result or runs out;
 *  - sh_parse_next, a pipeline at a time: every line above gives, step by
 *    step, what sh_parse gives for the whole line (the same pipelines, or
 *    the same error at the same column), and each step calls the lookup
 *    for its own pipeline's expansions only.
 */
#include "unit.h"
#include "../../user/posix/sh/parse.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Suite *shparse_suite(void);

/* ---- the variables the lines see -------------------------------------- */

static const char *const vars[][2] = {
	{ "HOME", "/home/erix" }, { "USER", "erix" }, { "X", "a b" },  { "EMPTY", "" },
	{ "?", "42" },            { "$", "7" },       { "1", "first" }, { "Q", "it's" },
	{ "D", "$HOME" },
};

/* lookup: the value of name in vars[], or NULL (ctx unused). */
static const char *lookup(void *ctx, const char *name)
{
	(void)ctx;
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if (strcmp(vars[i][0], name) == 0)
			return vars[i][1];
	return NULL;
}

/* ---- rendering a result, checking its shape ---------------------------- */

struct out {
	char s[8192];
	size_t len;
};

static void add(struct out *o, const char *s)
{
	size_t n = strlen(s);
	EXPECT(o->len + n < sizeof(o->s), "render buffer");
	memcpy(o->s + o->len, s, n + 1);
	o->len += n;
}

/* in_arena: the n bytes at p lie inside the arena. */
static bool in_arena(const void *p, size_t n, const char *arena, size_t size)
{
	const char *c = p;
	return c >= arena && n <= size && c - arena <= (ptrdiff_t)(size - n);
}

static void check_str(const char *s, const char *arena, size_t size, const char *what)
{
	EXPECT(s != NULL, "%s: NULL", what);
	EXPECT(in_arena(s, 1, arena, size), "%s: outside the arena", what);
	EXPECT(in_arena(s, strlen(s) + 1, arena, size), "%s: runs outside the arena", what);
}

static const char *const op_names[] = { "", " ;", " &&", " ||" };

/* render_pipeline: append pl's commands (not its operator) to o, checking
 * them as render (below) says. */
static void render_pipeline(const struct sh_pipeline *pl, const char *arena, size_t size,
			    struct out *o)
{
	char buf[64];

	EXPECT(in_arena(pl, sizeof(*pl), arena, size), "pipeline outside the arena");
	EXPECT(pl->ncmd >= 1, "pipeline has %d commands", pl->ncmd);
	EXPECT(pl->next_op <= SH_OP_OR, "bad operator");
	const struct sh_command *c = pl->first;
	for (int j = 0; j < pl->ncmd; j++, c = c->next) {
		EXPECT(c != NULL, "command %d of %d missing", j, pl->ncmd);
		EXPECT(in_arena(c, sizeof(*c), arena, size), "command outside the arena");
		if (j > 0)
			add(o, " | ");
		bool first = true;
		EXPECT(c->nassign >= 0 && c->argc >= 0 && c->nredir >= 0, "negative count");
		EXPECT(in_arena(c->assigns, (c->nassign + 1) * sizeof(char *), arena, size),
		       "assigns outside the arena");
		EXPECT(in_arena(c->argv, (c->argc + 1) * sizeof(char *), arena, size),
		       "argv outside the arena");
		EXPECT(c->assigns[c->nassign] == NULL, "assigns not NULL-terminated");
		EXPECT(c->argv[c->argc] == NULL, "argv not NULL-terminated");
		for (int k = 0; k < c->nassign; k++) {
			check_str(c->assigns[k], arena, size, "assignment");
			EXPECT(strchr(c->assigns[k], '=') != NULL, "assignment without '='");
			add(o, first ? "{" : " {"), add(o, c->assigns[k]), add(o, "}");
			first = false;
		}
		for (int k = 0; k < c->argc; k++) {
			check_str(c->argv[k], arena, size, "argv word");
			add(o, first ? "[" : " ["), add(o, c->argv[k]), add(o, "]");
			first = false;
		}
		if (c->nredir > 0)
			EXPECT(in_arena(c->redirs, c->nredir * sizeof(*c->redirs), arena, size),
			       "redirections outside the arena");
		for (int k = 0; k < c->nredir; k++) {
			const struct sh_redir *r = &c->redirs[k];
			static const char *const names[] = { "<", ">", ">>", "&" };
			EXPECT(r->op <= SH_REDIR_DUP && r->fd >= 0, "bad redirection");
			add(o, first ? "" : " ");
			first = false;
			if (r->op == SH_REDIR_DUP) {
				EXPECT(r->file == NULL && r->to_fd >= 0, "bad dup");
				snprintf(buf, sizeof(buf), "%d>&%d", r->fd, r->to_fd);
				add(o, buf);
			} else {
				EXPECT(r->to_fd == -1, "to_fd %d without dup", r->to_fd);
				check_str(r->file, arena, size, "file");
				snprintf(buf, sizeof(buf), "%d%s[", r->fd, names[r->op]);
				add(o, buf), add(o, r->file), add(o, "]");
			}
		}
		if (first)
			add(o, "-");
	}
	EXPECT(c == NULL, "more commands than ncmd");
}

/*
 * render: l as one string (see the top of this file) into o, checking on
 * the way that it is well formed: counts match the lists, arrays end with
 * NULL, every structure and string lies in the arena, DUP redirections
 * have a descriptor and no file and the others the reverse, only the last
 * pipeline ends the list (or a trailing ';').
 */
static void render(const struct sh_list *l, const char *arena, size_t size, struct out *o)
{
	const struct sh_pipeline *pl = l->first;

	o->len = 0;
	o->s[0] = '\0';
	for (int i = 0; i < l->npipe; i++, pl = pl->next) {
		EXPECT(pl != NULL, "pipeline %d of %d missing", i, l->npipe);
		render_pipeline(pl, arena, size, o);
		EXPECT((pl->next == NULL) == (i == l->npipe - 1), "pipeline count");
		EXPECT(pl->next || pl->next_op == SH_OP_END || pl->next_op == SH_OP_SEQ,
		       "the last pipeline is followed by an operator %d", pl->next_op);
		EXPECT(!pl->next || pl->next_op != SH_OP_END, "SH_OP_END before a pipeline");
		add(o, op_names[pl->next_op]);
		if (pl->next)
			add(o, " ");
	}
	EXPECT(pl == NULL, "more pipelines than npipe");
	EXPECT(l->npipe > 0 || l->first == NULL, "empty list with a pipeline");
}

/* ---- lines that parse ---------------------------------------------------- */

static const struct {
	const char *line;
	const char *want;
} cases[] = {
	/* words, blanks, comments */
	{ "", "" },
	{ "   \t ", "" },
	{ "# just a comment", "" },
	{ "  # indented comment | ; &&", "" },
	{ "echo", "[echo]" },
	{ "echo hello world", "[echo] [hello] [world]" },
	{ "  echo   a\tb  ", "[echo] [a] [b]" },
	{ "echo a\nb", "[echo] [a] [b]" },
	{ "echo a#b", "[echo] [a#b]" },
	{ "echo a #b c", "[echo] [a]" },
	{ "echo a;#b", "[echo] [a] ;" },
	{ "echo {a,b} * ~ -x", "[echo] [{a,b}] [*] [~] [-x]" },
	/* single quotes */
	{ "echo 'a b'", "[echo] [a b]" },
	{ "echo 'a\"b\\c$X #'", "[echo] [a\"b\\c$X #]" },
	{ "echo ''", "[echo] []" },
	{ "echo a''b", "[echo] [ab]" },
	{ "echo 'a|b;c&&d>e'", "[echo] [a|b;c&&d>e]" },
	/* double quotes */
	{ "echo \"a b\"", "[echo] [a b]" },
	{ "echo \"a\\\"b\"", "[echo] [a\"b]" },
	{ "echo \"a\\\\b\"", "[echo] [a\\b]" },
	{ "echo \"a\\$X\"", "[echo] [a$X]" },
	{ "echo \"a\\nb\"", "[echo] [a\\nb]" },
	{ "echo \"a\\\nb\"", "[echo] [ab]" },
	{ "echo \"a\nb\"", "[echo] [a\nb]" },
	{ "echo \"it's\" \"a'b'c\"", "[echo] [it's] [a'b'c]" },
	{ "echo \"\"", "[echo] []" },
	{ "echo '\"'\"'\"", "[echo] [\"']" },
	{ "echo \"$\" \"a#b\"", "[echo] [$] [a#b]" },
	/* backslash outside quotes */
	{ "echo a\\ b", "[echo] [a b]" },
	{ "echo \\'x\\\"", "[echo] ['x\"]" },
	{ "echo \\#x \\$X", "[echo] [#x] [$X]" },
	{ "echo a\\\nb", "[echo] [ab]" },
	{ "echo \\;\\|\\&\\>", "[echo] [;|&>]" },
	{ "echo ';' '|' \"&&\"", "[echo] [;] [|] [&&]" },
	/* expansion */
	{ "echo $HOME", "[echo] [/home/erix]" },
	{ "echo ${HOME}/bin $HOME/bin", "[echo] [/home/erix/bin] [/home/erix/bin]" },
	{ "echo $X", "[echo] [a b]" },
	{ "echo \"$X\"", "[echo] [a b]" },
	{ "echo $EMPTY", "[echo]" },
	{ "echo $UNSET x", "[echo] [x]" },
	{ "echo \"$EMPTY\" ''$EMPTY", "[echo] [] []" },
	{ "echo '$HOME'", "[echo] [$HOME]" },
	{ "echo $? $$", "[echo] [42] [7]" },
	{ "echo \"${?}${$}\"", "[echo] [427]" },
	{ "echo $1 $10 ${1}", "[echo] [first] [first0] [first]" },
	{ "echo $ a$ b$- $/", "[echo] [$] [a$] [b$-] [$/]" },
	{ "echo $D", "[echo] [$HOME]" },
	{ "echo pre${USER}post \"x${USER}y\"", "[echo] [preerixpost] [xerixy]" },
	{ "echo $USERx $HOME$USER", "[echo] [/home/erixerix]" },
	{ "echo \"$Q\"", "[echo] [it's]" },
	{ "$EMPTY", "-" },
	{ "$EMPTY | x", "- | [x]" },
	/* pipelines and lists */
	{ "ls | wc", "[ls] | [wc]" },
	{ "a|b|c", "[a] | [b] | [c]" },
	{ "echo a|b", "[echo] [a] | [b]" },
	{ "a;b", "[a] ; [b]" },
	{ "a ;", "[a] ;" },
	{ "a && b || c", "[a] && [b] || [c]" },
	{ "a&&b||c;d", "[a] && [b] || [c] ; [d]" },
	{ "a; b && c; d || e ;", "[a] ; [b] && [c] ; [d] || [e] ;" },
	{ "a | b && c | d", "[a] | [b] && [c] | [d]" },
	/* redirections */
	{ "cat < in > out", "[cat] 0<[in] 1>[out]" },
	{ "cat <in >>log", "[cat] 0<[in] 1>>[log]" },
	{ "make 2> err", "[make] 2>[err]" },
	{ "make > log 2>&1", "[make] 1>[log] 2>&1" },
	{ "make 2>&1 > log", "[make] 2>&1 1>[log]" },
	{ "x 3<&0 >&2", "[x] 3>&0 1>&2" }, /* <& and >& are the same dup */
	{ "x 2>& 1", "[x] 2>&1" },
	{ "x 10>f", "[x] 10>[f]" },
	{ "> f", "1>[f]" },
	{ "cmd >| f", "[cmd] 1>[f]" },
	{ "echo 2>x", "[echo] 2>[x]" },
	{ "echo a2>x", "[echo] [a2] 1>[x]" },
	{ "echo 2 >x", "[echo] [2] 1>[x]" },
	{ "echo \"2\">x", "[echo] [2] 1>[x]" },
	{ "cat < \"my file\"", "[cat] 0<[my file]" },
	{ "cat <$HOME/f", "[cat] 0<[/home/erix/f]" },
	{ "cat < ''", "[cat] 0<[]" },
	{ "a > f | b < g", "[a] 1>[f] | [b] 0<[g]" },
	/* assignments */
	{ "A=1 cmd", "{A=1} [cmd]" },
	{ "A=1 B=$USER cmd x=y", "{A=1} {B=erix} [cmd] [x=y]" },
	{ "A=1", "{A=1}" },
	{ "A= cmd", "{A=} [cmd]" },
	{ "A=\"x y\" cmd", "{A=x y} [cmd]" },
	{ "A=$X", "{A=a b}" },
	{ "A=1 >f B=2 cmd", "{A=1} {B=2} [cmd] 1>[f]" },
	{ "a_1=2 b", "{a_1=2} [b]" },
	{ "1A=x cmd", "[1A=x] [cmd]" },
	{ "\"A\"=x cmd", "[A=x] [cmd]" },
	{ "A\\=x", "[A=x]" },
	{ "=x", "[=x]" },
	{ "$EMPTY A=1", "[A=1]" },
	{ "A=1 | B=2 c", "{A=1} | {B=2} [c]" },
};

/* parse: sh_parse of line in a fresh arena of size bytes, both allocated
 * to size (at offset off into the arena's allocation, for alignment). */
static int parse(const char *line, size_t size, size_t off, char **arena_out, char **base,
		 struct sh_list *l, struct sh_error *e)
{
	size_t n = strlen(line) + 1;
	char *copy = malloc(n);
	memcpy(copy, line, n);
	*base = malloc(size + off);
	ck_assert_ptr_nonnull(*base);
	*arena_out = *base + off;
	int r = sh_parse(copy, *arena_out, size, lookup, NULL, l, e);
	free(copy); /* nothing of the result may point into the line */
	return r;
}

/*
 * steps: line parsed with sh_parse_next, a pipeline at a time, each step
 * in an arena of its own of size bytes (allocated to size), the result
 * rendered into o as render renders a whole list. Checks each step's
 * contract on the way: 1 moves *pos forward and gives a pipeline whose
 * next is NULL; 0 and -1 give *out NULL; 0 leaves *pos at the line's end
 * and follows no "&&" or "||"; -1 leaves *pos where it was; no pipeline
 * comes after one whose next_op is SH_OP_END. Returns 0 (o filled at the
 * line's end) or -1 (*e filled).
 */
static int steps(const char *line, size_t size, sh_lookup lk, void *ctx, struct out *o,
		 struct sh_error *e)
{
	size_t n = strlen(line) + 1;
	char *copy = malloc(n);
	memcpy(copy, line, n);
	size_t pos = 0;
	enum sh_op last = SH_OP_SEQ; /* the operator before the next step */
	int r;

	o->len = 0;
	o->s[0] = '\0';
	do {
		char *arena = malloc(size ? size : 1);
		struct sh_pipeline *pl = (struct sh_pipeline *)&pos; /* must be overwritten */
		size_t before = pos;
		r = sh_parse_next(copy, &pos, arena, size, lk, ctx, &pl, e);
		EXPECT(r >= -1 && r <= 1, "\"%s\": step returned %d", line, r);
		if (r == 1) {
			EXPECT(last != SH_OP_END, "\"%s\": a pipeline after the end", line);
			EXPECT(pos > before && pos < n, "\"%s\": pos %zu after %zu", line, pos, before);
			EXPECT(pl != NULL && pl->next == NULL, "\"%s\": step's pipeline", line);
			if (o->len > 0)
				add(o, " ");
			render_pipeline(pl, arena, size, o);
			add(o, op_names[pl->next_op]);
			last = pl->next_op;
		} else {
			EXPECT(pl == NULL, "\"%s\": *out not NULL with %d", line, r);
			if (r == 0)
				EXPECT(copy[pos] == '\0' && last != SH_OP_AND && last != SH_OP_OR,
				       "\"%s\": the end at %zu after op %d", line, pos, last);
			else
				EXPECT(pos == before, "\"%s\": pos moved on an error", line);
		}
		free(arena);
	} while (r == 1);
	free(copy); /* nothing of the result may point into the line */
	return r;
}

START_TEST(test_case)
{
	const char *line = cases[_i].line;
	char *arena, *base;
	struct sh_list l;
	struct sh_error e;
	static struct out o;
	size_t size = 4096;

	int r = parse(line, size, 0, &arena, &base, &l, &e);
	EXPECT(r == 0, "\"%s\": error %s", line, e.text);
	render(&l, arena, size, &o);
	EXPECT(strcmp(o.s, cases[_i].want) == 0, "\"%s\": got \"%s\", want \"%s\"", line, o.s,
	       cases[_i].want);
	free(base);

	r = steps(line, size, lookup, NULL, &o, &e);
	EXPECT(r == 0, "\"%s\": error %s step by step", line, e.text);
	EXPECT(strcmp(o.s, cases[_i].want) == 0, "\"%s\": got \"%s\" step by step, want \"%s\"",
	       line, o.s, cases[_i].want);
}
END_TEST

/* ---- lines that do not ---------------------------------------------------- */

static const struct {
	const char *line;
	const char *fragment;
	size_t column;
} errors[] = {
	{ "echo 'abc", "unterminated single quote", 6 },
	{ "echo \"abc", "unterminated double quote", 6 },
	{ "echo 'a' \"b", "unterminated double quote", 10 },
	{ "echo \"it's", "unterminated double quote", 6 },
	{ "a=b echo x'", "unterminated single quote", 11 },
	{ "echo ${HOME", "unterminated ${", 6 },
	{ "echo \"${x\"", "unterminated ${", 7 },
	{ "echo ${a-b}", "bad substitution", 6 },
	{ "echo ${}", "bad substitution", 6 },
	{ "echo ${1a}", "bad substitution", 6 },
	{ "echo \\", "backslash at the end", 6 },
	{ "cat <", "'<' without a file", 5 },
	{ "cat < | x", "'<' without a file", 5 },
	{ "ls >", "'>' without a file", 4 },
	{ "ls > ; x", "'>' without a file", 4 },
	{ "ls >>", "'>>' without a file", 4 },
	{ "ls > >f", "'>' without a file", 4 },
	{ "ls 2>", "'>' without a file", 4 },
	{ "ls 2>&", "'>&' without a descriptor number", 4 },
	{ "ls 2>&x", "'>&' needs a descriptor number", 7 },
	{ "ls 2>&-", "'>&' needs a descriptor number", 7 },
	{ "ls <&$EMPTY", "'<&' needs a descriptor number", 6 },
	{ "ls > $EMPTY", "expands to nothing", 6 },
	{ "ls 12345>f", "descriptor number too big", 4 },
	{ "| x", "empty command before '|'", 1 },
	{ "x | | y", "empty command before '|'", 5 },
	{ "x ||", "missing command after '||'", 3 },
	{ "x &&", "missing command after '&&'", 3 },
	{ "x |", "missing command after '|'", 3 },
	{ "x && # comment", "missing command after '&&'", 3 },
	{ ";;", "empty command before ';'", 1 },
	{ ";", "empty command before ';'", 1 },
	{ "x ;; y", "empty command before ';'", 4 },
	{ "x; | y", "empty command before '|'", 4 },
	{ "x && || y", "empty command before '||'", 6 },
	{ "&& x", "empty command before '&&'", 1 },
	{ "x & y", "background '&' is not supported", 3 },
	{ "x &", "background '&'", 3 },
	{ "(x)", "subshells", 1 },
	{ "x)", "subshells", 2 },
	{ "cat << EOF", "here-documents", 5 },
	{ "x <> f", "'<>' is not supported", 3 },
	{ "x |& y", "'|&' is not supported", 3 },
	{ "echo $(ls)", "command substitution", 6 },
	{ "echo \"$(ls)\"", "command substitution", 7 },
	{ "echo `ls`", "command substitution", 6 },
	{ "echo \"a`b\"", "command substitution", 8 },
	/* the first error from the left wins */
	{ "x | 'y", "unterminated single quote", 5 },
	{ "'a | ;", "unterminated single quote", 1 },
};

START_TEST(test_error)
{
	const char *line = errors[_i].line;
	char *arena, *base;
	struct sh_list l = { .npipe = 7 };
	struct sh_error e;

	int r = parse(line, 4096, 0, &arena, &base, &l, &e);
	EXPECT(r == -1, "\"%s\": parsed, want error \"%s\"", line, errors[_i].fragment);
	EXPECT(strstr(e.text, errors[_i].fragment) != NULL, "\"%s\": error \"%s\", want \"%s\"",
	       line, e.text, errors[_i].fragment);
	EXPECT(e.column == errors[_i].column, "\"%s\": column %zu, want %zu (%s)", line, e.column,
	       errors[_i].column, e.text);
	char head[32];
	snprintf(head, sizeof(head), "column %zu: ", e.column);
	EXPECT(strncmp(e.text, head, strlen(head)) == 0 && e.msg == e.text + strlen(head),
	       "\"%s\": text \"%s\" does not start with \"%s\" and msg after it", line, e.text, head);
	EXPECT(l.npipe == 0 && l.first == NULL, "\"%s\": a result with the error", line);
	free(base);

	static struct out o;
	struct sh_error se;
	r = steps(line, 4096, lookup, NULL, &o, &se);
	EXPECT(r == -1, "\"%s\": parsed step by step (\"%s\"), want error \"%s\"", line, o.s,
	       e.text);
	EXPECT(strcmp(se.text, e.text) == 0 && se.column == e.column &&
		       se.msg == se.text + (e.msg - e.text),
	       "\"%s\": error \"%s\" step by step, \"%s\" at once", line, se.text, e.text);
}
END_TEST

/* ---- the lookup ----------------------------------------------------------- */

struct calls {
	char names[256];
	size_t len;
};

/* record: a lookup that appends "name," to the ctx's list and gives the
 * name back as the value (the parser must copy it). */
static const char *record(void *ctx, const char *name)
{
	struct calls *c = ctx;
	size_t n = strlen(name);
	EXPECT(c->len + n + 2 < sizeof(c->names), "too many lookups");
	memcpy(c->names + c->len, name, n);
	c->len += n;
	c->names[c->len++] = ',';
	c->names[c->len] = '\0';
	return name;
}

START_TEST(test_lookup)
{
	static char arena[1024];
	struct calls calls = { .len = 0 };
	struct sh_list l;
	struct sh_error e;
	static struct out o;

	int r = sh_parse("A=$a x${B_1}y \"$? $$\" '$no' \\$no $9 $ ${Z} > $F", arena,
			 sizeof(arena), record, &calls, &l, &e);
	EXPECT(r == 0, "error %s", e.text);
	EXPECT(strcmp(calls.names, "a,B_1,?,$,9,Z,F,") == 0, "lookups \"%s\"", calls.names);
	render(&l, arena, sizeof(arena), &o);
	EXPECT(strcmp(o.s, "{A=a} [xB_1y] [? $] [$no] [$no] [9] [$] [Z] 1>[F]") == 0, "got \"%s\"",
	       o.s);

	/* No lookup at all: every variable is unset. */
	r = sh_parse("echo $HOME \"$X\" x$? A=$B", arena, sizeof(arena), NULL, NULL, &l, &e);
	EXPECT(r == 0, "error %s", e.text);
	render(&l, arena, sizeof(arena), &o);
	EXPECT(strcmp(o.s, "[echo] [] [x] [A=]") == 0, "got \"%s\"", o.s);
}
END_TEST

/* test_steps_lookup: sh_parse_next expands a pipeline's words in the call
 * that reads it, not before (the shell runs a pipeline between two
 * calls), in one arena the shell reuses for every step. */
START_TEST(test_steps_lookup)
{
	static const char line[] = "A=$a x | y$b; echo $c && z ${d} || $e ; # $f";
	static const char *const want[][2] = {
		{ "{A=a} [x] | [yb] ;", "a,b," },
		{ "[echo] [c] &&", "c," },
		{ "[z] [d] ||", "d," },
		{ "[e] ;", "e," },
	};
	static char arena[512];
	static struct out o;
	struct sh_pipeline *pl;
	struct sh_error e;
	size_t pos = 0;

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct calls calls = { .len = 0 };
		int r = sh_parse_next(line, &pos, arena, sizeof(arena), record, &calls, &pl, &e);
		EXPECT(r == 1, "step %zu: %d (%s)", i, r, e.text);
		o.len = 0;
		o.s[0] = '\0';
		render_pipeline(pl, arena, sizeof(arena), &o);
		add(&o, op_names[pl->next_op]);
		EXPECT(strcmp(o.s, want[i][0]) == 0, "step %zu: \"%s\", want \"%s\"", i, o.s,
		       want[i][0]);
		EXPECT(strcmp(calls.names, want[i][1]) == 0, "step %zu: lookups \"%s\", want \"%s\"",
		       i, calls.names, want[i][1]);
	}
	struct calls calls = { .len = 0 };
	EXPECT(sh_parse_next(line, &pos, arena, sizeof(arena), record, &calls, &pl, &e) == 0 &&
		       pl == NULL && calls.len == 0,
	       "the end: a pipeline or lookups \"%s\" after the last", calls.names);
	EXPECT(sh_parse_next(line, &pos, arena, sizeof(arena), record, &calls, &pl, &e) == 0,
	       "the end: a second call");

	/* An error in a later pipeline comes in its own step, after the
	 * pipelines before it were given (the shell checks the whole line
	 * with sh_parse first for this reason). */
	pos = 0;
	EXPECT(sh_parse_next("a; b 'c", &pos, arena, sizeof(arena), NULL, NULL, &pl, &e) == 1,
	       "\"a; b 'c\": the first step");
	EXPECT(sh_parse_next("a; b 'c", &pos, arena, sizeof(arena), NULL, NULL, &pl, &e) == -1 &&
		       e.column == 6 && strstr(e.msg, "unterminated single quote"),
	       "\"a; b 'c\": the second step: %s", e.text);
	/* "&&" at the end is found with the pipeline before it. */
	pos = 0;
	EXPECT(sh_parse_next("a && # c", &pos, arena, sizeof(arena), NULL, NULL, &pl, &e) == -1 &&
		       pos == 0 && e.column == 3 && strstr(e.msg, "missing command after '&&'"),
	       "\"a && # c\": %s", e.text);
}
END_TEST

/* ---- memory -------------------------------------------------------------- */

static const char *const memory_lines[] = {
	"A=1 B=\"$X\" make -j 4 all > log 2>&1 && echo ok || echo \"failed: $?\" ; ls | wc -l",
	"a|b|c|d|e|f",
	"x",
	"echo ${HOME}${HOME}${HOME}${HOME}",
};

/* test_memory: for each line, the least arena size that works; every
 * smaller one fails with "too long", every one from it on (at any
 * alignment) gives the same result. */
START_TEST(test_memory)
{
	const char *line = memory_lines[_i];
	struct sh_list l;
	struct sh_error e;
	static struct out want, got;
	char *arena, *base;

	int r = parse(line, 1 << 16, 0, &arena, &base, &l, &e);
	EXPECT(r == 0, "\"%s\": %s", line, e.text);
	render(&l, arena, 1 << 16, &want);
	free(base);
	for (size_t off = 0; off < 8; off++) {
		bool fits = false;
		for (size_t size = 0; size < 4096 && !fits; size++) {
			r = parse(line, size, off, &arena, &base, &l, &e);
			if (r == 0) {
				render(&l, arena, size, &got);
				EXPECT(strcmp(got.s, want.s) == 0, "size %zu: \"%s\"", size, got.s);
				free(base);
				fits = true;
				/* A few sizes above must work too. */
				for (size_t more = size; more < size + 40; more++) {
					r = parse(line, more, off, &arena, &base, &l, &e);
					EXPECT(r == 0, "size %zu works, %zu fails: %s", size, more,
					       e.text);
					free(base);
				}
				continue;
			}
			EXPECT(strstr(e.msg, "too long") != NULL, "size %zu: %s", size, e.text);
			EXPECT(l.npipe == 0 && l.first == NULL, "a result with the error");
			free(base);
		}
		EXPECT(fits, "\"%s\" never fits in 4096 bytes", line);
	}
}
END_TEST

/* test_too_long: a long line in a small arena is an error, not an overrun. */
START_TEST(test_too_long)
{
	size_t n = 20000;
	char *line = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		line[i] = i % 3 == 2 ? ' ' : "ab|"[i % 7 == 0 ? 0 : 1];
	line[n] = '\0';
	char *arena, *base;
	struct sh_list l;
	struct sh_error e;
	int r = parse(line, 2048, 0, &arena, &base, &l, &e);
	EXPECT(r == -1 && strstr(e.msg, "too long"), "got %d: %s", r, e.text);
	EXPECT(e.column >= 1 && e.column <= n + 1, "column %zu", e.column);
	free(base);
	free(line);
}
END_TEST

/* ---- fuzz ------------------------------------------------------------------ */

static uint64_t rng;
static uint64_t rnd(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return rng;
}

/* check_one: line parses to a well-formed result or gives an error at a
 * column inside it (or just past its end); step by step (sh_parse_next)
 * it gives the same; in an arena of size bytes it gives what a big one
 * gives, or runs out of memory. */
static void check_one(const char *line, size_t size)
{
	static struct out big_out, small_out;
	struct sh_list big, small;
	struct sh_error big_err, small_err;
	char *big_arena, *big_base, *arena, *base;
	size_t len = strlen(line), big_size = 16 * len + 1024;

	int rb = parse(line, big_size, 0, &big_arena, &big_base, &big, &big_err);
	EXPECT(rb == 0 || rb == -1, "\"%s\": returned %d", line, rb);
	if (rb == 0) {
		render(&big, big_arena, big_size, &big_out);
	} else {
		EXPECT(big_err.column >= 1 && big_err.column <= len + 1, "\"%s\": column %zu (%s)",
		       line, big_err.column, big_err.text);
		EXPECT(big_err.msg[0] != '\0' && strncmp(big_err.text, "column ", 7) == 0,
		       "\"%s\": message \"%s\"", line, big_err.text);
		EXPECT(!strstr(big_err.msg, "too long"), "\"%s\": out of %zu bytes", line, big_size);
		EXPECT(big.npipe == 0 && big.first == NULL, "\"%s\": result with error", line);
	}

	/* A pipeline at a time, in arenas as big: the same pipelines, or the
	 * same error (sh_parse_next's own checks in steps). */
	static struct out steps_out;
	struct sh_error steps_err;
	int rp = steps(line, big_size, lookup, NULL, &steps_out, &steps_err);
	if (rb == 0)
		EXPECT(rp == 0 && strcmp(steps_out.s, big_out.s) == 0,
		       "\"%s\": \"%s\" step by step, \"%s\" at once", line,
		       rp == 0 ? steps_out.s : steps_err.text, big_out.s);
	else
		EXPECT(rp == -1 && strcmp(steps_err.text, big_err.text) == 0,
		       "\"%s\": \"%s\" step by step, \"%s\" at once", line,
		       rp == 0 ? steps_out.s : steps_err.text, big_err.text);

	int rs = parse(line, size, rnd() % 8, &arena, &base, &small, &small_err);
	if (rs == 0) {
		render(&small, arena, size, &small_out);
		EXPECT(rb == 0 && strcmp(small_out.s, big_out.s) == 0,
		       "\"%s\": arena %zu gives \"%s\", a big one %s", line, size, small_out.s,
		       rb == 0 ? big_out.s : big_err.text);
	} else {
		EXPECT(rs == -1, "\"%s\": returned %d", line, rs);
		EXPECT(strstr(small_err.msg, "too long") ||
			       (rb == -1 && strcmp(small_err.text, big_err.text) == 0),
		       "\"%s\": arena %zu gives \"%s\", a big one \"%s\"", line, size,
		       small_err.text, rb == 0 ? big_out.s : big_err.text);
	}
	free(base);
	free(big_base);
}

START_TEST(test_fuzz)
{
	static const char alphabet[] = "abAB_= \t|;&<>$\\#'\"{}()12?`\n";
	char line[64];

	rng = 0x2545f4914f6cdd1dull ^ ((uint64_t)(_i + 1) * 0x9e3779b97f4a7c15ull);
	for (int n = 0; n < 4000; n++) {
		size_t len = rnd() % sizeof(line);
		/* Some lines from the operators and quotes only, some mostly letters. */
		size_t span = rnd() % 2 ? sizeof(alphabet) - 1 : 12;
		size_t from = span == 12 ? rnd() % (sizeof(alphabet) - 1 - 12) : 0;
		for (size_t i = 0; i < len; i++)
			line[i] = alphabet[from + rnd() % span];
		line[len] = '\0';
		check_one(line, rnd() % 4 == 0 ? rnd() % 64 : rnd() % 1024);
	}
}
END_TEST

Suite *shparse_suite(void)
{
	Suite *s = suite_create("shparse");
	TCase *tc = tcase_create("cases");
	tcase_add_loop_test(tc, test_case, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_loop_test(tc, test_error, 0, (int)(sizeof(errors) / sizeof(errors[0])));
	tcase_add_test(tc, test_lookup);
	tcase_add_test(tc, test_steps_lookup);
	suite_add_tcase(s, tc);

	TCase *mem = tcase_create("memory");
	tcase_add_loop_test(mem, test_memory, 0,
			    (int)(sizeof(memory_lines) / sizeof(memory_lines[0])));
	tcase_add_test(mem, test_too_long);
	tcase_set_timeout(mem, 60);
	suite_add_tcase(s, mem);

	TCase *fuzz = tcase_create("fuzz");
	tcase_add_loop_test(fuzz, test_fuzz, 0, 8);
	tcase_set_timeout(fuzz, 60);
	suite_add_tcase(s, fuzz);
	return s;
}
