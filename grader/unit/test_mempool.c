/*
 * test_mempool.c: the memory server's buddy allocator
 * (user/servers/memory/pool.c), against a model of the capabilities it
 * asks for.
 *
 * The pool's capability operations (struct pool_ops) are played by a
 * model CNode that refuses every call the kernel would refuse or that
 * would hurt a client: splitting a block that is split, a page or handed
 * out; merging a parent whose halves are not both free; revoking a block
 * that is not a piece (a split one above all); an Untyped piece not
 * smaller than its block; a slot used before it was allocated, allocated
 * twice, or given back while it holds a capability (an Untyped piece the
 * Reply moved away still counts until its block is revoked: the model
 * moves three pieces in four, as a client that offered a slot would).
 * After every call the pool's records are checked against the model: the
 * free bytes exact, every block's state what its capability says, no two
 * free buddies, no slot leaked, every client's bytes in use the sum of
 * its pieces and within its quota.
 *
 *  - expectations computed from the model for every call: the error, in
 *    the order pool.h gives (bits, client, quota, memory, slots), the
 *    size of the piece, the smallest fit (the number of splits);
 *  - named cases: quota boundaries, bounds, other clients' and bogus
 *    handles, double frees, out of memory, the smallest fit, slot
 *    exhaustion at every limit, failed splits and frames, drops;
 *  - random runs (allocations, pages, frees of anyone's handles, drops,
 *    new clients, small slot pools, injected failures) that end with
 *    everything freed or dropped: the pool is exactly where it started.
 */
#include "unit.h"
#include "../../user/servers/memory/pool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the model CNode ------------------------------------------------------ */

/* A slot's content. M_PIECE is an Untyped piece still in the server's
 * slot, M_MOVED one that the Reply moved to the client: the slot is empty
 * but the capability lives on as the block's child, until the block is
 * revoked (a slot may be given back only after that). */
enum mkind { M_EMPTY, M_UNTYPED, M_FRAME, M_COPY, M_MINT, M_PIECE, M_MOVED };

#define M_SLOTS 2048
#define ROOT_SLOT 16 /* the roots, as P_EXTRA.. */
#define POOL_SLOT 64 /* the slots the pool may allocate: POOL_SLOT.. */
#define INJECTED (-ERR_IN_USE) /* what an injected failure returns */

struct mslot {
	int kind;
	unsigned bits;
	int64_t parent; /* the slot it was made from (-1: none) */
	int nchild;     /* capabilities made from it */
	bool given;     /* a piece: a client holds a child of it */
	bool pooled;    /* allocated from the slot pool */
	uint64_t badge;
};

static struct {
	struct mslot s[M_SLOTS];
	unsigned limit;    /* the slot pool: [POOL_SLOT, POOL_SLOT + limit) */
	unsigned nalloc;   /* slots allocated now */
	unsigned nroots;
	uint64_t total;    /* the roots' bytes */
	int inject;        /* fail the inject-th split or make_frame (0: none) */
	bool injected;     /* that happened */
	unsigned splits;   /* split calls so far */
} M;

static struct pool pool;

static uint64_t rng;
static uint64_t rnd(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return rng;
}

static struct mslot *ms(uint64_t slot, const char *op)
{
	EXPECT(slot > 0 && slot < M_SLOTS, "%s: slot %lu is not a slot of the CNode", op,
	       (unsigned long)slot);
	return &M.s[slot];
}

/* fresh: slot was allocated from the pool and is empty (a destination). */
static void fresh(uint64_t slot, const char *op)
{
	struct mslot *d = ms(slot, op);
	EXPECT(d->pooled, "%s: slot %lu was never allocated (or was given back)", op,
	       (unsigned long)slot);
	EXPECT(d->kind == M_EMPTY, "%s: slot %lu is not empty", op, (unsigned long)slot);
}

static bool inject_now(void)
{
	if (M.inject && --M.inject == 0) {
		M.injected = true;
		return true;
	}
	return false;
}

static void make(uint64_t slot, int kind, unsigned bits, int64_t parent)
{
	M.s[slot] = (struct mslot){ .kind = kind, .bits = bits, .parent = parent,
				    .pooled = M.s[slot].pooled };
	if (parent >= 0)
		M.s[parent].nchild++;
}

/* clear: slot's capability is gone (with what was made from it). */
static void clear(uint64_t slot)
{
	for (uint64_t i = 1; i < M_SLOTS; i++)
		if (M.s[i].kind != M_EMPTY && M.s[i].parent == (int64_t)slot)
			clear(i);
	bool pooled = M.s[slot].pooled;
	M.s[slot] = (struct mslot){ .kind = M_EMPTY, .parent = -1, .pooled = pooled };
}

static int m_split(void *ctx, uint64_t parent, unsigned bits, uint64_t c0, uint64_t c1)
{
	(void)ctx;
	M.splits++;
	struct mslot *p = ms(parent, "split");
	EXPECT(p->kind == M_UNTYPED, "split: slot %lu holds no Untyped", (unsigned long)parent);
	EXPECT(p->bits == bits, "split: slot %lu is 2^%u bytes, not 2^%u", (unsigned long)parent,
	       p->bits, bits);
	EXPECT(!p->nchild, "split: slot %lu has children (split already, or a page)",
	       (unsigned long)parent);
	EXPECT(!p->given, "split: slot %lu is a client's piece", (unsigned long)parent);
	EXPECT(bits > MEM_MIN_BITS, "split: 2^%u bytes would make halves below a page", bits);
	fresh(c0, "split"), fresh(c1, "split");
	EXPECT(c0 != c1, "split: both halves into slot %lu", (unsigned long)c0);
	if (inject_now())
		return INJECTED;
	make(c0, M_UNTYPED, bits - 1, (int64_t)parent);
	make(c1, M_UNTYPED, bits - 1, (int64_t)parent);
	return 0;
}

static int m_merge(void *ctx, uint64_t parent)
{
	(void)ctx;
	struct mslot *p = ms(parent, "merge");
	EXPECT(p->kind == M_UNTYPED && p->nchild == 2 && !p->given,
	       "merge: slot %lu is not a split block", (unsigned long)parent);
	for (uint64_t i = 1; i < M_SLOTS; i++)
		if (M.s[i].kind != M_EMPTY && M.s[i].parent == (int64_t)parent) {
			EXPECT(M.s[i].kind == M_UNTYPED && !M.s[i].nchild && !M.s[i].given,
			       "merge: slot %lu's half in slot %lu is not free: its memory would be "
			       "taken from under it",
			       (unsigned long)parent, (unsigned long)i);
		}
	for (uint64_t i = 1; i < M_SLOTS; i++)
		if (M.s[i].kind != M_EMPTY && M.s[i].parent == (int64_t)parent)
			clear(i);
	p->nchild = 0;
	return 0;
}

static int m_revoke(void *ctx, uint64_t block)
{
	(void)ctx;
	struct mslot *b = ms(block, "revoke");
	EXPECT(b->kind == M_UNTYPED, "revoke: slot %lu holds no block", (unsigned long)block);
	for (uint64_t i = 1; i < M_SLOTS; i++)
		EXPECT(!(M.s[i].kind == M_UNTYPED && M.s[i].parent == (int64_t)block),
		       "revoke: slot %lu is still split (its halves' slots would empty)",
		       (unsigned long)block);
	EXPECT(b->given, "revoke: slot %lu is not a piece anyone holds", (unsigned long)block);
	for (uint64_t i = 1; i < M_SLOTS; i++)
		if (M.s[i].kind != M_EMPTY && M.s[i].parent == (int64_t)block)
			clear(i);
	b->nchild = 0;
	b->given = false;
	return 0;
}

static int m_make_untyped(void *ctx, uint64_t block, unsigned bits, uint64_t give)
{
	(void)ctx;
	struct mslot *b = ms(block, "make_untyped");
	EXPECT(b->kind == M_UNTYPED, "make_untyped: slot %lu holds no Untyped", (unsigned long)block);
	EXPECT(!b->nchild && !b->given, "make_untyped: slot %lu is in use", (unsigned long)block);
	EXPECT(bits < b->bits, "make_untyped: 2^%u from slot %lu of 2^%u (an Untyped's children are "
			       "smaller)", bits, (unsigned long)block, b->bits);
	fresh(give, "make_untyped");
	if (inject_now())
		return INJECTED;
	make(give, M_PIECE, bits, (int64_t)block);
	return 0;
}

static int m_make_frame(void *ctx, uint64_t block, uint64_t frame, uint64_t give)
{
	(void)ctx;
	struct mslot *b = ms(block, "make_frame");
	EXPECT(b->kind == M_UNTYPED && b->bits == POOL_PAGE_BITS,
	       "make_frame: slot %lu is no 2^12-byte Untyped", (unsigned long)block);
	EXPECT(!b->nchild && !b->given, "make_frame: slot %lu is in use", (unsigned long)block);
	fresh(frame, "make_frame"), fresh(give, "make_frame");
	EXPECT(frame != give, "make_frame: the Frame and its copy in one slot");
	if (inject_now())
		return INJECTED;
	make(frame, M_FRAME, POOL_PAGE_BITS, (int64_t)block);
	make(give, M_COPY, POOL_PAGE_BITS, (int64_t)frame);
	return 0;
}

static int m_mint(void *ctx, uint64_t slot, uint64_t id)
{
	(void)ctx;
	fresh(slot, "mint");
	EXPECT(id != 0, "mint: badge 0 is the administrator's");
	for (uint64_t i = 1; i < M_SLOTS; i++)
		EXPECT(!(M.s[i].kind == M_MINT && M.s[i].badge == id),
		       "mint: badge %lu is live already", (unsigned long)id);
	make(slot, M_MINT, 0, -1);
	M.s[slot].badge = id;
	return 0;
}

static int m_unmint(void *ctx, uint64_t slot)
{
	(void)ctx;
	EXPECT(ms(slot, "unmint")->kind == M_MINT, "unmint: slot %lu holds no client's capability",
	       (unsigned long)slot);
	clear(slot);
	return 0;
}

static uint64_t m_slot_alloc(void *ctx)
{
	(void)ctx;
	if (M.nalloc >= M.limit)
		return 0;
	unsigned start = (unsigned)(rnd() % M.limit);
	for (unsigned k = 0; k < M.limit; k++) {
		uint64_t s = POOL_SLOT + (start + k) % M.limit;
		if (!M.s[s].pooled) {
			EXPECT(M.s[s].kind == M_EMPTY, "model: a free slot holds a capability");
			M.s[s].pooled = true;
			M.nalloc++;
			return s;
		}
	}
	ck_abort_msg("model: slot count wrong");
	return 0;
}

static void m_slot_free(void *ctx, uint64_t slot)
{
	(void)ctx;
	struct mslot *d = ms(slot, "slot_free");
	EXPECT(d->pooled, "slot_free: slot %lu is not allocated (freed twice?)", (unsigned long)slot);
	EXPECT(d->kind == M_EMPTY, "slot_free: slot %lu still holds a capability: it would be reused",
	       (unsigned long)slot);
	d->pooled = false;
	M.nalloc--;
}

static const struct pool_ops model_ops = {
	.split = m_split, .merge = m_merge, .revoke = m_revoke, .make_untyped = m_make_untyped,
	.make_frame = m_make_frame,
	.mint = m_mint, .unmint = m_unmint, .slot_alloc = m_slot_alloc, .slot_free = m_slot_free,
};

/* ---- what the test knows: clients and pieces ---------------------------------- */

struct tclient {
	uint64_t id, quota, used, slot;
	bool live;
};
struct piece {
	uint64_t handle, owner, slot, block;
	unsigned bits;
	bool frame, live;
};

#define MAX_TCLIENTS 256
#define MAX_PIECES 8192
static struct tclient tc[MAX_TCLIENTS];
static unsigned ntc;
static struct piece pc[MAX_PIECES];
static unsigned npc;

static struct tclient *tclient(uint64_t id)
{
	for (unsigned i = 0; i < ntc; i++)
		if (tc[i].id == id && tc[i].live)
			return &tc[i];
	return NULL;
}

/* setup: a fresh pool with these roots (bits, 0-terminated) and a slot
 * pool of `limit` slots. */
static void setup(const unsigned *roots, unsigned limit)
{
	memset(&M, 0, sizeof(M));
	for (unsigned i = 0; i < M_SLOTS; i++)
		M.s[i].parent = -1;
	M.limit = limit;
	ntc = npc = 0;
	pool_init(&pool, &model_ops, NULL);
	for (unsigned i = 0; roots[i]; i++) {
		uint64_t s = ROOT_SLOT + i;
		M.s[s] = (struct mslot){ .kind = M_UNTYPED, .bits = roots[i], .parent = -1 };
		EXPECT(pool_add_root(&pool, s, roots[i]) == 0, "pool_add_root(2^%u) failed", roots[i]);
		M.total += 1ull << roots[i];
		M.nroots++;
	}
}

static uint64_t model_free(void)
{
	uint64_t sum = 0;
	for (unsigned i = 1; i < M_SLOTS; i++)
		if (M.s[i].kind == M_UNTYPED && !M.s[i].nchild && !M.s[i].given)
			sum += 1ull << M.s[i].bits;
	return sum;
}

/* check_all: the pool's records against the model and the test's own. */
static void check_all(const char *after)
{
	uint64_t free = model_free(), held = 0;
	EXPECT(pool_free_bytes(&pool) == free, "after %s: pool_free_bytes %lu, the model has %lu free",
	       after, (unsigned long)pool_free_bytes(&pool), (unsigned long)free);
	for (unsigned i = 0; i < npc; i++)
		if (pc[i].live)
			held += 1ull << M.s[pc[i].block].bits;
	EXPECT(free + held == M.total, "after %s: %lu free + %lu held != %lu in all", after,
	       (unsigned long)free, (unsigned long)held, (unsigned long)M.total);
	unsigned untypeds = 0, live = 0;
	for (unsigned i = 1; i < M_SLOTS; i++) {
		untypeds += M.s[i].kind == M_UNTYPED;
		if (M.s[i].pooled)
			EXPECT(M.s[i].kind != M_EMPTY,
			       "after %s: slot %u allocated but empty: a leaked slot", after, i);
		live += M.s[i].kind != M_EMPTY && i >= POOL_SLOT;
	}
	EXPECT(live == M.nalloc, "after %s: %u live capabilities in %u allocated slots", after, live,
	       M.nalloc);
	EXPECT(pool_blocks(&pool) == untypeds, "after %s: %u block records for %u Untypeds", after,
	       pool_blocks(&pool), untypeds);
	for (int i = 0; i < POOL_MAX_BLOCKS; i++) {
		const struct block *b = &pool.blocks[i];
		if (b->state == BLOCK_NONE)
			continue;
		const struct mslot *s = ms(b->slot, after);
		EXPECT(s->kind == M_UNTYPED && s->bits == b->bits,
		       "after %s: block %d (slot %lu, 2^%u) is not that Untyped", after, i,
		       (unsigned long)b->slot, b->bits);
		if (b->state == BLOCK_FREE)
			EXPECT(!s->nchild && !s->given, "after %s: block %d is FREE but in use", after, i);
		if (b->state == BLOCK_USED)
			EXPECT(s->given, "after %s: block %d is USED but no client holds it", after, i);
		if (b->state == BLOCK_SPLIT) {
			EXPECT(s->nchild == 2 && !s->given, "after %s: block %d is SPLIT but not", after,
			       i);
			const struct block *c0 = &pool.blocks[b->child[0]], *c1 = &pool.blocks[b->child[1]];
			EXPECT(c0->parent == i && c1->parent == i && c0->state != BLOCK_NONE &&
				       c1->state != BLOCK_NONE,
			       "after %s: block %d's halves are not its", after, i);
			EXPECT(M.s[c0->slot].parent == (int64_t)b->slot &&
				       M.s[c1->slot].parent == (int64_t)b->slot,
			       "after %s: block %d's halves are not its children", after, i);
			EXPECT(!(c0->state == BLOCK_FREE && c1->state == BLOCK_FREE),
			       "after %s: block %d's halves are both free and were not merged", after, i);
		}
	}
	for (unsigned i = 0; i < ntc; i++) {
		struct pool_client *c = pool_client_find(&pool, tc[i].id);
		if (!tc[i].live) {
			EXPECT(!c, "after %s: dropped client %lu still found", after,
			       (unsigned long)tc[i].id);
			continue;
		}
		EXPECT(c, "after %s: client %lu lost", after, (unsigned long)tc[i].id);
		EXPECT(c->used == tc[i].used && c->quota == tc[i].quota,
		       "after %s: client %lu: used %lu quota %lu, expected %lu and %lu", after,
		       (unsigned long)tc[i].id, (unsigned long)c->used, (unsigned long)c->quota,
		       (unsigned long)tc[i].used, (unsigned long)tc[i].quota);
		EXPECT(M.s[tc[i].slot].kind == M_MINT && M.s[tc[i].slot].badge == tc[i].id,
		       "after %s: client %lu's capability is gone", after, (unsigned long)tc[i].id);
	}
	for (unsigned i = 0; i < npc; i++)
		if (pc[i].live)
			EXPECT(M.s[pc[i].block].given,
			       "after %s: piece %lu (client %lu) was taken from its holder", after,
			       (unsigned long)pc[i].handle, (unsigned long)pc[i].owner);
}

/* ---- the calls, with their expected results --------------------------------- */

static uint64_t t_new_client(uint64_t quota)
{
	uint64_t id = 0, slot = 0;
	unsigned live = 0;
	for (unsigned i = 0; i < ntc; i++)
		live += tc[i].live;
	int expect = live == POOL_MAX_CLIENTS || M.nalloc == M.limit ? -ERR_NO_SPACE : 0;
	int r = pool_client_new(&pool, quota, &id, &slot);
	EXPECT(r == expect, "pool_client_new with %u clients, %u of %u slots: %s", live, M.nalloc,
	       M.limit, unit_err_name(r));
	if (r) {
		check_all("a refused pool_client_new");
		return 0;
	}
	EXPECT(id != 0, "pool_client_new: id 0 is the administrator's");
	for (unsigned i = 0; i < ntc; i++)
		EXPECT(tc[i].id != id, "pool_client_new: id %lu given out twice", (unsigned long)id);
	EXPECT(ntc < MAX_TCLIENTS, "test: too many clients");
	tc[ntc++] = (struct tclient){ .id = id, .quota = quota, .slot = slot, .live = true };
	return id;
}

/* smallest_free: the smallest free Untyped of at least 2^bits in the
 * model (0: none). */
static unsigned smallest_free(unsigned bits)
{
	unsigned best = 0;
	for (unsigned i = 1; i < M_SLOTS; i++) {
		const struct mslot *s = &M.s[i];
		if (s->kind == M_UNTYPED && !s->nchild && !s->given && s->bits >= bits &&
		    (!best || s->bits < best))
			best = s->bits;
	}
	return best;
}

/* t_alloc: pool_alloc, checked; the expected result computed first. With
 * inject n, the n-th split or make_frame fails. Returns the result. */
static int t_alloc(uint64_t client, uint64_t bits, bool frame, int inject)
{
	if (frame)
		bits = MEM_MIN_BITS;
	struct tclient *c = tclient(client);
	int expect = 0;
	unsigned k = 0, need = frame ? POOL_PAGE_BITS : (unsigned)bits + 1;
	if (bits < MEM_MIN_BITS || bits > MEM_MAX_BITS)
		expect = -ERR_INVALID;
	else if (!c)
		expect = -ERR_NOT_FOUND;
	else if ((1ull << bits) > c->quota - c->used)
		expect = -ERR_QUOTA;
	else if (!(k = smallest_free(need)))
		expect = -ERR_NO_MEMORY;
	else if (M.limit - M.nalloc < 2 * (k - need) + (frame ? 2 : 1))
		expect = -ERR_NO_SPACE;
	uint64_t free0 = pool_free_bytes(&pool);
	unsigned blocks0 = pool_blocks(&pool), nalloc0 = M.nalloc, splits0 = M.splits;
	uint64_t give = 0, handle = 0;
	M.inject = inject, M.injected = false;
	int r = pool_alloc(&pool, client, bits, frame, &give, &handle);
	bool injected = M.injected;
	M.inject = 0, M.injected = false;
	if (injected)
		expect = INJECTED;
	EXPECT(r == expect, "pool_alloc(client %lu, 2^%lu%s): %s, expected %s", (unsigned long)client,
	       (unsigned long)bits, frame ? ", a page" : "", unit_err_name(r),
	       unit_err_name(expect));
	if (r) {
		EXPECT(pool_free_bytes(&pool) == free0 && pool_blocks(&pool) == blocks0 &&
			       M.nalloc == nalloc0,
		       "pool_alloc failed (%s) but changed the pool: free %lu -> %lu, blocks %u -> "
		       "%u, slots %u -> %u",
		       unit_err_name(r), (unsigned long)free0, (unsigned long)pool_free_bytes(&pool),
		       blocks0, pool_blocks(&pool), nalloc0, M.nalloc);
		check_all("a failed pool_alloc");
		return r;
	}
	EXPECT(M.splits - splits0 == k - need,
	       "pool_alloc(2^%lu): %u splits, but the smallest free block of 2^%u or more is 2^%u",
	       (unsigned long)bits, M.splits - splits0, need, k);
	EXPECT(handle != 0, "pool_alloc: handle 0");
	for (unsigned i = 0; i < npc; i++)
		EXPECT(pc[i].handle != handle, "pool_alloc: handle %lu given out twice",
		       (unsigned long)handle);
	struct mslot *g = ms(give, "the piece handed out");
	EXPECT(g->kind == (frame ? M_COPY : M_PIECE) && g->bits == bits,
	       "pool_alloc(2^%lu%s): slot %lu holds no %s of that size", (unsigned long)bits,
	       frame ? ", a page" : "", (unsigned long)give, frame ? "Frame copy" : "Untyped piece");
	uint64_t block = (uint64_t)(frame ? M.s[g->parent].parent : g->parent);
	struct mslot *b = ms(block, "the piece's block");
	EXPECT(b->kind == M_UNTYPED && b->bits == need && !b->given && b->nchild == 1,
	       "pool_alloc(2^%lu): the piece's block (slot %lu, 2^%u) is not a fresh block of 2^%u",
	       (unsigned long)bits, (unsigned long)block, b->bits, need);
	b->given = true;
	if (!frame && rnd() % 4) /* the Reply moves it (else the client offered no slot) */
		g->kind = M_MOVED;
	EXPECT(npc < MAX_PIECES, "test: too many pieces");
	pc[npc++] = (struct piece){ .handle = handle, .owner = client, .slot = give, .block = block,
				    .bits = (unsigned)bits, .frame = frame, .live = true };
	c->used += 1ull << bits;
	check_all("pool_alloc");
	return 0;
}

static struct piece *piece_of(uint64_t handle)
{
	for (unsigned i = 0; i < npc; i++)
		if (pc[i].handle == handle && pc[i].live)
			return &pc[i];
	return NULL;
}

/* t_free: pool_free, checked. */
static int t_free(uint64_t client, uint64_t handle)
{
	struct piece *x = piece_of(handle);
	int expect = x && (!client || x->owner == client) ? 0 : -ERR_NOT_FOUND;
	int r = pool_free(&pool, client, handle);
	EXPECT(r == expect, "pool_free(client %lu, handle %lu): %s, expected %s",
	       (unsigned long)client, (unsigned long)handle, unit_err_name(r), unit_err_name(expect));
	if (!r) {
		x->live = false;
		struct tclient *c = tclient(x->owner);
		if (c)
			c->used -= 1ull << x->bits;
	}
	check_all("pool_free");
	return r;
}

/* t_drop: pool_drop_client, checked. */
static int t_drop(uint64_t id)
{
	struct tclient *c = tclient(id);
	int r = pool_drop_client(&pool, id);
	EXPECT(r == (c ? 0 : -ERR_NOT_FOUND), "pool_drop_client(%lu): %s", (unsigned long)id,
	       unit_err_name(r));
	if (!r) {
		for (unsigned i = 0; i < npc; i++)
			if (pc[i].owner == id)
				pc[i].live = false;
		c->live = false;
		EXPECT(M.s[c->slot].kind == M_EMPTY && !M.s[c->slot].pooled,
		       "pool_drop_client(%lu): its capability's slot %lu not unminted and given back",
		       (unsigned long)id, (unsigned long)c->slot);
	}
	check_all("pool_drop_client");
	return r;
}

/* check_back: everything went back: the pool is as it started. */
static void check_back(const char *after)
{
	EXPECT(pool_free_bytes(&pool) == M.total, "after %s: %lu of %lu bytes free", after,
	       (unsigned long)pool_free_bytes(&pool), (unsigned long)M.total);
	EXPECT(pool_blocks(&pool) == M.nroots, "after %s: %u blocks, not the %u roots", after,
	       pool_blocks(&pool), M.nroots);
	EXPECT(M.nalloc == 0, "after %s: %u slots still allocated", after, M.nalloc);
	for (unsigned i = 0; i < M.nroots; i++)
		EXPECT(!M.s[ROOT_SLOT + i].nchild, "after %s: root %u not merged back", after, i);
}

/* free_all: every live piece freed by its owner, every client dropped. */
static void free_all(void)
{
	for (unsigned i = 0; i < npc; i++)
		if (pc[i].live)
			EXPECT(t_free(pc[i].owner, pc[i].handle) == 0, "free_all: free failed");
	for (unsigned i = 0; i < ntc; i++)
		if (tc[i].live)
			t_drop(tc[i].id);
}

/* ---- named cases ----------------------------------------------------------- */

#define PAGE 4096ull

START_TEST(test_quota_boundary)
{
	static const unsigned roots[] = { 22, 0 };
	setup(roots, 1000);
	uint64_t a = t_new_client(3 * PAGE);
	EXPECT(t_alloc(a, 13, false, 0) == 0, "2 pages of a 3-page quota refused");
	EXPECT(t_alloc(a, 0, true, 0) == 0, "the quota exactly reached refused");
	EXPECT(t_alloc(a, 0, true, 0) == -ERR_QUOTA, "one page over the quota accepted");
	EXPECT(t_alloc(a, 12, false, 0) == -ERR_QUOTA, "one page over the quota accepted");
	uint64_t b = t_new_client(4 * PAGE - 1);
	EXPECT(t_alloc(b, 14, false, 0) == -ERR_QUOTA, "4 pages on a quota a byte short accepted");
	EXPECT(t_alloc(b, 13, false, 0) == 0, "2 pages refused");
	EXPECT(t_alloc(b, 13, false, 0) == -ERR_QUOTA, "4 pages on a quota a byte short accepted");
	EXPECT(t_alloc(b, 12, false, 0) == 0, "3 pages refused");
	uint64_t z = t_new_client(0);
	EXPECT(t_alloc(z, 12, false, 0) == -ERR_QUOTA, "a page on a quota of 0 accepted");
	uint64_t big = t_new_client(~0ull);
	EXPECT(t_alloc(big, 19, false, 0) == 0, "2^19 on an unlimited quota refused");
	EXPECT(t_alloc(big, 18, false, 0) == 0, "2^18 on an unlimited quota refused");
	/* the quota comes back with a free */
	EXPECT(t_free(a, pc[0].handle) == 0, "free refused");
	EXPECT(t_alloc(a, 13, false, 0) == 0, "the quota not given back by a free");
	free_all();
	check_back("freeing everything");
}
END_TEST

START_TEST(test_bounds)
{
	static const unsigned roots[] = { 25, 14, 0 };
	setup(roots, 1000);
	uint64_t a = t_new_client(~0ull);
	static const uint64_t bad[] = { 0, 11, 25, 26, 47, 64, 1ull << 32 | 12, ~0ull };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT(t_alloc(a, bad[i], false, 0) == -ERR_INVALID, "2^%lu accepted",
		       (unsigned long)bad[i]);
	EXPECT(t_alloc(a, MEM_MIN_BITS, false, 0) == 0, "MEM_MIN_BITS refused");
	EXPECT(t_alloc(a, MEM_MAX_BITS, false, 0) == 0, "MEM_MAX_BITS (from a root of 2^25) refused");
	EXPECT(t_alloc(99, 12, false, 0) == -ERR_NOT_FOUND, "an unknown client served");
	EXPECT(t_alloc(0, 12, false, 0) == -ERR_NOT_FOUND, "client 0 served");
	EXPECT(t_alloc(99, 11, false, 0) == -ERR_INVALID, "bits checked after the client");
	uint64_t q = t_new_client(PAGE);
	EXPECT(t_alloc(q, 30, false, 0) == -ERR_INVALID, "bits checked after the quota");
	free_all();
	check_back("freeing everything");
}
END_TEST

START_TEST(test_handles)
{
	static const unsigned roots[] = { 16, 0 };
	setup(roots, 1000);
	uint64_t a = t_new_client(~0ull), b = t_new_client(~0ull);
	EXPECT(t_alloc(a, 13, false, 0) == 0, "alloc refused");
	EXPECT(t_alloc(a, 0, true, 0) == 0, "frame refused");
	EXPECT(t_alloc(b, 12, false, 0) == 0, "alloc refused");
	uint64_t ha = pc[0].handle, hf = pc[1].handle, hb = pc[2].handle;
	EXPECT(t_free(b, ha) == -ERR_NOT_FOUND, "client b freed a's piece");
	EXPECT(t_free(b, hf) == -ERR_NOT_FOUND, "client b freed a's page");
	EXPECT(t_free(a, hb) == -ERR_NOT_FOUND, "client a freed b's piece");
	EXPECT(t_free(a, 0) == -ERR_NOT_FOUND, "handle 0 freed");
	EXPECT(t_free(0, 0) == -ERR_NOT_FOUND, "handle 0 freed by the administrator");
	EXPECT(t_free(a, 12345) == -ERR_NOT_FOUND, "a made-up handle freed");
	EXPECT(t_free(a, ha) == 0, "own piece refused");
	EXPECT(t_free(a, ha) == -ERR_NOT_FOUND, "double free accepted");
	EXPECT(t_free(0, ha) == -ERR_NOT_FOUND, "double free by the administrator accepted");
	EXPECT(t_free(0, hb) == 0, "the administrator may free any piece");
	EXPECT(t_free(b, hb) == -ERR_NOT_FOUND, "double free accepted");
	EXPECT(t_free(a, hf) == 0, "own page refused");
	EXPECT(t_free(a, hf) == -ERR_NOT_FOUND, "double free of a page accepted");
	EXPECT(t_alloc(a, 12, false, 0) == 0, "alloc refused");
	EXPECT(t_free(a, ha) == -ERR_NOT_FOUND, "an old handle names a new piece");
	free_all();
	check_back("freeing everything");
}
END_TEST

START_TEST(test_out_of_memory)
{
	static const unsigned roots[] = { 16, 0 };
	setup(roots, 1000);
	uint64_t a = t_new_client(~0ull);
	EXPECT(t_alloc(a, 17, false, 0) == -ERR_NO_MEMORY, "more than there is given");
	EXPECT(t_alloc(a, 16, false, 0) == -ERR_NO_MEMORY, "an Untyped piece as large as the root");
	EXPECT(t_alloc(a, 15, false, 0) == 0, "half of it (the largest piece) refused");
	EXPECT(t_alloc(a, 12, false, 0) == -ERR_NO_MEMORY, "a piece out of nothing");
	EXPECT(t_alloc(a, 0, true, 0) == -ERR_NO_MEMORY, "a frame out of nothing");
	free_all();
	check_back("freeing everything");
	/* pages until none is left, then all back */
	setup(roots, 1000);
	a = t_new_client(~0ull);
	for (int i = 0; i < 16; i++)
		EXPECT(t_alloc(a, 0, true, 0) == 0, "page %d of 16 refused", i);
	EXPECT(t_alloc(a, 0, true, 0) == -ERR_NO_MEMORY, "a 17th page of 16");
	for (int i = 15; i >= 0; i -= 2)
		t_free(a, pc[i].handle);
	EXPECT(t_alloc(a, 12, false, 0) == -ERR_NO_MEMORY, "an Untyped page out of 8 scattered ones");
	EXPECT(t_alloc(a, 0, true, 0) == 0, "a frame out of 8 free pages refused");
	free_all();
	check_back("freeing everything");
}
END_TEST

START_TEST(test_smallest_fit)
{
	/* the 2^14 root first in the table: a page must come from the 2^12
	 * one, an Untyped page (a block of 2^13) from the 2^13 one */
	static const unsigned roots[] = { 14, 12, 13, 0 };
	setup(roots, 1000);
	uint64_t a = t_new_client(~0ull);
	EXPECT(t_alloc(a, 0, true, 0) == 0, "a page refused");
	EXPECT(t_alloc(a, 12, false, 0) == 0, "an Untyped page refused");
	EXPECT(t_alloc(a, 13, false, 0) == 0, "2^13 refused: a page was cut from its block");
	EXPECT(t_alloc(a, 0, true, 0) == -ERR_NO_MEMORY, "more than all");
	free_all();
	check_back("freeing everything");
	/* an exact fit among bigger blocks */
	static const unsigned roots2[] = { 16, 12, 0 };
	setup(roots2, 1000);
	a = t_new_client(~0ull);
	EXPECT(t_alloc(a, 15, false, 0) == 0, "2^15 refused");
	EXPECT(t_alloc(a, 0, true, 0) == 0, "the exact 2^12 root refused");
	free_all();
	check_back("freeing everything");
}
END_TEST

/* Every slot-pool size from 0 up: an allocation that needs more slots
 * than there are fails with ERR_NO_SPACE and leaves everything as it
 * was; the rest succeed. */
START_TEST(test_slot_exhaustion)
{
	static const unsigned roots[] = { 18, 0 };
	for (unsigned limit = 0; limit <= 16; limit++) {
		setup(roots, limit + 1); /* + the client's capability */
		uint64_t a = t_new_client(~0ull);
		t_alloc(a, 12, true, 0);   /* 12 slots, + 2 for the frame */
		t_alloc(a, 12, false, 0);  /* what is left */
		t_alloc(a, 15, false, 0);
		t_alloc(a, 12, true, 0);
		free_all();
		check_back("freeing everything");
	}
	/* no slot for the client's capability */
	setup(roots, 0);
	uint64_t id, slot;
	EXPECT(pool_client_new(&pool, PAGE, &id, &slot) == -ERR_NO_SPACE, "a client with no slot");
	check_back("a refused client");
}
END_TEST

/* An injected failure of the n-th split or make_frame, at every n. */
START_TEST(test_failed_operations)
{
	static const unsigned roots[] = { 17, 0 };
	for (int n = 1; n <= 6; n++) {
		setup(roots, 1000);
		uint64_t a = t_new_client(~0ull);
		EXPECT(t_alloc(a, 12, true, n) == INJECTED, "failure %d not reported", n);
		EXPECT(t_alloc(a, 14, false, 0) == 0, "alloc refused");
		t_alloc(a, 12, false, n);
		EXPECT(t_alloc(a, 12, true, 1) == INJECTED, "failed frame not reported");
		free_all();
		check_back("freeing everything");
	}
}
END_TEST

START_TEST(test_drop)
{
	static const unsigned roots[] = { 14, 16, 0 };
	setup(roots, 1000);
	uint64_t a = t_new_client(~0ull), b = t_new_client(~0ull);
	EXPECT(t_alloc(a, 13, false, 0) == 0, "2^13 from the first root (2^14) refused");
	EXPECT(t_alloc(b, 13, false, 0) == 0, "alloc refused");
	EXPECT(t_alloc(a, 12, true, 0) == 0, "frame refused");
	EXPECT(t_alloc(a, 12, false, 0) == 0, "alloc refused");
	EXPECT(t_alloc(b, 0, true, 0) == 0, "frame refused");
	EXPECT(t_alloc(a, 13, false, 0) == 0, "alloc refused");
	EXPECT(t_drop(a) == 0, "drop refused");
	EXPECT(t_alloc(a, 12, false, 0) == -ERR_NOT_FOUND, "a dropped client served");
	EXPECT(t_free(a, pc[3].handle) == -ERR_NOT_FOUND, "a dropped client's free accepted");
	EXPECT(t_drop(a) == -ERR_NOT_FOUND, "a client dropped twice");
	EXPECT(t_drop(0) == -ERR_NOT_FOUND, "the administrator dropped");
	EXPECT(t_drop(77) == -ERR_NOT_FOUND, "an unknown client dropped");
	uint64_t c = t_new_client(PAGE);
	EXPECT(c != a && c != b, "a dropped client's id given out again");
	EXPECT(t_drop(c) == 0, "an empty client's drop refused");
	EXPECT(t_drop(b) == 0, "drop refused");
	check_back("dropping everyone");
}
END_TEST

START_TEST(test_clients_full)
{
	static const unsigned roots[] = { 16, 0 };
	setup(roots, 1000);
	for (unsigned i = 0; i < POOL_MAX_CLIENTS; i++)
		EXPECT(t_new_client(PAGE) != 0, "client %u of %u refused", i, POOL_MAX_CLIENTS);
	uint64_t id, slot;
	unsigned nalloc = M.nalloc;
	EXPECT(pool_client_new(&pool, PAGE, &id, &slot) == -ERR_NO_SPACE, "one client too many");
	EXPECT(M.nalloc == nalloc, "a refused client kept a slot");
	EXPECT(t_alloc(tc[5].id, 12, true, 0) == 0, "alloc refused");
	EXPECT(t_drop(tc[5].id) == 0, "drop refused");
	EXPECT(t_new_client(PAGE) != 0, "a dropped client's record not reused");
	free_all();
	check_back("dropping everyone");
}
END_TEST

/* ---- random runs ------------------------------------------------------------- */

/* any_client: mostly a live client; now and then a dropped one, the
 * administrator (0) or a made-up id. */
static uint64_t any_client(void)
{
	unsigned live[MAX_TCLIENTS], n = 0;
	for (unsigned i = 0; i < ntc; i++)
		if (tc[i].live)
			live[n++] = i;
	unsigned pick = (unsigned)(rnd() % 16);
	if (n && pick > 2)
		return tc[live[rnd() % n]].id;
	if (ntc && pick == 2)
		return tc[rnd() % ntc].id;
	return pick == 1 ? 0 : rnd() % 100;
}

START_TEST(test_random)
{
	rng = 0x9e3779b97f4a7c15ull * (uint64_t)(_i + 1);
	unsigned roots[6] = { 0 };
	unsigned nroots = 1 + (unsigned)(rnd() % 4);
	for (unsigned i = 0; i < nroots; i++)
		roots[i] = rnd() % 8 ? 12 + (unsigned)(rnd() % 9) : 26;
	unsigned limit = _i % 3 == 0 ? 4 + (unsigned)(rnd() % 40) : 1000;
	setup(roots, limit);
	for (int i = 0; i < 3; i++)
		t_new_client(rnd() % 2 ? (1 + rnd() % 64) * PAGE : rnd() % (1ull << 22));
	for (int step = 0; step < 500; step++) {
		unsigned op = (unsigned)(rnd() % 100);
		if (op < 30) {
			uint64_t bits = rnd() % 8 ? 12 + rnd() % 5 : 10 + rnd() % 17;
			t_alloc(any_client(), bits, false, 0);
		} else if (op < 42) {
			t_alloc(any_client(), 12, true, 0);
		} else if (op < 47) {
			t_alloc(any_client(), 12 + rnd() % 4, rnd() % 2, 1 + (int)(rnd() % 4));
		} else if (op < 80) {
			if (npc) {
				struct piece *x = &pc[rnd() % npc]; /* live or not */
				t_free(rnd() % 4 ? x->owner : any_client(), x->handle);
			}
		} else if (op < 83) {
			t_free(any_client(), rnd() % 4 ? 0 : rnd() % 1000);
		} else if (op < 85) {
			t_drop(any_client());
		} else if (op < 91) {
			t_new_client(rnd() % 2 ? (1 + rnd() % 64) * PAGE : rnd() % (1ull << 22));
		} else {
			check_all("nothing");
		}
	}
	free_all();
	check_back("freeing and dropping everything");
}
END_TEST

Suite *mempool_suite(void)
{
	Suite *s = suite_create("mempool");
	TCase *tc_ = tcase_create("cases");
	tcase_add_test(tc_, test_quota_boundary);
	tcase_add_test(tc_, test_bounds);
	tcase_add_test(tc_, test_handles);
	tcase_add_test(tc_, test_out_of_memory);
	tcase_add_test(tc_, test_smallest_fit);
	tcase_add_test(tc_, test_slot_exhaustion);
	tcase_add_test(tc_, test_failed_operations);
	tcase_add_test(tc_, test_drop);
	tcase_add_test(tc_, test_clients_full);
	suite_add_tcase(s, tc_);
	tc_ = tcase_create("random");
	tcase_set_timeout(tc_, 60);
	tcase_add_loop_test(tc_, test_random, 0, 24);
	suite_add_tcase(s, tc_);
	return s;
}
