/*
 * root/tests.c: the root task's test programs (see tests.h for what each
 * leaves behind for the grader). Where the grader checks a program's
 * system calls one by one, the calls are a list in tests.h, beside what
 * each must return, and the program makes them with NAME_CALLS(TEST_CALL).
 *
 * A test program only does things; it checks nothing itself. The grader
 * stops the kernel when no thread is left (sched_idle) and reads the
 * verdict from the machine: the capabilities in the slots, the objects,
 * the page tables, the kernel's own log of what each system call
 * returned, and the kernel's derivation-tree checker.
 */
#include "tests.h"
#include "lab4.h"
#include "lab4_hidden.h"
#include "ulib.h"

#define ROOT ERIX_ROOT_CNODE

static const uint64_t *args;

static erix_cptr_t S(uint64_t i) { return bootinfo->empty.start + i; }

/* retype: from ut into slot dest. */
static long retype(erix_cptr_t ut, unsigned type, unsigned size_bits, erix_cptr_t dest)
{
	return untyped_retype(ut, type, size_bits, dest);
}

/* ---- retype ------------------------------------------------------------- */

static void caps_retype(void)
{
	erix_cptr_t ut = untyped_find(20);
	for (uint64_t i = 0; i < args[0] && i < 16; i++) {
		unsigned code = (unsigned)(args[1 + i / 8] >> (8 * (i % 8))) & 0xff;
		unsigned type = code & 15, h = code >> 4;
		unsigned bits = type == ERIX_OBJ_UNTYPED ? 6 + h : type == ERIX_OBJ_CNODE ? 2 + h % 4 : 0;
		retype(ut, type, bits, S(i));
	}
}

static void caps_retype_full(void)
{
	erix_cptr_t ut = untyped_find(20);
	CAPS_RETYPE_FULL_CALLS(TEST_CALL)
}

/* ---- copy, mint --------------------------------------------------------- */

static void caps_copy_mint(void)
{
	erix_cptr_t ut = untyped_find(20);
	CAPS_COPY_MINT_CALLS(TEST_CALL)
}

static void caps_badge_once(void)
{
	erix_cptr_t ut = untyped_find(20);
	CAPS_BADGE_ONCE_CALLS(TEST_CALL)
}

/* ---- revoke, delete ----------------------------------------------------- */

static void caps_revoke_untyped(void)
{
	erix_cptr_t ut = untyped_find(20), u = S(0);
	retype(ut, ERIX_OBJ_UNTYPED, 16, u);
	retype(u, ERIX_OBJ_ENDPOINT, 0, S(1));
	retype(u, ERIX_OBJ_CNODE, 4, S(2));
	cnode_copy(S(2), 1, S(1), ERIX_RIGHTS_ALL);
	cnode_copy(S(2), 2, S(1), ERIX_RIGHTS_ALL);
	retype(u, ERIX_OBJ_TCB, 0, S(3));
	tcb_configure(S(3), S(2), ERIX_ROOT_VSPACE, 0, 0);
	retype(u, ERIX_OBJ_FRAME, 0, S(4));
	if (map_page(ut, ERIX_ROOT_VSPACE, S(4), TEST_VADDR, ERIX_RIGHT_READ | ERIX_RIGHT_WRITE) == 0)
		*(volatile uint64_t *)TEST_VADDR = args[0];
	retype(u, ERIX_OBJ_NOTIFICATION, 0, S(5));
	cnode_mint(ROOT, S(6), S(1), ERIX_RIGHTS_ALL, 3);
	cnode_revoke(ROOT, u);
	retype(u, ERIX_OBJ_FRAME, 0, S(7));
}

static void caps_revoke_endpoint(void)
{
	erix_cptr_t ut = untyped_find(20), e = S(0), c = S(1);
	retype(ut, ERIX_OBJ_ENDPOINT, 0, e);
	retype(ut, ERIX_OBJ_CNODE, 4, c);
	cnode_copy(ROOT, S(2), e, ERIX_RIGHTS_ALL);
	cnode_copy(c, 1, e, ERIX_RIGHTS_ALL);
	cnode_mint(c, 2, S(2), ERIX_RIGHTS_ALL, 9);
	cnode_copy(c, 3, S(2), ERIX_RIGHT_READ);
	cnode_mint(ROOT, S(3), e, ERIX_RIGHTS_ALL, 4);
	cnode_copy(c, 4, S(3), ERIX_RIGHTS_ALL);
	retype(ut, ERIX_OBJ_ENDPOINT, 0, S(4));
	cnode_copy(c, 5, S(4), ERIX_RIGHTS_ALL);
	cnode_revoke(ROOT, e);
}

static void caps_delete_last(void)
{
	erix_cptr_t ut = untyped_find(20);
	retype(ut, ERIX_OBJ_VSPACE, 0, S(0));
	cnode_copy(ROOT, S(1), S(0), ERIX_RIGHTS_ALL);
	retype(ut, ERIX_OBJ_CNODE, 3, S(2));
	retype(ut, ERIX_OBJ_ENDPOINT, 0, S(3));
	cnode_copy(S(2), 1, S(3), ERIX_RIGHTS_ALL);
	cnode_copy(S(2), 2, S(3), ERIX_RIGHT_READ);
	retype(ut, ERIX_OBJ_VSPACE, 0, S(4));
	cnode_copy(ROOT, S(5), S(4), ERIX_RIGHTS_ALL);
	cnode_delete(ROOT, S(1));
	cnode_delete(ROOT, S(4));
	cnode_delete(ROOT, S(2));
}

static void caps_move(void)
{
	erix_cptr_t ut = untyped_find(20);
	CAPS_MOVE_CALLS(TEST_CALL)
}

/* caps_revoke_deep: long derivation chains and nested CNodes, all under
 * one Untyped, then revoke it: the kernel must not recurse. */
static void caps_revoke_deep(void)
{
	erix_cptr_t ut = untyped_find(21), u = S(0);
	uint64_t n = args[0] < 1000 ? args[0] : 1000, m = args[1] < 500 ? args[1] : 500;
	erix_cptr_t top = S(2 + n), spare = S(3 + n);
	retype(ut, ERIX_OBJ_UNTYPED, 20, u);
	retype(u, ERIX_OBJ_ENDPOINT, 0, S(1));
	for (uint64_t i = 0; i < n; i++) /* S(2 + i) derived from S(1 + i) */
		cnode_mint(ROOT, S(2 + i), S(1 + i), ERIX_RIGHTS_ALL, i == 0 ? 5 : 0);
	/* C_m inside C_(m-1) inside ... inside C_0, which sits in `top`. */
	retype(u, ERIX_OBJ_CNODE, 2, top);
	for (uint64_t j = 0; j < m; j++) {
		retype(u, ERIX_OBJ_CNODE, 2, spare);
		if (n)
			cnode_copy(spare, 2, S(1 + j % n), ERIX_RIGHT_READ);
		cnode_move(spare, 1, top);
		cnode_move(ROOT, top, spare);
	}
	cnode_revoke(ROOT, u);
}

/* caps_retype_fill: one round of retypes into a fresh Untyped U, a revoke
 * of U, and the same round again: the grader works out where each object
 * goes (and which do not fit) and checks both rounds. */
static void caps_retype_fill(void)
{
	erix_cptr_t ut = untyped_find(20), u = S(0);
	uint64_t n = args[1] < 24 ? args[1] : 24;
	retype(ut, ERIX_OBJ_UNTYPED, (unsigned)args[0], u);
	for (uint64_t round = 0; round < 2; round++) {
		for (uint64_t i = 0; i < n; i++) {
			unsigned code = (unsigned)(args[2 + i / 8] >> (8 * (i % 8))) & 0xff;
			unsigned type = code & 15, h = code >> 4;
			unsigned bits = type == ERIX_OBJ_UNTYPED ? 6 + h
					: type == ERIX_OBJ_CNODE ? 2 + h % 4 : 0;
			retype(u, type, bits, S((round ? 32 : 1) + i));
		}
		if (round == 0)
			cnode_revoke(ROOT, u);
	}
}

/* caps_delete_subtree: revoke and delete in the middle of a tree; what
 * stays must keep its badge, guard and place. */
static void caps_delete_subtree(void)
{
	erix_cptr_t ut = untyped_find(20), c = S(2);
	retype(ut, ERIX_OBJ_UNTYPED, 16, S(0));
	retype(S(0), ERIX_OBJ_ENDPOINT, 0, S(1));
	retype(S(0), ERIX_OBJ_CNODE, 4, c);
	retype(S(0), ERIX_OBJ_NOTIFICATION, 0, S(3));
	/* A badged mint with children, revoked: its badge stays. */
	cnode_mint(ROOT, S(4), S(1), ERIX_RIGHT_READ | ERIX_RIGHT_WRITE, args[0]);
	cnode_copy(ROOT, S(5), S(4), ERIX_RIGHT_READ);
	cnode_copy(c, 1, S(5), ERIX_RIGHTS_ALL);
	cnode_revoke(ROOT, S(4));
	/* A copy with a badged child in C, deleted: the original stays. */
	cnode_copy(ROOT, S(6), S(1), ERIX_RIGHTS_ALL);
	cnode_mint(c, 2, S(6), ERIX_RIGHTS_ALL, args[1]);
	cnode_delete(ROOT, S(6));
	/* An original with descendants three deep, deleted: all of them go. */
	cnode_mint(ROOT, S(8), S(3), ERIX_RIGHTS_ALL, args[2]);
	cnode_copy(ROOT, S(9), S(8), ERIX_RIGHT_READ);
	cnode_copy(c, 3, S(9), ERIX_RIGHTS_ALL);
	cnode_delete(ROOT, S(3));
	/* An Untyped whose only object was deleted, then revoked. */
	retype(S(0), ERIX_OBJ_UNTYPED, 12, S(11));
	retype(S(11), ERIX_OBJ_ENDPOINT, 0, S(12));
	cnode_delete(ROOT, S(12));
	cnode_revoke(ROOT, S(11));
	/* A guarded mint of C with a copy inside C, revoked: its guard stays. */
	cnode_mint(ROOT, S(13), c, ERIX_RIGHTS_ALL, ERIX_GUARD(8, args[3] & 0xff));
	cnode_copy(c, 4, S(13), ERIX_RIGHTS_ALL);
	cnode_revoke(ROOT, S(13));
}

/* caps_delete_dying: deleting an Untyped that sits in a CNode made from
 * it, whose CNodes hold each other's originals: the delete's revoke kills
 * both CNodes, and only after the Untyped itself is gone may they be
 * reaped. */
static void caps_delete_dying(void)
{
	erix_cptr_t ut = untyped_find(20), x = S(1), y = S(2);
	retype(ut, ERIX_OBJ_UNTYPED, 16, S(0));
	retype(S(0), ERIX_OBJ_CNODE, 4, x);
	retype(S(0), ERIX_OBJ_CNODE, 4, y);
	retype(S(0), ERIX_OBJ_ENDPOINT, 0, S(3));
	cnode_copy(x, 2, S(3), ERIX_RIGHTS_ALL);
	cnode_copy(y, 2, S(3), ERIX_RIGHT_READ);
	cnode_copy(y, 3, x, ERIX_RIGHTS_ALL);
	cnode_copy(x, 3, y, ERIX_RIGHTS_ALL);
	cnode_copy(ROOT, S(4), x, ERIX_RIGHTS_ALL);
	cnode_move(y, 4, x);       /* X's original into Y */
	cnode_move(S(4), 4, y);    /* Y's original into X, through X's copy */
	cnode_move(S(4), 1, S(0)); /* U into X */
	cnode_delete(S(4), 1);     /* U, from inside X */
}

/* caps_delete_nested: CNode C_0 in S(2) holds the original of C_1 in its
 * slot 1, which holds C_2's, ... m = args[0] (<= 1000) deep, each also
 * holding a read-only copy of the Endpoint S(1) in slot 2; then delete
 * C_0: reaping each CNode deletes the next one. */
static void caps_delete_nested(void)
{
	erix_cptr_t ut = untyped_find(21), top = S(2), spare = S(3);
	uint64_t m = args[0] < 1000 ? args[0] : 1000;
	retype(ut, ERIX_OBJ_UNTYPED, 20, S(0));
	retype(S(0), ERIX_OBJ_ENDPOINT, 0, S(1));
	retype(S(0), ERIX_OBJ_CNODE, 2, top);
	cnode_copy(top, 2, S(1), ERIX_RIGHT_READ);
	for (uint64_t j = 0; j < m; j++) {
		retype(S(0), ERIX_OBJ_CNODE, 2, spare);
		cnode_copy(spare, 2, S(1), ERIX_RIGHT_READ);
		cnode_move(spare, 1, top);
		cnode_move(ROOT, top, spare);
	}
	cnode_delete(ROOT, top);
}

/* caps_revoke_chain: a chain of args[0] (<= 3900) copies and mints of an
 * Endpoint, each derived from the one before, in S(2 ..), then a revoke
 * of the Endpoint S(1): deeper than any recursion the kernel stack holds. */
static void caps_revoke_chain(void)
{
	erix_cptr_t ut = untyped_find(20);
	uint64_t n = args[0] < 3900 ? args[0] : 3900;
	retype(ut, ERIX_OBJ_UNTYPED, 12, S(0));
	retype(S(0), ERIX_OBJ_ENDPOINT, 0, S(1));
	for (uint64_t i = 0; i < n; i++) {
		if (i == args[1])
			cnode_mint(ROOT, S(2 + i), S(1 + i), ERIX_RIGHTS_ALL, args[2]);
		else
			cnode_copy(ROOT, S(2 + i), S(1 + i), ERIX_RIGHTS_ALL);
	}
	cnode_revoke(ROOT, S(1));
}

/* ---- lookups ------------------------------------------------------------ */

/* delete_at: a CNode delete through cnode with an explicit depth. */
static long delete_at(erix_cptr_t cnode, uint64_t index, unsigned depth)
{
	return erix_call(cnode, ERIX_CNODE_DELETE, index, 0, depth, 0, NULL);
}

static void caps_lookup(void)
{
	erix_cptr_t ut = untyped_find(20);
	uint64_t what;
	CAPS_LOOKUP_CALLS(TEST_CALL)
}

/* ---- threads without authority ------------------------------------------ */

static volatile uint64_t children_done;
static uint8_t child_stacks[2][TEST_CHILD_STACK_PAGES * 4096] __attribute__((aligned(4096)));

/* child: try what the root task could do, with the child's own CSpace. */
static void child(uint64_t n)
{
	uint64_t what;
	for (erix_cptr_t c = 1; c <= 6; c++)
		cap_identify(c, &what);
	untyped_retype(bootinfo->untyped.start, ERIX_OBJ_ENDPOINT, 0, TEST_FAR_SLOT);
	tcb_suspend(ERIX_ROOT_TCB);
	cnode_copy(ERIX_ROOT_CNODE, TEST_FAR_SLOT, ERIX_ROOT_IOPORT, ERIX_RIGHTS_ALL);
	frame_map(ERIX_ROOT_BOOTINFO, ERIX_ROOT_VSPACE, TEST_VADDR, ERIX_RIGHT_READ, 0);
	children_done |= 1u << n;
	for (;;)
		__builtin_trap();
}

static void start_child(erix_cptr_t tcb, erix_cptr_t cspace, uint64_t n)
{
	tcb_configure(tcb, cspace, ERIX_ROOT_VSPACE, 0, 0);
	tcb_set_registers(tcb, (uint64_t)child, (uint64_t)(child_stacks[n] + sizeof(child_stacks[n])),
			  n);
}

static void caps_empty_cspace(void)
{
	erix_cptr_t ut = untyped_find(20);
	retype(ut, ERIX_OBJ_CNODE, 4, S(0));
	retype(ut, ERIX_OBJ_TCB, 0, S(1));
	retype(ut, ERIX_OBJ_TCB, 0, S(2));
	retype(ut, ERIX_OBJ_CNODE, 4, S(3));
	start_child(S(1), S(0), 0);
	start_child(S(2), S(3), 1);
	cnode_delete(ROOT, S(3)); /* T2's CSpace root goes with it */
	tcb_resume(S(1));
	tcb_resume(S(2));
	for (int i = 0; i < 1000 && children_done != 3; i++)
		erix_yield();
	for (int i = 0; i < 4; i++) /* let them reach their ud2 */
		erix_yield();
}

/* ---- memory ------------------------------------------------------------- */

static void caps_frame_ro(void)
{
	erix_cptr_t ut = untyped_find(20);
	CAPS_FRAME_RO_CALLS(TEST_CALL)
	map_page(ut, ERIX_ROOT_VSPACE, S(1), TEST_VADDR, ERIX_RIGHT_READ);
	map_page(ut, ERIX_ROOT_VSPACE, S(0), TEST_VADDR + 4096, ERIX_RIGHT_READ | ERIX_RIGHT_WRITE);
	*(volatile uint64_t *)(TEST_VADDR + 4096) = args[0];
	uprintf("frame_ro: read back %s\n",
		*(volatile uint64_t *)TEST_VADDR == args[0] ? "the same" : "something else");
	*(volatile uint64_t *)TEST_VADDR = ~args[0]; /* faults: read only */
	uprintf("frame_ro: the write to a read-only page did not fault\n");
}

static void caps_user_pointers(void)
{
	static char text[64];
	erix_cptr_t ut = untyped_find(20);
	CAPS_USER_POINTERS_PUTS(TEST_CALL)
	CAPS_USER_POINTERS_REGS(TEST_CALL)
	int n = 0;
	const char *p = "user pointers: nonce ";
	while (*p)
		text[n++] = *p++;
	for (int i = 60; i >= 0; i -= 4)
		text[n++] = "0123456789abcdef"[(args[0] >> i) & 15];
	text[n++] = '\n';
	CAPS_USER_POINTERS_NONCE(TEST_CALL)
}

/* ---- the system call ABI ------------------------------------------------ */

static void caps_syscall_abi(void)
{
	erix_cptr_t ut = untyped_find(20);
	uint64_t what;
	retype(ut, ERIX_OBJ_ENDPOINT, 0, S(0));
	erix_call(S(0), 0x7fff, args[0], args[1], args[2], args[3], NULL);
	erix_syscall(0, 0, 0, 0, 0, 0, 0, NULL);
	erix_syscall(999, 0, 0, 0, 0, 0, 0, NULL);
	cap_identify(S(0), &what);

	/* Every register but rax, rcx, r11 must survive a system call. */
	static uint64_t before[13], after[13];
	for (int i = 0; i < 13; i++)
		before[i] = 0x1111111111111111ull * (uint64_t)(i + 1) ^ args[4];
	__asm__ volatile(
		"pushq %%rbp\n\t"
		"pushq %%rbx\n\t"
		"pushq %%rsi\n\t" /* &after */
		"movq %0, %%rax\n\t"
		"movq 0(%%rax), %%rbx\n\t"
		"movq 8(%%rax), %%rdx\n\t"
		"movq 16(%%rax), %%rsi\n\t"
		"movq 24(%%rax), %%rdi\n\t"
		"movq 32(%%rax), %%rbp\n\t"
		"movq 40(%%rax), %%r8\n\t"
		"movq 48(%%rax), %%r9\n\t"
		"movq 56(%%rax), %%r10\n\t"
		"movq 64(%%rax), %%r12\n\t"
		"movq 72(%%rax), %%r13\n\t"
		"movq 80(%%rax), %%r14\n\t"
		"movq 88(%%rax), %%r15\n\t"
		"movq $2, %%rax\n\t" /* ERIX_SYS_YIELD */
		"syscall\n\t"
		"movq (%%rsp), %%rax\n\t"
		"movq %%rbx, 0(%%rax)\n\t"
		"movq %%rdx, 8(%%rax)\n\t"
		"movq %%rsi, 16(%%rax)\n\t"
		"movq %%rdi, 24(%%rax)\n\t"
		"movq %%rbp, 32(%%rax)\n\t"
		"movq %%r8, 40(%%rax)\n\t"
		"movq %%r9, 48(%%rax)\n\t"
		"movq %%r10, 56(%%rax)\n\t"
		"movq %%r12, 64(%%rax)\n\t"
		"movq %%r13, 72(%%rax)\n\t"
		"movq %%r14, 80(%%rax)\n\t"
		"movq %%r15, 88(%%rax)\n\t"
		"popq %%rsi\n\t"
		"popq %%rbx\n\t"
		"popq %%rbp\n\t"
		:
		: "r"(before), "S"(after)
		: "rax", "rcx", "rdx", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14",
		  "r15", "memory");
	uint64_t same = 1;
	for (int i = 0; i < 12; i++)
		same &= before[i] == after[i];
	erix_call(S(0), 0x7ffe, same, 0, 0, 0, NULL);
}

/* caps_pt_levels: a page table is mapped by its original capability only,
 * and comes back empty when unmapped, so that it can never be a table of
 * two levels at once (a frame's entry read as a page table's). */
static void caps_pt_levels(void)
{
	erix_cptr_t ut = untyped_find(20);
	uint64_t gib = 1ull << 30;
	CAPS_PT_LEVELS_CALLS(TEST_CALL)
}

/* ---- interrupt lines ---------------------------------------------------- */

static long irq_get(uint64_t line, erix_cptr_t dest)
{
	return erix_call(ERIX_ROOT_IRQ_CONTROL, ERIX_IRQ_CONTROL_GET, line, dest, 0, 0, NULL);
}

/* caps_irq: IRQHandlers from IRQControl, one per line; then the timer's
 * line unmasked with its handler's Ack, until it has arrived (the kernel
 * masks it again each time). */
static void caps_irq(void)
{
	uint64_t arrived = 0;
	CAPS_IRQ_CALLS(TEST_CALL)
	for (long i = 0; i < 500 && !arrived; i++) { /* a few seconds at most */
		for (volatile long spin = 0; spin < 200000; spin++)
			;
		irq_handler_ack(S(3), &arrived);
	}
}

/* ---- hostile input ------------------------------------------------------ */

static uint64_t fuzz_state;

/* fuzz_next: xorshift64* (deterministic for a seed). */
static uint64_t fuzz_next(void)
{
	fuzz_state ^= fuzz_state >> 12;
	fuzz_state ^= fuzz_state << 25;
	fuzz_state ^= fuzz_state >> 27;
	return fuzz_state * 0x2545f4914f6cdd1dull;
}

/* fuzz_nr: a system call number 0..7, never one that would wait (Send,
 * Recv: nothing would wake the root task; their NB forms instead). */
static uint64_t fuzz_nr(void)
{
	uint64_t nr = fuzz_next() % 8;
	return nr == ERIX_SYS_SEND ? ERIX_SYS_NBSEND : nr == ERIX_SYS_RECV ? ERIX_SYS_NBRECV : nr;
}

/* fuzz_cptr: mostly a slot of the pool S(0..47), sometimes the Untyped
 * S(48), the null CPtr or garbage; never the root task's own boot
 * capabilities (its CNode, VSpace, TCB, image), whose loss would end the
 * test early, not find a kernel bug. */
static erix_cptr_t fuzz_cptr(void)
{
	uint64_t r = fuzz_next() % 100;
	if (r < 85)
		return S(fuzz_next() % 48);
	if (r < 93)
		return S(48);
	if (r < 97)
		return 0;
	return fuzz_next() | 1ull << 63; /* fails the root CNode's guard */
}

/* fuzz_address: a user, kernel, non-canonical or page-0 address. */
static uint64_t fuzz_address(void)
{
	static const uint64_t some[] = {
		0, 0x1000, 0x400000, TEST_VADDR, TEST_VADDR + 0x1000, 0x7ffffffff000ull,
		0x7fffffffe000ull, 0x800000000000ull, 0xffff800000000000ull,
		0xffffffff80100000ull, ~0ull,
	};
	return fuzz_next() % 4 ? some[fuzz_next() % (sizeof(some) / sizeof(some[0]))]
			       : fuzz_next();
}

static void fuzz_child(void)
{
	for (;;)
		__builtin_trap();
}

/* caps_fuzz: args[1] random system calls with random arguments (seed
 * args[0]) on a pool of slots S(0..47) and a 1 MiB Untyped in S(48), and
 * every 64th a CAP_IDENTIFY of the root CNode, which must work. The kernel
 * must answer each with a result, never panic, and keep its tree. */
static void caps_fuzz(void)
{
	uint64_t n = args[1] ? args[1] : 3000; /* from make qemu: seed 1, 3000 */
	fuzz_state = args[0] | 1;
	retype(untyped_find(21), ERIX_OBJ_UNTYPED, 20, S(48));
	for (uint64_t i = 0; i < n; i++) {
		uint64_t r = fuzz_next(), what;
		unsigned rights = fuzz_next() % 8 ? fuzz_next() % 8 : fuzz_next() % 256;
		if (i % 64 == 0) { /* one call that must work, now and then */
			cap_identify(ROOT, &what);
			continue;
		}
		switch (r % 16) {
		case 0: case 1: case 2:
			untyped_retype(fuzz_next() % 4 ? S(48) : fuzz_cptr(), fuzz_next() % 13,
				       fuzz_next() % 4 ? 2 + fuzz_next() % 8 : fuzz_next() % 70,
				       fuzz_cptr());
			break;
		case 3:
			cnode_copy(fuzz_next() % 4 ? ROOT : fuzz_cptr(), fuzz_cptr(), fuzz_cptr(), rights);
			break;
		case 4:
			cnode_mint(fuzz_next() % 4 ? ROOT : fuzz_cptr(), fuzz_cptr(), fuzz_cptr(), rights,
				   fuzz_next() % 3 ? fuzz_next() % 100 : fuzz_next() >> 8);
			break;
		case 5:
			cnode_move(fuzz_next() % 4 ? ROOT : fuzz_cptr(), fuzz_cptr(), fuzz_cptr());
			break;
		case 6:
			cnode_delete(fuzz_next() % 4 ? ROOT : fuzz_cptr(), fuzz_cptr());
			break;
		case 7:
			cnode_revoke(fuzz_next() % 4 ? ROOT : fuzz_cptr(), fuzz_cptr());
			break;
		case 8:
			erix_call(fuzz_cptr(), fuzz_next() % 24, fuzz_cptr(), fuzz_cptr(),
				  fuzz_next() % 70, fuzz_next() % 2 ? fuzz_cptr() : fuzz_address(), NULL);
			break;
		case 9:
			tcb_configure(fuzz_cptr(), fuzz_cptr(), fuzz_cptr(),
				      fuzz_next() % 2 ? 0 : fuzz_cptr(), fuzz_address());
			break;
		case 10:
			tcb_set_registers(fuzz_cptr(), fuzz_next() % 2 ? (uint64_t)fuzz_child
								       : fuzz_address(),
					  fuzz_address(), fuzz_next());
			break;
		case 11:
			if (fuzz_next() % 2)
				tcb_resume(fuzz_cptr());
			else
				tcb_suspend(S(fuzz_next() % 48));
			break;
		case 12:
			frame_map(fuzz_cptr(), fuzz_next() % 2 ? ERIX_ROOT_VSPACE : fuzz_cptr(),
				  fuzz_address(), rights % 4, fuzz_next() % 3);
			break;
		case 13:
			if (fuzz_next() % 2)
				frame_unmap(fuzz_cptr());
			else
				page_table_map(fuzz_cptr(), fuzz_next() % 2 ? ERIX_ROOT_VSPACE
									    : fuzz_cptr(),
					       fuzz_address());
			break;
		case 14:
			erix_debug_puts((void *)fuzz_address(), fuzz_next() % 48);
			break;
		default:
			if (fuzz_next() % 2)
				cap_identify(fuzz_cptr(), &what);
			else
				erix_syscall(fuzz_nr(), fuzz_cptr(), fuzz_next() % 24,
					     fuzz_cptr(), fuzz_next(), fuzz_next(), fuzz_next(), &what);
			break;
		}
	}
}

/* ---- the benchmark ------------------------------------------------------ */

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* bench_null: the null system call (a yield with nothing else to run),
 * in TSC ticks: under QEMU's -icount shift=0, instructions (make bench). */
static void bench_null(void)
{
	enum { N = 2000 };
	for (int i = 0; i < 100; i++) /* warm up */
		erix_yield();
	uint64_t t0 = rdtsc();
	for (int i = 0; i < N; i++)
		erix_yield();
	uint64_t t1 = rdtsc();
	for (int i = 0; i < N; i++)
		__asm__ volatile("" ::: "memory");
	uint64_t t2 = rdtsc();
	uint64_t loop = (t2 - t1) / N, total = (t1 - t0) / N;
	uprintf("bench: null system call: %lu instructions (loop %lu subtracted)\n",
		total - loop, loop);
}

struct test {
	const char *name;
	void (*run)(void);
};

static const struct test tests[] = {
	{ "caps_retype", caps_retype },
	{ "caps_retype_full", caps_retype_full },
	{ "caps_copy_mint", caps_copy_mint },
	{ "caps_badge_once", caps_badge_once },
	{ "caps_revoke_untyped", caps_revoke_untyped },
	{ "caps_revoke_endpoint", caps_revoke_endpoint },
	{ "caps_delete_last", caps_delete_last },
	{ "caps_move", caps_move },
	{ "caps_revoke_deep", caps_revoke_deep },
	{ "caps_retype_fill", caps_retype_fill },
	{ "caps_delete_subtree", caps_delete_subtree },
	{ "caps_delete_dying", caps_delete_dying },
	{ "caps_revoke_chain", caps_revoke_chain },
	{ "caps_delete_nested", caps_delete_nested },
	{ "caps_lookup", caps_lookup },
	{ "caps_empty_cspace", caps_empty_cspace },
	{ "caps_frame_ro", caps_frame_ro },
	{ "caps_user_pointers", caps_user_pointers },
	{ "caps_syscall_abi", caps_syscall_abi },
	{ "caps_pt_levels", caps_pt_levels },
	{ "caps_irq", caps_irq },
	{ "caps_fuzz", caps_fuzz },
	{ "bench_null", bench_null },
	{ "harden_resume", harden_resume },
	{ "harden_ioport", harden_ioport },
	{ "harden_fpu", harden_fpu },
	{ "harden_stale_frame", harden_stale_frame },
	{ "fuzz", fuzz },
	{ "harden_revoke_chain", harden_revoke_chain },
	{ "ipc_message", ipc_message },
	{ "ipc_call", ipc_call },
	{ "ipc_errors", ipc_errors },
	{ "ipc_grant", ipc_grant },
	{ "ipc_notify", ipc_notify },
	{ "ipc_fault", ipc_fault },
	{ "ipc_sched", ipc_sched },
	{ "ipc_irq", ipc_irq },
	{ "ipc_deleted", ipc_deleted },
	{ "ipc_fastpath", ipc_fastpath },
	{ "ipc_fifo", ipc_fifo },
	{ "ipc_bound_reply", ipc_bound_reply },
	{ "ipc_queues", ipc_queues },
	{ "ipc_notify_more", ipc_notify_more },
	{ "ipc_fault_regs", ipc_fault_regs },
	{ "ipc_fast_cases", ipc_fast_cases },
	{ "ipc_sched_more", ipc_sched_more },
	{ "bench_ipc", bench_ipc },
	{ "bench_yield", bench_yield },
	{ "bench_signal", bench_signal },
};

/* run_test: the test program called name; false if there is none. */
bool run_test(const char *name)
{
	args = bootinfo->test_args;
	slot_alloc_from(S(TEST_SCRATCH));
	for (unsigned i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (strcmp(tests[i].name, name) == 0) {
			uprintf("root task: running %s\n", name);
			tests[i].run();
			uprintf("root task: %s done\n", name);
			return true;
		}
	}
	uprintf("root task: no test called \"%s\"; the tests are:", name);
	for (unsigned i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
		uprintf(" %s", tests[i].name);
	uprintf(" (and the kernel's: panic backtrace fault overflow)\n");
	return false;
}
