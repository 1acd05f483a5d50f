/*
 * start.c: a libc program's start (lab 6): from crt0.S to main and exit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glue.h"
#include "proc.h"
#include "ulib.h"

int main(int argc, char **argv, char **envp);

/*
 * build_args: argv[] (and, with envc, the environment) from the strings
 * in proc_info (argc then envc strings in argv_text, proc.h: put there by
 * the process server from PROC_SPAWN or PROC_EXEC), copied into this
 * program's memory: the page is read-only, and C lets a program change
 * its argument strings. With no command line (a spawner that gave none),
 * or no memory for the copy, argv is { program name } and the
 * environment empty. Sets *argc and *envp (NULL-terminated); returns
 * argv (NULL-terminated).
 */
static char **build_args(int *argc, char ***envp)
{
	static char name[PROC_NAME_MAX + 1];
	static char *argv1[2] = { name, NULL };
	static char *empty_env[1] = { NULL };

	*argc = 1, *envp = empty_env;
	if (!procinfo)
		return argv1;
	for (int i = 0; i < PROC_NAME_MAX && procinfo->name[i]; i++)
		name[i] = procinfo->name[i];

	/* the strings that are whole (NUL-ended) in argv_text, at most
	 * argc + envc */
	size_t len = 0, n = 0, want = (size_t)procinfo->argc + procinfo->envc;
	while (n < want && len < PROC_ARGV_MAX) {
		const char *nul = memchr(procinfo->argv_text + len, '\0', PROC_ARGV_MAX - len);
		if (!nul)
			break;
		len = (size_t)(nul - procinfo->argv_text) + 1;
		n++;
	}
	size_t nargs = n < procinfo->argc ? n : procinfo->argc;
	if (nargs == 0)
		return argv1;
	char *text = malloc(len);
	char **v = malloc((n + 2) * sizeof(*v)); /* argv, NULL, environment, NULL */
	if (!text || !v) {
		free(text), free(v);
		return argv1;
	}
	memcpy(text, procinfo->argv_text, len);
	for (size_t i = 0, off = 0, at = 0; i < n; i++) {
		v[at++] = text + off;
		off += strlen(text + off) + 1;
		if (i + 1 == nargs)
			v[at++] = NULL;
	}
	v[n + 1] = NULL;
	*argc = (int)nargs;
	*envp = v + nargs + 1;
	return v;
}

/*
 * __libc_start: called once, by crt0.S, with the proc_info page the
 * spawner gave (info). Initialises ulib (slots, the console), the fd
 * table (stdin, stdout, stderr on the console, or the table execve
 * passed on: fd.c), clock() and the last words run on a fault or a kill
 * (process.c), takes the current directory execve
 * passed on, builds argv and the environment (build_args), then calls
 * main(argc, argv, environ) and exit() with what it returns. Never
 * returns.
 */
_Noreturn void __libc_start(const void *info)
{
	int argc;
	char **envp;

	ulib_init(info);
	__erix_clock_start();
	__erix_fd_init();
	__erix_on_death();
	if (procinfo && procinfo->cwd[0] == '/' && memchr(procinfo->cwd, '\0', PROC_CWD_MAX))
		memcpy(__erix_cwd, procinfo->cwd, strlen(procinfo->cwd) + 1);
	char **argv = build_args(&argc, &envp);
	if (!environ)
		environ = envp;
	exit(main(argc, argv, environ));
}
