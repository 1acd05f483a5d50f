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

/* X(name, number, log2 of the object's size in bytes (0: size_bits says),
 *   the name messages use) */
#define ERIX_OBJECT_TYPES(X)                                    \
	X(ERIX_OBJ_NULL, 0, 0, "empty")          /* an empty slot */         \
	X(ERIX_OBJ_UNTYPED, 1, 0, "Untyped")       /* 2^size_bits bytes */     \
	X(ERIX_OBJ_CNODE, 2, 0, "CNode")         /* 2^size_bits slots */     \
	X(ERIX_OBJ_TCB, 3, 11, "TCB")          /* a thread */              \
	X(ERIX_OBJ_ENDPOINT, 4, 6, "Endpoint")      /* IPC rendezvous (lab 4) */ \
	X(ERIX_OBJ_NOTIFICATION, 5, 6, "Notification")  /* signal word (lab 4) */   \
	X(ERIX_OBJ_FRAME, 6, 12, "Frame")        /* a 4 KiB page of memory */ \
	X(ERIX_OBJ_VSPACE, 7, 12, "VSpace")       /* an address space: a PML4 */ \
	X(ERIX_OBJ_PAGE_TABLE, 8, 12, "PageTable")   /* a PDPT, PD or PT */      \
	X(ERIX_OBJ_IRQ_CONTROL, 9, 0, "IRQControl")   /* makes IRQHandlers */     \
	X(ERIX_OBJ_IRQ_HANDLER, 10, 0, "IRQHandler")  /* one interrupt line */    \
	X(ERIX_OBJ_IOPORT, 11, 0, "IOPort")       /* a range of I/O ports */

#define ERIX_OBJECT_ENUM(name, number, bits, text) name = number,
enum erix_object_type { ERIX_OBJECT_TYPES(ERIX_OBJECT_ENUM) ERIX_OBJ_COUNT };
#undef ERIX_OBJECT_ENUM

/* Size limits for the two types sized by the caller. */
#define ERIX_UNTYPED_MIN_BITS 6  /* 64 bytes */
#define ERIX_UNTYPED_MAX_BITS 47
#define ERIX_CNODE_MIN_BITS 2    /* 4 slots (slot 0 is never usable) */
#define ERIX_CNODE_MAX_BITS 16
#define ERIX_SLOT_BITS 6         /* a CNode slot is 64 bytes */

/* erix_object_bits: log2 of the bytes an object of this type (and
 * size_bits, for an Untyped or a CNode) takes in Untyped memory; 0 for a
 * size out of range, or a type that is not made from memory. The one
 * definition: the kernel, the library, the tests and the grader use it. */
static inline unsigned erix_object_bits(unsigned type, unsigned size_bits)
{
#define ERIX_OBJECT_BITS_(name, number, bits, text) [number] = bits,
	static const unsigned char fixed[] = { ERIX_OBJECT_TYPES(ERIX_OBJECT_BITS_) };
#undef ERIX_OBJECT_BITS_
	if (type == ERIX_OBJ_UNTYPED)
		return size_bits >= ERIX_UNTYPED_MIN_BITS && size_bits <= ERIX_UNTYPED_MAX_BITS
			       ? size_bits : 0;
	if (type == ERIX_OBJ_CNODE)
		return size_bits >= ERIX_CNODE_MIN_BITS && size_bits <= ERIX_CNODE_MAX_BITS
			       ? size_bits + ERIX_SLOT_BITS : 0;
	return type < ERIX_OBJ_COUNT ? fixed[type] : 0;
}

/* erix_object_name: "Untyped", "CNode", ... ("?" for no type). */
static inline const char *erix_object_name(unsigned type)
{
#define ERIX_OBJECT_NAME_(name, number, bits, text) [number] = text,
	static const char *const names[] = { ERIX_OBJECT_TYPES(ERIX_OBJECT_NAME_) };
#undef ERIX_OBJECT_NAME_
	return type < ERIX_OBJ_COUNT ? names[type] : "?";
}

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

/* A CNode's guard, as a mint of a CNode capability takes it in place of a
 * badge: guard_bits in bits 0-5, the guard's value above. (Macros, so
 * that constant tables can use them.) */
#define ERIX_GUARD(guard_bits, guard) ((uint64_t)(guard_bits) | (uint64_t)(guard) << 6)
#define ERIX_GUARD_BITS(w) ((unsigned)((w) & 0x3f))
#define ERIX_GUARD_VALUE(w) ((uint64_t)(w) >> 6)

#endif /* ERIX_CAPS_H */
