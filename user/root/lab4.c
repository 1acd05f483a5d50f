/*
 * root/lab4.c: the lab-4 test programs (see lab4.h for what each does
 * and reports). They check nothing themselves: the grader reads the
 * reports and the objects from the machine.
 */
#include "lab4.h"
#include "lab4_lib.h"
#include "tests.h"
#include "ulib.h"

#define ROOT ERIX_ROOT_CNODE
#define S lab4_S /* S(i): slot empty.start + i (lab4_lib.h) */

/* ---- ipc_message ---------------------------------------------------------- */

/* receiver: Recv on endpoint ep; report the info, the badge and (with an
 * IPC buffer, k != 0) the words; then stop. */
static void receiver(uint64_t ep_and_k)
{
	erix_cptr_t ep = ep_and_k & 0xffffffff;
	unsigned k = (unsigned)(ep_and_k >> 32);
	struct erix_msg m = { 0 };
	long r = erix_recv(ep, &m);
	lab4_report(LAB4_GOT, m.info, m.badge, (uint64_t)r, 0);
	unsigned n = ERIX_MSGINFO_LENGTH(m.info);
	uint64_t w[ERIX_MSG_MAX_WORDS + 3] = { m.mr[0], m.mr[1], m.mr[2], m.mr[3] };
	for (unsigned i = ERIX_MSG_REG_WORDS; k && i < n && i < ERIX_MSG_MAX_WORDS; i++)
		w[i] = lab4_buffer(k)->mr[i];
	for (unsigned i = 0; i < n && i < ERIX_MSG_MAX_WORDS; i += 4)
		lab4_report(LAB4_WORDS + i, w[i], w[i + 1], w[i + 2], w[i + 3]);
	lab4_stop();
}

void ipc_message(void)
{
	lab4_start();
	uint64_t label = lab4_args[0], length = lab4_args[1], seed = lab4_args[2], badge = lab4_args[3];
	lab4_root_buffer();
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(0));
	cnode_mint(ROOT, S(1), S(0), ERIX_RIGHTS_ALL, badge);
	lab4_thread(S(2), 1, receiver, S(0) | 1ull << 32, true);
	lab4_thread(S(3), 2, receiver, S(0), false);
	lab4_settle();
	struct erix_msg m = { .info = ERIX_MSGINFO(label, length, 0) };
	for (unsigned i = 0; i < ERIX_MSG_MAX_WORDS; i++) {
		if (i < ERIX_MSG_REG_WORDS)
			m.mr[i] = lab4_word(seed, i);
		else
			lab4_buffer(LAB4_ROOT_BUFFER)->mr[i] = lab4_word(seed, i);
	}
	struct erix_msg again = m;
	erix_send(S(1), &m);
	erix_send(S(1), &again);
	lab4_settle();
}

/* ---- ipc_call ------------------------------------------------------------- */

static uint64_t call_key, call_label;

/* server: the three rounds of ipc_call (lab4.h). */
static void server(uint64_t ep)
{
	erix_cptr_t n = S(1);
	struct erix_msg m = { 0 };
	long r = erix_recv(ep, &m);
	lab4_report(LAB4_GOT, m.info, m.badge, m.mr[0], m.mr[1]);
	struct erix_msg reply = { .info = ERIX_MSGINFO(call_label + 1, 2, 0),
				  .mr = { m.mr[0] ^ call_key, 8 } };
	r = erix_reply(&reply);
	lab4_report(LAB4_REPLIED, (uint64_t)r, 0, 0, 0);
	r = erix_reply(&reply);
	lab4_report(LAB4_REPLIED_AGAIN, (uint64_t)r, 0, 0, 0);
	erix_recv(ep, &m);      /* caller C */
	erix_wait(n, NULL);     /* the root deletes C meanwhile */
	r = erix_reply(&reply);
	lab4_report(LAB4_REPLY_DEAD, (uint64_t)r, 0, 0, 0);
	erix_recv(ep, &m);      /* caller C3 */
	erix_wait(n, NULL);     /* the root suspends this thread */
	lab4_stop();
}

/* caller: Call ep, report the result. */
static void caller(uint64_t ep)
{
	struct erix_msg m = { .info = ERIX_MSGINFO(1, 1, 0), .mr = { 99 } };
	long r = erix_ipc_call(ep, &m);
	lab4_report(LAB4_CALLER_WOKEN, (uint64_t)r, m.info, 0, 0);
	lab4_stop();
}

void ipc_call(void)
{
	lab4_start();
	call_key = lab4_args[0];
	call_label = lab4_args[2];
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(0));
	untyped_retype(lab4_ut, ERIX_OBJ_NOTIFICATION, 0, S(1));
	lab4_thread(S(2), 1, server, S(0), false);
	lab4_settle();
	struct erix_msg m = { .info = ERIX_MSGINFO(call_label, 2, 0), .mr = { lab4_args[1], 7 } };
	long r = erix_ipc_call(S(0), &m);
	lab4_report(LAB4_ROOT_GOT, (uint64_t)r, m.info, m.mr[0], m.mr[1]);
	lab4_settle();
	lab4_thread(S(3), 2, caller, S(0), false);
	lab4_settle();                        /* C calls, the server waits on N */
	cnode_delete(ROOT, S(3));        /* C is gone */
	erix_signal(S(1));
	lab4_settle();                        /* the server replies to nobody */
	lab4_thread(S(4), 3, caller, S(0), false);
	lab4_settle();                        /* C3 calls, the server waits */
	tcb_suspend(S(2));               /* C3's wait ends */
	lab4_settle();
}

/* ---- ipc_errors ------------------------------------------------------------ */

/* msg: a message carrying n capabilities (send_caps all S(0)). */
static struct erix_msg *msg(unsigned n)
{
	static struct erix_msg m;
	m = (struct erix_msg){ .info = ERIX_MSGINFO(1, 0, n) };
	for (unsigned i = 0; i < ERIX_MSG_MAX_CAPS; i++)
		lab4_buffer(LAB4_ROOT_BUFFER)->send_caps[i] = S(0);
	return &m;
}

void ipc_errors(void)
{
	lab4_start();
	lab4_root_buffer();
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(0));
	untyped_retype(lab4_ut, ERIX_OBJ_NOTIFICATION, 0, S(1));
	cnode_copy(ROOT, S(2), S(0), ERIX_RIGHT_READ);
	cnode_copy(ROOT, S(3), S(0), ERIX_RIGHT_WRITE);
	cnode_copy(ROOT, S(4), S(0), ERIX_RIGHT_READ | ERIX_RIGHT_WRITE);
	IPC_ERRORS_CALLS(TEST_CALL)
}

/* ---- ipc_grant ------------------------------------------------------------- */

/* grant_receiver: two receives, offering three slots, then one. */
static void grant_receiver(uint64_t ep)
{
	struct erix_ipc_buffer *b = lab4_buffer(1);
	struct erix_msg m = { 0 };
	b->recv_slots[0] = S(10), b->recv_slots[1] = S(11), b->recv_slots[2] = S(12);
	b->recv_count = 3;
	long r = erix_recv(ep, &m);
	lab4_report(LAB4_GOT, m.info, (uint64_t)r, b->recv_badges[0], b->recv_badges[1]);
	b->recv_slots[0] = S(13);
	b->recv_count = 1;
	r = erix_recv(ep, &m);
	lab4_report(LAB4_GOT_AGAIN, m.info, (uint64_t)r, b->recv_badges[0], 0);
	lab4_stop();
}

void ipc_grant(void)
{
	lab4_start();
	lab4_root_buffer();
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(0));
	cnode_copy(ROOT, S(1), S(0), ERIX_RIGHT_READ | ERIX_RIGHT_WRITE);
	untyped_retype(lab4_ut, ERIX_OBJ_FRAME, 0, S(2));
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(3));
	cnode_mint(ROOT, S(4), S(3), ERIX_RIGHT_READ | ERIX_RIGHT_WRITE, lab4_args[0]);
	lab4_thread(S(5), 1, grant_receiver, S(0), true);
	lab4_settle();
	struct erix_ipc_buffer *b = lab4_buffer(LAB4_ROOT_BUFFER);
	b->send_caps[0] = S(2);
	b->send_caps[1] = S(4);
	struct erix_msg m = { .info = ERIX_MSGINFO(3, 0, 2) };
	erix_send(S(0), &m);
	lab4_settle();
	m.info = ERIX_MSGINFO(3, 0, 2);
	erix_send(S(0), &m);
	lab4_settle();
	m.info = ERIX_MSGINFO(3, 0, 1);
	erix_nbsend(S(1), &m); /* no GRANT: refused */
	cnode_revoke(ROOT, S(4));
}

/* ---- ipc_notify ------------------------------------------------------------ */

static void waiter(uint64_t n)
{
	uint64_t word = 0;
	long r = erix_wait(n, &word);
	lab4_report(LAB4_GOT, (uint64_t)r, word, 0, 0);
	lab4_stop();
}

static void bound_server(uint64_t ep)
{
	struct erix_msg m = { 0 };
	long r = erix_recv(ep, &m);
	lab4_report(LAB4_GOT, (uint64_t)r, m.info, m.badge, 0);
	m = (struct erix_msg){ 0 };
	r = erix_recv(ep, &m);
	lab4_report(LAB4_GOT_AGAIN, (uint64_t)r, m.info, m.badge, 0);
	lab4_stop();
}

void ipc_notify(void)
{
	lab4_start();
	uint64_t word = 0;
	untyped_retype(lab4_ut, ERIX_OBJ_NOTIFICATION, 0, S(0));
	for (unsigned i = 0; i < 3; i++)
		cnode_mint(ROOT, S(1 + i), S(0), ERIX_RIGHTS_ALL, lab4_args[i]);
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(4));
	erix_signal(S(1));
	erix_signal(S(2));
	long r = erix_poll(S(0), &word);
	lab4_report(LAB4_POLL, (uint64_t)r, word, 0, 0);
	word = 0;
	r = erix_poll(S(0), &word);
	lab4_report(LAB4_POLL_AGAIN, (uint64_t)r, word, 0, 0);
	lab4_thread(S(5), 1, waiter, S(0), false);
	lab4_settle();
	erix_signal(S(3));
	lab4_settle();
	untyped_retype(lab4_ut, ERIX_OBJ_TCB, 0, S(6));
	tcb_configure(S(6), ROOT, ERIX_ROOT_VSPACE, 0, 0);
	tcb_bind_notification(S(6), S(0));
	tcb_set_registers(S(6), (uint64_t)bound_server, lab4_stack(2),
			  S(4));
	tcb_resume(S(6));
	lab4_settle();
	erix_signal(S(1));
	lab4_settle();
	struct erix_msg m = { .info = ERIX_MSGINFO(5, 0, 0) };
	erix_send(S(4), &m);
	lab4_settle();
	tcb_bind_notification(S(6), 0);
	erix_signal(S(0));
	word = 1;
	r = erix_poll(S(0), &word);
	lab4_report(LAB4_POLL_ZERO, (uint64_t)r, word, 0, 0);
}

/* ---- ipc_fault ------------------------------------------------------------- */

static void faulter(uint64_t addr)
{
	uint64_t v = *(volatile uint64_t *)addr;
	lab4_report(LAB4_READ, v, 0, 0, 0);
	__asm__ volatile("ud2");
	lab4_report(LAB4_READ, 0, 1, 0, 0); /* never: it stays stopped */
	lab4_stop();
}

void ipc_fault(void)
{
	lab4_start();
	lab4_root_buffer();
	uint64_t addr = LAB4_FAULT_VA + (lab4_args[0] % 16) * 4096 + (lab4_args[2] % 4096 & ~7ull);
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(0));
	cnode_mint(ROOT, S(1), S(0), ERIX_RIGHTS_ALL, 0x77);
	untyped_retype(lab4_ut, ERIX_OBJ_TCB, 0, S(2));
	tcb_configure(S(2), ROOT, ERIX_ROOT_VSPACE, 0, 0);
	tcb_set_fault_handler(S(2), S(1));
	tcb_set_registers(S(2), (uint64_t)faulter, lab4_stack(1), addr);
	tcb_resume(S(2));
	struct erix_ipc_buffer *b = lab4_buffer(LAB4_ROOT_BUFFER);
	struct erix_msg m = { 0 };
	long r = erix_recv(S(0), &m);
	lab4_report(LAB4_GOT, m.info, m.badge, m.mr[0], m.mr[1]);
	lab4_report(LAB4_FAULT_AT, m.mr[2], m.mr[3], b->mr[4], (uint64_t)r);
	erix_cptr_t f = retype_new(lab4_ut, ERIX_OBJ_FRAME, 0);
	map_page(lab4_ut, ERIX_ROOT_VSPACE, f, addr & ~4095ull, ERIX_RIGHT_READ | ERIX_RIGHT_WRITE);
	*(volatile uint64_t *)addr = lab4_args[1];
	m = (struct erix_msg){ .info = ERIX_MSGINFO(ERIX_FAULT_RESUME, 0, 0) };
	r = erix_reply_recv(S(0), &m); /* F reads, reports, runs ud2 */
	lab4_report(LAB4_GOT_AGAIN, m.info, m.badge, m.mr[0], m.mr[3]);
	m = (struct erix_msg){ .info = ERIX_MSGINFO(ERIX_FAULT_RESUME, 1, 0),
			       .mr = { 0xffffffff80100000ull } };
	r = erix_reply(&m);
	lab4_report(LAB4_BAD_RESUME, (uint64_t)r, 0, 0, 0);
	m = (struct erix_msg){ .info = ERIX_MSGINFO(0, 0, 0) };
	erix_reply(&m);
	lab4_settle();
}

/* ---- ipc_sched ------------------------------------------------------------- */

static void spinner(uint64_t n)
{
	for (volatile uint64_t i = 0; i < n; i++)
		;
	lab4_stop();
}

static void mcp_thread(uint64_t self)
{
	long a = tcb_set_priority(self, self, 120, 0);
	long b = tcb_set_priority(self, self, 0, 0);
	lab4_report(LAB4_MCP, (uint64_t)a, (uint64_t)b, 0, 0);
	lab4_stop();
}

/* spin_thread: thread() at a priority, resumed only after it is set. */
static void spin_thread(erix_cptr_t slot, unsigned k, unsigned priority, uint64_t n)
{
	untyped_retype(lab4_ut, ERIX_OBJ_TCB, 0, slot);
	tcb_configure(slot, ROOT, ERIX_ROOT_VSPACE, 0, 0);
	tcb_set_registers(slot, (uint64_t)spinner, lab4_stack(k), n);
	tcb_set_priority(slot, ERIX_ROOT_TCB, priority, 0);
	tcb_resume(slot);
}

void ipc_sched(void)
{
	lab4_start();
	uint64_t n = lab4_args[0] ? lab4_args[0] : 20000000;
	tcb_set_priority(ERIX_ROOT_TCB, ERIX_ROOT_TCB, 130, ERIX_MAX_PRIORITY);
	spin_thread(S(0), 0, 110, n);
	spin_thread(S(1), 1, 110, n);
	tcb_set_priority(ERIX_ROOT_TCB, ERIX_ROOT_TCB, 50, ERIX_MAX_PRIORITY);
	tcb_set_priority(ERIX_ROOT_TCB, ERIX_ROOT_TCB, 130, ERIX_MAX_PRIORITY);
	spin_thread(S(3), 3, 115, n / 4);
	spin_thread(S(2), 2, 120, n / 4);
	tcb_set_priority(ERIX_ROOT_TCB, ERIX_ROOT_TCB, 50, ERIX_MAX_PRIORITY);
	lab4_thread(S(4), 4, mcp_thread, S(4), false);
	lab4_settle();
}

/* ---- ipc_irq --------------------------------------------------------------- */

void ipc_irq(void)
{
	lab4_start();
	uint64_t word = 0;
	erix_call(ERIX_ROOT_IRQ_CONTROL, ERIX_IRQ_CONTROL_GET, 0, S(0), 0, 0, NULL);
	untyped_retype(lab4_ut, ERIX_OBJ_NOTIFICATION, 0, S(1));
	cnode_mint(ROOT, S(2), S(1), ERIX_RIGHTS_ALL, lab4_args[0]);
	irq_handler_set_notification(S(0), S(2));
	irq_handler_ack(S(0), NULL);
	long r = erix_wait(S(1), &word);
	lab4_report(LAB4_GOT, (uint64_t)r, word, 0, 0);
	irq_handler_ack(S(0), NULL);
	word = 0;
	r = erix_wait(S(1), &word);
	lab4_report(LAB4_GOT_AGAIN, (uint64_t)r, word, 0, 0);
	cnode_delete(ROOT, S(0)); /* the line masked again */
}

/* ---- ipc_deleted ----------------------------------------------------------- */

/* blocked: make the IPC call nr (Send, Recv or Call: packed above the
 * endpoint's CPtr, arg = ep | nr << 32), which waits until the endpoint
 * goes; report its result. */
static void blocked(uint64_t arg)
{
	struct erix_msg m = { .info = ERIX_MSGINFO(1, 0, 0) };
	long r = erix_ipc(arg >> 32, arg & 0xffffffff, &m);
	lab4_report(LAB4_WOKEN, (uint64_t)r, 0, 0, 0);
	lab4_stop();
}
#define BLOCKED(nr, ep) ((ep) | (uint64_t)(nr) << 32)

static void silent_server(uint64_t ep)
{
	struct erix_msg m = { 0 };
	erix_recv(ep, &m);
	erix_recv(ep, &m); /* never answers; waits again */
	lab4_stop();
}

void ipc_deleted(void)
{
	lab4_start();
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(0));
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(1));
	untyped_retype(lab4_ut, ERIX_OBJ_NOTIFICATION, 0, S(2));
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(3));
	lab4_thread(S(4), 1, blocked, BLOCKED(ERIX_SYS_SEND, S(0)), false);
	lab4_thread(S(5), 2, blocked, BLOCKED(ERIX_SYS_SEND, S(0)), false);
	lab4_thread(S(6), 3, blocked, BLOCKED(ERIX_SYS_RECV, S(1)), false);
	lab4_thread(S(7), 4, waiter, S(2), false);
	lab4_thread(S(9), 6, silent_server, S(3), false);
	lab4_settle();
	lab4_thread(S(8), 5, blocked, BLOCKED(ERIX_SYS_IPC_CALL, S(3)), false);
	lab4_settle();
	cnode_delete(ROOT, S(0));
	cnode_delete(ROOT, S(1));
	cnode_delete(ROOT, S(2));
	cnode_delete(ROOT, S(9));
	lab4_settle();
}

/* ---- ipc_fastpath ---------------------------------------------------------- */

/* echo_server: answers every Call on ep with its words transformed. */
static void echo_server(uint64_t ep)
{
	struct erix_msg m = { 0 };
	erix_recv(ep, &m);
	for (;;) {
		unsigned n = ERIX_MSGINFO_LENGTH(m.info);
		for (unsigned i = 0; i < ERIX_MSG_REG_WORDS; i++)
			m.mr[i] = lab4_answer(m.mr[i], i);
		m.info = ERIX_MSGINFO(ERIX_MSGINFO_LABEL(m.info) + 1, n, 0);
		erix_reply_recv(ep, &m);
	}
}

void ipc_fastpath(void)
{
	lab4_start();
	uint64_t rounds = lab4_args[1] < 60 ? lab4_args[1] : 60;
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(0));
	lab4_thread(S(1), 1, echo_server, S(0), false);
	lab4_settle();
	for (uint64_t i = 0; i < rounds; i++) {
		struct erix_msg m = { .info = ERIX_MSGINFO(i, i % 5, 0) };
		for (unsigned k = 0; k < ERIX_MSG_REG_WORDS; k++)
			m.mr[k] = lab4_word(lab4_args[0], 4 * i + k);
		erix_ipc_call(S(0), &m);
		lab4_report(LAB4_WORDS + i, m.info, m.mr[0], m.mr[1], m.mr[3]);
	}
	tcb_suspend(S(1));
}

/* ---- benchmarks (make bench) ------------------------------------------------ */

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

extern char __text_end[];

/* other_space: a new VSpace in slot `vs` that maps the same frames as the
 * root's at the same addresses (the program's pages, from the boot info's
 * image range: code read-execute, the rest read-write; not the stack):
 * a second address space running the same program, sharing its data. */
static void other_space(erix_cptr_t vs)
{
	untyped_retype(lab4_ut, ERIX_OBJ_VSPACE, 0, vs);
	uint64_t pages = bootinfo->image.end - bootinfo->image.start - ERIX_ROOT_STACK_PAGES;
	for (uint64_t i = 0; i < pages; i++) {
		uint64_t va = 0x400000 + i * 4096;
		erix_cptr_t copy = slot_alloc();
		cnode_copy(ROOT, copy, bootinfo->image.start + i, ERIX_RIGHTS_ALL);
		long err;
		bool code = va < (uint64_t)__text_end;
		while ((err = frame_map(copy, vs, va, code ? ERIX_RIGHT_READ :
					ERIX_RIGHT_READ | ERIX_RIGHT_WRITE, code ? ERIX_MAP_EXEC : 0)) ==
		       -ERR_NO_TABLE)
			page_table_map(retype_new(lab4_ut, ERIX_OBJ_PAGE_TABLE, 0), vs, va);
	}
}

#define BENCH_ROUNDS 1000

/* bench_server: answers every Call with the words it brought. */
static void bench_server(uint64_t ep)
{
	struct erix_msg m = { 0 };
	erix_recv(ep, &m);
	for (;;) {
		m.info = ERIX_MSGINFO(1, 4, 0);
		erix_reply_recv(ep, &m);
	}
}

/* round_trips: BENCH_ROUNDS Calls of ep with 4 words; instructions each. */
static uint64_t round_trips(erix_cptr_t ep)
{
	struct erix_msg m = { .info = ERIX_MSGINFO(1, 4, 0), .mr = { 1, 2, 3, 4 } };
	erix_ipc_call(ep, &m); /* warm */
	uint64_t t0 = rdtsc();
	for (int i = 0; i < BENCH_ROUNDS; i++) {
		m.info = ERIX_MSGINFO(1, 4, 0);
		erix_ipc_call(ep, &m);
	}
	return (rdtsc() - t0) / BENCH_ROUNDS;
}

void bench_ipc(void)
{
	lab4_start();
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(0));
	other_space(S(1));
	untyped_retype(lab4_ut, ERIX_OBJ_TCB, 0, S(2));
	tcb_configure(S(2), ROOT, S(1), 0, 0);
	tcb_set_registers(S(2), (uint64_t)bench_server, lab4_stack(1),
			  S(0));
	tcb_resume(S(2));
	lab4_settle();
	uint64_t fast = round_trips(S(0));
	/* The general path: a message of 4 words and one (empty) capability
	 * slot asked for is never the fast path's... but keep the words: the
	 * server at a lower priority makes the Call miss the fast path. */
	tcb_set_priority(S(2), ERIX_ROOT_TCB, ERIX_DEFAULT_PRIORITY - 1, 0);
	uint64_t slow_call = round_trips(S(0));
	uprintf("bench: IPC round trip (Call + ReplyRecv, 4 words, two address spaces): %lu "
		"instructions through the fast path, %lu with the Call on the general path\n",
		(unsigned long)fast, (unsigned long)slow_call);
	tcb_suspend(S(2));
}

static void yielder(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		erix_yield();
	lab4_stop();
}

void bench_yield(void)
{
	lab4_start();
	lab4_thread(S(0), 1, yielder, BENCH_ROUNDS + 10, false);
	erix_yield();
	uint64_t t0 = rdtsc();
	for (int i = 0; i < BENCH_ROUNDS; i++)
		erix_yield();
	uint64_t per = (rdtsc() - t0) / BENCH_ROUNDS;
	uprintf("bench: context switch (Yield between two threads, one address space): %lu "
		"instructions a round (two switches)\n", (unsigned long)per);
}

static volatile uint64_t woke_at;

static void signal_waiter(uint64_t n)
{
	for (;;) {
		erix_wait(n, NULL);
		woke_at = rdtsc();
	}
}

void bench_signal(void)
{
	lab4_start();
	untyped_retype(lab4_ut, ERIX_OBJ_NOTIFICATION, 0, S(0));
	untyped_retype(lab4_ut, ERIX_OBJ_TCB, 0, S(1));
	tcb_configure(S(1), ROOT, ERIX_ROOT_VSPACE, 0, 0);
	tcb_set_registers(S(1), (uint64_t)signal_waiter, lab4_stack(1),
			  S(0));
	tcb_set_priority(S(1), ERIX_ROOT_TCB, ERIX_DEFAULT_PRIORITY + 1, 0);
	tcb_resume(S(1)); /* it runs at once, and waits */
	uint64_t total = 0;
	for (int i = 0; i < BENCH_ROUNDS; i++) {
		uint64_t t0 = rdtsc();
		erix_signal(S(0)); /* it wakes, runs, waits again */
		total += woke_at - t0;
	}
	uprintf("bench: signal to wake (a Signal until the higher-priority waiter runs): %lu "
		"instructions\n", (unsigned long)(total / BENCH_ROUNDS));
	tcb_suspend(S(1));
}

/* ---- ipc_fifo ------------------------------------------------------------- */

static void fifo_sender(uint64_t i)
{
	struct erix_msg m = { .info = ERIX_MSGINFO(i, 1, 0), .mr = { lab4_badge(lab4_args[1], i) } };
	erix_send(S(1 + i), &m);
	lab4_stop();
}

static void fifo_receiver(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		struct erix_msg m = { 0 };
		long r = erix_recv(S(0), &m);
		lab4_report(LAB4_WORDS + i, m.info, m.badge, m.mr[0], (uint64_t)r);
	}
	struct erix_msg m = { 0 };
	erix_recv(S(0), &m); /* the root's first NBSend */
	lab4_stop();
}

void ipc_fifo(void)
{
	lab4_start();
	uint64_t n = lab4_args[0] < 3 ? 3 : lab4_args[0] > 8 ? 8 : lab4_args[0];
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(0));
	for (uint64_t i = 0; i < n; i++) {
		cnode_mint(ROOT, S(1 + i), S(0), ERIX_RIGHTS_ALL, lab4_badge(lab4_args[1], i));
		lab4_thread(S(10 + i), (unsigned)i, fifo_sender, i, false);
		lab4_settle(); /* it waits in the queue, after the ones before */
	}
	lab4_thread(S(20), 9, fifo_receiver, n, false);
	lab4_settle();
	struct erix_msg m = { .info = ERIX_MSGINFO(1, 0, 0) };
	erix_nbsend(S(0), &m); /* the receiver waits: taken */
	erix_nbsend(S(0), &m); /* nobody now */
	lab4_settle();
}

/* ---- ipc_bound_reply --------------------------------------------------------- */

static void bound_replier(uint64_t ep)
{
	struct erix_msg m = { 0 };
	erix_recv(ep, &m);               /* the root's Call */
	uint64_t word = m.mr[0];
	m = (struct erix_msg){ 0 };
	long r = erix_recv(ep, &m);      /* owing the reply: the signal ends it */
	lab4_report(LAB4_GOT, (uint64_t)r, m.info, m.badge, 0);
	m = (struct erix_msg){ .info = ERIX_MSGINFO(0, 1, 0), .mr = { word + 1 } };
	r = erix_reply(&m);
	lab4_report(LAB4_REPLIED, (uint64_t)r, 0, 0, 0);
	lab4_stop();
}

static void ringer(uint64_t n)
{
	erix_signal(n);
	lab4_stop();
}

void ipc_bound_reply(void)
{
	lab4_start();
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(0));
	untyped_retype(lab4_ut, ERIX_OBJ_NOTIFICATION, 0, S(1));
	cnode_mint(ROOT, S(4), S(1), ERIX_RIGHTS_ALL, lab4_args[0]);
	untyped_retype(lab4_ut, ERIX_OBJ_TCB, 0, S(2));
	tcb_configure(S(2), ROOT, ERIX_ROOT_VSPACE, 0, 0);
	tcb_bind_notification(S(2), S(1));
	tcb_set_registers(S(2), (uint64_t)bound_replier, lab4_stack(1),
			  S(0));
	tcb_resume(S(2));
	lab4_settle();
	lab4_thread(S(3), 2, ringer, S(4), false); /* runs while the root waits */
	struct erix_msg m = { .info = ERIX_MSGINFO(1, 1, 0), .mr = { lab4_args[1] } };
	long r = erix_ipc_call(S(0), &m);
	lab4_report(LAB4_ROOT_GOT, (uint64_t)r, m.mr[0], 0, 0);
	lab4_settle();
}
