/*
 * ipc.h: endpoints and messages (ipc.c), notifications (notification.c),
 * fault messages (fault.c): lab 4.
 *
 * A thread that must wait is taken off the ready queue and put on the
 * waited-on object's queue, its state saying why (tcb.h). Nothing of it
 * stays on the kernel stack: whoever ends the wait (a partner, a signal,
 * a deletion) writes the system call's results into the waiting thread's
 * saved registers (erix/ipc.h says which) and makes it runnable.
 *
 *             Send/Call, no receiver              Recv, no sender
 *   IDLE  ---------------------------->  SEND   IDLE ---------------> RECV
 *    ^   <---- the last sender taken ----          <-- the last one --
 *
 * An endpoint's queue holds senders or receivers, never both: a sender
 * that finds a receiver waiting hands the message over at once, and so
 * does a receiver that finds a sender.
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include "types.h"

struct tcb;
struct cte;

/* A queue of waiting threads, oldest first, linked through q_next and
 * q_prev (NULL-terminated both ways). */
struct tcb_queue {
	struct tcb *head, *tail;
};

enum endpoint_state { EP_IDLE, EP_SEND, EP_RECV };

struct endpoint {
	struct tcb_queue queue; /* its waiting senders or receivers */
	uint64_t state;         /* enum endpoint_state: which they are */
};

struct notification {
	uint64_t word;          /* the badges signalled, OR-ed, not yet taken */
	uint64_t active;        /* signalled since the last Wait or Poll took it */
	struct tcb_queue queue; /* threads in Wait */
	struct tcb *bound;      /* the thread it is bound to, or NULL */
};
_Static_assert(sizeof(struct endpoint) <= 64 && sizeof(struct notification) <= 64,
	       "erix/caps.h: an Endpoint and a Notification are 2^6 bytes");

/* A system call that returns this (kernel-internal, never an ABI error
 * number) has written the thread's result registers itself, or the thread
 * waits and whoever wakes it will: the system call layer leaves them. */
#define IPC_DONE 1001

/* ---- the system calls (ipc_decode.c) ------------------------------------- */

struct invocation;
/* ipc_syscall: the IPC system call inv (Send, NBSend, Recv, NBRecv,
 * Reply, ReplyRecv, IPC Call) of thread t, checked, then carried out.
 * Returns an error (nothing happened), 0 (Send, Reply: rax is 0), or
 * IPC_DONE (the result registers are written, or will be). */
int ipc_syscall(struct tcb *t, const struct invocation *inv);

/* ---- queues (ipc.c) ----------------------------------------------------- */

void tcb_queue_append(struct tcb_queue *q, struct tcb *t);
void tcb_queue_remove(struct tcb_queue *q, struct tcb *t);
/* tcb_queue_check: q's links agree, and every thread on it is in `state`
 * and blocked on `on`; NULL, or what is wrong. */
const char *tcb_queue_check(const struct tcb_queue *q, uint64_t state, const void *on);

/* ---- endpoints (ipc.c) -------------------------------------------------- */

/*
 * ipc_send: thread t sends the message `info` (erix/ipc.h; its words in
 * t's registers and IPC buffer) on endpoint e, with the badge and the
 * flags (enum ipc_flags: IPC_CALL, IPC_GRANT, IPC_FAULT) of the capability
 * it used. A receiver waiting gets it at once; else t waits in the
 * queue if `block`, or the call fails with -ERR_WOULD_BLOCK. A Call
 * then waits for the reply (TCB_BLOCKED_REPLY). Returns 0 (t goes on: its
 * rax is the caller's to set), IPC_DONE (t waits) or -ERR_WOULD_BLOCK.
 * The arguments are checked (ipc_decode, syscall.c).
 */
int ipc_send(struct tcb *t, struct endpoint *e, uint64_t info, uint64_t badge,
	     unsigned flags, bool block);

/*
 * ipc_recv: thread t receives on endpoint e: a signal pending on its
 * bound notification first, else a waiting sender's message, else it
 * waits (if `block`; else -ERR_WOULD_BLOCK). A Call received makes t the
 * one to reply (t->reply_to). Returns IPC_DONE (t's result registers are
 * set, or will be when it wakes) or -ERR_WOULD_BLOCK.
 */
int ipc_recv(struct tcb *t, struct endpoint *e, bool block);

/*
 * ipc_reply: thread t replies with the message `info` to t->reply_to, the
 * caller waiting for it, which goes on (or, a faulted thread, as the
 * reply's label says: fault.c). A reply carries capabilities only to a
 * Call made through a capability with GRANT (ipc_decode checks them).
 * Returns 0, -ERR_NO_REPLY (nobody waits for t's reply: t never received
 * a Call, or replied already, or the caller went away) or a fault
 * reply's error (-ERR_BAD_ADDRESS: the reply is not used up).
 */
int ipc_reply(struct tcb *t, uint64_t info);

/* ipc_leave_queue: t (BLOCKED_SEND or BLOCKED_RECV) leaves its
 * endpoint's queue, and nothing else changes (its reply links stay): a
 * bound signal ends a Recv this way (notification.c). */
void ipc_leave_queue(struct tcb *t);

/* ipc_cancel: t stops waiting (off any queue, its reply links cut both
 * ways: a caller waiting for t's reply gets -ERR_CANCELLED, or stays
 * stopped if it faulted). A thread cancelled in a system call returns
 * -ERR_CANCELLED from it if it ever runs again. */
void ipc_cancel(struct tcb *t);

/* endpoint_destroy: e's last capability is gone: every thread queued on
 * it is woken with -ERR_CANCELLED (a faulted one stays stopped). */
void endpoint_destroy(struct endpoint *e);

/* endpoint_check: e's invariants (selfcheck.c); NULL, or what is wrong. */
const char *endpoint_check(const struct endpoint *e);

/* ipc_wake: t's wait is over: its result rax is `result`; it runs again
 * (a faulted thread, woken with an error, stays stopped instead). */
void ipc_wake(struct tcb *t, int result);

/* ipc_words: the number of message words t can send or receive: all of
 * ERIX_MSG_MAX_WORDS with an IPC buffer, the register words without. */
unsigned ipc_words(const struct tcb *t);

/* ipc_buffer_of: t's IPC buffer, through the kernel's direct map, or NULL. */
struct erix_ipc_buffer *ipc_buffer_of(const struct tcb *t);

/* ---- notifications (notification.c) ------------------------------------- */

/* notification_signal: OR badge into n's word; wake the first waiter, or
 * else n's bound thread if it waits in Recv on an endpoint. */
void notification_signal(struct notification *n, uint64_t badge);

/* notification_wait: thread t takes n's word (Wait; Poll if !block):
 * IPC_DONE (its rdi is the word, or it waits) or -ERR_WOULD_BLOCK (Poll,
 * nothing signalled). */
int notification_wait(struct tcb *t, struct notification *n, bool block);

/* notification_bind: bind n to t (both unbound: else -ERR_IN_USE);
 * notification_unbind: undo t's binding, if any. */
int notification_bind(struct notification *n, struct tcb *t);
void notification_unbind(struct tcb *t);

/* notification_take_bound: for a Recv of t: if t's bound notification has
 * been signalled, hand t its word (rdi, with ERIX_MSG_SIGNAL in rsi) and
 * return true. */
bool notification_take_bound(struct tcb *t);

/* notification_destroy: n's last capability is gone: waiters woken with
 * -ERR_CANCELLED, its thread unbound, interrupt lines no longer bound. */
void notification_destroy(struct notification *n);

const char *notification_check(const struct notification *n);

/* ---- faults (fault.c) --------------------------------------------------- */

/* fault_send: thread t (current, its registers and fault record saved)
 * faulted in user mode: send it to its fault handler (a Call) if it has
 * one, else stop it (TCB_FAULTED). */
void fault_send(struct tcb *t);

/* fault_load: the fault message of t into w[] (ERIX_FAULT_MSG_WORDS). */
void fault_load(const struct tcb *t, uint64_t *w);

/* fault_reply: the handler's reply (label, n words w[]) to faulted t:
 * resume it with its registers replaced, or leave it stopped. 0 or
 * -ERR_BAD_ADDRESS (nothing changed). */
int fault_reply(struct tcb *t, uint64_t label, const uint64_t *w, unsigned n);

#endif /* KERNEL_IPC_H */
