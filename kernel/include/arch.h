/*
 * arch.h: what generic kernel code asks of the architecture.
 * Implemented under kernel/arch/x86_64/.
 */
#ifndef KERNEL_ARCH_H
#define KERNEL_ARCH_H

#include "types.h"

/* uart.c: the kernel's own console, the first serial port. */
void uart_init(void);
void uart_putc(char c); /* waits until the UART can take c */

/* power.c: end the machine. Under QEMU the debug-exit device turns `code`
 * (ERIX_EXIT_* in erix/exit.h) into QEMU's exit status; elsewhere the CPU
 * halts with interrupts off. */
void arch_power_off(uint8_t code) __noreturn;

/* regs.c: the CPU's time-stamp counter (cycles, or QEMU's idea of them):
 * for figures only, never for decisions. */
uint64_t arch_timestamp(void);

/* The registers as they were when arch_save_regs() was called. */
struct cpu_regs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rip, rflags, cr0, cr2, cr3, cr4;
};

/* saveregs.S: fill *r. rip is the return address, rsp the caller's rsp, and
 * rdi holds r itself. */
void arch_save_regs(struct cpu_regs *r);

/* regs.c: print *r (and EFER) on the console, four registers a line. */
void arch_print_regs(const struct cpu_regs *r);

/* fpu.c: the x87/MMX/SSE registers per thread. fpu_init: turn SSE on
 * (CR4.OSFXSR, OSXMMEXCPT) and start from a clean state; fpu_thread_init:
 * a new thread's registers; fpu_switch_to: give the CPU's to thread t
 * (before it runs); fpu_release: t is going away. */
struct tcb;
void fpu_init(void);
void fpu_thread_init(struct tcb *t);
void fpu_switch_to(struct tcb *t);
void fpu_release(struct tcb *t);

/* trap.c: take the NMI's vector with rsp pointing at sp (an unmapped
 * page, say): test=nmi_stack. Returns once the NMI handler has. */
void arch_nmi_on_stack(uint64_t sp);

/* stack.c: the bounds [*lo, *hi) of the kernel stack holding address a.
 * Returns false when a lies on no kernel stack. */
bool kstack_bounds(uintptr_t a, uintptr_t *lo, uintptr_t *hi);

#endif /* KERNEL_ARCH_H */
