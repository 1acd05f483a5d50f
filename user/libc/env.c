/*
 * env.c: the environment (getenv, setenv, unsetenv, putenv; stdlib.h).
 *
 * environ is a NULL-terminated array of "NAME=value" strings. It starts as
 * whatever the program was started with (the POSIX layer points it at the
 * strings on the initial stack), and a program may also assign it. The
 * first change through these functions copies the array into the heap
 * (env_array), and from then on it grows there.
 *
 * The strings are of three kinds: the initial ones and putenv's (the
 * caller's: never freed), and setenv's (malloc'd here, and listed in
 * env_mine so that they are freed when replaced or removed).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

char **environ;

static char **env_array; /* environ's copy in the heap, once there is one */
static size_t env_cap;   /* env_array's room, in pointers */
static char **env_mine;  /* the strings setenv allocated, still in use */
static size_t env_mine_n, env_mine_cap;

/* valid_name: 1 if name can name a variable: not empty, no '='. */
static int valid_name(const char *name)
{
	return name && *name && !strchr(name, '=');
}

/* find: the index in environ of the variable name (len bytes long), or
 * -1. */
static long find(const char *name, size_t len)
{
	for (long i = 0; environ && environ[i]; i++)
		if (!strncmp(environ[i], name, len) && environ[i][len] == '=')
			return i;
	return -1;
}

static size_t env_count(void)
{
	size_t n = 0;
	while (environ && environ[n])
		n++;
	return n;
}

/* own_array: makes environ env_array, with room for n more entries.
 * 0, or -1 with errno ENOMEM (nothing changed). */
static int own_array(size_t more)
{
	size_t n = env_count();
	if (environ == env_array && n + more + 1 <= env_cap)
		return 0;
	size_t cap = (n + more + 1) * 2;
	char **a = malloc(cap * sizeof *a);
	if (!a)
		return -1;
	for (size_t i = 0; i < n; i++)
		a[i] = environ[i];
	a[n] = NULL;
	free(env_array); /* no longer environ, if the program assigned it */
	environ = env_array = a;
	env_cap = cap;
	return 0;
}

/* forget: frees s if setenv allocated it (else it is not ours). */
static void forget(char *s)
{
	for (size_t i = 0; i < env_mine_n; i++) {
		if (env_mine[i] == s) {
			env_mine[i] = env_mine[--env_mine_n];
			free(s);
			return;
		}
	}
}

/* getenv: the value of the variable name, or NULL if there is none. */
char *getenv(const char *name)
{
	if (!valid_name(name))
		return NULL;
	size_t len = strlen(name);
	long i = find(name, len);
	return i < 0 ? NULL : environ[i] + len + 1;
}

/* put: makes s ("NAME=value", the name len bytes) the variable's string,
 * replacing the old one or added at the end. 0, or -1 with errno ENOMEM. */
static int put(char *s, size_t len)
{
	if (own_array(1) < 0)
		return -1;
	long i = find(s, len);
	if (i >= 0) {
		forget(environ[i]);
		environ[i] = s;
	} else {
		size_t n = env_count();
		environ[n] = s;
		environ[n + 1] = NULL;
	}
	return 0;
}

/*
 * setenv: sets the variable name to a copy of value, unless it exists and
 * overwrite is 0. 0, or -1 with errno EINVAL (name empty, or with '='),
 * or ENOMEM.
 */
int setenv(const char *name, const char *value, int overwrite)
{
	if (!valid_name(name)) {
		errno = EINVAL;
		return -1;
	}
	size_t len = strlen(name), vlen = strlen(value);
	if (find(name, len) >= 0 && !overwrite)
		return 0;
	if (env_mine_n == env_mine_cap) {
		size_t cap = env_mine_cap ? env_mine_cap * 2 : 16;
		char **m = realloc(env_mine, cap * sizeof *m);
		if (!m)
			return -1;
		env_mine = m;
		env_mine_cap = cap;
	}
	char *s = malloc(len + vlen + 2);
	if (!s)
		return -1;
	memcpy(s, name, len);
	s[len] = '=';
	memcpy(s + len + 1, value, vlen + 1);
	if (put(s, len) < 0) {
		free(s);
		return -1;
	}
	env_mine[env_mine_n++] = s;
	return 0;
}

/*
 * putenv: makes s ("NAME=value") itself the variable's string (POSIX: the
 * program's later changes to s change the environment). 0, or -1 with
 * errno EINVAL (no '=', or an empty name) or ENOMEM.
 */
int putenv(char *s)
{
	const char *eq = s ? strchr(s, '=') : NULL;
	if (!eq || eq == s) {
		errno = EINVAL;
		return -1;
	}
	return put(s, (size_t)(eq - s));
}

/* unsetenv: removes the variable name (every copy of it). 0, or -1 with
 * errno EINVAL (name empty, or with '='), or ENOMEM. */
int unsetenv(const char *name)
{
	if (!valid_name(name)) {
		errno = EINVAL;
		return -1;
	}
	size_t len = strlen(name);
	if (find(name, len) < 0)
		return 0;
	if (own_array(0) < 0)
		return -1;
	long i;
	while ((i = find(name, len)) >= 0) {
		forget(environ[i]);
		for (; environ[i]; i++)
			environ[i] = environ[i + 1];
	}
	return 0;
}
