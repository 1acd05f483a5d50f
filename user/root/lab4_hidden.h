/*
 * root/lab4_hidden.h: the root task's programs for lab 4's hidden tests
 * (grader/hidden/lab4.c). As in lab4.h, a program only does things and
 * reports (an invocation of the null CPtr, label a tag, mr0..mr3 the
 * values); the grader reads the reports from the kernel's log.
 *
 * ipc_queues    args: n senders (2..6), Call mask (bit i: sender i
 *               Calls), seed, m receivers (2..6). S(0) Endpoint E, S(1)
 *               Endpoint E2, S(2) mint of E2 (badge lab4h_badge(seed,
 *               99)). Senders i (S(20 + i)) send through S(10 + i), a
 *               mint of E with badge lab4h_badge(seed, i), label 0x100 + i,
 *               mr0 lab4_word(seed, i), and queue in order; sender X
 *               (S(27)) queues second and is suspended. The root takes
 *               them (an NBRecv first, then Recvs): LAB4H_RECV + k
 *               (result, info, badge, mr0), replies to the Calls (label
 *               0x200 + i, mr0 ~word); LAB4H_EMPTY (an NBRecv with nobody);
 *               resumes X. Each sender reports LAB4H_SENT (result, info,
 *               mr0, i), X with i = 99. Then m receivers (S(30 + j)) wait
 *               on E2 in order; the root NBSends m + 1 messages (label
 *               0x300 + j) through S(2): LAB4H_NBSEND (the results, a bit
 *               each: bit j set if send j returned 0; the last's result);
 *               receiver j reports LAB4H_GOT (result, info, badge, j).
 * ipc_notify_more  args: k (3..10) badges, seed. S(0) Notification N,
 *               S(1 + i) mints with lab4h_badge(seed, i). The root
 *               signals all k, Polls (LAB4H_POLL: result, word), Polls
 *               (LAB4H_POLL + 1), signals S(1), Polls (LAB4H_POLL + 2).
 *               Waiters W0..W2 (S(20..22)) Wait in order; the root
 *               signals S(1), S(2), S(3): Wj reports LAB4H_GOT (result,
 *               word, j); the root Polls (LAB4H_POLL + 3). Thread B
 *               (S(23)), bound to N, Recvs on E (S(30)) and W3 (S(24))
 *               Waits; the root signals S(1): W3 reports LAB4H_GOT; signals
 *               S(2): B reports LAB4H_BOUND (result, info, word). B Sends
 *               on E2 (S(31), label 7) and waits there; the root signals
 *               S(3), then Recvs on E2: LAB4H_RECV (result, info); B
 *               reports LAB4H_SENT (result) and Recvs on E: LAB4H_BOUND + 1
 *               (result, info, word). W4 (S(25)) Waits; the root signals
 *               N itself (badge 0): W4 reports LAB4H_GOT (result, word, 4);
 *               the root Polls (LAB4H_POLL + 4).
 * ipc_fault_regs  args: value. S(0) Endpoint FE, S(1) mint badge 0x66,
 *               the fault handler of F (S(2)); the root (IPC buffer) is
 *               the handler. F reads LAB4_FAULT_VA (a page fault); the
 *               root reports LAB4H_FAULT (vector, error, address, rsp),
 *               maps a Frame there, replies RESUME (no words). F reports
 *               LAB4H_READ (the value), loads LAB4H_RAX/RBX/R12/R15 and
 *               runs ud2; the root reports LAB4H_FAULT + 1 (vector, error,
 *               address, rip) and LAB4H_REGS (rax, rbx, r12, r15 of the
 *               message); replies RESUME with rip ERIX_USER_TOP, with rip
 *               0x800, with rip fine and rsp ERIX_USER_TOP + 8 (two
 *               words), then (four words) rip lab4h_resumed, rsp a new
 *               stack's top, rflags LAB4H_RFLAGS, rax LAB4H_NEW_RAX:
 *               LAB4H_REPLIES (the four results). F reports LAB4H_RESUMED
 *               (rflags, rsp, rax, rbx as it found them) and runs ud2; the
 *               root reports LAB4H_FAULT + 2 (vector, error, address,
 *               rip), replies RESUME with rip a ud2, rsp ERIX_USER_TOP;
 *               the fault there: LAB4H_FAULT + 3 (vector, address, rip,
 *               rsp); the root replies label 2: LAB4H_REPLIES + 1 (the
 *               two results). F stays stopped.
 * ipc_fast_cases  args: seed, badge (of the Calls; the server receives
 *               through badge ^ 0x5a00). The fast path's cases and the ones
 *               it must leave to the general path; the grader runs it
 *               with fastpath_enabled on and off and compares every
 *               report (see lab4_hidden.c for each case's reports).
 * ipc_sched_more  args: seed. The root (at 255) makes LAB4H_SCHED_N
 *               threads at the priorities lab4h_priority(seed, i) (0, 63,
 *               64, 127, 128, 191, 192, 254, 255 among them), then moves
 *               thread 1 (runnable) to priority LAB4H_MOVED and goes down
 *               to 0 and yields: each thread reports LAB4H_RAN (its turn,
 *               i) when it runs.
 */
#ifndef USER_ROOT_LAB4_HIDDEN_H
#define USER_ROOT_LAB4_HIDDEN_H

#include <stdint.h>

enum lab4h_tag {
	LAB4H_RECV = 0x4200, /* + k */
	LAB4H_SENT = 0x4220, LAB4H_EMPTY, LAB4H_NBSEND, LAB4H_GOT, LAB4H_BOUND, /* + 1 */
	LAB4H_POLL = 0x4230, /* + k */
	LAB4H_FAULT = 0x4240, /* + k */
	LAB4H_READ = 0x4250, LAB4H_REGS, LAB4H_REPLIES, /* + 1 */
	LAB4H_RESUMED = 0x4260, LAB4H_RAN,
	LAB4H_FAST = 0x4300, /* + case * 16 + k */
};

#define LAB4H_RAX 0x1111222233334444ull
#define LAB4H_RBX 0x5555666677778888ull
#define LAB4H_R12 0x9999aaaabbbbccccull
#define LAB4H_R15 0x0dddeeeeffff0001ull
#define LAB4H_NEW_RAX 0x0123456789abcdefull
/* CF, SF, OF, IOPL 3, AC, IF clear: the kernel keeps CF, SF, OF, sets IF. */
#define LAB4H_RFLAGS 0x43881ull

#define LAB4H_SCHED_N 12
#define LAB4H_MOVED 200

/* lab4h_badge: a nonzero badge of 48 bits for i. */
static inline uint64_t lab4h_badge(uint64_t seed, uint64_t i)
{
	uint64_t x = (seed ^ (i + 7) * 0xd1b54a32d192ed03ull) * 0x9e3779b97f4a7c15ull;
	return (x >> 16) | 1;
}

/* lab4h_priority: thread i's priority in ipc_sched_more: the boundary
 * ones first, then others from the seed, all distinct, none 0 or 200
 * (LAB4H_MOVED) but the first. */
static inline unsigned lab4h_priority(uint64_t seed, unsigned i)
{
	static const unsigned edge[] = { 0, 63, 64, 127, 128, 191, 192, 254, 255 };
	if (i < sizeof(edge) / sizeof(edge[0]))
		return edge[i];
	/* 1..62, 65..126, 129..190 (one each, from the seed): distinct */
	unsigned k = i - 9, base = 64 * k + 1;
	return base + (unsigned)((seed >> (8 * k)) % 62);
}

void ipc_queues(void);
void ipc_notify_more(void);
void ipc_fault_regs(void);
void ipc_fast_cases(void);
void ipc_sched_more(void);

#endif /* USER_ROOT_LAB4_HIDDEN_H */
