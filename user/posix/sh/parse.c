/*
 * sh/parse.c: the shell's command-line parser (parse.h says what it
 * accepts and what it gives back).
 *
 * Two layers, in one left-to-right pass over the line:
 *
 *  - the lexer (next_token) reads one token at a time: an operator
 *    (| || && ; and the redirections, with their descriptor number), or a
 *    word, whose quotes, escapes and $ expansions it resolves at once into
 *    the finished text, built byte by byte at the top of the arena;
 *  - the grammar (parse_list, parse_pipeline, parse_command) asks for
 *    tokens and links what they make into the result; sh_parse_next does
 *    one turn of parse_list's loop, a pipeline at a time.
 *
 * Everything lives in the caller's arena: the parser bumps a pointer and
 * never frees. While a word is being built nothing else is allocated, so
 * its bytes stay contiguous. Every write is checked against the arena's
 * size: a line too big for it is an error like any other.
 */
#include "parse.h"

#include <stdint.h>
#include <string.h>

/* The kinds of token. */
enum tok_kind {
	T_END,   /* the end of the line */
	T_WORD,  /* a word, finished (quotes removed, variables expanded) */
	T_PIPE,  /* | */
	T_AND,   /* && */
	T_OR,    /* || */
	T_SEQ,   /* ; */
	T_REDIR, /* < > >> >| <& >&, with an optional descriptor number */
};

struct token {
	enum tok_kind kind;
	size_t column;    /* 1-based, of the token's first byte */
	const char *name; /* the operator as written (for messages); "" for words */
	/* T_WORD */
	char *word;      /* NUL-terminated, in the arena */
	bool keep;       /* false: only expansions that came to nothing (drop it) */
	bool assign;     /* begins with an unquoted NAME= */
	/* T_REDIR */
	enum sh_redir_op op;
	int fd;
};

struct parser {
	const char *line;
	size_t pos; /* of the next byte to read */
	char *arena;
	size_t size, used;
	sh_lookup lookup;
	void *ctx;
	struct sh_error *err;
	struct token tok;      /* the current token */
	const char *last_op;   /* the last operator read, for "missing command after" */
	size_t last_op_column;
};

/* A list node, while a command's words, assignments and redirections are
 * being collected (their count known only at its end). */
struct node {
	struct node *next;
	const char *str;
	struct sh_redir redir;
};

/* ---- errors ------------------------------------------------------------- */

/* append: copy s into the error text at *len, as far as it fits. */
static void append(struct sh_error *e, size_t *len, const char *s)
{
	while (*s && *len + 1 < sizeof(e->text))
		e->text[(*len)++] = *s++;
	e->text[*len] = '\0';
}

/*
 * fail: record the error "column N: a b c" (b and c may be NULL) at
 * 0-based byte position pos of the line. Returns -1, for the caller to
 * return at once.
 */
static int fail(struct parser *p, size_t pos, const char *a, const char *b, const char *c)
{
	struct sh_error *e = p->err;
	char digits[24];
	size_t n = sizeof(digits) - 1, len = 0, col = pos + 1;

	digits[n] = '\0';
	do {
		digits[--n] = (char)('0' + col % 10);
		col /= 10;
	} while (col);
	e->column = pos + 1;
	e->text[0] = '\0';
	append(e, &len, "column ");
	append(e, &len, digits + n);
	append(e, &len, ": ");
	e->msg = e->text + len;
	append(e, &len, a);
	if (b)
		append(e, &len, b);
	if (c)
		append(e, &len, c);
	return -1;
}

/* fail_full: the arena is full, at byte pos of the line. Returns -1. */
static int fail_full(struct parser *p)
{
	return fail(p, p->pos, "line too long (the parser's memory is full)", NULL, NULL);
}

/* ---- the arena ---------------------------------------------------------- */

/*
 * alloc: size bytes from the arena, aligned for any of the result's
 * structures and zeroed, or NULL if they do not fit (the caller reports
 * it). Must not be called while a word is being built.
 */
static void *alloc(struct parser *p, size_t size)
{
	const size_t align = _Alignof(max_align_t);
	uintptr_t at = (uintptr_t)(p->arena + p->used);
	size_t pad = (size_t)((align - at % align) % align);

	if (pad > p->size - p->used || size > p->size - p->used - pad)
		return NULL;
	void *r = p->arena + p->used + pad;
	p->used += pad + size;
	memset(r, 0, size);
	return r;
}

/* put: append byte c to the word being built. Returns 0, or -1 (error
 * recorded) when the arena is full. */
static int put(struct parser *p, char c)
{
	if (p->used >= p->size)
		return fail_full(p);
	p->arena[p->used++] = c;
	return 0;
}

/* ---- the lexer ------------------------------------------------------------ */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* ends_word: an unquoted c ends a word (NUL, a blank, an operator's byte). */
static bool ends_word(char c)
{
	return c == '\0' || is_blank(c) || strchr("|&;<>()", c) != NULL;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_name_char(char c)
{
	return is_name_start(c) || is_digit(c);
}

/*
 * expand: p->pos is at a '$' (outside single quotes): read what follows
 * and append its expansion to the word being built. $NAME and ${NAME} (a
 * name is a letter or _ then letters, digits, _), $? $$ $0..$9 and ${?}
 * ${$} ${N...} go through the lookup (NULL or no lookup: nothing); a '$'
 * before anything else is itself. Leaves p->pos after what it read.
 * Returns 0, or -1 with the error recorded: an unterminated "${", a bad
 * ${...}, "$(", or the arena full.
 */
static int expand(struct parser *p)
{
	const char *s = p->line;
	size_t dollar = p->pos, start, end;

	p->pos++;
	if (s[p->pos] == '{') {
		start = ++p->pos;
		while (s[p->pos] && s[p->pos] != '}')
			p->pos++;
		if (!s[p->pos])
			return fail(p, dollar, "unterminated ${", NULL, NULL);
		end = p->pos++;
		bool name = end > start && is_name_start(s[start]);
		bool digits = end > start && is_digit(s[start]);
		for (size_t i = start; i < end; i++) {
			name = name && is_name_char(s[i]);
			digits = digits && is_digit(s[i]);
		}
		bool special = end == start + 1 && (s[start] == '?' || s[start] == '$');
		if (!name && !digits && !special)
			return fail(p, dollar, "bad substitution ${...}: only ${NAME} is supported",
				    NULL, NULL);
	} else if (is_name_start(s[p->pos])) {
		start = p->pos;
		while (is_name_char(s[p->pos]))
			p->pos++;
		end = p->pos;
	} else if (s[p->pos] == '?' || s[p->pos] == '$' || is_digit(s[p->pos])) {
		start = p->pos++;
		end = p->pos;
	} else if (s[p->pos] == '(') {
		return fail(p, dollar, "command substitution $( ) is not supported", NULL, NULL);
	} else {
		return put(p, '$');
	}

	/* The name, NUL-terminated, just above the word being built (not
	 * kept: the value is written over it). */
	size_t len = end - start;
	if (len + 1 > p->size - p->used)
		return fail_full(p);
	char *name = p->arena + p->used;
	memcpy(name, s + start, len);
	name[len] = '\0';
	const char *value = p->lookup ? p->lookup(p->ctx, name) : NULL;
	if (!value)
		return 0;
	/* memmove-like care is not needed: value is the caller's string (even
	 * if it were name itself, each byte would be copied onto itself). */
	for (; *value; value++)
		if (put(p, *value) < 0)
			return -1;
	return 0;
}

/*
 * double_quoted: p->pos is at an opening '"': append the quoted text to
 * the word, with \" \\ \$ \` (and backslash-newline, removed) escaped and
 * $ expansions done; a backslash before any other byte stays. Leaves
 * p->pos after the closing quote. Returns 0, or -1 with the error
 * recorded (unterminated quote, an expansion's error, '`', arena full).
 */
static int double_quoted(struct parser *p)
{
	const char *s = p->line;
	size_t open = p->pos++;

	for (;;) {
		char c = s[p->pos];
		if (c == '\0')
			return fail(p, open, "unterminated double quote", NULL, NULL);
		if (c == '"') {
			p->pos++;
			return 0;
		}
		if (c == '\\' && s[p->pos + 1] && strchr("\"\\$`\n", s[p->pos + 1])) {
			if (s[p->pos + 1] != '\n' && put(p, s[p->pos + 1]) < 0)
				return -1;
			p->pos += 2;
		} else if (c == '$') {
			if (expand(p) < 0)
				return -1;
		} else if (c == '`') {
			return fail(p, p->pos, "command substitution `...` is not supported", NULL,
				    NULL);
		} else {
			if (put(p, c) < 0)
				return -1;
			p->pos++;
		}
	}
}

/*
 * scan_word: p->pos is at the first byte of a word: build it at the top of
 * the arena and fill p->tok (T_WORD: the text, whether to keep it, whether
 * it is an assignment). Returns 0, or -1 with the error recorded.
 */
static int scan_word(struct parser *p)
{
	const char *s = p->line;
	size_t begin = p->used;
	bool quoted = false;
	bool in_name = true; /* all bytes so far are an unquoted name */
	size_t name_len = 0;

	p->tok.kind = T_WORD;
	p->tok.assign = false;
	while (!ends_word(s[p->pos])) {
		char c = s[p->pos];
		if (in_name) {
			if (name_len == 0 ? is_name_start(c) : is_name_char(c)) {
				name_len++;
			} else {
				p->tok.assign = c == '=' && name_len > 0;
				in_name = false;
			}
		}
		if (c == '\'') {
			size_t open = p->pos++;
			quoted = true;
			while (s[p->pos] != '\'') {
				if (s[p->pos] == '\0')
					return fail(p, open, "unterminated single quote", NULL, NULL);
				if (put(p, s[p->pos++]) < 0)
					return -1;
			}
			p->pos++;
		} else if (c == '"') {
			quoted = true;
			if (double_quoted(p) < 0)
				return -1;
		} else if (c == '\\') {
			char next = s[p->pos + 1];
			if (next == '\0')
				return fail(p, p->pos, "backslash at the end of the line", NULL, NULL);
			if (next != '\n') {
				quoted = true;
				if (put(p, next) < 0)
					return -1;
			}
			p->pos += 2;
		} else if (c == '$') {
			if (expand(p) < 0)
				return -1;
		} else if (c == '`') {
			return fail(p, p->pos, "command substitution `...` is not supported", NULL,
				    NULL);
		} else {
			if (put(p, c) < 0)
				return -1;
			p->pos++;
		}
	}
	p->tok.keep = quoted || p->used > begin;
	if (put(p, '\0') < 0)
		return -1;
	p->tok.word = p->arena + begin;
	return 0;
}

/*
 * scan_redir: p->pos is at '<' or '>' (after the descriptor number, if
 * any, which is fd, or -1 for the operator's default): fill p->tok with
 * the redirection. Returns 0, or -1 with the error recorded for the forms
 * not supported (<< <>).
 */
static int scan_redir(struct parser *p, int fd)
{
	const char *s = p->line;
	struct token *t = &p->tok;

	t->kind = T_REDIR;
	if (s[p->pos] == '<') {
		if (s[p->pos + 1] == '<')
			return fail(p, p->pos, "here-documents (<<) are not supported", NULL, NULL);
		if (s[p->pos + 1] == '>')
			return fail(p, p->pos, "'<>' is not supported", NULL, NULL);
		t->fd = fd < 0 ? 0 : fd;
		if (s[p->pos + 1] == '&')
			t->op = SH_REDIR_DUP, t->name = "<&", p->pos += 2;
		else
			t->op = SH_REDIR_IN, t->name = "<", p->pos += 1;
		return 0;
	}
	t->fd = fd < 0 ? 1 : fd;
	if (s[p->pos + 1] == '>')
		t->op = SH_REDIR_APPEND, t->name = ">>", p->pos += 2;
	else if (s[p->pos + 1] == '&')
		t->op = SH_REDIR_DUP, t->name = ">&", p->pos += 2;
	else if (s[p->pos + 1] == '|')
		t->op = SH_REDIR_OUT, t->name = ">|", p->pos += 2;
	else
		t->op = SH_REDIR_OUT, t->name = ">", p->pos += 1;
	return 0;
}

/* skip_blanks: move p->pos over blanks and comments (a '#' there starts
 * a word, so it begins a comment, which ends at a newline). */
static void skip_blanks(struct parser *p)
{
	const char *s = p->line;

	for (;;) {
		while (is_blank(s[p->pos]))
			p->pos++;
		if (s[p->pos] != '#')
			return;
		while (s[p->pos] && s[p->pos] != '\n')
			p->pos++;
	}
}

/*
 * next_token: skip blanks and a comment, and read the next token into
 * p->tok. Returns 0, or -1 with the error recorded (a bad word, an
 * operator not supported: & ( ) |& << <>, a descriptor number too big).
 */
static int next_token(struct parser *p)
{
	const char *s = p->line;
	struct token *t = &p->tok;

	skip_blanks(p);
	t->column = p->pos + 1;
	t->name = "";
	char c = s[p->pos], d = c ? s[p->pos + 1] : '\0';
	switch (c) {
	case '\0':
		t->kind = T_END;
		return 0;
	case '|':
		if (d == '&')
			return fail(p, p->pos, "'|&' is not supported", NULL, NULL);
		t->kind = d == '|' ? T_OR : T_PIPE;
		t->name = d == '|' ? "||" : "|";
		p->pos += d == '|' ? 2 : 1;
		return 0;
	case '&':
		if (d != '&')
			return fail(p, p->pos, "background '&' is not supported", NULL, NULL);
		t->kind = T_AND, t->name = "&&", p->pos += 2;
		return 0;
	case ';':
		t->kind = T_SEQ, t->name = ";", p->pos += 1;
		return 0;
	case '(':
	case ')':
		return fail(p, p->pos, "subshells ( ) are not supported", NULL, NULL);
	case '<':
	case '>':
		return scan_redir(p, -1);
	}
	/* A descriptor number: digits right before '<' or '>'. */
	size_t i = p->pos;
	while (is_digit(s[i]))
		i++;
	if (i > p->pos && (s[i] == '<' || s[i] == '>')) {
		if (i - p->pos > 4)
			return fail(p, p->pos, "descriptor number too big", NULL, NULL);
		int fd = 0;
		for (; p->pos < i; p->pos++)
			fd = fd * 10 + (s[p->pos] - '0');
		return scan_redir(p, fd);
	}
	return scan_word(p);
}

/* ---- the grammar -------------------------------------------------------- */

/* take_op: the current token is an operator that must be followed by a
 * command: remember it (for "missing command after") and read the next
 * token. Returns next_token's result. */
static int take_op(struct parser *p)
{
	p->last_op = p->tok.name;
	p->last_op_column = p->tok.column;
	return next_token(p);
}

/* push: a new node at the end of the list *tail points at (tail moves to
 * it), with str. Returns the node, or NULL (error recorded) if the arena
 * is full. */
static struct node *push(struct parser *p, struct node ***tail, const char *str)
{
	struct node *n = alloc(p, sizeof(*n));
	if (!n) {
		fail_full(p);
		return NULL;
	}
	n->str = str;
	**tail = n;
	*tail = &n->next;
	return n;
}

/* to_strings: the n strings of list as an array followed by NULL, in the
 * arena, or NULL (error recorded) if it is full. */
static char **to_strings(struct parser *p, struct node *list, int n)
{
	char **v = alloc(p, ((size_t)n + 1) * sizeof(*v));
	if (!v) {
		fail_full(p);
		return NULL;
	}
	for (int i = 0; i < n; i++, list = list->next)
		v[i] = (char *)list->str;
	v[n] = NULL;
	return v;
}

/*
 * redirection: the current token is a redirection: read its file (or
 * descriptor number) word and push the redirection onto *tail, counting
 * it in *n. Returns 0, or -1 with the error recorded: no word after it,
 * a word that expanded to nothing, a >& <& word that is not a number.
 */
static int redirection(struct parser *p, struct node ***tail, int *n)
{
	struct token r = p->tok;
	size_t at = r.column - 1;

	if (next_token(p) < 0)
		return -1;
	if (p->tok.kind != T_WORD)
		return fail(p, at, "'", r.name,
			    r.op == SH_REDIR_DUP ? "' without a descriptor number"
						 : "' without a file");
	struct node *node = push(p, tail, NULL);
	if (!node)
		return -1;
	node->redir.op = r.op;
	node->redir.fd = r.fd;
	node->redir.to_fd = -1;
	const char *w = p->tok.word;
	if (r.op == SH_REDIR_DUP) {
		size_t len = strlen(w);
		bool number = len > 0 && len <= 4;
		for (size_t i = 0; i < len; i++)
			number = number && is_digit(w[i]);
		if (!number)
			return fail(p, p->tok.column - 1, "'", r.name,
				    "' needs a descriptor number");
		int fd = 0;
		for (; *w; w++)
			fd = fd * 10 + (*w - '0');
		node->redir.to_fd = fd;
	} else {
		if (!p->tok.keep)
			return fail(p, p->tok.column - 1, "the file of '", r.name,
				    "' expands to nothing");
		node->redir.file = w;
	}
	(*n)++;
	return next_token(p);
}

/*
 * parse_command: read one command (words, assignments before the first
 * word, redirections) into a new sh_command at *out. Returns 0, or -1
 * with the error recorded; a command with no word, assignment or
 * redirection at all is the error "empty command".
 */
static int parse_command(struct parser *p, struct sh_command **out)
{
	struct node *words = NULL, *assigns = NULL, *redirs = NULL;
	struct node **wt = &words, **at = &assigns, **rt = &redirs;
	int nwords = 0, nassigns = 0, nredirs = 0;
	bool any = false; /* anything of a command read */
	bool named = false; /* a word that is not an assignment was read */

	for (;;) {
		if (p->tok.kind == T_WORD) {
			any = true;
			if (p->tok.assign && !named) {
				if (!push(p, &at, p->tok.word))
					return -1;
				nassigns++;
			} else {
				named = true; /* even if dropped: "$EMPTY A=1" runs "A=1" */
				if (p->tok.keep && !push(p, &wt, p->tok.word))
					return -1;
				nwords += p->tok.keep;
			}
			if (next_token(p) < 0)
				return -1;
		} else if (p->tok.kind == T_REDIR) {
			any = true;
			if (redirection(p, &rt, &nredirs) < 0)
				return -1;
		} else {
			break;
		}
	}
	if (!any) {
		if (p->tok.kind == T_END)
			return fail(p, p->last_op_column - 1, "missing command after '", p->last_op,
				    "'");
		return fail(p, p->tok.column - 1, "empty command before '", p->tok.name, "'");
	}

	struct sh_command *c = alloc(p, sizeof(*c));
	if (!c)
		return fail_full(p);
	c->argc = nwords;
	c->nassign = nassigns;
	c->nredir = nredirs;
	if (!(c->argv = to_strings(p, words, nwords)) ||
	    !(c->assigns = to_strings(p, assigns, nassigns)))
		return -1;
	if (nredirs > 0) {
		c->redirs = alloc(p, (size_t)nredirs * sizeof(*c->redirs));
		if (!c->redirs)
			return fail_full(p);
		for (int i = 0; i < nredirs; i++, redirs = redirs->next)
			c->redirs[i] = redirs->redir;
	}
	*out = c;
	return 0;
}

/*
 * parse_pipeline: read commands joined by '|' into a new sh_pipeline at
 * *out (next_op left SH_OP_END). Returns 0, or -1 with the error recorded.
 */
static int parse_pipeline(struct parser *p, struct sh_pipeline **out)
{
	struct sh_pipeline *pl = alloc(p, sizeof(*pl));
	if (!pl)
		return fail_full(p);
	struct sh_command **tail = &pl->first;
	for (;;) {
		if (parse_command(p, tail) < 0)
			return -1;
		pl->ncmd++;
		tail = &(*tail)->next;
		if (p->tok.kind != T_PIPE)
			break;
		if (take_op(p) < 0)
			return -1;
	}
	*out = pl;
	return 0;
}

/*
 * parse_list: read the whole line as pipelines joined by ; && || into
 * *out. Returns 0, or -1 with the error recorded.
 */
static int parse_list(struct parser *p, struct sh_list *out)
{
	struct sh_pipeline **tail = &out->first;

	if (next_token(p) < 0)
		return -1;
	if (p->tok.kind == T_END)
		return 0; /* an empty or comment-only line */
	for (;;) {
		if (parse_pipeline(p, tail) < 0)
			return -1;
		out->npipe++;
		switch (p->tok.kind) {
		case T_END:
			return 0;
		case T_SEQ:
			(*tail)->next_op = SH_OP_SEQ;
			break;
		case T_AND:
			(*tail)->next_op = SH_OP_AND;
			break;
		case T_OR:
			(*tail)->next_op = SH_OP_OR;
			break;
		default: /* parse_command took every word and redirection */
			return fail(p, p->tok.column - 1, "unexpected '", p->tok.name, "'");
		}
		bool may_end = p->tok.kind == T_SEQ;
		if (take_op(p) < 0)
			return -1;
		if (may_end && p->tok.kind == T_END)
			return 0;
		tail = &(*tail)->next;
	}
}

/* start: a parser for line from byte pos on, and *err cleared. */
static void start(struct parser *p, const char *line, size_t pos, char *arena, size_t size,
		  sh_lookup lookup, void *ctx, struct sh_error *err)
{
	*p = (struct parser){
		.line = line,
		.pos = pos,
		.arena = arena,
		.size = size,
		.lookup = lookup,
		.ctx = ctx,
		.err = err,
		.last_op = "",
	};
	err->column = 0;
	err->text[0] = '\0';
	err->msg = err->text;
}

int sh_parse(const char *line, char *arena, size_t size, sh_lookup lookup, void *ctx,
	     struct sh_list *out, struct sh_error *err)
{
	struct parser p;

	start(&p, line, 0, arena, size, lookup, ctx, err);
	out->npipe = 0;
	out->first = NULL;
	if (parse_list(&p, out) < 0) {
		out->npipe = 0;
		out->first = NULL;
		return -1;
	}
	return 0;
}

/*
 * sh_parse_next reads what parse_list reads in one turn of its loop: a
 * pipeline and the operator after it. What parse_list learns from the
 * next turn, that "&&" or "||" ends the line, it learns here by looking
 * past the operator (skip_blanks) without reading a token, so that no
 * word of the next pipeline is expanded yet.
 */
int sh_parse_next(const char *line, size_t *pos, char *arena, size_t size, sh_lookup lookup,
		  void *ctx, struct sh_pipeline **out, struct sh_error *err)
{
	struct parser p;
	struct sh_pipeline *pl;

	start(&p, line, *pos, arena, size, lookup, ctx, err);
	*out = NULL;
	if (next_token(&p) < 0)
		return -1;
	if (p.tok.kind == T_END) {
		*pos = p.pos;
		return 0; /* blanks and comments only: the list is over */
	}
	if (parse_pipeline(&p, &pl) < 0)
		return -1;
	switch (p.tok.kind) {
	case T_END:
		pl->next_op = SH_OP_END;
		break;
	case T_SEQ:
		pl->next_op = SH_OP_SEQ;
		break;
	case T_AND:
		pl->next_op = SH_OP_AND;
		break;
	case T_OR:
		pl->next_op = SH_OP_OR;
		break;
	default: /* parse_command took every word and redirection */
		return fail(&p, p.tok.column - 1, "unexpected '", p.tok.name, "'");
	}
	if (pl->next_op == SH_OP_AND || pl->next_op == SH_OP_OR) {
		size_t op_column = p.tok.column;
		skip_blanks(&p);
		if (line[p.pos] == '\0')
			return fail(&p, op_column - 1, "missing command after '", p.tok.name, "'");
	}
	*pos = p.pos;
	*out = pl;
	return 1;
}
