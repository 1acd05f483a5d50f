/*
 * main.c: the pipe server (lab 6; the protocol is user/include/pipe.h,
 * each pipe's buffer ring.c).
 *
 * What init gives it: P_ENDPOINT, the endpoint it serves (clients hold
 * copies badged PIPE_BADGE_MAIN, or an end's badge, minted here), and
 * P_CONSOLE to print. Nothing else: it holds endpoints and the clients'
 * notifications only.
 *
 * Each pipe has a fixed row: its ring, and four slots of the server's own:
 * the parent capability of each end (PIPE_CLOSE revokes it, so every copy
 * a client made goes with it) and each end's notification (PIPE_NOTIFY).
 * Nothing here blocks but the Recv: a client that cannot go on gets
 * ERR_WOULD_BLOCK, and its notification is signalled when it might.
 */
#include "pipe.h"
#include "proc.h"
#include "ring.h"
#include "rpc.h"

_Static_assert(RING_SIZE == PIPE_BUF_SIZE, "a pipe's buffer is its ring");
_Static_assert(PIPE_IO_MAX <= MSG_DATA_MAX, "a read or write fits a message");

struct pipe {
	bool used;
	bool open[2];          /* [PIPE_END_READ], [PIPE_END_WRITE] */
	bool notify[2];        /* has a notification for that end */
	uint32_t refs[2];      /* capabilities given for each end, not closed */
	erix_cptr_t end[2];    /* each end's capability (the parent) */
	erix_cptr_t bell[2];   /* each end's notification */
	struct ring ring;
};

static struct pipe pipes[PIPE_MAX];
static erix_cptr_t recv_slot; /* where a PIPE_NOTIFY's capability lands */
static struct { uint64_t made, written, read; } stats;

static void offer(void)
{
	ipc_buf()->recv_slots[0] = recv_slot;
	ipc_buf()->recv_count = 1;
}

/* wake: signal end e of p, if it registered a notification. */
static void wake(struct pipe *p, unsigned e)
{
	if (p->open[e] && p->notify[e])
		erix_signal(p->bell[e]);
}

/* create: PIPE_CREATE: a free pipe, its two ends minted; the status. */
static uint64_t create(uint64_t *w, unsigned *caps)
{
	unsigned i = 0;
	while (i < PIPE_MAX && pipes[i].used)
		i++;
	if (i == PIPE_MAX)
		return ERR_NO_SPACE;
	struct pipe *p = &pipes[i];
	for (unsigned e = 0; e < 2; e++) {
		long err = cnode_mint(P_CNODE, p->end[e], P_ENDPOINT,
				      ERIX_RIGHT_WRITE | ERIX_RIGHT_GRANT, PIPE_BADGE_END + 2 * i + e);
		if (err < 0) {
			cnode_delete(P_CNODE, p->end[0]);
			return (uint64_t)-err;
		}
	}
	ring_init(&p->ring);
	p->used = true;
	p->open[0] = p->open[1] = true;
	p->refs[0] = p->refs[1] = 1;
	p->notify[0] = p->notify[1] = false;
	stats.made++;
	w[0] = i;
	ipc_buf()->send_caps[0] = p->end[PIPE_END_READ];
	ipc_buf()->send_caps[1] = p->end[PIPE_END_WRITE];
	*caps = 2;
	return 0;
}

/* close_end: end e of p closed: its capabilities revoked, its
 * notification dropped, the other end told; the pipe is free when both
 * are closed. */
static void close_end(struct pipe *p, unsigned e)
{
	cnode_revoke(P_CNODE, p->end[e]);
	cnode_delete(P_CNODE, p->end[e]);
	if (p->notify[e])
		cnode_delete(P_CNODE, p->bell[e]);
	p->notify[e] = false;
	p->open[e] = false;
	wake(p, !e);
	if (!p->open[!e])
		p->used = false;
}

/* set_notify: PIPE_NOTIFY's capability, in recv_slot, becomes end e's
 * notification (as the console's CONS_NOTIFY). */
static uint64_t set_notify(struct pipe *p, unsigned e, uint64_t info)
{
	uint64_t what = 0;
	if (ERIX_MSGINFO_CAPS(info) < 1)
		return ERR_INVALID;
	if (cap_identify(recv_slot, &what) != 0 ||
	    ERIX_IDENTIFY_TYPE(what) != ERIX_OBJ_NOTIFICATION)
		return ERR_WRONG_TYPE; /* an Endpoint would block our Signal */
	if (!(ERIX_IDENTIFY_RIGHTS(what) & ERIX_RIGHT_WRITE))
		return ERR_RIGHTS;
	if (p->notify[e])
		cnode_delete(P_CNODE, p->bell[e]);
	erix_cptr_t s = p->bell[e];
	p->bell[e] = recv_slot, recv_slot = s;
	p->notify[e] = true;
	return 0;
}

/* on_end: a request on end e of pipe p; the status, w, *len and *caps the
 * reply's words, data bytes and capabilities (in send_caps[]). */
static uint64_t on_end(struct pipe *p, unsigned e, struct erix_msg *m, uint64_t *w,
		       uint64_t *len, unsigned *caps)
{
	switch (ERIX_MSGINFO_LABEL(m->info)) {
	case PIPE_READ: {
		if (e != PIPE_END_READ)
			return ERR_RIGHTS;
		uint64_t want = m->mr[0] < PIPE_IO_MAX ? m->mr[0] : PIPE_IO_MAX;
		if (!ring_used(&p->ring))
			return p->open[PIPE_END_WRITE] ? ERR_WOULD_BLOCK : 0; /* 0: EOF */
		w[0] = *len = ring_get(&p->ring, msg_data(), want);
		stats.read += *len;
		if (*len)
			wake(p, PIPE_END_WRITE);
		return 0;
	}
	case PIPE_WRITE: {
		if (e != PIPE_END_WRITE)
			return ERR_RIGHTS;
		if (m->mr[0] > PIPE_IO_MAX || m->mr[0] > msg_data_len(m->info))
			return ERR_INVALID; /* more than the message holds */
		if (!p->open[PIPE_END_READ])
			return ERR_BROKEN_PIPE;
		if (m->mr[0] && !ring_room(&p->ring))
			return ERR_WOULD_BLOCK;
		w[0] = ring_put(&p->ring, msg_data(), m->mr[0]);
		stats.written += w[0];
		if (w[0])
			wake(p, PIPE_END_READ);
		return 0;
	}
	case PIPE_CLOSE:
		if (--p->refs[e] == 0)
			close_end(p, e); /* the last capability given for it */
		return 0;
	case PIPE_DUP:
		p->refs[e]++;
		ipc_buf()->send_caps[0] = p->end[e];
		*caps = 1;
		return 0;
	case PIPE_NOTIFY:
		return set_notify(p, e, m->info);
	default:
		return ERR_BAD_LABEL;
	}
}

/* handle: one request in m; m becomes the reply. */
static void handle(struct erix_msg *m)
{
	uint64_t info = m->info, label = ERIX_MSGINFO_LABEL(info), status, len = 0;
	uint64_t w[ERIX_MSG_REG_WORDS] = { 0 };
	unsigned caps = 0;
	if (label == PIPE_STATS) {
		uint64_t used = 0;
		for (unsigned i = 0; i < PIPE_MAX; i++)
			used += pipes[i].used;
		w[0] = used, w[1] = stats.made, w[2] = stats.written, w[3] = stats.read;
		status = 0;
	} else if (m->badge == PIPE_BADGE_MAIN) {
		status = label == PIPE_CREATE ? create(w, &caps) : ERR_BAD_LABEL;
	} else if (m->badge >= PIPE_BADGE_END && m->badge < PIPE_BADGE_END + 2 * PIPE_MAX &&
		   pipes[(m->badge - PIPE_BADGE_END) / 2].used) {
		uint64_t b = m->badge - PIPE_BADGE_END;
		struct pipe *p = &pipes[b / 2];
		unsigned e = (unsigned)(b % 2);
		status = p->open[e] ? on_end(p, e, m, w, &len, &caps) : ERR_INVALID;
	} else {
		status = ERR_INVALID; /* unbadged, or an end closed since */
	}
	/* A capability that came with anything but an accepted PIPE_NOTIFY
	 * is not kept: the slot must be empty for the next one. */
	if (ERIX_MSGINFO_CAPS(info) && !(label == PIPE_NOTIFY && !status))
		cnode_delete(P_CNODE, recv_slot);
	if (status)
		len = 0, caps = 0, memset(w, 0, sizeof(w));
	m->info = ERIX_MSGINFO(status, msg_words(len), caps);
	memcpy(m->mr, w, sizeof(w));
}

int main(void)
{
	recv_slot = slot_alloc();
	for (unsigned i = 0; i < PIPE_MAX; i++)
		for (unsigned e = 0; e < 2; e++)
			if (!(pipes[i].end[e] = slot_alloc()) || !(pipes[i].bell[e] = slot_alloc()))
				recv_slot = 0;
	if (!recv_slot) {
		uprintf("pipe: cannot start: no free slots\n");
		return 1;
	}
	uprintf("pipe: %u pipes of %u bytes\n", PIPE_MAX, PIPE_BUF_SIZE);
	struct erix_msg m;
	offer();
	long err = erix_recv(P_ENDPOINT, &m);
	for (;;) {
		if (err < 0) {
			uprintf("pipe: receive failed: %s\n", erix_strerror(err));
			return 1;
		}
		handle(&m);
		offer();
		err = erix_reply_recv(P_ENDPOINT, &m);
	}
}
