/*
 * memlayout.h: where the kernel lives, physically and virtually.
 *
 * Included by C, by assembly and by the linker script (kernel.ld.S is run
 * through the C preprocessor), so it holds only #defines.
 *
 *   physical                         virtual
 *   0x00000000 +-----------------+   0xffffffff80000000 +----------------+
 *              | BIOS, VGA, ...  |                      | (the same      |
 *   0x00100000 +-----------------+ <- KERNEL_PHYS        |  first 2 GiB   |
 *              | .boot (32-bit)  |                      |  of physical   |
 *              | kernel image    |   KERNEL_VMA +       |  memory: the   |
 *              +-----------------+   KERNEL_PHYS  ----> |  kernel window)|
 *
 * The boot page tables (boot.S) map physical [0, 2 GiB) twice: at virtual 0
 * (identity, so the 32-bit code keeps running when paging turns on) and at
 * KERNEL_VMA (the higher half, where the kernel is linked). Lab 2 replaces
 * them with the kernel's own tables (kvm.c), which map
 *
 *   0xffff800000000000  DIRECT_MAP_BASE: all physical RAM, read-write,
 *                       no-execute (phys_to_virt)
 *   0xffffffff80000000  KERNEL_VMA + the kernel image only, section by
 *                       section: text read-execute, rodata read-only,
 *                       data and bss read-write no-execute, and a
 *                       not-present guard page below each kernel stack
 *
 * and nothing at low addresses: a NULL dereference faults.
 */
#ifndef KERNEL_MEMLAYOUT_H
#define KERNEL_MEMLAYOUT_H

#define KERNEL_PHYS 0x100000               /* where GRUB loads the image */
#define KERNEL_VMA 0xffffffff80000000      /* virtual address of physical 0 */
#define BOOT_WINDOW_SIZE 0x80000000        /* 2 GiB mapped by the boot tables */
#define KSTACK_SIZE 16384                  /* the boot kernel stack */
#define DFSTACK_SIZE 8192                  /* the double fault's own stack */
#define ISTSTACK_SIZE 4096                 /* the NMI's and the machine check's */
#define DIRECT_MAP_BASE 0xffff800000000000 /* virtual address of physical 0 */
#define DIRECT_MAP_SIZE 0x8000000000       /* 512 GiB: one PML4 entry */
#define PAGE_SHIFT 12                      /* a page (and a frame): 4 KiB */
#define PAGE_SIZE 4096
#define PAGE_MASK (PAGE_SIZE - 1)          /* the offset bits within a page */
#define LARGE_PAGE_SIZE 0x200000

#ifndef __ASSEMBLER__
#include "types.h"

/* phys_window: the kernel-window address of physical address pa, or NULL
 * when pa + len does not lie inside the window the boot tables map. Valid
 * only until kvm_init switches to the kernel's tables (which map the
 * kernel image there, nothing else); then use phys_to_virt. */
static inline void *phys_window(paddr_t pa, uint64_t len)
{
	if (pa >= BOOT_WINDOW_SIZE || len > BOOT_WINDOW_SIZE - pa)
		return NULL;
	return (void *)(uintptr_t)(pa + KERNEL_VMA);
}

/* phys_to_virt: the direct-map address of physical address pa (valid once
 * kvm_init has switched to the kernel's page tables). */
static inline void *phys_to_virt(paddr_t pa)
{
	return (void *)(uintptr_t)(pa + DIRECT_MAP_BASE);
}

/* virt_to_phys: the physical address of a direct-map address (the other
 * way; kernel objects live there). */
static inline paddr_t virt_to_phys(uintptr_t va)
{
	return va - DIRECT_MAP_BASE;
}
#endif

#endif /* KERNEL_MEMLAYOUT_H */
