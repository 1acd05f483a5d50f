/*
 * kvm.h: the kernel's own address space (kvm.c).
 */
#ifndef ARCH_X86_64_KVM_H
#define ARCH_X86_64_KVM_H

#include "arch.h"
#include "types.h"

/*
 * kvm_map_kernel: map the kernel image into the tables at root, section by
 * section, with its permissions; leave each stack's guard page unmapped.
 * Returns 0 or the first error of pt_map. (Lab 2 exercise: the
 * requirements are above it in kvm.c.)
 */
int kvm_map_kernel(paddr_t root);

#endif /* ARCH_X86_64_KVM_H */
