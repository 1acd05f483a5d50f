/*
 * pool.h: the memory server's allocator (lab 5): a buddy allocator whose
 * blocks are Untyped capabilities.
 *
 * Every block is 2^bits bytes of memory and one Untyped capability in a
 * slot of the server's CNode. The roots are the Untypeds the server was
 * started with. A free block of 2^k bytes is split by retyping it into
 * two Untyped children of 2^(k-1) (its "buddies"); two free buddies are
 * merged again by revoking their parent, which deletes both children and
 * makes all of the parent's memory reusable.
 *
 * A piece handed to a client is made FROM a used block, whose capability
 * the server keeps: revoking the block's slot takes the piece back with
 * everything the client made from it. A page is a block of 2^12 retyped
 * into a Frame; the client gets a child (a copy) of it. An Untyped piece
 * of 2^b is the one Untyped child of 2^b that a block of 2^(b+1) is
 * retyped into: an Untyped capability is never copied, a Reply moves it
 * to the client (erix/ipc.h), so the server must keep its parent. The
 * block's second half stays unused while the piece is out: the price of
 * taking it back alone.
 *
 *   root 2^16 (split)
 *   +-------------------------------+-------------------------------+
 *   | 2^15 (split)                  | 2^15 used: client 3's Untyped |
 *   +---------------+---------------+ piece of 2^14, the first half |
 *   | 2^14 free     | 2^14 (split)  |                               |
 *   |               +-------+-------+                               |
 *   |               | page  | free  |                               |
 *   +---------------+-------+-------+-------------------------------+
 *
 * The allocator itself makes no system call: it asks for every operation
 * on capabilities through struct pool_ops, which main.c implements with
 * the kernel's calls and the unit test (grader/unit/test_mempool.c) with
 * a model that checks that each call is legal. Design: simple and clear
 * over fast: the tables are scanned, there are no free lists.
 *
 * Invariants, between calls:
 *  - a block record is NONE (unused), FREE, SPLIT (its two children are
 *    records) or USED (handed out: owner, handle);
 *  - two buddies are never both FREE (they are merged as soon as they
 *    are), so the pool ends where it started once everything is back;
 *  - a client's `used` is the sum of the sizes of its USED blocks, and
 *    never more than its quota.
 */
#ifndef SERVERS_MEMORY_POOL_H
#define SERVERS_MEMORY_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <erix/errors.h>

#include "memory.h"
#include "proc.h"
#include "status.h"

/* Block records: enough for every slot of the server's CNode to hold a
 * block, plus the roots. */
#define POOL_MAX_BLOCKS ((1 << PROC_CNODE_BITS) + PROC_MAX_EXTRA)
#define POOL_MAX_CLIENTS 64
#define POOL_PAGE_BITS 12 /* a Frame */

/*
 * The capability operations the allocator needs. Slots are indexes of
 * the server's CNode; ctx is passed back unchanged. Each returns 0 or the
 * negative of an error code, and each is all-or-nothing: on failure the
 * slots are as they were.
 */
struct pool_ops {
	/* split: retype the Untyped in `parent` (2^bits bytes, nothing made
	 * from it) into two Untypeds of 2^(bits-1): the first half into the
	 * empty slot c0, the second into c1. */
	int (*split)(void *ctx, uint64_t parent, unsigned bits, uint64_t c0, uint64_t c1);
	/* merge: revoke `parent`, whose two children are free blocks: both
	 * children's slots are empty after it, and all its memory reusable. */
	int (*merge)(void *ctx, uint64_t parent);
	/* revoke: take a used block back: revoke its slot (the piece made
	 * from it, wherever it moved, and every copy and object made from
	 * that are gone); the block's own capability stays, with all its
	 * memory reusable. */
	int (*revoke)(void *ctx, uint64_t block);
	/* make_untyped: retype the Untyped `block` (2^(bits+1) bytes,
	 * nothing made from it) into one Untyped of 2^bits, its first half,
	 * in the empty slot `give` (what the client gets: it moves). */
	int (*make_untyped)(void *ctx, uint64_t block, unsigned bits, uint64_t give);
	/* make_frame: retype the Untyped `block` (2^12 bytes, nothing made
	 * from it) into a Frame in the empty slot `frame`, and copy that
	 * Frame with READ|WRITE only into the empty slot `give` (what the
	 * client gets a child of). */
	int (*make_frame)(void *ctx, uint64_t block, uint64_t frame, uint64_t give);
	/* mint: a capability to the server's endpoint badged with id, WRITE
	 * and GRANT, into the empty slot `slot`. */
	int (*mint)(void *ctx, uint64_t slot, uint64_t id);
	/* unmint: revoke and delete `slot` (a client's minted capability):
	 * every copy of it stops working, the slot is empty. */
	int (*unmint)(void *ctx, uint64_t slot);
	/* slot_alloc: an empty slot of the server's CNode, 0 when none is
	 * left. slot_free: give an empty slot back. */
	uint64_t (*slot_alloc)(void *ctx);
	void (*slot_free)(void *ctx, uint64_t slot);
};

enum block_state { BLOCK_NONE = 0, BLOCK_FREE, BLOCK_SPLIT, BLOCK_USED };

/* One block: 2^bits bytes, the Untyped capability in `slot`. */
struct block {
	uint64_t slot;       /* the server's Untyped capability of the block */
	uint64_t handle;     /* USED: the piece's handle (nonzero) */
	uint64_t owner;      /* USED: the client's id */
	uint64_t give;       /* USED: the slot of what is handed out (the
				Untyped piece, or the Frame's READ|WRITE copy) */
	uint64_t frame;      /* USED as a page: the Frame's slot (0: an Untyped piece) */
	int parent;          /* the block it was split from (-1: a root) */
	int child[2];        /* SPLIT: its two halves, in address order */
	uint8_t bits;        /* its size: 2^bits bytes */
	uint8_t piece_bits;  /* USED: the piece's size, charged to the owner */
	uint8_t state;       /* enum block_state */
};

/* One client: the holder of a capability badged with id. */
struct pool_client {
	uint64_t id;         /* its badge, 1.. (0: this record is unused) */
	uint64_t quota;      /* bytes it may hold */
	uint64_t used;       /* bytes it holds */
	uint64_t slot;       /* the server's minted capability (unmint drops it) */
};

struct pool {
	const struct pool_ops *ops;
	void *ctx;
	struct block blocks[POOL_MAX_BLOCKS];
	struct pool_client clients[POOL_MAX_CLIENTS];
	uint64_t next_handle; /* handles are never reused: 1, 2, ... */
	uint64_t next_id;     /* nor client ids: 1, 2, ... */
};

/* ---- given ---------------------------------------------------------------- */

/* pool_init: an empty pool (no blocks, no clients) using ops with ctx. */
void pool_init(struct pool *p, const struct pool_ops *ops, void *ctx);

/*
 * pool_add_root: a root block, the Untyped in `slot` (2^bits bytes,
 * nothing made from it). Errors: -ERR_INVALID if bits < MEM_MIN_BITS or
 * bits > 47 (the pool ignores it), -ERR_NO_SPACE if the table is full.
 */
int pool_add_root(struct pool *p, uint64_t slot, uint64_t bits);

/* pool_free_bytes: the bytes of all FREE blocks. pool_blocks: how many
 * records are in use (free, split or used). */
uint64_t pool_free_bytes(const struct pool *p);
unsigned pool_blocks(const struct pool *p);

/* pool_client_find: the client with this id, or NULL (id 0, unknown, or
 * dropped). */
struct pool_client *pool_client_find(struct pool *p, uint64_t id);

/*
 * pool_client_new: a new client with this quota (bytes): a fresh id
 * (*id) and its minted capability in a new slot (*slot), to hand to the
 * administrator. Errors: -ERR_NO_SPACE (no client record or no slot
 * left), or the mint's error; nothing changes then.
 */
int pool_client_new(struct pool *p, uint64_t quota, uint64_t *id, uint64_t *slot);

/* pool_block_new: an unused record, set to a FREE block of 2^bits bytes
 * in slot with this parent; its index, or -1 if the table is full. */
int pool_block_new(struct pool *p, uint64_t slot, unsigned bits, int parent);

/* pool_find_piece: the first block whose handle field is `handle`, or
 * -1. Only a USED block's handle names a piece (a released block's is 0;
 * handles are never reused): the caller checks its state and owner. */
int pool_find_piece(const struct pool *p, uint64_t handle);

/* ---- exercises -------------------------------------------------------------- */

/* pool_split (exercise 1): split the FREE block b into two FREE halves. */
int pool_split(struct pool *p, int b);

/*
 * pool_alloc (exercise 1): a piece of 2^bits bytes for a client, charged
 * to its quota: a page (frame true, bits MEM_MIN_BITS) from a block of
 * 2^12, an Untyped piece from a block of 2^(bits+1), the block marked
 * USED. The slot to hand out goes in *give (the Untyped piece, or the
 * Frame's READ|WRITE copy), its new handle in *handle. Errors, in this
 * order: -ERR_INVALID (bits outside
 * MEM_MIN_BITS..MEM_MAX_BITS), -ERR_NOT_FOUND (no such client),
 * -ERR_QUOTA (the client would hold more than its quota), -ERR_NO_MEMORY
 * (no free block large enough), -ERR_NO_SPACE (no slot or record left to
 * split with), or an operation's error. Nothing changes on an error.
 */
int pool_alloc(struct pool *p, uint64_t client, uint64_t bits, bool frame, uint64_t *give,
	       uint64_t *handle);

/* pool_merge_up (exercise 2): b is FREE: merge it with its buddy while
 * the buddy is FREE too, going up. */
void pool_merge_up(struct pool *p, int b);

/* pool_release (exercise 2): take the USED block b back from its owner
 * (revoked, uncharged, FREE, merged). Returns the revoke's error, with
 * nothing changed. */
int pool_release(struct pool *p, int b);

/* pool_free (exercise 2): the client gives back its piece `handle`
 * (client 0, the administrator: any client's piece). Errors:
 * -ERR_NOT_FOUND (not a piece this client holds), or pool_release's. */
int pool_free(struct pool *p, uint64_t client, uint64_t handle);

/* pool_drop_client (exercise 3): everything client id holds goes back,
 * its capability is revoked and the client forgotten. Errors:
 * -ERR_NOT_FOUND (no such client); a release's error (the rest is still
 * done). */
int pool_drop_client(struct pool *p, uint64_t id);

#endif /* SERVERS_MEMORY_POOL_H */
