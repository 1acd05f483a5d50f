/*
 * vspace.h: address spaces (VSpace), page tables and frames (vspace.c).
 *
 * A VSpace is a PML4 whose upper half is the kernel's (copied from
 * kernel_pml4 when it is made) and whose lower half its holder fills: a
 * PageTable object becomes the first missing table (PDPT, PD or PT) on the
 * path to an address, and a Frame is mapped into a PT. The kernel never
 * allocates a table on its own.
 *
 * Each VSpace has an ASID, a small number in asid_table (kernel memory, not
 * user memory): a Frame or PageTable capability records the ASID and
 * address it is mapped at, and unmapping goes through the table, so that
 * a capability that outlives its VSpace finds it gone instead of writing
 * into memory that is something else by now.
 */
#ifndef KERNEL_VSPACE_H
#define KERNEL_VSPACE_H

#include "cap.h"

#define ASID_COUNT 256 /* ASIDs 1..255; 0 means "not mapped" */

/* asid_table[a]: the physical address of VSpace a's PML4, 0 if none
 * (the ASID is free again once no capability records it either). */
extern paddr_t asid_table[ASID_COUNT];

/* vspace_asid_free: is an ASID left for one more VSpace? */
bool vspace_asid_free(void);

/* vspace_init: set up the zeroed PML4 at kernel address pml4: the kernel
 * half, an ASID. Returns the ASID (vspace_asid_free() must hold). */
uint32_t vspace_init(uintptr_t pml4);

/* vspace_destroy: the VSpace c names goes: free its ASID, and leave it if
 * the CPU is in it. */
void vspace_destroy(const struct cap *c);

/* vspace_unmap_cap: undo the mapping the Frame or PageTable capability c
 * records, if the VSpace is still there and still maps this object there;
 * c is then unmapped (asid 0). A page table is also emptied: only its
 * original capability maps it, once, and it comes back empty. */
void vspace_unmap_cap(struct cap *c);

/* vspace_map_frame: map frame capability f at vaddr in the VSpace vs
 * (PTE_W if write, executable if exec) and record it in f. Checked by the
 * caller: f unmapped, vaddr a free page of user space whose PT exists. */
void vspace_map_frame(const struct cap *vs, struct cap *f, uint64_t vaddr, bool write,
		      bool exec);

/* vspace_map_table: make page table capability pt the first missing table
 * on vaddr's path in vs; returns its level (3: PDPT, 2: PD, 1: PT), or 0
 * if no table is missing (nothing done). */
int vspace_map_table(const struct cap *vs, struct cap *pt, uint64_t vaddr);

/* vspace_root: the physical address of the PML4 VSpace capability vs names. */
paddr_t vspace_root(const struct cap *vs);

/* vspace_check: every present entry in the user half of every live
 * VSpace is a mapping a Frame or PageTable capability records, and
 * asid_users counts those capabilities right. NULL, or what is wrong.
 * (selfcheck.c; it walks the whole derivation tree.) */
const char *vspace_check(void);

/* vspace_activate: switch the CPU to the PML4 at root, if not there. */
void vspace_activate(paddr_t root);

#endif /* KERNEL_VSPACE_H */
