/*
 * root/harden.c: the root task's regression tests for the kernel's
 * hardening (issue: a security review of labs 1-3). Each does, as a
 * hostile program would, what once reached a kernel panic or leaked
 * state, and prints what the kernel answered ("harden: ..." lines);
 * grader/boot-test.sh boots each and checks that the kernel powered off
 * normally (no panic) and answered as it should. These are kit tests, not
 * lab exercises: the grader does not grade them.
 */
#include "tests.h"
#include "ulib.h"

static erix_cptr_t S(uint64_t i) { return bootinfo->empty.start + i; }

static uint8_t stack[TEST_CHILD_STACK_PAGES * 4096] __attribute__((aligned(4096)));
#define STACK_TOP ((uint64_t)(stack + sizeof(stack)))

/* jump: the thread's entry: jump to target (and fault there). */
static void jump(uint64_t target)
{
	((void (*)(void))target)();
}

/* stop: an entry that stops the thread at once (ud2 faults). */
static void stop(void)
{
	for (;;)
		__builtin_trap();
}

/* harden_resume: a thread that jumps into the kernel's half, or into the
 * last page below the canonical hole, faults there and keeps that rip.
 * Resuming it must be refused (ERR_BAD_ADDRESS): the kernel cannot return
 * to such a rip, and once reached a panic trying. With its registers set
 * again it resumes. */
void harden_resume(void)
{
	static const uint64_t targets[] = { 0xffffffff80100000ull, 0x00007ffffffff800ull };
	erix_cptr_t ut = untyped_find(20);
	for (unsigned i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		erix_cptr_t t = S(i);
		untyped_retype(ut, ERIX_OBJ_TCB, 0, t);
		tcb_configure(t, ERIX_ROOT_CNODE, ERIX_ROOT_VSPACE, 0, 0);
		tcb_set_registers(t, (uint64_t)jump, STACK_TOP, targets[i]);
		tcb_resume(t);
		for (int k = 0; k < 4; k++) /* it runs, faults, stops */
			erix_yield();
		long r = tcb_resume(t);
		for (int k = 0; k < 4; k++) /* (where the kernel once panicked) */
			erix_yield();
		uprintf("harden: resume after a fault at %p: %s\n", (void *)targets[i],
			erix_strerror(r));
		long s = tcb_set_registers(t, (uint64_t)stop, STACK_TOP, 0);
		r = tcb_resume(t);
		for (int k = 0; k < 4; k++)
			erix_yield();
		uprintf("harden: registers set again, resumed: %s, %s\n", erix_strerror(s),
			erix_strerror(r));
	}
}

/* say: one result line. */
static void say(const char *what, long r)
{
	uprintf("harden: %s: %s\n", what, erix_strerror(r));
}

/* harden_ioport: the ports the kernel drives are out of reach through any
 * IOPort capability, even the root task's own: the PIC initialisation
 * words that once moved the timer onto the double-fault vector (a panic,
 * or garbage registers), the PIT, the debug-exit port. Issue makes
 * narrower capabilities, never holding a kernel port, children of the
 * capability issued from. */
void harden_ioport(void)
{
	const erix_cptr_t io = ERIX_ROOT_IOPORT;
	/* ICW1..ICW4 to the master PIC: the timer (line 0) on vector 8. */
	say("ICW1 to the master PIC", erix_call(io, ERIX_IOPORT_OUT, 0x20, 1, 0x11, 0, NULL));
	say("ICW2 (vector base 8)", erix_call(io, ERIX_IOPORT_OUT, 0x21, 1, 0x08, 0, NULL));
	say("ICW3", erix_call(io, ERIX_IOPORT_OUT, 0x21, 1, 0x04, 0, NULL));
	say("ICW4", erix_call(io, ERIX_IOPORT_OUT, 0x21, 1, 0x01, 0, NULL));
	say("unmask the timer's line", erix_call(io, ERIX_IOPORT_OUT, 0x21, 1, 0xfe, 0, NULL));
	for (long k = 0; k < 20000000; k++) /* time for a timer that got through */
		__asm__ volatile("" ::: "memory");
	say("read the PIC's mask", erix_call(io, ERIX_IOPORT_IN, 0x21, 1, 0, 0, NULL));
	say("a word across the PIC's ports", erix_call(io, ERIX_IOPORT_IN, 0x1f, 2, 0, 0, NULL));
	say("the PIT's mode port", erix_call(io, ERIX_IOPORT_OUT, 0x43, 1, 0x34, 0, NULL));
	say("the PICs' edge/level control", erix_call(io, ERIX_IOPORT_OUT, 0x4d0, 1, 0xff, 0, NULL));
	/* The kernel's "powered off" word: it would end the run as if the
	 * kernel had, a forged verdict. */
	say("the debug-exit port", erix_call(io, ERIX_IOPORT_OUT, 0xf4, 1, 0x10, 0, NULL));

	say("issue 0x60-0x64 (the keyboard controller)", ioport_issue(io, 0x60, 0x64, S(0)));
	say("issue 0x1f-0x22 (holds the PIC)", ioport_issue(io, 0x1f, 0x22, S(1)));
	say("issue 0xf0-0xff (holds the debug-exit port)", ioport_issue(io, 0xf0, 0xff, S(1)));
	say("issue 0x64-0x60 (backwards)", ioport_issue(io, 0x64, 0x60, S(1)));
	say("from 0x60-0x64: issue 0x60-0x60", ioport_issue(S(0), 0x60, 0x60, S(1)));
	say("from 0x60-0x64: issue 0x60-0x65 (wider)", ioport_issue(S(0), 0x60, 0x65, S(2)));
	say("from 0x60: read 0x60", erix_call(S(1), ERIX_IOPORT_IN, 0x60, 1, 0, 0, NULL));
	say("from 0x60: read 0x64", erix_call(S(1), ERIX_IOPORT_IN, 0x64, 1, 0, 0, NULL));
	say("revoke 0x60-0x64", cnode_revoke(ERIX_ROOT_CNODE, S(0)));
	uint64_t what;
	say("the 0x60 one after the revoke", cap_identify(S(1), &what));
}

/* The values each side leaves in mm0 and xmm0 (harden_fpu). */
#define ROOT_MM0 0x1111111111111111ull
#define ROOT_XMM0 0x2222222222222222ull
#define CHILD_MARK 0x5555555555555555ull
static volatile uint64_t child_mm0 = 1, child_xmm0 = 1, child_done;

/* peek: a new thread: what are its mm0 and xmm0? Then clobber both. */
static void peek(void)
{
	uint64_t m, x, c = CHILD_MARK;
	__asm__ volatile("movq %%mm0, %0" : "=r"(m));
	__asm__ volatile("movq %%xmm0, %0" : "=r"(x));
	child_mm0 = m;
	child_xmm0 = x;
	__asm__ volatile("movq %0, %%mm0\n\tmovq %0, %%xmm0" : : "r"(c));
	child_done = 1;
	stop();
}

/* harden_fpu: the x87/MMX/SSE registers are each thread's own: a new
 * thread starts with them clear, not with the root task's; and the root
 * task's survive another thread's use. (Once MMX registers crossed from
 * thread to thread, and SSE was off: an xmm register faulted.) */
void harden_fpu(void)
{
	uint64_t m = ROOT_MM0, x = ROOT_XMM0;
	__asm__ volatile("movq %0, %%mm0" : : "r"(m));
	__asm__ volatile("movq %0, %%xmm0" : : "r"(x));
	erix_cptr_t t = S(0);
	untyped_retype(untyped_find(20), ERIX_OBJ_TCB, 0, t);
	tcb_configure(t, ERIX_ROOT_CNODE, ERIX_ROOT_VSPACE, 0, 0);
	tcb_set_registers(t, (uint64_t)peek, STACK_TOP, 0);
	tcb_resume(t);
	for (int k = 0; k < 100 && !child_done; k++)
		erix_yield();
	__asm__ volatile("movq %%mm0, %0" : "=r"(m));
	__asm__ volatile("movq %%xmm0, %0" : "=r"(x));
	uprintf("harden: fpu: a new thread's mm0 %p, xmm0 %p\n", (void *)child_mm0,
		(void *)child_xmm0);
	uprintf("harden: fpu: the root task's after it ran: mm0 %p, xmm0 %p\n", (void *)m,
		(void *)x);
}

/* map_tables: page tables for vaddr in VSpace vs, from ut, into slots
 * first.. (as many as it takes); returns the next free slot. */
static uint64_t map_tables(erix_cptr_t ut, erix_cptr_t vs, uint64_t vaddr, uint64_t slot)
{
	for (int i = 0; i < 3; i++, slot++) {
		untyped_retype(ut, ERIX_OBJ_PAGE_TABLE, 0, S(slot));
		if (page_table_map(S(slot), vs, vaddr) < 0)
			break;
	}
	return slot + 1;
}

/* harden_stale_frame: a Frame capability whose VSpace died keeps its
 * mapping's record (ASID, address). Once the ASID went to the next VSpace,
 * unmapping through it removed that VSpace's mapping of the same frame at
 * the same address, made by another capability, whose record then said
 * "mapped" over an empty entry. Now an ASID is not reused while a
 * capability records it: the stale unmap touches nothing. */
void harden_stale_frame(void)
{
	const uint64_t va = TEST_VADDR;
	erix_cptr_t ut = untyped_find(20);
	uint64_t n = 10;
	untyped_retype(ut, ERIX_OBJ_VSPACE, 0, S(0));  /* V1 */
	untyped_retype(ut, ERIX_OBJ_FRAME, 0, S(1));   /* F */
	cnode_copy(ERIX_ROOT_CNODE, S(2), S(1), ERIX_RIGHTS_ALL); /* F2 */
	cnode_copy(ERIX_ROOT_CNODE, S(3), S(1), ERIX_RIGHTS_ALL); /* F3 */
	n = map_tables(ut, S(0), va, n);
	say("F mapped in V1", frame_map(S(1), S(0), va, ERIX_RIGHT_READ, 0));
	say("V1 deleted", cnode_delete(ERIX_ROOT_CNODE, S(0)));
	untyped_retype(ut, ERIX_OBJ_VSPACE, 0, S(4)); /* V2 */
	n = map_tables(ut, S(4), va, n);
	say("F2 mapped in V2 at the same address", frame_map(S(2), S(4), va, ERIX_RIGHT_READ, 0));
	say("F unmapped (its VSpace is gone)", frame_unmap(S(1)));
	say("F3 mapped where F2 is", frame_map(S(3), S(4), va, ERIX_RIGHT_READ, 0));
	say("F2 unmapped", frame_unmap(S(2)));
	say("F2 mapped again", frame_map(S(2), S(4), va, ERIX_RIGHT_READ, 0));
}

/* The revoke-chain thread's results (harden_revoke_chain). */
static volatile uint64_t chain_made, chain_ticks, chain_result = 1;

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* chain: in its own CSpace (a CNode of 2^16 slots, guard 48: CPtr =
 * index): slot 1 its CNode, slot 2 an Endpoint; copies 3, 4, ... each of
 * the one before, n of them; then one revoke of slot 2, timed. */
static void chain(uint64_t n)
{
	uint64_t i;
	for (i = 0; i < n; i++)
		if (cnode_copy(1, 3 + i, 2 + i, ERIX_RIGHTS_ALL) < 0)
			break;
	chain_made = i;
	uint64_t t0 = rdtsc();
	chain_result = (uint64_t)cnode_revoke(1, 2);
	chain_ticks = rdtsc() - t0;
	stop();
}

/* harden_revoke_chain: a revoke of a chain of test_args[0] copies (each
 * derived from the one before; default 64000): it once walked down from
 * the top again for every leaf it removed (quadratic: ~30 s for 64000, in
 * one system call with interrupts off). Prints the revoke's TSC ticks. */
void harden_revoke_chain(void)
{
	uint64_t n = bootinfo->test_args[0] ? bootinfo->test_args[0] : 64000;
	if (n > 65000)
		n = 65000;
	erix_cptr_t ut = untyped_find(23);
	long r[8] = {
		untyped_retype(ut, ERIX_OBJ_CNODE, 16, S(0)),
		cnode_mint(ERIX_ROOT_CNODE, S(1), S(0), ERIX_RIGHTS_ALL, 48), /* guard_bits 48 */
		erix_call(S(0), ERIX_CNODE_COPY, 1, S(1), 0, ERIX_RIGHTS_ALL, NULL),
		untyped_retype(ut, ERIX_OBJ_ENDPOINT, 0, S(2)),
		erix_call(S(0), ERIX_CNODE_COPY, 2, S(2), 0, ERIX_RIGHTS_ALL, NULL),
		untyped_retype(ut, ERIX_OBJ_TCB, 0, S(3)),
		tcb_configure(S(3), S(1), ERIX_ROOT_VSPACE, 0, 0),
		tcb_set_registers(S(3), (uint64_t)chain, STACK_TOP, n),
	};
	for (int i = 0; i < 8; i++)
		if (r[i])
			uprintf("harden: revoke chain: set-up step %d: %s\n", i, erix_strerror(r[i]));
	tcb_resume(S(3));
	while (chain_result == 1)
		erix_yield();
	uprintf("harden: a chain of %lu copies revoked in one call: %s, %lu TSC ticks\n",
		(unsigned long)chain_made, erix_strerror((long)chain_result),
		(unsigned long)chain_ticks);
}
