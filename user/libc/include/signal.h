/*
 * signal.h: signal numbers (POSIX; Linux's numbers). For now only the
 * numbers, so that a parent can read waitpid's status (sys/wait.h): EriX
 * has no signal delivery yet (user/libc/README.md's plan), and a child
 * that faults or is killed is reported as ended by one of these.
 */
#ifndef _ERIX_SIGNAL_H
#define _ERIX_SIGNAL_H

#define SIGHUP   1
#define SIGINT   2
#define SIGQUIT  3
#define SIGILL   4  /* an invalid opcode (vector 6; abort()'s ud2) */
#define SIGTRAP  5  /* a breakpoint (vector 3) */
#define SIGABRT  6
#define SIGBUS   7
#define SIGFPE   8  /* a divide error (vector 0) */
#define SIGKILL  9  /* PROC_KILL */
#define SIGSEGV  11 /* a page fault (14), a general protection fault (13),
		       any other exception */
#define SIGPIPE  13
#define SIGTERM  15

#endif
