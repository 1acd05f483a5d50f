/*
 * test_ipc.c: kernel/ipc.c (endpoint queues, Send/Recv/Call/Reply,
 * message and capability transfer, cancelling), kernel/notification.c
 * and kernel/fault.c, compiled for the host.
 *
 * The threads are TCBs in host memory (th[]), each with its own CSpace
 * (a CNode of 16 slots, its capability with a zero guard of 60 bits: a
 * CPtr is a slot number at depth 64), a VSpace capability, and, except
 * for the threads in NO_BUFFER, an IPC buffer: the TCB_IPC_BUFFER slot
 * holds a Frame capability whose obj is a 4096-byte host page (what the
 * kernel reads through its direct map) and t->ipc_buffer is non-zero.
 * The rest of each page past struct erix_ipc_buffer is a guard: the
 * length tests fill the whole page with POISON and check that only the
 * words a message may write changed.
 *
 * What the files call outside is real where the unit binary has it:
 * sched.c (compiled into test_sched.c, with kprintf), tcb.c (tcb_check,
 * tcb_stop), cspace.c, cnode.c's cap_derive and cdt.c's
 * cdt_insert_child. This file fakes the rest: selfcheck_woken (counted),
 * irq_forget_notification (recorded), fpu_thread_init and fpu_release.
 *
 * The tests:
 *  - R_STEPS random operations (Send, NBSend, Call, Recv, NBRecv, Reply,
 *    ipc_cancel, tcb_stop, endpoint_destroy, resuming) by NT threads on
 *    NE endpoints, for each of r_seeds[], checked after every step
 *    against a model the test keeps (each endpoint's FIFO queue, each
 *    thread's state and reply link): endpoint_check(), tcb_check() and
 *    sched_check() are NULL, every queue, state, blocked_on and reply_to
 *    is the model's, every message delivered is the one the model says
 *    (label, length, words, badge) and every woken thread's result is;
 *  - length_cases[]: how many words arrive, each in both orders (the
 *    receiver waiting first, the sender first), and that nothing else of
 *    the receiver's registers, IPC buffer and the page after it changes;
 *  - cap_cases[]: capability transfer (only with IPC_GRANT, at most
 *    recv_count, stopping at the first that cannot go, the badges), both
 *    orders; capabilities in a reply;
 *  - Call and Reply, cancelling, endpoint_destroy, the NB variants;
 *  - notifications: badges OR-ed, Wait and Poll, a badge-0 signal, the
 *    bound thread in Recv, notification_destroy;
 *  - fault_load's message, fault_reply's register replacement and its
 *    refusals (reply_cases[]), a fault through an endpoint end to end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "cdt.h"
#include "ipc.h"
#include "irq.h"
#include "sched.h"
#include "selfcheck.h"
#include "tcb.h"
#include <erix/errors.h>
#include <erix/ipc.h>
#include <erix/syscall.h>

/* ---- fakes ------------------------------------------------------------------ */

static unsigned woken_errors;                     /* selfcheck_woken calls */
static const struct notification *irq_forgotten;  /* irq_forget_notification's */

void selfcheck_woken(int err)
{
	(void)err;
	woken_errors++;
}

void irq_forget_notification(const struct notification *n) { irq_forgotten = n; }
void fpu_thread_init(struct tcb *t) { (void)t; }
void fpu_release(struct tcb *t) { (void)t; }

/* ---- threads, endpoints, the fixture ---------------------------------------- */

#define NT 8            /* threads */
#define NE 3            /* endpoints */
#define NO_BUFFER(i) ((i) < 2) /* th[0] and th[1] have no IPC buffer */
#define CSLOTS 16       /* each thread's CNode */
#define PAGE 4096
#define POISON 0x5a5a5a5a5a5a5a5aull

static struct tcb th[NT];
static struct endpoint ep[NE];
static struct notification ntf[2];
static struct cte cspace[NT][CSLOTS];
static uint64_t vspace_obj;
static uint8_t *pages; /* NT pages, th[i]'s IPC buffer the i-th */

static struct erix_ipc_buffer *buf(int i)
{
	return (struct erix_ipc_buffer *)(pages + (size_t)i * PAGE);
}

/* thread_reset: th[i] as TCB_CONFIGURE leaves it, with or without its
 * IPC buffer, runnable. */
static void thread_reset(int i, bool with_buffer)
{
	struct tcb *t = &th[i];
	if (t->state == TCB_RUNNABLE)
		sched_remove(t);
	memset(t, 0, sizeof(*t));
	t->state = TCB_INACTIVE;
	t->by_syscall = 1;
	t->priority = ERIX_DEFAULT_PRIORITY;
	t->regs.rflags = USER_RFLAGS;
	t->regs.rip = 0x400000;
	t->slots[TCB_CSPACE].cap = (struct cap){ .type = ERIX_OBJ_CNODE, .rights = ALL, .bits = 4,
						 .guard_bits = 60, .obj = (uintptr_t)cspace[i] };
	t->slots[TCB_VSPACE].cap = (struct cap){ .type = ERIX_OBJ_VSPACE, .rights = ALL,
						 .obj = (uintptr_t)&vspace_obj };
	if (with_buffer) {
		t->slots[TCB_IPC_BUFFER].cap = (struct cap){ .type = ERIX_OBJ_FRAME,
							     .rights = R | W,
							     .obj = (uintptr_t)buf(i) };
		t->ipc_buffer = 0x10000000 + (uint64_t)i * PAGE;
	}
	sched_add(t);
}

static void ipc_setup(void)
{
	pages = aligned_alloc(PAGE, (size_t)NT * PAGE);
	EXPECT(pages != NULL, "no memory for the IPC buffers");
	memset(pages, 0, (size_t)NT * PAGE);
	memset(th, 0, sizeof(th));
	memset(ep, 0, sizeof(ep));
	memset(ntf, 0, sizeof(ntf));
	memset(cspace, 0, sizeof(cspace));
	memset(&cdt_root, 0, sizeof(cdt_root));
	for (int i = 0; i < NT; i++) {
		cspace[i][0].spare = 4; /* slot 0: the header's radix */
		thread_reset(i, !NO_BUFFER(i));
	}
	woken_errors = 0;
	irq_forgotten = NULL;
}

/* ipc_teardown: the ready queues left empty (they are sched.c's, shared
 * by every test when Check does not fork). */
static void ipc_teardown(void)
{
	for (int i = 0; i < NT; i++)
		sched_remove(&th[i]);
	free(pages);
	pages = NULL;
}

static int tid(const void *t)
{
	return t ? (int)((const struct tcb *)t - th) : -1;
}

/* ---- messages ---------------------------------------------------------------- */

struct msg {
	uint64_t label;
	unsigned len; /* as the info says: may be over ERIX_MSG_MAX_WORDS */
	unsigned caps;
	uint64_t w[ERIX_MSG_MAX_WORDS];
};

static uint64_t msg_info(const struct msg *m)
{
	return ERIX_MSGINFO(m->label, m->len, m->caps);
}

/* put_msg: m's words where thread t sends them from: mr0..mr3 in its
 * registers, the rest in its IPC buffer (if it has one). */
static void put_msg(struct tcb *t, const struct msg *m)
{
	t->regs.rdx = m->w[0];
	t->regs.r10 = m->w[1];
	t->regs.r8 = m->w[2];
	t->regs.r9 = m->w[3];
	struct erix_ipc_buffer *b = ipc_buffer_of(t);
	if (b)
		for (unsigned i = ERIX_MSG_REG_WORDS; i < ERIX_MSG_MAX_WORDS; i++)
			b->mr[i] = m->w[i];
}

/* got_word: word i of what t received. */
static uint64_t got_word(const struct tcb *t, unsigned i)
{
	const uint64_t regs[ERIX_MSG_REG_WORDS] = { t->regs.rdx, t->regs.r10, t->regs.r8,
						    t->regs.r9 };
	return i < ERIX_MSG_REG_WORDS ? regs[i] : ipc_buffer_of(t)->mr[i];
}

/* words_between: how many of m's words go from `from` to `to`. */
static unsigned words_between(const struct msg *m, int from, int to)
{
	unsigned n = m->len;
	if (n > ERIX_MSG_MAX_WORDS)
		n = ERIX_MSG_MAX_WORDS;
	if (NO_BUFFER(from) || NO_BUFFER(to))
		n = n < ERIX_MSG_REG_WORDS ? n : ERIX_MSG_REG_WORDS;
	return n;
}

/* expect_msg: thread `to` holds m as sent by `from` with this badge (and
 * caps capabilities arrived), rax 0. */
static void expect_msg(const char *when, int to, int from, const struct msg *m,
		       uint64_t badge, unsigned caps)
{
	const struct tcb *t = &th[to];
	unsigned n = words_between(m, from, to);
	EXPECT(t->regs.rsi == ERIX_MSGINFO(m->label, n, caps),
	       "%s: thread %d got message info %#lx, want label %#lx, length %u, %u caps (%#lx)",
	       when, to, (unsigned long)t->regs.rsi, (unsigned long)m->label, n, caps,
	       (unsigned long)ERIX_MSGINFO(m->label, n, caps));
	EXPECT(t->regs.rdi == badge, "%s: thread %d got badge %#lx, want %#lx", when, to,
	       (unsigned long)t->regs.rdi, (unsigned long)badge);
	EXPECT(t->regs.rax == 0, "%s: thread %d's rax is %s, want 0", when, to,
	       unit_err_name((int)t->regs.rax));
	for (unsigned i = 0; i < n; i++)
		EXPECT(got_word(t, i) == m->w[i], "%s: thread %d's mr%u is %#lx, want %#lx", when,
		       to, i, (unsigned long)got_word(t, i), (unsigned long)m->w[i]);
}

/* checks_pass: endpoint_check, notification_check, tcb_check on every
 * thread, sched_check. */
static void checks_pass(const char *when)
{
	const char *q;
	for (int e = 0; e < NE; e++)
		EXPECT(!(q = endpoint_check(&ep[e])), "%s: endpoint_check(endpoint %d): %s", when,
		       e, q);
	for (int n = 0; n < 2; n++)
		EXPECT(!(q = notification_check(&ntf[n])), "%s: notification_check(%d): %s", when,
		       n, q);
	for (int i = 0; i < NT; i++)
		EXPECT(!(q = tcb_check(&th[i])), "%s: tcb_check(thread %d): %s", when, i, q);
	EXPECT(!(q = sched_check()), "%s: sched_check: %s", when, q);
}

/* expect_state: th[i] is in `state`, blocked on `on`. */
static void expect_state(const char *when, int i, uint64_t state, const void *on)
{
	EXPECT(th[i].state == state && th[i].blocked_on == on,
	       "%s: thread %d is in state %lu blocked on %p, want state %lu on %p", when, i,
	       (unsigned long)th[i].state, th[i].blocked_on, (unsigned long)state, on);
}

static void expect_rax(const char *when, int i, int want)
{
	EXPECT((int64_t)th[i].regs.rax == want, "%s: thread %d's rax is %s, want %s", when, i,
	       unit_err_name((int)th[i].regs.rax), unit_err_name(want));
}

static void expect_ret(const char *when, int got, int want)
{
	EXPECT(got == want, "%s: returned %s, want %s", when,
	       got == IPC_DONE ? "IPC_DONE" : unit_err_name(got),
	       want == IPC_DONE ? "IPC_DONE" : unit_err_name(want));
}

/* ---- the random model test ------------------------------------------------------ */

#define R_STEPS 20000
static const uint64_t r_seeds[] = { 1, 2, 3, 4, 77, 0xc0ffee };

static uint64_t r_state;

static uint64_t r_word(void)
{
	r_state ^= r_state >> 12;
	r_state ^= r_state << 25;
	r_state ^= r_state >> 27;
	return r_state * 0x2545f4914f6cdd1dull;
}

static unsigned r_next(unsigned n)
{
	return (unsigned)(r_word() >> 33) % n;
}

enum { M_FREE, M_SEND, M_RECV, M_REPLY };

static struct {
	int st;        /* M_* */
	bool runnable; /* M_FREE: runnable, else inactive */
	int on;        /* M_SEND/M_RECV: the endpoint; M_REPLY: the server */
	int reply_to;  /* the caller it owes a reply, -1 */
	struct msg msg; /* M_SEND: what it sends */
	uint64_t badge;
	bool call;
} mt[NT];

static struct {
	int q[NT], n;
	int kind; /* EP_IDLE, EP_SEND, EP_RECV */
} me[NE];

/* What one step must leave: messages delivered, results of threads woken. */
static struct {
	int to, from;
	struct msg msg;
	uint64_t badge;
} m_delivered[2 * NT];
static int m_ndelivered;
static struct {
	int t, rax;
} m_results[2 * NT];
static int m_nresults;

static void m_result(int t, int rax)
{
	m_results[m_nresults].t = t;
	m_results[m_nresults++].rax = rax;
}

static void m_deliver(int to, int from, const struct msg *m, uint64_t badge)
{
	m_delivered[m_ndelivered].to = to;
	m_delivered[m_ndelivered].from = from;
	m_delivered[m_ndelivered].msg = *m;
	m_delivered[m_ndelivered++].badge = badge;
}

/* m_wake: t's wait ends with rax, runnable. */
static void m_wake(int t, int rax)
{
	mt[t].st = M_FREE;
	mt[t].runnable = true;
	m_result(t, rax);
}

static int m_pop(int e)
{
	int t = me[e].q[0];
	memmove(&me[e].q[0], &me[e].q[1], (size_t)(--me[e].n) * sizeof(int));
	if (!me[e].n)
		me[e].kind = EP_IDLE;
	return t;
}

static void m_unqueue(int e, int t)
{
	int k = 0;
	while (me[e].q[k] != t)
		k++;
	memmove(&me[e].q[k], &me[e].q[k + 1], (size_t)(me[e].n - k - 1) * sizeof(int));
	if (!--me[e].n)
		me[e].kind = EP_IDLE;
}

/* m_await: caller waits for server's reply; the server's old caller, if
 * any, is cancelled. */
static void m_await(int caller, int server)
{
	if (mt[server].reply_to >= 0)
		m_wake(mt[server].reply_to, -ERR_CANCELLED);
	mt[caller].st = M_REPLY;
	mt[caller].on = server;
	mt[server].reply_to = caller;
}

/* m_cancel: ipc_cancel(t). */
static void m_cancel(int t)
{
	if (mt[t].st == M_SEND || mt[t].st == M_RECV)
		m_unqueue(mt[t].on, t);
	else if (mt[t].st == M_REPLY)
		mt[mt[t].on].reply_to = -1;
	if (mt[t].st != M_FREE) {
		mt[t].st = M_FREE;
		mt[t].runnable = false;
		m_result(t, -ERR_CANCELLED);
	}
	if (mt[t].reply_to >= 0) {
		m_wake(mt[t].reply_to, -ERR_CANCELLED);
		mt[t].reply_to = -1;
	}
}

static void r_msg(struct msg *m)
{
	m->label = r_word() >> 16;
	m->len = r_next(4) ? r_next(ERIX_MSG_MAX_WORDS + 1) : r_next(256);
	m->caps = 0;
	for (unsigned i = 0; i < ERIX_MSG_MAX_WORDS; i++)
		m->w[i] = r_word();
}

/* r_check: the kernel agrees with the model after a step. */
static void r_check(const char *when)
{
	checks_pass(when);
	for (int e = 0; e < NE; e++) {
		EXPECT(ep[e].state == (uint64_t)me[e].kind, "%s: endpoint %d in state %lu, want %d",
		       when, e, (unsigned long)ep[e].state, me[e].kind);
		const struct tcb *t = ep[e].queue.head;
		for (int k = 0; k < me[e].n; k++, t = t->q_next)
			EXPECT(tid(t) == me[e].q[k], "%s: endpoint %d's queue has thread %d at %d, "
			       "want %d", when, e, tid(t), k, me[e].q[k]);
		EXPECT(!t, "%s: endpoint %d's queue has more than the model's %d threads", when, e,
		       me[e].n);
	}
	for (int i = 0; i < NT; i++) {
		static const uint64_t blocked[] = { 0, TCB_BLOCKED_SEND, TCB_BLOCKED_RECV,
						    TCB_BLOCKED_REPLY };
		uint64_t state = mt[i].st != M_FREE ? blocked[mt[i].st] :
			mt[i].runnable ? TCB_RUNNABLE : TCB_INACTIVE;
		const void *on = mt[i].st == M_FREE ? NULL :
			mt[i].st == M_REPLY ? (const void *)&th[mt[i].on] : (const void *)&ep[mt[i].on];
		expect_state(when, i, state, on);
		EXPECT(tid(th[i].reply_to) == mt[i].reply_to, "%s: thread %d owes a reply to %d, "
		       "the model says %d", when, i, tid(th[i].reply_to), mt[i].reply_to);
	}
	for (int k = 0; k < m_ndelivered; k++)
		expect_msg(when, m_delivered[k].to, m_delivered[k].from, &m_delivered[k].msg,
			   m_delivered[k].badge, 0);
	for (int k = 0; k < m_nresults; k++)
		expect_rax(when, m_results[k].t, m_results[k].rax);
}

static const char *const r_ops[] = {
	"Send", "NBSend", "Call", "Recv", "NBRecv", "Reply", "ipc_cancel", "tcb_stop",
	"endpoint_destroy", "resume",
};

START_TEST(test_ipc_random)
{
	uint64_t seed = r_seeds[_i];
	r_state = seed * 0x9e3779b97f4a7c15ull | 1;
	for (int i = 0; i < NT; i++)
		mt[i] = (typeof(mt[i])){ .st = M_FREE, .runnable = true, .reply_to = -1 };
	memset(me, 0, sizeof(me));

	for (int step = 0; step < R_STEPS; step++) {
		unsigned op = r_next(ARRAY_SIZE(r_ops));
		int t = (int)r_next(NT), e = (int)r_next(NE), ret = 0, want = 0;
		char when[96];
		snprintf(when, sizeof(when), "seed %lu step %d: %s by thread %d on endpoint %d",
			 (unsigned long)seed, step, r_ops[op], t, e);
		m_ndelivered = m_nresults = 0;
		if (op <= 5 && mt[t].st != M_FREE)
			continue; /* a waiting thread makes no system call */
		switch (op) {
		case 0: case 1: case 2: { /* Send, NBSend, Call */
			bool call = op == 2, nb = op == 1;
			struct msg m;
			r_msg(&m);
			uint64_t badge = r_next(3) ? r_word() >> 8 : 0;
			put_msg(&th[t], &m);
			ret = ipc_send(&th[t], &ep[e], msg_info(&m), badge, call ? IPC_CALL : 0, !nb);
			if (me[e].kind == EP_RECV) {
				int r = m_pop(e);
				m_deliver(r, t, &m, badge);
				m_wake(r, 0);
				if (call)
					m_await(t, r);
				want = call ? IPC_DONE : 0;
			} else if (nb) {
				want = -ERR_WOULD_BLOCK;
			} else {
				mt[t] = (typeof(mt[t])){ .st = M_SEND, .on = e, .reply_to = mt[t].reply_to,
							 .msg = m, .badge = badge, .call = call };
				me[e].q[me[e].n++] = t;
				me[e].kind = EP_SEND;
				want = IPC_DONE;
			}
			break;
		}
		case 3: case 4: { /* Recv, NBRecv */
			bool nb = op == 4;
			ret = ipc_recv(&th[t], &ep[e], !nb);
			if (me[e].kind == EP_SEND) {
				int s = m_pop(e);
				m_deliver(t, s, &mt[s].msg, mt[s].badge);
				if (mt[s].call)
					m_await(s, t);
				else
					m_wake(s, 0);
				want = IPC_DONE;
			} else if (nb) {
				want = -ERR_WOULD_BLOCK;
			} else {
				mt[t].st = M_RECV;
				mt[t].on = e;
				me[e].q[me[e].n++] = t;
				me[e].kind = EP_RECV;
				want = IPC_DONE;
			}
			break;
		}
		case 5: { /* Reply */
			struct msg m;
			r_msg(&m);
			put_msg(&th[t], &m);
			ret = ipc_reply(&th[t], msg_info(&m));
			int c = mt[t].reply_to;
			if (c < 0) {
				want = -ERR_NO_REPLY;
			} else {
				m_deliver(c, t, &m, 0);
				m_wake(c, 0);
				mt[t].reply_to = -1;
			}
			break;
		}
		case 6: /* ipc_cancel: any thread */
			ipc_cancel(&th[t]);
			m_cancel(t);
			break;
		case 7: /* tcb_stop: cancelled, and not runnable */
			tcb_stop(&th[t], TCB_INACTIVE);
			m_cancel(t);
			mt[t].runnable = false;
			break;
		case 8: /* endpoint_destroy */
			endpoint_destroy(&ep[e]);
			for (int k = 0; k < me[e].n; k++)
				m_wake(me[e].q[k], -ERR_CANCELLED);
			me[e].n = 0;
			me[e].kind = EP_IDLE;
			break;
		default: /* resume a thread that is not waiting */
			if (mt[t].st == M_FREE) {
				sched_add(&th[t]);
				mt[t].runnable = true;
			}
			break;
		}
		if (op <= 5)
			expect_ret(when, ret, want);
		r_check(when);
	}
}
END_TEST

/* ---- lengths ------------------------------------------------------------------ */

struct length_case {
	const char *what;
	int from, to; /* threads: 0 and 1 have no IPC buffer */
	unsigned len; /* the info's length */
	unsigned want; /* words that arrive */
};

static const struct length_case length_cases[] = {
	{ "no words", 2, 3, 0, 0 },
	{ "three words: registers only", 2, 3, 3, 3 },
	{ "four words: every register word", 2, 3, 4, 4 },
	{ "five words: mr4 from the buffer", 2, 3, 5, 5 },
	{ "31 words", 2, 3, 31, 31 },
	{ "32 words: the most", 2, 3, ERIX_MSG_MAX_WORDS, ERIX_MSG_MAX_WORDS },
	{ "33 words: cut to 32", 2, 3, ERIX_MSG_MAX_WORDS + 1, ERIX_MSG_MAX_WORDS },
	{ "255 words: cut to 32", 2, 3, 255, ERIX_MSG_MAX_WORDS },
	{ "the sender has no IPC buffer: 10 words cut to 4", 0, 3, 10, 4 },
	{ "the receiver has no IPC buffer: 10 words cut to 4", 2, 0, 10, 4 },
	{ "neither has one: 32 words cut to 4", 0, 1, 32, 4 },
	{ "the sender has none, 2 words", 0, 3, 2, 2 },
	{ "the receiver has none, 255 words cut to 4", 2, 1, 255, 4 },
};

/* A length case, the receiver waiting first (_i even) or the sender. */
START_TEST(test_ipc_length)
{
	const struct length_case *c = &length_cases[_i / 2];
	bool recv_first = _i % 2 == 0;
	char when[128];
	snprintf(when, sizeof(when), "%s (%s first)", c->what, recv_first ? "receiver" : "sender");

	struct msg m = { .label = 0x1234, .len = c->len };
	for (unsigned i = 0; i < ERIX_MSG_MAX_WORDS; i++)
		m.w[i] = 0x1000 + i;
	/* Every word of both pages, and every register, poisoned. */
	for (size_t k = 0; k < (size_t)NT * PAGE / 8; k++)
		((uint64_t *)pages)[k] = POISON + k;
	memset(&th[c->to].regs, 0x77, sizeof(th[c->to].regs));
	th[c->to].regs.rip = 0x400000; /* one the kernel can return to */
	put_msg(&th[c->from], &m);
	uint8_t *before = malloc((size_t)NT * PAGE);
	memcpy(before, pages, (size_t)NT * PAGE);
	struct user_regs regs_before = th[c->to].regs;

	if (recv_first) {
		expect_ret("Recv", ipc_recv(&th[c->to], &ep[0], true), IPC_DONE);
		expect_ret("Send", ipc_send(&th[c->from], &ep[0], msg_info(&m), 5, 0, true), 0);
	} else {
		expect_ret("Send", ipc_send(&th[c->from], &ep[0], msg_info(&m), 5, 0, true), IPC_DONE);
		expect_ret("Recv", ipc_recv(&th[c->to], &ep[0], true), IPC_DONE);
	}
	checks_pass(when);
	EXPECT(words_between(&m, c->from, c->to) == c->want, "the table's row is wrong");
	expect_msg(when, c->to, c->from, &m, 5, 0);

	/* Nothing else changed: the other registers, the words past the
	 * length, the rest of the buffer, the pages after it. */
	struct user_regs want_regs = regs_before;
	uint64_t *word_regs[] = { &want_regs.rdx, &want_regs.r10, &want_regs.r8, &want_regs.r9 };
	for (unsigned i = 0; i < c->want && i < ERIX_MSG_REG_WORDS; i++)
		*word_regs[i] = m.w[i];
	want_regs.rsi = th[c->to].regs.rsi;
	want_regs.rdi = th[c->to].regs.rdi;
	want_regs.rax = th[c->to].regs.rax;
	EXPECT(memcmp(&want_regs, &th[c->to].regs, sizeof(want_regs)) == 0,
	       "%s: a register other than rax, rsi, rdi and the %u message words changed", when,
	       c->want);
	uint8_t *rb = (uint8_t *)buf(c->to);
	for (size_t k = 0; k < (size_t)NT * PAGE / 8; k++) {
		uint64_t got = ((uint64_t *)pages)[k], was = ((uint64_t *)before)[k];
		uint8_t *at = pages + k * 8;
		bool is_mr = !NO_BUFFER(c->to) && at >= rb + ERIX_MSG_REG_WORDS * 8 &&
			     at < rb + c->want * 8;
		if (is_mr)
			EXPECT(got == m.w[(at - rb) / 8], "%s: the receiver's mr%lu is %#lx", when,
			       (unsigned long)((at - rb) / 8), (unsigned long)got);
		else
			EXPECT(got == was, "%s: %s byte %lu of thread %lu's IPC buffer page "
			       "changed (%#lx to %#lx)", when,
			       (size_t)(at - pages) % PAGE < sizeof(struct erix_ipc_buffer) ?
				       "message-free" : "guard",
			       (unsigned long)((at - pages) % PAGE), (unsigned long)((at - pages) / PAGE),
			       (unsigned long)was, (unsigned long)got);
	}
	free(before);
}
END_TEST

/* ---- capability transfer ------------------------------------------------------- */

/* The sender th[2]'s CSpace: slot 1 an Endpoint (badge 7), 2 a
 * Notification (badge 0x30), 3 a CNode (guard 0x5a: no badge), 4 an
 * Untyped (never copied: it moves), 5 an unbadged Endpoint, 6 empty. The receiver
 * th[3] offers its slots 9, 10, 11, and has its slot 12 full. */
#define SENDER 2
#define RECEIVER 3
static uint8_t untyped_mem[4096] __attribute__((aligned(4096)));

static const struct cap sender_caps[7] = {
	[1] = { .type = ERIX_OBJ_ENDPOINT, .rights = ALL, .obj = (uintptr_t)&ep[1], .badge = 7 },
	[2] = { .type = ERIX_OBJ_NOTIFICATION, .rights = R | W, .obj = (uintptr_t)&ntf[0],
		.badge = 0x30 },
	[3] = { .type = ERIX_OBJ_CNODE, .rights = ALL, .bits = 4, .guard_bits = 8,
		.obj = (uintptr_t)cspace[7], .guard = 0x5a },
	[4] = { .type = ERIX_OBJ_UNTYPED, .rights = ALL, .bits = 12,
		.obj = (uintptr_t)untyped_mem },
	[5] = { .type = ERIX_OBJ_ENDPOINT, .rights = W, .obj = (uintptr_t)&ep[2] },
};

static void caps_setup(void)
{
	for (int k = 1; k <= 5; k++)
		cdt_insert_child(&cdt_root, &cspace[SENDER][k], sender_caps[k]);
	cdt_insert_child(&cdt_root, &cspace[RECEIVER][12], sender_caps[5]);
}

struct cap_case {
	const char *what;
	unsigned flags;       /* IPC_GRANT or 0 */
	unsigned info_caps;   /* the info's count */
	uint64_t send[3];     /* send_caps[] */
	uint64_t recv[3];     /* recv_slots[] */
	uint64_t recv_count;
	bool no_sender_buffer, no_receiver_buffer;
	unsigned want;        /* capabilities that arrive */
};

#define OFFER { 9, 10, 11 }
static const struct cap_case cap_cases[] = {
	{ "without GRANT nothing goes", 0, 3, { 1, 2, 3 }, OFFER, 3, false, false, 0 },
	{ "GRANT: three", IPC_GRANT, 3, { 1, 2, 3 }, OFFER, 3, false, false, 3 },
	{ "GRANT, the info says two", IPC_GRANT, 2, { 1, 2, 3 }, OFFER, 3, false, false, 2 },
	{ "GRANT, the info says none", IPC_GRANT, 0, { 1, 2, 3 }, OFFER, 3, false, false, 0 },
	{ "the receiver offers one slot", IPC_GRANT, 3, { 1, 2, 3 }, OFFER, 1, false, false, 1 },
	{ "the receiver offers none", IPC_GRANT, 3, { 1, 2, 3 }, OFFER, 0, false, false, 0 },
	{ "recv_count 7: at most 3", IPC_GRANT, 3, { 5, 2, 1 }, OFFER, 7, false, false, 3 },
	{ "recv_count huge", IPC_GRANT, 3, { 5, 2, 1 }, OFFER, ~0ull, false, false, 3 },
	{ "the second slot offered is full: stops there", IPC_GRANT, 3, { 1, 2, 3 },
	  { 9, 12, 11 }, 3, false, false, 1 },
	{ "the first slot offered is full", IPC_GRANT, 3, { 1, 2, 3 }, { 12, 10, 11 }, 3,
	  false, false, 0 },
	{ "the second slot offered is slot 0", IPC_GRANT, 3, { 1, 2, 3 }, { 9, 0, 11 }, 3,
	  false, false, 1 },
	{ "the second capability is gone (empty slot)", IPC_GRANT, 3, { 1, 6, 3 }, OFFER, 3,
	  false, false, 1 },
	{ "the third names slot 0", IPC_GRANT, 3, { 1, 2, 0 }, OFFER, 3, false, false, 2 },
	{ "an Untyped first: it moves, the others follow", IPC_GRANT, 3, { 4, 1, 2 }, OFFER, 3,
	  false, false, 3 },
	{ "the same capability twice", IPC_GRANT, 2, { 1, 1 }, OFFER, 3, false, false, 2 },
	{ "the sender has no IPC buffer", IPC_GRANT, 3, { 1, 2, 3 }, OFFER, 3, true, false, 0 },
	{ "the receiver has no IPC buffer", IPC_GRANT, 3, { 1, 2, 3 }, OFFER, 3, false, true, 0 },
};

START_TEST(test_ipc_caps)
{
	const struct cap_case c = cap_cases[_i / 2];
	bool recv_first = _i % 2 == 0;
	char when[128];
	snprintf(when, sizeof(when), "%s (%s first)", c.what, recv_first ? "receiver" : "sender");

	caps_setup();
	if (c.no_sender_buffer)
		thread_reset(SENDER, false);
	if (c.no_receiver_buffer)
		thread_reset(RECEIVER, false);
	struct erix_ipc_buffer *sb = buf(SENDER), *rb = buf(RECEIVER);
	for (int k = 0; k < 3; k++) {
		sb->send_caps[k] = c.send[k];
		rb->recv_slots[k] = c.recv[k];
		rb->recv_badges[k] = POISON;
	}
	rb->recv_count = c.recv_count;
	struct msg m = { .label = 3, .len = 1, .caps = c.info_caps, .w = { 99 } };
	put_msg(&th[SENDER], &m);
	struct cte receiver_before[CSLOTS];
	memcpy(receiver_before, cspace[RECEIVER], sizeof(receiver_before));

	unsigned flags = c.flags;
	if (recv_first) {
		ipc_recv(&th[RECEIVER], &ep[0], true);
		expect_ret(when, ipc_send(&th[SENDER], &ep[0], msg_info(&m), 0, flags, true), 0);
	} else {
		ipc_send(&th[SENDER], &ep[0], msg_info(&m), 0, flags, true);
		expect_ret(when, ipc_recv(&th[RECEIVER], &ep[0], true), IPC_DONE);
	}
	checks_pass(when);
	expect_msg(when, RECEIVER, SENDER, &m, 0, c.want);
	bool moved = false;
	for (unsigned k = 0; k < c.want; k++) {
		struct cte *src = &cspace[SENDER][c.send[k]], *dst = &cspace[RECEIVER][c.recv[k]];
		const struct cap *orig = &sender_caps[c.send[k]];
		EXPECT(dst->cap.type == orig->type && dst->cap.obj == orig->obj &&
			       dst->cap.rights == orig->rights && dst->cap.word == orig->word,
		       "%s: capability %u arrived as type %u obj %#lx rights %u word %#lx, not a "
		       "copy of the sender's", when, k, dst->cap.type, (unsigned long)dst->cap.obj,
		       dst->cap.rights, (unsigned long)dst->cap.word);
		if (orig->type == ERIX_OBJ_UNTYPED) {
			moved = true;
			EXPECT(cap_is_null(&src->cap) && dst->parent == &cdt_root,
			       "%s: the Untyped %u was not moved (the sender's slot is not empty, or "
			       "it left its place in the derivation tree)", when, k);
		} else {
			EXPECT(dst->parent == src, "%s: capability %u is not a child of the sender's "
			       "in the derivation tree", when, k);
		}
		uint64_t badge = cap_has_badge(orig) ? orig->badge : 0;
		EXPECT(rb->recv_badges[k] == badge, "%s: recv_badges[%u] is %#lx, want %#lx", when,
		       k, (unsigned long)rb->recv_badges[k], (unsigned long)badge);
	}
	for (unsigned k = c.want; k < 3; k++)
		EXPECT(rb->recv_badges[k] == POISON, "%s: recv_badges[%u] written (%#lx), but only "
		       "%u capabilities arrived", when, k, (unsigned long)rb->recv_badges[k], c.want);
	/* No slot of the receiver's other than the ones filled changed. */
	for (unsigned s = 0; s < CSLOTS; s++) {
		bool filled = false;
		for (unsigned k = 0; k < c.want; k++)
			filled |= c.recv[k] == s;
		EXPECT(filled || memcmp(&cspace[RECEIVER][s], &receiver_before[s],
					sizeof(struct cte)) == 0,
		       "%s: the receiver's slot %u changed", when, s);
	}
	for (unsigned k = 1; k <= 5; k++)
		EXPECT((moved && k == 4) ||
			       memcmp(&cspace[SENDER][k].cap, &sender_caps[k], sizeof(struct cap)) == 0,
		       "%s: the sender's capability in slot %u changed", when, k);
}
END_TEST

/* ERIX_MSG_MOVE (lab 6): the capabilities move, the sender's slots left
 * empty, each keeping its place in the derivation tree (a child of
 * cdt_root here, as caps_setup made them), not a child of the sender's.
 * Sent twice, a capability moves once: the second finds its slot empty
 * and the transfer stops there. _i: 0 the receiver waits first, 1 the
 * sender; 2 and 3 the same with slot 1 sent twice. */
START_TEST(test_ipc_caps_move)
{
	bool recv_first = _i % 2 == 0, twice = _i >= 2;
	const uint64_t send[3] = { 1, twice ? 1 : 2, 5 };
	unsigned want = twice ? 1 : 3;
	char when[128];
	snprintf(when, sizeof(when), "ERIX_MSG_MOVE%s (%s first)", twice ? ", slot 1 twice" : "",
		 recv_first ? "receiver" : "sender");

	caps_setup();
	struct erix_ipc_buffer *sb = buf(SENDER), *rb = buf(RECEIVER);
	const uint64_t offer[3] = OFFER;
	for (int k = 0; k < 3; k++) {
		sb->send_caps[k] = send[k];
		rb->recv_slots[k] = offer[k];
		rb->recv_badges[k] = POISON;
	}
	rb->recv_count = 3;
	struct msg m = { .label = 3, .len = 1, .caps = 3, .w = { 99 } };
	put_msg(&th[SENDER], &m);
	uint64_t info = msg_info(&m) | ERIX_MSG_MOVE;
	if (recv_first) {
		ipc_recv(&th[RECEIVER], &ep[0], true);
		expect_ret(when, ipc_send(&th[SENDER], &ep[0], info, 0, IPC_GRANT, true), 0);
	} else {
		ipc_send(&th[SENDER], &ep[0], info, 0, IPC_GRANT, true);
		expect_ret(when, ipc_recv(&th[RECEIVER], &ep[0], true), IPC_DONE);
	}
	checks_pass(when);
	for (unsigned k = 0; k < want; k++) {
		struct cte *src = &cspace[SENDER][send[k]], *dst = &cspace[RECEIVER][offer[k]];
		const struct cap *orig = &sender_caps[send[k]];
		EXPECT(dst->cap.type == orig->type && dst->cap.obj == orig->obj &&
			       dst->cap.rights == orig->rights && dst->cap.word == orig->word,
		       "%s: capability %u arrived changed (type %u obj %#lx)", when, k, dst->cap.type,
		       (unsigned long)dst->cap.obj);
		EXPECT(cap_is_null(&src->cap), "%s: the sender's slot %lu still holds capability %u "
		       "(it must move, not be copied)", when, (unsigned long)send[k], k);
		EXPECT(dst->parent == &cdt_root, "%s: capability %u left its place in the derivation "
		       "tree (its parent must stay the sender's capability's parent)", when, k);
		uint64_t badge = cap_has_badge(orig) ? orig->badge : 0;
		EXPECT(rb->recv_badges[k] == badge, "%s: recv_badges[%u] is %#lx, want %#lx", when,
		       k, (unsigned long)rb->recv_badges[k], (unsigned long)badge);
	}
	for (unsigned k = want; k < 3; k++)
		EXPECT(cap_is_null(&cspace[RECEIVER][offer[k]].cap), "%s: slot %lu filled, but only "
		       "%u capabilities could move", when, (unsigned long)offer[k], want);
}
END_TEST

/* Capabilities in a reply: only to a Call made with GRANT (a reply that
 * asks for more is refused by ipc_decode.c, with ERR_RIGHTS; ipc_reply
 * itself moves none without GRANT). */
START_TEST(test_ipc_reply_caps)
{
	caps_setup();
	/* th[3] calls th[2] without GRANT; th[2] replies with a capability. */
	struct erix_ipc_buffer *sb = buf(SENDER), *cb = buf(RECEIVER);
	sb->send_caps[0] = 1;
	cb->recv_slots[0] = 9;
	cb->recv_count = 1;
	cb->recv_badges[0] = POISON;
	ipc_recv(&th[SENDER], &ep[0], true);
	struct msg m = { .label = 1, .len = 0 }, r = { .label = 2, .len = 1, .caps = 1, .w = { 8 } };
	put_msg(&th[RECEIVER], &m);
	expect_ret("Call without GRANT", ipc_send(&th[RECEIVER], &ep[0], msg_info(&m), 0, IPC_CALL,
						  true), IPC_DONE);
	put_msg(&th[SENDER], &r);
	expect_ret("a reply with a capability to a Call without GRANT",
		   ipc_reply(&th[SENDER], msg_info(&r)), 0);
	r.caps = 0;
	expect_msg("the reply without GRANT", RECEIVER, SENDER, &r, 0, 0);
	EXPECT(cb->recv_badges[0] == POISON, "a reply without GRANT moved a capability");

	/* Now with GRANT: the capability goes, badge and all. */
	ipc_recv(&th[SENDER], &ep[0], true);
	put_msg(&th[RECEIVER], &m);
	ipc_send(&th[RECEIVER], &ep[0], msg_info(&m), 0, IPC_CALL | IPC_GRANT, true);
	r.caps = 1;
	put_msg(&th[SENDER], &r);
	expect_ret("a reply with a capability to a Call with GRANT",
		   ipc_reply(&th[SENDER], msg_info(&r)), 0);
	checks_pass("after the reply with a capability");
	expect_msg("the reply with a capability", RECEIVER, SENDER, &r, 0, 1);
	EXPECT(cspace[RECEIVER][9].cap.type == ERIX_OBJ_ENDPOINT &&
		       cspace[RECEIVER][9].parent == &cspace[SENDER][1] && cb->recv_badges[0] == 7,
	       "the capability in the reply did not arrive in slot 9 with badge 7");
}
END_TEST

/* ---- Call and Reply, cancelling, destroying ------------------------------------- */

/* A Call to a waiting server, the reply, and a second reply. */
START_TEST(test_ipc_call_reply)
{
	struct msg m = { .label = 0x77, .len = 6, .w = { 1, 2, 3, 4, 5, 6 } };
	struct msg r = { .label = 0x88, .len = 2, .w = { 10, 20 } };
	expect_ret("server Recv", ipc_recv(&th[2], &ep[0], true), IPC_DONE);
	put_msg(&th[3], &m);
	expect_ret("client Call", ipc_send(&th[3], &ep[0], msg_info(&m), 0xb, IPC_CALL, true),
		   IPC_DONE);
	checks_pass("after the Call");
	expect_state("the caller", 3, TCB_BLOCKED_REPLY, &th[2]);
	expect_state("the server", 2, TCB_RUNNABLE, NULL);
	EXPECT(th[2].reply_to == &th[3], "the server's reply_to is thread %d, want 3",
	       tid(th[2].reply_to));
	expect_msg("the server", 2, 3, &m, 0xb, 0);
	put_msg(&th[2], &r);
	expect_ret("Reply", ipc_reply(&th[2], msg_info(&r)), 0);
	checks_pass("after the Reply");
	expect_state("the caller after the reply", 3, TCB_RUNNABLE, NULL);
	expect_msg("the caller", 3, 2, &r, 0, 0);
	EXPECT(!th[2].reply_to, "the server still owes a reply after it replied");
	expect_ret("a second Reply", ipc_reply(&th[2], msg_info(&r)), -ERR_NO_REPLY);
	expect_ret("a Reply by a thread that never received a Call", ipc_reply(&th[4], 0),
		   -ERR_NO_REPLY);
	/* The Call first, then the Recv. */
	put_msg(&th[3], &m);
	expect_ret("Call, nobody waiting", ipc_send(&th[3], &ep[1], msg_info(&m), 0, IPC_CALL,
						    true), IPC_DONE);
	expect_state("the caller queued", 3, TCB_BLOCKED_SEND, &ep[1]);
	expect_ret("Recv", ipc_recv(&th[4], &ep[1], true), IPC_DONE);
	expect_state("the caller received", 3, TCB_BLOCKED_REPLY, &th[4]);
	EXPECT(th[4].reply_to == &th[3], "the receiver of a queued Call does not owe the reply");
	checks_pass("after a queued Call was received");
}
END_TEST

START_TEST(test_ipc_cancel_server)
{
	ipc_recv(&th[2], &ep[0], true);
	ipc_send(&th[3], &ep[0], 0, 0, IPC_CALL, true);
	ipc_cancel(&th[2]); /* the server, running, owes the reply */
	checks_pass("after cancelling the server");
	expect_state("the caller", 3, TCB_RUNNABLE, NULL);
	expect_rax("the caller", 3, -ERR_CANCELLED);
	EXPECT(!th[2].reply_to, "the cancelled server still owes a reply");
	expect_ret("the server's Reply after the cancel", ipc_reply(&th[2], 0), -ERR_NO_REPLY);
}
END_TEST

START_TEST(test_ipc_cancel_caller)
{
	ipc_recv(&th[2], &ep[0], true);
	ipc_send(&th[3], &ep[0], 0, 0, IPC_CALL, true);
	ipc_cancel(&th[3]); /* the caller, waiting for the reply */
	checks_pass("after cancelling the caller");
	expect_state("the caller", 3, TCB_INACTIVE, NULL);
	expect_rax("the caller", 3, -ERR_CANCELLED);
	expect_ret("the Reply to a cancelled caller", ipc_reply(&th[2], 0), -ERR_NO_REPLY);
	/* Cancelled senders and receivers leave their queue. */
	ipc_send(&th[4], &ep[1], 0, 0, 0, true);
	ipc_send(&th[5], &ep[1], 0, 0, 0, true);
	ipc_send(&th[6], &ep[1], 0, 0, 0, true);
	ipc_cancel(&th[5]);
	checks_pass("after cancelling the middle sender");
	EXPECT(ep[1].queue.head == &th[4] && th[4].q_next == &th[6] && ep[1].queue.tail == &th[6],
	       "the queue after cancelling its middle is not 4, 6");
	ipc_cancel(&th[4]), ipc_cancel(&th[6]);
	EXPECT(ep[1].state == EP_IDLE && !ep[1].queue.head, "an emptied queue's endpoint is not "
	       "idle");
	checks_pass("after cancelling every sender");
}
END_TEST

/* A server that takes a second Call before replying to the first drops
 * it: the first caller gets -ERR_CANCELLED. */
START_TEST(test_ipc_second_call)
{
	ipc_send(&th[3], &ep[0], 0, 0, IPC_CALL, true);
	ipc_send(&th[4], &ep[0], 0, 0, IPC_CALL, true);
	ipc_recv(&th[2], &ep[0], true);
	ipc_recv(&th[2], &ep[0], true);
	checks_pass("after two Calls received");
	expect_state("the first caller", 3, TCB_RUNNABLE, NULL);
	expect_rax("the first caller", 3, -ERR_CANCELLED);
	expect_state("the second caller", 4, TCB_BLOCKED_REPLY, &th[2]);
}
END_TEST

static void destroy_queue(bool senders)
{
	for (int i = 2; i < 6; i++) {
		if (senders)
			ipc_send(&th[i], &ep[0], 0, 0, i == 3 ? IPC_CALL : 0, true);
		else
			ipc_recv(&th[i], &ep[0], true);
		expect_state("queued", i, senders ? TCB_BLOCKED_SEND : TCB_BLOCKED_RECV, &ep[0]);
	}
	unsigned before = woken_errors;
	endpoint_destroy(&ep[0]);
	EXPECT(ep[0].state == EP_IDLE && !ep[0].queue.head && !ep[0].queue.tail,
	       "a destroyed endpoint still has a queue");
	checks_pass("after endpoint_destroy");
	for (int i = 2; i < 6; i++) {
		expect_state("woken by endpoint_destroy", i, TCB_RUNNABLE, NULL);
		expect_rax("woken by endpoint_destroy", i, -ERR_CANCELLED);
	}
	EXPECT(woken_errors == before + 4, "selfcheck_woken counted %u errors, want 4",
	       woken_errors - before);
}

START_TEST(test_ipc_destroy_senders)
{
	destroy_queue(true);
}
END_TEST

START_TEST(test_ipc_destroy_receivers)
{
	destroy_queue(false);
}
END_TEST

/* NBSend and NBRecv with nobody there change nothing; FIFO order. */
START_TEST(test_ipc_nonblocking_fifo)
{
	uint64_t rax = th[2].regs.rax;
	expect_ret("NBSend, nobody waiting", ipc_send(&th[2], &ep[0], 0, 0, 0, false),
		   -ERR_WOULD_BLOCK);
	expect_ret("NBRecv, nobody waiting", ipc_recv(&th[2], &ep[0], false), -ERR_WOULD_BLOCK);
	expect_state("after NB calls", 2, TCB_RUNNABLE, NULL);
	EXPECT(ep[0].state == EP_IDLE && th[2].regs.rax == rax, "an NB call with nobody "
	       "waiting changed something");
	checks_pass("after NB calls");
	struct msg m[3];
	for (int k = 0; k < 3; k++) {
		m[k] = (struct msg){ .label = 100 + k, .len = 1, .w = { 1000 + k } };
		put_msg(&th[3 + k], &m[k]);
		ipc_send(&th[3 + k], &ep[0], msg_info(&m[k]), 50 + k, 0, true);
	}
	expect_ret("NBSend, a sender waiting", ipc_send(&th[6], &ep[0], 0, 0, 0, false),
		   -ERR_WOULD_BLOCK);
	for (int k = 0; k < 3; k++) {
		expect_ret("NBRecv, senders waiting", ipc_recv(&th[2], &ep[0], false), IPC_DONE);
		expect_msg("in FIFO order", 2, 3 + k, &m[k], 50 + k, 0);
		expect_state("the sender after", 3 + k, TCB_RUNNABLE, NULL);
		expect_rax("the sender after", 3 + k, 0);
	}
	expect_ret("NBRecv, no sender left", ipc_recv(&th[2], &ep[0], false), -ERR_WOULD_BLOCK);
	checks_pass("after the queue emptied");
}
END_TEST

/* ---- notifications -------------------------------------------------------------- */

START_TEST(test_ntf_or_and_take)
{
	notification_signal(&ntf[0], 1);
	notification_signal(&ntf[0], 4);
	EXPECT(ntf[0].active && ntf[0].word == 5, "two signals (1, 4) left word %#lx active %lu",
	       (unsigned long)ntf[0].word, (unsigned long)ntf[0].active);
	checks_pass("after two signals");
	th[2].regs.rsi = 0x999;
	expect_ret("Wait", notification_wait(&th[2], &ntf[0], true), IPC_DONE);
	EXPECT(th[2].regs.rdi == 5 && th[2].regs.rsi == 0 && th[2].regs.rax == 0,
	       "Wait got rdi %#lx rsi %#lx rax %s, want 5, 0, 0", (unsigned long)th[2].regs.rdi,
	       (unsigned long)th[2].regs.rsi, unit_err_name((int)th[2].regs.rax));
	EXPECT(!ntf[0].active && !ntf[0].word, "Wait left the notification active or its word "
	       "set");
	expect_state("after Wait took the word", 2, TCB_RUNNABLE, NULL);
	uint64_t rdi = th[2].regs.rdi = 0x31;
	expect_ret("Poll, nothing signalled", notification_wait(&th[2], &ntf[0], false),
		   -ERR_WOULD_BLOCK);
	EXPECT(th[2].regs.rdi == rdi, "a Poll that failed wrote rdi");
	notification_signal(&ntf[0], 0);
	EXPECT(ntf[0].active, "a signal with badge 0 did not make the notification active");
	expect_ret("Poll after a badge-0 signal", notification_wait(&th[2], &ntf[0], false),
		   IPC_DONE);
	EXPECT(th[2].regs.rdi == 0 && !ntf[0].active, "Poll after a badge-0 signal: rdi %#lx",
	       (unsigned long)th[2].regs.rdi);
	checks_pass("after the Poll");
}
END_TEST

START_TEST(test_ntf_waiters)
{
	expect_ret("Wait", notification_wait(&th[2], &ntf[0], true), IPC_DONE);
	expect_ret("Wait", notification_wait(&th[3], &ntf[0], true), IPC_DONE);
	expect_state("waiting", 2, TCB_BLOCKED_WAIT, &ntf[0]);
	checks_pass("two waiters");
	notification_signal(&ntf[0], 0x40);
	expect_state("the first waiter, signalled", 2, TCB_RUNNABLE, NULL);
	expect_state("the second waiter", 3, TCB_BLOCKED_WAIT, &ntf[0]);
	EXPECT(th[2].regs.rdi == 0x40 && th[2].regs.rax == 0 && !ntf[0].active && !ntf[0].word,
	       "the woken waiter got rdi %#lx; the notification: active %lu word %#lx",
	       (unsigned long)th[2].regs.rdi, (unsigned long)ntf[0].active,
	       (unsigned long)ntf[0].word);
	notification_signal(&ntf[0], 0);
	expect_state("the second waiter, signalled with badge 0", 3, TCB_RUNNABLE, NULL);
	checks_pass("after the signals");
	/* notification_destroy: waiters cancelled, the thread unbound, the
	 * interrupts told. */
	notification_wait(&th[4], &ntf[1], true);
	ck_assert_int_eq(notification_bind(&ntf[1], &th[5]), 0);
	ck_assert_int_eq(notification_bind(&ntf[1], &th[6]), -ERR_IN_USE);
	notification_destroy(&ntf[1]);
	expect_state("a waiter of a destroyed notification", 4, TCB_RUNNABLE, NULL);
	expect_rax("a waiter of a destroyed notification", 4, -ERR_CANCELLED);
	EXPECT(!th[5].bound && !ntf[1].bound && irq_forgotten == &ntf[1],
	       "notification_destroy left the binding, or did not tell the interrupts");
	checks_pass("after notification_destroy");
}
END_TEST

START_TEST(test_ntf_bound_recv)
{
	ck_assert_int_eq(notification_bind(&ntf[0], &th[2]), 0);
	expect_ret("Recv", ipc_recv(&th[2], &ep[0], true), IPC_DONE);
	notification_signal(&ntf[0], 8);
	checks_pass("the bound thread signalled in Recv");
	expect_state("the bound thread", 2, TCB_RUNNABLE, NULL);
	EXPECT(ep[0].state == EP_IDLE && !ep[0].queue.head, "the bound thread is still on the "
	       "endpoint's queue");
	EXPECT(th[2].regs.rdi == 8 && th[2].regs.rsi == ERIX_MSG_SIGNAL && th[2].regs.rax == 0,
	       "the bound thread got rdi %#lx rsi %#lx rax %s, want 8, ERIX_MSG_SIGNAL, 0",
	       (unsigned long)th[2].regs.rdi, (unsigned long)th[2].regs.rsi,
	       unit_err_name((int)th[2].regs.rax));
	EXPECT(!ntf[0].active && !ntf[0].word, "the signal that woke the thread stayed");
	/* Signalled while running: the next Recv takes it before a waiting
	 * sender's message, which stays queued. */
	notification_signal(&ntf[0], 2);
	notification_signal(&ntf[0], 1);
	ipc_send(&th[3], &ep[0], 0, 0, 0, true);
	expect_ret("Recv with a signal pending", ipc_recv(&th[2], &ep[0], true), IPC_DONE);
	EXPECT(th[2].regs.rdi == 3 && th[2].regs.rsi == ERIX_MSG_SIGNAL,
	       "Recv with a signal pending got rdi %#lx rsi %#lx, want 3, ERIX_MSG_SIGNAL",
	       (unsigned long)th[2].regs.rdi, (unsigned long)th[2].regs.rsi);
	expect_state("the sender", 3, TCB_BLOCKED_SEND, &ep[0]);
	checks_pass("after a Recv took the pending signal");
	/* Not in Recv (waiting for a reply): the signal waits. */
	ipc_recv(&th[4], &ep[1], true);
	ipc_send(&th[2], &ep[1], 0, 0, IPC_CALL, true);
	notification_signal(&ntf[0], 0x10);
	expect_state("the bound thread waiting for a reply", 2, TCB_BLOCKED_REPLY, &th[4]);
	EXPECT(ntf[0].active && ntf[0].word == 0x10, "a signal to a bound thread not in Recv "
	       "was not kept");
	checks_pass("after a signal to a thread waiting for a reply");
}
END_TEST

/* ---- faults ---------------------------------------------------------------------- */

static const char *const reg_names[] = {
#define NAME(r) #r,
	ERIX_FAULT_REGS(NAME)
#undef NAME
};

/* regs_numbered: every register r of t set to base + its index in
 * ERIX_FAULT_REGS order. */
static void regs_numbered(struct tcb *t, uint64_t base)
{
	unsigned i = 0;
#define SET(r) t->regs.r = base + i++;
	ERIX_FAULT_REGS(SET)
#undef SET
}

static uint64_t reg_at(const struct tcb *t, unsigned k)
{
	unsigned i = 0;
	uint64_t v = 0;
#define GET(r) if (i++ == k) v = t->regs.r;
	ERIX_FAULT_REGS(GET)
#undef GET
	return v;
}

START_TEST(test_fault_load)
{
	uint64_t w[ERIX_FAULT_MSG_WORDS + 1];
	struct tcb *t = &th[2];
	regs_numbered(t, 0x500);
	t->fault_vector = 14, t->fault_error = 6, t->fault_addr = 0xdead000;
	w[ERIX_FAULT_MSG_WORDS] = POISON;
	fault_load(t, w);
	EXPECT(w[0] == 14 && w[1] == 6 && w[2] == 0xdead000, "a page fault's message starts "
	       "%#lx %#lx %#lx, want 14, 6, 0xdead000", (unsigned long)w[0], (unsigned long)w[1],
	       (unsigned long)w[2]);
	for (unsigned k = 0; k < ERIX_FAULT_REG_COUNT; k++)
		EXPECT(w[3 + k] == 0x500 + k, "mr%u is %#lx, want %s (%#x)", 3 + k,
		       (unsigned long)w[3 + k], reg_names[k], 0x500 + k);
	EXPECT(w[ERIX_FAULT_MSG_WORDS] == POISON, "fault_load wrote past its %d words",
	       ERIX_FAULT_MSG_WORDS);
	t->fault_vector = 13, t->fault_error = 0x18;
	fault_load(t, w);
	EXPECT(w[0] == 13 && w[1] == 0x18 && w[2] == 0, "a #GP's message starts %#lx %#lx %#lx, "
	       "want 13, 0x18, 0 (no address but a page fault's)", (unsigned long)w[0],
	       (unsigned long)w[1], (unsigned long)w[2]);
}
END_TEST

struct reply_case {
	const char *what;
	uint64_t label;
	unsigned n;
	uint64_t rip, rsp;
	int result;
};

#define U_TOP ERIX_USER_TOP
static const struct reply_case reply_cases[] = {
	{ "resume, every register", ERIX_FAULT_RESUME, ERIX_FAULT_REG_COUNT, 0x401000, 0x7000, 0 },
	{ "resume, rip only", ERIX_FAULT_RESUME, 1, 0x402000, 0, 0 },
	{ "resume, nothing replaced", ERIX_FAULT_RESUME, 0, 0, 0, 0 },
	{ "resume, 21 words: the registers' 18 used", ERIX_FAULT_RESUME, 21, 0x401000, 0x7000, 0 },
	{ "resume, rip ERIX_USER_MIN", ERIX_FAULT_RESUME, 2, ERIX_USER_MIN, 0x7000, 0 },
	{ "resume, rip just under ERIX_USER_TOP", ERIX_FAULT_RESUME, 2, U_TOP - 1, 0x7000, 0 },
	{ "resume, rsp ERIX_USER_TOP", ERIX_FAULT_RESUME, 2, 0x401000, U_TOP, 0 },
	{ "resume, rip 0", ERIX_FAULT_RESUME, 1, 0, 0, -ERR_BAD_ADDRESS },
	{ "resume, rip under ERIX_USER_MIN", ERIX_FAULT_RESUME, 3, ERIX_USER_MIN - 1, 0x7000,
	  -ERR_BAD_ADDRESS },
	{ "resume, rip ERIX_USER_TOP", ERIX_FAULT_RESUME, 2, U_TOP, 0x7000, -ERR_BAD_ADDRESS },
	{ "resume, rip in the kernel", ERIX_FAULT_RESUME, ERIX_FAULT_REG_COUNT,
	  0xffffffff80100000ull, 0x7000, -ERR_BAD_ADDRESS },
	{ "resume, rsp past ERIX_USER_TOP", ERIX_FAULT_RESUME, 2, 0x401000, U_TOP + 1,
	  -ERR_BAD_ADDRESS },
	{ "another label: stays stopped", 7, ERIX_FAULT_REG_COUNT, 0x401000, 0x7000, 0 },
	{ "another label, a kernel rip: stays stopped", 0, 2, 0xffffffff80100000ull, 0, 0 },
};

/*
 * A fault through the handler's endpoint: th[2] faults (vector 14) with
 * its handler th[3] waiting; the handler gets the message and replies per
 * the row: through ipc_reply, as the handler's Reply would.
 */
START_TEST(test_fault_reply)
{
	const struct reply_case *c = &reply_cases[_i];
	struct tcb *f = &th[2], *h = &th[3];
	f->slots[TCB_FAULT_HANDLER].cap = (struct cap){ .type = ERIX_OBJ_ENDPOINT, .rights = W,
							.obj = (uintptr_t)&ep[0], .badge = 0x77 };
	regs_numbered(f, 0x600);
	f->regs.rflags = 0x246;
	f->fault_vector = 14, f->fault_error = 4, f->fault_addr = 0x3000;
	expect_ret("the handler's Recv", ipc_recv(h, &ep[0], true), IPC_DONE);
	fault_send(f);
	checks_pass("after the fault was sent");
	expect_state("the faulted thread", 2, TCB_BLOCKED_REPLY, h);
	EXPECT(h->regs.rsi == ERIX_MSGINFO(ERIX_FAULT_LABEL, ERIX_FAULT_MSG_WORDS, 0) &&
		       h->regs.rdi == 0x77,
	       "the handler got info %#lx badge %#lx, want label ERIX_FAULT_LABEL, %d words, "
	       "badge 0x77", (unsigned long)h->regs.rsi, (unsigned long)h->regs.rdi,
	       ERIX_FAULT_MSG_WORDS);
	uint64_t want_w[ERIX_FAULT_MSG_WORDS];
	fault_load(f, want_w);
	EXPECT(want_w[0] == 14 && want_w[2] == 0x3000, "fault_load: vector or address wrong");
	for (unsigned k = 0; k < ERIX_FAULT_MSG_WORDS; k++)
		EXPECT(got_word(h, k) == want_w[k], "the handler's mr%u is %#lx, want %#lx", k,
		       (unsigned long)got_word(h, k), (unsigned long)want_w[k]);

	/* The reply: rip, rsp, rflags (all ones: masked), then numbered. */
	struct msg r = { .label = c->label, .len = c->n };
	for (unsigned k = 0; k < ERIX_MSG_MAX_WORDS; k++)
		r.w[k] = 0x900 + k;
	r.w[0] = c->rip, r.w[1] = c->rsp, r.w[2] = ~0ull;
	put_msg(h, &r);
	struct user_regs before = f->regs;
	int got = ipc_reply(h, msg_info(&r));
	expect_ret(c->what, got, c->result);
	checks_pass(c->what);
	if (c->result) {
		EXPECT(memcmp(&before, &f->regs, sizeof(before)) == 0, "%s: a refused reply "
		       "changed the faulted thread's registers", c->what);
		expect_state(c->what, 2, TCB_BLOCKED_REPLY, h);
		EXPECT(h->reply_to == f, "%s: a refused reply was used up", c->what);
		return;
	}
	EXPECT(!h->reply_to, "%s: the handler still owes a reply", c->what);
	if (c->label != ERIX_FAULT_RESUME) {
		expect_state(c->what, 2, TCB_FAULTED, NULL);
		EXPECT(memcmp(&before, &f->regs, sizeof(before)) == 0, "%s: the registers of a "
		       "thread left stopped changed", c->what);
		return;
	}
	expect_state(c->what, 2, TCB_RUNNABLE, NULL);
	unsigned n = c->n < ERIX_FAULT_REG_COUNT ? c->n : ERIX_FAULT_REG_COUNT;
	for (unsigned k = 0; k < ERIX_FAULT_REG_COUNT; k++) {
		if (k == 2)
			continue; /* rflags: below */
		uint64_t want = k < n ? r.w[k] : 0x600 + k;
		EXPECT(reg_at(f, k) == want, "%s: %s is %#lx, want %#lx", c->what, reg_names[k],
		       (unsigned long)reg_at(f, k), (unsigned long)want);
	}
	uint64_t flags = (n > 2 ? ~0ull : 0x246ull) & 0xcd5;
	EXPECT(f->regs.rflags == (flags | USER_RFLAGS), "%s: rflags %#lx, want %#lx", c->what,
	       (unsigned long)f->regs.rflags, (unsigned long)(flags | USER_RFLAGS));
}
END_TEST

/* A fault with no handler (or one without WRITE) stops the thread;
 * endpoint_destroy leaves a faulted sender stopped. */
START_TEST(test_fault_no_handler)
{
	fault_send(&th[2]);
	expect_state("a fault without a handler", 2, TCB_FAULTED, NULL);
	th[3].slots[TCB_FAULT_HANDLER].cap = (struct cap){ .type = ERIX_OBJ_ENDPOINT, .rights = R,
							   .obj = (uintptr_t)&ep[0] };
	fault_send(&th[3]);
	expect_state("a fault with a handler capability without WRITE", 3, TCB_FAULTED, NULL);
	th[4].slots[TCB_FAULT_HANDLER].cap = (struct cap){ .type = ERIX_OBJ_ENDPOINT, .rights = W,
							   .obj = (uintptr_t)&ep[0] };
	fault_send(&th[4]);
	expect_state("a fault, nobody receiving", 4, TCB_BLOCKED_SEND, &ep[0]);
	checks_pass("a fault queued");
	endpoint_destroy(&ep[0]);
	expect_state("a queued fault whose endpoint is destroyed", 4, TCB_FAULTED, NULL);
	checks_pass("after the endpoint of a queued fault is destroyed");
}
END_TEST

Suite *ipc_suite(void)
{
	Suite *s = suite_create("ipc");
	TCase *tc = tcase_create("random operations");
	tcase_add_checked_fixture(tc, ipc_setup, ipc_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_ipc_random, 0, ARRAY_SIZE(r_seeds));
	suite_add_tcase(s, tc);

	tc = tcase_create("messages");
	tcase_add_checked_fixture(tc, ipc_setup, ipc_teardown);
	tcase_add_loop_test(tc, test_ipc_length, 0, 2 * ARRAY_SIZE(length_cases));
	tcase_add_loop_test(tc, test_ipc_caps, 0, 2 * ARRAY_SIZE(cap_cases));
	tcase_add_loop_test(tc, test_ipc_caps_move, 0, 4);
	tcase_add_test(tc, test_ipc_reply_caps);
	suite_add_tcase(s, tc);

	tc = tcase_create("call and reply");
	tcase_add_checked_fixture(tc, ipc_setup, ipc_teardown);
	tcase_add_test(tc, test_ipc_call_reply);
	tcase_add_test(tc, test_ipc_cancel_server);
	tcase_add_test(tc, test_ipc_cancel_caller);
	tcase_add_test(tc, test_ipc_second_call);
	tcase_add_test(tc, test_ipc_destroy_senders);
	tcase_add_test(tc, test_ipc_destroy_receivers);
	tcase_add_test(tc, test_ipc_nonblocking_fifo);
	suite_add_tcase(s, tc);

	tc = tcase_create("notifications");
	tcase_add_checked_fixture(tc, ipc_setup, ipc_teardown);
	tcase_add_test(tc, test_ntf_or_and_take);
	tcase_add_test(tc, test_ntf_waiters);
	tcase_add_test(tc, test_ntf_bound_recv);
	suite_add_tcase(s, tc);

	tc = tcase_create("faults");
	tcase_add_checked_fixture(tc, ipc_setup, ipc_teardown);
	tcase_add_test(tc, test_fault_load);
	tcase_add_loop_test(tc, test_fault_reply, 0, ARRAY_SIZE(reply_cases));
	tcase_add_test(tc, test_fault_no_handler);
	suite_add_tcase(s, tc);
	return s;
}
