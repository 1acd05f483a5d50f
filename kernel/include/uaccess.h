/*
 * uaccess.h: checking addresses that come from user space (uaccess.c).
 *
 * Every address a thread hands the kernel is an allegation: it may point
 * into the kernel, at nothing, or wrap around. The kernel touches user
 * memory only after user_check_range says it may, and touches it through
 * the thread's own address space (the CPU is in it during its system call).
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include "types.h"

/*
 * user_check_range: may the kernel read (write: also write) the len bytes
 * at user address addr in the address space whose PML4 is at root? Returns
 * 0 or -ERR_BAD_ADDRESS. (Lab 3 exercise: the requirements are above it in
 * uaccess.c.)
 */
int user_check_range(paddr_t root, uint64_t addr, uint64_t len, bool write);

/* user_copy_in: copy len bytes at user address uaddr into dst, a range
 * user_check_range has accepted. The only way the kernel reads user
 * memory: with SMAP (CR4) it may touch user pages nowhere else
 * (arch/x86_64/usermode.c). */
void user_copy_in(void *dst, uint64_t uaddr, size_t len);

#endif /* KERNEL_UACCESS_H */
