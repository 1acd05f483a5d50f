/*
 * erix/ipc.h: messages (lab 4): the message-info word, the IPC buffer,
 * and the messages the kernel itself sends (faults).
 *
 * Part of the public ABI; includes nothing kernel-internal.
 *
 * A message is a message-info word (a label the kernel does not look at,
 * a length, and how many capabilities come with it) and up to
 * ERIX_MSG_MAX_WORDS message registers mr0, mr1, ...: the first
 * ERIX_MSG_REG_WORDS travel in CPU registers (rdx, r10, r8, r9, as for
 * invocations), the rest in the thread's IPC buffer, the frame that
 * TCB_CONFIGURE names (struct erix_ipc_buffer, at the address given
 * there). A thread without an IPC buffer sends and receives the register
 * words only.
 *
 * The IPC system calls (erix/syscall.h has the numbers) take
 *
 *   rdi  the capability: an Endpoint, or for Send/NBSend/Recv/NBRecv a
 *        Notification (Signal, Wait, Poll: see below)
 *   rsi  the message info (ERIX_MSGINFO) of what is sent
 *   rdx, r10, r8, r9   mr0..mr3 of what is sent
 *
 * and every call that receives (Recv, NBRecv, Call, ReplyRecv) comes back
 * with
 *
 *   rax  0, or the negative of an erix/errors.h code
 *   rsi  the message info of what was received: its length and number of
 *        capabilities as delivered (clamped: see below)
 *   rdi  the badge of the capability the sender used (0: none); for a
 *        notification, its word
 *   rdx, r10, r8, r9   mr0..mr3 received
 *
 * Send, NBSend and Reply return rax only. rcx and r11 are destroyed, as
 * for every system call; the other registers are kept.
 *
 * Rights: sending (Send, NBSend, Call, a Signal) needs WRITE on the
 * capability, receiving (Recv, NBRecv, a Wait or Poll) READ, and sending
 * capabilities GRANT (else the send fails with ERR_RIGHTS). A Reply may
 * carry capabilities when the Call it answers came through a capability
 * with GRANT, under the same rules.
 *
 * Lengths: a length over ERIX_MSG_MAX_WORDS is cut to it, and to
 * ERIX_MSG_REG_WORDS when either thread has no IPC buffer; the receiver's
 * message info says what arrived. More than ERIX_MSG_MAX_CAPS capabilities
 * is ERR_INVALID.
 */
#ifndef ERIX_IPC_H
#define ERIX_IPC_H

#include <stdint.h>

#define ERIX_MSG_REG_WORDS 4  /* mr0..mr3 in registers */
#define ERIX_MSG_MAX_WORDS 32 /* a message's most words */
#define ERIX_MSG_MAX_CAPS 3   /* a message's most capabilities */

/*
 * The message-info word: the length (words) in bits 0-7, the number of
 * capabilities in bits 8-11, flags in 12-15, the label in bits 16-63.
 * ERIX_MSG_SIGNAL is set on what a Recv returns when it was woken by the
 * thread's bound notification (TCB_BIND_NOTIFICATION) rather than by a
 * message: rdi then holds the notification's word.
 */
#define ERIX_MSGINFO(label, length, caps) \
	((uint64_t)(label) << 16 | (uint64_t)((caps) & 0xf) << 8 | (uint64_t)((length) & 0xff))
#define ERIX_MSGINFO_LENGTH(w) ((unsigned)((w) & 0xff))
#define ERIX_MSGINFO_CAPS(w) ((unsigned)((w) >> 8 & 0xf))
#define ERIX_MSGINFO_LABEL(w) ((uint64_t)(w) >> 16)
#define ERIX_MSG_SIGNAL 0x1000u
/* ERIX_MSG_MOVE, set by a sender (lab 6): the message's capabilities move
 * to the receiver, the sender's slots left empty, each keeping its place
 * in the derivation tree, rather than arriving as children of the
 * sender's (an Untyped always moves). */
#define ERIX_MSG_MOVE 0x2000u

/*
 * The IPC buffer: one page, at a page-aligned user address, that the
 * thread (and the kernel, on its behalf) reads and writes.
 *   mr[]          message words mr4 and up (mr[0..3] are not used: those
 *                 words travel in registers)
 *   send_caps[]   CPtrs (depth 64, in the sender's CSpace) of the
 *                 capabilities a message carries, as many as its info says
 *   recv_slots[]  CPtrs (depth 64, in the receiver's CSpace) of empty slots
 *                 the receiver offers, recv_count of them (0: it takes no
 *                 capabilities). The i-th capability sent lands in the
 *                 i-th slot; one that cannot be transferred (the slot is
 *                 not empty, the capability is gone) ends the transfer:
 *                 the message info's count says how many arrived. Each
 *                 arrives as a copy, a child of the sender's; but an
 *                 Untyped, never copied, moves: the sender's slot is
 *                 empty after (lab 5's memory server hands memory out
 *                 so, keeping the parent to revoke it).
 *   recv_badges[] the badge of each capability received (0: none)
 */
struct erix_ipc_buffer {
	uint64_t mr[ERIX_MSG_MAX_WORDS];
	uint64_t send_caps[ERIX_MSG_MAX_CAPS];
	uint64_t recv_slots[ERIX_MSG_MAX_CAPS];
	uint64_t recv_count;
	uint64_t recv_badges[ERIX_MSG_MAX_CAPS];
};
_Static_assert(sizeof(struct erix_ipc_buffer) <= 4096, "the IPC buffer is one page");

/*
 * Fault messages. A thread that faults in user mode (an exception: #DE,
 * #UD, #GP, #PF, int3, ...) while its TCB names a fault handler
 * (TCB_SET_FAULT_HANDLER: an Endpoint capability with WRITE) is stopped
 * and Calls that endpoint, as if by itself, with
 *
 *   label  ERIX_FAULT_LABEL
 *   mr0    the exception's vector (14 for a page fault, 3 for int3, ...)
 *   mr1    its error code (0 when it has none)
 *   mr2    the faulting address (cr2) for a page fault, else 0
 *   mr3..  its registers, in ERIX_FAULT_REGS order (rip first)
 *
 * The badge is the handler capability's. The handler's reply decides:
 * label ERIX_FAULT_RESUME resumes the thread, its registers first
 * replaced by the reply's words, in ERIX_FAULT_REGS order (mr0 the new
 * rip, mr1 rsp, ...; as many as the reply's length, 0: none replaced);
 * any other label leaves it stopped (TCB_RESUME can start it again). A
 * reply whose rip is outside user space, or whose rsp is past
 * ERIX_USER_TOP, is refused with ERR_BAD_ADDRESS (the reply is not used
 * up). rflags keeps only its arithmetic flags and
 * DF. A thread with no fault handler stops, as in lab 3.
 */
#define ERIX_FAULT_LABEL 0xfa017ull
#define ERIX_FAULT_RESUME 1

/* X(register) in the order of a fault message (from mr3) and of a reply. */
#define ERIX_FAULT_REGS(X) \
	X(rip) X(rsp) X(rflags) X(rax) X(rbx) X(rcx) X(rdx) X(rsi) X(rdi) X(rbp) \
	X(r8) X(r9) X(r10) X(r11) X(r12) X(r13) X(r14) X(r15)
#define ERIX_FAULT_REG_COUNT 18
#define ERIX_FAULT_MSG_WORDS (3 + ERIX_FAULT_REG_COUNT)

/* Priorities (TCB_SET_PRIORITY): 0 lowest, ERIX_MAX_PRIORITY highest. The
 * root task starts at ERIX_DEFAULT_PRIORITY with the maximum controlled
 * priority ERIX_MAX_PRIORITY; every new thread at ERIX_DEFAULT_PRIORITY
 * with a maximum controlled priority of 0. */
#define ERIX_PRIORITIES 256
#define ERIX_MAX_PRIORITY 255
#define ERIX_DEFAULT_PRIORITY 100

#endif /* ERIX_IPC_H */
