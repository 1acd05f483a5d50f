/*
 * notification.c: notifications: Signal, Wait, Poll, and binding to a
 * thread (see ipc.h).
 *
 * A notification is a word of bits and a queue of waiting threads. A
 * Signal ORs the badge of the capability used into the word; a Wait takes
 * the word (and clears it), waiting first if nothing was signalled.
 * Signals that come while nobody waits accumulate: two signals with
 * badges 1 and 4 before a Wait give it 5. A thread the notification is
 * bound to is woken by a signal also while it waits in Recv on an
 * endpoint: a server waits for requests and interrupts at once.
 */
#include "ipc.h"
#include "irq.h"
#include "sched.h"
#include "tcb.h"
#include <erix/errors.h>
#include <erix/ipc.h>

/* deliver: t gets word w as a Wait's (or, from a Recv, a bound signal's:
 * `flags` ERIX_MSG_SIGNAL) result. */
static void deliver(struct tcb *t, uint64_t w, uint64_t flags)
{
	t->regs.rdi = w;
	t->regs.rsi = flags;
	t->regs.rax = 0;
}

/*
 * notification_signal, notification_wait (LAB 4 exercise).
 *
 * Requirements (ipc.h states the contracts):
 *  - Signal: if a thread waits on n, the first one wakes with the badge as
 *    its word (the word stays clear); else, if n's bound thread waits in
 *    Recv on an endpoint, it leaves that queue (ipc_leave_queue) and wakes
 *    with the badge (and ERIX_MSG_SIGNAL in rsi); else the badge is OR-ed
 *    into the word and n becomes active;
 *  - Wait and Poll: an active notification gives its word and becomes
 *    inactive with the word clear; else Wait queues the thread (tail) and
 *    Poll fails with -ERR_WOULD_BLOCK;
 *  - a signal with badge 0 still counts: it wakes, or makes n active.
 */
void notification_signal(struct notification *n, uint64_t badge)
{
#if LAB4_SOLUTION
	if (n->queue.head) {
		struct tcb *t = n->queue.head;
		tcb_queue_remove(&n->queue, t);
		deliver(t, badge, 0);
		ipc_wake(t, 0);
		return;
	}
	struct tcb *b = n->bound;
	if (b && b->state == TCB_BLOCKED_RECV) {
		ipc_leave_queue(b); /* a reply it owes, it still owes */
		deliver(b, badge, ERIX_MSG_SIGNAL);
		ipc_wake(b, 0);
		return;
	}
	n->word |= badge;
	n->active = 1;
#else
	/* LAB 4: your code here. */
	(void)n, (void)badge, (void)deliver;
#endif
}

int notification_wait(struct tcb *t, struct notification *n, bool block)
{
#if LAB4_SOLUTION
	if (n->active) {
		deliver(t, n->word, 0);
		n->word = 0;
		n->active = 0;
		return IPC_DONE;
	}
	if (!block)
		return -ERR_WOULD_BLOCK;
	sched_remove(t);
	t->state = TCB_BLOCKED_WAIT;
	t->blocked_on = n;
	tcb_queue_append(&n->queue, t);
	return IPC_DONE;
#else
	/* LAB 4: your code here. */
	(void)t, (void)n, (void)block;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

bool notification_take_bound(struct tcb *t)
{
	struct notification *n = t->bound;
	if (!n || !n->active)
		return false;
	deliver(t, n->word, ERIX_MSG_SIGNAL);
	n->word = 0;
	n->active = 0;
	return true;
}

int notification_bind(struct notification *n, struct tcb *t)
{
	if (n->bound || t->bound)
		return -ERR_IN_USE;
	n->bound = t;
	t->bound = n;
	return 0;
}

void notification_unbind(struct tcb *t)
{
	if (t->bound) {
		t->bound->bound = NULL;
		t->bound = NULL;
	}
}

void notification_destroy(struct notification *n)
{
	while (n->queue.head) {
		struct tcb *t = n->queue.head;
		tcb_queue_remove(&n->queue, t);
		ipc_wake(t, -ERR_CANCELLED);
	}
	if (n->bound)
		notification_unbind(n->bound);
	irq_forget_notification(n);
}

const char *notification_check(const struct notification *n)
{
	if (n->active > 1)
		return "a notification neither active nor inactive";
	if (!n->active && n->word)
		return "an inactive notification with bits in its word";
	if (n->active && n->queue.head)
		return "an active notification with threads waiting on it";
	if (n->bound && n->bound->bound != n)
		return "a notification bound to a thread that is not bound to it";
	return tcb_queue_check(&n->queue, TCB_BLOCKED_WAIT, n);
}
