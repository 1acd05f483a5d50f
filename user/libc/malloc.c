/*
 * malloc.c: the heap (C11 7.22.3: malloc, calloc, realloc, aligned_alloc,
 * free).
 *
 * Simple and checkable over fast. Memory comes in page runs from
 * __libc_pages (libc_internal.h) and is never given back to the system:
 * freed memory is kept and reused.
 *
 * Small requests (below LARGE_MIN) are blocks in arenas, runs of at least
 * ARENA_PAGES pages. Every block, used or free, starts with a header word
 * and ends with a footer word, both its size (a multiple of 16) with
 * USED in bit 0: the boundary tags, by which free() finds both neighbours
 * and merges with the free ones, so no two free blocks are ever
 * neighbours. Free blocks are on one of NCLASSES doubly linked lists, by
 * size (class c: 2^(c+5) to 2^(c+6) - 1 bytes); malloc takes the first
 * that fits from the request's class or above, and cuts off the rest.
 *
 *   arena:  | struct run | fence | block | block | ... | block | end |
 *             32 bytes     ftr 0   hdr .. ftr                    hdr 0
 *   block:  | size|USED | payload (16-aligned) ...         | size|USED |
 *   free:   | size      | next | prev | ...                | size      |
 *
 * The fence (a footer) and the end marker (a header) are "used" blocks
 * of size 0, so the first and last blocks need no special case.
 *
 * Large requests get a page run of their own, with the run's address and
 * a tag (its size | USED | LARGE) in the two words before the payload.
 * When freed, the run goes to a cache of free runs (sorted by address,
 * neighbours merged), from which new runs are cut before asking for more.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libc_internal.h"

#define PAGE	    4096UL
#define ALIGN	    16UL
#define MIN_BLOCK   32UL /* header, two links, footer */
#define ARENA_PAGES 16UL /* an arena's smallest size: 64 KiB */
#define LARGE_MIN   (128UL << 10) /* requests this big get a run of their own */
#define NCLASSES    20

#define USED  1UL
#define LARGE 2UL
#define MARK  4UL /* __malloc_check's "seen in a list", in headers only */
#define FLAGS 15UL

/* A run of pages: an arena, a large block, or a cached free run. */
struct run {
	struct run *next, *prev;
	size_t npages;
	size_t offset; /* a large block's: where its payload starts */
};
#define RUN_HEADER     sizeof(struct run)
#define ARENA_OVERHEAD (RUN_HEADER + 16) /* fence, first header, end marker */
#define LARGE_OVERHEAD (RUN_HEADER + 16) /* run pointer, tag */

/* A block, at its header; the links are there only while it is free. */
struct block {
	size_t head;
	struct block *next_free, *prev_free;
};

static struct run *arenas, *larges, *cache; /* cache: sorted by address */
static struct block *free_lists[NCLASSES];
static size_t pages_taken;

/* ---- page runs ------------------------------------------------------- */

static char *run_end(const struct run *r)
{
	return (char *)r + r->npages * PAGE;
}

static void run_push(struct run **list, struct run *r)
{
	r->prev = NULL;
	r->next = *list;
	if (*list)
		(*list)->prev = r;
	*list = r;
}

static void run_remove(struct run **list, struct run *r)
{
	if (r->prev)
		r->prev->next = r->next;
	else
		*list = r->next;
	if (r->next)
		r->next->prev = r->prev;
}

/* pages_get: npages contiguous pages (not zeroed), cut from the end of
 * the first cached run big enough, else fresh from __libc_pages. NULL
 * if there are none. */
static struct run *pages_get(size_t npages)
{
	for (struct run *c = cache; c; c = c->next) {
		if (c->npages == npages) {
			run_remove(&cache, c);
			return c;
		}
		if (c->npages > npages) {
			c->npages -= npages;
			struct run *r = (struct run *)run_end(c);
			r->npages = npages;
			return r;
		}
	}
	struct run *r = __libc_pages(npages);
	if (r) {
		r->npages = npages;
		pages_taken += npages;
	}
	return r;
}

/* pages_put: gives the run r (r->npages set) to the cache, merged with
 * the cached runs just before and after it. */
static void pages_put(struct run *r)
{
	struct run *before = NULL, *after = cache;
	while (after && after < r) {
		before = after;
		after = after->next;
	}
	if (after && run_end(r) == (char *)after) {
		r->npages += after->npages;
		after = after->next;
	}
	if (before && run_end(before) == (char *)r) {
		before->npages += r->npages;
		before->next = after;
		if (after)
			after->prev = before;
		return;
	}
	r->prev = before;
	r->next = after;
	if (before)
		before->next = r;
	else
		cache = r;
	if (after)
		after->prev = r;
}

/* ---- blocks and free lists -------------------------------------------- */

static size_t block_size(const struct block *b)
{
	return b->head & ~FLAGS;
}

static size_t *block_footer(struct block *b)
{
	return (size_t *)((char *)b + block_size(b) - sizeof(size_t));
}

/* block_set: writes b's header and footer. */
static void block_set(struct block *b, size_t size, size_t used)
{
	b->head = size | used;
	*block_footer(b) = size | used;
}

static struct block *block_next(struct block *b)
{
	return (struct block *)((char *)b + block_size(b));
}

/* block_prev_tag: the footer of the block before b (the fence, for the
 * first block of an arena). */
static size_t block_prev_tag(struct block *b)
{
	return ((size_t *)b)[-1];
}

static void *block_payload(struct block *b)
{
	return (char *)b + sizeof(size_t);
}

static struct block *payload_block(void *p)
{
	return (struct block *)((char *)p - sizeof(size_t));
}

/* size_class: the free list for blocks of size bytes (>= MIN_BLOCK). */
static int size_class(size_t size)
{
	int c = 0;
	for (size >>= 6; size && c < NCLASSES - 1; size >>= 1)
		c++;
	return c;
}

static void list_insert(struct block *b)
{
	struct block **list = &free_lists[size_class(block_size(b))];
	b->prev_free = NULL;
	b->next_free = *list;
	if (*list)
		(*list)->prev_free = b;
	*list = b;
}

static void list_remove(struct block *b)
{
	if (b->prev_free)
		b->prev_free->next_free = b->next_free;
	else
		free_lists[size_class(block_size(b))] = b->next_free;
	if (b->next_free)
		b->next_free->prev_free = b->prev_free;
}

/* block_need: the size of a block holding size bytes, or 0 if that
 * overflows. */
static size_t block_need(size_t size)
{
	if (size > SIZE_MAX - 2 * ALIGN)
		return 0;
	size_t need = (size + 2 * sizeof(size_t) + ALIGN - 1) & ~(ALIGN - 1);
	return need < MIN_BLOCK ? MIN_BLOCK : need;
}

/* arena_grow: a new arena big enough for a block of need bytes, as one
 * free block, or 0 if there are no pages. */
static int arena_grow(size_t need)
{
	size_t npages = (need + ARENA_OVERHEAD + PAGE - 1) / PAGE;
	if (npages < ARENA_PAGES)
		npages = ARENA_PAGES;
	struct run *r = pages_get(npages);
	if (!r)
		return 0;
	run_push(&arenas, r);
	size_t *fence = (size_t *)((char *)r + RUN_HEADER);
	*fence = USED;
	*(size_t *)(run_end(r) - sizeof(size_t)) = USED; /* the end marker */
	struct block *b = (struct block *)(fence + 1);
	block_set(b, npages * PAGE - ARENA_OVERHEAD, 0);
	list_insert(b);
	return 1;
}

/*
 * block_free (LAB 6 exercise, with block_trim and block_alloc): marks the
 * used block b free.
 *
 * Requirements: b and whichever of its two neighbours are free become one
 * free block (so that no two free blocks are ever neighbours), with its
 * header and footer (block_set) saying its size, on the free list of its
 * size (list_insert); a neighbour merged into it leaves its own list
 * first (list_remove).
 *
 * Hints: the block after b starts at block_next(b); the one before ends
 * just before b, and its footer (block_prev_tag) holds its size and USED
 * bit. The arena's fence and end marker are used blocks: no special case.
 */
static void block_free(struct block *b)
{
#if LAB6_SOLUTION
	size_t size = block_size(b);
	struct block *next = block_next(b);
	if (!(next->head & USED)) {
		list_remove(next);
		size += block_size(next);
	}
	size_t prev_tag = block_prev_tag(b);
	if (!(prev_tag & USED)) {
		b = (struct block *)((char *)b - prev_tag);
		list_remove(b);
		size += prev_tag;
	}
	block_set(b, size, 0);
	list_insert(b);
#else
	/* LAB 6: your code here. Until then, freed blocks are lost. */
	(void)b, (void)list_remove, (void)block_prev_tag;
#endif
}

/*
 * block_trim (LAB 6 exercise): the used block b (of at least need bytes,
 * need a multiple of 16) keeps need bytes; the rest, if it is at least
 * MIN_BLOCK bytes, becomes a block of its own and is freed (block_free:
 * it may merge with the block after it). Smaller rests stay in b.
 */
static void block_trim(struct block *b, size_t need)
{
#if LAB6_SOLUTION
	size_t size = block_size(b);
	if (size - need < MIN_BLOCK)
		return;
	block_set(b, need, USED);
	struct block *rest = block_next(b);
	block_set(rest, size - need, USED);
	block_free(rest);
#else
	/* LAB 6: your code here. Until then, nothing is cut off. */
	(void)b, (void)need;
#endif
}

/*
 * block_alloc (LAB 6 exercise): a used block of at least need bytes (a
 * multiple of 16, at least MIN_BLOCK, below LARGE_MIN), or NULL if there
 * is no memory.
 *
 * Requirements: first fit by size class: the first block on the list of
 * need's class (size_class) that is big enough, else the first on the
 * next non-empty class above; it leaves its list, is marked used and
 * trimmed to need (block_trim). When no list has one, grow the heap by an
 * arena (arena_grow) and look again; NULL if that fails.
 */
static struct block *block_alloc(size_t need)
{
#if LAB6_SOLUTION
	for (int pass = 0; pass < 2; pass++) {
		for (int c = size_class(need); c < NCLASSES; c++) {
			for (struct block *b = free_lists[c]; b; b = b->next_free) {
				if (block_size(b) >= need) {
					list_remove(b);
					block_set(b, block_size(b), USED);
					block_trim(b, need);
					return b;
				}
			}
		}
		if (pass == 0 && !arena_grow(need))
			break;
	}
	return NULL;
#else
	/* LAB 6: your code here. Until then, small requests fail. */
	(void)need, (void)arena_grow, (void)size_class;
	return NULL;
#endif
}

/* ---- large blocks ---------------------------------------------------- */

static size_t *large_tag(void *p)
{
	return (size_t *)p - 1;
}

static struct run *large_run(void *p)
{
	return ((struct run **)p)[-2];
}

/* large_alloc: size bytes aligned to align (a power of two, >= 16) in a
 * run of their own, or NULL. */
static void *large_alloc(size_t size, size_t align)
{
	size_t slack = LARGE_OVERHEAD + (align > ALIGN ? align : 0) + PAGE;
	if (size > SIZE_MAX - slack)
		return NULL;
	size_t npages = (size + slack - 1) / PAGE;
	struct run *r = pages_get(npages);
	if (!r)
		return NULL;
	run_push(&larges, r);
	uintptr_t p = ((uintptr_t)r + LARGE_OVERHEAD + align - 1) & ~(uintptr_t)(align - 1);
	r->offset = p - (uintptr_t)r;
	((struct run **)p)[-2] = r;
	*large_tag((void *)p) = npages * PAGE | LARGE | USED;
	return (void *)p;
}

/* large_room: how many bytes the large block p may hold. */
static size_t large_room(void *p)
{
	return (size_t)(run_end(large_run(p)) - (char *)p);
}

static void large_free(void *p)
{
	struct run *r = large_run(p);
	run_remove(&larges, r);
	pages_put(r);
}

/* ---- the interface --------------------------------------------------- */

/* malloc: size bytes, aligned to 16, or NULL with errno ENOMEM. 0 bytes
 * is a smallest block, unique like the others. */
void *malloc(size_t size)
{
	void *p = NULL;
	if (size >= LARGE_MIN) {
		p = large_alloc(size, ALIGN);
	} else {
		struct block *b = block_alloc(block_need(size));
		if (b)
			p = block_payload(b);
	}
	if (!p)
		errno = ENOMEM;
	return p;
}

/* free: gives back what malloc and company returned; NULL is nothing. */
void free(void *ptr)
{
	if (!ptr)
		return;
	if (*large_tag(ptr) & LARGE)
		large_free(ptr);
	else
		block_free(payload_block(ptr));
}

/* calloc: n objects of size bytes, zeroed; NULL with errno ENOMEM if
 * n * size overflows or there is no memory. */
void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	void *p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

/*
 * realloc: ptr's block resized to size bytes, its contents kept up to the
 * smaller of the two sizes: in place if it can (shrinking, or growing
 * into a free neighbour or its run's spare room), else moved. NULL ptr:
 * malloc(size). Size 0: a smallest block, as malloc(0). Out of memory:
 * NULL with errno ENOMEM, and ptr untouched.
 */
void *realloc(void *ptr, size_t size)
{
	if (!ptr)
		return malloc(size);
	size_t room;
	if (*large_tag(ptr) & LARGE) {
		room = large_room(ptr);
		if (size >= LARGE_MIN && size <= room) {
			/* Keep the pages size needs; the rest go to the cache. */
			struct run *r = large_run(ptr);
			size_t keep = ((char *)ptr - (char *)r + size + PAGE - 1) / PAGE;
			if (keep < r->npages) {
				struct run *tail = (struct run *)((char *)r + keep * PAGE);
				tail->npages = r->npages - keep;
				r->npages = keep;
				*large_tag(ptr) = keep * PAGE | LARGE | USED;
				pages_put(tail);
			}
			return ptr;
		}
	} else {
		struct block *b = payload_block(ptr);
		size_t need = block_need(size);
		room = block_size(b) - 2 * sizeof(size_t);
		if (size < LARGE_MIN) {
			struct block *next = block_next(b);
			if (block_size(b) < need && !(next->head & USED) &&
			    block_size(b) + block_size(next) >= need) {
				list_remove(next);
				block_set(b, block_size(b) + block_size(next), USED);
			}
			if (block_size(b) >= need) {
				block_trim(b, need);
				return ptr;
			}
		}
	}
	void *p = malloc(size);
	if (!p)
		return NULL;
	memcpy(p, ptr, size < room ? size : room);
	free(ptr);
	return p;
}

/* aligned_alloc: size bytes aligned to alignment, which must be a power
 * of two (else NULL, errno EINVAL); NULL with errno ENOMEM if there is no
 * memory. The block is cut from a bigger one, whose unaligned front is
 * freed. */
void *aligned_alloc(size_t alignment, size_t size)
{
	if (alignment == 0 || (alignment & (alignment - 1))) {
		errno = EINVAL;
		return NULL;
	}
	if (alignment <= ALIGN)
		return malloc(size);
	void *p = NULL;
	if (size >= LARGE_MIN - alignment - MIN_BLOCK || alignment >= LARGE_MIN) {
		p = large_alloc(size, alignment);
	} else {
		/* Enough for a front gap of 0 or of MIN_BLOCK to alignment +
		 * MIN_BLOCK - 16 bytes, which becomes a free block. */
		struct block *b = block_alloc(block_need(size + alignment + MIN_BLOCK));
		if (b) {
			uintptr_t start = (uintptr_t)block_payload(b);
			uintptr_t q = (start + alignment - 1) & ~(uintptr_t)(alignment - 1);
			if (q != start && q - start < MIN_BLOCK)
				q += alignment;
			if (q != start) {
				size_t gap = q - start, total = block_size(b);
				block_set(b, gap, USED);
				struct block *rest = block_next(b);
				block_set(rest, total - gap, USED);
				block_free(b);
				b = rest;
			}
			block_trim(b, block_need(size));
			p = block_payload(b);
		}
	}
	if (!p)
		errno = ENOMEM;
	return p;
}

/* ---- checking -------------------------------------------------------- */

static int runs_overlap(const struct run *a, const struct run *b)
{
	return (char *)a < run_end(b) && (char *)b < run_end(a);
}

/* check_runs: no run is empty or overlaps another of any list; each
 * large block's run pointer and tag are its own. */
static int check_runs(void)
{
	struct run *lists[3] = { arenas, larges, cache };
	for (int i = 0; i < 3; i++) {
		for (struct run *r = lists[i]; r; r = r->next) {
			if (r->npages == 0 || (r->next && r->next->prev != r))
				return MALLOC_BAD_RUN;
			if (i == 2 && r->next && run_end(r) >= (char *)r->next)
				return MALLOC_BAD_RUN; /* unsorted or not merged */
			for (int j = i; j < 3; j++)
				for (struct run *s = j == i ? r->next : lists[j]; s; s = s->next)
					if (runs_overlap(r, s))
						return MALLOC_BAD_RUN;
		}
	}
	for (struct run *r = larges; r; r = r->next) {
		char *p = (char *)r + r->offset;
		if (r->offset < LARGE_OVERHEAD || r->offset % ALIGN || p >= run_end(r) ||
		    large_run(p) != r || *large_tag(p) != (r->npages * PAGE | LARGE | USED))
			return MALLOC_BAD_LARGE;
	}
	return 0;
}

/* check_lists: every listed block is free, in its class's list, listed
 * once (it gets MARK in its header), and linked both ways. Counts them. */
static int check_lists(size_t *listed)
{
	for (int c = 0; c < NCLASSES; c++) {
		struct block *prev = NULL;
		for (struct block *b = free_lists[c]; b; prev = b, b = b->next_free) {
			if (b->prev_free != prev)
				return MALLOC_BAD_LINK;
			if ((b->head & (USED | LARGE | MARK)) || block_size(b) < MIN_BLOCK ||
			    size_class(block_size(b)) != c)
				return MALLOC_BAD_LISTED;
			b->head |= MARK;
			++*listed;
		}
	}
	return 0;
}

/* check_arena: the blocks of arena r tile it between the fence and the
 * end marker, each with agreeing tags, no two free ones together, every
 * free one marked by check_lists. */
static int check_arena(struct run *r, size_t *nfree, size_t *nused)
{
	size_t *fence = (size_t *)((char *)r + RUN_HEADER);
	char *end = run_end(r) - sizeof(size_t);
	if (*fence != USED || *(size_t *)end != USED)
		return MALLOC_BAD_FENCE;
	int prev_free = 0;
	struct block *b = (struct block *)(fence + 1);
	while ((char *)b < end) {
		size_t size = block_size(b);
		if (size < MIN_BLOCK || (b->head & LARGE) || size > (size_t)(end - (char *)b))
			return MALLOC_BAD_SIZE;
		if (*block_footer(b) != (b->head & ~MARK))
			return MALLOC_BAD_FOOTER;
		if (b->head & USED) {
			prev_free = 0;
			++*nused;
		} else {
			if (prev_free)
				return MALLOC_NOT_COALESCED;
			if (!(b->head & MARK))
				return MALLOC_NOT_LISTED;
			prev_free = 1;
			++*nfree;
		}
		b = block_next(b);
	}
	return (char *)b == end ? 0 : MALLOC_BAD_SIZE;
}

/* unmark_lists: takes MARK off the first n listed blocks, those that
 * check_lists marked. */
static void unmark_lists(size_t n)
{
	for (int c = 0; c < NCLASSES && n; c++)
		for (struct block *b = free_lists[c]; b && n; b = b->next_free, n--)
			b->head &= ~MARK;
}

/* __malloc_check: see libc_internal.h. Leaves the heap as it found it. */
int __malloc_check(void)
{
	int err = check_runs();
	if (err)
		return err;
	size_t listed = 0, nfree = 0, nused = 0;
	err = check_lists(&listed);
	for (struct run *r = arenas; r && !err; r = r->next)
		err = check_arena(r, &nfree, &nused);
	unmark_lists(listed);
	if (err)
		return err;
	return listed == nfree ? 0 : MALLOC_NOT_LISTED;
}

void __malloc_stats(struct malloc_stats *st)
{
	*st = (struct malloc_stats){ .pages = pages_taken };
	for (struct run *r = arenas; r; r = r->next) {
		st->arenas++;
		size_t *fence = (size_t *)((char *)r + RUN_HEADER);
		char *end = run_end(r) - sizeof(size_t);
		for (struct block *b = (struct block *)(fence + 1); (char *)b < end;
		     b = block_next(b)) {
			if (b->head & USED)
				st->used_blocks++;
			else
				st->free_blocks++;
		}
	}
	for (struct run *r = larges; r; r = r->next)
		st->large_blocks++;
	for (struct run *r = cache; r; r = r->next)
		st->cached_pages += r->npages;
}
