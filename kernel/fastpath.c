/*
 * fastpath.c: the fast path for Call and ReplyRecv (see fastpath.h).
 *
 * Most IPC is a client's Call to a server waiting in Recv, and the
 * server's ReplyRecv back to a client waiting for the reply, with a short
 * message and no capabilities. The general path (syscall.c, ipc_decode.c,
 * ipc.c) handles that case as it handles every other: decode, reap, log,
 * queue, transfer word by word, then ask the scheduler. The fast path
 * checks, first and cheaply, that the call is that case:
 *
 *   - a Call (or ReplyRecv) whose message has at most ERIX_MSG_REG_WORDS
 *     words, no capabilities, no flags;
 *   - through an Endpoint capability with WRITE (READ for the receive);
 *   - the partner waiting: a receiver on the endpoint (for a Call) that
 *     owes nobody a reply; the caller of the last Call (for a ReplyRecv),
 *     not a faulted thread, and no sender waiting on the endpoint nor a
 *     signal on the server's bound notification (the receive would not
 *     wait);
 *   - no dying CNodes to reap, and the partner the thread the scheduler
 *     would choose next (sched_direct_ok);
 *
 * and, if so, does what the general path would, straight: moves the
 * register words, queues or unqueues, and leaves the kernel to the
 * partner (sched_hand_over, leave: the scheduler's and user_exit's work
 * for this one case). Anything else returns to the general path with nothing
 * changed. The results are the general path's, to the register.
 */
#include "fastpath.h"
#include "arch.h"
#include "cdt.h"
#include "cpu.h"
#include "memlayout.h"
#include "paging.h"
#include "usermode.h"
#include "cspace.h"
#include "ipc.h"
#include "sched.h"
#include "tcb.h"
#include <erix/ipc.h>
#include <erix/syscall.h>

uint64_t fastpath_calls, fastpath_replies;

uint64_t fastpath_enabled = 1; /* fastpath=0 on the command line: off */

/* fast_endpoint: the Endpoint that t's CPtr names, with `rights`; NULL
 * (the general path will say why) if it is not one. */
static inline struct cte *fast_endpoint(struct tcb *t, uint64_t cptr, unsigned rights)
{
	const struct cap *root = &t->slots[TCB_CSPACE].cap;
	struct cte *c;
	/* A CSpace of one level, its guard taking the bits its radix does
	 * not (the usual shape, and the root task's): the lookup in one step,
	 * with cspace_lookup's outcome. Others go the long way. */
	if (root->type == ERIX_OBJ_CNODE && root->guard_bits + root->bits == ERIX_WORD_BITS &&
	    root->guard_bits < ERIX_WORD_BITS && root->bits) {
		uint64_t index = cptr & ((1ull << root->bits) - 1);
		if ((root->guard_bits && cptr >> root->bits != root->guard) || !index)
			return NULL;
		c = &cap_cnode_slots(root)[index];
	} else if (cspace_lookup(root, cptr, ERIX_WORD_BITS, &c)) {
		return NULL;
	}
	if (c->cap.type != ERIX_OBJ_ENDPOINT || (c->cap.rights & rights) != rights)
		return NULL;
	return c;
}

/* hand_over: the words of the message `info` from registers r into to's
 * registers, as transfer() would, with the badge; to no longer waits. */
static inline void hand_over(const struct user_regs *r, struct tcb *to, uint64_t info,
			     uint64_t badge)
{
	unsigned n = ERIX_MSGINFO_LENGTH(info);
	if (n > 0)
		to->regs.rdx = r->rdx;
	if (n > 1)
		to->regs.r10 = r->r10;
	if (n > 2)
		to->regs.r8 = r->r8;
	if (n > 3)
		to->regs.r9 = r->r9;
	to->regs.rsi = ERIX_MSGINFO(ERIX_MSGINFO_LABEL(info), n, 0);
	to->regs.rdi = badge;
	to->regs.rax = 0;
	to->blocked_on = NULL;
}

/* leave: to runs now (sched_direct_ok said it may): what sched_switch_to
 * and user_exit do, in the few steps this case needs: the switch noted,
 * its address space and FPU registers loaded, out by sysret (it waits in
 * a system call, so it entered by one). */
static inline void __noreturn leave(struct tcb *to)
{
	sched_note_switch(to);
	paddr_t root = virt_to_phys(to->slots[TCB_VSPACE].cap.obj);
	if ((read_cr3() & PTE_ADDR) != root)
		write_cr3(root);
	fpu_switch_to(to);
	if (!to->by_syscall)
		user_exit(to); /* never: it waits in a system call */
	syscall_save_area = (uint64_t)(&to->regs + 1);
	user_exit_sysret(&to->regs);
}

/*
 * fast_call and fast_reply_recv (LAB 4 exercise, the last).
 *
 * Requirements: the file's comment lists when each applies; then each
 * must leave every thread, endpoint and counter exactly as the general
 * path would (ipc_send with IPC_CALL, ipc_reply then ipc_recv), count
 * itself (fastpath_calls, fastpath_replies), and leave through
 * sched_switch_to. When it does not apply, it returns having changed
 * nothing: the general path then runs as if it had not been there.
 */
static inline void fast_call(struct tcb *t, struct user_regs *r, uint64_t info)
{
#if LAB4_SOLUTION
	struct cte *c = fast_endpoint(t, r->rdi, ERIX_RIGHT_WRITE);
	if (!c)
		return;
	struct endpoint *e = (struct endpoint *)c->cap.obj;
	struct tcb *dst = e->queue.head;
	if (e->state != EP_RECV || dst->reply_to || !sched_direct_ok(t, dst))
		return;
	e->queue.head = dst->q_next; /* tcb_queue_remove of the head */
	if (dst->q_next)
		dst->q_next->q_prev = NULL, dst->q_next = NULL;
	else
		e->queue.tail = NULL, e->state = EP_IDLE;
	hand_over(r, dst, info, c->cap.badge);
	sched_hand_over(t, dst);
	t->state = TCB_BLOCKED_REPLY;
	t->blocked_on = dst;
	t->ipc_flags = IPC_CALL | (c->cap.rights & ERIX_RIGHT_GRANT ? IPC_GRANT : 0);
	dst->reply_to = t;
	fastpath_calls++;
	leave(dst);
#else
	/* LAB 4: your code here (a challenge: the general path works without). */
	(void)t, (void)r, (void)info, (void)fast_endpoint, (void)hand_over, (void)leave;
#endif
}

static inline void fast_reply_recv(struct tcb *t, struct user_regs *r, uint64_t info)
{
#if LAB4_SOLUTION
	struct tcb *caller = t->reply_to;
	if (!caller || (caller->ipc_flags & IPC_FAULT) || (t->bound && t->bound->active))
		return;
	struct cte *c = fast_endpoint(t, r->rdi, ERIX_RIGHT_READ);
	if (!c)
		return;
	struct endpoint *e = (struct endpoint *)c->cap.obj;
	if (e->state == EP_SEND || !sched_direct_ok(t, caller))
		return;
	hand_over(r, caller, info, 0);
	caller->ipc_flags = 0;
	t->reply_to = NULL;
	sched_hand_over(t, caller);
	t->state = TCB_BLOCKED_RECV;
	t->blocked_on = e;
	tcb_queue_append(&e->queue, t);
	e->state = EP_RECV;
	fastpath_replies++;
	leave(caller);
#else
	/* LAB 4: your code here (a challenge). */
	(void)t, (void)r, (void)info;
#endif
}

void fastpath(struct user_regs *r)
{
	uint64_t info = r->rsi;
	if ((r->rax != ERIX_SYS_IPC_CALL && r->rax != ERIX_SYS_REPLY_RECV) || !fastpath_enabled ||
	    (info & 0xff00) || ERIX_MSGINFO_LENGTH(info) > ERIX_MSG_REG_WORDS || cdt_dying_head)
		return;
	struct tcb *t = current;
	t->by_syscall = 1;
	t->syscalls++;
	if (r->rax == ERIX_SYS_IPC_CALL)
		fast_call(t, r, info);
	else
		fast_reply_recv(t, r, info);
	t->syscalls--; /* not taken: the general path counts it */
}
