/*
 * frame.c: the physical frame allocator (see frame.h).
 *
 * frame_table_init, frame_table_alloc and frame_table_free are pure code
 * over a table and compile for the host, where the unit tests run them;
 * frame_init is the kernel's glue: where the table goes, what is reserved.
 */
#include "frame.h"
#include "kprintf.h"
#include "memlayout.h"
#include "panic.h"

struct frame_table frames;

/* overlaps: does [a, a + len) meet any of the ranges? */
static bool overlaps(paddr_t a, uint64_t len, const struct phys_range *r,
		     unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (a < r[i].end && r[i].start < a + len)
			return true;
	return false;
}

/*
 * frame_table_init (LAB 2 exercise).
 *
 * Requirements: the first lines, given, set ft->state and ft->nframes and
 * zero usable, free and next. Then:
 *  - set every entry of state[0..nframes-1]: the table comes from RAM that
 *    nobody cleared;
 *  - frame f is FRAME_FREE if the whole 4 KiB [f * PAGE_SIZE,
 *    (f + 1) * PAGE_SIZE) lies inside one MEM_AVAILABLE region of
 *    map[0..nmap-1] and touches none of the ranges
 *    reserved[0..nreserved-1] (each [start, end)); every other frame is
 *    FRAME_RESERVED;
 *  - regions need not be frame-aligned: round a region's start up and its
 *    end down to whole frames;
 *  - regions may overlap each other, extend past the table's end, or lie
 *    wholly beyond it: ignore what lies beyond nframes, and mind the
 *    arithmetic for a region near the top of the address space;
 *  - frame 0 always stays FRAME_RESERVED: frame_table_alloc's 0 means
 *    "no frame";
 *  - set usable and free to the number of FRAME_FREE frames (each counted
 *    once, even where regions overlap).
 * Hint: first mark everything RESERVED; then walk the available regions
 * frame by frame, using overlaps() for the reserved ranges.
 */
void frame_table_init(struct frame_table *ft, uint8_t *state, uint64_t nframes,
		      const struct mem_region *map, unsigned nmap,
		      const struct phys_range *reserved, unsigned nreserved)
{
	ft->state = state;
	ft->nframes = nframes;
	ft->usable = ft->free = ft->next = 0;
#if LAB2_SOLUTION
	for (uint64_t i = 0; i < nframes; i++)
		state[i] = FRAME_RESERVED;
	for (unsigned r = 0; r < nmap; r++) {
		if (map[r].type != MEM_AVAILABLE || map[r].base >= nframes * PAGE_SIZE)
			continue;
		uint64_t first = ALIGN_UP(map[r].base, PAGE_SIZE) / PAGE_SIZE;
		uint64_t end = ALIGN_DOWN(map[r].base + map[r].length, PAGE_SIZE) /
			       PAGE_SIZE;
		if (end > nframes)
			end = nframes;
		for (uint64_t f = first ? first : 1; f < end; f++) {
			if (state[f] == FRAME_FREE ||
			    overlaps(f * PAGE_SIZE, PAGE_SIZE, reserved, nreserved))
				continue;
			state[f] = FRAME_FREE;
			ft->usable++;
		}
	}
	ft->free = ft->usable;
#else
	/* LAB 2: your code here. Until then no frame is free. */
	(void)map, (void)nmap, (void)reserved, (void)nreserved, (void)overlaps;
	for (uint64_t i = 0; i < nframes; i++)
		state[i] = FRAME_RESERVED;
#endif
}

/*
 * frame_table_alloc (LAB 2 exercise).
 *
 * Requirements: find a FRAME_FREE frame, mark it FRAME_USED, decrement
 * ft->free and return its physical address. Search from ft->next,
 * wrapping around once at the end of the table, and leave ft->next just
 * past the frame handed out, so that successive calls do not rescan the
 * same frames. Return 0 when no frame is free, without changing anything;
 * a table of 0 frames has none.
 */
paddr_t frame_table_alloc(struct frame_table *ft)
{
#if LAB2_SOLUTION
	for (uint64_t n = 0; n < ft->nframes; n++) {
		uint64_t f = (ft->next + n) % ft->nframes;
		if (ft->state[f] != FRAME_FREE)
			continue;
		ft->state[f] = FRAME_USED;
		ft->free--;
		ft->next = (f + 1) % ft->nframes;
		return f * PAGE_SIZE;
	}
	return 0;
#else
	/* LAB 2: your code here. Until then there is never a free frame. */
	(void)ft;
	return 0;
#endif
}

/*
 * frame_table_free (LAB 2 exercise).
 *
 * Requirements: mark the FRAME_USED frame at pa FRAME_FREE again and
 * increment ft->free. Each misuse is a kernel bug: panic, with a message
 * that starts with the function's name and gives the address
 * ("frame_table_free: double free of 0x..."), when pa is not
 * frame-aligned, is beyond the table, is FRAME_RESERVED (never handed
 * out), or is already FRAME_FREE.
 */
void frame_table_free(struct frame_table *ft, paddr_t pa)
{
#if LAB2_SOLUTION
	uint64_t f = pa / PAGE_SIZE;
	if (pa % PAGE_SIZE != 0)
		panic("%s: 0x%lx is not frame-aligned", __func__, pa);
	if (f >= ft->nframes)
		panic("%s: 0x%lx is beyond physical memory", __func__, pa);
	if (ft->state[f] == FRAME_RESERVED)
		panic("%s: 0x%lx was never handed out (reserved)", __func__, pa);
	if (ft->state[f] == FRAME_FREE)
		panic("%s: double free of 0x%lx", __func__, pa);
	ft->state[f] = FRAME_FREE;
	ft->free++;
#else
	/* LAB 2: your code here. Until then frames are never given back. */
	(void)ft, (void)pa;
#endif
}

paddr_t frame_table_take(struct frame_table *ft, uint64_t n, uint64_t align)
{
	for (uint64_t f = align; n && f + n <= ft->nframes; f += align) {
		uint64_t i = 0;
		while (i < n && ft->state[f + i] == FRAME_FREE)
			i++;
		if (i < n)
			continue;
		for (i = 0; i < n; i++)
			ft->state[f + i] = FRAME_USED;
		ft->free -= n;
		return f * PAGE_SIZE;
	}
	return 0;
}

void frame_table_to_direct_map(void)
{
	if (frames.state)
		frames.state = phys_to_virt(frames.state_pa);
}

paddr_t frame_alloc(void) { return frame_table_alloc(&frames); }
void frame_free(paddr_t pa) { frame_table_free(&frames, pa); }

#ifndef HOST_TEST
extern char __kernel_phys_start[], __kernel_phys_end[];

#define MAX_RESERVED (4 + BOOT_MODULES_MAX)

/* table_place: the lowest frame-aligned address of size bytes inside an
 * available region, above 1 MiB, touching no reserved range and inside the
 * boot window; 0 if there is none. */
static paddr_t table_place(uint64_t size, const struct phys_range *r, unsigned n)
{
	for (unsigned i = 0; i < boot_info.mmap_count; i++) {
		const struct mem_region *m = &boot_info.mmap[i];
		if (m->type != MEM_AVAILABLE)
			continue;
		paddr_t a = ALIGN_UP(m->base < 0x100000 ? 0x100000 : m->base, PAGE_SIZE);
		for (;;) {
			bool moved = false;
			for (unsigned k = 0; k < n; k++) {
				if (a < r[k].end && r[k].start < a + size) {
					a = ALIGN_UP(r[k].end, PAGE_SIZE);
					moved = true;
				}
			}
			if (!moved)
				break;
		}
		if (a + size <= m->base + m->length && phys_window(a, size))
			return a;
	}
	return 0;
}

void frame_init(void)
{
	struct phys_range reserved[MAX_RESERVED];
	unsigned n = 0;
	uint64_t nframes = boot_info.mem_top / PAGE_SIZE;

	reserved[n++] = (struct phys_range){ 0, 0x100000 };
	reserved[n++] = (struct phys_range){ (paddr_t)__kernel_phys_start,
					     ALIGN_UP((paddr_t)__kernel_phys_end, PAGE_SIZE) };
	reserved[n++] = (struct phys_range){ boot_info.info_pa,
					     boot_info.info_pa + boot_info.info_size };
	for (unsigned i = 0; i < boot_info.module_count; i++)
		reserved[n++] = (struct phys_range){ boot_info.modules[i].start,
						     boot_info.modules[i].end };

	uint64_t size = ALIGN_UP(nframes, PAGE_SIZE);
	paddr_t table = nframes ? table_place(size, reserved, n) : 0;
	if (!table) {
		kprintf("frames: no room for a frame table (memory map empty?): "
			"no frame allocator\n");
		return;
	}
	reserved[n++] = (struct phys_range){ table, table + size };
	frame_table_init(&frames, phys_window(table, size), nframes,
			 boot_info.mmap, boot_info.mmap_count, reserved, n);
	frames.state_pa = table;
	kprintf("frames: %lu usable (%lu KiB) of %lu; table at 0x%lx\n",
		frames.usable, frames.usable * (PAGE_SIZE / 1024), nframes, table);
}
#endif
