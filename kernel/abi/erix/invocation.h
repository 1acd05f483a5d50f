/*
 * erix/invocation.h: operations on kernel objects (invocations).
 *
 * Part of the public ABI; includes nothing kernel-internal.
 *
 * An invocation is the system call ERIX_SYS_CALL on a capability: the
 * capability's type selects the object, the label one of its operations,
 * and up to four message registers mr0..mr3 carry the arguments (see
 * erix/syscall.h for the registers). A label that the capability's type
 * does not have fails with ERR_BAD_LABEL.
 *
 * "slot" arguments are CPtrs in the caller's CSpace, looked up with depth
 * 64, unless the operation says otherwise. "depth" 0 means 64.
 */
#ifndef ERIX_INVOCATION_H
#define ERIX_INVOCATION_H

#include <stdint.h>

/* X(label, number, mr0, mr1, mr2, mr3 -> result) */
#define ERIX_INVOCATIONS(X)                                                  \
	/* Untyped: make an object in the untyped memory, its capability in    \
	 * the empty slot dest (looked up with dest_depth). */                   \
	X(ERIX_UNTYPED_RETYPE, 1, "type, size_bits, dest, dest_depth")          \
	/* CNode: dest/target are indexes under the CNode invoked (looked up   \
	 * with depth); src is a CPtr in the caller's CSpace (depth 64). */     \
	X(ERIX_CNODE_COPY, 2, "dest, src, depth, rights")                       \
	X(ERIX_CNODE_MINT, 3, "dest, src, depth, rights | badge << 8")          \
	X(ERIX_CNODE_MOVE, 4, "dest, src, depth, -")                            \
	X(ERIX_CNODE_DELETE, 5, "target, -, depth, -")                          \
	X(ERIX_CNODE_REVOKE, 6, "target, -, depth, -")                          \
	/* TCB */                                                               \
	X(ERIX_TCB_CONFIGURE, 7, "cspace, vspace, ipc_buffer frame, ipc_buffer address") \
	X(ERIX_TCB_SET_REGISTERS, 8, "rip, rsp, rdi, -")                        \
	X(ERIX_TCB_RESUME, 9, "-")                                              \
	X(ERIX_TCB_SUSPEND, 10, "-")                                            \
	/* Frame (mr2: ERIX_RIGHT_READ/WRITE for the mapping; mr3 bit 0: exec) */ \
	X(ERIX_FRAME_MAP, 11, "vspace, vaddr, rights, attributes")              \
	X(ERIX_FRAME_UNMAP, 12, "- (ERR_NOT_MAPPED: it mapped nothing)")       \
	X(ERIX_FRAME_ADDRESS, 13, "- -> physical address")                      \
	/* PageTable: becomes the first missing table on vaddr's path. */       \
	X(ERIX_PAGE_TABLE_MAP, 14, "vspace, vaddr -> level (3, 2 or 1)")        \
	X(ERIX_PAGE_TABLE_UNMAP, 15, "- (ERR_NOT_MAPPED: it mapped nothing)")  \
	/* IRQControl: an IRQHandler capability for line irq in dest. */        \
	X(ERIX_IRQ_CONTROL_GET, 16, "irq, dest, dest_depth, -")                 \
	/* IOPort: port I/O inside the capability's range; width 1, 2 or 4.    \
	 * The ports the kernel drives itself (ERIX_KERNEL_PORTS) are never    \
	 * reachable: In and Out on them fail with ERR_RIGHTS. */              \
	X(ERIX_IOPORT_IN, 17, "port, width -> value")                           \
	X(ERIX_IOPORT_OUT, 18, "port, width, value")                            \
	/* Any capability: its type, rights and badge, without changing it. */  \
	X(ERIX_CAP_IDENTIFY, 19, "- -> type | rights << 8 | badge << 16")      \
	/* IOPort: a new IOPort capability in dest for the ports [first, last] \
	 * of this one's range (a child: revoking this one revokes it); a     \
	 * range holding a kernel port is refused (ERR_INVALID). */            \
	X(ERIX_IOPORT_ISSUE, 20, "first, last, dest, dest_depth")              \
	/* IRQHandler: unmask the line at the interrupt controller (the       \
	 * kernel masks a line when it arrives); -> how often it has arrived. */ \
	X(ERIX_IRQ_HANDLER_ACK, 21, "- -> arrivals")                            \
	/* Lab 4. TCB: the thread's priority and maximum controlled priority \
	 * (mcp), each at most the authority TCB's mcp (erix/ipc.h).          */ \
	X(ERIX_TCB_SET_PRIORITY, 22, "authority tcb, priority, mcp, -")         \
	/* TCB: its fault handler, an Endpoint (WRITE; 0: none).             */ \
	X(ERIX_TCB_SET_FAULT_HANDLER, 23, "endpoint, -, -, -")                  \
	/* TCB: a Notification (READ) whose signals also end a Recv of the    \
	 * thread on an endpoint (0: unbind); one thread per notification.   */ \
	X(ERIX_TCB_BIND_NOTIFICATION, 24, "notification, -, -, -")              \
	/* IRQHandler: the Notification (WRITE) its line's arrivals signal,   \
	 * with that capability's badge (0: none).                           */ \
	X(ERIX_IRQ_HANDLER_SET_NOTIFICATION, 25, "notification, -, -, -")

#define ERIX_INVOCATION_ENUM(label, number, args) label = number,
enum erix_invocation { ERIX_INVOCATIONS(ERIX_INVOCATION_ENUM) ERIX_INVOCATION_END };
#undef ERIX_INVOCATION_ENUM

/* The I/O ports the kernel drives itself, as X(first, last, what): never
 * inside an issued IOPort range, never reachable by In or Out. COM1 is
 * not among them: the kernel writes its own messages there, but from lab
 * 5 on the console server drives it (its input, its interrupt) from user
 * space, through an IOPort capability of just COM1's eight ports. */
#define ERIX_KERNEL_PORTS(X)                                                  \
	X(0x0020, 0x0021, "the master 8259 PIC")                              \
	X(0x0040, 0x0043, "the 8254 PIT")                                     \
	X(0x00a0, 0x00a1, "the slave 8259 PIC")                               \
	X(0x00f4, 0x00f7, "QEMU's debug-exit device (power off, panic)")      \
	X(0x04d0, 0x04d1, "the PICs' edge/level control")

/* Frame map attributes (mr3). */
#define ERIX_MAP_EXEC 0x1u

/* The badge a mint may set: 56 bits (mr3 holds rights in its low 8). */
#define ERIX_BADGE_BITS 56

/*
 * The ABI's packed words, each with its one set of macros: the kernel,
 * the user library, the tests and the grader all use these. (Macros, so
 * that constant tables can use them.)
 */

/* CNODE_MINT's mr3: rights in bits 0-7, the badge (for a CNode, its new
 * guard: ERIX_GUARD, erix/caps.h) above. */
#define ERIX_MINT_WORD(rights, badge) ((uint64_t)(rights) | (uint64_t)(badge) << 8)
#define ERIX_MINT_RIGHTS(w) ((unsigned)((w) & 0xff))
#define ERIX_MINT_BADGE(w) ((uint64_t)(w) >> 8)

/* CAP_IDENTIFY's result: the type in bits 0-7, the rights in 8-15, the
 * badge (0: none) above. */
#define ERIX_IDENTIFY_WORD(type, rights, badge) \
	((uint64_t)(type) | (uint64_t)(rights) << 8 | (uint64_t)(badge) << 16)
#define ERIX_IDENTIFY_TYPE(w) ((unsigned)((w) & 0xff))
#define ERIX_IDENTIFY_RIGHTS(w) ((unsigned)((uint64_t)(w) >> 8 & 0xff))
#define ERIX_IDENTIFY_BADGE(w) ((uint64_t)(w) >> 16)

#endif /* ERIX_INVOCATION_H */
