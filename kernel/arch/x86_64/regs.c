/*
 * regs.c: printing a register snapshot (struct cpu_regs, filled by
 * saveregs.S), and the time-stamp counter for generic code.
 */
#include "arch.h"
#include "cpu.h"
#include "kprintf.h"

/* The offsets saveregs.S uses. */
_Static_assert(__builtin_offsetof(struct cpu_regs, rsp) == 0x38, "saveregs.S");
_Static_assert(__builtin_offsetof(struct cpu_regs, r15) == 0x78, "saveregs.S");
_Static_assert(__builtin_offsetof(struct cpu_regs, rip) == 0x80, "saveregs.S");
_Static_assert(__builtin_offsetof(struct cpu_regs, cr4) == 0xa8, "saveregs.S");
_Static_assert(sizeof(struct cpu_regs) == 0xb0, "saveregs.S");

uint64_t arch_timestamp(void)
{
	return rdtsc();
}

void arch_print_regs(const struct cpu_regs *r)
{
	kprintf("  rax %p  rbx %p  rcx %p  rdx %p\n", (void *)r->rax,
		(void *)r->rbx, (void *)r->rcx, (void *)r->rdx);
	kprintf("  rsi %p  rdi %p  rbp %p  rsp %p\n", (void *)r->rsi,
		(void *)r->rdi, (void *)r->rbp, (void *)r->rsp);
	kprintf("  r8  %p  r9  %p  r10 %p  r11 %p\n", (void *)r->r8,
		(void *)r->r9, (void *)r->r10, (void *)r->r11);
	kprintf("  r12 %p  r13 %p  r14 %p  r15 %p\n", (void *)r->r12,
		(void *)r->r13, (void *)r->r14, (void *)r->r15);
	kprintf("  rip %p  rflags %p  efer %p\n", (void *)r->rip,
		(void *)r->rflags, (void *)rdmsr(MSR_EFER));
	kprintf("  cr0 %p  cr2 %p  cr3 %p  cr4 %p\n", (void *)r->cr0,
		(void *)r->cr2, (void *)r->cr3, (void *)r->cr4);
}
