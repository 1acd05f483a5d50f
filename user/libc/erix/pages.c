/*
 * pages.c: the heap's memory (lab 6): __libc_pages (libc_internal.h),
 * pages the process server maps at the end of the process's heap.
 *
 * The process server (PROC_MAP, process.h) makes the frames from memory
 * charged to the process's quota, maps them and keeps a record of them:
 * it must know every page of a process to copy it for fork. Nothing goes
 * back before the process ends (malloc never gives pages back); then the
 * process server drops the whole of it.
 */
#include <stddef.h>
#include <stdint.h>

#include "../libc_internal.h"
#include "proc.h"
#include "process.h"
#include "rpc.h"

/* __libc_pages: npages fresh zeroed pages, contiguous, page aligned (see
 * libc_internal.h); NULL when the process server (the process's quota)
 * has no more. After a failure the heap's next pages may start further
 * on: what was mapped before it stays unused. */
void *__libc_pages(size_t npages)
{
	if (npages == 0 || npages > 1u << 20)
		return NULL;
	struct rpc r = { .label = PROC_MAP, .w = { npages } };
	if (rpc_call(P_PROCESS, &r) < 0)
		return NULL;
	return (void *)r.w[0];
}
