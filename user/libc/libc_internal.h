/*
 * libc_internal.h: what the parts of user/libc share with each other and
 * with the system below them, but not with programs.
 */
#ifndef _ERIX_LIBC_INTERNAL_H
#define _ERIX_LIBC_INTERNAL_H

#include <stddef.h>

/* __libc_pages: npages (> 0) fresh pages of 4 KiB, contiguous, page
 * aligned, zeroed and never handed out before; NULL if there are none.
 * The heap's only source of memory (malloc.c), which it never gives back.
 * On EriX the POSIX layer provides it; the host tests, their own. */
void *__libc_pages(size_t npages);

/* __malloc_check: walks the whole heap; 0 if it is sound, else one of
 * the negative MALLOC_BAD_* codes (the first broken invariant found). */
enum {
	MALLOC_BAD_RUN = -1, /* a page run overlaps another, or is empty */
	MALLOC_BAD_FENCE = -2, /* an arena's fence or end marker is damaged */
	MALLOC_BAD_SIZE = -3, /* a block's size is too small, unaligned, or past its arena */
	MALLOC_BAD_FOOTER = -4, /* a block's header and footer differ */
	MALLOC_NOT_COALESCED = -5, /* two free blocks are neighbours */
	MALLOC_BAD_LINK = -6, /* a free list's links do not agree */
	MALLOC_BAD_LISTED = -7, /* a listed block is used, in the wrong list, or twice */
	MALLOC_NOT_LISTED = -8, /* a free block is in no list, or a listed one in no arena */
	MALLOC_BAD_LARGE = -9, /* a large block's header is damaged */
};
int __malloc_check(void);

/* __malloc_stats: counts of the heap's parts, for tests and debugging. */
struct malloc_stats {
	size_t arenas; /* page runs cut into blocks */
	size_t used_blocks; /* allocated blocks in the arenas */
	size_t free_blocks; /* free blocks in the arenas */
	size_t large_blocks; /* allocations with page runs of their own */
	size_t cached_pages; /* pages of freed large blocks, kept for reuse */
	size_t pages; /* pages ever taken from __libc_pages */
};
void __malloc_stats(struct malloc_stats *st);

#endif
