/*
 * tests/lab2.c: lab 2's public graded tests.
 *
 * The grader checks the allocator against the memory map it reads itself,
 * walks the kernel's page tables from CR3 in physical memory, and makes
 * the kernel fault at addresses it picks at random.
 */
#define _GNU_SOURCE
#include "erix.h"
#include "grader.h"
#include "lab1.h"
#include "lab2.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the frame allocator ------------------------------------------------ */

GRADER_TEST(lab2_frame_totals, .full_boot = true, .lab = 2, .points = 10, .limit = 60,
	    .covers = "kernel/frame.c",
	    .title = "frames.usable counts exactly the free frames of the map, for three RAM sizes")
{
	for (int i = 0; i < 3; i++) {
		int mib = (int)grader_rand_range(40, 1800);
		struct vm *vm = erix_boot(&(struct vm_config){ .mem_mib = mib }, NULL);
		vm_run_to(vm, "ktest_ready");
		struct lab1_region map[64];
		struct lab2_range res[LAB2_MAX_RESERVED];
		int nmap = lab1_read_mmap(vm, map, 64), nres = lab2_reserved(vm, res);
		uint64_t nframes = vm_eval(vm, "frames.nframes"), want = 0;
		for (uint64_t f = 0; f < nframes; f++)
			want += lab2_frame_ok(map, nmap, f * FRAME, res, nres);
		ck_assert_msg(want > (uint64_t)mib * 128, "with -m %d the map read from boot_info "
			      "leaves only %" PRIu64 " frames: is the memory map (lab 1) empty?",
			      mib, want);
		uint64_t usable = vm_eval(vm, "frames.usable"), free = vm_eval(vm, "frames.free");
		ck_assert_msg(usable == want, "with -m %d, frames.usable is %" PRIu64
			      "; the map leaves %" PRIu64 " frames free", mib, usable, want);
		ck_assert_msg(free <= usable && usable - free < 64,
			      "with -m %d, frames.free is %" PRIu64 " of %" PRIu64
			      " usable right after boot", mib, free, usable);
	}
}

GRADER_TEST(lab2_frame_unique, .full_boot = true, .lab = 2, .points = 10, .limit = 60,
	    .covers = "kernel/frame.c",
	    .title = "frame_alloc hands out free frames only, each once; frame_free takes them back")
{
	int mib = (int)grader_rand_range(32, 64); /* small: easy to exhaust */
	struct vm *vm = erix_boot(&(struct vm_config){ .mem_mib = mib }, NULL);
	vm_run_to(vm, "ktest_ready");
	struct lab1_region map[64];
	struct lab2_range res[LAB2_MAX_RESERVED];
	int nmap = lab1_read_mmap(vm, map, 64), nres = lab2_reserved(vm, res);
	uint64_t free0 = vm_eval(vm, "frames.free");
	uint64_t pml4 = vm_eval(vm, "kernel_pml4");
	int n = (int)grader_rand_range(200, 400);
	uint64_t *got = calloc((size_t)n, sizeof(*got));
	for (int i = 0; i < n; i++) {
		got[i] = vm_eval(vm, "frame_alloc()");
		ck_assert_msg(got[i] != 0, "frame_alloc() returned 0 after %d frames, with "
			      "%" PRIu64 " free", i, free0);
		ck_assert_msg(got[i] % FRAME == 0, "frame_alloc() returned 0x%" PRIx64
			      ", not frame-aligned", got[i]);
		ck_assert_msg(lab2_frame_ok(map, nmap, got[i], res, nres),
			      "frame_alloc() handed out 0x%" PRIx64 ", which is reserved or not "
			      "available RAM", got[i]);
		ck_assert_msg(got[i] != pml4, "frame_alloc() handed out the kernel's PML4");
		for (int k = 0; k < i; k++)
			ck_assert_msg(got[k] != got[i], "frame_alloc() handed out 0x%" PRIx64
				      " twice (calls %d and %d)", got[i], k, i);
	}
	ck_assert_msg(vm_eval(vm, "frames.free") == free0 - (uint64_t)n,
		      "after %d allocations frames.free is %" PRIu64 ", not %" PRIu64, n,
		      vm_eval(vm, "frames.free"), free0 - (uint64_t)n);
	for (int i = 0; i < n; i++)
		ck_assert_msg(vm_eval(vm, "frames.state[%" PRIu64 "]", got[i] / FRAME) == 2,
			      "frame 0x%" PRIx64 " is handed out but not FRAME_USED", got[i]);
	for (int i = 0; i < n; i++)
		vm_eval(vm, "(frame_free(0x%" PRIx64 "), 0)", got[i]);
	ck_assert_msg(vm_eval(vm, "frames.free") == free0,
		      "after freeing all %d frames frames.free is %" PRIu64 ", not %" PRIu64,
		      n, vm_eval(vm, "frames.free"), free0);
	free(got);
}

/* ---- the kernel's page tables ------------------------------------------- */

/* random_page: a random page-aligned address in [lo, hi). */
static uint64_t random_page(uint64_t lo, uint64_t hi)
{
	return lo + (uint64_t)grader_rand_range(0, (int64_t)((hi - lo) / FRAME) - 1) * FRAME;
}

GRADER_TEST(lab2_kernel_permissions, .lab = 2, .points = 10, .limit = 40,
	    .covers = "kernel/arch/x86_64/kvm.c",
	    .title = "walked from CR3: text R-X, rodata R--, data RW- (NX), guard pages absent, nothing low")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	uint64_t cr3 = vm_eval(vm, "$cr3");
	ck_assert_msg(cr3 == vm_eval(vm, "kernel_pml4"),
		      "CR3 is 0x%" PRIx64 ", not the kernel's own PML4 (kernel_pml4 = 0x%" PRIx64 ")",
		      cr3, vm_eval(vm, "kernel_pml4"));
	ck_assert_msg(vm_eval(vm, "$efer") & (1 << 11), "EFER.NXE is off");
	ck_assert_msg(vm_eval(vm, "$cr0") & (1 << 16), "CR0.WP is off");
	uint64_t text0 = vm_symbol(vm, "__text_start"), text1 = vm_symbol(vm, "__text_end");
	uint64_t ro0 = vm_symbol(vm, "__rodata_start"), ro1 = vm_symbol(vm, "__rodata_end");
	uint64_t d0 = vm_symbol(vm, "__data_start"), d1 = vm_symbol(vm, "__bss_end");
	uint64_t stack = vm_symbol(vm, "boot_stack"), df = vm_symbol(vm, "df_stack");
	for (int i = 0; i < 4; i++) {
		lab2_check_page(vm, cr3, random_page(text0, text1), "a page of .text", false, false);
		lab2_check_page(vm, cr3, random_page(ro0, ro1), "a page of .rodata", false, true);
		lab2_check_page(vm, cr3, random_page(d0, (d1 + FRAME - 1) & ~(FRAME - 1)),
				"a page of .data/.bss", true, true);
	}
	lab2_check_page(vm, cr3, vm_symbol(vm, "kmain") & ~(FRAME - 1), "kmain's page", false, false);
	lab2_check_page(vm, cr3, vm_symbol(vm, "ktest_scratch"), "ktest_scratch", true, true);
	lab2_check_page(vm, cr3, stack, "the boot stack", true, true);
	lab2_check_page(vm, cr3, df, "the double fault's stack", true, true);
	ck_assert_msg(!lab2_walk(vm, cr3, stack - FRAME).present,
		      "the boot stack's guard page (0x%" PRIx64 ") is mapped", stack - FRAME);
	ck_assert_msg(!lab2_walk(vm, cr3, df - FRAME).present,
		      "the double fault stack's guard page (0x%" PRIx64 ") is mapped", df - FRAME);
	for (uint64_t va = 0; va < 0x200000; va += 0x80000)
		ck_assert_msg(!lab2_walk(vm, cr3, va).present,
			      "low address 0x%" PRIx64 " is mapped: a NULL dereference would not "
			      "fault", va);
}

GRADER_TEST(lab2_direct_map, .full_boot = true, .lab = 2, .points = 10, .limit = 40,
	    .covers = "kernel/arch/x86_64/paging.c",
	    .title = "the direct map: all RAM at 0xffff800000000000, read-write, no-execute")
{
	int mib = (int)grader_rand_range(64, 1024);
	struct vm *vm = erix_boot(&(struct vm_config){ .mem_mib = mib }, NULL);
	vm_run_to(vm, "ktest_ready");
	uint64_t cr3 = vm_eval(vm, "$cr3");
	uint64_t top = vm_eval(vm, "boot_info.mem_top");
	ck_assert_msg(top >= (uint64_t)mib << 19, "boot_info.mem_top is 0x%" PRIx64 " with -m %d: "
		      "is the memory map (lab 1) empty?", top, mib);
	for (int i = 0; i < 8; i++) {
		uint64_t pa = i == 0 ? top - 8 : (grader_rand() % top) & ~7ull;
		uint64_t va = DIRECT_MAP_BASE + pa;
		struct lab2_walk w = lab2_walk(vm, cr3, va);
		ck_assert_msg(w.present && w.pa == pa, "direct-map address 0x%" PRIx64
			      " does not lead to physical 0x%" PRIx64 " (with -m %d)", va, pa, mib);
		ck_assert_msg(w.writable && w.nx && !w.user, "direct-map address 0x%" PRIx64
			      " must be writable, not executable, kernel only", va);
		uint64_t a, b;
		vm_read(vm, va, &a, sizeof(a));
		vm_read_phys(vm, pa, &b, sizeof(b));
		ck_assert_msg(a == b, "reading 0x%" PRIx64 " gives 0x%" PRIx64 ", physical 0x%"
			      PRIx64 " holds 0x%" PRIx64, va, a, pa, b);
	}
}

/* ---- faults ----------------------------------------------------------------- */

/* fault_at: boot, have the kernel touch addr (kind 0 read, 1 write, 2
 * jump), stop at the panic that follows, return the vm there. */
static struct vm *fault_at(uint64_t addr, int kind)
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, "fault");
	uint64_t args[2] = { addr, (uint64_t)kind };
	vm_write(vm, vm_symbol(vm, "ktest_args"), args, sizeof(args));
	vm_run_to(vm, "panic");
	return vm;
}

/* check_pf: the report of the page fault at addr with error code bits. */
static void check_pf(struct vm *vm, uint64_t addr, bool present, bool write, bool fetch)
{
	ck_assert_msg(vm_eval(vm, "trap_last.vector") == 14, "the kernel took trap %" PRIu64
		      ", not a page fault", vm_eval(vm, "trap_last.vector"));
	uint64_t err = vm_eval(vm, "trap_last.error");
	ck_assert_msg(vm_eval(vm, "pf_last.addr") == addr, "pf_last.addr is 0x%" PRIx64
		      "; the fault was at 0x%" PRIx64, vm_eval(vm, "pf_last.addr"), addr);
	ck_assert_msg(vm_eval(vm, "pf_last.error") == err, "pf_last.error is 0x%" PRIx64
		      ", the CPU's error code 0x%" PRIx64, vm_eval(vm, "pf_last.error"), err);
	ck_assert_msg(vm_eval(vm, "pf_last.present") == present && vm_eval(vm, "pf_last.write") == write &&
		      vm_eval(vm, "pf_last.fetch") == fetch && vm_eval(vm, "pf_last.user") == 0 &&
		      vm_eval(vm, "pf_last.reserved") == 0,
		      "fault at 0x%" PRIx64 " (error 0x%" PRIx64 "): pf_last says present %d, "
		      "write %d, fetch %d, user %d, reserved %d", addr, err,
		      (int)vm_eval(vm, "pf_last.present"), (int)vm_eval(vm, "pf_last.write"),
		      (int)vm_eval(vm, "pf_last.fetch"), (int)vm_eval(vm, "pf_last.user"),
		      (int)vm_eval(vm, "pf_last.reserved"));
	ck_assert_msg((err & 1) == present && ((err >> 1) & 1) == write && ((err >> 4) & 1) == fetch,
		      "grader: unexpected CPU error code 0x%" PRIx64, err);
	/* The printed report names the planted address. */
	char re[96];
	snprintf(re, sizeof(re), "page fault at 0x%016" PRIx64, addr);
	vm_wait_end(vm);
	ck_assert_msg(vm_serial_wait(vm, re) != NULL, "the report does not say \"%s\"", re);
}

GRADER_TEST(lab2_fault_report, .lab = 2, .points = 10, .limit = 40,
	    .covers = "kernel/arch/x86_64/trap.c",
	    .title = "a read or write at a random unmapped address: CR2 and the error code decoded")
{
	uint64_t addr = lab2_unmapped_va();
	int write = (int)(grader_rand() & 1);
	struct vm *vm = fault_at(addr, write);
	check_pf(vm, addr, false, write, false);
}

GRADER_TEST(lab2_fault_protection, .lab = 2, .points = 10, .limit = 40,
	    .covers = "kernel/arch/x86_64/trap.c",
	    .title = "a write to a random .rodata address is a protection fault, reported as such")
{
	struct vm *probe = erix_boot(&(struct vm_config){ 0 }, NULL);
	uint64_t ro0 = vm_symbol(probe, "__rodata_start"), ro1 = vm_symbol(probe, "__rodata_end");
	vm_end_all();
	uint64_t addr = ro0 + ((grader_rand() % (ro1 - ro0)) & ~7ull);
	struct vm *vm = fault_at(addr, 1);
	check_pf(vm, addr, true, true, false);
}

GRADER_TEST(lab2_stack_overflow, .lab = 2, .points = 10, .limit = 40,
	    .covers = "kernel/arch/x86_64/kvm.c",
	    .title = "a kernel stack overflow hits the guard page and is reported by the double fault")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, "overflow");
	uint64_t stack = vm_symbol(vm, "boot_stack");
	uint64_t df0 = vm_symbol(vm, "df_stack"), df1 = vm_symbol(vm, "df_stack_top");
	vm_run_to(vm, "trap");
	uint64_t vector = vm_eval(vm, "tf->vector"), rsp = vm_eval(vm, "$rsp");
	ck_assert_msg(vector == 8, "the first trap is vector %" PRIu64 " (%s), not the double "
		      "fault", vector, vm_eval_text(vm, "trap_name(%" PRIu64 ")", vector));
	ck_assert_msg(rsp >= df0 && rsp < df1, "the double fault runs on 0x%" PRIx64
		      ", not on its own stack [0x%" PRIx64 ", 0x%" PRIx64 ")", rsp, df0, df1);
	uint64_t cr2 = vm_eval(vm, "$cr2");
	ck_assert_msg(cr2 >= stack - FRAME && cr2 < stack, "CR2 is 0x%" PRIx64 ", not in the "
		      "boot stack's guard page [0x%" PRIx64 ", 0x%" PRIx64 ")", cr2, stack - FRAME, stack);
	enum vm_end end = vm_wait_end(vm);
	ck_assert_msg(end == VM_PANIC, "after the double fault the kernel %s; it must panic",
		      vm_end_name(end));
}
