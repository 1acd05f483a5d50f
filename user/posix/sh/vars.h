/*
 * sh/vars.h: the shell's parameters (lab 6): its variables, which of them
 * go into the environment of the programs it runs, and the special
 * parameters $? $$ $0 $1..$9.
 *
 * A variable has a name (a letter or '_', then letters, digits and '_')
 * and a value. It is set by an assignment (NAME=value), and exported by
 * `export`: only exported variables are passed to programs, in their
 * environment (var_environ). The shell starts with the variables of its
 * own environment, exported. An exported variable may have no value yet
 * (`export NAME` before NAME=value): it is then unset, and not passed.
 *
 * For "VAR=x cmd", the shell hands the assignments to the command alone:
 * a program started in a child gets them set and exported in the child
 * (where the shell's table is the child's own copy); a builtin run in the
 * shell itself sees them through var_overlay while it runs.
 */
#ifndef SH_VARS_H
#define SH_VARS_H

#include <stdbool.h>
#include <stddef.h>

/* $?: the exit status of the last pipeline run (0 at the start). */
extern int last_status;

/*
 * vars_init: the variables of envp ("NAME=value" strings, NULL-ended;
 * strings that are not an assignment to a valid name are skipped), all
 * exported, and the positional parameters: $0 is args[0], $1..$9 are
 * args[1..9] (nargs of them; with fewer, the rest are unset). The
 * strings of args must live as long as the shell. Returns 0, or -1 when
 * there is no memory for them.
 */
int vars_init(char **envp, int nargs, char **args);

/* var_valid_name: whether the len bytes at s are a variable's name. */
bool var_valid_name(const char *s, size_t len);

/* var_get: the value of the variable name: the overlay's (var_overlay)
 * if it assigns name, else the table's; NULL if unset. The string stays
 * valid until the variable is next changed. */
const char *var_get(const char *name);

/*
 * var_set: sets the variable name (a valid name) to a copy of value,
 * keeping its export mark. Returns 0, or -1 with errno EINVAL (not a
 * valid name) or ENOMEM.
 */
int var_set(const char *name, const char *value);

/* var_assign: var_set from an assignment "NAME=value" (as the parser
 * gives them). 0, or -1 with errno EINVAL (no '=', not a valid name)
 * or ENOMEM. */
int var_assign(const char *assignment);

/* var_export: word is NAME or NAME=value: sets the variable NAME to
 * value if one is given, and marks it for export (adding it, unset, if it
 * does not exist). 0, or -1 with errno EINVAL (not a valid name) or
 * ENOMEM. */
int var_export(const char *word);

/* var_unset: removes the variable name and its export mark (nothing if
 * there is no such variable). */
void var_unset(const char *name);

/*
 * var_overlay: assigns, a NULL-ended array of "NAME=value" strings (or
 * NULL for none), is seen by var_get before the table (the last
 * assignment to a name wins), until the next call. The array is the
 * caller's and must stay valid that long. For a builtin's own
 * assignments ("HOME=/x cd"), which do not outlast it.
 */
void var_overlay(char *const *assigns);

/*
 * var_environ: a new environment for a program: a NULL-ended array of
 * "NAME=value" strings, one for each exported variable that has a
 * value, in malloc'd memory that is never freed (a child builds it just
 * before execve). NULL when there is no memory.
 */
char **var_environ(void);

/* var_print_exported: writes the exported variables to stdout, one line
 * each, in a form the shell reads back: export NAME='value' (a ' inside
 * the value written '\''), or export NAME for one without a value. */
void var_print_exported(void);

/*
 * var_lookup: the parser's lookup (sh/parse.h's sh_lookup; ctx unused):
 * $? (last_status), $$ (the shell's pid), $0..$9 (the positional
 * parameters), and the variables (var_get). The value may be in a
 * static buffer, overwritten by the next call.
 */
const char *var_lookup(void *ctx, const char *name);

#endif /* SH_VARS_H */
