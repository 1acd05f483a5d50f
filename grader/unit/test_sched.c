/*
 * test_sched.c: kernel/sched.c, the ready queues and their two-level
 * priority bitmap: sched_add, sched_remove, sched_set_priority,
 * sched_yield, sched_tick, sched_check, and sched_exit's choice.
 *
 * sched.c is compiled into this file (#include below) rather than listed
 * in UNIT_KERNEL_SRCS: the thread it would run next (sched_choose) and the
 * bitmap (ready_bits, ready_top) are static, and two tests need them: the
 * model test compares sched_choose() with the model's choice, and the
 * corruption table flips bitmap bits that no sequence of calls can flip.
 * Every other check goes through the public functions and the TCBs'
 * fields. The other suites (test_ipc.c) link against this copy of sched.c.
 *
 * Its calls outside the unit binary have fakes here, and so does kprintf
 * (fault.c's too): user_exit and arch_power_off record the thread (or the
 * exit code) and longjmp back to run_exit(), so that sched_exit, which
 * never returns, can be tested; vspace_root and vspace_activate record the
 * VSpace; irq_can_wake says what a test sets, and arch_wait_for_interrupt
 * "delivers" an interrupt by making a chosen thread runnable.
 *
 * The tests:
 *  - round robin within a priority on sched_yield and on sched_tick (and
 *    neither rotates a queue when current is not its head);
 *  - boundary_prios[] (0, 63, 64, 127, 128, 191, 192, 255: the words'
 *    edges): a thread there alone, under and over threads at the others,
 *    the bitmap's bits, and removal in order;
 *  - sched_check on a good state corrupted one way each (corrupt_cases[]):
 *    a bitmap bit, a top-word bit, a link, a state, a priority, a rip;
 *  - R_STEPS random operations over NTHREADS threads with random
 *    priorities, for each of r_seeds[], checked after every step against
 *    a model the test keeps (one FIFO list per priority): sched_check()
 *    is NULL, the chosen thread is the head of the model's highest
 *    non-empty list, every queue's ring is the model's list in order;
 *  - sched_exit: runs the chosen thread and logs the switch, drops a
 *    thread without a VSpace, waits for an interrupt when one can wake a
 *    thread, powers off when nothing can run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "../../kernel/sched.c"

/* ---- fakes of what sched.c (and fault.c) call ---------------------------- */

uint64_t syscall_longest[ERIX_INVOCATION_END];
uint64_t syscall_fast_yields;              /* syscall.c's (sched_idle prints them) */
uint64_t fastpath_calls, fastpath_replies; /* fastpath.c's */

static jmp_buf exit_jmp;       /* where user_exit and arch_power_off go */
static struct tcb *exited_to;  /* the thread user_exit was given */
static int power_code = -1;    /* arch_power_off's code, -1: not called */
static paddr_t activated;      /* the last vspace_activate */
static bool can_wake;          /* what irq_can_wake says */
static struct tcb *irq_wakes;  /* made runnable by the next "interrupt" */
static unsigned waits, finals; /* arch_wait_for_interrupt, selfcheck_final */

void user_exit(struct tcb *t)
{
	exited_to = t;
	longjmp(exit_jmp, 1);
}

void arch_power_off(uint8_t code)
{
	power_code = code;
	longjmp(exit_jmp, 2);
}

paddr_t vspace_root(const struct cap *vs) { return vs->obj; }
void vspace_activate(paddr_t root) { activated = root; }
bool irq_can_wake(void) { return can_wake; }
void selfcheck_final(void) { finals++; }

/* arch_wait_for_interrupt: an interrupt wakes irq_wakes; none can any more. */
void arch_wait_for_interrupt(void)
{
	waits++;
	EXPECT(irq_wakes != NULL, "sched_exit waits for an interrupt nobody will send");
	sched_add(irq_wakes);
	irq_wakes = NULL;
	can_wake = false;
}

/* kprintf: the last message, for the tests that expect one. */
static char kprintf_last[256];

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(kprintf_last, sizeof(kprintf_last), fmt, ap);
	va_end(ap);
	return n;
}

/* ---- threads and the fixture --------------------------------------------- */

#define NTHREADS 64
static struct tcb th[NTHREADS];
static uint64_t vspace_pml4[NTHREADS]; /* what the VSpace capabilities name */

/* sched_setup: every thread inactive at priority 0 with a VSpace, the
 * scheduler empty (also without Check's fork). */
static void sched_setup(void)
{
	memset(th, 0, sizeof(th));
	for (unsigned i = 0; i < NTHREADS; i++) {
		th[i].slots[TCB_VSPACE].cap = (struct cap){ .type = ERIX_OBJ_VSPACE,
							    .obj = (uintptr_t)&vspace_pml4[i] };
		th[i].regs.rip = 0x400000 + i;
	}
	memset(sched_ready, 0, sizeof(sched_ready));
	memset(ready_bits, 0, sizeof(ready_bits));
	ready_top = 0;
	current = NULL;
	sched_switches = sched_ticks = 0;
	exited_to = NULL;
	power_code = -1;
	can_wake = false;
	irq_wakes = NULL;
	waits = finals = 0;
}

static int tid(const struct tcb *t)
{
	return t ? (int)(t - th) : -1;
}

/* add: thread i at priority p, runnable. */
static struct tcb *add(unsigned i, unsigned p)
{
	th[i].priority = (uint8_t)p;
	sched_add(&th[i]);
	return &th[i];
}

/* expect_good: sched_check finds nothing, and the chosen thread is want. */
static void expect_good(const char *when, const struct tcb *want)
{
	const char *q = sched_check();
	EXPECT(!q, "%s: sched_check: %s", when, q);
	struct tcb *got = sched_choose();
	EXPECT(got == want, "%s: the scheduler chooses thread %d, want %d", when, tid(got),
	       tid(want));
}

/* ---- round robin ---------------------------------------------------------- */

/* Four threads at one priority: yield (or the timer) goes round them in
 * the order they were made runnable; a thread added later joins the end. */
static void round_robin(bool by_tick)
{
	const char *how = by_tick ? "sched_tick" : "sched_yield";
	for (unsigned i = 0; i < 4; i++)
		add(i, 10);
	add(9, 3); /* lower: never chosen while they are ready */
	const int order[] = { 0, 1, 2, 3, 0, 1, 2, 3, 0, 4, 1, 2 };
	for (unsigned k = 0; k < ARRAY_SIZE(order); k++) {
		char when[64];
		snprintf(when, sizeof(when), "%s, turn %u", how, k);
		expect_good(when, &th[order[k]]);
		current = sched_choose();
		if (k == 5)
			add(4, 10); /* joins at the tail, after 3 */
		if (by_tick)
			sched_tick();
		else
			sched_yield();
	}
	if (by_tick) {
		EXPECT(sched_ticks == ARRAY_SIZE(order), "sched_ticks %lu, want %zu",
		       (unsigned long)sched_ticks, ARRAY_SIZE(order));
		EXPECT(th[0].ticks == 3 && th[4].ticks == 1, "ticks charged: thread 0 %lu (want 3), "
		       "thread 4 %lu (want 1)", (unsigned long)th[0].ticks,
		       (unsigned long)th[4].ticks);
	}
}

START_TEST(test_sched_round_robin_yield)
{
	round_robin(false);
}
END_TEST

START_TEST(test_sched_round_robin_tick)
{
	round_robin(true);
}
END_TEST

/* Only current, at the head of its queue, goes to the tail: a yield or a
 * tick by a thread that is not the head, is not runnable, or by nobody
 * moves nobody (a tick still charges a runnable current thread). */
START_TEST(test_sched_yield_not_head)
{
	add(0, 7), add(1, 7), add(2, 7);
	current = &th[1]; /* not the head */
	sched_yield();
	sched_tick();
	expect_good("yield and tick by a thread that is not its queue's head", &th[0]);
	EXPECT(th[1].ticks == 1, "a tick while thread 1 ran charged it %lu ticks, want 1",
	       (unsigned long)th[1].ticks);
	current = NULL;
	sched_yield();
	sched_tick();
	expect_good("yield and tick with no current thread", &th[0]);
	current = &th[0];
	sched_remove(&th[0]);
	sched_yield();
	sched_tick();
	expect_good("yield and tick by a current thread no longer runnable", &th[1]);
	EXPECT(th[0].ticks == 0, "a tick charged a thread that is not runnable");
	sched_add(&th[0]);
	expect_good("sched_add: the tail", &th[1]);
	current = &th[1];
	sched_yield();
	expect_good("yield", &th[2]);
	current = &th[2];
	sched_yield();
	expect_good("yield, to the thread added last", &th[0]);
}
END_TEST

/* sched_add of a runnable thread and sched_remove of one that is not
 * change nothing; sched_set_priority moves a ready thread to its new
 * queue's tail, and only changes the field of one that is not ready. */
START_TEST(test_sched_add_remove_idempotent)
{
	add(0, 50), add(1, 50);
	sched_add(&th[0]);
	expect_good("sched_add of a runnable thread", &th[0]);
	sched_remove(&th[1]);
	sched_remove(&th[1]);
	EXPECT(th[1].state == TCB_INACTIVE && !th[1].run_next && !th[1].run_prev,
	       "a removed thread: state %lu, links %p %p", (unsigned long)th[1].state,
	       (void *)th[1].run_next, (void *)th[1].run_prev);
	expect_good("sched_remove twice", &th[0]);
	sched_set_priority(&th[1], 200);
	EXPECT(th[1].state == TCB_INACTIVE && th[1].priority == 200,
	       "sched_set_priority of an inactive thread made it state %lu, priority %u",
	       (unsigned long)th[1].state, th[1].priority);
	expect_good("sched_set_priority of an inactive thread", &th[0]);
	add(2, 50);
	sched_set_priority(&th[0], 50); /* the same priority: to the tail */
	expect_good("sched_set_priority to the same priority", &th[2]);
	sched_set_priority(&th[0], 51);
	expect_good("sched_set_priority up", &th[0]);
	sched_set_priority(&th[0], 49);
	expect_good("sched_set_priority down", &th[2]);
	sched_remove(&th[2]);
	expect_good("the last thread of priority 50 removed", &th[0]);
	sched_remove(&th[0]);
	expect_good("every thread removed", NULL);
	EXPECT(ready_top == 0, "no thread is ready, ready_top %#lx", (unsigned long)ready_top);
}
END_TEST

/* ---- the bitmap's word boundaries ------------------------------------------ */

static const unsigned boundary_prios[] = { 0, 63, 64, 127, 128, 191, 192, 255 };
#define NBOUND ARRAY_SIZE(boundary_prios)

/* expect_bits: the bitmap marks exactly the priorities in `which`
 * (bit i: boundary_prios[i]). */
static void expect_bits(const char *when, unsigned which)
{
	uint64_t want[READY_WORDS] = { 0 }, top = 0;
	for (unsigned i = 0; i < NBOUND; i++)
		if (which >> i & 1) {
			unsigned p = boundary_prios[i];
			want[p / 64] |= 1ull << (p % 64);
			top |= 1ull << (p / 64);
		}
	for (unsigned w = 0; w < READY_WORDS; w++)
		EXPECT(ready_bits[w] == want[w], "%s: ready_bits[%u] = %#lx, want %#lx", when, w,
		       (unsigned long)ready_bits[w], (unsigned long)want[w]);
	EXPECT(ready_top == top, "%s: ready_top = %#lx, want %#lx", when,
	       (unsigned long)ready_top, (unsigned long)top);
}

START_TEST(test_sched_boundary)
{
	unsigned me = (unsigned)_i, p = boundary_prios[me];
	char when[96];

	snprintf(when, sizeof(when), "a thread at priority %u alone", p);
	add(me, p);
	expect_good(when, &th[me]);
	expect_bits(when, 1u << me);
	EXPECT(ready_highest() == (int)p, "%s: ready_highest() = %d", when, ready_highest());

	/* Every lower boundary priority, added from the lowest. */
	unsigned which = 1u << me;
	for (unsigned i = 0; i < me; i++) {
		add(i, boundary_prios[i]);
		which |= 1u << i;
		snprintf(when, sizeof(when), "priority %u over priority %u", p, boundary_prios[i]);
		expect_good(when, &th[me]);
		expect_bits(when, which);
	}
	/* Every higher one, from the highest: the highest always wins. */
	for (unsigned i = NBOUND; i-- > me + 1;) {
		add(i, boundary_prios[i]);
		which |= 1u << i;
		snprintf(when, sizeof(when), "priority %u added with %u ready",
			 boundary_prios[i], p);
		expect_good(when, &th[NBOUND - 1]);
		expect_bits(when, which);
	}
	/* A second thread at p: behind the first. */
	add(NBOUND + me, p);
	/* Removed from the top: each time the next lower runs. */
	for (unsigned i = NBOUND; i-- > 0;) {
		snprintf(when, sizeof(when), "the threads above priority %u removed",
			 boundary_prios[i]);
		expect_good(when, &th[i]);
		sched_remove(&th[i]);
		if (i == me) {
			snprintf(when, sizeof(when), "the first of two at priority %u removed", p);
			expect_good(when, &th[NBOUND + me]);
			expect_bits(when, which);
			sched_remove(&th[NBOUND + me]);
		}
		which &= ~(1u << i);
		snprintf(when, sizeof(when), "priority %u emptied", boundary_prios[i]);
		expect_bits(when, which);
	}
	expect_good("every thread removed", NULL);
	EXPECT(ready_highest() == -1, "nothing ready, ready_highest() = %d", ready_highest());
}
END_TEST

/* ---- sched_check on corrupted states ----------------------------------------- */

/* The good state: th[0..2] at priority 5, th[3] at 64, th[4], th[5] at 200. */
static void corrupt_base(void)
{
	add(0, 5), add(1, 5), add(2, 5), add(3, 64), add(4, 200), add(5, 200);
}

struct corrupt_case {
	const char *what;
	const char *want; /* a word sched_check's answer must contain */
	void (*corrupt)(void);
};

static void bit_for_empty(void) { ready_bits[1] |= 1ull << 3; } /* 67 */
static void bit_missing(void) { ready_bits[0] &= ~(1ull << 5); }
static void bit_missing_alone(void) { ready_bits[1] &= ~1ull; } /* 64 */
static void top_for_empty(void) { ready_top |= 1ull << 2; }
static void top_missing(void) { ready_top &= ~(1ull << 1); }
static void next_skips(void) { th[1].run_next = &th[1]; }
static void prev_wrong(void) { th[2].run_prev = &th[2]; }
static void next_null(void) { th[4].run_next = NULL; }
static void not_runnable(void) { th[1].state = TCB_BLOCKED_RECV; }
static void wrong_priority(void) { th[2].priority = 6; }
static void rip_kernel(void) { th[3].regs.rip = 0xffffffff80100000ull; }

static const struct corrupt_case corrupt_cases[] = {
	{ "a bit set for an empty queue (67)", "bitmap", bit_for_empty },
	{ "a bit clear for a non-empty queue (5)", "bitmap", bit_missing },
	{ "the bit of priority 64 (a word's first) clear", "bitmap", bit_missing_alone },
	{ "ready_top marks an empty word", "bitmap", top_for_empty },
	{ "ready_top misses a word with a bit", "bitmap", top_missing },
	{ "a run_next that skips the rest of the queue", "links", next_skips },
	{ "a run_prev that does not point back", "links", prev_wrong },
	{ "a NULL run_next", "links", next_null },
	{ "a thread on a ready queue, blocked", "runnable", not_runnable },
	{ "a thread on the queue of another priority", "priority", wrong_priority },
	{ "a runnable thread's rip in the kernel", "rip", rip_kernel },
};

START_TEST(test_sched_check_corrupt)
{
	const struct corrupt_case *c = &corrupt_cases[_i];
	corrupt_base();
	const char *q = sched_check();
	EXPECT(!q, "the good state: sched_check: %s", q);
	struct tcb saved[NTHREADS];
	uint64_t saved_bits[READY_WORDS], saved_top = ready_top;
	memcpy(saved, th, sizeof(th));
	memcpy(saved_bits, ready_bits, sizeof(ready_bits));
	c->corrupt();
	q = sched_check();
	EXPECT(q, "%s: sched_check found nothing wrong", c->what);
	EXPECT(strstr(q, c->want), "%s: sched_check says \"%s\", want a problem about %s",
	       c->what, q, c->want);
	memcpy(th, saved, sizeof(th));
	memcpy(ready_bits, saved_bits, sizeof(ready_bits));
	ready_top = saved_top;
	q = sched_check();
	EXPECT(!q, "%s, then repaired: sched_check: %s", c->what, q);
}
END_TEST

/* ---- random operations against a model --------------------------------------- */

#define R_STEPS 20000

static const uint64_t r_seeds[] = { 1, 2, 3, 42, 0xdeadbeef, 20261231 };

static uint64_t r_state;
static unsigned r_step;

/* r_next: xorshift64*, below n. */
static unsigned r_next(unsigned n)
{
	r_state ^= r_state >> 12;
	r_state ^= r_state << 25;
	r_state ^= r_state >> 27;
	return (unsigned)((r_state * 0x2545f4914f6cdd1dull) >> 33) % n;
}

/* The model: per priority, its runnable threads in queue order. */
static int mq[ERIX_PRIORITIES][NTHREADS];
static unsigned mlen[ERIX_PRIORITIES];
static bool mready[NTHREADS];
static unsigned mprio[NTHREADS];
static uint64_t mticks[NTHREADS];

static void m_append(int i)
{
	unsigned p = mprio[i];
	mq[p][mlen[p]++] = i;
	mready[i] = true;
}

static void m_remove(int i)
{
	unsigned p = mprio[i], k = 0;
	while (mq[p][k] != i)
		k++;
	memmove(&mq[p][k], &mq[p][k + 1], (mlen[p] - k - 1) * sizeof(int));
	mlen[p]--;
	mready[i] = false;
}

/* m_rotate: current at the head of its queue goes to the tail. */
static void m_rotate(void)
{
	int c = tid(current);
	if (c < 0 || !mready[c] || mq[mprio[c]][0] != c)
		return;
	m_remove(c);
	m_append(c);
}

static int m_choose(void)
{
	for (int p = ERIX_MAX_PRIORITY; p >= 0; p--)
		if (mlen[p])
			return mq[p][0];
	return -1;
}

/* r_priority: half the time one of a few (so that queues grow long and
 * the bitmap's edges are used), else any. */
static unsigned r_priority(void)
{
	static const unsigned few[] = { 0, 1, 63, 64, 100, 191, 192, 254, 255 };
	return r_next(2) ? few[r_next(ARRAY_SIZE(few))] : r_next(ERIX_PRIORITIES);
}

static const char *r_ops[] = { "add", "remove", "set_priority", "yield", "tick", "current" };

/* r_check: the scheduler agrees with the model, after step `op`. */
static void r_check(uint64_t seed, const char *op)
{
	const char *q = sched_check();
	EXPECT(!q, "seed %lu step %u (%s): sched_check: %s", (unsigned long)seed, r_step, op, q);
	struct tcb *got = sched_choose();
	int want = m_choose();
	EXPECT(tid(got) == want, "seed %lu step %u (%s): the scheduler chooses thread %d, "
	       "the model %d", (unsigned long)seed, r_step, op, tid(got), want);
	for (int i = 0; i < NTHREADS; i++) {
		const struct tcb *t = &th[i];
		EXPECT(t->priority == mprio[i] && (t->state == TCB_RUNNABLE) == mready[i] &&
			       (mready[i] || (t->state == TCB_INACTIVE && !t->run_next &&
					      !t->run_prev)) && t->ticks == mticks[i],
		       "seed %lu step %u (%s): thread %d: priority %u state %lu ticks %lu, "
		       "the model's %u %s %lu", (unsigned long)seed, r_step, op, i, t->priority,
		       (unsigned long)t->state, (unsigned long)t->ticks, mprio[i],
		       mready[i] ? "runnable" : "inactive", (unsigned long)mticks[i]);
	}
	for (unsigned p = 0; p < ERIX_PRIORITIES; p++) {
		EXPECT(tid(sched_ready[p]) == (mlen[p] ? mq[p][0] : -1),
		       "seed %lu step %u (%s): priority %u's queue starts with thread %d, the "
		       "model's with %d", (unsigned long)seed, r_step, op, p, tid(sched_ready[p]),
		       mlen[p] ? mq[p][0] : -1);
		for (unsigned k = 0; k < mlen[p]; k++) {
			const struct tcb *t = &th[mq[p][k]];
			int next = mq[p][(k + 1) % mlen[p]];
			EXPECT(tid(t->run_next) == next && t->run_next->run_prev == t,
			       "seed %lu step %u (%s): priority %u: thread %d is followed by %d, "
			       "the model says %d", (unsigned long)seed, r_step, op, p, mq[p][k],
			       tid(t->run_next), next);
		}
	}
}

START_TEST(test_sched_random)
{
	uint64_t seed = r_seeds[_i];
	r_state = seed * 0x9e3779b97f4a7c15ull | 1;
	memset(mlen, 0, sizeof(mlen));
	memset(mready, 0, sizeof(mready));
	memset(mticks, 0, sizeof(mticks));
	for (int i = 0; i < NTHREADS; i++)
		th[i].priority = (uint8_t)(mprio[i] = r_priority());

	for (r_step = 0; r_step < R_STEPS; r_step++) {
		unsigned op = r_next(ARRAY_SIZE(r_ops));
		int i = (int)r_next(NTHREADS);
		switch (op) {
		case 0: /* add */
			sched_add(&th[i]);
			if (!mready[i])
				m_append(i);
			break;
		case 1: /* remove */
			sched_remove(&th[i]);
			if (mready[i])
				m_remove(i);
			break;
		case 2: { /* set_priority */
			unsigned p = r_priority();
			sched_set_priority(&th[i], p);
			bool was = mready[i];
			if (was)
				m_remove(i);
			mprio[i] = p;
			if (was)
				m_append(i);
			break;
		}
		case 3: /* yield */
			sched_yield();
			m_rotate();
			break;
		case 4: /* tick */
			sched_tick();
			if (current && mready[tid(current)]) {
				mticks[tid(current)]++;
				m_rotate();
			}
			break;
		default: /* current: mostly the chosen thread, as sched_exit makes it */
			current = r_next(4) ? sched_choose() : r_next(8) ? &th[i] : NULL;
			break;
		}
		r_check(seed, r_ops[op]);
	}
}
END_TEST

/* ---- sched_exit ----------------------------------------------------------- */

/* run_exit: call sched_exit; returns 1 when it ran a thread (exited_to),
 * 2 when it powered off. */
static int run_exit(void)
{
	exited_to = NULL;
	int r = setjmp(exit_jmp);
	if (r == 0)
		sched_exit();
	return r;
}

START_TEST(test_sched_exit_runs_chosen)
{
	add(0, 10), add(1, 20);
	EXPECT(run_exit() == 1 && exited_to == &th[1] && current == &th[1],
	       "sched_exit ran thread %d (current %d), want the higher one, 1", tid(exited_to),
	       tid(current));
	EXPECT(activated == (paddr_t)&vspace_pml4[1], "sched_exit did not switch to the "
	       "thread's VSpace");
	EXPECT(sched_switches == 1 && th[1].switches == 1 &&
		       sched_log[0].from == 0 && sched_log[0].to == (uint64_t)&th[1] &&
		       sched_log[0].priority == 20,
	       "the first switch: sched_switches %lu, record from %#lx to %#lx priority %lu",
	       (unsigned long)sched_switches, (unsigned long)sched_log[0].from,
	       (unsigned long)sched_log[0].to, (unsigned long)sched_log[0].priority);
	EXPECT(run_exit() == 1 && exited_to == &th[1] && sched_switches == 1,
	       "running the same thread again is no switch (switches %lu)",
	       (unsigned long)sched_switches);
	sched_remove(&th[1]);
	EXPECT(run_exit() == 1 && exited_to == &th[0] && sched_switches == 2 &&
		       sched_log[1].from == (uint64_t)&th[1],
	       "after the higher thread left: ran %d, switches %lu", tid(exited_to),
	       (unsigned long)sched_switches);
}
END_TEST

START_TEST(test_sched_exit_drops_no_vspace)
{
	add(0, 10), add(1, 20), add(2, 20);
	th[1].slots[TCB_VSPACE].cap = (struct cap){ 0 };
	EXPECT(run_exit() == 1 && exited_to == &th[2],
	       "with the head of the highest queue without a VSpace, sched_exit ran %d, "
	       "want 2", tid(exited_to));
	EXPECT(th[1].state == TCB_INACTIVE && !th[1].run_next, "the thread without a VSpace "
	       "is still ready (state %lu)", (unsigned long)th[1].state);
	const char *q = sched_check();
	EXPECT(!q, "after dropping it: sched_check: %s", q);
}
END_TEST

START_TEST(test_sched_exit_idle)
{
	add(0, 10);
	current = &th[0];
	sched_remove(&th[0]);
	can_wake = true;
	irq_wakes = &th[3];
	EXPECT(run_exit() == 1 && exited_to == &th[3] && waits == 1,
	       "nothing ready, an interrupt can wake a thread: sched_exit ran %d after %u "
	       "waits, want thread 3 after one", tid(exited_to), waits);
	sched_remove(&th[3]);
	EXPECT(run_exit() == 2 && power_code == ERIX_EXIT_POWEROFF && finals == 1 &&
		       current == NULL,
	       "nothing can run: sched_exit must power off (code %#x, selfcheck_final "
	       "%u times)", power_code, finals);
}
END_TEST

Suite *sched_suite(void)
{
	Suite *s = suite_create("sched");
	TCase *tc = tcase_create("queues");
	tcase_add_checked_fixture(tc, sched_setup, NULL);
	tcase_add_test(tc, test_sched_round_robin_yield);
	tcase_add_test(tc, test_sched_round_robin_tick);
	tcase_add_test(tc, test_sched_yield_not_head);
	tcase_add_test(tc, test_sched_add_remove_idempotent);
	tcase_add_loop_test(tc, test_sched_boundary, 0, NBOUND);
	suite_add_tcase(s, tc);

	tc = tcase_create("sched_check");
	tcase_add_checked_fixture(tc, sched_setup, NULL);
	tcase_add_loop_test(tc, test_sched_check_corrupt, 0, ARRAY_SIZE(corrupt_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("random operations");
	tcase_add_checked_fixture(tc, sched_setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_sched_random, 0, ARRAY_SIZE(r_seeds));
	suite_add_tcase(s, tc);

	tc = tcase_create("sched_exit");
	tcase_add_checked_fixture(tc, sched_setup, NULL);
	tcase_add_test(tc, test_sched_exit_runs_chosen);
	tcase_add_test(tc, test_sched_exit_drops_no_vspace);
	tcase_add_test(tc, test_sched_exit_idle);
	suite_add_tcase(s, tc);
	return s;
}
