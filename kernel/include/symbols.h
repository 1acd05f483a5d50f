/*
 * symbols.h: the kernel's own symbol table, for backtraces.
 *
 * The build links the kernel twice: the first link's function symbols
 * (`nm`) become kernel/ksymtab.sh's generated ksymtab.S, which the second
 * link places after .rodata, so no code address moves between the two
 * links (the build checks that it did not).
 */
#ifndef KERNEL_SYMBOLS_H
#define KERNEL_SYMBOLS_H

#include "types.h"

struct ksym {
	uintptr_t addr;
	const char *name;
};

/* Sorted by address; generated. */
extern const struct ksym ksymtab[];
extern const uint64_t ksymtab_count;

/*
 * ksym_lookup: the name of the function containing addr, with
 * *offset = addr - its start. Returns NULL (and leaves *offset alone) if
 * addr lies in no known function.
 */
const char *ksym_lookup(uintptr_t addr, uintptr_t *offset);

#endif /* KERNEL_SYMBOLS_H */
