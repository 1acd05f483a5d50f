/*
 * tcb.h: threads (TCB objects) and the scheduler (tcb.c, sched.c).
 *
 * A TCB holds a thread's saved user registers and four slots that hold
 * copies of capabilities: the thread's CSpace root, its VSpace, and the
 * frame of its IPC buffer (TCB_CONFIGURE), and its fault handler's
 * endpoint (TCB_SET_FAULT_HANDLER, lab 4). Being copies in the
 * derivation tree, they go away when the originals are deleted or
 * revoked. A thread whose VSpace slot is empty cannot run (the scheduler
 * drops it); one whose CSpace slot is empty runs, but every CPtr it names
 * fails with ERR_INVALID_ROOT.
 *
 * One kernel stack serves every thread (the boot stack): a system call
 * runs to its end without waiting, and the thread to go on with is chosen
 * afterwards (sched.c). Lab 4's blocking IPC keeps that shape: a blocked
 * thread's state lives in its TCB, not on a kernel stack, and whoever
 * wakes it writes its system call's results into its saved registers.
 */
#ifndef KERNEL_TCB_H
#define KERNEL_TCB_H

#include "cap.h"
#include "tcb_offsets.h"
#include "uregs.h"

enum tcb_slot { TCB_CSPACE, TCB_VSPACE, TCB_IPC_BUFFER, TCB_FAULT_HANDLER, TCB_SLOTS };

/*
 * A thread's state. Only a RUNNABLE thread is on a ready queue (sched.c);
 * a BLOCKED_* thread is on the queue of the object it waits on (its
 * blocked_on), except BLOCKED_REPLY, which waits on a thread (the one
 * that received its Call: that thread's reply_to names it).
 */
enum tcb_state {
	TCB_INACTIVE = 0,      /* made, or suspended: does not run */
	TCB_RUNNABLE = 1,      /* on a ready queue */
	TCB_FAULTED = 2,       /* stopped by a fault, no handler waiting on it */
	TCB_BLOCKED_SEND = 3,  /* queued on an endpoint to send (or Call) */
	TCB_BLOCKED_RECV = 4,  /* queued on an endpoint to receive */
	TCB_BLOCKED_REPLY = 5, /* sent a Call (or a fault), waits for the reply */
	TCB_BLOCKED_WAIT = 6,  /* queued on a notification (Wait) */
	TCB_STATES
};

/* What a thread blocked in TCB_BLOCKED_SEND is sending (ipc.c): the
 * words themselves stay in its registers and IPC buffer until a receiver
 * takes them. */
enum ipc_flags {
	IPC_CALL = 1,  /* a Call: the sender then waits for the reply */
	IPC_GRANT = 2, /* through a capability with GRANT */
	IPC_FAULT = 4, /* a fault message, made from its fault record */
};

/* A call of this thread stopped at a preemption point, to be run again
 * (syscall.c, preempt.h): what it was, to know it when it comes back.
 * label 0: none. */
struct tcb_restart {
	uint64_t label, cptr, index; /* the invocation's label, cptr and mr[0] */
};

struct notification;

struct tcb {
	struct cte slots[TCB_SLOTS];
	struct user_regs regs;       /* saved while it is not running */
	uint64_t ipc_buffer;         /* user address of its IPC buffer */
	uint64_t state;              /* enum tcb_state */
	uint64_t by_syscall;         /* entered the kernel by syscall: leave by
					sysret (else by iretq) */
	/* Scheduling (sched.c). */
	struct tcb *run_next, *run_prev; /* its ready queue */
	uint8_t priority, mcp;       /* 0..ERIX_MAX_PRIORITY (erix/ipc.h) */
	uint64_t ticks;              /* timer ticks it was running at */
	uint64_t switches;           /* times it was switched to */
	/* IPC (ipc.c, notification.c). */
	void *blocked_on;            /* the endpoint or notification whose queue
					it is on, or for BLOCKED_REPLY the thread
					that owes it the reply (NULL if none) */
	struct tcb *q_next, *q_prev; /* that queue (NULL-terminated) */
	uint64_t ipc_info;           /* BLOCKED_SEND: the message info */
	uint64_t ipc_badge;          /* BLOCKED_SEND: the badge it sends with */
	uint64_t ipc_flags;          /* BLOCKED_SEND/REPLY: enum ipc_flags */
	struct tcb *reply_to;        /* the caller waiting for this thread's
					Reply (its last received Call) */
	struct notification *bound;  /* its bound notification, if any */
	uint64_t fault_vector, fault_error, fault_addr; /* its last fault */
	uint64_t syscalls;           /* system calls made */
	struct tcb_restart restart;  /* a call stopped part-way (syscall.c) */
	struct fpu_state fpu;        /* x87/MMX/SSE, while another thread has
					the FPU (fpu.c) */
};
_Static_assert(sizeof(struct tcb) <= 2048, "erix/caps.h: a TCB is 2^11 bytes");
/* The offsets syscall.S's fast Yield uses (TCB_RUN_NEXT, TCB_SYSCALLS). */
_Static_assert(__builtin_offsetof(struct tcb, run_next) == TCB_RUN_NEXT, "syscall.S");
_Static_assert(__builtin_offsetof(struct tcb, syscalls) == TCB_SYSCALLS, "syscall.S");

/* tcb_init: set up a zeroed TCB. */
void tcb_init(struct tcb *t);

/* tcb_check: t's own invariants (selfcheck.c): a known state, on a ready
 * queue exactly when runnable, on an object's queue exactly when blocked
 * on one, its reply links both ways, its slots of the types they are
 * for. NULL, or what is wrong. */
const char *tcb_check(const struct tcb *t);

/* tcb_destroy: end thread t: its IPC cancelled (ipc_cancel), off the
 * ready queue, unbound, its slots emptied. */
void tcb_destroy(struct tcb *t);

/* tcb_stop: t stops running and waiting (its IPC cancelled) and becomes
 * `state` (TCB_INACTIVE or TCB_FAULTED). */
void tcb_stop(struct tcb *t, enum tcb_state state);

struct invocation;
/* decode_tcb_invocation: TCB_CONFIGURE, TCB_SET_REGISTERS, TCB_RESUME,
 * TCB_SUSPEND on the TCB in slot c (erix/invocation.h). */
int decode_tcb_invocation(struct tcb *caller, struct cte *c, const struct invocation *inv);

#endif /* KERNEL_TCB_H */
