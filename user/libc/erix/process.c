/*
 * process.c: child processes (lab 6): erix_spawnv (unistd.h), waitpid
 * and wait (sys/wait.h), over the process server (process.h).
 *
 * erix_spawnv sends one PROC_SPAWN with the command line after the path
 * (mr3 its total length: process.h); the process server puts the strings
 * in the child's proc_info, and the child's start.c makes its argv of
 * them. waitpid asks PROC_WAIT and, while the child runs
 * (ERR_WOULD_BLOCK), waits on P_EVENTS, which the process server
 * registered for every process it starts and signals when a child ends
 * (a signal meant for a pipe end only costs one more PROC_WAIT).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "glue.h"
#include "process.h"
#include "rpc.h"
#include "ulib.h"

int erix_spawnv(const char *path, char *const argv[], pid_t *pid)
{
	static char text[MSG_DATA_MAX];
	size_t len = path ? strlen(path) : 0, total = len + 1;
	if (len == 0)
		return ENOENT;
	if (total > sizeof(text))
		return E2BIG;
	memcpy(text, path, total);
	for (size_t i = 0; argv && argv[i]; i++) {
		size_t n = strlen(argv[i]) + 1;
		if (n > sizeof(text) - total)
			return E2BIG;
		memcpy(text + total, argv[i], n);
		total += n;
	}
	struct rpc r = { .label = PROC_SPAWN, .w = { len, 0, 0, total }, .data = text,
			 .len = total };
	long err = rpc_call(P_PROCESS, &r);
	if (err < 0)
		return __erix_errno(err);
	if (pid)
		*pid = (pid_t)r.w[0];
	return 0;
}

/* signal_for: the signal a fault with this vector counts as. */
static int signal_for(uint64_t vector)
{
	switch (vector) {
	case 0: return SIGFPE;
	case 3: return SIGTRAP;
	case 6: return SIGILL;
	default: return SIGSEGV; /* 14 (page fault), 13, the rest */
	}
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	if (options & ~(WNOHANG | WUNTRACED)) {
		errno = EINVAL;
		return -1;
	}
	if (pid < -1) {
		errno = ECHILD;
		return -1;
	}
	for (;;) {
		struct rpc r = { .label = PROC_WAIT, .w = { pid > 0 ? (uint64_t)pid : 0 } };
		long err = rpc_call(P_PROCESS, &r);
		if (err == -ERR_WOULD_BLOCK) {
			if (options & WNOHANG)
				return 0;
			erix_wait(P_EVENTS, NULL);
			continue;
		}
		if (err < 0) {
			errno = err == -ERR_NOT_FOUND ? ECHILD : __erix_errno(err);
			return -1;
		}
		int s;
		switch (r.w[1]) {
		case PROC_EXITED: s = (int)(r.w[2] & 0xff) << 8; break;
		case PROC_FAULTED: s = signal_for(r.w[2]); break;
		default: s = SIGKILL; break; /* PROC_KILLED */
		}
		if (status)
			*status = s;
		return (pid_t)r.w[0];
	}
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}
