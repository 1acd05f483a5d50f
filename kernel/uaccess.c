/*
 * uaccess.c: user addresses, checked (see uaccess.h).
 */
#include "uaccess.h"
#include "memlayout.h"
#include "paging.h"
#include <erix/errors.h>
#include <erix/syscall.h>

/*
 * user_check_range (LAB 3 exercise).
 *
 * Requirements: return 0 if the kernel may read (and, when write is set,
 * write) the len bytes at user address addr in the address space whose
 * PML4 is at physical root; -ERR_BAD_ADDRESS otherwise:
 *  - len 0 is always fine;
 *  - the range [addr, addr + len) must lie in user space, [ERIX_USER_MIN,
 *    ERIX_USER_TOP) (erix/syscall.h), without wrapping around;
 *  - every page it touches must be mapped in the tables at root with
 *    PTE_U, and with PTE_W too when write is set (pt_translate gives a
 *    page's effective flags, all levels considered).
 *
 * Hint: an address like 0xffffffff80100000 (the kernel) must fail before
 * any page walk; so must addr = 0x1000, len = 2^64 - 0x1000.
 */
int user_check_range(paddr_t root, uint64_t addr, uint64_t len, bool write)
{
#if LAB3_SOLUTION
	if (len == 0)
		return 0;
	bool ok = addr >= ERIX_USER_MIN && addr < ERIX_USER_TOP && len <= ERIX_USER_TOP - addr;
	for (uint64_t page = ALIGN_DOWN(addr, PAGE_SIZE); ok && page < addr + len;
	     page += PAGE_SIZE) {
		paddr_t pa;
		uint64_t flags;
		ok = pt_translate(root, page, &pa, &flags) && (flags & PTE_U) &&
		     (!write || (flags & PTE_W));
	}
	return ok ? 0 : -ERR_BAD_ADDRESS;
#else
	/* LAB 3: your code here. */
	(void)root, (void)addr, (void)len, (void)write;
	return -ERR_NOT_IMPLEMENTED;
#endif
}
