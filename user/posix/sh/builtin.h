/*
 * sh/builtin.h: the shell's builtins (lab 6): commands the shell runs
 * itself, because they change the shell (cd, exit, export, unset) or are
 * too small to be programs (:, true, false, pwd).
 *
 * A builtin alone in its pipeline runs in the shell process (sh/run.c
 * applies its redirections there and undoes them after), so that cd and
 * export change the shell; in a pipeline of several commands it runs in
 * a child of its own, like a program, and changes only that child.
 */
#ifndef SH_BUILTIN_H
#define SH_BUILTIN_H

#include <stdbool.h>

struct builtin {
	const char *name;
	/* run: the builtin with its words (argv[0] its name, argv[argc]
	 * NULL); returns its exit status. Errors go to stderr. */
	int (*run)(int argc, char **argv);
	/* POSIX's "special" builtins (: exit export unset): assignments
	 * written before them stay set after they ran; before the others,
	 * they last only while the builtin runs ("HOME=/ cd"). */
	bool special;
};

/* builtin_find: the builtin called name, or NULL if there is none. */
const struct builtin *builtin_find(const char *name);

#endif /* SH_BUILTIN_H */
