/*
 * ipc_decode.c: the IPC system calls, checked (erix/ipc.h): which
 * capability, which rights, how many capabilities a message may carry.
 * Everything a thread can get wrong is found here and returned as an
 * error before anything happens; ipc.c and notification.c then carry the
 * call out.
 */
#include "ipc.h"
#include "cspace.h"
#include "syscall.h"
#include "tcb.h"
#include <erix/errors.h>
#include <erix/ipc.h>
#include <erix/syscall.h>

/* check_send_caps: the capabilities the message `info` of t would carry:
 * at most ERIX_MSG_MAX_CAPS, named in t's IPC buffer (it needs one), each
 * one there, and sent through a capability with GRANT. */
static int check_send_caps(struct tcb *t, uint64_t info, unsigned rights)
{
	unsigned n = ERIX_MSGINFO_CAPS(info);
	if (!n)
		return 0;
	if (n > ERIX_MSG_MAX_CAPS)
		return -ERR_INVALID;
	if (!(rights & ERIX_RIGHT_GRANT))
		return -ERR_RIGHTS;
	const struct erix_ipc_buffer *b = ipc_buffer_of(t);
	if (!b)
		return -ERR_INVALID;
	for (unsigned i = 0; i < n; i++) {
		struct cte *c;
		int err = cspace_lookup_cap(t, b->send_caps[i], ERIX_OBJ_NULL, 0, &c);
		if (err)
			return err;
	}
	return 0;
}

/* check_reply_caps: the capabilities a Reply of t would carry, as for a
 * send: GRANT is the Call's (the caller's capability had it). With
 * nobody to reply to there is nothing to check (ipc_reply says so). */
static int check_reply_caps(struct tcb *t, uint64_t info)
{
	if (!t->reply_to || (t->reply_to->ipc_flags & IPC_FAULT))
		return 0;
	return check_send_caps(t, info,
			       t->reply_to->ipc_flags & IPC_GRANT ? ERIX_RIGHT_GRANT : 0);
}

/* lookup_ipc_cap: the Endpoint or Notification rdi names, with `rights`. */
static int lookup_ipc_cap(struct tcb *t, uint64_t cptr, unsigned rights, bool notification_ok,
			  struct cte **c)
{
	int err = cspace_lookup_cap(t, cptr, ERIX_OBJ_NULL, 0, c);
	if (err)
		return err;
	unsigned type = (*c)->cap.type;
	if (type != ERIX_OBJ_ENDPOINT && !(notification_ok && type == ERIX_OBJ_NOTIFICATION))
		return -ERR_WRONG_TYPE;
	if (((*c)->cap.rights & rights) != rights)
		return -ERR_RIGHTS;
	return 0;
}

/* send: Send, NBSend or Call (flags IPC_CALL) through the capability c. */
static int send(struct tcb *t, struct cte *c, uint64_t info, unsigned flags, bool block)
{
	if (c->cap.type == ERIX_OBJ_NOTIFICATION) { /* Signal */
		notification_signal((struct notification *)c->cap.obj, c->cap.badge);
		return 0;
	}
	int err = check_send_caps(t, info, c->cap.rights);
	if (err)
		return err;
	if (c->cap.rights & ERIX_RIGHT_GRANT)
		flags |= IPC_GRANT;
	return ipc_send(t, (struct endpoint *)c->cap.obj, info, c->cap.badge, flags, block);
}

/* recv: Recv or NBRecv (Wait or Poll) on the capability c. */
static int recv(struct tcb *t, struct cte *c, bool block)
{
	if (c->cap.type == ERIX_OBJ_NOTIFICATION)
		return notification_wait(t, (struct notification *)c->cap.obj, block);
	return ipc_recv(t, (struct endpoint *)c->cap.obj, block);
}

int ipc_syscall(struct tcb *t, const struct invocation *inv)
{
	struct cte *c;
	uint64_t info = inv->label; /* rsi */
	bool block = inv->nr != ERIX_SYS_NBSEND && inv->nr != ERIX_SYS_NBRECV;
	int err;
	switch (inv->nr) {
	case ERIX_SYS_SEND:
	case ERIX_SYS_NBSEND:
		if ((err = lookup_ipc_cap(t, inv->cptr, ERIX_RIGHT_WRITE, true, &c)))
			return err;
		return send(t, c, info, 0, block);
	case ERIX_SYS_IPC_CALL:
		if ((err = lookup_ipc_cap(t, inv->cptr, ERIX_RIGHT_WRITE, false, &c)))
			return err;
		return send(t, c, info, IPC_CALL, true);
	case ERIX_SYS_RECV:
	case ERIX_SYS_NBRECV:
		if ((err = lookup_ipc_cap(t, inv->cptr, ERIX_RIGHT_READ, true, &c)))
			return err;
		return recv(t, c, block);
	case ERIX_SYS_REPLY:
		if ((err = check_reply_caps(t, info)))
			return err;
		return ipc_reply(t, info);
	case ERIX_SYS_REPLY_RECV:
		/* The endpoint first: a bad one fails the call before the
		 * reply is used up. A failing reply (nobody to reply to) does
		 * not stop the receive: a server's loop starts with one. */
		if ((err = lookup_ipc_cap(t, inv->cptr, ERIX_RIGHT_READ, false, &c)) ||
		    (err = check_reply_caps(t, info)))
			return err;
		err = ipc_reply(t, info);
		if (err && err != -ERR_NO_REPLY)
			return err;
		return recv(t, c, true);
	default:
		return -ERR_NO_SYSCALL;
	}
}
