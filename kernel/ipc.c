/*
 * ipc.c: endpoints, message transfer, Call and Reply (see ipc.h).
 */
#include "ipc.h"
#include "cdt.h"
#include "cspace.h"
#include "sched.h"
#include "selfcheck.h"
#include "tcb.h"
#include <erix/errors.h>
#include <erix/ipc.h>

/* ---- queues ------------------------------------------------------------- */

void tcb_queue_append(struct tcb_queue *q, struct tcb *t)
{
	t->q_next = NULL;
	t->q_prev = q->tail;
	if (q->tail)
		q->tail->q_next = t;
	else
		q->head = t;
	q->tail = t;
}

void tcb_queue_remove(struct tcb_queue *q, struct tcb *t)
{
	if (t->q_prev)
		t->q_prev->q_next = t->q_next;
	else
		q->head = t->q_next;
	if (t->q_next)
		t->q_next->q_prev = t->q_prev;
	else
		q->tail = t->q_prev;
	t->q_next = t->q_prev = NULL;
}

const char *tcb_queue_check(const struct tcb_queue *q, uint64_t state, const void *on)
{
	const struct tcb *prev = NULL;
	uint64_t n = 0;
	for (const struct tcb *t = q->head; t; prev = t, t = t->q_next) {
		if (++n > (1ull << 20))
			return "a wait queue does not end";
		if (t->q_prev != prev)
			return "a wait queue's links disagree";
		if (t->state != state || t->blocked_on != on)
			return "a thread on a wait queue is not waiting there";
	}
	if (q->tail != prev)
		return "a wait queue's tail is not its last thread";
	return NULL;
}

/* ---- message transfer ---------------------------------------------------- */

struct erix_ipc_buffer *ipc_buffer_of(const struct tcb *t)
{
	const struct cap *c = &t->slots[TCB_IPC_BUFFER].cap;
	return c->type == ERIX_OBJ_FRAME && t->ipc_buffer ? (struct erix_ipc_buffer *)c->obj : NULL;
}

unsigned ipc_words(const struct tcb *t)
{
	return ipc_buffer_of(t) ? ERIX_MSG_MAX_WORDS : ERIX_MSG_REG_WORDS;
}

/* load_words: the first n words of the message t sends: mr0..mr3 from
 * its saved registers, the rest from its IPC buffer (n <= ipc_words(t)). */
static void load_words(const struct tcb *t, uint64_t *w, unsigned n)
{
	const uint64_t regs[ERIX_MSG_REG_WORDS] = { t->regs.rdx, t->regs.r10, t->regs.r8,
						    t->regs.r9 };
	const struct erix_ipc_buffer *b = ipc_buffer_of(t);
	for (unsigned i = 0; i < n; i++)
		w[i] = i < ERIX_MSG_REG_WORDS ? regs[i] : b->mr[i];
}

/* store_words: the other way, into the receiver's registers and buffer. */
static void store_words(struct tcb *t, const uint64_t *w, unsigned n)
{
	uint64_t *regs[ERIX_MSG_REG_WORDS] = { &t->regs.rdx, &t->regs.r10, &t->regs.r8,
					       &t->regs.r9 };
	struct erix_ipc_buffer *b = ipc_buffer_of(t);
	for (unsigned i = 0; i < n; i++) {
		if (i < ERIX_MSG_REG_WORDS)
			*regs[i] = w[i];
		else
			b->mr[i] = w[i];
	}
}

/* transfer_caps: the first n capabilities `from` sends (send_caps[] of
 * its IPC buffer) into the slots `to` offers, each a child of the
 * sender's in the derivation tree (so revoking the sender's revokes it),
 * but an Untyped, which is never copied (two would share a watermark),
 * and every capability of a message sent with ERIX_MSG_MOVE (move): it
 * moves, the sender's slot left empty, keeping its place in the tree (so
 * revoking its parent revokes it, and deleting the sender's slot later
 * does not). Stops at the first that cannot go (gone, a slot not empty).
 * Returns how many went. */
static unsigned transfer_caps(struct tcb *from, struct tcb *to, unsigned n, bool move)
{
	const struct erix_ipc_buffer *sb = ipc_buffer_of(from);
	struct erix_ipc_buffer *rb = ipc_buffer_of(to);
	if (!sb || !rb)
		return 0;
	uint64_t offered = rb->recv_count < ERIX_MSG_MAX_CAPS ? rb->recv_count : ERIX_MSG_MAX_CAPS;
	unsigned done = 0;
	for (; done < n && done < offered; done++) {
		struct cte *src, *dst;
		struct cap copy;
		if (cspace_lookup_cap(from, sb->send_caps[done], ERIX_OBJ_NULL, 0, &src) ||
		    cspace_lookup_empty(to, rb->recv_slots[done], 0, &dst))
			break;
		if (src->cap.type == ERIX_OBJ_UNTYPED || move) {
			rb->recv_badges[done] = cap_has_badge(&src->cap) ? src->cap.badge : 0;
			cdt_move(dst, src);
			continue;
		}
		if (cap_derive(&src->cap, src->cap.rights, false, 0, &copy))
			break;
		cdt_insert_child(src, dst, copy);
		rb->recv_badges[done] = cap_has_badge(&copy) ? copy.badge : 0;
	}
	return done;
}

/*
 * transfer: the message `info` from `from` (with its badge and flags)
 * into `to`'s registers and IPC buffer: as many words as both can hold,
 * then the capabilities (only with IPC_GRANT), then the message info
 * (what arrived), the badge, and rax = 0. `to` is not woken here.
 */
static void transfer(struct tcb *from, struct tcb *to, uint64_t info, uint64_t badge,
		     unsigned flags)
{
	uint64_t w[ERIX_MSG_MAX_WORDS];
	unsigned n = ERIX_MSGINFO_LENGTH(info), caps = 0;
	if (flags & IPC_FAULT) {
		fault_load(from, w);
		n = ERIX_FAULT_MSG_WORDS;
	} else {
		if (n > ipc_words(from))
			n = ipc_words(from);
		load_words(from, w, n);
		if (flags & IPC_GRANT)
			caps = transfer_caps(from, to, ERIX_MSGINFO_CAPS(info), info & ERIX_MSG_MOVE);
	}
	if (n > ipc_words(to))
		n = ipc_words(to);
	store_words(to, w, n);
	to->regs.rsi = ERIX_MSGINFO(ERIX_MSGINFO_LABEL(info), n, caps);
	to->regs.rdi = badge;
	to->regs.rax = 0;
}

/* ---- waiting and waking -------------------------------------------------- */

/* block: t stops running to wait (state) on `on`. */
static void block(struct tcb *t, enum tcb_state state, void *on)
{
	sched_remove(t);
	t->state = state;
	t->blocked_on = on;
}

void ipc_wake(struct tcb *t, int result)
{
	if (result)
		selfcheck_woken(result);
	t->blocked_on = NULL;
	bool fault = t->ipc_flags & IPC_FAULT;
	t->ipc_flags = 0;
	if (result && fault) {
		t->state = TCB_FAULTED; /* no handler answered: stopped */
		return;
	}
	t->regs.rax = (uint64_t)(int64_t)result;
	t->state = TCB_INACTIVE;
	sched_add(t);
}

/* await_reply: caller (a Call or a fault just delivered to server) waits
 * for server's reply. A server that still owed a reply drops it: that
 * caller gets -ERR_CANCELLED rather than waiting for ever. */
static void await_reply(struct tcb *caller, struct tcb *server)
{
	if (server->reply_to) {
		struct tcb *old = server->reply_to;
		server->reply_to = NULL;
		ipc_wake(old, -ERR_CANCELLED);
	}
	block(caller, TCB_BLOCKED_REPLY, server);
	server->reply_to = caller;
}

/* ---- Send, Recv, Reply --------------------------------------------------- */

/*
 * ipc_send and ipc_recv (LAB 4 exercise): the rendezvous.
 *
 * Requirements (ipc.h states each function's contract, erix/ipc.h the
 * registers):
 *  - an endpoint's queue holds waiting senders (EP_SEND) or receivers
 *    (EP_RECV), oldest first, or nobody (EP_IDLE); the state and the
 *    queue always agree;
 *  - a sender that finds a receiver waiting hands its message over
 *    (transfer) and wakes it; a receiver that finds a sender takes the
 *    oldest one's message (what it sends is kept in its TCB: ipc_info,
 *    ipc_badge, ipc_flags), and wakes it, unless it is a Call (or a fault):
 *    then the sender waits for the receiver's reply (await_reply);
 *  - otherwise the thread waits at the tail of the queue (block), or, not
 *    blocking, fails with -ERR_WOULD_BLOCK and nothing changes;
 *  - a Recv first takes a signal pending on the receiver's bound
 *    notification (notification_take_bound).
 */
int ipc_send(struct tcb *t, struct endpoint *e, uint64_t info, uint64_t badge,
	     unsigned flags, bool block_ok)
{
#if LAB4_SOLUTION
	if (e->state == EP_RECV) {
		struct tcb *r = e->queue.head;
		tcb_queue_remove(&e->queue, r);
		if (!e->queue.head)
			e->state = EP_IDLE;
		t->ipc_flags = flags;
		transfer(t, r, info, badge, flags);
		ipc_wake(r, 0);
		if (flags & IPC_CALL) {
			await_reply(t, r);
			return IPC_DONE;
		}
		t->ipc_flags = 0;
		return 0;
	}
	if (!block_ok)
		return -ERR_WOULD_BLOCK;
	block(t, TCB_BLOCKED_SEND, e);
	t->ipc_info = info;
	t->ipc_badge = badge;
	t->ipc_flags = flags;
	tcb_queue_append(&e->queue, t);
	e->state = EP_SEND;
	return IPC_DONE;
#else
	/* LAB 4: your code here. */
	(void)t, (void)e, (void)info, (void)badge, (void)flags, (void)block_ok;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

int ipc_recv(struct tcb *t, struct endpoint *e, bool block_ok)
{
#if LAB4_SOLUTION
	if (notification_take_bound(t))
		return IPC_DONE;
	if (e->state == EP_SEND) {
		struct tcb *s = e->queue.head;
		tcb_queue_remove(&e->queue, s);
		if (!e->queue.head)
			e->state = EP_IDLE;
		transfer(s, t, s->ipc_info, s->ipc_badge, (unsigned)s->ipc_flags);
		if (s->ipc_flags & IPC_CALL)
			await_reply(s, t);
		else
			ipc_wake(s, 0);
		return IPC_DONE;
	}
	if (!block_ok)
		return -ERR_WOULD_BLOCK;
	block(t, TCB_BLOCKED_RECV, e);
	tcb_queue_append(&e->queue, t);
	e->state = EP_RECV;
	return IPC_DONE;
#else
	/* LAB 4: your code here. */
	(void)t, (void)e, (void)block_ok, (void)transfer, (void)await_reply;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

int ipc_reply(struct tcb *t, uint64_t info)
{
	struct tcb *c = t->reply_to;
	if (!c)
		return -ERR_NO_REPLY;
	if (c->ipc_flags & IPC_FAULT) {
		uint64_t w[ERIX_MSG_MAX_WORDS];
		unsigned n = ERIX_MSGINFO_LENGTH(info);
		if (n > ipc_words(t))
			n = ipc_words(t);
		load_words(t, w, n);
		int err = fault_reply(c, ERIX_MSGINFO_LABEL(info), w, n);
		if (err)
			return err;
		t->reply_to = NULL;
		return 0;
	}
	t->reply_to = NULL;
	transfer(t, c, info, 0, c->ipc_flags & IPC_GRANT);
	c->ipc_flags = 0;
	c->blocked_on = NULL;
	c->state = TCB_INACTIVE;
	sched_add(c);
	return 0;
}

/* ---- cancelling ---------------------------------------------------------- */

void ipc_leave_queue(struct tcb *t)
{
	struct endpoint *e = t->blocked_on;
	tcb_queue_remove(&e->queue, t);
	if (!e->queue.head)
		e->state = EP_IDLE;
	t->blocked_on = NULL;
}

void ipc_cancel(struct tcb *t)
{
	switch (t->state) {
	case TCB_BLOCKED_SEND:
	case TCB_BLOCKED_RECV:
		ipc_leave_queue(t);
		break;
	case TCB_BLOCKED_WAIT: {
		struct notification *n = t->blocked_on;
		tcb_queue_remove(&n->queue, t);
		break;
	}
	case TCB_BLOCKED_REPLY: {
		struct tcb *server = t->blocked_on;
		if (server && server->reply_to == t)
			server->reply_to = NULL;
		break;
	}
	default:
		break;
	}
	if (t->state >= TCB_BLOCKED_SEND) {
		if (t->ipc_flags & IPC_FAULT) {
			t->state = TCB_FAULTED; /* its fault stays unanswered */
		} else {
			if (t->by_syscall)
				t->regs.rax = (uint64_t)(int64_t)-ERR_CANCELLED;
			t->state = TCB_INACTIVE;
		}
	}
	t->blocked_on = NULL;
	t->ipc_flags = 0;
	if (t->reply_to) {
		struct tcb *c = t->reply_to;
		t->reply_to = NULL;
		ipc_wake(c, -ERR_CANCELLED);
	}
}

void endpoint_destroy(struct endpoint *e)
{
	while (e->queue.head) {
		struct tcb *t = e->queue.head;
		tcb_queue_remove(&e->queue, t);
		ipc_wake(t, -ERR_CANCELLED);
	}
	e->state = EP_IDLE;
}

const char *endpoint_check(const struct endpoint *e)
{
	if (e->state > EP_RECV)
		return "an endpoint in no known state";
	if ((e->state == EP_IDLE) != !e->queue.head)
		return "an endpoint's state and its queue disagree";
	return tcb_queue_check(&e->queue,
			       e->state == EP_SEND ? TCB_BLOCKED_SEND : TCB_BLOCKED_RECV, e);
}
