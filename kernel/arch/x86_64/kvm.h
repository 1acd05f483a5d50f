/*
 * kvm.h: the kernel's own address space (kvm.c).
 */
#ifndef ARCH_X86_64_KVM_H
#define ARCH_X86_64_KVM_H

#include "types.h"

/* The kernel's PML4 (physical), 0 while the boot tables are in use. */
extern paddr_t kernel_pml4;

/*
 * kvm_init: build the kernel's page tables (memlayout.h: the image with
 * per-section permissions and guard pages, the direct map of all RAM) and
 * switch to them. Returns 0, or an error after which the kernel stays on
 * the boot page tables (and says so).
 */
int kvm_init(void);

/*
 * kvm_map_kernel: map the kernel image into the tables at root, section by
 * section, with its permissions; leave each stack's guard page unmapped.
 * Returns 0 or the first error of pt_map.
 */
int kvm_map_kernel(paddr_t root);

#endif /* ARCH_X86_64_KVM_H */
