/*
 * frame.h: the physical frame allocator.
 *
 * Physical memory is managed in 4 KiB frames, with one byte of state per
 * frame in a table the kernel places in RAM at boot (frame_init):
 *
 *   FRAME_RESERVED  not RAM, or RAM the kernel never hands out: the first
 *                   MiB, the kernel image, the boot modules, the multiboot
 *                   information, the frame table itself
 *   FRAME_FREE      RAM nobody uses
 *   FRAME_USED      handed out by frame_alloc (or frame_table_take)
 *   FRAME_UNTYPED   given to the root task as Untyped memory (lab 3)
 *
 * Memory authority: after boot the kernel allocates nothing on its own. In
 * lab 3 the frames still free when boot is done become Untyped capabilities
 * for the root task; the table's states are what makes that hand-over
 * possible (free runs become untyped regions).
 */
#ifndef KERNEL_FRAME_H
#define KERNEL_FRAME_H

#include "bootinfo.h"
#include "memlayout.h"
#include "types.h"

enum frame_state { FRAME_RESERVED = 0, FRAME_FREE = 1, FRAME_USED = 2, FRAME_UNTYPED = 3 };

/* A range of physical addresses, [start, end). */
struct phys_range {
	paddr_t start, end;
};

struct frame_table {
	uint8_t *state;    /* state[i]: frame i, at physical i * FRAME_SIZE */
	paddr_t state_pa;  /* where the table itself lives */
	uint64_t nframes;  /* frames the table covers: [0, nframes * FRAME_SIZE) */
	uint64_t usable;   /* frames FREE when the table was made */
	uint64_t free;     /* frames FREE now */
	uint64_t next;     /* where frame_table_alloc starts looking */
};

/* The kernel's allocator (read by the grader). */
extern struct frame_table frames;

/*
 * frame_table_init: make ft describe nframes frames, with state[] as its
 * table, filled from the memory map map[0..nmap-1] less the ranges
 * reserved[0..nreserved-1]: FREE for RAM to hand out, RESERVED for the
 * rest. Sets usable and free to the number of FREE frames, and next to 0.
 * (Lab 2 exercise: the requirements are above it in frame.c.)
 */
void frame_table_init(struct frame_table *ft, uint8_t *state, uint64_t nframes,
		      const struct mem_region *map, unsigned nmap,
		      const struct phys_range *reserved, unsigned nreserved);

/* frame_table_alloc: mark a FREE frame USED and return its physical
 * address; 0 when no frame is free (frame 0 is always reserved). (Lab 2
 * exercise: the requirements are above it in frame.c.) */
paddr_t frame_table_alloc(struct frame_table *ft);

/* frame_table_free: give back a frame frame_table_alloc handed out.
 * Any misuse (pa not a frame that is handed out now) is a kernel bug and
 * panics. (Lab 2 exercise: the requirements are above it in frame.c.) */
void frame_table_free(struct frame_table *ft, paddr_t pa);

/* frame_table_take: mark USED a run of n FREE frames whose first is a
 * multiple of `align` frames, and return its address; 0 if there is no
 * such run. For the boot-time objects that must be contiguous (the root
 * task's CNode). */
paddr_t frame_table_take(struct frame_table *ft, uint64_t n, uint64_t align);

/* frame_init: place the kernel's frame table in RAM and fill it from
 * boot_info; prints the totals. */
void frame_init(void);

/* frame_table_to_direct_map: the kernel's page tables are on (kvm.c):
 * read the frame table through the direct map from now on, not through
 * the boot window. */
void frame_table_to_direct_map(void);

/* frame_alloc / frame_free: frame_table_alloc / _free on `frames`. The
 * frame is not zeroed. */
paddr_t frame_alloc(void);
void frame_free(paddr_t pa);

#endif /* KERNEL_FRAME_H */
