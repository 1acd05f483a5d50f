/*
 * selfcheck.c: the kernel checking itself while a fuzzer hammers it.
 *
 * With check_every=N on the command line (make fuzz sets it), the kernel
 * runs its own invariant checkers after every N-th system call and once
 * more when no thread is left: cdt_check (cdt_check.c): the derivation
 * tree's links and derivations, and the objects made from each Untyped;
 * sched_check (sched.c): the run queue's links, every thread on it
 * runnable with a rip the kernel can return to; tcb_check (tcb.c) on every
 * thread a capability names: its state agrees with the run queue, its
 * slots hold what they are for; vspace_check (vspace.c): every mapping in
 * every VSpace is one a Frame or PageTable capability records (none
 * outlives its capability), and each ASID's count of them is right; and
 * at the end, that the kernel's free frames are as many as at the first
 * call (after boot it allocates nothing). The first problem is a panic,
 * with the call's number. The fuzzer is a user program: it can neither reach nor fool
 * this code. The kernel also counts the results of each label (coverage)
 * and prints the table at the end, with what was never reached.
 */
#include "selfcheck.h"
#include "cdt.h"
#include "cmdline.h"
#include "frame.h"
#include "kprintf.h"
#include "panic.h"
#include "syscall.h"
#include "tcb.h"
#include "ipc.h"
#include "fastpath.h"
#include "sched.h"
#include "vspace.h"
#include <erix/errors.h>
#include <erix/invocation.h>
#include <erix/syscall.h>

/* Rows: the invocation labels (row 0: a label no object has), then the
 * other system calls (YIELD, DEBUG_PUTS, the IPC calls), then "no such
 * system call". */
#define ROW_SYS(nr) (ERIX_INVOCATION_END + (nr) - ERIX_SYS_YIELD)
#define ROW_NOSYS ROW_SYS(ERIX_SYS_END)
#define ROW_WOKEN (ROW_NOSYS + 1) /* a wait ended by an error (ipc_wake) */
#define ROWS (ROW_NOSYS + 2)

uint64_t selfcheck_coverage[ROWS][ERIX_ERROR_COUNT];
uint64_t selfcheck_every, selfcheck_runs;

/* The frame allocator's free count at the first system call: after boot
 * the kernel allocates nothing (every object comes from Untyped memory),
 * so it must be the same at the end. */
static uint64_t frames_free_at_start;

/* objects_check: tcb_check on every thread a capability names,
 * endpoint_check and notification_check on every endpoint and
 * notification (their queues). */
static const char *objects_check(void)
{
	for (struct cte *c = cdt_root.child; c; c = cdt_preorder_next(c)) {
		const char *q = NULL;
		switch (c->cap.type) {
		case ERIX_OBJ_TCB:
			q = tcb_check((struct tcb *)c->cap.obj);
			break;
		case ERIX_OBJ_ENDPOINT:
			q = endpoint_check((struct endpoint *)c->cap.obj);
			break;
		case ERIX_OBJ_NOTIFICATION:
			q = notification_check((struct notification *)c->cap.obj);
			break;
		default:
			break;
		}
		if (q)
			return q;
	}
	return NULL;
}

static void check(const char *when)
{
	selfcheck_runs++;
	if (cdt_check()) /* first: the walks below need a well-linked tree */
		panic("selfcheck: %s (system call %lu): %s", when,
		      (unsigned long)syscall_count, cdt_check_error);
	const char *q = sched_check();
	if (!q)
		q = objects_check();
	if (!q)
		q = vspace_check();
	if (q)
		panic("selfcheck: %s (system call %lu): %s", when, (unsigned long)syscall_count, q);
}

void selfcheck_after_call(const struct invocation *inv, int err)
{
	static bool read;
	if (!read) {
		const char *v = cmdline_get("check_every");
		for (; v && *v >= '0' && *v <= '9'; v++)
			selfcheck_every = selfcheck_every * 10 + (uint64_t)(*v - '0');
		read = true;
		frames_free_at_start = frames.free;
	}
	unsigned row = inv->nr == ERIX_SYS_CALL ? (inv->label < ERIX_INVOCATION_END ? inv->label : 0)
		       : inv->nr >= ERIX_SYS_YIELD && inv->nr < ERIX_SYS_END ? ROW_SYS(inv->nr)
									: ROW_NOSYS;
	unsigned e = (unsigned)(err < 0 ? -err : err);
	if (e < ERIX_ERROR_COUNT)
		selfcheck_coverage[row][e]++;
	if (selfcheck_every && syscall_count % selfcheck_every == 0)
		check("after a system call");
}

void selfcheck_woken(int err)
{
	unsigned e = (unsigned)-err;
	if (e < ERIX_ERROR_COUNT)
		selfcheck_coverage[ROW_WOKEN][e]++;
}

void selfcheck_final(void)
{
	if (!selfcheck_every)
		return;
	check("with no thread left");
	if (frames.free != frames_free_at_start)
		panic("selfcheck: the kernel's free frames went from %lu to %lu while user space ran",
		      (unsigned long)frames_free_at_start, (unsigned long)frames.free);
#define NAME(label, number, args) [number] = #label,
	static const char *const names[ERIX_INVOCATION_END] = { ERIX_INVOCATIONS(NAME) };
#undef NAME
#define SYS_NAME(name, number, what) [number] = #name,
	static const char *const sys_names[ERIX_SYS_END] = { ERIX_SYSCALLS(SYS_NAME) };
#undef SYS_NAME
	/* The fast paths' calls, counted apart (syscall.h): all succeeded. */
	selfcheck_coverage[ROW_SYS(ERIX_SYS_YIELD)][0] += syscall_fast_yields;
	selfcheck_coverage[ROW_SYS(ERIX_SYS_IPC_CALL)][0] += fastpath_calls;
	selfcheck_coverage[ROW_SYS(ERIX_SYS_REPLY_RECV)][0] += fastpath_replies;
	kprintf("selfcheck: %lu system calls, the invariants checked %lu times: no problem\n",
		(unsigned long)syscall_count, (unsigned long)selfcheck_runs);
	kprintf("selfcheck: coverage (calls per result: 0 ok, then -error numbers)\n");
	uint64_t per_error[ERIX_ERROR_COUNT] = { 0 };
	unsigned unreached = 0;
	for (unsigned r = 0; r < ROWS; r++) {
		const char *name = r == 0 ? "(no such label)" : r == ROW_NOSYS ? "(no such call)"
				   : r == ROW_WOKEN ? "(a wait ended)"
				   : r >= ROW_SYS(ERIX_SYS_YIELD) ? sys_names[r - ROW_SYS(0)]
				   : names[r] ? names[r] : "?";
		uint64_t total = 0;
		kprintf("  %-24s", name);
		for (unsigned e = 0; e < ERIX_ERROR_COUNT; e++) {
			total += selfcheck_coverage[r][e];
			per_error[e] += selfcheck_coverage[r][e];
			if (selfcheck_coverage[r][e])
				kprintf(" %u:%lu", e, (unsigned long)selfcheck_coverage[r][e]);
		}
		kprintf("\n");
		unreached += total == 0;
	}
	/* ERR_NOT_IMPLEMENTED is a lab stub's answer: the reference never
	 * gives it, so it is not counted as missed. */
	kprintf("selfcheck: labels never called: %u; error codes never returned:", unreached);
	unsigned missed = 0;
	for (unsigned e = 0; e < ERIX_ERROR_COUNT; e++)
		if (!per_error[e] && e != ERR_NOT_IMPLEMENTED)
			kprintf(" %u", e), missed++;
	kprintf("%s (ERR_NOT_IMPLEMENTED, a lab stub's, left out)\n", missed ? "" : " none");
}
