/*
 * pages.c: the heap's memory (lab 6): __libc_pages (libc_internal.h),
 * frames from the memory server mapped into the process's own VSpace.
 *
 * The heap is a region of the address space from HEAP_BASE up, far from
 * the program (0x400000), the process server's frames and the stack (just
 * under PROC_STACK_TOP). Pages [HEAP_BASE, heap_next) are handed out;
 * [heap_next, heap_end) are mapped but not yet handed out (left over
 * from a call that failed half way, used first by the next).
 *
 * Each page is a Frame from the memory server (MEM_FRAME, charged to the
 * process's quota), in a slot of its own. The page tables on the way are
 * made from Untyped pieces the memory server gives (MEM_UNTYPED of
 * PT_UT_BITS: four tables each), taken when the current one is used up.
 * Nothing goes back before the process ends (malloc never gives pages
 * back); then the process server drops the whole client.
 */
#include <stddef.h>
#include <stdint.h>

#include "../libc_internal.h"
#include "memclient.h"
#include "proc.h"
#include "ulib.h"

#define PAGE_SIZE 4096ull
#define HEAP_BASE 0x0000100000000000ull /* 16 TiB */
#define HEAP_LIMIT 0x0000200000000000ull
#define PT_UT_BITS 14 /* 16 KiB: four page tables a piece */

static uint64_t heap_next = HEAP_BASE, heap_end = HEAP_BASE;
static erix_cptr_t pt_ut; /* the Untyped page tables are made from; 0: none yet */

/* new_page_table: a fresh page table (any level) made from pt_ut, taking
 * a new Untyped piece when pt_ut is empty or used up; its slot, or 0. */
static erix_cptr_t new_page_table(void)
{
	erix_cptr_t slot = slot_alloc();
	if (!slot)
		return 0;
	if (pt_ut && untyped_retype(pt_ut, ERIX_OBJ_PAGE_TABLE, 0, slot) == 0)
		return slot;
	erix_cptr_t ut = slot_alloc();
	uint64_t handle;
	if (!ut || mem_untyped(PT_UT_BITS, ut, &handle) != 0)
		return 0;
	pt_ut = ut;
	return untyped_retype(pt_ut, ERIX_OBJ_PAGE_TABLE, 0, slot) == 0 ? slot : 0;
}

/* map_one: maps one more fresh frame (zeroed by the kernel when the memory
 * server made it) at heap_end, read/write; true if it did. */
static bool map_one(void)
{
	if (heap_end >= HEAP_LIMIT)
		return false;
	erix_cptr_t frame = slot_alloc();
	uint64_t handle;
	if (!frame || mem_frame(frame, &handle) != 0)
		return false;
	long err;
	while ((err = frame_map(frame, P_VSPACE, heap_end, ERIX_RIGHT_READ | ERIX_RIGHT_WRITE, 0)) ==
	       -ERR_NO_TABLE) {
		erix_cptr_t pt = new_page_table();
		if (!pt || page_table_map(pt, P_VSPACE, heap_end) != 0)
			break;
	}
	if (err != 0) {
		mem_free(handle);
		return false;
	}
	heap_end += PAGE_SIZE;
	return true;
}

/* __libc_pages: npages fresh zeroed pages, contiguous, page aligned (see
 * libc_internal.h), mapped at the top of the heap region; NULL when the
 * memory server (the process's quota) or the region has no more. */
void *__libc_pages(size_t npages)
{
	if (npages == 0 || npages > (HEAP_LIMIT - heap_next) / PAGE_SIZE)
		return NULL;
	uint64_t want = heap_next + npages * PAGE_SIZE;
	while (heap_end < want)
		if (!map_one())
			return NULL;
	void *p = (void *)heap_next;
	heap_next = want;
	return p;
}
