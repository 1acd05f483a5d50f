/*
 * pool.c: the memory server's buddy allocator over Untyped capabilities
 * (see pool.h for the picture and the invariants).
 *
 * Pure logic: every capability operation goes through p->ops, so that the
 * same file runs in the server and, against a model, in the host unit
 * tests.
 */
#include "pool.h"

void pool_init(struct pool *p, const struct pool_ops *ops, void *ctx)
{
	*p = (struct pool){ .ops = ops, .ctx = ctx, .next_handle = 1, .next_id = 1 };
}

int pool_block_new(struct pool *p, uint64_t slot, unsigned bits, int parent)
{
	for (int i = 0; i < POOL_MAX_BLOCKS; i++) {
		struct block *b = &p->blocks[i];
		if (b->state == BLOCK_NONE) {
			*b = (struct block){ .slot = slot, .parent = parent, .child = { -1, -1 },
					     .bits = (uint8_t)bits, .state = BLOCK_FREE };
			return i;
		}
	}
	return -1;
}

int pool_add_root(struct pool *p, uint64_t slot, uint64_t bits)
{
	if (bits < MEM_MIN_BITS || bits > 47)
		return -ERR_INVALID;
	return pool_block_new(p, slot, (unsigned)bits, -1) < 0 ? -ERR_NO_SPACE : 0;
}

uint64_t pool_free_bytes(const struct pool *p)
{
	uint64_t sum = 0;
	for (int i = 0; i < POOL_MAX_BLOCKS; i++)
		if (p->blocks[i].state == BLOCK_FREE)
			sum += 1ull << p->blocks[i].bits;
	return sum;
}

unsigned pool_blocks(const struct pool *p)
{
	unsigned n = 0;
	for (int i = 0; i < POOL_MAX_BLOCKS; i++)
		n += p->blocks[i].state != BLOCK_NONE;
	return n;
}

struct pool_client *pool_client_find(struct pool *p, uint64_t id)
{
	if (!id)
		return NULL;
	for (int i = 0; i < POOL_MAX_CLIENTS; i++)
		if (p->clients[i].id == id)
			return &p->clients[i];
	return NULL;
}

int pool_client_new(struct pool *p, uint64_t quota, uint64_t *id, uint64_t *slot)
{
	struct pool_client *c = NULL;
	for (int i = 0; i < POOL_MAX_CLIENTS && !c; i++)
		if (!p->clients[i].id)
			c = &p->clients[i];
	if (!c)
		return -ERR_NO_SPACE;
	uint64_t s = p->ops->slot_alloc(p->ctx);
	if (!s)
		return -ERR_NO_SPACE;
	int err = p->ops->mint(p->ctx, s, p->next_id);
	if (err) {
		p->ops->slot_free(p->ctx, s);
		return err;
	}
	*c = (struct pool_client){ .id = p->next_id++, .quota = quota, .used = 0, .slot = s };
	*id = c->id, *slot = s;
	return 0;
}

int pool_find_piece(const struct pool *p, uint64_t handle)
{
	for (int i = 0; i < POOL_MAX_BLOCKS; i++)
		if (p->blocks[i].handle == handle)
			return i;
	return -1;
}

/*
 * pool_split (LAB 5 exercise 1).
 *
 * Requirements: b is a FREE block of 2^k bytes (k > MEM_MIN_BITS). Make
 * its two halves: two new FREE records of 2^(k-1) bytes whose parent is
 * b, each in a new slot, made by ops->split (first half, then second, in
 * child[0] and child[1]); b becomes SPLIT. Errors: -ERR_NO_SPACE when
 * two records or two slots cannot be had, else the split's error; then
 * give back whatever was taken (records, slots): b stays FREE.
 *
 * Hint: pool_block_new, then ops->slot_alloc; on failure a record goes
 * back by setting its state to BLOCK_NONE.
 */
int pool_split(struct pool *p, int b)
{
#if LAB5_SOLUTION
	struct block *pb = &p->blocks[b];
	unsigned half = pb->bits - 1u;
	int c0 = pool_block_new(p, 0, half, b);
	int c1 = c0 < 0 ? -1 : pool_block_new(p, 0, half, b);
	uint64_t s0 = c1 < 0 ? 0 : p->ops->slot_alloc(p->ctx);
	uint64_t s1 = s0 ? p->ops->slot_alloc(p->ctx) : 0;
	int err = s1 ? p->ops->split(p->ctx, pb->slot, pb->bits, s0, s1) : -ERR_NO_SPACE;
	if (err) {
		if (s1)
			p->ops->slot_free(p->ctx, s1);
		if (s0)
			p->ops->slot_free(p->ctx, s0);
		if (c1 >= 0)
			p->blocks[c1].state = BLOCK_NONE;
		if (c0 >= 0)
			p->blocks[c0].state = BLOCK_NONE;
		return err;
	}
	p->blocks[c0].slot = s0;
	p->blocks[c1].slot = s1;
	pb->child[0] = c0;
	pb->child[1] = c1;
	pb->state = BLOCK_SPLIT;
	return 0;
#else
	/* LAB 5: your code here. Until then, no block can be split. */
	(void)p, (void)b;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

/*
 * pool_alloc (LAB 5 exercise 1).
 *
 * Requirements (pool.h has the contract and the order of the errors):
 *  - check bits (MEM_MIN_BITS..MEM_MAX_BITS; a page is MEM_MIN_BITS),
 *    find the client, and check that 2^bits more bytes keep it within
 *    its quota (exactly at the quota is fine; mind overflow);
 *  - the block it needs: 2^12 bytes for a page, 2^(bits+1) for an
 *    Untyped piece (pool.h says why);
 *  - take the smallest FREE block at least that large (among equals,
 *    the first in the table), and split it down, always keeping its
 *    first half, to a block of exactly that size;
 *  - make the piece in new slots: ops->make_frame (two slots) or
 *    ops->make_untyped (one);
 *  - mark the block USED by the client with a new handle, charge the
 *    client 2^bits, and say which slot to hand out.
 * If a split, a slot or making the piece fails on the way, nothing may
 * change: the halves split so far merge back (pool_merge_up), slots go
 * back.
 *
 * Hint: the blocks' table is small: scan it.
 */
int pool_alloc(struct pool *p, uint64_t client, uint64_t bits, bool frame, uint64_t *give,
	       uint64_t *handle)
{
#if LAB5_SOLUTION
	if (bits < MEM_MIN_BITS || bits > MEM_MAX_BITS) /* no such piece */
		return -ERR_INVALID;
	struct pool_client *c = pool_client_find(p, client);
	if (!c)
		return -ERR_NOT_FOUND;
	uint64_t size = 1ull << bits;
	if (size > c->quota - c->used)
		return -ERR_QUOTA;
	unsigned need = frame ? POOL_PAGE_BITS : (unsigned)bits + 1;
	int b = -1;
	for (int i = 0; i < POOL_MAX_BLOCKS; i++) {
		const struct block *x = &p->blocks[i];
		if (x->state == BLOCK_FREE && x->bits >= need &&
		    (b < 0 || x->bits < p->blocks[b].bits))
			b = i;
	}
	if (b < 0)
		return -ERR_NO_MEMORY;
	while (p->blocks[b].bits > need) {
		int err = pool_split(p, b);
		if (err) {
			pool_merge_up(p, b);
			return err;
		}
		b = p->blocks[b].child[0];
	}
	struct block *pb = &p->blocks[b];
	uint64_t fs = 0, gs = p->ops->slot_alloc(p->ctx);
	int err = -ERR_NO_SPACE;
	if (gs && !frame)
		err = p->ops->make_untyped(p->ctx, pb->slot, (unsigned)bits, gs);
	else if (gs && (fs = p->ops->slot_alloc(p->ctx)))
		err = p->ops->make_frame(p->ctx, pb->slot, fs, gs);
	if (err) {
		if (fs)
			p->ops->slot_free(p->ctx, fs);
		if (gs)
			p->ops->slot_free(p->ctx, gs);
		pool_merge_up(p, b);
		return err;
	}
	pb->state = BLOCK_USED;
	pb->owner = client;
	pb->handle = p->next_handle++;
	pb->give = gs;
	pb->frame = fs;
	pb->piece_bits = (uint8_t)bits;
	c->used += size;
	*give = gs;
	*handle = pb->handle;
	return 0;
#else
	/* LAB 5: your code here. Until then, no memory is handed out. */
	(void)p, (void)client, (void)bits, (void)frame, (void)give, (void)handle;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

/*
 * pool_merge_up (LAB 5 exercise 2).
 *
 * Requirements: b is FREE. While b has a parent and b's buddy (the
 * parent's other child) is FREE too: merge the parent (ops->merge), give
 * both children's slots and records back, the parent is FREE, and go on
 * from the parent. A merge that fails leaves things as they are, and
 * stops.
 */
void pool_merge_up(struct pool *p, int b)
{
#if LAB5_SOLUTION
	while (p->blocks[b].parent >= 0) {
		int up = p->blocks[b].parent;
		struct block *par = &p->blocks[up];
		int buddy = par->child[0] == b ? par->child[1] : par->child[0];
		if (p->blocks[buddy].state != BLOCK_FREE)
			return;
		if (p->ops->merge(p->ctx, par->slot))
			return;
		p->ops->slot_free(p->ctx, p->blocks[b].slot);
		p->ops->slot_free(p->ctx, p->blocks[buddy].slot);
		p->blocks[b].state = BLOCK_NONE;
		p->blocks[buddy].state = BLOCK_NONE;
		par->child[0] = par->child[1] = -1;
		par->state = BLOCK_FREE;
		b = up;
	}
#else
	/* LAB 5: your code here. Until then, blocks are never merged. */
	(void)p, (void)b;
#endif
}

/*
 * pool_release (LAB 5 exercise 2).
 *
 * Requirements: b is USED. Revoke it (ops->revoke; on failure return its
 * error, nothing changed); the piece's slots (gone with the revoke: the
 * Untyped piece's, or the Frame's and its copy's) go back; uncharge the
 * owner (if it is still a client) what it was charged; b is FREE with no
 * owner, and merges with its buddies.
 */
int pool_release(struct pool *p, int b)
{
#if LAB5_SOLUTION
	struct block *pb = &p->blocks[b];
	int err = p->ops->revoke(p->ctx, pb->slot);
	if (err)
		return err;
	p->ops->slot_free(p->ctx, pb->give);
	if (pb->frame)
		p->ops->slot_free(p->ctx, pb->frame);
	struct pool_client *c = pool_client_find(p, pb->owner);
	if (c)
		c->used -= 1ull << pb->piece_bits;
	pb->state = BLOCK_FREE;
	pb->owner = pb->handle = 0;
	pb->frame = pb->give = 0;
	pool_merge_up(p, b);
	return 0;
#else
	/* LAB 5: your code here. Until then, nothing comes back. */
	(void)p, (void)b;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

/*
 * pool_free (LAB 5 exercise 2).
 *
 * Requirements: find the piece (a USED block with this handle) and check
 * that this client holds it (client 0, the administrator, may free any
 * piece): a client must not free another's piece, nor the same piece
 * twice, nor name a handle that is not a piece (all: -ERR_NOT_FOUND).
 * Then release it.
 *
 * Hint: pool_find_piece, pool_release.
 */
int pool_free(struct pool *p, uint64_t client, uint64_t handle)
{
#if LAB5_SOLUTION
	int b = pool_find_piece(p, handle);
	if (b < 0 || p->blocks[b].state != BLOCK_USED)
		return -ERR_NOT_FOUND;
	if (client && p->blocks[b].owner != client)
		return -ERR_NOT_FOUND;
	return pool_release(p, b);
#else
	/* LAB 5: your code here. Until then, nothing is freed. */
	(void)p, (void)client, (void)handle;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

/*
 * pool_drop_client (LAB 5 exercise 3).
 *
 * Requirements: find the client (-ERR_NOT_FOUND if there is none).
 * Release every piece it holds (a release that fails does not stop the
 * others: return the first error at the end). Then its minted capability
 * goes (ops->unmint: every copy of it stops working), its slot goes back
 * (unless the unmint failed: a slot that may still hold a capability is
 * never reused), and its record is unused again (the id is never given
 * out again).
 */
int pool_drop_client(struct pool *p, uint64_t id)
{
#if LAB5_SOLUTION
	struct pool_client *c = pool_client_find(p, id);
	if (!c)
		return -ERR_NOT_FOUND;
	int err = 0;
	for (int i = 0; i < POOL_MAX_BLOCKS; i++) {
		struct block *b = &p->blocks[i];
		if (b->state == BLOCK_USED && b->owner == id) {
			int e = pool_release(p, i);
			if (e && !err)
				err = e;
		}
	}
	int un = p->ops->unmint(p->ctx, c->slot);
	if (un && !err)
		err = un;
	if (!un)
		p->ops->slot_free(p->ctx, c->slot);
	*c = (struct pool_client){ 0 };
	return err;
#else
	/* LAB 5: your code here. Until then, nothing is given back. */
	(void)p, (void)id;
	return -ERR_NOT_IMPLEMENTED;
#endif
}
