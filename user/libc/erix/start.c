/*
 * start.c: a libc program's start (lab 6): from crt0.S to main and exit.
 */
#include <stdio.h>
#include <stdlib.h>

#include "glue.h"
#include "proc.h"
#include "ulib.h"

int main(int argc, char **argv, char **envp);

/*
 * __libc_start: called once, by crt0.S, with the proc_info page the
 * spawner gave (info). Initialises ulib (slots, the console), the fd
 * table (stdin, stdout, stderr on the console: the FILE streams of
 * stdio.c are static and need no set-up beyond their fds) and clock(),
 * then calls main(argc, argv, environ) and exit() with what it returns.
 * For now argc is 1 and argv {program name, NULL}: the process server
 * passes no command line (only two words, proc_info.args); the
 * environment starts empty. Never returns.
 */
_Noreturn void __libc_start(const void *info)
{
	static char name[PROC_NAME_MAX + 1];
	static char *argv[2] = { name, NULL };

	ulib_init(info);
	__erix_clock_start();
	__erix_fd_init();
	if (procinfo) {
		for (int i = 0; i < PROC_NAME_MAX && procinfo->name[i]; i++)
			name[i] = procinfo->name[i];
	}
	exit(main(1, argv, environ));
}
