/*
 * tcb.h: threads (TCB objects) and the scheduler (tcb.c, sched.c).
 *
 * A TCB holds a thread's saved user registers and three slots that
 * TCB_CONFIGURE fills with copies of capabilities: the thread's CSpace
 * root, its VSpace, and the frame of its IPC buffer. Being copies in the
 * derivation tree, they go away when the originals are deleted or
 * revoked. A thread whose VSpace slot is empty cannot run (the scheduler
 * drops it); one whose CSpace slot is empty runs, but every CPtr it names
 * fails with ERR_INVALID_ROOT.
 *
 * One kernel stack serves every thread (the boot stack): a system call
 * runs to its end without waiting, and the thread to go on with is chosen
 * afterwards (sched.c). Lab 4's blocking IPC keeps that shape: a blocked
 * thread's state lives in its TCB, not on a kernel stack.
 */
#ifndef KERNEL_TCB_H
#define KERNEL_TCB_H

#include "cap.h"
#include "uregs.h"

enum tcb_slot { TCB_CSPACE, TCB_VSPACE, TCB_IPC_BUFFER, TCB_SLOTS };

enum tcb_state {
	TCB_INACTIVE = 0, /* made, or suspended: does not run */
	TCB_RUNNABLE = 1, /* on the run queue */
	TCB_FAULTED = 2,  /* stopped by a fault (lab 4 sends it to a handler) */
};

/* A call of this thread stopped at a preemption point, to be run again
 * (syscall.c, preempt.h): what it was, to know it when it comes back.
 * label 0: none. */
struct tcb_restart {
	uint64_t label, cptr, index; /* the invocation's label, cptr and mr[0] */
};

struct tcb {
	struct cte slots[TCB_SLOTS];
	struct user_regs regs;       /* saved while it is not running */
	uint64_t ipc_buffer;         /* user address of its IPC buffer */
	uint64_t state;              /* enum tcb_state */
	uint64_t by_syscall;         /* entered the kernel by syscall: leave by
					sysret (else by iretq) */
	struct tcb *run_next, *run_prev; /* the run queue (sched.c) */
	uint64_t fault_vector, fault_error, fault_addr; /* its last fault */
	uint64_t syscalls;           /* system calls made */
	struct tcb_restart restart;  /* a call stopped part-way (syscall.c) */
	struct fpu_state fpu;        /* x87/MMX/SSE, while another thread has
					the FPU (fpu.c) */
};
_Static_assert(sizeof(struct tcb) <= 1024, "erix/caps.h: a TCB is 2^10 bytes");

/* tcb_init: set up a zeroed TCB. */
void tcb_init(struct tcb *t);

/* tcb_check: t's own invariants (selfcheck.c): a known state, on the run
 * queue exactly when runnable, its slots of the types they are for.
 * NULL, or what is wrong. */
const char *tcb_check(const struct tcb *t);

/* tcb_destroy: end thread t: off the run queue, its slots emptied. */
void tcb_destroy(struct tcb *t);

struct invocation;
/* decode_tcb_invocation: TCB_CONFIGURE, TCB_SET_REGISTERS, TCB_RESUME,
 * TCB_SUSPEND on the TCB in slot c (erix/invocation.h). */
int decode_tcb_invocation(struct tcb *caller, struct cte *c, const struct invocation *inv);

#endif /* KERNEL_TCB_H */
