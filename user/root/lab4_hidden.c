/*
 * root/lab4_hidden.c: the programs of lab 4's hidden tests (see
 * lab4_hidden.h for what each does and reports). Like lab4.c, they check
 * nothing themselves.
 */
#include "lab4.h"
#include "lab4_hidden.h"
#include "lab4_lib.h"
#include "tests.h"
#include "ulib.h"

#define ROOT ERIX_ROOT_CNODE
#define S lab4_S /* S(i): slot empty.start + i (lab4_lib.h) */

static unsigned next_stack; /* the next of lab4_lib's stacks to use */

/* make: a TCB in `slot` that will run fn(arg) on a stack of its own (IPC
 * buffer k if k != 0), at `priority`; resumed if `go`. */
static void make(erix_cptr_t slot, void (*fn)(uint64_t), uint64_t arg, unsigned buf,
		 unsigned priority, bool go)
{
	unsigned k = next_stack++;
	untyped_retype(lab4_ut, ERIX_OBJ_TCB, 0, slot);
	erix_cptr_t f = buf ? lab4_map_buffer(buf) : 0;
	tcb_configure(slot, ROOT, ERIX_ROOT_VSPACE, f, buf ? LAB4_BUFFER(buf) : 0);
	tcb_set_registers(slot, (uint64_t)fn, lab4_stack(k), arg);
	if (priority != ERIX_DEFAULT_PRIORITY)
		tcb_set_priority(slot, ERIX_ROOT_TCB, priority, 0);
	if (go)
		tcb_resume(slot);
}

static void thread(erix_cptr_t slot, void (*fn)(uint64_t), uint64_t arg)
{
	make(slot, fn, arg, 0, ERIX_DEFAULT_PRIORITY, true);
}

/* ---- ipc_queues ------------------------------------------------------------ */

static uint64_t q_seed, q_mask;

static void q_sender(uint64_t i)
{
	erix_cptr_t ep = i == 99 ? S(0) : S(10 + i);
	struct erix_msg m = { .info = ERIX_MSGINFO(0x100 + i, 1, 0), .mr = { lab4_word(q_seed, i) } };
	long r = i != 99 && (q_mask >> i & 1) ? erix_ipc_call(ep, &m) : erix_send(ep, &m);
	lab4_report(LAB4H_SENT, (uint64_t)r, m.info, m.mr[0], i);
	lab4_stop();
}

static void q_receiver(uint64_t j)
{
	struct erix_msg m = { 0 };
	long r = erix_recv(S(1), &m);
	lab4_report(LAB4H_GOT, (uint64_t)r, m.info, m.badge, j);
	lab4_stop();
}

void ipc_queues(void)
{
	lab4_start();
	unsigned n = lab4_args[0] < 2 ? 2 : lab4_args[0] > 6 ? 6 : (unsigned)lab4_args[0];
	unsigned nr = lab4_args[3] < 2 ? 2 : lab4_args[3] > 6 ? 6 : (unsigned)lab4_args[3];
	q_mask = lab4_args[1];
	q_seed = lab4_args[2];
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(0));
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(1));
	cnode_mint(ROOT, S(2), S(1), ERIX_RIGHTS_ALL, lab4h_badge(q_seed, 99));
	for (unsigned i = 0; i < n; i++) {
		cnode_mint(ROOT, S(10 + i), S(0), ERIX_RIGHTS_ALL, lab4h_badge(q_seed, i));
		thread(S(20 + i), q_sender, i);
		lab4_settle();
		if (i == 0) {
			thread(S(27), q_sender, 99); /* X: queued second */
			lab4_settle();
		}
	}
	tcb_suspend(S(27));
	for (unsigned k = 0; k < n; k++) {
		struct erix_msg m = { 0 };
		long r = k == 0 ? erix_nbrecv(S(0), &m) : erix_recv(S(0), &m);
		lab4_report(LAB4H_RECV + k, (uint64_t)r, m.info, m.badge, m.mr[0]);
		unsigned i = (unsigned)(ERIX_MSGINFO_LABEL(m.info) - 0x100);
		if (!r && i < n && (q_mask >> i & 1)) {
			struct erix_msg a = { .info = ERIX_MSGINFO(0x200 + i, 1, 0), .mr = { ~m.mr[0] } };
			erix_reply(&a);
		}
	}
	struct erix_msg m = { 0 };
	long r = erix_nbrecv(S(0), &m);
	lab4_report(LAB4H_EMPTY, (uint64_t)r, 0, 0, 0);
	tcb_resume(S(27));
	lab4_settle();
	for (unsigned j = 0; j < nr; j++) {
		thread(S(30 + j), q_receiver, j);
		lab4_settle();
	}
	uint64_t ok = 0;
	for (unsigned j = 0; j <= nr; j++) {
		m = (struct erix_msg){ .info = ERIX_MSGINFO(0x300 + j, 0, 0) };
		r = erix_nbsend(S(2), &m);
		if (j < nr && r == 0)
			ok |= 1ull << j;
	}
	lab4_report(LAB4H_NBSEND, ok, (uint64_t)r, 0, 0);
	lab4_settle();
}

/* ---- ipc_notify_more --------------------------------------------------------- */

static void n_waiter(uint64_t j)
{
	uint64_t word = 0;
	long r = erix_wait(S(0), &word);
	lab4_report(LAB4H_GOT, (uint64_t)r, word, j, 0);
	lab4_stop();
}

static void n_bound(uint64_t unused)
{
	(void)unused;
	struct erix_msg m = { 0 };
	long r = erix_recv(S(30), &m);
	lab4_report(LAB4H_BOUND, (uint64_t)r, m.info, m.badge, 0);
	m = (struct erix_msg){ .info = ERIX_MSGINFO(7, 0, 0) };
	r = erix_send(S(31), &m);
	lab4_report(LAB4H_SENT, (uint64_t)r, 0, 0, 0);
	m = (struct erix_msg){ 0 };
	r = erix_recv(S(30), &m);
	lab4_report(LAB4H_BOUND + 1, (uint64_t)r, m.info, m.badge, 0);
	lab4_stop();
}

void ipc_notify_more(void)
{
	lab4_start();
	unsigned k = lab4_args[0] < 3 ? 3 : lab4_args[0] > 10 ? 10 : (unsigned)lab4_args[0];
	uint64_t seed = lab4_args[1], word;
	untyped_retype(lab4_ut, ERIX_OBJ_NOTIFICATION, 0, S(0));
	for (unsigned i = 0; i < k; i++)
		cnode_mint(ROOT, S(1 + i), S(0), ERIX_RIGHTS_ALL, lab4h_badge(seed, i));
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(30));
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(31));
	for (unsigned i = 0; i < k; i++)
		erix_signal(S(1 + i));
	word = 0;
	long r = erix_poll(S(0), &word);
	lab4_report(LAB4H_POLL, (uint64_t)r, word, 0, 0);
	word = 0;
	r = erix_poll(S(0), &word);
	lab4_report(LAB4H_POLL + 1, (uint64_t)r, word, 0, 0);
	erix_signal(S(1));
	word = 0;
	r = erix_poll(S(0), &word);
	lab4_report(LAB4H_POLL + 2, (uint64_t)r, word, 0, 0);
	for (unsigned j = 0; j < 3; j++) {
		thread(S(20 + j), n_waiter, j);
		lab4_settle();
	}
	for (unsigned j = 0; j < 3; j++)
		erix_signal(S(1 + j));
	lab4_settle();
	word = 0;
	r = erix_poll(S(0), &word);
	lab4_report(LAB4H_POLL + 3, (uint64_t)r, word, 0, 0);
	/* B bound, in Recv; W3 in Wait: a signal wakes W3, the next B. */
	make(S(23), n_bound, 0, 0, ERIX_DEFAULT_PRIORITY, false);
	tcb_bind_notification(S(23), S(0));
	tcb_resume(S(23));
	lab4_settle();
	thread(S(24), n_waiter, 3);
	lab4_settle();
	erix_signal(S(1));
	lab4_settle();
	erix_signal(S(2));
	lab4_settle();
	/* B waits in Send now: a signal leaves it there. */
	erix_signal(S(3));
	lab4_settle();
	struct erix_msg m = { 0 };
	r = erix_recv(S(31), &m);
	lab4_report(LAB4H_RECV, (uint64_t)r, m.info, 0, 0);
	lab4_settle();
	thread(S(25), n_waiter, 4);
	lab4_settle();
	erix_signal(S(0));
	lab4_settle();
	word = 0;
	r = erix_poll(S(0), &word);
	lab4_report(LAB4H_POLL + 4, (uint64_t)r, word, 0, 0);
}

/* ---- ipc_fault_regs ----------------------------------------------------------- */

void lab4h_load_and_trap(void);
void lab4h_resumed(void);
void lab4h_ud2(void);
void lab4h_resumed_c(uint64_t rflags, uint64_t rsp, uint64_t rax, uint64_t rbx);

/* The faulting thread's registers, set by hand; the resume lands where
 * rflags is read before any instruction changes it. */
__asm__(".text\n"
	".globl lab4h_load_and_trap\n"
	"lab4h_load_and_trap:\n"
	"	movabsq $0x1111222233334444, %rax\n"
	"	movabsq $0x5555666677778888, %rbx\n"
	"	movabsq $0x9999aaaabbbbcccc, %r12\n"
	"	movabsq $0x0dddeeeeffff0001, %r15\n"
	"	ud2\n"
	".globl lab4h_resumed\n"
	"lab4h_resumed:\n"
	"	pushfq\n"
	"	popq %rdi\n"
	"	movq %rsp, %rsi\n"
	"	movq %rax, %rdx\n"
	"	movq %rbx, %rcx\n"
	"	cld\n"
	"	andq $-16, %rsp\n"
	"	call lab4h_resumed_c\n"
	"	ud2\n"
	".globl lab4h_ud2\n"
	"lab4h_ud2:\n"
	"	ud2\n");

void lab4h_resumed_c(uint64_t rflags, uint64_t rsp, uint64_t rax, uint64_t rbx)
{
	lab4_report(LAB4H_RESUMED, rflags, rsp, rax, rbx);
	__asm__ volatile("ud2");
	lab4_stop();
}

static void f_thread(uint64_t addr)
{
	uint64_t v = *(volatile uint64_t *)addr;
	lab4_report(LAB4H_READ, v, 0, 0, 0);
	lab4h_load_and_trap();
	lab4_stop();
}

static long resume(uint64_t n, uint64_t rip, uint64_t rsp, uint64_t rflags, uint64_t rax)
{
	struct erix_msg m = { .info = ERIX_MSGINFO(ERIX_FAULT_RESUME, n, 0),
			      .mr = { rip, rsp, rflags, rax } };
	return erix_reply(&m);
}

void ipc_fault_regs(void)
{
	lab4_start();
	lab4_root_buffer();
	struct erix_ipc_buffer *b = lab4_buffer(LAB4_ROOT_BUFFER);
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(0));
	cnode_mint(ROOT, S(1), S(0), ERIX_RIGHTS_ALL, 0x66);
	make(S(2), f_thread, LAB4_FAULT_VA, 0, ERIX_DEFAULT_PRIORITY, false);
	tcb_set_fault_handler(S(2), S(1));
	tcb_resume(S(2));
	struct erix_msg m = { 0 };
	erix_recv(S(0), &m); /* the page fault */
	lab4_report(LAB4H_FAULT, m.mr[0], m.mr[1], m.mr[2], b->mr[4]);
	erix_cptr_t f = retype_new(lab4_ut, ERIX_OBJ_FRAME, 0);
	map_page(lab4_ut, ERIX_ROOT_VSPACE, f, LAB4_FAULT_VA, ERIX_RIGHT_READ | ERIX_RIGHT_WRITE);
	*(volatile uint64_t *)LAB4_FAULT_VA = lab4_args[0];
	resume(0, 0, 0, 0, 0);
	m = (struct erix_msg){ 0 };
	erix_recv(S(0), &m); /* ud2 with the registers set */
	lab4_report(LAB4H_FAULT + 1, m.mr[0], m.mr[1], m.mr[2], m.mr[3]);
	lab4_report(LAB4H_REGS, b->mr[6], b->mr[7], b->mr[17], b->mr[20]);
	uint64_t rip = m.mr[3], top = lab4_stack(next_stack++);
	long r0 = resume(1, ERIX_USER_TOP, 0, 0, 0);
	long r1 = resume(1, 0x800, 0, 0, 0);
	long r2 = resume(2, rip, ERIX_USER_TOP + 8, 0, 0);
	long r3 = resume(4, (uint64_t)lab4h_resumed, top, LAB4H_RFLAGS, LAB4H_NEW_RAX);
	lab4_report(LAB4H_REPLIES, (uint64_t)r0, (uint64_t)r1, (uint64_t)r2, (uint64_t)r3);
	m = (struct erix_msg){ 0 };
	erix_recv(S(0), &m); /* ud2 after the report */
	lab4_report(LAB4H_FAULT + 2, m.mr[0], m.mr[1], m.mr[2], m.mr[3]);
	r0 = resume(2, (uint64_t)lab4h_ud2, ERIX_USER_TOP, 0, 0);
	m = (struct erix_msg){ 0 };
	erix_recv(S(0), &m); /* ud2 with rsp at the top */
	lab4_report(LAB4H_FAULT + 3, m.mr[0], m.mr[2], m.mr[3], b->mr[4]);
	m = (struct erix_msg){ .info = ERIX_MSGINFO(2, 0, 0) };
	r1 = erix_reply(&m);
	lab4_report(LAB4H_REPLIES + 1, (uint64_t)r0, (uint64_t)r1, 0, 0);
	lab4_settle();
}

/* ---- ipc_fast_cases ------------------------------------------------------------ */

#define FAST(c, k) (LAB4H_FAST + (c) * 16 + (k))

static uint64_t order; /* the turn of the next thread that reports one */

/* fa_server: case 0: echoes 5 Calls, reporting what each brought. */
static void fa_server(uint64_t ep)
{
	struct erix_msg m = { 0 };
	erix_recv(ep, &m);
	for (unsigned k = 0;; k++) {
		lab4_report(FAST(0, k), m.info, m.badge, m.mr[0], m.mr[3]);
		unsigned n = ERIX_MSGINFO_LENGTH(m.info);
		for (unsigned i = 0; i < ERIX_MSG_REG_WORDS; i++)
			m.mr[i] = lab4_answer(m.mr[i], i);
		m.info = ERIX_MSGINFO(ERIX_MSGINFO_LABEL(m.info) + 1, n, 0);
		erix_reply_recv(ep, &m);
	}
}

/* case 1: a server that owes a reply receives again. */
static void fb_server(uint64_t ep)
{
	struct erix_msg m = { 0 };
	erix_recv(ep, &m);
	lab4_report(FAST(1, 0), m.info, 0, 0, 0);
	erix_recv(ep, &m); /* owes A its reply */
	lab4_report(FAST(1, 1), m.info, m.badge, 0, 0);
	m.info = ERIX_MSGINFO(0x56, 1, 0);
	long r = erix_reply(&m);
	lab4_report(FAST(1, 4), (uint64_t)r, 0, 0, 0);
	lab4_stop();
}

static void fb_caller(uint64_t ep)
{
	struct erix_msg m = { .info = ERIX_MSGINFO(0x44, 1, 0), .mr = { 44 } };
	long r = erix_ipc_call(ep, &m);
	lab4_report(FAST(1, 2), (uint64_t)r, 0, 0, 0);
	lab4_stop();
}

/* case 2: a sender queues while the server works; ReplyRecv takes it. */
static void fc_server(uint64_t ep)
{
	struct erix_msg m = { 0 };
	erix_recv(ep, &m);
	erix_signal(S(4));
	erix_yield(); /* the sender runs and queues */
	m.info = ERIX_MSGINFO(0x61, 1, 0);
	long r = erix_reply_recv(ep, &m);
	lab4_report(FAST(2, 0), (uint64_t)r, m.info, m.badge, 0);
	lab4_stop();
}

static void fc_sender(uint64_t ep)
{
	erix_wait(S(4), NULL);
	struct erix_msg m = { .info = ERIX_MSGINFO(0x77, 0, 0) };
	long r = erix_send(ep, &m);
	lab4_report(FAST(2, 1), (uint64_t)r, 0, 0, 0);
	lab4_stop();
}

/* case 3: a lower server, and a thread between the two ready. */
static void fd_server(uint64_t ep)
{
	struct erix_msg m = { 0 };
	erix_recv(ep, &m);
	lab4_report(FAST(3, 0), order++, m.info, 0, 0);
	m.info = ERIX_MSGINFO(0x62, 0, 0);
	erix_reply_recv(ep, &m);
	lab4_stop();
}

static void fd_middle(uint64_t unused)
{
	(void)unused;
	lab4_report(FAST(3, 1), order++, 0, 0, 0);
	lab4_stop();
}

/* case 4: a higher server wakes another of its priority, then replies. */
static void fe_server(uint64_t ep)
{
	struct erix_msg m = { 0 };
	erix_recv(ep, &m);
	erix_signal(S(7));
	m.info = ERIX_MSGINFO(0x63, 0, 0);
	erix_reply_recv(ep, &m);
	lab4_stop();
}

static void fe_other(uint64_t unused)
{
	(void)unused;
	erix_wait(S(7), NULL);
	lab4_report(FAST(4, 0), order++, 0, 0, 0);
	lab4_stop();
}

/* case 5: two servers on one endpoint, taken in turn. */
static void ff_server(uint64_t id)
{
	struct erix_msg m = { 0 };
	erix_recv(S(8), &m);
	for (;;) {
		uint64_t label = ERIX_MSGINFO_LABEL(m.info);
		unsigned k = label == 1 ? 0 : label == 0x101 ? 1 : label == 0x102 ? 2 : 3;
		lab4_report(FAST(5, k), id, label, m.badge, 0);
		if (label < 0x100) {
			m.info = ERIX_MSGINFO(0x64, 0, 0);
			erix_reply_recv(S(8), &m);
		} else {
			erix_recv(S(8), &m);
		}
	}
}

/* case 6: the rights each call needs. */
static void fg_server(uint64_t unused)
{
	(void)unused;
	struct erix_msg m = { 0 };
	erix_recv(S(10), &m);
	m.info = ERIX_MSGINFO(0x65, 0, 0);
	long r = erix_reply_recv(S(12), &m); /* WRITE only: no receive */
	lab4_report(FAST(6, 1), (uint64_t)r, 0, 0, 0);
	m.info = ERIX_MSGINFO(0x66, 0, 0);
	r = erix_reply(&m);
	lab4_report(FAST(6, 2), (uint64_t)r, 0, 0, 0);
	lab4_stop();
}

/* case 7: a signal pending on the server's bound notification. */
static void fh_server(uint64_t unused)
{
	(void)unused;
	struct erix_msg m = { 0 };
	erix_recv(S(13), &m);
	erix_signal(S(15));
	m.info = ERIX_MSGINFO(0x67, 0, 0);
	long r = erix_reply_recv(S(13), &m);
	lab4_report(FAST(7, 0), (uint64_t)r, m.info, m.badge, 0);
	lab4_stop();
}

/* case 8: a reply with a capability to a fast Call (GRANT). */
static void fi_server(uint64_t unused)
{
	(void)unused;
	struct erix_msg m = { 0 };
	erix_recv(S(16), &m);
	lab4_buffer(1)->send_caps[0] = S(17);
	m.info = ERIX_MSGINFO(0x68, 0, 1);
	long r = erix_reply(&m);
	lab4_report(FAST(8, 0), (uint64_t)r, 0, 0, 0);
	lab4_stop();
}

static void root_to(unsigned priority)
{
	tcb_set_priority(ERIX_ROOT_TCB, ERIX_ROOT_TCB, priority, ERIX_MAX_PRIORITY);
}

void ipc_fast_cases(void)
{
	lab4_start();
	lab4_root_buffer();
	uint64_t seed = lab4_args[0];
	struct erix_msg m;
	long r;
	/* 0: the badge and the length, both ways (a reply has no badge,
	 * though the server's capability has one). */
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(0));
	cnode_mint(ROOT, S(1), S(0), ERIX_RIGHTS_ALL, lab4_args[1]);
	cnode_mint(ROOT, S(9), S(0), ERIX_RIGHTS_ALL, lab4_args[1] ^ 0x5a00); /* the server's */
	thread(S(40), fa_server, S(9));
	lab4_settle();
	for (unsigned k = 0; k < 5; k++) {
		m = (struct erix_msg){ .info = ERIX_MSGINFO(0x10 + k, k, 0) };
		for (unsigned i = 0; i < ERIX_MSG_REG_WORDS; i++)
			m.mr[i] = lab4_word(seed, 4 * k + i);
		r = erix_ipc_call(S(1), &m);
		lab4_report(FAST(0, 8 + k), m.info, m.badge, m.mr[0], m.mr[3] ^ (uint64_t)r);
	}
	/* 1: the server owes A a reply when the root calls. */
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(2));
	thread(S(41), fb_server, S(2));
	lab4_settle();
	thread(S(42), fb_caller, S(2));
	lab4_settle();
	m = (struct erix_msg){ .info = ERIX_MSGINFO(0x55, 1, 0), .mr = { 55 } };
	r = erix_ipc_call(S(2), &m);
	lab4_report(FAST(1, 3), (uint64_t)r, m.info, m.badge, 0);
	lab4_settle();
	/* 2: a sender queued when the server replies and receives. */
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(3));
	untyped_retype(lab4_ut, ERIX_OBJ_NOTIFICATION, 0, S(4));
	thread(S(43), fc_server, S(3));
	thread(S(44), fc_sender, S(3));
	lab4_settle();
	m = (struct erix_msg){ .info = ERIX_MSGINFO(0x60, 0, 0) };
	r = erix_ipc_call(S(3), &m);
	lab4_report(FAST(2, 2), (uint64_t)r, m.info, 0, 0);
	lab4_settle();
	/* 3: the server at 90, a thread at 95 ready: it runs first. */
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(5));
	make(S(45), fd_server, S(5), 0, 90, true);
	root_to(80); /* the server runs and waits */
	root_to(ERIX_DEFAULT_PRIORITY);
	make(S(46), fd_middle, 0, 0, 95, true);
	m = (struct erix_msg){ .info = ERIX_MSGINFO(0x70, 0, 0) };
	r = erix_ipc_call(S(5), &m);
	lab4_report(FAST(3, 2), (uint64_t)r, m.info, order, 0);
	/* 4: the server at 110 wakes another at 110 before it replies. */
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(6));
	untyped_retype(lab4_ut, ERIX_OBJ_NOTIFICATION, 0, S(7));
	make(S(47), fe_server, S(6), 0, 110, true);
	make(S(48), fe_other, 0, 0, 110, true);
	m = (struct erix_msg){ .info = ERIX_MSGINFO(0x71, 0, 0) };
	r = erix_ipc_call(S(6), &m);
	lab4_report(FAST(4, 1), order++, (uint64_t)r, m.info, 0);
	/* 5: two servers, taken in turn by Calls and Sends. */
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(8));
	thread(S(49), ff_server, 1);
	lab4_settle();
	thread(S(50), ff_server, 2);
	lab4_settle();
	m = (struct erix_msg){ .info = ERIX_MSGINFO(1, 0, 0) };
	erix_ipc_call(S(8), &m);
	m = (struct erix_msg){ .info = ERIX_MSGINFO(0x101, 0, 0) };
	erix_send(S(8), &m);
	m = (struct erix_msg){ .info = ERIX_MSGINFO(0x102, 0, 0) };
	erix_send(S(8), &m);
	m = (struct erix_msg){ .info = ERIX_MSGINFO(2, 0, 0) };
	r = erix_ipc_call(S(8), &m);
	lab4_report(FAST(5, 4), (uint64_t)r, m.info, 0, 0);
	lab4_settle();
	/* 6: a Call needs WRITE, ReplyRecv's receive READ. */
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(10));
	cnode_copy(ROOT, S(11), S(10), ERIX_RIGHT_READ);
	cnode_copy(ROOT, S(12), S(10), ERIX_RIGHT_WRITE);
	thread(S(51), fg_server, 0);
	lab4_settle();
	m = (struct erix_msg){ .info = ERIX_MSGINFO(0x72, 0, 0) };
	r = erix_ipc_call(S(11), &m);
	lab4_report(FAST(6, 0), (uint64_t)r, 0, 0, 0);
	m = (struct erix_msg){ .info = ERIX_MSGINFO(0x73, 0, 0) };
	r = erix_ipc_call(S(10), &m);
	lab4_report(FAST(6, 3), (uint64_t)r, m.info, 0, 0);
	lab4_settle();
	/* 7: the server's bound notification signalled before ReplyRecv. */
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(13));
	untyped_retype(lab4_ut, ERIX_OBJ_NOTIFICATION, 0, S(14));
	cnode_mint(ROOT, S(15), S(14), ERIX_RIGHTS_ALL, 0x5);
	make(S(52), fh_server, 0, 0, ERIX_DEFAULT_PRIORITY, false);
	tcb_bind_notification(S(52), S(14));
	tcb_resume(S(52));
	lab4_settle();
	m = (struct erix_msg){ .info = ERIX_MSGINFO(0x74, 0, 0) };
	r = erix_ipc_call(S(13), &m);
	lab4_report(FAST(7, 1), (uint64_t)r, m.info, 0, 0);
	lab4_settle();
	/* 8: a capability in the reply to a fast Call. */
	untyped_retype(lab4_ut, ERIX_OBJ_ENDPOINT, 0, S(16));
	untyped_retype(lab4_ut, ERIX_OBJ_NOTIFICATION, 0, S(17));
	make(S(53), fi_server, 0, 1, ERIX_DEFAULT_PRIORITY, true);
	lab4_settle();
	struct erix_ipc_buffer *b = lab4_buffer(LAB4_ROOT_BUFFER);
	b->recv_slots[0] = S(18);
	b->recv_count = 1;
	m = (struct erix_msg){ .info = ERIX_MSGINFO(0x75, 0, 0) };
	r = erix_ipc_call(S(16), &m);
	lab4_report(FAST(8, 1), (uint64_t)r, m.info, 0, 0);
	b->recv_count = 0;
	lab4_settle();
	tcb_suspend(S(40));
}

/* ---- ipc_sched_more ---------------------------------------------------------- */

static uint64_t turn;

static void s_thread(uint64_t i)
{
	lab4_report(LAB4H_RAN, turn++, i, 0, 0);
	lab4_stop();
}

void ipc_sched_more(void)
{
	lab4_start();
	root_to(ERIX_MAX_PRIORITY);
	for (unsigned i = 0; i < LAB4H_SCHED_N; i++)
		make(S(20 + i), s_thread, i, 0, lab4h_priority(lab4_args[0], i), true);
	/* thread 1 (63), runnable, moves to LAB4H_MOVED */
	tcb_set_priority(S(21), ERIX_ROOT_TCB, LAB4H_MOVED, 0);
	root_to(0);
	erix_yield();
}
