/*
 * paging.h: x86-64 4-level page tables: walk, map, unmap, translate.
 *
 * A virtual address splits into four 9-bit table indices and an offset:
 *
 *   63    48 47     39 38     30 29     21 20     12 11        0
 *  +--------+---------+---------+---------+---------+-----------+
 *  | sign   | PML4    | PDPT    | PD      | PT      | offset    |
 *  +--------+---------+---------+---------+---------+-----------+
 *              level 4   level 3   level 2   level 1
 *
 * Every table is one 4 KiB frame of 512 entries. An entry holds the
 * physical address of the next table (or of the page) and flag bits. A
 * level-2 entry with PTE_PS maps a 2 MiB page directly.
 *
 * These functions reach tables through pt_env.p2v (physical to virtual)
 * and get new ones from pt_env.alloc, so that the same code runs on the
 * boot tables, the kernel's tables, user address spaces (lab 3) and, in
 * the host unit tests, on fake physical memory.
 */
#ifndef ARCH_X86_64_PAGING_H
#define ARCH_X86_64_PAGING_H

#include "memlayout.h"
#include "types.h"

#define PTE_P (1ull << 0)   /* present */
#define PTE_W (1ull << 1)   /* writable */
#define PTE_U (1ull << 2)   /* user-accessible */
#define PTE_PS (1ull << 7)  /* large page (level 2: 2 MiB) */
#define PTE_G (1ull << 8)   /* global */
#define PTE_NX (1ull << 63) /* no execute */
#define PTE_ADDR 0x000ffffffffff000ull
#define PTE_FLAGS (~PTE_ADDR)

#define PT_ENTRIES 512

/* pt_index: the index va has in a table of the given level (4..1). */
static inline unsigned pt_index(vaddr_t va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

/* canonical: bits 63..47 all equal. */
static inline bool va_canonical(vaddr_t va)
{
	uint64_t top = va >> 47;
	return top == 0 || top == 0x1ffff;
}

struct pt_env {
	void *(*p2v)(paddr_t pa); /* a table's virtual address */
	paddr_t (*alloc)(void);   /* a zeroed frame for a new table, or 0 */
};
extern struct pt_env pt_env;

/*
 * pt_walk: the entry that maps va at `level` (1: a 4 KiB page's entry in
 * its PT; 2: a 2 MiB page's entry in its PD), in the tables rooted at the
 * PML4 at physical address root. With create, missing tables on the way
 * are made (their entries allow everything: the last level decides).
 * Returns NULL if it cannot get there: a bad argument, a missing table
 * (without create, or no memory for one), a large page in the way. (Lab 2
 * exercise: the requirements are above it in paging.c.)
 */
uint64_t *pt_walk(paddr_t root, vaddr_t va, int level, bool create);

/*
 * pt_map: map the 4 KiB page at va to the frame pa with flags (PTE_W,
 * PTE_U, PTE_NX, PTE_G; PTE_P is added). Returns 0, -ERR_INVALID (va or pa
 * unaligned, va not canonical), -ERR_NO_MEMORY, or -ERR_EXISTS (va mapped
 * already, by a 4 KiB page or a large one).
 */
int pt_map(paddr_t root, vaddr_t va, paddr_t pa, uint64_t flags);

/* pt_map_large: the same for a 2 MiB page (va, pa 2 MiB-aligned). */
int pt_map_large(paddr_t root, vaddr_t va, paddr_t pa, uint64_t flags);

/* pt_unmap: remove the 4 KiB or 2 MiB page mapping va. Returns 0,
 * -ERR_INVALID or -ERR_NOT_MAPPED. (The caller flushes the TLB.) */
int pt_unmap(paddr_t root, vaddr_t va);

/*
 * pt_translate: where va leads. Returns true and sets *pa to the physical
 * address and *flags to the effective flags (PTE_P; PTE_W and PTE_U only
 * if every level allows them; PTE_NX if any level forbids execution;
 * PTE_PS for a large page); false if va is not mapped.
 */
bool pt_translate(paddr_t root, vaddr_t va, paddr_t *pa, uint64_t *flags);

#endif /* ARCH_X86_64_PAGING_H */
