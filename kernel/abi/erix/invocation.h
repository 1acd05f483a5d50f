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
	X(ERIX_FRAME_UNMAP, 12, "-")                                            \
	X(ERIX_FRAME_ADDRESS, 13, "- -> physical address")                      \
	/* PageTable: becomes the first missing table on vaddr's path. */       \
	X(ERIX_PAGE_TABLE_MAP, 14, "vspace, vaddr -> level (3, 2 or 1)")        \
	X(ERIX_PAGE_TABLE_UNMAP, 15, "-")                                       \
	/* IRQControl: an IRQHandler capability for line irq in dest. */        \
	X(ERIX_IRQ_CONTROL_GET, 16, "irq, dest, dest_depth, -")                 \
	/* IOPort: port I/O inside the capability's range; width 1, 2 or 4. */  \
	X(ERIX_IOPORT_IN, 17, "port, width -> value")                           \
	X(ERIX_IOPORT_OUT, 18, "port, width, value")                            \
	/* Any capability: its type, rights and badge, without changing it. */  \
	X(ERIX_CAP_IDENTIFY, 19, "- -> type | rights << 8 | badge << 16")

#define ERIX_INVOCATION_ENUM(label, number, args) label = number,
enum erix_invocation { ERIX_INVOCATIONS(ERIX_INVOCATION_ENUM) ERIX_INVOCATION_END };
#undef ERIX_INVOCATION_ENUM

/* Frame map attributes (mr3). */
#define ERIX_MAP_EXEC 0x1u

/* The badge a mint may set: 56 bits (mr3 holds rights in its low 8). */
#define ERIX_BADGE_BITS 56

#endif /* ERIX_INVOCATION_H */
