/*
 * hidden/lab2.c: lab 2's hidden graded tests (not in student trees).
 */
#define _GNU_SOURCE
#include "erix.h"
#include "grader.h"
#include "../tests/lab2.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

GRADER_TEST(lab2_frame_misuse, .lab = 2, .points = 5, .limit = 40, .hidden = true,
	    .covers = "kernel/frame.c",
	    .title = "freeing a frame twice, or one never handed out, panics naming frame_table_free")
{
	for (int reserved = 0; reserved < 2; reserved++) {
		struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
		vm_run_to(vm, "ktest_ready");
		uint64_t pa;
		if (reserved) {
			/* A random frame of the kernel image. */
			uint64_t k0 = vm_symbol(vm, "__kernel_phys_start");
			uint64_t k1 = vm_symbol(vm, "__kernel_phys_end");
			pa = (k0 + grader_rand() % (k1 - k0)) & ~(FRAME - 1);
		} else {
			pa = vm_eval(vm, "frame_alloc()");
			ck_assert_msg(pa != 0, "frame_alloc() returned 0");
			vm_eval(vm, "(frame_free(0x%" PRIx64 "), 0)", pa);
		}
		vm_break(vm, "panic");
		const char *where = vm_call(vm, "(frame_free(0x%" PRIx64 "), 0)", pa);
		ck_assert_msg(where && strcmp(where, "panic") == 0,
			      "frame_free(0x%" PRIx64 ") of a %s frame returned instead of panicking",
			      pa, reserved ? "reserved" : "freed");
		vm_run_to(vm, "arch_power_off");
		char *msg = vm_read_string(vm, vm_symbol(vm, "panic_message"), 255);
		char hex[32];
		snprintf(hex, sizeof(hex), "%" PRIx64, pa);
		ck_assert_msg(strstr(msg, "frame_table_free") && strstr(msg, hex),
			      "the panic message \"%s\" must name frame_table_free and 0x%s", msg, hex);
		vm_end_all();
	}
}

GRADER_TEST(lab2_page_walk, .lab = 2, .points = 5, .limit = 40, .hidden = true,
	    .covers = "kernel/arch/x86_64/paging.c",
	    .title = "pt_walk and pt_map agree with the grader's own walk on random addresses")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	uint64_t cr3 = vm_eval(vm, "$cr3");
	uint64_t t0 = vm_symbol(vm, "__text_start"), d1 = vm_symbol(vm, "__bss_end");
	/* Mapped 4 KiB pages of the image: pt_walk(level 1) gives their PTE. */
	for (int i = 0; i < 6; i++) {
		uint64_t va = t0 + (grader_rand() % (d1 - t0));
		struct lab2_walk w = lab2_walk(vm, cr3, va);
		if (!w.present)
			continue; /* the gap between sections */
		uint64_t pte = vm_eval(vm, "pt_walk(0x%" PRIx64 ", 0x%" PRIx64 ", 1, 0)", cr3, va);
		ck_assert_msg(pte != 0, "pt_walk(level 1) found no entry for mapped 0x%" PRIx64, va);
		uint64_t e = vm_eval(vm, "*(unsigned long *)0x%" PRIx64, pte);
		ck_assert_msg((e & (uint64_t)0x000ffffffffff000) == (w.pa & ~(uint64_t)0xfff),
			      "pt_walk's entry for 0x%" PRIx64 " holds 0x%" PRIx64 "; the page is at "
			      "0x%" PRIx64, va, e, w.pa & ~(uint64_t)0xfff);
	}
	/* Unmapped, without create: NULL. */
	uint64_t hole = lab2_unmapped_va();
	ck_assert_msg(vm_eval(vm, "pt_walk(0x%" PRIx64 ", 0x%" PRIx64 ", 1, 0)", cr3, hole) == 0,
		      "pt_walk without create found an entry for unmapped 0x%" PRIx64, hole);
	/* A large page in the way: no level-1 entry. */
	uint64_t dm = DIRECT_MAP_BASE + ((grader_rand() % ((uint64_t)64 << 20)) & ~(uint64_t)0xfff);
	ck_assert_msg(vm_eval(vm, "pt_walk(0x%" PRIx64 ", 0x%" PRIx64 ", 1, 1)", cr3, dm) == 0,
		      "pt_walk(level 1) returned an entry inside the 2 MiB page at 0x%" PRIx64, dm);
	/* pt_map a fresh frame at a random hole, then use it. */
	uint64_t pa = vm_eval(vm, "frame_alloc()");
	int err = (int)(int64_t)vm_eval(vm, "pt_map(0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64
					", 0x8000000000000002)", cr3, hole & ~(uint64_t)0xfff, pa);
	ck_assert_msg(err == 0, "pt_map of 0x%" PRIx64 " returned %d", hole & ~(uint64_t)0xfff, err);
	struct lab2_walk w = lab2_walk(vm, cr3, hole);
	ck_assert_msg(w.present && w.pa == pa + (hole & 0xfff) && w.writable && w.nx,
		      "after pt_map, 0x%" PRIx64 " leads to 0x%" PRIx64 " (present %d, W %d, NX %d)",
		      hole, w.pa, w.present, w.writable, w.nx);
	uint64_t v = grader_rand(), back;
	vm_write(vm, hole, &v, sizeof(v));
	vm_read_phys(vm, w.pa, &back, sizeof(back));
	ck_assert_msg(back == v, "a write through the new mapping did not reach the frame");
	err = (int)(int64_t)vm_eval(vm, "pt_map(0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64 ", 2)",
				    cr3, hole & ~(uint64_t)0xfff, pa);
	ck_assert_msg(err != 0, "mapping 0x%" PRIx64 " twice succeeded", hole & ~(uint64_t)0xfff);
}

GRADER_TEST(lab2_fault_fetch, .lab = 2, .points = 5, .limit = 40, .hidden = true,
	    .covers = "kernel/arch/x86_64/trap.c",
	    .title = "jumping into no-execute data: an instruction-fetch protection fault, decoded")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, "fault");
	uint64_t addr = vm_symbol(vm, "ktest_scratch") + ((grader_rand() % 4096) & ~(uint64_t)15);
	uint64_t args[2] = { addr, 2 };
	vm_write(vm, vm_symbol(vm, "ktest_args"), args, sizeof(args));
	vm_run_to(vm, "panic");
	ck_assert_msg(vm_eval(vm, "trap_last.vector") == 14, "no page fault");
	ck_assert_msg(vm_eval(vm, "pf_last.addr") == addr, "pf_last.addr is 0x%" PRIx64
		      ", the jump went to 0x%" PRIx64, vm_eval(vm, "pf_last.addr"), addr);
	ck_assert_msg(vm_eval(vm, "pf_last.fetch") == 1 && vm_eval(vm, "pf_last.present") == 1 &&
		      vm_eval(vm, "pf_last.write") == 0,
		      "an instruction fetch from a present NX page: pf_last says fetch %d, "
		      "present %d, write %d", (int)vm_eval(vm, "pf_last.fetch"),
		      (int)vm_eval(vm, "pf_last.present"), (int)vm_eval(vm, "pf_last.write"));
}
