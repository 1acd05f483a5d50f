/*
 * sh/vars.c: the shell's variables and special parameters (vars.h says
 * what each function does).
 *
 * The variables are an array of (name, value, exported), in the order
 * they were first set, grown with realloc: a shell has a few dozen at
 * most, so a linear search is the simplest thing that works. Names and
 * values are malloc'd copies; a value is NULL for a variable that is
 * only marked for export.
 */
#include "vars.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct var {
	char *name;
	char *value; /* NULL: unset (only marked for export) */
	bool exported;
};

int last_status;

static struct var *vars; /* nvars variables, room for cap */
static size_t nvars, cap;
static char *const *overlay; /* var_overlay's assignments, or NULL */

#define NPARAMS 10 /* $0..$9 */
static char *params[NPARAMS]; /* the positional parameters, NULL: unset */

bool var_valid_name(const char *s, size_t len)
{
	if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_'))
			return false;
	}
	return true;
}

/* find: the variable name (len bytes, not NUL-ended), or NULL. */
static struct var *find(const char *name, size_t len)
{
	for (size_t i = 0; i < nvars; i++)
		if (strncmp(vars[i].name, name, len) == 0 && vars[i].name[len] == '\0')
			return &vars[i];
	return NULL;
}

/* add: a new variable name (len bytes), unset and not exported, at the
 * end of the table; NULL with errno ENOMEM. */
static struct var *add(const char *name, size_t len)
{
	if (nvars == cap) {
		size_t more = cap ? 2 * cap : 32;
		struct var *v = realloc(vars, more * sizeof(*v));
		if (!v)
			return NULL;
		vars = v, cap = more;
	}
	char *copy = malloc(len + 1);
	if (!copy)
		return NULL;
	memcpy(copy, name, len);
	copy[len] = '\0';
	vars[nvars] = (struct var){ copy, NULL, false };
	return &vars[nvars++];
}

/* set: var_set with the name's length given (name need not end there). */
static int set(const char *name, size_t len, const char *value)
{
	if (!var_valid_name(name, len)) {
		errno = EINVAL;
		return -1;
	}
	char *copy = strdup(value);
	if (!copy)
		return -1;
	struct var *v = find(name, len);
	if (!v && !(v = add(name, len))) {
		free(copy);
		return -1;
	}
	free(v->value);
	v->value = copy;
	return 0;
}

int var_set(const char *name, const char *value)
{
	return set(name, strlen(name), value);
}

int var_assign(const char *assignment)
{
	const char *eq = strchr(assignment, '=');
	if (!eq) {
		errno = EINVAL;
		return -1;
	}
	return set(assignment, (size_t)(eq - assignment), eq + 1);
}

int var_export(const char *word)
{
	const char *eq = strchr(word, '=');
	size_t len = eq ? (size_t)(eq - word) : strlen(word);
	if (!var_valid_name(word, len)) {
		errno = EINVAL;
		return -1;
	}
	if (eq && set(word, len, eq + 1) < 0)
		return -1;
	struct var *v = find(word, len);
	if (!v && !(v = add(word, len)))
		return -1;
	v->exported = true;
	return 0;
}

void var_unset(const char *name)
{
	struct var *v = find(name, strlen(name));
	if (!v)
		return;
	free(v->name);
	free(v->value);
	*v = vars[--nvars]; /* the order of the rest does not matter */
}

void var_overlay(char *const *assigns)
{
	overlay = assigns;
}

const char *var_get(const char *name)
{
	size_t len = strlen(name);
	const char *value = NULL;
	for (size_t i = 0; overlay && overlay[i]; i++)
		if (strncmp(overlay[i], name, len) == 0 && overlay[i][len] == '=')
			value = overlay[i] + len + 1; /* the last one wins */
	if (value)
		return value;
	struct var *v = find(name, len);
	return v ? v->value : NULL;
}

char **var_environ(void)
{
	size_t n = 0;
	for (size_t i = 0; i < nvars; i++)
		n += vars[i].exported && vars[i].value;
	char **env = malloc((n + 1) * sizeof(*env));
	if (!env)
		return NULL;
	n = 0;
	for (size_t i = 0; i < nvars; i++) {
		if (!vars[i].exported || !vars[i].value)
			continue;
		size_t nl = strlen(vars[i].name), vl = strlen(vars[i].value);
		char *s = malloc(nl + vl + 2);
		if (!s)
			return NULL;
		memcpy(s, vars[i].name, nl);
		s[nl] = '=';
		memcpy(s + nl + 1, vars[i].value, vl + 1);
		env[n++] = s;
	}
	env[n] = NULL;
	return env;
}

void var_print_exported(void)
{
	for (size_t i = 0; i < nvars; i++) {
		if (!vars[i].exported)
			continue;
		printf("export %s", vars[i].name);
		if (vars[i].value) {
			fputs("='", stdout);
			for (const char *s = vars[i].value; *s; s++)
				if (*s == '\'')
					fputs("'\\''", stdout);
				else
					putchar(*s);
			putchar('\'');
		}
		putchar('\n');
	}
}

int vars_init(char **envp, int nargs, char **args)
{
	for (size_t i = 0; envp && envp[i]; i++) {
		const char *eq = strchr(envp[i], '=');
		if (!eq || !var_valid_name(envp[i], (size_t)(eq - envp[i])))
			continue; /* no variable of the shell can hold it */
		if (var_export(envp[i]) < 0)
			return -1;
	}
	for (int i = 0; i < nargs && i < NPARAMS; i++)
		params[i] = args[i];
	return 0;
}

const char *var_lookup(void *ctx, const char *name)
{
	static char number[24];
	(void)ctx;

	if (strcmp(name, "?") == 0) {
		snprintf(number, sizeof(number), "%d", last_status);
		return number;
	}
	if (strcmp(name, "$") == 0) {
		snprintf(number, sizeof(number), "%d", (int)getpid());
		return number;
	}
	if (name[0] >= '0' && name[0] <= '9') /* ${10} and up: never set here */
		return name[1] == '\0' ? params[name[0] - '0'] : NULL;
	return var_get(name);
}
