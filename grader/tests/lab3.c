/*
 * tests/lab3.c: lab 3's public graded tests.
 *
 * Each runs one of the root task's test programs (user/root/tests.h) to
 * its end and reads the outcome from the machine: the capabilities in the
 * root CNode's slots and the derivation-tree links, the objects, the
 * root task's page tables (walked in physical memory), the kernel's log of
 * what each system call returned (syscall_log); and last, the grader's own
 * check of the derivation tree (captree.c). Inputs are random per run,
 * planted through GDB at roottask_ready (the program's name in
 * ktest_request, its inputs in ktest_args, which go into the boot info),
 * and recorded so that make qemu-gdb TEST=name and make gdb TEST=name
 * replay a failing run exactly.
 */
#define _GNU_SOURCE
#include "erix.h"
#include "grader.h"
#include "lab2.h"
#include "lab3.h"
#include "../../user/root/tests.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define R ERIX_RIGHT_READ
#define W ERIX_RIGHT_WRITE
#define G ERIX_RIGHT_GRANT
#define ALL ERIX_RIGHTS_ALL
#define MAX_CALLS 1024
/* NWANT: how many results an array of expected results holds (its
 * entries come from a list in user/root/tests.h, TEST_RESULT). */
#define NWANT(want) ((int)(sizeof(want) / sizeof((want)[0])))

static struct lab3_call calls[MAX_CALLS];

/* expect_copy: slot i is a capability to the object of slot `of`, derived
 * from slot `parent`, with these rights and badge. */
static void expect_copy(struct vm *vm, uint64_t i, uint64_t of, uint64_t parent,
			unsigned rights, uint64_t badge, const char *what)
{
	struct captree_slot s = lab3_slot(vm, i), o = lab3_slot(vm, of), p = lab3_slot(vm, parent);
	ck_assert_msg(s.type == o.type && s.obj == o.obj, "slot %" PRIu64 " (%s) does not name "
		      "the object of slot %" PRIu64 " (type %u, object 0x%" PRIx64 ")", i, what,
		      of, s.type, s.obj);
	ck_assert_msg(s.parent == p.addr, "slot %" PRIu64 " (%s) is not a child of slot %" PRIu64
		      " in the derivation tree", i, what, parent);
	ck_assert_msg(s.rights == rights, "slot %" PRIu64 " (%s) has rights 0x%x, not 0x%x", i,
		      what, s.rights, rights);
	ck_assert_msg(s.word == badge, "slot %" PRIu64 " (%s) has badge %" PRIu64 ", not %"
		      PRIu64, i, what, s.word, badge);
}

/* ---- retype ------------------------------------------------------------- */

GRADER_TEST(lab3_retype_order, .lab = 3, .points = 10, .limit = 60,
	    .covers = "kernel/untyped.c",
	    .title = "retype makes objects in order, each aligned to its size, and fills the untyped")
{
	static const unsigned types[] = { ERIX_OBJ_UNTYPED, ERIX_OBJ_CNODE, ERIX_OBJ_TCB,
					  ERIX_OBJ_ENDPOINT, ERIX_OBJ_NOTIFICATION, ERIX_OBJ_FRAME,
					  ERIX_OBJ_VSPACE, ERIX_OBJ_PAGE_TABLE };
	uint64_t args[8] = { 0 };
	unsigned n = (unsigned)grader_rand_range(8, 16), code[16];
	args[0] = n;
	for (unsigned i = 0; i < n; i++) {
		code[i] = types[grader_rand_range(0, 7)] | (unsigned)grader_rand_range(0, 15) << 4;
		args[1 + i / 8] |= (uint64_t)code[i] << (8 * (i % 8));
	}
	struct vm *vm = lab3_run("caps_retype", args);
	uint64_t ut = lab3_ut(vm);
	struct captree_slot u = lab3_slot(vm, ut);
	uint64_t mark = 0;
	for (unsigned i = 0; i < n; i++) {
		unsigned type = code[i] & 15, h = code[i] >> 4;
		unsigned sb = type == ERIX_OBJ_UNTYPED ? 6 + h : type == ERIX_OBJ_CNODE ? 2 + h % 4 : 0;
		uint64_t size = 1ull << captree_object_bits(type, sb);
		uint64_t at = (mark + size - 1) & ~(size - 1);
		struct captree_slot s = lab3_slot(vm, lab3_S(vm, i));
		ck_assert_msg(s.type == type, "object %u: slot S(%u) has type %u, not %u (was the "
			      "retype refused?)", i, i, s.type, type);
		ck_assert_msg(s.obj == u.obj + at, "object %u (type %u, %" PRIu64 " bytes) is at "
			      "offset 0x%" PRIx64 " of the untyped; retype in order puts it at 0x%"
			      PRIx64, i, type, size, s.obj - u.obj, at);
		ck_assert_msg(s.parent == u.addr, "object %u's capability is not a child of the "
			      "untyped's", i);
		ck_assert_msg(s.rights == ALL, "object %u's new capability has rights 0x%x", i,
			      s.rights);
		if (type == ERIX_OBJ_UNTYPED)
			ck_assert_msg(s.bits == sb && s.word == 0, "untyped %u: size_bits %u (want %u), "
				      "watermark %" PRIu64 " (want 0)", i, s.bits, sb, s.word);
		if (type == ERIX_OBJ_CNODE)
			ck_assert_msg(s.bits == sb && s.guard_bits == 64 - sb,
				      "CNode %u: radix %u guard_bits %u, want %u and %u", i, s.bits,
				      s.guard_bits, sb, 64 - sb);
		if (type == ERIX_OBJ_VSPACE) {
			ck_assert_msg(vm_eval(vm, "asid_table[%u]", s.asid) == s.obj - DIRECT_MAP_BASE,
				      "VSpace %u: its ASID %u is not registered", i, s.asid);
			uint64_t mine, kernels;
			vm_read_phys(vm, s.obj - DIRECT_MAP_BASE + 511 * 8, &mine, 8);
			vm_read_phys(vm, vm_eval(vm, "kernel_pml4") + 511 * 8, &kernels, 8);
			ck_assert_msg(mine == kernels, "VSpace %u lacks the kernel half", i);
		}
		mark = at + size;
	}
	u = lab3_slot(vm, ut);
	ck_assert_msg(u.word == mark, "the untyped's watermark is 0x%" PRIx64 "; its objects end "
		      "at 0x%" PRIx64, u.word, mark);
	int nc = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	ck_assert_msg(nc == (int)n, "%d invocations logged, %u made", nc, n);
	for (int i = 0; i < nc; i++)
		ck_assert_msg(calls[i].result == 0, "retype %d returned %s", i,
			      lab3_error_name(calls[i].result));
	lab3_check_tree(vm);
}

GRADER_TEST(lab3_retype_full, .lab = 3, .points = 10, .limit = 60,
	    .covers = "kernel/untyped.c",
	    .title = "retype past the end of an untyped fails cleanly; bad arguments are refused")
{
	struct vm *vm = lab3_run("caps_retype_full", NULL);
	static const int64_t want[] = { CAPS_RETYPE_FULL_CALLS(TEST_RESULT) };
	int nc = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	lab3_expect_results(calls, nc, want, NWANT(want), "caps_retype_full");
	struct captree_slot c = lab3_slot(vm, lab3_S(vm, 0));
	ck_assert_msg(c.type == ERIX_OBJ_UNTYPED && c.bits == 14, "S(0) is not a 16 KiB untyped");
	ck_assert_msg(c.word == 16384, "the full untyped's watermark is %" PRIu64 ", not 16384",
		      c.word);
	for (int i = 1; i <= 4; i++) {
		struct captree_slot f = lab3_slot(vm, lab3_S(vm, i));
		ck_assert_msg(f.type == ERIX_OBJ_FRAME && f.obj == c.obj + 4096 * (i - 1) &&
			      f.parent == c.addr, "frame %d is not at offset 0x%x of the 16 KiB "
			      "untyped", i, 4096 * (i - 1));
	}
	lab3_expect_empty(vm, lab3_S(vm, 5), "the fifth frame does not fit");
	lab3_expect_empty(vm, lab3_S(vm, 7), "bad type and size are refused");
	ck_assert_msg(lab3_slot(vm, lab3_S(vm, 6)).type == ERIX_OBJ_ENDPOINT,
		      "the parent untyped no longer retypes after its child filled up");
	lab3_check_tree(vm);
}

/* ---- copy and mint ------------------------------------------------------ */

GRADER_TEST(lab3_copy_mint_rights, .lab = 3, .points = 10, .limit = 60,
	    .covers = "kernel/cnode.c",
	    .title = "copy and mint narrow rights and never widen them; untyped caps are not copied")
{
	uint64_t args[8] = { (uint64_t)grader_rand_range(1, 1ll << 40) };
	struct vm *vm = lab3_run("caps_copy_mint", args);
	static const int64_t want[] = { CAPS_COPY_MINT_CALLS(TEST_RESULT) };
	int nc = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	lab3_expect_results(calls, nc, want, NWANT(want), "caps_copy_mint");
	uint64_t s0 = lab3_S(vm, 0);
	expect_copy(vm, s0 + 1, s0, s0, R | W, 0, "a copy with R|W");
	expect_copy(vm, s0 + 2, s0, s0 + 1, R | W, 0, "a mint asking all rights of an R|W copy");
	expect_copy(vm, s0 + 3, s0, s0 + 2, R, 0, "a copy with R");
	expect_copy(vm, s0 + 4, s0, s0, R | G, args[0], "a mint with R|G and a badge");
	expect_copy(vm, s0 + 5, s0, s0 + 4, R | G, args[0], "a copy asking all rights");
	lab3_expect_empty(vm, s0 + 6, "an untyped capability is never copied");
	lab3_expect_empty(vm, s0 + 7, "a rights mask with bits outside ERIX_RIGHTS_ALL");
	lab3_check_tree(vm);
}

GRADER_TEST(lab3_badge_once, .lab = 3, .points = 5, .limit = 60,
	    .covers = "kernel/cnode.c",
	    .title = "a badge can be set only once; only endpoints and notifications carry one")
{
	uint64_t a = (uint64_t)grader_rand_range(1, 1ll << 50), b = a + 1 +
		     (uint64_t)grader_rand_range(0, 1000);
	uint64_t args[8] = { a, b };
	struct vm *vm = lab3_run("caps_badge_once", args);
	static const int64_t want[] = { CAPS_BADGE_ONCE_CALLS(TEST_RESULT) };
	int nc = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	lab3_expect_results(calls, nc, want, NWANT(want), "caps_badge_once");
	uint64_t s0 = lab3_S(vm, 0);
	ck_assert_msg(lab3_slot(vm, s0).word == 0, "the original endpoint capability got a badge");
	expect_copy(vm, s0 + 1, s0, s0, ALL, a, "the first mint");
	lab3_expect_empty(vm, s0 + 2, "a second, different badge is refused");
	expect_copy(vm, s0 + 3, s0, s0 + 1, ALL, a, "a mint with badge 0 keeps the badge");
	expect_copy(vm, s0 + 4, s0, s0 + 1, ALL, a, "a mint with the same badge");
	lab3_expect_empty(vm, s0 + 5, "a rights mask with bits outside ERIX_RIGHTS_ALL");
	lab3_expect_empty(vm, s0 + 7, "a frame takes no badge");
	lab3_check_tree(vm);
}

GRADER_TEST(lab3_frame_read_only, .lab = 3, .points = 10, .limit = 60,
	    .covers = "kernel/cnode.c",
	    .title = "a read-only frame cannot be mapped writable; writing to it faults the thread")
{
	uint64_t args[8] = { grader_rand() | 1 };
	struct vm *vm = lab3_run("caps_frame_ro", args);
	int nc = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	static const int64_t want[] = { CAPS_FRAME_RO_CALLS(TEST_RESULT) };
	lab3_expect_results(calls, nc, want, NWANT(want),
			    "caps_frame_ro (retype, copy R, map R|W)");
	uint64_t s0 = lab3_S(vm, 0);
	struct captree_slot f = lab3_slot(vm, s0), ro = lab3_slot(vm, s0 + 1);
	ck_assert_msg(ro.type == ERIX_OBJ_FRAME && ro.obj == f.obj && ro.rights == R,
		      "S(1) is not a read-only copy of the frame in S(0)");
	uint64_t cr3 = vm_eval(vm, "asid_table[%u]", lab3_slot(vm, ERIX_ROOT_VSPACE).asid);
	struct lab2_walk w = lab2_walk(vm, cr3, TEST_VADDR);
	ck_assert_msg(w.present && w.user && w.pa == f.obj - DIRECT_MAP_BASE,
		      "the read-only copy is not mapped (user) at 0x%llx", TEST_VADDR);
	ck_assert_msg(!w.writable, "the read-only copy is mapped writable");
	w = lab2_walk(vm, cr3, TEST_VADDR + 4096);
	ck_assert_msg(w.present && w.writable && w.pa == f.obj - DIRECT_MAP_BASE,
		      "the read-write frame is not mapped writable at 0x%llx", TEST_VADDR + 4096);
	uint64_t value;
	vm_read_phys(vm, f.obj - DIRECT_MAP_BASE, &value, 8);
	ck_assert_msg(value == args[0], "the frame holds 0x%" PRIx64 ", not the value written "
		      "through the writable mapping (0x%" PRIx64 ")", value, args[0]);
	uint64_t tcb = vm_eval(vm, "(unsigned long)roottask.tcb");
	ck_assert_msg(vm_eval(vm, "((struct tcb *)%" PRIu64 ")->state", tcb) == 2 &&
		      vm_eval(vm, "((struct tcb *)%" PRIu64 ")->fault_vector", tcb) == 14 &&
		      vm_eval(vm, "((struct tcb *)%" PRIu64 ")->fault_addr", tcb) == TEST_VADDR,
		      "the write through the read-only mapping did not stop the root task with a "
		      "page fault at 0x%llx", TEST_VADDR);
	lab3_check_tree(vm);
}

/* ---- revoke and delete -------------------------------------------------- */

GRADER_TEST(lab3_revoke_untyped, .lab = 3, .points = 15, .limit = 60,
	    .covers = "kernel/cdt.c",
	    .title = "revoking an untyped destroys all made from it; its memory is retyped again")
{
	uint64_t args[8] = { grader_rand() | 1 };
	struct vm *vm = lab3_run("caps_revoke_untyped", args);
	int nc = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	ck_assert_msg(nc >= 3 && calls[nc - 2].label == ERIX_CNODE_REVOKE,
		      "the test program did not get as far as the revoke");
	ck_assert_msg(calls[nc - 2].result == 0, "the revoke returned %s",
		      lab3_error_name(calls[nc - 2].result));
	ck_assert_msg(calls[nc - 1].result == 0, "the retype after the revoke returned %s",
		      lab3_error_name(calls[nc - 1].result));
	uint64_t s0 = lab3_S(vm, 0);
	for (int i = 1; i <= 6; i++)
		lab3_expect_empty(vm, s0 + i, "made from the revoked untyped, or minted from "
				  "something that was");
	struct captree_slot u = lab3_slot(vm, s0), f = lab3_slot(vm, s0 + 7);
	ck_assert_msg(f.type == ERIX_OBJ_FRAME && f.obj == u.obj && f.parent == u.addr,
		      "the frame retyped after the revoke is not at the untyped's start");
	ck_assert_msg(u.word == 4096, "after the revoke and one frame the watermark is %" PRIu64
		      ", not 4096", u.word);
	ck_assert_msg(u.child == f.addr && f.next == 0 && f.prev == 0,
		      "the untyped has children besides the new frame");
	uint64_t cr3 = vm_eval(vm, "asid_table[%u]", lab3_slot(vm, ERIX_ROOT_VSPACE).asid);
	ck_assert_msg(!lab2_walk(vm, cr3, TEST_VADDR).present,
		      "the revoked frame is still mapped at 0x%llx", TEST_VADDR);
	static uint8_t page[4096];
	vm_read_phys(vm, f.obj - DIRECT_MAP_BASE, page, sizeof(page));
	for (size_t i = 0; i < sizeof(page); i++)
		ck_assert_msg(page[i] == 0, "the retyped frame is not zeroed (byte %zu)", i);
	lab3_check_tree(vm);
}

GRADER_TEST(lab3_revoke_endpoint, .lab = 3, .points = 10, .limit = 60,
	    .covers = "kernel/cdt.c",
	    .title = "revoking an endpoint cap removes every derived cap, in other CNodes too")
{
	struct vm *vm = lab3_run("caps_revoke_endpoint", NULL);
	uint64_t s0 = lab3_S(vm, 0);
	int nc = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	ck_assert_msg(nc == 11, "%d invocations logged; the test program makes 11", nc);
	for (int i = 0; i < nc; i++)
		ck_assert_msg(calls[i].result == 0, "invocation %d returned %s", i + 1,
			      lab3_error_name(calls[i].result));
	struct captree_slot e = lab3_slot(vm, s0), c = lab3_slot(vm, s0 + 1);
	ck_assert_msg(e.type == ERIX_OBJ_ENDPOINT, "the revoked capability itself is gone");
	ck_assert_msg(e.child == 0, "the revoked endpoint capability still has children");
	lab3_expect_empty(vm, s0 + 2, "a copy of the revoked capability");
	lab3_expect_empty(vm, s0 + 3, "a mint of the revoked capability");
	for (int i = 1; i <= 4; i++) {
		struct captree_slot s = lab3_slot_at(vm, c.obj + 64 * i);
		ck_assert_msg(s.type == ERIX_OBJ_NULL, "slot %d of the other CNode still holds a "
			      "capability derived from the revoked one", i);
	}
	struct captree_slot other = lab3_slot(vm, s0 + 4), kept = lab3_slot_at(vm, c.obj + 64 * 5);
	ck_assert_msg(kept.type == ERIX_OBJ_ENDPOINT && kept.obj == other.obj &&
		      kept.parent == other.addr && other.child == kept.addr,
		      "the copy of another endpoint (slot 5 of the other CNode) was hurt");
	lab3_check_tree(vm);
}

GRADER_TEST(lab3_delete_last, .lab = 3, .points = 10, .limit = 60,
	    .covers = "kernel/cdt.c",
	    .title = "deleting a copy keeps the object; deleting the last capability destroys it")
{
	struct vm *vm = lab3_run("caps_delete_last", NULL);
	uint64_t s0 = lab3_S(vm, 0), ut = lab3_ut(vm);
	int nc = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	ck_assert_msg(nc == 11, "%d invocations logged; the test program makes 11", nc);
	for (int i = 0; i < nc; i++)
		ck_assert_msg(calls[i].result == 0, "invocation %d returned %s", i + 1,
			      lab3_error_name(calls[i].result));
	struct captree_slot v = lab3_slot(vm, s0), e = lab3_slot(vm, s0 + 3);
	ck_assert_msg(v.type == ERIX_OBJ_VSPACE && v.child == 0, "VSpace V or its deleted copy");
	ck_assert_msg(vm_eval(vm, "asid_table[%u]", v.asid) == v.obj - DIRECT_MAP_BASE,
		      "deleting a copy of VSpace V destroyed V (its ASID is free)");
	int live = 0;
	for (int a = 0; a < 256; a++)
		live += vm_eval(vm, "asid_table[%d]", a) != 0;
	ck_assert_msg(live == 2, "%d ASIDs in use; after W's last capability went only the root "
		      "task's and V's should be", live);
	for (int i = 1; i <= 5; i++)
		if (i != 3)
			lab3_expect_empty(vm, s0 + i, "deleted, or derived from something deleted");
	ck_assert_msg(e.type == ERIX_OBJ_ENDPOINT && e.child == 0,
		      "the endpoint's copies inside the deleted CNode are still in the tree");
	/* The untyped's children are exactly V and E now. */
	struct captree_slot u = lab3_slot(vm, ut);
	int n = 0;
	bool has_v = false, has_e = false;
	for (uint64_t c = u.child; c && n < 100; n++) {
		struct captree_slot s = lab3_slot_at(vm, c);
		has_v |= c == v.addr, has_e |= c == e.addr;
		c = s.next;
	}
	ck_assert_msg(n == 2 && has_v && has_e, "the untyped has %d children; only V and E "
		      "should be left", n);
	lab3_check_tree(vm);
}

/* read_types: n root CNode slots from S(first) on, raw (64 bytes each), in
 * 4 KiB reads: the type of each into types. */
static void read_types(struct vm *vm, uint64_t first, uint64_t n, uint8_t *types)
{
	static uint8_t raw[64][64];
	uint64_t base = vm_eval(vm, "(unsigned long)roottask.cnode") + 64 * first;
	for (uint64_t i = 0; i < n; i += 64) {
		uint64_t k = n - i < 64 ? n - i : 64;
		vm_read(vm, base + 64 * i, raw, 64 * k);
		for (uint64_t j = 0; j < k; j++)
			types[i + j] = raw[j][0];
	}
}

/* expect_all_ok: the program made `want` invocations, all answered 0, the
 * last with label `last`. */
static void expect_all_ok(struct vm *vm, int want, uint64_t last, const char *what)
{
	int nc = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	ck_assert_msg(nc == want, "%s: %d invocations logged; the test program makes %d", what,
		      nc, want);
	for (int i = 0; i < nc; i++)
		ck_assert_msg(calls[i].result == 0, "%s: invocation %d (label %" PRIu64 ") returned "
			      "%s", what, i + 1, calls[i].label, lab3_error_name(calls[i].result));
	ck_assert_msg(calls[nc - 1].label == last, "%s: the last invocation has label %" PRIu64,
		      what, calls[nc - 1].label);
}

GRADER_TEST(lab3_preempted, .lab = 3, .points = 10, .limit = 90,
	    .covers = "kernel/cdt.c",
	    .title = "revoke and delete with 2-9 units of work per kernel entry: stopped, run again, "
		     "the same results")
{
	uint64_t budget = (uint64_t)grader_rand_range(2, 9), n = (uint64_t)grader_rand_range(300, 800);
	uint64_t args[8] = { n, (uint64_t)grader_rand_range(0, (int64_t)n - 1),
			     (uint64_t)grader_rand_range(1, (1ll << ERIX_BADGE_BITS) - 1) };

	/* A chain of n copies revoked: at most `budget` removed per entry. */
	struct vm *vm = lab3_boot_budget("caps_revoke_chain", args, budget);
	vm_run_to(vm, "sched_idle");
	expect_all_ok(vm, (int)n + 3, ERIX_CNODE_REVOKE, "the revoke of a chain");
	/* The walk's steps (cdt.c): n - 1 hoists (every copy but the first
	 * is hoisted once up to S(1)) and n removals; `budget` per entry. */
	uint64_t steps = 2 * n - 1, want = (steps - 1) / budget;
	uint64_t stops = vm_eval(vm, "preempt_stops");
	ck_assert_msg(stops >= want, "a chain of %" PRIu64 " copies revoked with %" PRIu64
		      " units per kernel entry: the walk stopped %" PRIu64 " times; it takes %"
		      PRIu64 " steps (%" PRIu64 " hoists, %" PRIu64 " removals), so at least %"
		      PRIu64 ": does cdt_remove_descendants ask preempt_point() before each step, "
		      "return -ERR_PREEMPTED when it says stop, and hoist copies rather than walk "
		      "down the chain?", n, budget, stops, steps, n - 1, n, want);
	uint64_t s0 = lab3_S(vm, 0);
	struct captree_slot e = lab3_slot(vm, s0 + 1);
	ck_assert_msg(e.type == ERIX_OBJ_ENDPOINT && e.child == 0 && e.word == 0 &&
			      e.rights == ALL,
		      "the revoked Endpoint (S(1)) is gone, changed, or still has children");
	static uint8_t types[800];
	read_types(vm, s0 + 2, n, types);
	for (uint64_t i = 0; i < n; i++)
		ck_assert_msg(types[i] == ERIX_OBJ_NULL, "link %" PRIu64 " of the chain (S(%" PRIu64
			      ")) survived the revoke", i, i + 2);
	lab3_check_tree(vm);
	vm_end_all();

	/* A chain of m CNodes, each holding the next one's original: the
	 * delete reaps them, budget after budget. */
	uint64_t m = (uint64_t)grader_rand_range(80, 200); /* 5 + 4m calls: all in the log */
	vm = lab3_boot_budget("caps_delete_nested", (uint64_t[8]){ m }, budget);
	vm_run_to(vm, "sched_idle");
	expect_all_ok(vm, 5 + 4 * (int)m, ERIX_CNODE_DELETE, "the delete of nested CNodes");
	stops = vm_eval(vm, "preempt_stops");
	ck_assert_msg(stops >= m / budget, "%" PRIu64 " nested CNodes reaped with %" PRIu64
		      " units per kernel entry: the kernel's loops stopped only %" PRIu64 " times",
		      m, budget, stops);
	e = lab3_slot(vm, s0 + 1);
	ck_assert_msg(e.type == ERIX_OBJ_ENDPOINT && e.child == 0, "the Endpoint's copies in the "
		      "%" PRIu64 " nested CNodes are still in the tree", m);
	lab3_expect_empty(vm, s0 + 2, "the deleted outer CNode");
	lab3_check_tree(vm);
	vm_end_all();

	/* An Untyped deleted from inside a CNode made from it: the call,
	 * stopped and run again, no longer finds it (its own work removed
	 * it), and is done. */
	vm = lab3_boot_budget("caps_delete_dying", NULL, budget);
	vm_run_to(vm, "sched_idle");
	expect_all_ok(vm, 13, ERIX_CNODE_DELETE, "the delete of an Untyped from inside a CNode "
		      "made from it");
	for (uint64_t i = 0; i <= 4; i++)
		lab3_expect_empty(vm, s0 + i, "moved into a CNode, or made from the deleted Untyped");
	lab3_check_tree(vm);
}

GRADER_TEST(lab3_move, .lab = 3, .points = 5, .limit = 60,
	    .covers = "kernel/cdt.c",
	    .title = "move keeps a cap's place in the tree; revoke at its new slot removes its copy")
{
	struct vm *vm = lab3_run("caps_move", NULL);
	static const int64_t want[] = { CAPS_MOVE_CALLS(TEST_RESULT) };
	int nc = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	lab3_expect_results(calls, nc, want, NWANT(want), "caps_move");
	uint64_t s0 = lab3_S(vm, 0);
	struct captree_slot e = lab3_slot(vm, s0), m = lab3_slot(vm, s0 + 5);
	lab3_expect_empty(vm, s0 + 1, "moved away");
	lab3_expect_empty(vm, s0 + 2, "a copy of the moved capability, revoked");
	ck_assert_msg(m.type == ERIX_OBJ_ENDPOINT && m.obj == e.obj && m.parent == e.addr &&
		      e.child == m.addr && m.child == 0,
		      "the moved capability is not E's child at its new slot, or kept children");
	lab3_check_tree(vm);
}

/* ---- lookups and authority ---------------------------------------------- */

GRADER_TEST(lab3_lookup_errors, .lab = 3, .points = 15, .limit = 60,
	    .covers = "kernel/cspace.c",
	    .title = "CPtr lookups: each bad CPtr fails with its own error; two-level lookups work")
{
	struct vm *vm = lab3_run("caps_lookup", NULL);
	static const int64_t want[] = { CAPS_LOOKUP_CALLS(TEST_RESULT) };
	int nc = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	lab3_expect_results(calls, nc, want, NWANT(want),
			    "caps_lookup (see CAPS_LOOKUP_CALLS in user/root/tests.h)");
	uint64_t s0 = lab3_S(vm, 0);
	struct captree_slot c2 = lab3_slot(vm, s0 + 1), ep = lab3_slot(vm, s0 + 4);
	struct captree_slot c5 = lab3_slot_at(vm, c2.obj + 64 * 5);
	ck_assert_msg(c5.type == ERIX_OBJ_ENDPOINT && c5.obj == ep.obj && c5.parent == ep.addr,
		      "the copy made through a two-level CPtr is not in slot 5 of the second CNode");
	struct captree_slot g = lab3_slot(vm, s0 + 3);
	ck_assert_msg(g.type == ERIX_OBJ_CNODE && g.guard_bits == 4 && g.word == 0xa,
		      "the minted CNode capability has guard_bits %u guard 0x%" PRIx64
		      ", not 4 and 0xa", g.guard_bits, g.word);
	lab3_check_tree(vm);
}

GRADER_TEST(lab3_empty_cspace, .lab = 3, .points = 10, .limit = 60,
	    .covers = "kernel/cspace.c",
	    .title = "threads with an empty CSpace, or none, can do nothing")
{
	struct vm *vm = lab3_run("caps_empty_cspace", NULL);
	uint64_t s0 = lab3_S(vm, 0);
	for (int k = 1; k <= 2; k++) {
		struct captree_slot t = lab3_slot(vm, s0 + k);
		ck_assert_msg(t.type == ERIX_OBJ_TCB, "S(%d) is not a TCB", k);
		int n = lab3_calls(vm, ERIX_SYS_CALL, t.obj, calls, MAX_CALLS);
		ck_assert_msg(n == 10, "thread %d made %d invocations; it makes 10 before it faults "
			      "(did it run?)", k, n);
		for (int i = 0; i < n; i++) {
			ck_assert_msg(calls[i].result < 0, "thread %d, with %s, got %s back from "
				      "invocation %d", k, k == 1 ? "an empty CSpace" : "no CSpace",
				      lab3_error_name(calls[i].result), i + 1);
			if (k == 2)
				ck_assert_msg(calls[i].result == -ERR_INVALID_ROOT, "a thread whose "
					      "CSpace root was deleted got %s, not ERR_INVALID_ROOT",
					      lab3_error_name(calls[i].result));
		}
		ck_assert_msg(vm_eval(vm, "((struct tcb *)%" PRIu64 ")->state", t.obj) == 2 &&
			      vm_eval(vm, "((struct tcb *)%" PRIu64 ")->fault_vector", t.obj) == 6,
			      "thread %d did not end with its ud2 (invalid opcode)", k);
	}
	lab3_expect_empty(vm, s0 + 3, "deleted");
	for (uint64_t i = s0 + 4; i < s0 + TEST_SCRATCH + 8; i++)
		lab3_expect_empty(vm, i, "nobody made anything there");
	lab3_expect_empty(vm, TEST_FAR_SLOT, "the threads without authority tried to fill it");
	lab3_check_tree(vm);
}

GRADER_TEST(lab3_user_pointers, .lab = 3, .points = 10, .limit = 60,
	    .covers = "kernel/uaccess.c",
	    .title = "user pointers into the kernel, unmapped or past user space are rejected")
{
	uint64_t args[8] = { grader_rand() };
	struct vm *vm = lab3_run("caps_user_pointers", args);
	static const int64_t want_puts[] = { CAPS_USER_POINTERS_PUTS(TEST_RESULT)
					     CAPS_USER_POINTERS_NONCE(TEST_RESULT) };
	static const int64_t want_regs[] = { CAPS_USER_POINTERS_REGS(TEST_RESULT) };
	int n = lab3_calls(vm, ERIX_SYS_DEBUG_PUTS, 0, calls, MAX_CALLS), first = -1;
	for (int i = 0; i < n && first < 0; i++)
		if (calls[i].cptr == 0xffffffff80100000ull)
			first = i;
	ck_assert_msg(first >= 0 && n - first >= NWANT(want_puts), "the test program's debug "
		      "prints are not in the kernel's log");
	lab3_expect_results(calls + first, n - first, want_puts, NWANT(want_puts),
			    "debug prints of a kernel address, the direct map, an unmapped page, "
			    "past user space, too long, page 0, then a good one");
	n = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	lab3_expect_results(calls, n, want_regs, NWANT(want_regs), "set registers with a kernel "
			    "rip, the last page, a non-canonical rip, a kernel rsp");
	/* The kit's own guard (usermode.c), not an exercise: the kernel runs
	 * with SMEP and SMAP, so that a check like user_check_range's is not
	 * all that stands between a user pointer and the kernel. */
	ck_assert_msg((vm_eval(vm, "$cr4") & (3ull << 20)) == (3ull << 20),
		      "CR4 is %#" PRIx64 ": SMEP (bit 20) and SMAP (bit 21) are not both on",
		      vm_eval(vm, "$cr4"));
	char line[80];
	snprintf(line, sizeof(line), "user pointers: nonce %016" PRIx64, args[0]);
	ck_assert_msg(strstr(vm_serial(vm), line), "the good print (\"%s\") is not on the "
		      "console", line);
	lab3_check_tree(vm);
	ck_assert_msg(vm_wait_end(vm) == VM_POWEROFF, "the kernel did not power off normally");
}

GRADER_TEST(lab3_syscall_abi, .lab = 3, .points = 10, .limit = 60,
	    .covers = "kernel/syscall_decode.c",
	    .title = "system call registers: number, cptr, label, mr0..mr3, results; others preserved")
{
	uint64_t args[8];
	for (int i = 0; i < 8; i++)
		args[i] = grader_rand();
	struct vm *vm = lab3_run("caps_syscall_abi", args);
	int n = lab3_calls(vm, 0, 0, calls, MAX_CALLS);
	uint64_t s0 = lab3_S(vm, 0);
	bool seen_label = false, seen0 = false, seen999 = false, seen_id = false, seen_regs = false;
	for (int i = 0; i < n; i++) {
		const struct lab3_call *c = &calls[i];
		if (c->nr == ERIX_SYS_CALL && c->label == 0x7fff) {
			seen_label = true;
			ck_assert_msg(c->cptr == s0, "the call's cptr was decoded as %" PRIu64 ", not %"
				      PRIu64, c->cptr, s0);
			for (int k = 0; k < 4; k++)
				ck_assert_msg(c->mr[k] == args[k], "mr%d was decoded as 0x%" PRIx64
					      ", the program passed 0x%" PRIx64, k, c->mr[k], args[k]);
			ck_assert_msg(c->result == -ERR_BAD_LABEL, "an unknown label gave %s",
				      lab3_error_name(c->result));
		}
		if (c->nr == 0 || c->nr == 999) {
			seen0 |= c->nr == 0, seen999 |= c->nr == 999;
			ck_assert_msg(c->result == -ERR_NO_SYSCALL, "system call %" PRIu64 " gave %s, "
				      "not ERR_NO_SYSCALL", c->nr, lab3_error_name(c->result));
		}
		if (c->nr == ERIX_SYS_CALL && c->label == ERIX_CAP_IDENTIFY) {
			seen_id = true;
			ck_assert_msg(c->result == 0 && c->out == ERIX_IDENTIFY_WORD(ERIX_OBJ_ENDPOINT, ALL, 0),
				      "identifying the endpoint gave %s, result word 0x%" PRIx64,
				      lab3_error_name(c->result), c->out);
		}
		if (c->nr == ERIX_SYS_CALL && c->label == 0x7ffe) {
			seen_regs = true;
			ck_assert_msg(c->mr[0] == 1, "a register other than rax, rcx, r11 changed "
				      "across a system call");
		}
	}
	ck_assert_msg(seen_label && seen0 && seen999 && seen_id && seen_regs,
		      "the kernel's log lacks some of the test program's system calls");
	lab3_check_tree(vm);
}

GRADER_TEST(lab3_hostile_calls, .lab = 3, .points = 10, .limit = 90,
	    .covers = "kernel/syscall_decode.c",
	    .title = "3000 random system calls with hostile arguments: no panic, the tree intact")
{
	uint64_t args[8] = { grader_rand(), 3000 };
	struct vm *vm = lab3_boot("caps_fuzz", args);
	vm_break(vm, "panic");
	vm_break(vm, "sched_idle");
	const char *where = vm_continue(vm);
	ck_assert_msg(!where || strcmp(where, "panic") != 0, "the kernel panicked on random "
		      "system calls (seed %" PRIu64 ")", args[0]);
	ck_assert_msg(where && strcmp(where, "sched_idle") == 0, "the kernel did not get to the "
		      "end of the random calls (seed %" PRIu64 "); it stopped in %s", args[0],
		      where ? where : vm_end_name(vm_wait_end(vm)));
	/* The log's calls and the fast paths' (a Yield with nothing else to
	 * run, a Call or ReplyRecv straight through: lab 4), which it leaves out. */
	uint64_t count = vm_eval(vm, "syscall_count + syscall_fast_yields + fastpath_calls + "
				 "fastpath_replies"), ok = 0;
	ck_assert_msg(count >= 3000, "only %" PRIu64 " system calls were made", count);
	static struct lab3_call log[1024];
	vm_read(vm, vm_symbol(vm, "syscall_log"), log, sizeof(log));
	for (int i = 0; i < 1024; i++)
		ok += log[i].result == 0;
	ck_assert_msg(ok >= 5, "only %" PRIu64 " of the last 1024 random calls succeeded: "
		      "the calls are not being carried out", ok);
	lab3_check_tree(vm);
}
