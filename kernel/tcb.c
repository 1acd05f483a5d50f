/*
 * tcb.c: TCB objects and their invocations (see tcb.h).
 */
#include "tcb.h"
#include "sched.h"
#include "arch.h"
#include "cdt.h"
#include "cspace.h"
#include "invocation.h"
#include "ipc.h"
#include "memlayout.h"
#include <erix/errors.h>
#include <erix/invocation.h>
#include <erix/ipc.h>
#include <erix/syscall.h>

void tcb_init(struct tcb *t)
{
	fpu_thread_init(t);
	t->regs.rflags = USER_RFLAGS;
	t->by_syscall = 1;
	t->state = TCB_INACTIVE;
	t->priority = ERIX_DEFAULT_PRIORITY;
	t->mcp = 0;
}

void tcb_stop(struct tcb *t, enum tcb_state state)
{
	ipc_cancel(t);
	sched_remove(t);
	if (t->state != TCB_FAULTED || state != TCB_INACTIVE)
		t->state = state;
}

void tcb_destroy(struct tcb *t)
{
	tcb_stop(t, TCB_INACTIVE);
	notification_unbind(t);
	fpu_release(t);
	if (current == t)
		current = NULL;
	/* Its slots hold copies nothing can be derived from (no CPtr names
	 * them): leaves, whose removal destroys nothing, and reaps nothing in
	 * the middle of the revoke or delete that got here. */
	for (int i = 0; i < TCB_SLOTS; i++)
		if (!cap_is_null(&t->slots[i].cap))
			cdt_remove_leaf(&t->slots[i]);
}

const char *tcb_check(const struct tcb *t)
{
	static const uint8_t slot_type[TCB_SLOTS] = {
		[TCB_CSPACE] = ERIX_OBJ_CNODE, [TCB_VSPACE] = ERIX_OBJ_VSPACE,
		[TCB_IPC_BUFFER] = ERIX_OBJ_FRAME, [TCB_FAULT_HANDLER] = ERIX_OBJ_ENDPOINT,
	};
	if (t->state >= TCB_STATES)
		return "a thread in no known state";
	if ((t->state == TCB_RUNNABLE) != (t->run_next != NULL))
		return "a thread runnable but off the ready queue, or on it but not runnable";
	bool waits = t->state >= TCB_BLOCKED_SEND;
	if (waits != (t->blocked_on != NULL))
		return "a thread waiting on nothing, or not waiting but blocked on something";
	if (t->state == TCB_BLOCKED_REPLY &&
	    ((const struct tcb *)t->blocked_on)->reply_to != t)
		return "a thread waits for a reply from a thread that does not owe it one";
	if (t->reply_to && (t->reply_to->state != TCB_BLOCKED_REPLY ||
			    t->reply_to->blocked_on != t))
		return "a thread owes a reply to a thread that does not wait for it";
	if (t->bound && t->bound->bound != t)
		return "a thread bound to a notification that is not bound to it";
	if (!waits && (t->q_next || t->q_prev))
		return "a thread not waiting, still linked on a wait queue";
	for (int i = 0; i < TCB_SLOTS; i++) {
		const struct cte *s = &t->slots[i];
		if (!cap_is_null(&s->cap) && s->cap.type != slot_type[i])
			return "a thread's CSpace, VSpace, IPC-buffer or fault-handler slot holds the "
			       "wrong type";
		if (cap_is_null(&s->cap) && (s->parent || s->child))
			return "an empty slot of a thread still linked in the tree";
	}
	return NULL;
}

/* invoke_tcb_configure: replace t's three capabilities with copies of
 * cspace, vspace and (if not NULL) the IPC buffer's frame. */
static void invoke_tcb_configure(struct tcb *t, struct cte *cspace, struct cte *vspace,
				 struct cte *buffer, uint64_t buffer_addr)
{
	struct cte *src[] = { [TCB_CSPACE] = cspace, [TCB_VSPACE] = vspace,
			      [TCB_IPC_BUFFER] = buffer }; /* not the fault handler's */
	for (int i = 0; i < (int)(sizeof(src) / sizeof(src[0])); i++) {
		if (!cap_is_null(&t->slots[i].cap))
			cdt_remove_leaf(&t->slots[i]);
		if (src[i]) {
			struct cap copy = src[i]->cap;
			if (copy.type == ERIX_OBJ_FRAME)
				cap_record_mapping(&copy, 0, 0, 0); /* the copy maps nothing */
			cdt_insert_child(src[i], &t->slots[i], copy);
		}
	}
	t->ipc_buffer = buffer ? buffer_addr : 0;
}

/* user_address: is va inside user space? */
static bool user_address(uint64_t va) { return va >= ERIX_USER_MIN && va < ERIX_USER_TOP; }

int decode_tcb_invocation(struct tcb *caller, struct cte *c, const struct invocation *inv)
{
	struct tcb *t = (struct tcb *)c->cap.obj;
	struct cte *cspace, *vspace, *buffer = NULL;
	int err;
	if (!(c->cap.rights & ERIX_RIGHT_WRITE))
		return -ERR_RIGHTS;
	switch (inv->label) {
	case ERIX_TCB_CONFIGURE:
		if ((err = cspace_lookup_cap(caller, inv->mr[0], ERIX_OBJ_CNODE, 0, &cspace)) ||
		    (err = cspace_lookup_cap(caller, inv->mr[1], ERIX_OBJ_VSPACE, 0, &vspace)))
			return err;
		if (inv->mr[2]) {
			if ((err = cspace_lookup_cap(caller, inv->mr[2], ERIX_OBJ_FRAME,
						     ERIX_RIGHT_READ | ERIX_RIGHT_WRITE, &buffer)))
				return err;
			if (!user_address(inv->mr[3]) || inv->mr[3] % PAGE_SIZE)
				return -ERR_BAD_ADDRESS;
		}
		invoke_tcb_configure(t, cspace, vspace, buffer, inv->mr[3]);
		return 0;
	case ERIX_TCB_SET_REGISTERS:
		/* Never let a thread leave the kernel at an address outside
		 * user space: sysret to a non-canonical one faults in ring 0. */
		if (!user_address(inv->mr[0]) || inv->mr[1] > ERIX_USER_TOP)
			return -ERR_BAD_ADDRESS;
		t->regs.rip = inv->mr[0];
		t->regs.rsp = inv->mr[1];
		t->regs.rdi = inv->mr[2];
		t->regs.rflags = USER_RFLAGS;
		return 0;
	case ERIX_TCB_RESUME:
		if (t->slots[TCB_VSPACE].cap.type != ERIX_OBJ_VSPACE)
			return -ERR_INVALID; /* configure it first */
		/* A faulted thread restarts at the faulting rip, which a jump
		 * into the kernel's half (or past ERIX_USER_TOP) left outside
		 * user space: the kernel cannot return there (sysret and
		 * iret to such a rip fault in ring 0). Its registers must be
		 * set first. This is where a user-chosen rip enters; the
		 * check in user_exit() is for kernel bugs. */
		if (t->regs.rip > ERIX_USER_TOP)
			return -ERR_BAD_ADDRESS;
		/* A thread waiting (in IPC, or for its fault handler's reply)
		 * goes on waiting: its wait ends it. */
		if (t->state == TCB_INACTIVE || t->state == TCB_FAULTED) {
			t->ipc_flags = 0; /* a fault it waited on is over */
			sched_add(t);
		}
		return 0;
	case ERIX_TCB_SUSPEND:
		tcb_stop(t, TCB_INACTIVE);
		return 0;
	case ERIX_TCB_SET_PRIORITY: {
		struct cte *auth;
		if ((err = cspace_lookup_cap(caller, inv->mr[0], ERIX_OBJ_TCB, 0, &auth)))
			return err;
		if (inv->mr[1] > ERIX_MAX_PRIORITY || inv->mr[2] > ERIX_MAX_PRIORITY)
			return -ERR_INVALID;
		unsigned mcp = ((struct tcb *)auth->cap.obj)->mcp;
		if (inv->mr[1] > mcp || inv->mr[2] > mcp)
			return -ERR_RIGHTS; /* above what the authority controls */
		t->mcp = (uint8_t)inv->mr[2];
		sched_set_priority(t, (unsigned)inv->mr[1]);
		return 0;
	}
	case ERIX_TCB_SET_FAULT_HANDLER: {
		struct cte *ep = NULL;
		struct cap copy;
		if (inv->mr[0] &&
		    (err = cspace_lookup_cap(caller, inv->mr[0], ERIX_OBJ_ENDPOINT, ERIX_RIGHT_WRITE,
					     &ep)))
			return err;
		if (ep && (err = cap_derive(&ep->cap, ep->cap.rights, false, 0, &copy)))
			return err;
		if (!cap_is_null(&t->slots[TCB_FAULT_HANDLER].cap))
			cdt_remove_leaf(&t->slots[TCB_FAULT_HANDLER]);
		if (ep)
			cdt_insert_child(ep, &t->slots[TCB_FAULT_HANDLER], copy);
		return 0;
	}
	case ERIX_TCB_BIND_NOTIFICATION: {
		struct cte *n;
		if (!inv->mr[0]) {
			notification_unbind(t);
			return 0;
		}
		if ((err = cspace_lookup_cap(caller, inv->mr[0], ERIX_OBJ_NOTIFICATION,
					     ERIX_RIGHT_READ, &n)))
			return err;
		return notification_bind((struct notification *)n->cap.obj, t);
	}
	default:
		return -ERR_BAD_LABEL;
	}
}
