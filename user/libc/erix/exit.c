/*
 * exit.c: how a libc program ends (lab 6): exit, _Exit, _exit, abort.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "glue.h"
#include "ulib.h"

/* exit: the normal end (C11 7.22.4.4): the atexit functions, the last
 * registered first; then every stream flushed (fflush(NULL)); then
 * _exit(status). Never returns. */
_Noreturn void exit(int status)
{
	__libc_run_atexit();
	fflush(NULL);
	_exit(status);
}

/* _exit: the end without atexit functions or stream flushing (POSIX):
 * the fds are closed (their open-file capabilities go back to the file
 * server) and the process server is asked to end the process with
 * status (PROC_EXIT, through erix_exit: no reply comes). Never returns. */
_Noreturn void _exit(int status)
{
	__erix_fd_close_all();
	erix_exit(status);
}

/* _Exit: C's name for _exit. */
_Noreturn void _Exit(int status)
{
	_exit(status);
}

/* abort: the abnormal end (C11 7.22.4.1): no atexit functions, no
 * flushing (EriX has no signals to catch SIGABRT with). The program
 * executes ud2, so that the process server, its fault handler, reports
 * it on the console and ends it as faulted (PROC_FAULTED, vector 6: an
 * invalid opcode), which its parent sees in PROC_WAIT. */
_Noreturn void abort(void)
{
	static const char msg[] = "abort() called\n";
	write(STDERR_FILENO, msg, sizeof(msg) - 1);
	for (;;)
		__builtin_trap();
}
