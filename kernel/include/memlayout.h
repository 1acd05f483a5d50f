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
 * them with the kernel's own tables.
 */
#ifndef KERNEL_MEMLAYOUT_H
#define KERNEL_MEMLAYOUT_H

#define KERNEL_PHYS 0x100000               /* where GRUB loads the image */
#define KERNEL_VMA 0xffffffff80000000      /* virtual address of physical 0 */
#define BOOT_WINDOW_SIZE 0x80000000        /* 2 GiB mapped by the boot tables */
#define KSTACK_SIZE 16384                  /* the boot kernel stack */

#ifndef __ASSEMBLER__
#include "types.h"

/* phys_window: the kernel-window address of physical address pa, or NULL
 * when pa + len does not lie inside the window the boot tables map. */
static inline void *phys_window(paddr_t pa, uint64_t len)
{
	if (pa >= BOOT_WINDOW_SIZE || len > BOOT_WINDOW_SIZE - pa)
		return NULL;
	return (void *)(uintptr_t)(pa + KERNEL_VMA);
}
#endif

#endif /* KERNEL_MEMLAYOUT_H */
