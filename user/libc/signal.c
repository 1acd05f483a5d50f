/*
 * signal.c: C's signals (C11 7.14; signal.h): each signal's action in a
 * table, consulted by raise().
 *
 * Simple on purpose: EriX delivers no signal from outside the process yet
 * (user/libc/README.md's plan: the process server will set a bit of the
 * process's notification, which the libc takes at its next system call
 * and hands to this table). Until then a handler runs only through
 * raise(), on the raising thread's stack, before raise() returns.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>

static void (*actions[NSIG])(int); /* SIG_DFL (0) at first */
static unsigned char running[NSIG]; /* the signal's handler is running */
static unsigned char pending[NSIG]; /* raised meanwhile: run it again */

/* signal: signal.h has the contract. */
void (*signal(int sig, void (*handler)(int)))(int)
{
	if (sig <= 0 || sig >= NSIG || sig == SIGKILL || sig == SIGSTOP) {
		errno = EINVAL;
		return SIG_ERR;
	}
	void (*old)(int) = actions[sig];
	actions[sig] = handler;
	return old;
}

/* raise: signal.h has the contract. */
int raise(int sig)
{
	if (sig < 0 || sig >= NSIG) {
		errno = EINVAL;
		return -1;
	}
	if (sig == 0)
		return 0;
	if (running[sig]) {
		/* Held back while its handler runs, as a signal is blocked
		 * during its own handler: delivered when the handler returns. */
		pending[sig] = 1;
		return 0;
	}
	do {
		pending[sig] = 0;
		void (*action)(int) = actions[sig];
		if (action == SIG_IGN || (action == SIG_DFL && sig == SIGCHLD))
			return 0;
		if (action == SIG_DFL)
			_Exit(128 + sig);
		running[sig] = 1;
		action(sig);
		running[sig] = 0;
	} while (pending[sig]);
	return 0;
}
