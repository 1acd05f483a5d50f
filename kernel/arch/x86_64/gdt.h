/*
 * gdt.h: segment selectors and the GDT/TSS set-up (gdt.c).
 */
#ifndef ARCH_X86_64_GDT_H
#define ARCH_X86_64_GDT_H

#include "types.h"

#define GDT_KCODE 0x08
#define GDT_KDATA 0x10
#define GDT_TSS 0x18

#define IST_DOUBLE_FAULT 1 /* the double fault's IST slot */

/* gdt_init: load the kernel's GDT (replacing boot.S's, which lives in low
 * memory the kernel's page tables do not map) and its TSS. */
void gdt_init(void);

#endif /* ARCH_X86_64_GDT_H */
