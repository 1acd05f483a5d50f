/*
 * gdt.c: the kernel's GDT and TSS.
 *
 * In long mode segmentation is mostly gone, but the CPU still needs a code
 * segment (64-bit, ring 0), a data segment, and a TSS, whose interrupt
 * stack table (IST) gives the double fault a stack of its own: a kernel
 * stack overflow faults on the guard page, the CPU cannot push the page
 * fault's frame on the same stack, raises a double fault, and that one
 * runs on df_stack (see trap.c) instead of triple-faulting the machine.
 * The NMI and the machine check get stacks of their own too: they can
 * arrive anywhere, also in the first instruction of syscall_entry or
 * between its popq %rsp and sysretq, where rsp is still (or again) the
 * user's: with no stack switch (the CPU is in ring 0 there) the CPU would
 * push their frames onto memory the user chose.
 *
 *   selector  descriptor
 *   0x00      null
 *   0x08      kernel code, 64-bit
 *   0x10      kernel data
 *   0x18      user data (RPL 3: selector 0x1b)
 *   0x20      user code, 64-bit (RPL 3: 0x23)
 *   0x28      TSS (16 bytes: two slots)
 *
 * User data comes before user code because sysret takes both from one
 * MSR field (usermode.c): SS = base + 8, CS = base + 16. The TSS's rsp[0]
 * is the stack the CPU switches to on a trap from user mode: the boot
 * stack, which is the kernel's only stack.
 */
#include "gdt.h"
#include "arch.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3]; /* stacks for entering rings 0..2 (lab 3: rsp[0]) */
	uint64_t reserved1;
	uint64_t ist[7]; /* IST1..IST7 */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));
_Static_assert(sizeof(struct tss) == 104, "the TSS is 104 bytes");

static struct tss tss;
static uint64_t gdt[7];

/* boot.S: the boot stack; the IST stacks, in one region below the double
 * fault's (their handlers only report: a page each). */
extern char df_stack_top[], boot_stack_top[], nmi_stack_top[], mc_stack_top[];

void gdt_init(void)
{
	uint64_t base = (uint64_t)&tss, limit = sizeof(tss) - 1;

	gdt[0] = 0;
	gdt[1] = 0x00af9a000000ffff; /* code: present, ring 0, 64-bit */
	gdt[2] = 0x00cf92000000ffff; /* data: present, ring 0, writable */
	gdt[3] = 0x00cff2000000ffff; /* data: present, ring 3, writable */
	gdt[4] = 0x00affa000000ffff; /* code: present, ring 3, 64-bit */
	/* A 64-bit TSS descriptor: type 9 (available TSS), present. */
	gdt[5] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
		 (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[6] = base >> 32;

	tss.ist[IST_DOUBLE_FAULT - 1] = (uint64_t)df_stack_top;
	tss.ist[IST_NMI - 1] = (uint64_t)nmi_stack_top;
	tss.ist[IST_MACHINE_CHECK - 1] = (uint64_t)mc_stack_top;
	tss.rsp[0] = (uint64_t)boot_stack_top;
	tss.iomap_base = sizeof(tss); /* no I/O permission bitmap */

	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) gdtr = { sizeof(gdt) - 1, (uint64_t)gdt };

	/* Load the GDT, reload CS with a far return, the data segments, TR. */
	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movw %w2, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%ss\n\t"
			 "ltr %w3"
			 :
			 : "m"(gdtr), "i"(GDT_KCODE), "r"(GDT_KDATA), "r"(GDT_TSS)
			 : "rax", "memory");
}
