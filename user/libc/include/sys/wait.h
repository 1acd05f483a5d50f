/*
 * sys/wait.h: waiting for child processes (POSIX; user/libc/erix/
 * process.c). A child is started with erix_spawnv (unistd.h).
 *
 * The status is an int, as Linux encodes it: a child that exited with
 * status s has (s & 0xff) << 8; one that ended by a "signal" has the
 * signal's number (signal.h) in the low 7 bits. EriX has no signals yet:
 * a child the process server ended for a fault counts as signalled with
 * SIGSEGV (page fault, vector 14; also general protection, 13, and
 * other exceptions), SIGILL (invalid opcode, 6: abort()), SIGFPE (divide
 * error, 0) or SIGTRAP (breakpoint, 3); a killed one (PROC_KILL) with
 * SIGKILL.
 */
#ifndef _ERIX_SYS_WAIT_H
#define _ERIX_SYS_WAIT_H

#ifndef _ERIX_PID_T
#define _ERIX_PID_T
typedef int pid_t;
#endif

#define WNOHANG   1 /* return 0 at once if no child has ended */
#define WUNTRACED 2 /* accepted; EriX stops no child */

#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WTERMSIG(s)    ((s) & 0x7f)
#define WIFEXITED(s)   (WTERMSIG(s) == 0)
#define WIFSIGNALED(s) (WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7f)
#define WIFSTOPPED(s)  (((s) & 0xff) == 0x7f)
#define WSTOPSIG(s)    WEXITSTATUS(s)

/*
 * waitpid: waits until the child pid (-1 or 0: any child; EriX has no
 * process groups) has ended, reaps it and returns its pid, its status in
 * *status (if status is not NULL). With WNOHANG, returns 0 if none has
 * ended yet. -1 and errno: ECHILD (no such child of the caller, or pid
 * < -1), EINVAL (unknown options).
 */
pid_t waitpid(pid_t pid, int *status, int options);

/* wait: waitpid(-1, status, 0). */
pid_t wait(int *status);

#endif
