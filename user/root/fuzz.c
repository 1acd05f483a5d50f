/*
 * root/fuzz.c: the system-call fuzzer: make fuzz SEED=n N=count, and
 * make check (one run of a million calls).
 *
 * It makes random system calls against the whole ABI. Arguments are drawn
 * from what it holds, a model of its pool of slots (each slot's type, as
 * cap_identify last said): valid CPtrs, labels the type has, depths, sizes
 * and addresses that may work; mixed with hostile ones: random words,
 * depths one off, kernel and non-canonical addresses, huge sizes, labels
 * of other types. It checks nothing itself: the kernel, started with
 * check_every=N, runs its own invariant checker every N calls and at the
 * end (kernel/selfcheck.c), where the fuzzer cannot reach it, and prints
 * which labels and error codes were reached. At the end the fuzzer
 * revokes its Untyped and asks for all of it back as one object: that
 * works only if every byte came back (no leak).
 *
 * What it leaves alone: the root task's own boot capabilities as targets
 * of delete, revoke or move (their loss ends the run, not the kernel), and
 * I/O port writes but to port 0x80 (the POST-code port, which nothing
 * reads) through a capability issued for it alone: other ports reach the
 * hardware, not the kernel (0xfe to port 0x64 resets the machine).
 *
 * A few outcomes a random run reaches only now and then it reaches first,
 * on purpose (probes()): a call from a thread whose CSpace is gone
 * (ERR_INVALID_ROOT), an IRQ claimed twice (ERR_IN_USE), and the IPC
 * calls that wait, with a partner (the random ones never wait: nobody
 * would wake the fuzzer).
 */
#include "tests.h"
#include "ulib.h"

#define POOL 48              /* slots S(0..POOL-1): what it makes and breaks */
#define UT S(POOL)           /* its Untyped, 2^UT_BITS bytes */
#define UT_BITS 22
#define WINDOW 0x20000000ull /* where it maps: 64 pages from here */
#define POST S(POOL + 1)     /* an IOPort capability for port 0x80 only */
#define POST_PORT 0x80

static erix_cptr_t S(uint64_t i) { return bootinfo->empty.start + i; }

static uint64_t state;
static unsigned model[POOL]; /* each pool slot's type (0: empty or unknown) */

/* rnd: xorshift64* (a run is one seed's). */
static uint64_t rnd(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545f4914f6cdd1dull;
}

static uint64_t chance(unsigned percent) { return rnd() % 100 < percent; }

/* hostile: a word no caller should pass. */
static uint64_t hostile(void)
{
	static const uint64_t words[] = {
		0, 1, 63, 64, 65, 4095, 4096, 0x7ffffffff000ull, 0x7ffffffffff8ull,
		0x0000800000000000ull, 0xffff800000000000ull, 0xffffffff80100000ull,
		0xffffffffffffffffull, 0x8000000000000000ull, 0xfffffffffffff000ull,
	};
	return chance(50) ? words[rnd() % (sizeof(words) / sizeof(words[0]))] : rnd();
}

/* slot: a pool slot, one of a given type if the model knows one (type 0:
 * any). */
static erix_cptr_t slot(unsigned type)
{
	for (int tries = 0; tries < 8; tries++) {
		uint64_t i = rnd() % POOL;
		if (!type || model[i] == type)
			return S(i);
	}
	return S(rnd() % POOL);
}

/* cptr: what to invoke or name: mostly the pool, then the Untyped, the
 * root's CNode and VSpace, or a hostile word. */
static erix_cptr_t cptr(unsigned type)
{
	unsigned r = (unsigned)(rnd() % 100);
	if (r < 70)
		return slot(type);
	if (r < 78)
		return UT;
	if (r < 84)
		return chance(50) ? ERIX_ROOT_CNODE : ERIX_ROOT_VSPACE;
	return hostile();
}

/* target: a slot that may be emptied or overwritten: never a boot one
 * (below empty.start: its CNode, VSpace, TCB, image, page tables), nor
 * the Untyped, which the end revokes; and the last one, to refresh. */
static erix_cptr_t last_target;
static erix_cptr_t target(void)
{
	uint64_t h = chance(90) ? slot(0) : hostile();
	if (h < bootinfo->empty.start || h == UT || h == POST)
		h = slot(0);
	return last_target = h;
}

static uint64_t depth(void)
{
	static const uint64_t d[] = { 0, 64, 63, 65, 52, 12, 1, 128 };
	return chance(70) ? 0 : chance(70) ? d[rnd() % 8] : rnd();
}

static uint64_t address(void)
{
	return chance(75) ? WINDOW + (rnd() % 64) * 4096 + (chance(95) ? 0 : rnd() % 4096)
			  : hostile();
}

/* fuzz_child: a thread the fuzzer starts: one call through whatever its
 * CSpace is by now (perhaps no CNode at all: ERR_INVALID_ROOT), then it
 * stops. */
static void fuzz_child(void)
{
	uint64_t what;
	cap_identify(1, &what);
	for (;;)
		__builtin_trap();
}
static uint8_t child_stack[4096] __attribute__((aligned(16)));

/* refresh: what is in pool slot i now? */
static void refresh(uint64_t i)
{
	uint64_t what = 0;
	model[i] = cap_identify(S(i), &what) == 0 ? ERIX_IDENTIFY_TYPE(what) : 0;
}

/* one: one random call. */
static void one(void)
{
	uint64_t out;
	last_target = 0;
	unsigned rights = (unsigned)(chance(85) ? rnd() % 8 : rnd() % 256);
	switch (rnd() % 20) {
	case 0: case 1: case 2: { /* retype */
		unsigned type = (unsigned)(chance(90) ? 1 + rnd() % 11 : rnd() % 64);
		unsigned bits = (unsigned)(chance(80) ? (type == ERIX_OBJ_UNTYPED ? 6 + rnd() % 12 :
						        type == ERIX_OBJ_CNODE ? 1 + rnd() % 6 : 0)
					       : rnd() % 70);
		erix_call(chance(80) ? UT : cptr(ERIX_OBJ_UNTYPED), ERIX_UNTYPED_RETYPE, type, bits,
			  target(), depth(), &out);
		break;
	}
	case 3: case 4:
		erix_call(chance(80) ? ERIX_ROOT_CNODE : cptr(ERIX_OBJ_CNODE),
			  chance(70) ? ERIX_CNODE_COPY : ERIX_CNODE_MINT, target(), cptr(0), depth(),
			  ERIX_MINT_WORD(rights, chance(50) ? rnd() % 100 : rnd()), &out);
		break;
	case 5:
		erix_call(chance(80) ? ERIX_ROOT_CNODE : cptr(ERIX_OBJ_CNODE), ERIX_CNODE_MOVE,
			  target(), target(), depth(), 0, &out);
		break;
	case 6: case 7:
		erix_call(chance(80) ? ERIX_ROOT_CNODE : cptr(ERIX_OBJ_CNODE),
			  chance(60) ? ERIX_CNODE_DELETE : ERIX_CNODE_REVOKE, target(), 0, depth(), 0,
			  &out);
		break;
	case 8:
		tcb_configure(cptr(ERIX_OBJ_TCB), chance(50) ? ERIX_ROOT_CNODE : cptr(ERIX_OBJ_CNODE),
			      chance(50) ? ERIX_ROOT_VSPACE : cptr(ERIX_OBJ_VSPACE),
			      chance(50) ? 0 : cptr(ERIX_OBJ_FRAME), address());
		break;
	case 9:
		tcb_set_registers(cptr(ERIX_OBJ_TCB), chance(70) ? (uint64_t)fuzz_child : hostile(),
				  chance(70) ? (uint64_t)(child_stack + sizeof(child_stack)) : hostile(),
				  rnd());
		break;
	case 10:
		if (chance(50))
			tcb_resume(cptr(ERIX_OBJ_TCB));
		else
			tcb_suspend(slot(ERIX_OBJ_TCB));
		break;
	case 11: case 12:
		frame_map(cptr(ERIX_OBJ_FRAME), chance(80) ? ERIX_ROOT_VSPACE : cptr(ERIX_OBJ_VSPACE),
			  address(), rights % 4, (unsigned)(rnd() % 3));
		break;
	case 13:
		erix_call(cptr(ERIX_OBJ_FRAME), chance(50) ? ERIX_FRAME_UNMAP : ERIX_FRAME_ADDRESS,
			  0, 0, 0, 0, &out);
		break;
	case 14:
		if (chance(60))
			page_table_map(cptr(ERIX_OBJ_PAGE_TABLE),
				       chance(80) ? ERIX_ROOT_VSPACE : cptr(ERIX_OBJ_VSPACE), address());
		else
			erix_call(cptr(ERIX_OBJ_PAGE_TABLE), ERIX_PAGE_TABLE_UNMAP, 0, 0, 0, 0, &out);
		break;
	case 15: /* interrupts and ports, rarely: each arrival is a line on the console */
		if (chance(90))
			erix_call(ERIX_ROOT_IOPORT, ERIX_IOPORT_ISSUE, rnd() % 0x10000,
				  rnd() % 0x10000, target(), depth(), &out);
		else if (chance(90))
			erix_call(cptr(ERIX_OBJ_IOPORT), ERIX_IOPORT_IN, rnd() % 0x10000,
				  1u << (rnd() % 4), 0, 0, &out);
		else if (chance(50)) /* port 0x80, or a width or port past it */
			erix_call(POST, ERIX_IOPORT_OUT, chance(80) ? POST_PORT : rnd() % 0x10000,
				  chance(80) ? 1 : 1u << (rnd() % 4), rnd(), 0, &out);
		else if (chance(50))
			erix_call(ERIX_ROOT_IRQ_CONTROL, ERIX_IRQ_CONTROL_GET, rnd() % 18, target(),
				  depth(), 0, &out);
		else if (chance(10))
			erix_call(cptr(ERIX_OBJ_IRQ_HANDLER), ERIX_IRQ_HANDLER_ACK, 0, 0, 0, 0, &out);
		break;
	case 16: { /* any label on anything */
		uint64_t label = chance(90) ? 1 + rnd() % (ERIX_INVOCATION_END - 1) : rnd();
		if (label == ERIX_IOPORT_OUT)
			label = ERIX_IOPORT_IN;
		erix_call(cptr(0), label, target(), target(), depth(), rnd() % 256, &out);
		break;
	}
	case 17: /* a print: a bad pointer, mostly (a good one, empty) */
		if (chance(98))
			erix_debug_puts((const void *)hostile(), rnd() % 64);
		else
			erix_debug_puts("", 0);
		break;
	case 18: { /* any system call number; IPC on the pool, never waiting */
		uint64_t nr = chance(50) ? rnd() % 12 : rnd();
		if (nr == ERIX_SYS_CALL || nr == ERIX_SYS_DEBUG_PUTS)
			nr = ERIX_SYS_YIELD;
		if (nr == ERIX_SYS_SEND || nr == ERIX_SYS_IPC_CALL)
			nr = ERIX_SYS_NBSEND; /* the fuzzer must never wait: nobody */
		if (nr == ERIX_SYS_RECV)  /* would wake it */
			nr = ERIX_SYS_NBRECV;
		if (nr == ERIX_SYS_REPLY_RECV)
			nr = ERIX_SYS_REPLY;
		uint64_t c = nr >= ERIX_SYS_SEND && nr < ERIX_SYS_END && chance(80)
				     ? cptr(chance(50) ? ERIX_OBJ_ENDPOINT : ERIX_OBJ_NOTIFICATION)
				     : rnd();
		uint64_t info = chance(80) ? ERIX_MSGINFO(rnd(), rnd() % 40, rnd() % 5) |
						     (chance(30) ? ERIX_MSG_MOVE : 0)
					   : rnd();
		erix_syscall(nr, c, info, rnd(), rnd(), rnd(), rnd(), &out);
		break;
	}
	default:
		refresh(rnd() % POOL);
		break;
	}
	/* What a call may have put into (or taken from) a pool slot. */
	if (last_target >= S(0) && last_target < S(POOL) && chance(50))
		refresh(last_target - S(0));
}

/* ipc_server: a thread of probes(): it answers Calls on the endpoint
 * in rdi, for ever (until its endpoint goes: then it traps). */
static void ipc_server(erix_cptr_t ep)
{
	struct erix_msg m = { 0 };
	erix_recv(ep, &m);
	for (;;) {
		m.info = ERIX_MSGINFO(0, 1, 0);
		if (erix_reply_recv(ep, &m) < 0)
			__builtin_trap();
	}
}
static uint8_t server_stack[4096] __attribute__((aligned(16)));

/* ipc_probes: every IPC system call once with a partner, a wait ended by
 * the endpoint's deletion (ERR_CANCELLED), and a Reply nobody waits for
 * (ERR_NO_REPLY), in slots past the pool; all cleaned up. */
static void ipc_probes(void)
{
	erix_cptr_t ep = S(POOL + 6), tcb = S(POOL + 7), n = S(POOL + 8);
	struct erix_msg m = { .info = ERIX_MSGINFO(7, 2, 0), .mr = { 1, 2 } };
	untyped_retype(UT, ERIX_OBJ_ENDPOINT, 0, ep);
	untyped_retype(UT, ERIX_OBJ_NOTIFICATION, 0, n);
	untyped_retype(UT, ERIX_OBJ_TCB, 0, tcb);
	tcb_configure(tcb, ERIX_ROOT_CNODE, ERIX_ROOT_VSPACE, 0, 0);
	tcb_set_registers(tcb, (uint64_t)ipc_server,
			  (uint64_t)(server_stack + sizeof(server_stack)), ep);
	tcb_resume(tcb);
	erix_ipc_call(ep, &m);  /* the server takes it (Recv), replies */
	erix_send(ep, &m);      /* it takes this in its ReplyRecv */
	erix_yield();           /* it replies to nobody, waits again */
	erix_reply(&m);         /* the fuzzer owes nobody a reply */
	erix_signal(n);
	erix_wait(n, NULL);     /* signalled: no wait */
	cnode_delete(ERIX_ROOT_CNODE, ep); /* the server's wait ends */
	erix_yield();           /* it traps */
	cnode_delete(ERIX_ROOT_CNODE, tcb);
	cnode_delete(ERIX_ROOT_CNODE, n);
}

/* probes: the outcomes random calls reach only now and then, reached
 * once on purpose, in slots past the pool (the random calls never name
 * them as targets), all cleaned up but POST. */
static void probes(void)
{
	erix_cptr_t cn = S(POOL + 2), tcb = S(POOL + 3), irq = S(POOL + 4), irq2 = S(POOL + 5);
	uint64_t out;
	/* A thread whose CSpace is deleted under it: its call finds no root. */
	untyped_retype(UT, ERIX_OBJ_CNODE, 2, cn);
	untyped_retype(UT, ERIX_OBJ_TCB, 0, tcb);
	tcb_configure(tcb, cn, ERIX_ROOT_VSPACE, 0, 0);
	tcb_set_registers(tcb, (uint64_t)fuzz_child, (uint64_t)(child_stack + sizeof(child_stack)), 0);
	cnode_delete(ERIX_ROOT_CNODE, cn); /* the thread's copy goes with it */
	tcb_resume(tcb);
	erix_yield(); /* it runs, calls, and stops at its trap */
	cnode_delete(ERIX_ROOT_CNODE, tcb);
	/* An IRQ line claimed twice. */
	erix_call(ERIX_ROOT_IRQ_CONTROL, ERIX_IRQ_CONTROL_GET, 5, irq, 0, 0, &out);
	erix_call(ERIX_ROOT_IRQ_CONTROL, ERIX_IRQ_CONTROL_GET, 5, irq2, 0, 0, &out);
	cnode_delete(ERIX_ROOT_CNODE, irq);
	/* Port 0x80 alone, for the writes. */
	ioport_issue(ERIX_ROOT_IOPORT, POST_PORT, POST_PORT, POST);
	ipc_probes();
}

/* fuzz: test_args[0] the seed, [1] the number of calls (default 100000). */
void fuzz(void)
{
	const uint64_t *args = bootinfo->test_args;
	uint64_t n = args[1] ? args[1] : 100000;
	state = args[0] | 1;
	erix_cptr_t parent = untyped_find(UT_BITS + 1);
	if (untyped_retype(parent, ERIX_OBJ_UNTYPED, UT_BITS, UT) < 0) {
		uprintf("fuzz: no Untyped of 2^%d bytes to work in\n", UT_BITS);
		return;
	}
	probes();
	uprintf("fuzz: seed %lu, %lu calls\n", (unsigned long)args[0], (unsigned long)n);
	for (uint64_t i = 0; i < n; i++)
		one();
	/* Give everything back: the Untyped's objects, then what it issued
	 * from the root's capabilities into the pool. */
	long r = cnode_revoke(ERIX_ROOT_CNODE, UT);
	for (uint64_t i = 0; i <= POOL + 1; i++) /* the pool and POST */
		if (i != POOL)
			cnode_delete(ERIX_ROOT_CNODE, S(i));
	/* One object as big as the Untyped: the biggest CNode (an Untyped
	 * is only ever retyped into smaller Untypeds). */
	long whole = untyped_retype(UT, ERIX_OBJ_CNODE, UT_BITS - ERIX_SLOT_BITS, S(0));
	uprintf("fuzz: revoked its Untyped: %s; all 2^%d bytes back as one object: %s\n",
		erix_strerror(r), UT_BITS, erix_strerror(whole));
}
