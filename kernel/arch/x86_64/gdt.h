/*
 * gdt.h: segment selectors and the GDT/TSS set-up (gdt.c).
 */
#ifndef ARCH_X86_64_GDT_H
#define ARCH_X86_64_GDT_H

#include "types.h"

#define GDT_KCODE 0x08
#define GDT_KDATA 0x10
#define GDT_UDATA 0x18 /* user data (RPL 3: 0x1b); before user code for sysret */
#define GDT_UCODE 0x20 /* user code, 64-bit (RPL 3: 0x23) */
#define GDT_TSS 0x28

#define IST_DOUBLE_FAULT 1 /* the double fault's IST slot */
#define IST_NMI 2          /* the NMI's */
#define IST_MACHINE_CHECK 3 /* the machine check's */

#endif /* ARCH_X86_64_GDT_H */
