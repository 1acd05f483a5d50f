/*
 * hidden/lab3.c: lab 3's hidden graded tests (not in student trees).
 */
#define _GNU_SOURCE
#include "erix.h"
#include "grader.h"
#include "../tests/lab3.h"
#include "../../user/root/tests.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* NWANT: how many results an array of expected results holds (its
 * entries come from a list in user/root/tests.h, TEST_RESULT). */
#define NWANT(want) ((int)(sizeof(want) / sizeof((want)[0])))

GRADER_TEST(lab3_revoke_deep, .lab = 3, .points = 10, .limit = 90, .hidden = true,
	    .covers = "kernel/cdt.c",
	    .title = "revoke of an untyped under a 1000-deep mint chain and 300 nested CNodes")
{
	uint64_t args[8] = { (uint64_t)grader_rand_range(600, 1000),
			     (uint64_t)grader_rand_range(200, 400) };
	struct vm *vm = lab3_run("caps_revoke_deep", args);
	uint64_t s0 = lab3_S(vm, 0);
	struct captree_slot u = lab3_slot(vm, s0);
	ck_assert_msg(u.type == ERIX_OBJ_UNTYPED && u.bits == 20, "S(0) is not the 1 MiB untyped");
	ck_assert_msg(u.child == 0, "the revoked untyped still has children");
	ck_assert_msg(u.word == 0, "the revoked untyped's watermark is %" PRIu64 ", not 0", u.word);
	for (uint64_t i = 1; i <= args[0] + 3; i++) {
		struct captree_slot s = lab3_slot(vm, s0 + i);
		ck_assert_msg(s.type == ERIX_OBJ_NULL, "S(%" PRIu64 ") still holds a capability "
			      "(type %u) after the revoke (chain of %" PRIu64 ", %" PRIu64
			      " nested CNodes)", i, s.type, args[0], args[1]);
	}
	lab3_check_tree(vm);
	ck_assert_msg(vm_wait_end(vm) == VM_POWEROFF, "the kernel did not power off normally");
}

GRADER_TEST(lab3_retype_sizes, .lab = 3, .points = 5, .limit = 60, .hidden = true,
	    .covers = "kernel/untyped.c",
	    .title = "retype of large untypeds and CNodes: alignment padding, in order")
{
	uint64_t args[8] = { 16 };
	uint64_t sizes[16];
	for (int i = 0; i < 16; i++) {
		bool cnode = grader_rand_range(0, 3) == 0;
		unsigned h = (unsigned)grader_rand_range(cnode ? 0 : 4, 15);
		unsigned code = (cnode ? ERIX_OBJ_CNODE : ERIX_OBJ_UNTYPED) | h << 4;
		sizes[i] = cnode ? 1ull << (2 + h % 4 + 6) : 1ull << (6 + h);
		args[1 + i / 8] |= (uint64_t)code << (8 * (i % 8));
	}
	struct vm *vm = lab3_run("caps_retype", args);
	struct captree_slot u = lab3_slot(vm, lab3_ut(vm));
	uint64_t mark = 0;
	for (int i = 0; i < 16; i++) {
		uint64_t at = (mark + sizes[i] - 1) & ~(sizes[i] - 1);
		struct captree_slot s = lab3_slot(vm, lab3_S(vm, (uint64_t)i));
		ck_assert_msg(s.type != ERIX_OBJ_NULL && s.obj == u.obj + at,
			      "object %d (%" PRIu64 " bytes) is not at offset 0x%" PRIx64, i,
			      sizes[i], at);
		mark = at + sizes[i];
	}
	ck_assert_msg(u.word == mark, "the watermark is 0x%" PRIx64 ", not 0x%" PRIx64, u.word,
		      mark);
	lab3_check_tree(vm);
}

GRADER_TEST(lab3_irq_lines, .lab = 3, .points = 5, .limit = 60, .hidden = true,
	    .covers = "kernel/cdt.c",
	    .title = "IRQControl gives each line once; deleting its handler frees it; interrupts are safe")
{
	struct vm *vm = lab3_run("caps_irq", NULL);
	static struct lab3_call calls[1024];
	static const int64_t want[] = { CAPS_IRQ_CALLS(TEST_RESULT) };
	int n = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, 1024);
	lab3_expect_results(calls, n, want, NWANT(want), "caps_irq");
	uint64_t s0 = lab3_S(vm, 0);
	lab3_expect_empty(vm, s0, "the deleted IRQHandler");
	struct captree_slot h = lab3_slot(vm, s0 + 2), ctl = lab3_slot(vm, ERIX_ROOT_IRQ_CONTROL);
	ck_assert_msg(h.type == ERIX_OBJ_IRQ_HANDLER && h.obj == 4 && h.parent == ctl.addr,
		      "S(2) is not an IRQHandler for line 4 derived from IRQControl");
	ck_assert_msg(vm_eval(vm, "irq_claimed[4]") == 1, "line 4 is not marked claimed");
	ck_assert_msg(vm_eval(vm, "irq_count[0]") >= 1, "the unmasked timer line never arrived "
		      "(or was not counted)");
	lab3_check_tree(vm);
	ck_assert_msg(vm_wait_end(vm) == VM_POWEROFF, "the kernel did not power off normally");
}

GRADER_TEST(lab3_page_table_levels, .lab = 3, .points = 5, .limit = 60, .hidden = true,
	    .covers = "kernel/cnode.c",
	    .title = "a page table maps at one level only: copies cannot map it, unmapping empties it")
{
	struct vm *vm = lab3_run("caps_pt_levels", NULL);
	static struct lab3_call calls[64];
	static const int64_t want[] = { CAPS_PT_LEVELS_CALLS(TEST_RESULT) };
	int n = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, 64);
	lab3_expect_results(calls, n, want, NWANT(want), "caps_pt_levels");
	/* The last of them maps P again. */
	const struct lab3_call *remap = &calls[NWANT(want) - 1];
	ck_assert_msg(remap->out == 2, "the remapped table became level %" PRIu64 ", not 2 (a PD)",
		      remap->out);
	uint64_t s0 = lab3_S(vm, 0);
	struct captree_slot p = lab3_slot(vm, s0 + 1), v = lab3_slot(vm, s0);
	static uint64_t table[512];
	vm_read_phys(vm, p.obj - 0xffff800000000000ull, table, sizeof(table));
	for (int i = 0; i < 512; i++)
		ck_assert_msg(table[i] == 0, "the page table still holds entry %d (0x%" PRIx64
			      ") from its first mapping", i, table[i]);
	uint64_t root = vm_eval(vm, "asid_table[%u]", v.asid);
	uint64_t pml4e, pdpte[2];
	vm_read_phys(vm, root, &pml4e, 8);
	vm_read_phys(vm, (pml4e & 0x000ffffffffff000ull), pdpte, sizeof(pdpte));
	ck_assert_msg((pdpte[1] & 0x000ffffffffff000ull) == p.obj - 0xffff800000000000ull,
		      "the table is not the PD for the second GiB");
	lab3_check_tree(vm);
}
