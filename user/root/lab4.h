/*
 * root/lab4.h: the root task's lab-4 test programs (lab4.c): IPC,
 * notifications, faults, scheduling, interrupts. As for lab 3
 * (tests.h), a program only does things; the grader reads the outcome
 * from the machine (grader/tests/lab4.c).
 *
 * What a thread received is in its registers, where the grader cannot
 * see it once the thread runs on. So the programs *report* it: a report
 * is an invocation of the null CPtr (which fails, ERR_INVALID, and does
 * nothing else) whose label is a tag and whose mr0..mr3 are the values:
 * the kernel's system-call log keeps every call's registers, and the
 * grader reads the reports of each thread from there (lab4_reports).
 *
 * Slots: as in tests.h, S(i) = bootinfo->empty.start + i; threads are
 * made by lab4_thread() (lab4_lib.h) with a stack of their own and, when
 * they need one, an IPC buffer at LAB4_BUFFER(k) (the root task's own at
 * LAB4_BUFFER(LAB4_ROOT_BUFFER)). Inputs come in args[] (test_args),
 * planted by the grader.
 *
 * ipc_message   args: label, length (0..40), seed, badge. S(0) Endpoint
 *               E, S(1) mint of E with the badge; S(2) thread R (IPC
 *               buffer), S(3) thread R2 (none) both Recv on E. The root
 *               sends, through S(1), label and length with words
 *               lab4_word(seed, i), twice: R takes the first, R2 the
 *               second. Each reports LAB4_GOT (info, badge) and R its
 *               words, LAB4_WORDS + i: words i..i+3.
 * ipc_call      args: key, word, label. S(0) Endpoint E, S(1) Notification
 *               N, S(2) server thread. The root Calls E (label, mr0 word,
 *               mr1 7); the server reports LAB4_GOT (info, badge, mr0,
 *               mr1), replies (label + 1, mr0 word ^ key, mr1 8), reports
 *               LAB4_REPLIED (result); replies again: LAB4_REPLIED_AGAIN
 *               (result); the root reports LAB4_ROOT_GOT (result, info,
 *               mr0, mr1). Then caller C (S(3)) Calls E, the server
 *               receives it and Waits on N; the root deletes C and
 *               signals N; the server's reply: LAB4_REPLY_DEAD (result).
 *               Then caller C3 (S(4)) Calls; the server receives and
 *               Waits; the root suspends the server; C3 reports
 *               LAB4_CALLER_WOKEN (result).
 * ipc_errors    the results of IPC_ERRORS_CALLS, in order.
 * ipc_grant     args: badge. S(0) Endpoint E, S(1) copy of E without
 *               GRANT, S(2) Frame F, S(3) Endpoint X, S(4) mint of X
 *               (R|W, the badge); thread R (S(5), buffer) offers S(10),
 *               S(11), S(12): the root sends F and S(4) through E; then R
 *               offers S(13) alone and the root sends the two again; R
 *               reports LAB4_GOT (info, badge, recv_badges[0], [1]) each
 *               time. Then a send of one capability through S(1)
 *               (refused, logged); then the root revokes S(4).
 * ipc_notify    args: badges a, b, c. S(0) Notification N; S(1..3) mints
 *               with a, b, c; S(4) Endpoint E. Signal S(1), S(2); the
 *               root Polls: LAB4_POLL (result, word); Polls again
 *               (LAB4_POLL_AGAIN). Thread W (S(5)) Waits on N; the root
 *               signals S(3): W reports LAB4_GOT (result, word). Thread B
 *               (S(6)), N bound to it, Recvs on E; the root signals S(1):
 *               B reports LAB4_GOT (result, info, badge); B Recvs again,
 *               the root sends on E (label 5): LAB4_GOT_AGAIN (result,
 *               info, badge). Then a signal through N itself (badge 0)
 *               and a Poll: LAB4_POLL_ZERO (result, word).
 * ipc_fault     args: page (0..15), value, offset (0..4088, 8-aligned).
 *               S(0) Endpoint FE, S(1) mint of FE badge 0x77, the fault
 *               handler of thread F (S(2)), which reads the word at
 *               LAB4_FAULT_VA + page * 4096 + offset (unmapped). The root
 *               Recvs on FE: LAB4_GOT (info, badge, vector, error),
 *               LAB4_FAULT_AT (address, rip, rsp, 0); maps a Frame there
 *               holding the value, replies ERIX_FAULT_RESUME (no words);
 *               F reports LAB4_READ (the value) and runs ud2; the root
 *               receives that fault (LAB4_GOT_AGAIN: info, badge,
 *               vector, rip), replies with a kernel rip (refused:
 *               LAB4_BAD_RESUME (result)), then with label 0: F stays
 *               stopped.
 * ipc_sched     args: spins (iterations of each spinning thread). The root
 *               raises itself to 130; threads A, B (S(0), S(1)) at 110
 *               spin, then C (S(2)) at 120 and D (S(3)) at 115 spin; the
 *               root goes down to 50, and they run. Then thread M (S(4),
 *               mcp 0) asks for 120 with itself as authority (refused)
 *               and for 0 (allowed): LAB4_MCP (result, result).
 * ipc_irq       args: badge. IRQHandler for line 0 (the PIT, which the
 *               BIOS left at 18.2 Hz) in S(0), Notification S(1), mint
 *               S(2) with the badge, bound to the line; Ack, Wait:
 *               LAB4_GOT (result, word), twice (LAB4_GOT_AGAIN).
 * ipc_fastpath  args: seed, rounds (<= 60). S(0) Endpoint E; a server
 *               thread (S(1)) in Recv on E answers each Call with its
 *               words transformed (lab4_answer); the root Calls E `rounds`
 *               times with label i and words lab4_word(seed, 4i..4i+3)
 *               (length i % 5), reporting each reply: LAB4_WORDS + i
 *               (info, mr0, mr1, mr3). The grader runs it with the fast
 *               path on and off (fastpath_enabled): the same reports.
 * bench_ipc, bench_yield, bench_signal (make bench, under -icount): the
 *               IPC round trip between two address spaces, fast path and
 *               general path; two threads yielding to each other; a
 *               signal that wakes a higher-priority waiter. Each prints
 *               "bench: ..." with instructions per operation.
 * ipc_fifo      args: n senders (3..8), seed. S(0) Endpoint E; S(1..n)
 *               mints of E with badges lab4_badge(seed, i); threads
 *               S(10+i) send on S(1+i) in turn (label i, mr0 the badge),
 *               each after the one before waits; then thread R (S(20))
 *               receives n messages, reporting LAB4_WORDS + i (info,
 *               badge, mr0, result) for the i-th. Then R Recvs again and
 *               two NBSends meet it: the first is taken, the second finds
 *               nobody (their results logged).
 * ipc_bound_reply  S(0) Endpoint E, S(1) Notification N bound to server
 *               thread S(2). The server receives the root's Call, then
 *               Recvs on E again (owing the reply); the root's second
 *               thread S(3) signals N: the server wakes (LAB4_GOT: result,
 *               info, badge), then replies to the root: LAB4_REPLIED
 *               (result); the root reports LAB4_ROOT_GOT (result, mr0).
 * ipc_deleted   S(0), S(1) Endpoints, S(2) Notification, S(3) Endpoint;
 *               threads: two Send on S(0), one Recvs on S(1), one Waits on
 *               S(2), a caller Calls S(3) whose server (S(9)) received it;
 *               the root deletes S(0), S(1), S(2) and the server's TCB:
 *               each waiter reports LAB4_WOKEN (result).
 */
#ifndef USER_ROOT_LAB4_H
#define USER_ROOT_LAB4_H

#include <erix/errors.h>
#include <stdint.h>

#define LAB4_BUFFER(k) (0x30000000ull + (uint64_t)(k) * 4096)
#define LAB4_ROOT_BUFFER 15
#define LAB4_FAULT_VA 0x31000000ull

/* Report tags (the label of a report). */
enum lab4_tag {
	LAB4_GOT = 0x4000, LAB4_GOT_AGAIN, LAB4_REPLIED, LAB4_REPLIED_AGAIN, LAB4_ROOT_GOT,
	LAB4_REPLY_DEAD, LAB4_CALLER_WOKEN, LAB4_POLL, LAB4_POLL_AGAIN, LAB4_POLL_ZERO,
	LAB4_FAULT_AT, LAB4_READ, LAB4_BAD_RESUME, LAB4_MCP, LAB4_WOKEN,
	LAB4_WORDS = 0x4100, /* + i: words i..i+3 */
};

/* lab4_word: the i-th word of a message for a seed (both sides compute it). */
static inline uint64_t lab4_word(uint64_t seed, uint64_t i)
{
	uint64_t x = seed ^ (i + 1) * 0x9e3779b97f4a7c15ull;
	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ull;
	return x ^ x >> 29;
}

/* lab4_badge: the i-th badge of a seed (48 bits, never 0). */
static inline uint64_t lab4_badge(uint64_t seed, uint64_t i)
{
	return (lab4_word(seed, i) & 0xffffffffffffull) | 1;
}

/* lab4_answer: what ipc_fastpath's server replies for word w (i-th). */
static inline uint64_t lab4_answer(uint64_t w, unsigned i)
{
	return (w ^ 0x5a5a5a5a5a5a5a5aull) + i;
}

/* ipc_errors: X(call, result), in order. S(0) Endpoint, S(1) Notification,
 * S(2) a read-only copy of S(0), S(3) a write-only copy, S(4) a copy of
 * S(0) without GRANT; the root has an IPC buffer. */
#define IPC_ERRORS_CALLS(X)                                                   \
	X(erix_nbsend(S(0), msg(0)), -ERR_WOULD_BLOCK) /* nobody receives */     \
	X(erix_nbrecv(S(0), msg(0)), -ERR_WOULD_BLOCK) /* nobody sends */        \
	X(erix_poll(S(1), NULL), -ERR_WOULD_BLOCK)     /* nothing signalled */   \
	X(erix_reply(msg(0)), -ERR_NO_REPLY)           /* nobody called */       \
	X(erix_send(S(2), msg(0)), -ERR_RIGHTS)        /* no WRITE */            \
	X(erix_recv(S(3), msg(0)), -ERR_RIGHTS)        /* no READ */             \
	X(erix_send(ERIX_ROOT_CNODE, msg(0)), -ERR_WRONG_TYPE)                   \
	X(erix_ipc_call(S(1), msg(0)), -ERR_WRONG_TYPE) /* Call: Endpoints only */ \
	X(erix_nbsend(S(0), msg(4)), -ERR_INVALID)     /* 4 capabilities */      \
	X(erix_nbsend(S(4), msg(1)), -ERR_RIGHTS)      /* a capability, no GRANT */ \
	X(erix_nbsend(S(0), msg(1)), -ERR_WOULD_BLOCK) /* with GRANT: fine */    \
	X(erix_recv(S(9), msg(0)), -ERR_EMPTY_SLOT)                              \
	X(erix_signal(S(1)), 0)                                                  \
	X(erix_poll(S(1), NULL), 0)                    /* signalled */           \
	X(erix_poll(S(1), NULL), -ERR_WOULD_BLOCK)     /* taken */               \
	X(erix_syscall(ERIX_SYS_END, 0, 0, 0, 0, 0, 0, NULL), -ERR_NO_SYSCALL)

void ipc_message(void);
void ipc_call(void);
void ipc_errors(void);
void ipc_grant(void);
void ipc_notify(void);
void ipc_fault(void);
void ipc_sched(void);
void ipc_irq(void);
void ipc_deleted(void);
void ipc_fastpath(void);
void ipc_fifo(void);
void ipc_bound_reply(void);
void bench_ipc(void);
void bench_yield(void);
void bench_signal(void);

#endif /* USER_ROOT_LAB4_H */
