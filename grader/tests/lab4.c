/*
 * tests/lab4.c: lab 4's public graded tests (IPC, notifications, faults,
 * scheduling, interrupts).
 *
 * Each runs one of the root task's lab-4 programs (user/root/lab4.h) with
 * inputs random per run, to its end, and reads the outcome from the
 * machine: the reports each thread left in the kernel's system-call log
 * (what it received, as its registers held it), the results the kernel
 * logged, the capabilities in the slots, the threads' states, the
 * scheduler's log of switches; and the grader's own check of the
 * derivation tree.
 */
#define _GNU_SOURCE
#include "erix.h"
#include "grader.h"
#include "lab4.h"
#include "../../user/root/tests.h"
#include "../../user/root/lab4.h"

#include <erix/ipc.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define MAX_CALLS 1024
#define NWANT(want) ((int)(sizeof(want) / sizeof((want)[0])))

static struct lab3_call calls[MAX_CALLS];

static const char *err(int64_t e) { return lab3_error_name(e); }

/* ---- message transfer ------------------------------------------------------ */

GRADER_TEST(lab4_message, .lab = 4, .points = 20, .limit = 60, .covers = "kernel/ipc.c",
	    .title = "Send and Recv: label, length, words in registers and the IPC buffer, badge")
{
	uint64_t args[8] = { grader_rand_range(1, 0xffffffffffffull), grader_rand_range(5, 40),
			     grader_rand(), grader_rand_range(1, (1ull << 56) - 1) };
	struct vm *vm = lab3_run("ipc_message", args);
	uint64_t r = lab4_tcb_of(vm, 2), r2 = lab4_tcb_of(vm, 3), v[4];
	unsigned len = args[1] > ERIX_MSG_MAX_WORDS ? ERIX_MSG_MAX_WORDS : (unsigned)args[1];
	lab4_report(vm, r, LAB4_GOT, v, "the receiver with an IPC buffer");
	ck_assert_msg(v[2] == 0, "its Recv returned %s", err((int64_t)v[2]));
	ck_assert_msg(v[0] == ERIX_MSGINFO(args[0], len, 0), "it received message info %#" PRIx64
		      ", not %#" PRIx64 " (label %#" PRIx64 ", %u words of the %" PRIu64 " sent)",
		      v[0], ERIX_MSGINFO(args[0], len, 0), args[0], len, args[1]);
	ck_assert_msg(v[1] == args[3], "it received badge %#" PRIx64 ", not the sender's "
		      "capability's %#" PRIx64, v[1], args[3]);
	for (unsigned i = 0; i < len; i += 4) {
		lab4_report(vm, r, LAB4_WORDS + i, v, "the receiver with an IPC buffer");
		for (unsigned j = i; j < i + 4 && j < len; j++)
			ck_assert_msg(v[j - i] == lab4_word(args[2], j), "message word %u is %#" PRIx64
				      ", not %#" PRIx64 " (%s)", j, v[j - i], lab4_word(args[2], j),
				      j < ERIX_MSG_REG_WORDS ? "a register word" : "an IPC-buffer word");
	}
	lab4_report(vm, r2, LAB4_GOT, v, "the receiver without an IPC buffer");
	ck_assert_msg(v[0] == ERIX_MSGINFO(args[0], ERIX_MSG_REG_WORDS, 0), "without an IPC "
		      "buffer the receiver got message info %#" PRIx64 ", not %#" PRIx64 " (the "
		      "length cut to the %d register words)", v[0],
		      ERIX_MSGINFO(args[0], ERIX_MSG_REG_WORDS, 0), ERIX_MSG_REG_WORDS);
	lab3_check_tree(vm);
}

/* ---- Call and Reply ------------------------------------------------------- */

GRADER_TEST(lab4_call_reply, .lab = 4, .points = 20, .limit = 60, .covers = "kernel/ipc.c",
	    .title = "Call and Reply: the reply reaches the caller once; a dead or gone partner is an error")
{
	uint64_t args[8] = { grader_rand(), grader_rand(), grader_rand_range(1, 0xffffffffull) };
	struct vm *vm = lab3_run("ipc_call", args);
	uint64_t srv = lab4_tcb_of(vm, 2), v[4];
	lab4_report(vm, srv, LAB4_GOT, v, "the server");
	ck_assert_msg(v[0] == ERIX_MSGINFO(args[2], 2, 0) && v[2] == args[1] && v[3] == 7,
		      "the server received info %#" PRIx64 " words %#" PRIx64 " %" PRIu64
		      ", not the Call's", v[0], v[2], v[3]);
	lab4_report(vm, srv, LAB4_REPLIED, v, "the server");
	ck_assert_msg(v[0] == 0, "its Reply returned %s", err((int64_t)v[0]));
	lab4_report(vm, srv, LAB4_REPLIED_AGAIN, v, "the server");
	ck_assert_msg((int64_t)v[0] == -ERR_NO_REPLY, "a second Reply returned %s, not "
		      "ERR_NO_REPLY (a reply is used once)", err((int64_t)v[0]));
	lab4_report(vm, 0, LAB4_ROOT_GOT, v, "the root task (the caller)");
	ck_assert_msg(v[0] == 0 && v[1] == ERIX_MSGINFO(args[2] + 1, 2, 0) &&
		      v[2] == (args[1] ^ args[0]) && v[3] == 8,
		      "the caller got %s, info %#" PRIx64 ", words %#" PRIx64 " %" PRIu64
		      ": not the reply", err((int64_t)v[0]), v[1], v[2], v[3]);
	lab4_report(vm, srv, LAB4_REPLY_DEAD, v, "the server");
	ck_assert_msg((int64_t)v[0] == -ERR_NO_REPLY, "a Reply to a caller deleted meanwhile "
		      "returned %s, not ERR_NO_REPLY", err((int64_t)v[0]));
	lab4_report(vm, lab4_tcb_of(vm, 4), LAB4_CALLER_WOKEN, v, "the caller whose server was suspended");
	ck_assert_msg((int64_t)v[0] == -ERR_CANCELLED, "a caller whose server was suspended got "
		      "%s, not ERR_CANCELLED", err((int64_t)v[0]));
	lab3_check_tree(vm);
}

/* ---- errors ---------------------------------------------------------------- */

GRADER_TEST(lab4_ipc_errors, .lab = 4, .points = 15, .limit = 60, .covers = "kernel/ipc.c",
	    .title = "no partner, no rights, wrong types, too many capabilities: each its error")
{
	struct vm *vm = lab3_run("ipc_errors", NULL);
	static const int64_t want[] = { IPC_ERRORS_CALLS(TEST_RESULT) };
	int n = lab3_calls(vm, 0, 0, calls, MAX_CALLS), first = -1;
	for (int i = 0; i < n && first < 0; i++)
		if (calls[i].nr == ERIX_SYS_NBSEND)
			first = i;
	ck_assert_msg(first >= 0, "the program's first NBSend is not in the kernel's log");
	lab3_expect_results(calls + first, n - first, want, NWANT(want),
			    "ipc_errors (IPC_ERRORS_CALLS in user/root/lab4.h)");
}

/* ---- capability transfer ------------------------------------------------- */

GRADER_TEST(lab4_grant, .lab = 4, .points = 20, .limit = 60, .covers = "kernel/ipc.c",
	    .title = "capabilities sent with GRANT land in the receiver's slots, children of the sender's")
{
	uint64_t args[8] = { grader_rand_range(1, (1ull << 56) - 1) };
	struct vm *vm = lab3_run("ipc_grant", args);
	uint64_t s0 = lab3_S(vm, 0), r = lab4_tcb_of(vm, 5), v[4];
	lab4_report(vm, r, LAB4_GOT, v, "the receiver");
	ck_assert_msg(v[1] == 0 && ERIX_MSGINFO_CAPS(v[0]) == 2, "the first receive got %s and "
		      "%u capabilities, not 2", err((int64_t)v[1]), ERIX_MSGINFO_CAPS(v[0]));
	ck_assert_msg(v[2] == 0 && v[3] == args[0], "the received badges are %#" PRIx64 " and %#"
		      PRIx64 ", not 0 (the Frame) and %#" PRIx64, v[2], v[3], args[0]);
	struct captree_slot f = lab3_slot(vm, s0 + 2), got = lab3_slot(vm, s0 + 10);
	ck_assert_msg(got.type == ERIX_OBJ_FRAME && got.obj == f.obj && got.parent == f.addr &&
		      got.rights == f.rights, "S(10) is not a copy of the Frame S(2), its child "
		      "with its rights");
	struct captree_slot gone = lab3_slot(vm, s0 + 11), spare = lab3_slot(vm, s0 + 12);
	ck_assert_msg(gone.type == ERIX_OBJ_NULL, "S(11), the endpoint received from S(4), "
		      "outlived the revoke of S(4): is it a child of S(4)?");
	ck_assert_msg(spare.type == ERIX_OBJ_NULL, "S(12) got a capability: only two were sent");
	lab4_report(vm, r, LAB4_GOT_AGAIN, v, "the receiver");
	ck_assert_msg(v[1] == 0 && ERIX_MSGINFO_CAPS(v[0]) == 1, "with one slot offered, %u "
		      "capabilities arrived, not 1", ERIX_MSGINFO_CAPS(v[0]));
	struct captree_slot one = lab3_slot(vm, s0 + 13);
	ck_assert_msg(one.type == ERIX_OBJ_FRAME && one.parent == f.addr, "S(13) is not a copy "
		      "of the Frame, a child of S(2)");
	int n = lab3_calls(vm, ERIX_SYS_NBSEND, 0, calls, MAX_CALLS);
	ck_assert_msg(n >= 1 && calls[n - 1].result == -ERR_RIGHTS, "a send of a capability "
		      "without GRANT returned %s, not ERR_RIGHTS",
		      n ? err(calls[n - 1].result) : "nothing");
	lab3_check_tree(vm);
}

/* ---- notifications ------------------------------------------------------- */

GRADER_TEST(lab4_notify, .lab = 4, .points = 20, .limit = 60, .covers = "kernel/notification.c",
	    .title = "notifications: badges OR-ed, Wait and Poll take the word, a bound thread wakes from Recv")
{
	uint64_t args[8];
	for (int i = 0; i < 3; i++)
		args[i] = grader_rand_range(1, (1ull << 56) - 1);
	for (int i = 3; i < 8; i++)
		args[i] = 0;
	struct vm *vm = lab3_run("ipc_notify", args);
	uint64_t v[4];
	lab4_report(vm, 0, LAB4_POLL, v, "the root task");
	ck_assert_msg(v[0] == 0 && v[1] == (args[0] | args[1]), "Poll after two signals got %s "
		      "and word %#" PRIx64 ", not %#" PRIx64 " (the badges OR-ed)",
		      err((int64_t)v[0]), v[1], args[0] | args[1]);
	lab4_report(vm, 0, LAB4_POLL_AGAIN, v, "the root task");
	ck_assert_msg((int64_t)v[0] == -ERR_WOULD_BLOCK, "a second Poll got %s, not "
		      "ERR_WOULD_BLOCK (the first took the word)", err((int64_t)v[0]));
	lab4_report(vm, lab4_tcb_of(vm, 5), LAB4_GOT, v, "the waiting thread");
	ck_assert_msg(v[0] == 0 && v[1] == args[2], "the waiter woke with %s and word %#" PRIx64
		      ", not %#" PRIx64, err((int64_t)v[0]), v[1], args[2]);
	uint64_t b = lab4_tcb_of(vm, 6);
	lab4_report(vm, b, LAB4_GOT, v, "the bound thread");
	ck_assert_msg(v[0] == 0 && (v[1] & ERIX_MSG_SIGNAL) && v[2] == args[0], "the bound "
		      "thread in Recv got %s, info %#" PRIx64 ", word %#" PRIx64 ": not the signal "
		      "(ERIX_MSG_SIGNAL, %#" PRIx64 ")", err((int64_t)v[0]), v[1], v[2], args[0]);
	lab4_report(vm, b, LAB4_GOT_AGAIN, v, "the bound thread");
	ck_assert_msg(v[0] == 0 && v[1] == ERIX_MSGINFO(5, 0, 0) && v[2] == 0, "its next Recv "
		      "got %s, info %#" PRIx64 ": not the message", err((int64_t)v[0]), v[1]);
	lab4_report(vm, 0, LAB4_POLL_ZERO, v, "the root task");
	ck_assert_msg(v[0] == 0 && v[1] == 0, "a signal with badge 0 then Poll: %s, word %#"
		      PRIx64 " (a signal counts, even with no bits)", err((int64_t)v[0]), v[1]);
}

/* ---- faults --------------------------------------------------------------- */

GRADER_TEST(lab4_fault, .lab = 4, .points = 20, .limit = 60, .covers = "kernel/fault.c",
	    .title = "a page fault is a message to the handler, whose reply resumes the thread")
{
	uint64_t args[8] = { grader_rand_range(0, 15), grader_rand(), grader_rand_range(0, 511) * 8 };
	struct vm *vm = lab3_run("ipc_fault", args);
	uint64_t f = lab4_tcb_of(vm, 2), v[4];
	uint64_t addr = LAB4_FAULT_VA + args[0] * 4096 + args[2];
	lab4_report(vm, 0, LAB4_GOT, v, "the fault handler (the root task)");
	ck_assert_msg(ERIX_MSGINFO_LABEL(v[0]) == ERIX_FAULT_LABEL &&
		      ERIX_MSGINFO_LENGTH(v[0]) == ERIX_FAULT_MSG_WORDS, "the fault message's "
		      "info is %#" PRIx64 ", not label ERIX_FAULT_LABEL with %d words", v[0],
		      ERIX_FAULT_MSG_WORDS);
	ck_assert_msg(v[1] == 0x77, "its badge is %#" PRIx64 ", not the handler capability's "
		      "0x77", v[1]);
	ck_assert_msg(v[2] == 14 && (v[3] & 7) == 4, "vector %" PRIu64 " error %#" PRIx64 ": not "
		      "a page fault (14) on a user read of a not-present page (error 4)", v[2], v[3]);
	lab4_report(vm, 0, LAB4_FAULT_AT, v, "the fault handler");
	ck_assert_msg(v[0] == addr, "the fault address is %#" PRIx64 ", not %#" PRIx64, v[0], addr);
	ck_assert_msg(v[1] >= 0x400000 && v[1] < 0x800000, "the faulting rip %#" PRIx64 " is not "
		      "in the program", v[1]);
	ck_assert_msg(v[2] > 0x400000 && v[2] < 0x800000 && v[2] % 8 == 0,
		      "the faulting rsp %#" PRIx64 " is not the thread's stack (in the program's "
		      "data)", v[2]);
	lab4_report(vm, f, LAB4_READ, v, "the faulting thread");
	ck_assert_msg(v[0] == args[1] && v[1] == 0, "after the resume it read %#" PRIx64 ", not "
		      "the %#" PRIx64 " the handler put there", v[0], args[1]);
	lab4_report(vm, 0, LAB4_GOT_AGAIN, v, "the fault handler");
	ck_assert_msg(v[2] == 6, "the second fault (ud2) has vector %" PRIu64 ", not 6", v[2]);
	lab4_report(vm, 0, LAB4_BAD_RESUME, v, "the fault handler");
	ck_assert_msg((int64_t)v[0] == -ERR_BAD_ADDRESS, "a resume at a kernel rip got %s, not "
		      "ERR_BAD_ADDRESS", err((int64_t)v[0]));
	ck_assert_msg(vm_eval(vm, "((struct tcb *)%#" PRIx64 ")->state", f) == 2,
		      "a thread whose handler replied label 0 is not stopped (TCB_FAULTED)");
	int n = lab3_calls(vm, ERIX_SYS_CALL, f, calls, MAX_CALLS), reads = 0;
	for (int i = 0; i < n; i++)
		reads += calls[i].cptr == ERIX_CPTR_NULL && calls[i].label == LAB4_READ;
	ck_assert_msg(reads == 1, "the stopped thread ran on after its second fault");
}

/* ---- scheduling ------------------------------------------------------------ */

GRADER_TEST(lab4_priorities, .lab = 4, .points = 20, .limit = 90, .covers = "kernel/sched.c",
	    .title = "time slices share a priority; a higher one runs first; mcp bounds SetPriority")
{
	uint64_t args[8] = { grader_rand_range(15000000, 25000000) };
	struct vm *vm = lab3_run("ipc_sched", args);
	uint64_t a = lab4_tcb_of(vm, 0), b = lab4_tcb_of(vm, 1), c = lab4_tcb_of(vm, 2), d = lab4_tcb_of(vm, 3), v[4];
	uint64_t n = vm_eval(vm, "sched_switches"), log = vm_symbol(vm, "sched_log");
	ck_assert_msg(n <= 256, "%" PRIu64 " thread switches: more than the log keeps", n);
	int ab = 0, last_c = -1, first_d = -1;
	uint64_t prev = 0;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t to = vm_eval(vm, "((struct sched_record *)%#" PRIx64 ")[%" PRIu64 "].to",
				      log, i);
		if ((to == a && prev == b) || (to == b && prev == a))
			ab++;
		if (to == c)
			last_c = (int)i;
		if (to == d && first_d < 0)
			first_d = (int)i;
		prev = to;
	}
	ck_assert_msg(ab >= 4, "two spinning threads of one priority took turns %d times: time "
		      "slices should switch between them (>= 4)", ab);
	ck_assert_msg(last_c >= 0 && first_d > last_c, "the priority-115 thread ran (switch %d) "
		      "before the priority-120 one was done (its last switch %d)", first_d, last_c);
	ck_assert_msg(vm_eval(vm, "((struct tcb *)%#" PRIx64 ")->ticks", a) >= 2 &&
		      vm_eval(vm, "((struct tcb *)%#" PRIx64 ")->ticks", b) >= 2,
		      "a spinning thread was charged fewer than 2 timer ticks");
	lab4_report(vm, lab4_tcb_of(vm, 4), LAB4_MCP, v, "the mcp-0 thread");
	ck_assert_msg((int64_t)v[0] == -ERR_RIGHTS && v[1] == 0, "with mcp 0, asking for 120 "
		      "got %s (not ERR_RIGHTS) and for 0 got %s (not 0)", err((int64_t)v[0]),
		      err((int64_t)v[1]));
}

/* ---- interrupts ------------------------------------------------------------ */

GRADER_TEST(lab4_irq, .lab = 4, .points = 10, .limit = 60, .covers = "kernel/notification.c",
	    .title = "an interrupt signals the notification bound to its line, once per Ack")
{
	uint64_t args[8] = { grader_rand_range(1, (1ull << 56) - 1) };
	struct vm *vm = lab3_run("ipc_irq", args);
	uint64_t v[4];
	lab4_report(vm, 0, LAB4_GOT, v, "the root task");
	ck_assert_msg(v[0] == 0 && v[1] == args[0], "the first Wait got %s, word %#" PRIx64
		      ", not the badge %#" PRIx64, err((int64_t)v[0]), v[1], args[0]);
	lab4_report(vm, 0, LAB4_GOT_AGAIN, v, "the root task");
	ck_assert_msg(v[0] == 0 && v[1] == args[0], "the second Wait got %s, word %#" PRIx64,
		      err((int64_t)v[0]), v[1]);
	ck_assert_msg(vm_eval(vm, "irq_count[0]") >= 2, "line 0 arrived fewer than twice");
}

/* ---- deletion -------------------------------------------------------------- */

GRADER_TEST(lab4_deleted, .lab = 4, .points = 15, .limit = 60, .covers = "kernel/ipc.c",
	    .title = "deleting what threads wait on wakes each with ERR_CANCELLED")
{
	struct vm *vm = lab3_run("ipc_deleted", NULL);
	static const struct { int slot; uint64_t tag; const char *who; } w[] = {
		{ 4, LAB4_WOKEN, "a sender on a deleted endpoint" },
		{ 5, LAB4_WOKEN, "the second sender there" },
		{ 6, LAB4_WOKEN, "a receiver on a deleted endpoint" },
		{ 7, LAB4_GOT, "a waiter on a deleted notification" },
		{ 8, LAB4_WOKEN, "a caller whose server was deleted" },
	};
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		uint64_t v[4];
		lab4_report(vm, lab4_tcb_of(vm, (uint64_t)w[i].slot), w[i].tag, v, w[i].who);
		ck_assert_msg((int64_t)v[0] == -ERR_CANCELLED, "%s got %s, not ERR_CANCELLED",
			      w[i].who, err((int64_t)v[0]));
	}
	uint64_t v[4];
	ck_assert_msg(!lab4_find(vm, 0, LAB4_WOKEN, v), "grader: the root task reported");
	lab3_check_tree(vm);
}

/* ---- the fast path ---------------------------------------------------------- */

/* fastpath_run: ipc_fastpath with the fast path on or off (planted in
 * fastpath_enabled at roottask_ready); its replies' reports in got[]. */
static struct vm *fastpath_run(const uint64_t args[8], uint64_t enabled, uint64_t got[][4])
{
	struct vm *vm = lab3_boot("ipc_fastpath", args);
	vm_write(vm, vm_symbol(vm, "fastpath_enabled"), &enabled, sizeof(enabled));
	vm_run_to(vm, "sched_idle");
	for (uint64_t i = 0; i < args[1]; i++)
		lab4_report(vm, 0, LAB4_WORDS + i, got[i], "the root task (the client)");
	return vm;
}

GRADER_TEST(lab4_fastpath, .lab = 4, .points = 15, .limit = 90, .covers = "kernel/fastpath.c",
	    .title = "Call and ReplyRecv take the fast path, with the general path's results")
{
	uint64_t args[8] = { grader_rand(), grader_rand_range(20, 40) };
	static uint64_t fast[64][4], slow[64][4];
	struct vm *vm = fastpath_run(args, 1, fast);
	uint64_t calls = vm_eval(vm, "fastpath_calls"), replies = vm_eval(vm, "fastpath_replies");
	ck_assert_msg(calls >= args[1] - 1 && replies >= args[1] - 2, "of %" PRIu64 " round trips "
		      "in the fast path's case, %" PRIu64 " Calls and %" PRIu64 " ReplyRecvs took it",
		      args[1], calls, replies);
	vm = fastpath_run(args, 0, slow);
	ck_assert_msg(vm_eval(vm, "fastpath_calls") == 0, "grader: the fast path ran while off");
	for (uint64_t i = 0; i < args[1]; i++) {
		unsigned n = (unsigned)(i % 5);
		uint64_t w[4];
		for (unsigned k = 0; k < 4; k++)
			w[k] = lab4_word(args[0], 4 * i + k);
		ck_assert_msg(slow[i][0] == ERIX_MSGINFO(i + 1, n, 0) &&
			      (n < 1 || slow[i][1] == lab4_answer(w[0], 0)) &&
			      (n < 2 || slow[i][2] == lab4_answer(w[1], 1)),
			      "grader: the general path's reply %" PRIu64 " is not the server's", i);
		ck_assert_msg(memcmp(fast[i], slow[i], sizeof(fast[i])) == 0, "reply %" PRIu64
			      " (length %u): the fast path gave info %#" PRIx64 " words %#" PRIx64
			      " %#" PRIx64 " %#" PRIx64 ", the general path %#" PRIx64 " %#" PRIx64
			      " %#" PRIx64 " %#" PRIx64, i, n, fast[i][0], fast[i][1], fast[i][2],
			      fast[i][3], slow[i][0], slow[i][1], slow[i][2], slow[i][3]);
	}
}

/* ---- queues ---------------------------------------------------------------- */

GRADER_TEST(lab4_fifo, .lab = 4, .points = 15, .limit = 60, .covers = "kernel/ipc.c",
	    .title = "senders queue in order: a receiver takes the oldest first, each with its badge")
{
	uint64_t args[8] = { grader_rand_range(3, 8), grader_rand() };
	struct vm *vm = lab3_run("ipc_fifo", args);
	uint64_t r = lab4_tcb_of(vm, 20), v[4];
	for (uint64_t i = 0; i < args[0]; i++) {
		uint64_t badge = lab4_badge(args[1], i);
		lab4_report(vm, r, LAB4_WORDS + i, v, "the receiver");
		ck_assert_msg(v[3] == 0 && ERIX_MSGINFO_LABEL(v[0]) == i && v[1] == badge &&
			      v[2] == badge, "message %" PRIu64 " of %" PRIu64 " came from sender %"
			      PRIu64 " (badge %#" PRIx64 ", result %s): senders are served oldest "
			      "first", i, args[0], ERIX_MSGINFO_LABEL(v[0]), v[1], err((int64_t)v[3]));
	}
	int n = lab3_calls(vm, ERIX_SYS_NBSEND, 0, calls, MAX_CALLS);
	ck_assert_msg(n == 2 && calls[0].result == 0 && calls[1].result == -ERR_WOULD_BLOCK,
		      "the root's two NBSends to one waiting receiver returned %s and %s, not 0 "
		      "and ERR_WOULD_BLOCK", n > 0 ? err(calls[0].result) : "-",
		      n > 1 ? err(calls[1].result) : "-");
}

GRADER_TEST(lab4_bound_reply, .lab = 4, .points = 10, .limit = 60,
	    .covers = "kernel/notification.c",
	    .title = "a signal wakes a bound server from Recv, and it still owes its caller the reply")
{
	uint64_t args[8] = { grader_rand_range(1, (1ull << 56) - 1), grader_rand() >> 1 };
	struct vm *vm = lab3_run("ipc_bound_reply", args);
	uint64_t s = lab4_tcb_of(vm, 2), v[4];
	lab4_report(vm, s, LAB4_GOT, v, "the bound server");
	ck_assert_msg(v[0] == 0 && (v[1] & ERIX_MSG_SIGNAL) && v[2] == args[0], "the server in "
		      "Recv got %s, info %#" PRIx64 ", word %#" PRIx64 ": not the signal %#" PRIx64,
		      err((int64_t)v[0]), v[1], v[2], args[0]);
	lab4_report(vm, s, LAB4_REPLIED, v, "the bound server");
	ck_assert_msg(v[0] == 0, "its Reply after the signal got %s: the signal took the reply "
		      "it owed", err((int64_t)v[0]));
	lab4_report(vm, 0, LAB4_ROOT_GOT, v, "the root task (the caller)");
	ck_assert_msg(v[0] == 0 && v[1] == args[1] + 1, "the caller got %s and %#" PRIx64 ", not "
		      "the reply %#" PRIx64, err((int64_t)v[0]), v[1], args[1] + 1);
}
