/*
 * ulib.h: EriX's user library: system calls, capability operations,
 * printing. Everything a user program needs, clean-room, no libc.
 *
 * Each operation returns 0 or the negative of an erix/errors.h code, as
 * the kernel answered it.
 */
#ifndef USER_ULIB_H
#define USER_ULIB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <erix/bootinfo.h>
#include <erix/caps.h>
#include <erix/errors.h>
#include <erix/invocation.h>
#include <erix/ipc.h>
#include <erix/syscall.h>

/* ---- system calls (erix/syscall.h has the registers) -------------------- */

/* erix_syscall: the raw system call: number, rdi, rsi, mr0..mr3; *out
 * (if not NULL) gets rdx back. */
static inline long erix_syscall(uint64_t nr, uint64_t rdi, uint64_t rsi, uint64_t mr0,
				uint64_t mr1, uint64_t mr2, uint64_t mr3, uint64_t *out)
{
	register uint64_t r10 __asm__("r10") = mr1;
	register uint64_t r8 __asm__("r8") = mr2;
	register uint64_t r9 __asm__("r9") = mr3;
	uint64_t rax = nr, rdx = mr0;
	__asm__ volatile("syscall"
			 : "+a"(rax), "+d"(rdx), "+r"(r10), "+r"(r8), "+r"(r9)
			 : "D"(rdi), "S"(rsi)
			 : "rcx", "r11", "memory");
	if (out)
		*out = rdx;
	return (long)rax;
}

/* erix_call: invoke capability cptr with label and mr0..mr3. */
static inline long erix_call(erix_cptr_t cptr, uint64_t label, uint64_t mr0, uint64_t mr1,
			     uint64_t mr2, uint64_t mr3, uint64_t *out)
{
	return erix_syscall(ERIX_SYS_CALL, cptr, label, mr0, mr1, mr2, mr3, out);
}

static inline long erix_yield(void)
{
	return erix_syscall(ERIX_SYS_YIELD, 0, 0, 0, 0, 0, 0, NULL);
}

static inline long erix_debug_puts(const void *s, uint64_t len)
{
	return erix_syscall(ERIX_SYS_DEBUG_PUTS, (uint64_t)s, len, 0, 0, 0, 0, NULL);
}

/* ---- operations on capabilities (erix/invocation.h) ---------------------- */

static inline long untyped_retype(erix_cptr_t ut, unsigned type, unsigned size_bits,
				  erix_cptr_t dest)
{
	return erix_call(ut, ERIX_UNTYPED_RETYPE, type, size_bits, dest, 0, NULL);
}

/* The CNode operations: dest/target are indexes in the CNode `cnode`
 * (depth 64 for CNodes made by retype); src is a CPtr of the caller's. */
static inline long cnode_copy(erix_cptr_t cnode, uint64_t dest, erix_cptr_t src,
			      unsigned rights)
{
	return erix_call(cnode, ERIX_CNODE_COPY, dest, src, 0, rights, NULL);
}
static inline long cnode_mint(erix_cptr_t cnode, uint64_t dest, erix_cptr_t src,
			      unsigned rights, uint64_t badge)
{
	return erix_call(cnode, ERIX_CNODE_MINT, dest, src, 0, ERIX_MINT_WORD(rights, badge), NULL);
}
static inline long cnode_move(erix_cptr_t cnode, uint64_t dest, erix_cptr_t src)
{
	return erix_call(cnode, ERIX_CNODE_MOVE, dest, src, 0, 0, NULL);
}
static inline long cnode_delete(erix_cptr_t cnode, uint64_t target)
{
	return erix_call(cnode, ERIX_CNODE_DELETE, target, 0, 0, 0, NULL);
}
static inline long cnode_revoke(erix_cptr_t cnode, uint64_t target)
{
	return erix_call(cnode, ERIX_CNODE_REVOKE, target, 0, 0, 0, NULL);
}

static inline long tcb_configure(erix_cptr_t tcb, erix_cptr_t cspace, erix_cptr_t vspace,
				 erix_cptr_t buffer, uint64_t buffer_addr)
{
	return erix_call(tcb, ERIX_TCB_CONFIGURE, cspace, vspace, buffer, buffer_addr, NULL);
}
static inline long tcb_set_registers(erix_cptr_t tcb, uint64_t rip, uint64_t rsp, uint64_t rdi)
{
	return erix_call(tcb, ERIX_TCB_SET_REGISTERS, rip, rsp, rdi, 0, NULL);
}
static inline long tcb_resume(erix_cptr_t tcb)
{
	return erix_call(tcb, ERIX_TCB_RESUME, 0, 0, 0, 0, NULL);
}
static inline long tcb_suspend(erix_cptr_t tcb)
{
	return erix_call(tcb, ERIX_TCB_SUSPEND, 0, 0, 0, 0, NULL);
}

static inline long frame_map(erix_cptr_t frame, erix_cptr_t vspace, uint64_t vaddr,
			     unsigned rights, unsigned attrs)
{
	return erix_call(frame, ERIX_FRAME_MAP, vspace, vaddr, rights, attrs, NULL);
}
static inline long frame_unmap(erix_cptr_t frame)
{
	return erix_call(frame, ERIX_FRAME_UNMAP, 0, 0, 0, 0, NULL);
}
static inline long page_table_map(erix_cptr_t pt, erix_cptr_t vspace, uint64_t vaddr)
{
	return erix_call(pt, ERIX_PAGE_TABLE_MAP, vspace, vaddr, 0, 0, NULL);
}

/* cap_identify: the type (low 8 bits), rights (next 8) and badge. */
static inline long ioport_issue(erix_cptr_t ioport, uint64_t first, uint64_t last,
				erix_cptr_t dest)
{
	return erix_call(ioport, ERIX_IOPORT_ISSUE, first, last, dest, 0, NULL);
}
static inline long irq_handler_ack(erix_cptr_t handler, uint64_t *arrivals)
{
	return erix_call(handler, ERIX_IRQ_HANDLER_ACK, 0, 0, 0, 0, arrivals);
}

static inline long cap_identify(erix_cptr_t c, uint64_t *what)
{
	return erix_call(c, ERIX_CAP_IDENTIFY, 0, 0, 0, 0, what);
}

static inline long tcb_set_priority(erix_cptr_t tcb, erix_cptr_t authority, unsigned priority,
				    unsigned mcp)
{
	return erix_call(tcb, ERIX_TCB_SET_PRIORITY, authority, priority, mcp, 0, NULL);
}
static inline long tcb_set_fault_handler(erix_cptr_t tcb, erix_cptr_t endpoint)
{
	return erix_call(tcb, ERIX_TCB_SET_FAULT_HANDLER, endpoint, 0, 0, 0, NULL);
}
static inline long tcb_bind_notification(erix_cptr_t tcb, erix_cptr_t notification)
{
	return erix_call(tcb, ERIX_TCB_BIND_NOTIFICATION, notification, 0, 0, 0, NULL);
}
static inline long irq_handler_set_notification(erix_cptr_t handler, erix_cptr_t notification)
{
	return erix_call(handler, ERIX_IRQ_HANDLER_SET_NOTIFICATION, notification, 0, 0, 0, NULL);
}

/* ---- IPC (erix/ipc.h) ------------------------------------------------------ */

/* A message as the IPC wrappers pass it: the info word, the badge (what
 * a receive returns in rdi) and the register words mr0..mr3; words past
 * them live in the IPC buffer (struct erix_ipc_buffer, at the address
 * TCB_CONFIGURE gave). */
struct erix_msg {
	uint64_t info, badge;
	uint64_t mr[ERIX_MSG_REG_WORDS];
};

/* erix_ipc: the raw IPC system call nr on cptr: sends m->info and m->mr,
 * and, for the calls that receive, fills *m with what came. */
static inline long erix_ipc(uint64_t nr, erix_cptr_t cptr, struct erix_msg *m)
{
	register uint64_t r10 __asm__("r10") = m->mr[1];
	register uint64_t r8 __asm__("r8") = m->mr[2];
	register uint64_t r9 __asm__("r9") = m->mr[3];
	uint64_t rax = nr, rdi = cptr, rsi = m->info, rdx = m->mr[0];
	__asm__ volatile("syscall"
			 : "+a"(rax), "+D"(rdi), "+S"(rsi), "+d"(rdx), "+r"(r10), "+r"(r8),
			   "+r"(r9)
			 :
			 : "rcx", "r11", "memory");
	if (nr != ERIX_SYS_SEND && nr != ERIX_SYS_NBSEND && nr != ERIX_SYS_REPLY && !(long)rax) {
		m->info = rsi;
		m->badge = rdi;
		m->mr[0] = rdx, m->mr[1] = r10, m->mr[2] = r8, m->mr[3] = r9;
	}
	return (long)rax;
}

static inline long erix_send(erix_cptr_t ep, struct erix_msg *m) { return erix_ipc(ERIX_SYS_SEND, ep, m); }
static inline long erix_nbsend(erix_cptr_t ep, struct erix_msg *m) { return erix_ipc(ERIX_SYS_NBSEND, ep, m); }
static inline long erix_recv(erix_cptr_t ep, struct erix_msg *m) { return erix_ipc(ERIX_SYS_RECV, ep, m); }
static inline long erix_nbrecv(erix_cptr_t ep, struct erix_msg *m) { return erix_ipc(ERIX_SYS_NBRECV, ep, m); }
static inline long erix_ipc_call(erix_cptr_t ep, struct erix_msg *m) { return erix_ipc(ERIX_SYS_IPC_CALL, ep, m); }
static inline long erix_reply(struct erix_msg *m) { return erix_ipc(ERIX_SYS_REPLY, 0, m); }
static inline long erix_reply_recv(erix_cptr_t ep, struct erix_msg *m) { return erix_ipc(ERIX_SYS_REPLY_RECV, ep, m); }

/* Notifications: Signal is a Send, Wait a Recv, Poll an NBRecv; *word
 * (if not NULL) gets the word. */
static inline long erix_signal(erix_cptr_t n)
{
	struct erix_msg m = { 0 };
	return erix_send(n, &m);
}
static inline long erix_wait(erix_cptr_t n, uint64_t *word)
{
	struct erix_msg m = { 0 };
	long r = erix_recv(n, &m);
	if (word)
		*word = m.badge;
	return r;
}
static inline long erix_poll(erix_cptr_t n, uint64_t *word)
{
	struct erix_msg m = { 0 };
	long r = erix_nbrecv(n, &m);
	if (word)
		*word = m.badge;
	return r;
}

/* ---- helpers (ulib.c) ----------------------------------------------------- */

/* The boot info, and the next free slot of the root CNode (slot_alloc). */
extern const struct erix_bootinfo *bootinfo;
extern erix_cptr_t erix_self_tcb; /* suspended by erix_exit, if set */

/* ulib_init: remember what the program was started with (crt0 calls it
 * before main): the root task's boot info, or a process's proc_info
 * (user/include/proc.h), whose magic tells them apart. */
void ulib_init(const void *info);

/* A process's proc_info (NULL in the root task), and the console
 * server's capability uprintf writes through (0: the kernel's debug
 * output). */
struct proc_info;
extern const struct proc_info *procinfo;
extern erix_cptr_t ulib_console;

/* slot_alloc: an empty slot of the root CNode (0 when none is left):
 * the free slots in order, from bootinfo->empty.start or from where
 * slot_alloc_from said. */
erix_cptr_t slot_alloc(void);
void slot_alloc_from(erix_cptr_t first);
/* slot_alloc_n: n consecutive free slots; the first, or 0 if too few. */
erix_cptr_t slot_alloc_n(unsigned n);

/* untyped_find: the largest Untyped capability of at least 2^size_bits
 * bytes in the boot info (the first of equals), or 0 if none. */
erix_cptr_t untyped_find(unsigned size_bits);

/* retype_new: retype from ut into a fresh slot; the slot, or 0. */
erix_cptr_t retype_new(erix_cptr_t ut, unsigned type, unsigned size_bits);

/* map_page: map frame at vaddr in vspace with rights, retyping the page
 * tables the path needs from ut. Returns the frame_map result. */
long map_page(erix_cptr_t ut, erix_cptr_t vspace, erix_cptr_t frame, uint64_t vaddr,
	      unsigned rights);

/* uprintf: printf to the console (kernel/format.c's conversions). */
int uprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* erix_strerror: the text of an error code (negative or not). */
const char *erix_strerror(long err);

/* erix_exit: end the program with status: a process the process server
 * started asks it to end it (PROC_EXIT); otherwise (the root task, the
 * servers) this thread suspends itself, or faults if it cannot. */
void __attribute__((noreturn)) erix_exit(int status);

/* memset, memcpy, strlen, strcmp, ...: kernel/kstring.c, built for user
 * space too. */
#include "kstring.h"

#endif /* USER_ULIB_H */
