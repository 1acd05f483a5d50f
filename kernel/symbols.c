/*
 * symbols.c: address-to-name lookups in the generated ksymtab.
 */
#include "symbols.h"

extern char __text_start[], __text_end[]; /* kernel.ld: the kernel's code */

const char *ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
	uint64_t lo = 0, hi = ksymtab_count;

	if (hi == 0 || addr < ksymtab[0].addr || addr < (uintptr_t)__text_start ||
	    addr >= (uintptr_t)__text_end)
		return NULL;
	/* Binary search for the last symbol at or below addr. */
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (ksymtab[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - ksymtab[lo].addr;
	return ksymtab[lo].name;
}
