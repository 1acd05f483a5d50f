/*
 * usermode.c: syscall/sysret set-up and the way out to user mode.
 */
#include "usermode.h"
#include "arch.h"
#include "cpu.h"
#include "gdt.h"
#include "irq.h"
#include "kprintf.h"
#include "panic.h"
#include "tcb.h"
#include <erix/syscall.h>

uint64_t syscall_save_area;
bool smap_enabled; /* CR4.SMAP is set: trapentry.S clears RFLAGS.AC */

/* protect_user_pages: SMEP and SMAP, where the CPU has them (CPUID leaf 7,
 * EBX bits 7 and 20; qemu.sh asks QEMU for both). With them, a kernel bug
 * that jumps to or reads through a user address faults at once instead of
 * running the user's code or data with the kernel's privilege. */
static void protect_user_pages(void)
{
	uint32_t r[4];
	cpuid(0, 0, r);
	if (r[0] < 7)
		return;
	cpuid(7, 0, r);
	uint64_t cr4 = read_cr4();
	if (r[1] & (1u << 7))
		cr4 |= CR4_SMEP;
	if (r[1] & (1u << 20)) {
		cr4 |= CR4_SMAP;
		smap_enabled = true;
	}
	write_cr4(cr4);
}

void user_copy_in(void *dst, uint64_t uaddr, size_t len)
{
	volatile const char *src = (const char *)uaddr;
	char *d = dst;
	if (smap_enabled)
		stac();
	for (size_t i = 0; i < len; i++)
		d[i] = src[i];
	if (smap_enabled)
		clac();
}

void usermode_init(void)
{
	/* syscall: CS = STAR[47:32], SS = that + 8. sysret (64-bit):
	 * CS = STAR[63:48] + 16, SS = STAR[63:48] + 8, both with RPL 3:
	 * which is why gdt.c puts user data before user code. */
	wrmsr(MSR_STAR, (uint64_t)GDT_KCODE << 32 | (uint64_t)(GDT_UDATA - 8) << 48);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	/* Clear on entry: IF (no interrupts in the kernel), TF, DF (the C
	 * ABI wants it clear), AC, NT. */
	wrmsr(MSR_SFMASK, 0x200 | 0x100 | 0x400 | 0x40000 | 0x4000);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	protect_user_pages();
	fpu_init();
	pic_init(IRQ_VECTOR_BASE);
}

void __noreturn user_exit(struct tcb *t)
{
	/* sysret to a non-canonical rip faults in ring 0, on the user's
	 * stack. Every way of setting rip keeps it at most ERIX_USER_TOP (a
	 * syscall ending the last user page returns to ERIX_USER_TOP itself,
	 * still canonical), so this firing is a kernel bug. rsp needs no
	 * check: a bad one faults in user mode, at the thread's first push. */
	if (t->regs.rip > ERIX_USER_TOP)
		panic("user_exit: thread %p has rip %p", (void *)t, (void *)t->regs.rip);
	fpu_switch_to(t);
	syscall_save_area = (uint64_t)(&t->regs + 1);
	if (t->by_syscall)
		user_exit_sysret(&t->regs);
	user_exit_iret(&t->regs);
}
