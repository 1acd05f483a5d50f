/*
 * hidden/lab4.c: lab 4's hidden graded tests (not in student trees): the
 * rare cases the public ones leave out. Each runs one of the programs of
 * user/root/lab4_hidden.h and reads the reports from the kernel's log.
 */
#define _GNU_SOURCE
#include "erix.h"
#include "grader.h"
#include "../tests/lab4.h"
#include "../../user/root/tests.h"
#include "../../user/root/lab4.h"
#include "../../user/root/lab4_hidden.h"

#include <erix/ipc.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>


static const char *err(int64_t e) { return lab3_error_name(e); }

/* run_checked: run the program with the kernel checking its invariants
 * (queues, bitmap, endpoints, notifications) after every system call
 * (selfcheck_every, planted as check_every=1 would): a broken invariant
 * is a panic, and the test fails there. */
static struct vm *run_checked(const char *name, const uint64_t args[8])
{
	struct vm *vm = lab3_boot(name, args);
	uint64_t one = 1;
	vm_write(vm, vm_symbol(vm, "selfcheck_every"), &one, sizeof(one));
	vm_run_to(vm, "sched_idle");
	return vm;
}

/* ---- queues: FIFO, badges and flags of queued senders, cancel ------------- */

GRADER_TEST(lab4_hidden_queues, .lab = 4, .points = 15, .limit = 90, .hidden = true,
	    .covers = "kernel/ipc.c",
	    .title = "queued senders and receivers: oldest first, each with its badge; NBRecv; a suspended sender")
{
	uint64_t args[8] = { grader_rand_range(2, 6), grader_rand(), grader_rand(),
			     grader_rand_range(2, 6) };
	args[1] |= 1; /* the first sender Calls */
	struct vm *vm = run_checked("ipc_queues", args);
	unsigned n = (unsigned)args[0], nr = (unsigned)args[3];
	uint64_t v[4];
	for (unsigned k = 0; k < n; k++) {
		bool call = args[1] >> k & 1;
		lab4_report(vm, 0, LAB4H_RECV + k, v, "the root task (receiving)");
		ck_assert_msg(v[0] == 0, "receive %u (%s) returned %s", k, k ? "Recv" : "NBRecv of a "
			      "queued sender", err((int64_t)v[0]));
		ck_assert_msg(v[1] == ERIX_MSGINFO(0x100 + k, 1, 0), "receive %u got label %#" PRIx64
			      ", not %#x: senders queued on an endpoint are taken oldest first (and "
			      "a suspended one leaves the queue)", k, ERIX_MSGINFO_LABEL(v[1]), 0x100 + k);
		ck_assert_msg(v[2] == lab4h_badge(args[2], k), "the message of queued sender %u "
			      "(a %s) came with badge %#" PRIx64 ", not its capability's %#" PRIx64,
			      k, call ? "Call" : "Send", v[2], lab4h_badge(args[2], k));
		ck_assert_msg(v[3] == lab4_word(args[2], k), "queued sender %u's mr0 arrived as %#"
			      PRIx64, k, v[3]);
		lab4_report(vm, lab4_tcb_of(vm, 20 + k), LAB4H_SENT, v, "a queued sender");
		ck_assert_msg(v[0] == 0, "queued sender %u's %s returned %s", k, call ? "Call" : "Send",
			      err((int64_t)v[0]));
		if (call)
			ck_assert_msg(v[1] == ERIX_MSGINFO(0x200 + k, 1, 0) && v[2] == ~lab4_word(args[2], k),
				      "queued caller %u (through a capability with GRANT) got info %#"
				      PRIx64 " mr0 %#" PRIx64 ", not the reply: a queued Call must "
				      "wait for the reply", k, v[1], v[2]);
	}
	lab4_report(vm, 0, LAB4H_EMPTY, v, "the root task");
	ck_assert_msg((int64_t)v[0] == -ERR_WOULD_BLOCK, "an NBRecv on the emptied endpoint got "
		      "%s, not ERR_WOULD_BLOCK", err((int64_t)v[0]));
	lab4_report(vm, lab4_tcb_of(vm, 27), LAB4H_SENT, v, "the sender suspended in Send, then resumed");
	ck_assert_msg((int64_t)v[0] == -ERR_CANCELLED, "a sender suspended while queued, resumed, "
		      "got %s from its Send, not ERR_CANCELLED", err((int64_t)v[0]));
	lab4_report(vm, 0, LAB4H_NBSEND, v, "the root task");
	ck_assert_msg(v[0] == (1ull << nr) - 1, "NBSends to %u waiting receivers: those that "
		      "succeeded, a bit each: %#" PRIx64, nr, v[0]);
	ck_assert_msg((int64_t)v[1] == -ERR_WOULD_BLOCK, "an NBSend once every receiver was "
		      "served got %s, not ERR_WOULD_BLOCK", err((int64_t)v[1]));
	for (unsigned j = 0; j < nr; j++) {
		lab4_report(vm, lab4_tcb_of(vm, 30 + j), LAB4H_GOT, v, "a queued receiver");
		ck_assert_msg(v[0] == 0 && v[1] == ERIX_MSGINFO(0x300 + j, 0, 0),
			      "receiver %u (queued %u-th) got %s, label %#" PRIx64 ", not %#x: "
			      "receivers are served oldest first", j, j, err((int64_t)v[0]),
			      ERIX_MSGINFO_LABEL(v[1]), 0x300 + j);
		ck_assert_msg(v[2] == lab4h_badge(args[2], 99), "receiver %u got badge %#" PRIx64, j,
			      v[2]);
	}
	lab3_check_tree(vm);
}

/* ---- notifications: many badges, waiters in order, the bound thread ------- */

GRADER_TEST(lab4_hidden_notify, .lab = 4, .points = 15, .limit = 90, .hidden = true,
	    .covers = "kernel/notification.c",
	    .title = "notifications: many badges, waiters woken oldest first, a bound thread only from Recv")
{
	uint64_t args[8] = { grader_rand_range(3, 10), grader_rand() };
	struct vm *vm = run_checked("ipc_notify_more", args);
	uint64_t seed = args[1], all = 0, v[4];
	for (unsigned i = 0; i < args[0]; i++)
		all |= lab4h_badge(seed, i);
	lab4_report(vm, 0, LAB4H_POLL, v, "the root task");
	ck_assert_msg(v[0] == 0 && v[1] == all, "Poll after %" PRIu64 " signals got %s, word %#"
		      PRIx64 ", not %#" PRIx64 " (their badges OR-ed)", args[0], err((int64_t)v[0]),
		      v[1], all);
	lab4_report(vm, 0, LAB4H_POLL + 1, v, "the root task");
	ck_assert_msg((int64_t)v[0] == -ERR_WOULD_BLOCK, "a second Poll got %s", err((int64_t)v[0]));
	lab4_report(vm, 0, LAB4H_POLL + 2, v, "the root task");
	ck_assert_msg(v[0] == 0 && v[1] == lab4h_badge(seed, 0), "a signal after the word was "
		      "taken, then Poll: %s, word %#" PRIx64 ", not just the new badge %#" PRIx64,
		      err((int64_t)v[0]), v[1], lab4h_badge(seed, 0));
	for (unsigned j = 0; j < 4; j++) {
		lab4_report(vm, lab4_tcb_of(vm, 20 + j + (j == 3)), LAB4H_GOT, v, "a thread in Wait");
		uint64_t want = lab4h_badge(seed, j == 3 ? 0 : j);
		ck_assert_msg(v[0] == 0 && v[1] == want, "%s got %s, word %#" PRIx64 ", not %#" PRIx64
			      "%s", j < 3 ? "a waiter" : "the waiter beside a bound thread in Recv",
			      err((int64_t)v[0]), v[1], want, j < 3 ? " (waiters wake oldest first, "
			      "each with one signal's badge)" : " (threads in Wait come before the "
			      "bound thread)");
	}
	lab4_report(vm, 0, LAB4H_POLL + 3, v, "the root task");
	ck_assert_msg((int64_t)v[0] == -ERR_WOULD_BLOCK, "Poll after three signals that each woke "
		      "a waiter got %s, word %#" PRIx64 ": a signal that wakes a thread is not "
		      "kept", err((int64_t)v[0]), v[1]);
	uint64_t b = lab4_tcb_of(vm, 23);
	lab4_report(vm, b, LAB4H_BOUND, v, "the bound thread");
	ck_assert_msg(v[0] == 0 && (v[1] & ERIX_MSG_SIGNAL) && v[2] == lab4h_badge(seed, 1),
		      "the bound thread in Recv got %s, info %#" PRIx64 ", word %#" PRIx64 ", not "
		      "the second signal %#" PRIx64, err((int64_t)v[0]), v[1], v[2],
		      lab4h_badge(seed, 1));
	lab4_report(vm, 0, LAB4H_RECV, v, "the root task");
	ck_assert_msg(v[0] == 0 && v[1] == ERIX_MSGINFO(7, 0, 0), "the bound thread's Send got "
		      "to the root as %s, info %#" PRIx64 ": a signal must not take a bound thread "
		      "out of a Send", err((int64_t)v[0]), v[1]);
	lab4_report(vm, b, LAB4H_SENT, v, "the bound thread");
	ck_assert_msg(v[0] == 0, "the bound thread's Send returned %s", err((int64_t)v[0]));
	lab4_report(vm, b, LAB4H_BOUND + 1, v, "the bound thread");
	ck_assert_msg(v[0] == 0 && (v[1] & ERIX_MSG_SIGNAL) && v[2] == lab4h_badge(seed, 2),
		      "a Recv with a signal pending on the bound notification got %s, info %#"
		      PRIx64 ", word %#" PRIx64 ", not the signal %#" PRIx64, err((int64_t)v[0]),
		      v[1], v[2], lab4h_badge(seed, 2));
	lab4_report(vm, lab4_tcb_of(vm, 25), LAB4H_GOT, v, "the waiter signalled with badge 0");
	ck_assert_msg(v[0] == 0 && v[1] == 0, "a waiter signalled with badge 0 got %s, word %#"
		      PRIx64, err((int64_t)v[0]), v[1]);
	lab4_report(vm, 0, LAB4H_POLL + 4, v, "the root task");
	ck_assert_msg((int64_t)v[0] == -ERR_WOULD_BLOCK, "the badge-0 signal that woke a waiter "
		      "was kept too (Poll: %s)", err((int64_t)v[0]));
}

/* ---- faults: registers both ways, the bounds of a reply --------------------- */

GRADER_TEST(lab4_hidden_fault, .lab = 4, .points = 15, .limit = 90, .hidden = true,
	    .covers = "kernel/fault.c",
	    .title = "fault messages carry the registers; a reply replaces them, within bounds, rflags masked")
{
	uint64_t args[8] = { grader_rand() };
	struct vm *vm = lab3_run("ipc_fault_regs", args);
	uint64_t f = lab4_tcb_of(vm, 2), v[4];
	lab4_report(vm, 0, LAB4H_FAULT, v, "the fault handler");
	ck_assert_msg(v[0] == 14 && v[2] == LAB4_FAULT_VA, "the page fault's message: vector %"
		      PRIu64 ", address %#" PRIx64, v[0], v[2]);
	lab4_report(vm, f, LAB4H_READ, v, "the faulting thread");
	ck_assert_msg(v[0] == args[0], "after the resume it read %#" PRIx64, v[0]);
	lab4_report(vm, 0, LAB4H_FAULT + 1, v, "the fault handler");
	ck_assert_msg(v[0] == 6 && v[1] == 0, "a ud2: vector %" PRIu64 " error %#" PRIx64 ", not "
		      "6 and 0", v[0], v[1]);
	ck_assert_msg(v[2] == 0, "the ud2 after a page fault has address word %#" PRIx64 ", not 0 "
		      "(the address is a page fault's only)", v[2]);
	ck_assert_msg(v[3] >= 0x400000 && v[3] < 0x800000, "its rip %#" PRIx64 " is not in the "
		      "program", v[3]);
	lab4_report(vm, 0, LAB4H_REGS, v, "the fault handler");
	ck_assert_msg(v[0] == LAB4H_RAX && v[1] == LAB4H_RBX && v[2] == LAB4H_R12 && v[3] == LAB4H_R15,
		      "the fault message's rax, rbx, r12, r15 (mr6, mr7, mr17, mr20) are %#" PRIx64
		      " %#" PRIx64 " %#" PRIx64 " %#" PRIx64 ", not the thread's %#llx %#llx %#llx "
		      "%#llx (ERIX_FAULT_REGS order from mr3)", v[0], v[1], v[2], v[3], LAB4H_RAX,
		      LAB4H_RBX, LAB4H_R12, LAB4H_R15);
	lab4_report(vm, 0, LAB4H_REPLIES, v, "the fault handler");
	ck_assert_msg((int64_t)v[0] == -ERR_BAD_ADDRESS, "a resume at rip ERIX_USER_TOP got %s, "
		      "not ERR_BAD_ADDRESS (user space ends below it)", err((int64_t)v[0]));
	ck_assert_msg((int64_t)v[1] == -ERR_BAD_ADDRESS, "a resume at rip 0x800 (below "
		      "ERIX_USER_MIN) got %s, not ERR_BAD_ADDRESS", err((int64_t)v[1]));
	ck_assert_msg((int64_t)v[2] == -ERR_BAD_ADDRESS, "a two-word resume with rsp past "
		      "ERIX_USER_TOP got %s, not ERR_BAD_ADDRESS", err((int64_t)v[2]));
	ck_assert_msg(v[3] == 0, "a four-word resume (rip, rsp, rflags, rax) after three refused "
		      "ones got %s, not 0 (a refused reply is not used up)", err((int64_t)v[3]));
	lab4_report(vm, f, LAB4H_RESUMED, v, "the thread resumed with new registers");
	uint64_t flags = (LAB4H_RFLAGS & 0xcd5) | 0x202;
	ck_assert_msg(v[0] == flags, "the resumed thread's rflags is %#" PRIx64 ", not %#" PRIx64
		      " (the handler sent %#llx: only CF PF AF ZF SF DF OF kept, IF set)", v[0],
		      flags, LAB4H_RFLAGS);
	ck_assert_msg(v[1] % 16 == 0 && v[1] > 0x400000 && v[1] < 0x800000, "the resumed thread's "
		      "rsp is %#" PRIx64 ", not the stack the handler gave", v[1]);
	ck_assert_msg(v[2] == LAB4H_NEW_RAX, "the resumed thread's rax is %#" PRIx64 ", not the "
		      "reply's fourth word %#llx", v[2], LAB4H_NEW_RAX);
	ck_assert_msg(v[3] == LAB4H_RBX, "the resumed thread's rbx is %#" PRIx64 ", not its own "
		      "%#llx (a reply of 4 words replaces 4 registers)", v[3], LAB4H_RBX);
	lab4_report(vm, 0, LAB4H_FAULT + 2, v, "the fault handler");
	ck_assert_msg(v[0] == 6 && v[2] == 0, "the third fault: vector %" PRIu64 ", address %#"
		      PRIx64, v[0], v[2]);
	lab4_report(vm, 0, LAB4H_FAULT + 3, v, "the fault handler");
	ck_assert_msg(v[0] == 6 && v[3] == ERIX_USER_TOP, "a resume with rsp ERIX_USER_TOP: the "
		      "next fault has vector %" PRIu64 ", rsp %#" PRIx64 " (an rsp of exactly "
		      "ERIX_USER_TOP is allowed)", v[0], v[3]);
	lab4_report(vm, 0, LAB4H_REPLIES + 1, v, "the fault handler");
	ck_assert_msg(v[0] == 0 && v[1] == 0, "the resume with rsp ERIX_USER_TOP got %s, the "
		      "label-2 reply %s", err((int64_t)v[0]), err((int64_t)v[1]));
	ck_assert_msg(vm_eval(vm, "((struct tcb *)%#" PRIx64 ")->state", f) == 2,
		      "a thread whose handler replied label 2 (not ERIX_FAULT_RESUME) is not "
		      "stopped");
}

/* ---- the fast path's conditions ---------------------------------------------- */

/* The reports of ipc_fast_cases: (thread slot, tag); slot -1: the root. */
static const struct { int slot; unsigned tag; const char *what; } fast_reports[] = {
	{ 40, LAB4H_FAST + 0, "the server's first message (length 0, badged)" },
	{ 40, LAB4H_FAST + 2, "the server's third message (length 2)" },
	{ 40, LAB4H_FAST + 4, "the server's fifth message (length 4)" },
	{ -1, LAB4H_FAST + 8, "the root's first reply" },
	{ -1, LAB4H_FAST + 10, "the root's third reply" },
	{ -1, LAB4H_FAST + 12, "the root's fifth reply" },
	{ 42, LAB4H_FAST + 16 + 2, "the caller whose server received again without replying" },
	{ 41, LAB4H_FAST + 16 + 1, "that server's second message" },
	{ -1, LAB4H_FAST + 16 + 3, "the root's reply from that server" },
	{ 43, LAB4H_FAST + 32 + 0, "the server's ReplyRecv with a sender queued" },
	{ -1, LAB4H_FAST + 32 + 2, "the root's reply from it" },
	{ 46, LAB4H_FAST + 48 + 1, "the priority-95 thread" },
	{ 45, LAB4H_FAST + 48 + 0, "the priority-90 server" },
	{ 48, LAB4H_FAST + 64 + 0, "the priority-110 thread woken by the server" },
	{ -1, LAB4H_FAST + 64 + 1, "the root after the priority-110 server's reply" },
	{ 49, LAB4H_FAST + 80 + 0, "server 1 and the first Call" },
	{ 50, LAB4H_FAST + 80 + 1, "server 2 and the first Send" },
	{ 49, LAB4H_FAST + 80 + 2, "server 1 and the second Send" },
	{ -1, LAB4H_FAST + 96 + 0, "a Call through a read-only capability" },
	{ 51, LAB4H_FAST + 96 + 1, "ReplyRecv through a write-only capability" },
	{ -1, LAB4H_FAST + 96 + 3, "the root's reply after it" },
	{ 52, LAB4H_FAST + 112 + 0, "ReplyRecv with the bound notification signalled" },
	{ -1, LAB4H_FAST + 112 + 1, "the root's reply from that server" },
	{ -1, LAB4H_FAST + 128 + 1, "a reply with a capability to a Call with GRANT" },
};
#define NFAST (sizeof(fast_reports) / sizeof(fast_reports[0]))

static struct vm *fast_run(const uint64_t args[8], uint64_t enabled, uint64_t got[NFAST][4])
{
	struct vm *vm = lab3_boot("ipc_fast_cases", args);
	vm_write(vm, vm_symbol(vm, "fastpath_enabled"), &enabled, sizeof(enabled));
	uint64_t one = 1;
	vm_write(vm, vm_symbol(vm, "selfcheck_every"), &one, sizeof(one));
	vm_run_to(vm, "sched_idle");
	for (size_t i = 0; i < NFAST; i++) {
		uint64_t t = fast_reports[i].slot < 0 ? 0 : lab4_tcb_of(vm, (uint64_t)fast_reports[i].slot);
		lab4_report(vm, t, fast_reports[i].tag, got[i], fast_reports[i].what);
	}
	return vm;
}

GRADER_TEST(lab4_hidden_fastpath, .lab = 4, .points = 20, .limit = 120, .hidden = true,
	    .covers = "kernel/fastpath.c",
	    .title = "the fast path: badges and lengths, and every case it must leave to the general path")
{
	uint64_t args[8] = { grader_rand(), grader_rand_range(1, (1ull << 48) - 1) };
	static uint64_t fast[NFAST][4], slow[NFAST][4];
	struct vm *vm = fast_run(args, 1, fast);
	uint64_t calls = vm_eval(vm, "fastpath_calls"), replies = vm_eval(vm, "fastpath_replies");
	ck_assert_msg(calls >= 5 && replies >= 4, "only %" PRIu64 " Calls and %" PRIu64
		      " ReplyRecvs took the fast path", calls, replies);
	vm = fast_run(args, 0, slow);
	/* What the general path must give (checked on it, then compared). */
	ck_assert_msg(slow[0][1] == args[1] && slow[3][1] == 0, "grader: badges %#" PRIx64 " %#"
		      PRIx64, slow[0][1], slow[3][1]);
	ck_assert_msg((int64_t)slow[6][0] == -ERR_CANCELLED, "grader: the first caller got %s",
		      err((int64_t)slow[6][0]));
	for (size_t i = 0; i < NFAST; i++)
		ck_assert_msg(memcmp(fast[i], slow[i], sizeof(fast[i])) == 0, "%s: with the fast "
			      "path %#" PRIx64 " %#" PRIx64 " %#" PRIx64 " %#" PRIx64 ", with the "
			      "general path %#" PRIx64 " %#" PRIx64 " %#" PRIx64 " %#" PRIx64,
			      fast_reports[i].what, fast[i][0], fast[i][1], fast[i][2], fast[i][3],
			      slow[i][0], slow[i][1], slow[i][2], slow[i][3]);
	ck_assert_msg(fast[11][0] < fast[12][0], "the priority-95 thread ran after the "
		      "priority-90 server");
	ck_assert_msg(fast[15][0] == 1 && fast[16][0] == 2 && fast[17][0] == 1, "two servers "
		      "on one endpoint were not taken in turn");
}

/* ---- priorities across the bitmap's words ------------------------------------ */

GRADER_TEST(lab4_hidden_priorities, .lab = 4, .points = 10, .limit = 60, .hidden = true,
	    .covers = "kernel/sched.c",
	    .title = "priorities 0, 63, 64, 127, 128, 255 and others run highest first; SetPriority moves a ready thread")
{
	uint64_t args[8] = { grader_rand() };
	struct vm *vm = run_checked("ipc_sched_more", args);
	unsigned prio[LAB4H_SCHED_N];
	uint64_t turn[LAB4H_SCHED_N], v[4];
	for (unsigned i = 0; i < LAB4H_SCHED_N; i++) {
		prio[i] = i == 1 ? LAB4H_MOVED : lab4h_priority(args[0], i);
		lab4_report(vm, lab4_tcb_of(vm, 20 + i), LAB4H_RAN, v, "a thread");
		turn[i] = v[0];
	}
	for (unsigned i = 0; i < LAB4H_SCHED_N; i++)
		for (unsigned j = 0; j < LAB4H_SCHED_N; j++)
			ck_assert_msg(prio[i] <= prio[j] || turn[i] < turn[j], "the thread at "
				      "priority %u ran (turn %" PRIu64 ") after the one at %u (turn %"
				      PRIu64 ")%s", prio[i], turn[i], prio[j], turn[j], i == 1 || j == 1 ?
				      " (the one at 200 was moved there from 63 while ready)" : "");
}
