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
 * build_argv: argv[] from the command line in proc_info (argc strings in
 * argv_text, proc.h, put there by the process server from PROC_SPAWN),
 * copied into this program's memory: the page is read-only, and C lets
 * a program change its argument strings. With no command line (a
 * spawner that gave none), or no memory for the copy, argv is
 * { program name }. Sets *argc; returns the NULL-terminated array.
 */
static char **build_argv(int *argc)
{
	static char name[PROC_NAME_MAX + 1];
	static char *argv1[2] = { name, NULL };

	*argc = 1;
	if (!procinfo)
		return argv1;
	for (int i = 0; i < PROC_NAME_MAX && procinfo->name[i]; i++)
		name[i] = procinfo->name[i];

	/* the strings that are whole (NUL-ended) in argv_text, at most argc */
	size_t len = 0, n = 0;
	while (n < procinfo->argc && len < PROC_ARGV_MAX) {
		const char *nul = memchr(procinfo->argv_text + len, '\0', PROC_ARGV_MAX - len);
		if (!nul)
			break;
		len = (size_t)(nul - procinfo->argv_text) + 1;
		n++;
	}
	if (n == 0)
		return argv1;
	char *text = malloc(len);
	char **argv = malloc((n + 1) * sizeof(*argv));
	if (!text || !argv) {
		free(text), free(argv);
		return argv1;
	}
	memcpy(text, procinfo->argv_text, len);
	for (size_t i = 0, off = 0; i < n; i++) {
		argv[i] = text + off;
		off += strlen(text + off) + 1;
	}
	argv[n] = NULL;
	*argc = (int)n;
	return argv;
}

/*
 * __libc_start: called once, by crt0.S, with the proc_info page the
 * spawner gave (info). Initialises ulib (slots, the console), the fd
 * table (stdin, stdout, stderr on the console: the FILE streams of
 * stdio.c are static and need no set-up beyond their fds) and clock(),
 * builds argv from the command line the process server put in proc_info
 * (build_argv), then calls main(argc, argv, environ) and exit() with
 * what it returns. The environment starts empty (environ: { NULL }; no
 * spawner passes one yet). Never returns.
 */
_Noreturn void __libc_start(const void *info)
{
	static char *empty_env[1] = { NULL };
	int argc;

	ulib_init(info);
	__erix_clock_start();
	__erix_fd_init();
	char **argv = build_argv(&argc);
	if (!environ)
		environ = empty_env;
	exit(main(argc, argv, environ));
}
