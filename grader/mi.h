/*
 * mi.h: GDB's machine interface (GDB/MI), the parsing side.
 *
 * GDB/MI output is one record per line:
 *
 *   ^done,value="42"                      result of a command
 *   *stopped,reason="breakpoint-hit",...  an asynchronous event
 *   ~"text"  &"text"  @"text"             console, log and target streams
 *   (gdb)                                 the prompt
 *
 * The part after the record's class is a list of results, name=value,
 * where a value is a C string, a tuple {name=value,...} or a list
 * [value,...] or [name=value,...]. mi_parse_record() turns a line into a
 * struct mi_record whose results are a tree of struct mi_value.
 */
#ifndef GRADER_MI_H
#define GRADER_MI_H

#include <stdbool.h>

enum mi_kind { MI_STRING, MI_TUPLE, MI_LIST };

struct mi_value {
	enum mi_kind kind;
	char *name;              /* the result's name, or NULL in a value list */
	char *str;               /* MI_STRING: the unescaped text */
	struct mi_value *child;  /* MI_TUPLE, MI_LIST: the first element */
	struct mi_value *next;   /* the next sibling */
};

struct mi_record {
	char type;               /* '^' result, '*' '+' '=' async, '~' '&' '@' stream, '(' prompt */
	char cls[32];            /* "done", "stopped", ... (empty for streams) */
	struct mi_value *results; /* a tuple of the results (streams: one string) */
};

/* mi_parse_record: parse one line of GDB/MI output (without its newline).
 * Returns false for a line that is not MI. */
bool mi_parse_record(const char *line, struct mi_record *rec);

/* mi_record_free: free what mi_parse_record allocated. */
void mi_record_free(struct mi_record *rec);

/* mi_get: the element called name in tuple (or list of results) t, or NULL. */
const struct mi_value *mi_get(const struct mi_value *t, const char *name);

/* mi_str: the string called name in t, or NULL if absent or not a string. */
const char *mi_str(const struct mi_value *t, const char *name);

/* mi_quote: s as a C string for an MI command line, in a buffer the caller
 * frees. */
char *mi_quote(const char *s);

#endif /* GRADER_MI_H */
