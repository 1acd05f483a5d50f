/*
 * fault.c: faults as messages (see erix/ipc.h for the message, ipc.h).
 *
 * A thread that faults in user mode is the business of its fault
 * handler, a user thread: the kernel stops the faulting thread and Calls
 * the handler's endpoint in its name. The message is made when a
 * receiver takes it (fault_load, from the fault record and registers the
 * TCB keeps), so a fault waiting in an endpoint's queue costs nothing
 * more than a Call would. The handler's reply resumes the thread or
 * leaves it stopped (fault_reply).
 */
#include "ipc.h"
#include "kprintf.h"
#include "sched.h"
#include "tcb.h"
#include <erix/errors.h>
#include <erix/ipc.h>
#include <erix/syscall.h>

/* The flags a handler may set in a resumed thread's rflags: CF, PF, AF,
 * ZF, SF, DF and OF (never IF, IOPL, TF, AC...). */
#define USER_CHANGEABLE_FLAGS 0xcd5ull

void fault_send(struct tcb *t)
{
	struct cte *h = &t->slots[TCB_FAULT_HANDLER];
	if (h->cap.type == ERIX_OBJ_ENDPOINT && (h->cap.rights & ERIX_RIGHT_WRITE)) {
		kprintf("; sent to its fault handler\n");
		ipc_send(t, (struct endpoint *)h->cap.obj, ERIX_MSGINFO(ERIX_FAULT_LABEL, 0, 0),
			 h->cap.badge, IPC_CALL | IPC_FAULT, true);
		if (t->state != TCB_RUNNABLE) /* an ipc_send stub leaves it runnable */
			return;
		kprintf("fault: the send failed; the thread stops\n");
	} else {
		kprintf("; the thread stops\n");
	}
	tcb_stop(t, TCB_FAULTED);
}

/*
 * fault_load and fault_reply (LAB 4 exercise).
 *
 * Requirements (erix/ipc.h, "Fault messages", is the contract):
 *  - fault_load: w[0] the vector, w[1] the error code, w[2] the address
 *    (a page fault's, else 0), then the registers in ERIX_FAULT_REGS
 *    order;
 *  - fault_reply with label ERIX_FAULT_RESUME: the first n registers of
 *    ERIX_FAULT_REGS order take w[0..n-1]; a rip outside user space
 *    ([ERIX_USER_MIN, ERIX_USER_TOP)) or an rsp past ERIX_USER_TOP
 *    fails with -ERR_BAD_ADDRESS before anything changes; rflags keeps
 *    only USER_CHANGEABLE_FLAGS of what the handler sent, with
 *    USER_RFLAGS always set; the thread runs again;
 *  - any other label: the thread stays stopped (TCB_FAULTED);
 *  - either way (but the error) the thread no longer waits for a reply.
 */
void fault_load(const struct tcb *t, uint64_t *w)
{
#if LAB4_SOLUTION
	w[0] = t->fault_vector;
	w[1] = t->fault_error;
	w[2] = t->fault_vector == 14 ? t->fault_addr : 0;
	unsigned i = 3;
#define LOAD_REG(r) w[i++] = t->regs.r;
	ERIX_FAULT_REGS(LOAD_REG)
#undef LOAD_REG
#else
	/* LAB 4: your code here. */
	for (unsigned i = 0; i < ERIX_FAULT_MSG_WORDS; i++)
		w[i] = 0;
	(void)t;
#endif
}

int fault_reply(struct tcb *t, uint64_t label, const uint64_t *w, unsigned n)
{
#if LAB4_SOLUTION
	if (label == ERIX_FAULT_RESUME) {
		if ((n >= 1 && (w[0] < ERIX_USER_MIN || w[0] >= ERIX_USER_TOP)) ||
		    (n >= 2 && w[1] > ERIX_USER_TOP))
			return -ERR_BAD_ADDRESS; /* and nothing changed */
		if (n > ERIX_FAULT_REG_COUNT)
			n = ERIX_FAULT_REG_COUNT;
		unsigned i = 0;
#define STORE_REG(r) if (i < n) t->regs.r = w[i]; i++;
		ERIX_FAULT_REGS(STORE_REG)
#undef STORE_REG
		t->regs.rflags = (t->regs.rflags & USER_CHANGEABLE_FLAGS) | USER_RFLAGS;
		t->blocked_on = NULL;
		t->ipc_flags = 0;
		t->state = TCB_INACTIVE;
		sched_add(t);
		return 0;
	}
	t->blocked_on = NULL;
	t->ipc_flags = 0;
	t->state = TCB_FAULTED;
	return 0;
#else
	/* LAB 4: your code here. */
	(void)t, (void)label, (void)w, (void)n;
	return -ERR_NOT_IMPLEMENTED;
#endif
}
