/*
 * tests/lab2_support.c: lab 2's shared checks (see lab2.h).
 */
#define _GNU_SOURCE
#include "lab2.h"
#include "grader.h"
#include "lab1.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define E_P (1ull << 0)
#define E_W (1ull << 1)
#define E_U (1ull << 2)
#define E_PS (1ull << 7)
#define E_G (1ull << 8)
#define E_NX (1ull << 63)
#define E_ADDR 0x000ffffffffff000ull

struct lab2_walk lab2_walk(struct vm *vm, uint64_t cr3, uint64_t va)
{
	struct lab2_walk w = { .writable = true, .user = true };
	uint64_t table = cr3 & E_ADDR;
	for (int level = 4; level >= 1; level--) {
		unsigned index = (va >> (12 + 9 * (level - 1))) & 0x1ff;
		uint64_t e;
		vm_read_phys(vm, table + 8 * index, &e, sizeof(e));
		if (!(e & E_P))
			return (struct lab2_walk){ 0 };
		w.writable &= (e & E_W) != 0;
		w.user &= (e & E_U) != 0;
		w.nx |= (e & E_NX) != 0;
		if (level == 1 || (level == 2 && (e & E_PS))) {
			uint64_t size = level == 1 ? 0x1000 : 0x200000;
			w.present = true;
			w.large = level == 2;
			w.global = (e & E_G) != 0;
			w.pa = (e & E_ADDR & ~(size - 1)) + va % size;
			return w;
		}
		ck_assert_msg(!(level == 3 && (e & E_PS)), "a 1 GiB page maps 0x%" PRIx64, va);
		table = e & E_ADDR;
	}
	return (struct lab2_walk){ 0 };
}

void lab2_check_page(struct vm *vm, uint64_t cr3, uint64_t va, const char *what,
		     bool writable, bool nx)
{
	struct lab2_walk w = lab2_walk(vm, cr3, va);
	ck_assert_msg(w.present, "%s (0x%" PRIx64 ") is not mapped in the tables at "
		      "CR3 = 0x%" PRIx64, what, va, cr3);
	ck_assert_msg(w.writable == writable, "%s (0x%" PRIx64 ") is %swritable; it must "
		      "%sbe", what, va, w.writable ? "" : "not ", writable ? "" : "not ");
	ck_assert_msg(w.nx == nx, "%s (0x%" PRIx64 ") is %sexecutable; it must %sbe",
		      what, va, w.nx ? "not " : "", nx ? "not " : "");
	ck_assert_msg(!w.user, "%s (0x%" PRIx64 ") is user-accessible", what, va);
	ck_assert_msg(w.global, "%s (0x%" PRIx64 ") is not global: its entry lacks PTE_G", what, va);
	ck_assert_msg(w.pa == va - KERNEL_VMA || va < KERNEL_VMA,
		      "%s (0x%" PRIx64 ") maps physical 0x%" PRIx64 ", not 0x%" PRIx64,
		      what, va, w.pa, va - KERNEL_VMA);
}

int lab2_reserved(struct vm *vm, struct lab2_range *r)
{
	int n = 0;
	r[n++] = (struct lab2_range){ 0, 0x100000 };
	r[n++] = (struct lab2_range){ vm_symbol(vm, "__kernel_phys_start"),
				      (vm_symbol(vm, "__kernel_phys_end") + FRAME - 1) & ~(FRAME - 1) };
	uint64_t info = vm_eval(vm, "boot_info.info_pa");
	r[n++] = (struct lab2_range){ info, info + vm_eval(vm, "boot_info.info_size") };
	int mods = (int)vm_eval(vm, "boot_info.module_count");
	for (int i = 0; i < mods && n < LAB2_MAX_RESERVED - 1; i++)
		r[n++] = (struct lab2_range){ vm_eval(vm, "boot_info.modules[%d].start", i),
					      vm_eval(vm, "boot_info.modules[%d].end", i) };
	uint64_t table = vm_eval(vm, "frames.state_pa");
	uint64_t nframes = vm_eval(vm, "frames.nframes");
	r[n++] = (struct lab2_range){ table, table + ((nframes + FRAME - 1) & ~(FRAME - 1)) };
	return n;
}

bool lab2_frame_ok(const struct lab1_region *map, int nmap, uint64_t pa,
		   const struct lab2_range *r, int n)
{
	for (int i = 0; i < n; i++)
		if (pa < r[i].end && r[i].start < pa + FRAME)
			return false;
	for (int i = 0; i < nmap; i++)
		if (map[i].type == 1 && map[i].base <= pa &&
		    pa + FRAME <= map[i].base + map[i].length)
			return true;
	return false;
}

uint64_t lab2_unmapped_va(void)
{
	/* 0xffffc00000000000..: PML4 slots the kernel leaves empty. */
	return 0xffffc00000000000ull + ((grader_rand() & 0xfffffffffull) & ~7ull);
}
