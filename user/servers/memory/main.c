/*
 * main.c: the memory server (user/include/memory.h has the protocol).
 *
 * It holds the Untyped capabilities init gives it (procinfo->extra_count
 * of them from P_EXTRA, their sizes in extra_words[]) as the roots of a
 * buddy allocator (pool.c), and serves its endpoint: each request's badge
 * is the client (0: the administrator). The capability operations the
 * allocator asks for are the kernel's calls, below; the CNode slots it
 * takes come from a stack of the free slots procinfo names.
 *
 * A piece goes out with the Reply: a page as a copy of the server's
 * READ|WRITE Frame capability, an Untyped piece moved (the kernel never
 * copies an Untyped), which is why the server keeps the block it was
 * made from (pool.h).
 */
#include "pool.h"
#include "rpc.h"

static struct pool pool;

/* ---- the free slots of the server's CNode ---------------------------------- */

static uint64_t free_slots[1 << PROC_CNODE_BITS];
static unsigned free_count;

/* slots_init: every slot of [start, end) is free, the lowest handed out
 * first. */
static void slots_init(uint64_t start, uint64_t end)
{
	free_count = 0;
	for (uint64_t s = end; s > start && free_count < sizeof(free_slots) / sizeof(free_slots[0]);)
		free_slots[free_count++] = --s;
}

static uint64_t op_slot_alloc(void *ctx)
{
	(void)ctx;
	return free_count ? free_slots[--free_count] : 0;
}

static void op_slot_free(void *ctx, uint64_t slot)
{
	(void)ctx;
	if (free_count < sizeof(free_slots) / sizeof(free_slots[0]))
		free_slots[free_count++] = slot;
}

/* ---- the capability operations (pool.h, struct pool_ops) ------------------- */

static int op_split(void *ctx, uint64_t parent, unsigned bits, uint64_t c0, uint64_t c1)
{
	(void)ctx;
	long err = untyped_retype(parent, ERIX_OBJ_UNTYPED, bits - 1, c0);
	if (!err && (err = untyped_retype(parent, ERIX_OBJ_UNTYPED, bits - 1, c1)))
		cnode_revoke(P_CNODE, parent); /* all or nothing: c0 goes again */
	return (int)err;
}

static int op_merge(void *ctx, uint64_t parent)
{
	(void)ctx;
	return (int)cnode_revoke(P_CNODE, parent);
}

static int op_revoke(void *ctx, uint64_t block)
{
	(void)ctx;
	return (int)cnode_revoke(P_CNODE, block);
}

static int op_make_untyped(void *ctx, uint64_t block, unsigned bits, uint64_t give)
{
	(void)ctx;
	return (int)untyped_retype(block, ERIX_OBJ_UNTYPED, bits, give);
}

static int op_make_frame(void *ctx, uint64_t block, uint64_t frame, uint64_t give)
{
	(void)ctx;
	long err = untyped_retype(block, ERIX_OBJ_FRAME, 0, frame);
	if (!err && (err = cnode_copy(P_CNODE, give, frame, ERIX_RIGHT_READ | ERIX_RIGHT_WRITE)))
		cnode_revoke(P_CNODE, block);
	return (int)err;
}

static int op_mint(void *ctx, uint64_t slot, uint64_t id)
{
	(void)ctx;
	return (int)cnode_mint(P_CNODE, slot, P_ENDPOINT, ERIX_RIGHT_WRITE | ERIX_RIGHT_GRANT, id);
}

static int op_unmint(void *ctx, uint64_t slot)
{
	(void)ctx;
	long err = cnode_revoke(P_CNODE, slot);
	return (int)(err ? err : cnode_delete(P_CNODE, slot));
}

static const struct pool_ops kernel_ops = {
	.split = op_split,
	.merge = op_merge,
	.revoke = op_revoke,
	.make_untyped = op_make_untyped,
	.make_frame = op_make_frame,
	.mint = op_mint,
	.unmint = op_unmint,
	.slot_alloc = op_slot_alloc,
	.slot_free = op_slot_free,
};

/* ---- requests ---------------------------------------------------------------- */

/* A reply in the making: its status, words, and the capability (0: none)
 * it carries; undo says what to take back if that capability cannot be
 * sent (the caller's capability has no GRANT). */
struct reply {
	uint64_t status;
	uint64_t w[ERIX_MSG_REG_WORDS];
	uint64_t cap;
	uint64_t undo_client, undo_handle; /* a piece to free */
	uint64_t undo_drop;                /* a client to drop */
};

/* piece: answer an allocation (pool_alloc's result). */
static void piece(struct reply *r, uint64_t client, int err, uint64_t give, uint64_t handle)
{
	if (err) {
		r->status = (uint64_t)-err;
		return;
	}
	r->w[0] = handle;
	r->cap = give;
	r->undo_client = client, r->undo_handle = handle;
}

/* handle: one request from the client `badge` (0: the administrator). */
static void handle(const struct erix_msg *m, struct reply *r)
{
	uint64_t badge = m->badge, give = 0, h = 0;
	uint64_t label = ERIX_MSGINFO_LABEL(m->info);
	bool admin = badge == 0;
	struct pool_client *c = admin ? NULL : pool_client_find(&pool, badge);
	if (!admin && !c) {
		r->status = ERR_RIGHTS; /* a dropped client's badge */
		return;
	}
	switch (label) {
	case MEM_UNTYPED:
	case MEM_FRAME:
		if (admin) {
			r->status = ERR_RIGHTS; /* the administrator holds no pieces */
			return;
		}
		break;
	case MEM_NEW_CLIENT:
	case MEM_DROP_CLIENT:
	case MEM_UNTYPED_FOR:
		if (!admin) {
			r->status = ERR_RIGHTS;
			return;
		}
		break;
	}
	int err;
	switch (label) {
	case MEM_UNTYPED:
		err = pool_alloc(&pool, badge, m->mr[0], false, &give, &h);
		piece(r, badge, err, give, h);
		break;
	case MEM_FRAME:
		err = pool_alloc(&pool, badge, MEM_MIN_BITS, true, &give, &h);
		piece(r, badge, err, give, h);
		break;
	case MEM_UNTYPED_FOR:
		err = pool_alloc(&pool, m->mr[0], m->mr[1], false, &give, &h);
		piece(r, m->mr[0], err, give, h);
		break;
	case MEM_FREE: /* the administrator (badge 0) may free any piece */
		r->status = (uint64_t)-pool_free(&pool, badge, m->mr[0]);
		break;
	case MEM_STATS:
		r->w[0] = pool_free_bytes(&pool);
		r->w[1] = c ? c->used : 0;
		r->w[2] = c ? c->quota : 0;
		break;
	case MEM_NEW_CLIENT: {
		uint64_t id, slot;
		err = pool_client_new(&pool, m->mr[0], &id, &slot);
		if (err) {
			r->status = (uint64_t)-err;
			break;
		}
		r->w[0] = id;
		r->cap = slot;
		r->undo_drop = id;
		break;
	}
	case MEM_DROP_CLIENT:
		r->status = (uint64_t)-pool_drop_client(&pool, m->mr[0]);
		break;
	default:
		r->status = ERR_BAD_LABEL;
		break;
	}
}

/* undo: the reply's capability could not go: take back what it gave. */
static void undo(struct reply *r)
{
	if (r->undo_handle)
		pool_free(&pool, r->undo_client, r->undo_handle);
	if (r->undo_drop)
		pool_drop_client(&pool, r->undo_drop);
	*r = (struct reply){ .status = ERR_RIGHTS };
}

/* load: put the reply into m and the IPC buffer. */
static void load(struct erix_msg *m, const struct reply *r)
{
	struct erix_ipc_buffer *b = ipc_buf();
	if (r->cap)
		b->send_caps[0] = r->cap;
	b->recv_count = 0; /* the server takes no capabilities */
	m->info = ERIX_MSGINFO(r->status, msg_words(0), r->cap ? 1 : 0);
	memcpy(m->mr, r->w, sizeof(r->w));
}

int main(void)
{
	if (!procinfo) {
		uprintf("memory: no proc_info\n");
		return 1;
	}
	pool_init(&pool, &kernel_ops, NULL);
	slots_init(procinfo->free_start, procinfo->free_end);
	unsigned roots = 0;
	for (uint64_t i = 0; i < procinfo->extra_count && i < PROC_MAX_EXTRA; i++)
		if (pool_add_root(&pool, P_EXTRA + i, procinfo->extra_words[i]) == 0)
			roots++;
	uprintf("memory: %lu KiB free in %u blocks\n",
		(unsigned long)(pool_free_bytes(&pool) >> 10), roots);

	struct erix_msg m;
	ipc_buf()->recv_count = 0;
	long err = erix_recv(P_ENDPOINT, &m);
	for (;;) {
		if (err < 0) {
			uprintf("memory: receive failed: %s\n", erix_strerror(err));
			return 1;
		}
		struct reply r = { 0 };
		handle(&m, &r);
		load(&m, &r);
		err = erix_reply_recv(P_ENDPOINT, &m);
		if (err == -ERR_RIGHTS && r.cap) {
			/* The Call came without GRANT: the capability cannot go
			 * back with the reply; nothing was sent yet. */
			undo(&r);
			load(&m, &r);
			err = erix_reply_recv(P_ENDPOINT, &m);
		}
	}
}
