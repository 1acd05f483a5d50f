/*
 * mi.c: parsing GDB/MI output records (see mi.h).
 *
 * A small recursive-descent parser over the MI output grammar (GDB manual,
 * "GDB/MI Output Syntax"). Malformed input never crashes it: parsing stops
 * and what was read so far is kept.
 */
#include "mi.h"

#include <stdlib.h>
#include <string.h>

struct cursor {
	const char *p;
};

static struct mi_value *value_new(enum mi_kind kind)
{
	struct mi_value *v = calloc(1, sizeof(*v));
	if (!v)
		abort();
	v->kind = kind;
	return v;
}

static void value_free(struct mi_value *v)
{
	while (v) {
		struct mi_value *next = v->next;
		value_free(v->child);
		free(v->name);
		free(v->str);
		free(v);
		v = next;
	}
}

/* parse_cstring: a C string starting at the opening quote, unescaped. */
static char *parse_cstring(struct cursor *c)
{
	size_t cap = 64, n = 0;
	char *out = malloc(cap);
	if (!out)
		abort();
	if (*c->p == '"')
		c->p++;
	while (*c->p && *c->p != '"') {
		char ch = *c->p++;
		if (ch == '\\' && *c->p) {
			char e = *c->p++;
			switch (e) {
			case 'n': ch = '\n'; break;
			case 't': ch = '\t'; break;
			case 'r': ch = '\r'; break;
			case 'e': ch = 033; break;
			case '0': case '1': case '2': case '3': {
				/* up to three octal digits */
				int v = e - '0';
				for (int i = 0; i < 2 && *c->p >= '0' && *c->p <= '7'; i++)
					v = v * 8 + (*c->p++ - '0');
				ch = (char)v;
				break;
			}
			default: ch = e; break;
			}
		}
		if (n + 2 > cap) {
			cap *= 2;
			out = realloc(out, cap);
			if (!out)
				abort();
		}
		out[n++] = ch;
	}
	if (*c->p == '"')
		c->p++;
	out[n] = '\0';
	return out;
}

static struct mi_value *parse_value(struct cursor *c);

/* parse_result: name=value, or (inside lists) a bare value. */
static struct mi_value *parse_result(struct cursor *c)
{
	const char *start = c->p;
	while (*c->p && *c->p != '=' && *c->p != ',' && *c->p != '}' &&
	       *c->p != ']' && *c->p != '"' && *c->p != '{' && *c->p != '[')
		c->p++;
	if (*c->p != '=') { /* no name: a bare value */
		c->p = start;
		return parse_value(c);
	}
	size_t len = (size_t)(c->p - start);
	c->p++;
	struct mi_value *v = parse_value(c);
	if (!v)
		return NULL;
	v->name = strndup(start, len);
	return v;
}

/* parse_items: results or values up to the closing character. */
static struct mi_value *parse_items(struct cursor *c, char close)
{
	struct mi_value *first = NULL, **tail = &first;
	while (*c->p && *c->p != close) {
		struct mi_value *v = parse_result(c);
		if (!v)
			break;
		*tail = v;
		tail = &v->next;
		if (*c->p == ',')
			c->p++;
		else
			break;
	}
	if (*c->p == close)
		c->p++;
	return first;
}

static struct mi_value *parse_value(struct cursor *c)
{
	struct mi_value *v;
	switch (*c->p) {
	case '"':
		v = value_new(MI_STRING);
		v->str = parse_cstring(c);
		return v;
	case '{':
		c->p++;
		v = value_new(MI_TUPLE);
		v->child = parse_items(c, '}');
		return v;
	case '[':
		c->p++;
		v = value_new(MI_LIST);
		v->child = parse_items(c, ']');
		return v;
	default:
		return NULL;
	}
}

bool mi_parse_record(const char *line, struct mi_record *rec)
{
	struct cursor c = { line };

	memset(rec, 0, sizeof(*rec));
	while (*c.p >= '0' && *c.p <= '9') /* a token */
		c.p++;
	if (strncmp(c.p, "(gdb)", 5) == 0) {
		rec->type = '(';
		return true;
	}
	if (!strchr("^*+=~&@", *c.p) || *c.p == '\0')
		return false;
	rec->type = *c.p++;
	rec->results = value_new(MI_TUPLE);
	if (strchr("~&@", rec->type)) {
		struct mi_value *s = value_new(MI_STRING);
		s->str = parse_cstring(&c);
		rec->results->child = s;
		return true;
	}
	size_t n = 0;
	while (*c.p && *c.p != ',' && n + 1 < sizeof(rec->cls))
		rec->cls[n++] = *c.p++;
	rec->cls[n] = '\0';
	if (*c.p == ',') {
		c.p++;
		rec->results->child = parse_items(&c, '\0');
	}
	return true;
}

void mi_record_free(struct mi_record *rec)
{
	value_free(rec->results);
	rec->results = NULL;
}

const struct mi_value *mi_get(const struct mi_value *t, const char *name)
{
	if (!t)
		return NULL;
	for (const struct mi_value *v = t->child; v; v = v->next)
		if (v->name && strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

const char *mi_str(const struct mi_value *t, const char *name)
{
	const struct mi_value *v = mi_get(t, name);
	return v && v->kind == MI_STRING ? v->str : NULL;
}

char *mi_quote(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(2 * n + 3), *o = out;
	if (!out)
		abort();
	*o++ = '"';
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			*o++ = '\\';
		if (*s == '\n') {
			*o++ = '\\';
			*o++ = 'n';
			continue;
		}
		*o++ = *s;
	}
	*o++ = '"';
	*o = '\0';
	return out;
}
