/*
 * object.h: kernel objects, what every type has in common (object.c).
 *
 * An object is made in Untyped memory (untyped.c) by object_create, lives
 * as long as its original capability (cdt.h), and is destroyed by
 * object_destroy when that capability goes. The per-type code lives in
 * one file per type: cnode.c, tcb.c, vspace.c (VSpace, PageTable, Frame),
 * irq.c (IRQControl, IRQHandler), ioport.c, ipc.c (Endpoint) and
 * notification.c (Notification), whose objects ipc.h defines.
 */
#ifndef KERNEL_OBJECT_H
#define KERNEL_OBJECT_H

#include "cap.h"

/*
 * object_bits: log2 of the size in bytes of an object of this type, for
 * the size_bits the caller gave (used only by Untyped and CNode); 0 when
 * the type cannot be made by retype or size_bits is out of range.
 */
unsigned object_bits(unsigned type, unsigned size_bits);

/*
 * object_create: make an object of this type at kernel address addr
 * (aligned to, and 2^object_bits bytes of, memory nobody else uses):
 * zero it (all but an Untyped, whose objects are zeroed as they are made
 * from it), set it up, and return its original capability, with all
 * rights. The caller puts the capability into the tree.
 */
struct cap object_create(unsigned type, unsigned size_bits, uintptr_t addr);

/* cap_release: undo what one capability holds on its own (a Frame's or a
 * PageTable's mapping); called for every capability that goes away. */
void cap_release(struct cap *c);

/* object_destroy: the object's original capability c is gone: end the
 * object (a CNode goes on the dying list, a thread stops, a VSpace gives up
 * its ASID, an IRQ line is free again). Its memory is not reused until its
 * Untyped is revoked. */
void object_destroy(const struct cap *c);

/* object_name: "Untyped", "CNode", ... ("?" for a bad type). */
const char *object_name(unsigned type);

#endif /* KERNEL_OBJECT_H */
