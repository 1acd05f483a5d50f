/*
 * memclient.h: calling the memory server (user/include/memory.h).
 *
 * Each call returns 0, or the negative of the server's status (ERR_QUOTA,
 * ERR_NO_MEMORY, ERR_NOT_FOUND, ERR_RIGHTS, ...) or of the kernel's (the
 * Call itself failed). The *_via calls take the memory server's
 * capability; the short ones use the process's own, P_MEMORY.
 *
 * A piece's capability lands in `slot`, an empty slot of the caller's
 * CNode; the handle names the piece for mem_free. A reply that says
 * success but brings no capability (the slot was not empty, the kernel
 * would not transfer it) is undone: the piece is freed again and the
 * call returns -ERR_EMPTY_SLOT.
 */
#ifndef USER_LIB_MEMCLIENT_H
#define USER_LIB_MEMCLIENT_H

#include "memory.h"
#include "rpc.h"

/* mem_untyped_via: an Untyped of 2^bits bytes (MEM_MIN_BITS..MEM_MAX_BITS)
 * into slot. */
long mem_untyped_via(erix_cptr_t mem, unsigned bits, erix_cptr_t slot, uint64_t *handle);

/* mem_frame_via: a Frame (READ|WRITE) into slot, charged a page. */
long mem_frame_via(erix_cptr_t mem, erix_cptr_t slot, uint64_t *handle);

/* mem_free_via: the piece `handle` goes back: its capability, every copy
 * and every object made from it are gone. Through the administrator's
 * capability, any client's piece (a handle from mem_untyped_for). */
long mem_free_via(erix_cptr_t mem, uint64_t handle);

/* mem_stats_via: the server's free bytes, this client's bytes in use and
 * its quota (any of the pointers may be NULL). */
long mem_stats_via(erix_cptr_t mem, uint64_t *free, uint64_t *used, uint64_t *quota);

static inline long mem_untyped(unsigned bits, erix_cptr_t slot, uint64_t *handle)
{
	return mem_untyped_via(P_MEMORY, bits, slot, handle);
}
static inline long mem_frame(erix_cptr_t slot, uint64_t *handle)
{
	return mem_frame_via(P_MEMORY, slot, handle);
}
static inline long mem_free(uint64_t handle) { return mem_free_via(P_MEMORY, handle); }
static inline long mem_stats(uint64_t *free, uint64_t *used, uint64_t *quota)
{
	return mem_stats_via(P_MEMORY, free, used, quota);
}

/* ---- the administrator's calls (admin_cap: the unbadged capability) ------- */

/* mem_new_client: a client with quota bytes: its id in *id, its badged
 * capability (WRITE|GRANT) in slot. */
long mem_new_client(erix_cptr_t admin_cap, uint64_t quota, erix_cptr_t slot, uint64_t *id);

/* mem_drop_client: everything client id holds goes back; its
 * capabilities stop working. */
long mem_drop_client(erix_cptr_t admin_cap, uint64_t id);

/* mem_untyped_for: as mem_untyped, for client id and charged to its
 * quota; the capability lands in the administrator's slot. The handle is
 * the client's: mem_free from the client, or the drop, gives it back. */
long mem_untyped_for(erix_cptr_t admin_cap, uint64_t id, unsigned bits, erix_cptr_t slot,
		     uint64_t *handle);

#endif /* USER_LIB_MEMCLIENT_H */
