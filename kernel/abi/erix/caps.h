/*
 * erix/caps.h: kernel objects, capability rights and CPtrs, as user space
 * sees them.
 *
 * Part of the public ABI; includes nothing kernel-internal.
 *
 * Every kernel object is made by retyping Untyped memory (the Untyped
 * invocation ERIX_UNTYPED_RETYPE): the object's size is fixed by its type,
 * or given as size_bits for the two kinds whose size the caller chooses
 * (an Untyped of 2^size_bits bytes; a CNode of 2^size_bits slots).
 * IRQHandler and IOPort capabilities are not memory: they come from the
 * IRQControl capability and from the boot IOPort capability.
 */
#ifndef ERIX_CAPS_H
#define ERIX_CAPS_H

#include <stdint.h>

/* X(name, number, log2 of the object's size in bytes; 0: size_bits says) */
#define ERIX_OBJECT_TYPES(X)                                    \
	X(ERIX_OBJ_NULL, 0, 0)          /* an empty slot */         \
	X(ERIX_OBJ_UNTYPED, 1, 0)       /* 2^size_bits bytes */     \
	X(ERIX_OBJ_CNODE, 2, 0)         /* 2^size_bits slots */     \
	X(ERIX_OBJ_TCB, 3, 10)          /* a thread */              \
	X(ERIX_OBJ_ENDPOINT, 4, 6)      /* IPC rendezvous (lab 4) */ \
	X(ERIX_OBJ_NOTIFICATION, 5, 6)  /* signal word (lab 4) */   \
	X(ERIX_OBJ_FRAME, 6, 12)        /* a 4 KiB page of memory */ \
	X(ERIX_OBJ_VSPACE, 7, 12)       /* an address space: a PML4 */ \
	X(ERIX_OBJ_PAGE_TABLE, 8, 12)   /* a PDPT, PD or PT */      \
	X(ERIX_OBJ_IRQ_CONTROL, 9, 0)   /* makes IRQHandlers */     \
	X(ERIX_OBJ_IRQ_HANDLER, 10, 0)  /* one interrupt line */    \
	X(ERIX_OBJ_IOPORT, 11, 0)       /* a range of I/O ports */

#define ERIX_OBJECT_ENUM(name, number, bits) name = number,
enum erix_object_type { ERIX_OBJECT_TYPES(ERIX_OBJECT_ENUM) ERIX_OBJ_COUNT };
#undef ERIX_OBJECT_ENUM

/* Size limits for the two types sized by the caller. */
#define ERIX_UNTYPED_MIN_BITS 6  /* 64 bytes */
#define ERIX_UNTYPED_MAX_BITS 47
#define ERIX_CNODE_MIN_BITS 2    /* 4 slots (slot 0 is never usable) */
#define ERIX_CNODE_MAX_BITS 16
#define ERIX_SLOT_BITS 6         /* a CNode slot is 64 bytes */

/*
 * Rights, on every capability. A derived capability (copy, mint) has at
 * most its parent's rights: rights are narrowed, never widened.
 *   READ   read the object (map a frame readable, receive on an endpoint)
 *   WRITE  change it (map a frame writable, send, configure a thread)
 *   GRANT  pass capabilities through it (lab 4: IPC with grant)
 */
#define ERIX_RIGHT_READ 0x1u
#define ERIX_RIGHT_WRITE 0x2u
#define ERIX_RIGHT_GRANT 0x4u
#define ERIX_RIGHTS_ALL 0x7u

/*
 * A CPtr names a slot: its bits, from the most significant of the `depth`
 * lowest bits down, are consumed level by level: at each CNode first its
 * guard (guard_bits bits that must equal the guard), then radix bits of
 * slot index. The lookup ends when exactly `depth` bits are used up, at
 * whatever the slot holds; if bits remain and the slot holds a CNode
 * capability, the lookup goes on in that CNode. System calls look up the
 * invoked capability with depth 64 (ERIX_WORD_BITS).
 *
 * The root task's CNode capability has radix ERIX_ROOT_CNODE_BITS and a
 * zero guard of 64 - radix bits, so that its CPtrs are plain slot numbers.
 * Slot 0 of every CNode is reserved (the kernel keeps the CNode's own
 * bookkeeping there), so CPtr 0 is the null CPtr everywhere.
 */
typedef uint64_t erix_cptr_t;
#define ERIX_WORD_BITS 64
#define ERIX_CPTR_NULL 0

#endif /* ERIX_CAPS_H */
