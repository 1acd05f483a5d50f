/*
 * signal.h: signals (C11 7.14, POSIX; Linux's numbers).
 *
 * The numbers let a parent read waitpid's status (sys/wait.h): a child
 * that faults or is killed is reported as ended by one of them.
 *
 * signal() and raise() (user/libc/signal.c) are C's part: a table of
 * handlers in the process, which raise() consults. EriX does not deliver
 * signals between processes yet (kill; user/libc/README.md's plan), so a
 * handler runs only when the process raises its signal itself.
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
#define SIGUSR1  10
#define SIGSEGV  11 /* a page fault (14), a general protection fault (13),
		       any other exception */
#define SIGUSR2  12
#define SIGPIPE  13
#define SIGALRM  14
#define SIGTERM  15
#define SIGCHLD  17
#define SIGSTOP  19

#define NSIG 32 /* signal numbers are 1..NSIG-1 */

/* An object a handler may write and the program read atomically. */
typedef int sig_atomic_t;

/* The two actions that are not functions, and signal()'s failure. */
#define SIG_DFL ((void (*)(int))0)  /* the default action */
#define SIG_IGN ((void (*)(int))1)  /* ignore the signal */
#define SIG_ERR ((void (*)(int))-1) /* signal() failed */

/*
 * signal: sets what raising sig does: call handler(sig), or SIG_IGN or
 * SIG_DFL. Returns the previous action, or SIG_ERR with errno EINVAL for
 * a number out of 1..NSIG-1 or SIGKILL or SIGSTOP (whose actions cannot
 * change).
 */
void (*signal(int sig, void (*handler)(int)))(int);

/*
 * raise: raises sig in the calling process, at once. A handler is called
 * and stays the action (as glibc's signal() installs it); while it runs,
 * sig is held back: raising it again then only marks it pending, and the
 * handler runs once more after it returns (other signals' handlers run at
 * once, nested). An ignored signal does nothing. The default action of
 * SIGCHLD is to do nothing; of any other signal, to end the process
 * without atexit functions or flushing (as _Exit), with the exit status
 * 128 + sig (a shell's report of a death by that signal) until EriX can
 * end a process by a signal. Returns 0 when the process goes on (sig 0,
 * the null signal, does nothing); -1 with errno EINVAL for a number out
 * of 0..NSIG-1.
 */
int raise(int sig);

/* kill (user/libc/erix/process.c): ends process pid, as killed by sig
 * (its parent's waitpid sees WIFSIGNALED, WTERMSIG sig; no handlers run
 * yet); sig 0 only checks that pid exists. 0, or -1 with errno (ESRCH,
 * EINVAL). */
#ifndef _ERIX_PID_T
#define _ERIX_PID_T
typedef int pid_t;
#endif
int kill(pid_t pid, int sig);

#endif
