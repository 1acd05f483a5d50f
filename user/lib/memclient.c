/*
 * memclient.c: calling the memory server (see memclient.h).
 */
#include "memclient.h"

/* piece_call: a request answered with a piece (handle and capability);
 * a piece whose capability did not arrive is freed again (the
 * administrator may free any client's piece). */
static long piece_call(erix_cptr_t mem, struct rpc *r, uint64_t *handle)
{
	long err = rpc_call(mem, r);
	if (err)
		return err;
	if (!r->caps) {
		mem_free_via(mem, r->w[0]);
		return -ERR_EMPTY_SLOT;
	}
	if (handle)
		*handle = r->w[0];
	return 0;
}

long mem_untyped_via(erix_cptr_t mem, unsigned bits, erix_cptr_t slot, uint64_t *handle)
{
	struct rpc r = { .label = MEM_UNTYPED, .w = { bits }, .recv_slot = slot };
	return piece_call(mem, &r, handle);
}

long mem_frame_via(erix_cptr_t mem, erix_cptr_t slot, uint64_t *handle)
{
	struct rpc r = { .label = MEM_FRAME, .recv_slot = slot };
	return piece_call(mem, &r, handle);
}

long mem_free_via(erix_cptr_t mem, uint64_t handle)
{
	struct rpc r = { .label = MEM_FREE, .w = { handle } };
	return rpc_call(mem, &r);
}

long mem_stats_via(erix_cptr_t mem, uint64_t *free, uint64_t *used, uint64_t *quota)
{
	struct rpc r = { .label = MEM_STATS };
	long err = rpc_call(mem, &r);
	if (err)
		return err;
	if (free)
		*free = r.w[0];
	if (used)
		*used = r.w[1];
	if (quota)
		*quota = r.w[2];
	return 0;
}

long mem_new_client(erix_cptr_t admin_cap, uint64_t quota, erix_cptr_t slot, uint64_t *id)
{
	struct rpc r = { .label = MEM_NEW_CLIENT, .w = { quota }, .recv_slot = slot };
	long err = rpc_call(admin_cap, &r);
	if (err)
		return err;
	if (!r.caps) {
		mem_drop_client(admin_cap, r.w[0]);
		return -ERR_EMPTY_SLOT;
	}
	if (id)
		*id = r.w[0];
	return 0;
}

long mem_drop_client(erix_cptr_t admin_cap, uint64_t id)
{
	struct rpc r = { .label = MEM_DROP_CLIENT, .w = { id } };
	return rpc_call(admin_cap, &r);
}

long mem_untyped_for(erix_cptr_t admin_cap, uint64_t id, unsigned bits, erix_cptr_t slot,
		     uint64_t *handle)
{
	struct rpc r = { .label = MEM_UNTYPED_FOR, .w = { id, bits }, .recv_slot = slot };
	return piece_call(admin_cap, &r, handle);
}
