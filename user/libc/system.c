/*
 * system.c: system (C11 7.22.4.8; stdlib.h).
 *
 * EriX has no command processor that a program can hand a command to
 * yet: the shell (user/posix/sh.c) reads only its console, and has no
 * "sh -c". C allows that, and says how a program asks: system(NULL).
 */
#include <errno.h>
#include <stdlib.h>

/*
 * system: with command NULL, whether a command processor is available:
 * 0, none. With a command: -1 with errno ENOSYS, the command not run
 * (POSIX's value when no child process could be made; Lua's os.execute,
 * for one, reports it as the error "Function not implemented").
 * Once the shell takes "sh -c COMMAND", system can spawn it and wait.
 */
int system(const char *command)
{
	if (command == NULL)
		return 0;
	errno = ENOSYS;
	return -1;
}
