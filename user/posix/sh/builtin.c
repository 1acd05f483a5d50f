/*
 * sh/builtin.c: the shell's builtins (builtin.h): : true false cd pwd
 * exit export unset. Each returns its exit status, 0 for success; a
 * misuse or a failure is reported on stderr as "sh: NAME: why" and is
 * status 1 (2 for exit's bad number, as other shells).
 */
#include "builtin.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vars.h"

/* ":", "true": do nothing, successfully; "false": unsuccessfully. */
static int do_true(int argc, char **argv)
{
	(void)argc, (void)argv;
	return 0;
}

static int do_false(int argc, char **argv)
{
	(void)argc, (void)argv;
	return 1;
}

/*
 * cd [DIR]: makes DIR the shell's current directory; with no DIR, $HOME,
 * or "/" if HOME is unset or empty; "cd -" goes back to $OLDPWD and
 * prints it. Then OLDPWD is the old $PWD and PWD the new directory
 * (getcwd's name for it). 1 if chdir fails (its reason printed).
 */
static int do_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME");
	bool back = false;

	if (argc > 2) {
		fprintf(stderr, "sh: cd: too many arguments\n");
		return 1;
	}
	if (!dir || !*dir)
		dir = "/";
	if (strcmp(dir, "-") == 0) {
		dir = var_get("OLDPWD");
		if (!dir) {
			fprintf(stderr, "sh: cd: OLDPWD not set\n");
			return 1;
		}
		back = true;
	}
	if (chdir(dir) < 0) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	/* From here on dir may be gone: it may be OLDPWD's old value. */
	const char *old = var_get("PWD");
	if (old)
		var_set("OLDPWD", old);
	static char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof(cwd)))
		var_set("PWD", cwd);
	else
		var_unset("PWD"); /* somewhere getcwd cannot name */
	if (back && var_get("PWD"))
		printf("%s\n", var_get("PWD"));
	return 0;
}

/* pwd: prints the current directory (getcwd); 1 if getcwd fails. */
static int do_pwd(int argc, char **argv)
{
	static char cwd[PATH_MAX];
	(void)argc, (void)argv;

	if (!getcwd(cwd, sizeof(cwd))) {
		fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
		return 1;
	}
	printf("%s\n", cwd);
	return 0;
}

/*
 * exit [N]: ends the shell with status N (0..255: N mod 256), or with
 * $? without N; the output still buffered is written first. A word that
 * is not a number ends it with status 2 after a message; more than one
 * word is an error that does not end the shell (1).
 */
static int do_exit(int argc, char **argv)
{
	int status = last_status;

	if (argc > 2) {
		fprintf(stderr, "sh: exit: too many arguments\n");
		return 1;
	}
	if (argc == 2) {
		char *end;
		errno = 0;
		long n = strtol(argv[1], &end, 10);
		if (end == argv[1] || *end || errno) {
			fprintf(stderr, "sh: exit: %s: numeric argument required\n", argv[1]);
			n = 2;
		}
		status = (int)(n & 0xff);
	}
	exit(status); /* flushes stdout */
}

/*
 * export [NAME[=value]...]: marks each NAME for export (after setting it
 * to value, when given); with no word, prints the exported variables
 * (var_print_exported). 1 if a name is not valid (the others are still
 * done).
 */
static int do_export(int argc, char **argv)
{
	int status = 0;

	if (argc == 1) {
		var_print_exported();
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (var_export(argv[i]) == 0)
			continue;
		if (errno == EINVAL)
			fprintf(stderr, "sh: export: '%s': not a valid name\n", argv[i]);
		else
			fprintf(stderr, "sh: export: %s: %s\n", argv[i], strerror(errno));
		status = 1;
	}
	return status;
}

/* unset NAME...: removes each variable (a name not set is no error); 1
 * if a name is not valid (the others are still removed). */
static int do_unset(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		if (!var_valid_name(argv[i], strlen(argv[i]))) {
			fprintf(stderr, "sh: unset: '%s': not a valid name\n", argv[i]);
			status = 1;
			continue;
		}
		var_unset(argv[i]);
	}
	return status;
}

static const struct builtin builtins[] = {
	{ ":", do_true, true },
	{ "true", do_true, false },
	{ "false", do_false, false },
	{ "cd", do_cd, false },
	{ "pwd", do_pwd, false },
	{ "exit", do_exit, true },
	{ "export", do_export, true },
	{ "unset", do_unset, true },
};

const struct builtin *builtin_find(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return &builtins[i];
	return NULL;
}
