/*
 * roottask.h: the root task, EriX's first user program (boot module
 * "root"). Lab 3 starts it; for now the kernel checks its image at boot.
 */
#ifndef KERNEL_ROOTTASK_H
#define KERNEL_ROOTTASK_H

#include "elf.h"

/* What the check found (read by tests): the status and, when ELF_OK, the
 * segments and entry point. roottask_found is false without a module
 * called "root". */
extern bool roottask_found;
extern enum elf_status roottask_status;
extern struct elf_image roottask_image;

/* roottask_check: find the "root" module and check it with elf_parse;
 * print the result. Call before kvm_init (it reads the module through the
 * boot window). */
void roottask_check(void);

#endif /* KERNEL_ROOTTASK_H */
