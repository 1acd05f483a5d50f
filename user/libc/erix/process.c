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
 *
 * fork and execve (unistd.h) are the process server's PROC_FORK and
 * PROC_EXEC. PROC_FORK makes the child held; the parent then gives it a
 * capability of its own for each fd (PROC_STAGE with its pid, fd.c's
 * __erix_fd_stage) and starts it (PROC_START). The child starts in
 * fork_child with its own copy of this process's memory, and jumps back
 * into fork through the jmp_buf the parent filled, so that fork returns
 * twice: the child's pid in the parent, 0 in the child. execve hands the
 * server its own fd capabilities before PROC_EXEC (PROC_STAGE with 0). execve passes the argument and
 * environment strings, the fd table and the current directory in a
 * block of this process's memory, which the server reads.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <erix/ps.h>

#include "glue.h"
#include "proc.h"
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
		default: s = r.w[2] ? (int)(r.w[2] & 0x7f) : SIGKILL; break; /* PROC_KILLED */
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

/* fork_child: where a forked child starts, on its copy of the parent's
 * stack below fork's frame: back into fork, returning 0 there. */
static _Noreturn void fork_child(unsigned long *ctx)
{
	longjmp(ctx, 1);
}

pid_t fork(void)
{
	jmp_buf ctx;
	if (setjmp(ctx)) {
		__erix_fd_forked(); /* the child */
		return 0;
	}
	/* The child's stack pointer: well below this frame (what the parent
	 * runs below it during the request is dead in the child), 16-byte
	 * aligned minus the return address a call would have pushed. */
	uint64_t sp = (((uint64_t)__builtin_frame_address(0) - 4096) & ~15ull) - 8;
	struct rpc r = { .label = PROC_FORK,
			 .w = { (uint64_t)(uintptr_t)fork_child, sp, (uint64_t)(uintptr_t)ctx } };
	long err = rpc_call(P_PROCESS, &r);
	if (err < 0) {
		errno = err == -ERR_NO_SPACE ? EAGAIN : __erix_errno(err);
		return -1;
	}
	/* The child is held until it has its fds (each a capability of its
	 * own from the fd's server), then started. */
	pid_t pid = (pid_t)r.w[0];
	int e = __erix_fd_stage((uint64_t)pid);
	struct rpc st = { .label = e < 0 ? PROC_SIGNAL : PROC_START,
			  .w = { (uint64_t)pid, SIGKILL } };
	err = rpc_call(P_PROCESS, &st);
	if (e < 0 || err < 0) {
		waitpid(pid, NULL, 0);
		errno = e < 0 ? -e : __erix_errno(err);
		return -1;
	}
	return pid;
}

/* strings_size: the bytes of the NULL-terminated strings v, each with its
 * NUL, and their number in *n. */
static size_t strings_size(char *const v[], uint32_t *n)
{
	size_t size = 0;
	*n = 0;
	for (size_t i = 0; v && v[i]; i++, ++*n)
		size += strlen(v[i]) + 1;
	return size;
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	char abs[FS_PATH_MAX_LIBC];
	int e = path ? __erix_resolve(path, abs) : -EFAULT;
	if (e < 0) {
		errno = -e;
		return -1;
	}
	char *const self[2] = { abs, NULL };
	if (!argv || !argv[0])
		argv = self;
	uint32_t argc, envc;
	size_t text = strings_size(argv, &argc) + strings_size(envp, &envc);
	const size_t head = PROC_FD_MAX * sizeof(uint32_t) + PROC_CWD_MAX;
	if (text > PROC_ARGV_MAX) {
		errno = E2BIG;
		return -1;
	}
	char *block = malloc(head + text);
	if (!block) {
		errno = ENOMEM;
		return -1;
	}
	__erix_fd_close_on_exec(); /* before the table records them */
	__erix_fd_table((uint32_t *)block);
	memset(block + PROC_FD_MAX * sizeof(uint32_t), 0, PROC_CWD_MAX);
	memcpy(block + PROC_FD_MAX * sizeof(uint32_t), __erix_cwd, strlen(__erix_cwd) + 1);
	char *t = block + head;
	for (uint32_t i = 0; i < argc + envc; i++) {
		const char *str = i < argc ? argv[i] : envp[i - argc];
		size_t n = strlen(str) + 1;
		memcpy(t, str, n);
		t += n;
	}

	long err = __erix_fd_stage(0);
	if (err == 0) {
		struct rpc r = { .label = PROC_EXEC,
				 .w = { strlen(abs), (uint64_t)(uintptr_t)block, head + text,
					argc | (uint64_t)envc << 32 },
				 .data = abs, .len = strlen(abs) };
		err = rpc_call(P_PROCESS, &r); /* no reply when it worked */
		err = -__erix_errno(err);
	}
	free(block);
	errno = (int)-err;
	return -1;
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

int execvp(const char *file, char *const argv[])
{
	if (!file || !*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/'))
		return execv(file, argv);
	char path[FS_PATH_MAX_LIBC];
	if (strlen(file) + 6 > sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(path, "/bin/", 5);
	memcpy(path + 5, file, strlen(file) + 1);
	return execv(path, argv);
}

pid_t getpid(void)
{
	return procinfo ? (pid_t)procinfo->pid : 0;
}

pid_t getppid(void)
{
	struct rpc r = { .label = PROC_PPID };
	return rpc_call(P_PROCESS, &r) < 0 ? 0 : (pid_t)r.w[0];
}

int kill(pid_t pid, int sig)
{
	if (sig < 0 || sig > 64) {
		errno = EINVAL;
		return -1;
	}
	if (pid <= 0) {
		errno = ESRCH; /* no process groups */
		return -1;
	}
	struct rpc r = { .label = PROC_SIGNAL, .w = { (uint64_t)pid, (uint64_t)sig } };
	long err = rpc_call(P_PROCESS, &r);
	if (err < 0) {
		errno = err == -ERR_NOT_FOUND ? ESRCH : __erix_errno(err);
		return -1;
	}
	return 0;
}

int erix_ps_next(int at, struct erix_ps *p)
{
	struct rpc r = { .label = PROC_LIST, .w = { (uint64_t)at } };
	if (at < 0 || rpc_call(P_PROCESS, &r) < 0)
		return 0;
	p->pid = (int)r.w[0], p->ppid = (int)r.w[1], p->ended = (int)r.w[2];
	uint64_t n = rpc_get_data(r.info, p->name, sizeof(p->name) - 1, sizeof(p->name) - 1);
	p->name[n] = '\0';
	return (int)r.w[3];
}

/*
 * Last words (PROC_ON_DEATH): when this process is to end by a fault or
 * a kill, the process server starts its thread in __erix_die, on a stack
 * of its own (the fault may have been the stack's overflow), which closes
 * every fd, so that the servers learn that its files and pipe ends are
 * closed (a reader at the other end of a pipe sees the end of file), and
 * asks to end: the server ends it as the fault or the kill said. No
 * signal handler runs and no stream is flushed, as for a process killed
 * by a signal's default action.
 */
static char die_stack[16384] __attribute__((aligned(16)));

static _Noreturn void __erix_die(int sig)
{
	(void)sig;
	__erix_fd_close_all();
	struct rpc r = { .label = PROC_EXIT, .w = { 128 + (uint64_t)sig } };
	rpc_call(P_PROCESS, &r); /* never answered */
	for (;;)
		erix_yield();
}

void __erix_on_death(void)
{
	uint64_t top = (uint64_t)(uintptr_t)(die_stack + sizeof(die_stack)) - 8;
	struct rpc r = { .label = PROC_ON_DEATH, .w = { (uint64_t)(uintptr_t)__erix_die, top } };
	rpc_call(P_PROCESS, &r); /* a process the server did not start: none */
}
