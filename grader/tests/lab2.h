/*
 * tests/lab2.h: what lab 2's tests share: the grader's own page walk (in
 * physical memory, from CR3), the reserved ranges, a kernel address that
 * nothing maps.
 */
#ifndef GRADER_TESTS_LAB2_H
#define GRADER_TESTS_LAB2_H

#include <stdbool.h>
#include <stdint.h>

#include "vm.h"

#define KERNEL_VMA ((uint64_t)0xffffffff80000000)
#define DIRECT_MAP_BASE ((uint64_t)0xffff800000000000)
#define FRAME ((uint64_t)4096)

/* What the grader's walk found for one virtual address. */
struct lab2_walk {
	bool present;
	uint64_t pa;
	bool writable, user, nx, large;
	bool global; /* the last level's entry has PTE_G */
};

/* lab2_walk: translate va through the tables rooted at cr3, reading the
 * entries from physical memory; effective permissions as the CPU sees
 * them (W and U only if every level allows, NX if any level sets it). */
struct lab2_walk lab2_walk(struct vm *vm, uint64_t cr3, uint64_t va);

/* lab2_check_page: the walk of va must give these permissions, kernel
 * only and global; what names the page in the message. */
void lab2_check_page(struct vm *vm, uint64_t cr3, uint64_t va, const char *what,
		     bool writable, bool nx);

#define LAB2_MAX_RESERVED 24
struct lab2_range {
	uint64_t start, end;
};

/* lab2_reserved: the ranges the allocator must never hand out (first MiB,
 * kernel image, multiboot information, modules, the frame table). */
int lab2_reserved(struct vm *vm, struct lab2_range *r);

struct lab1_region;

/* lab2_frame_ok: is the frame at pa wholly inside an available region of
 * the map (lab1_read_mmap) and clear of every reserved range? */
bool lab2_frame_ok(const struct lab1_region *map, int nmap, uint64_t pa,
		   const struct lab2_range *r, int n);

/* lab2_unmapped_va: a random kernel address in a range nothing maps. */
uint64_t lab2_unmapped_va(void);

#endif /* GRADER_TESTS_LAB2_H */
