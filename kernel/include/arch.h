/*
 * arch.h: what generic kernel code asks of the architecture.
 * Implemented under kernel/arch/x86_64/.
 */
#ifndef KERNEL_ARCH_H
#define KERNEL_ARCH_H

#include "types.h"

/*
 * Bringing the CPU up, in this order (main.c): gdt.c, trap.c, kvm.c,
 * usermode.c.
 */

/* gdt_init: load the kernel's GDT (replacing boot.S's, which lives in low
 * memory the kernel's page tables do not map) and its TSS. */
void gdt_init(void);

/* trap_init: install the IDT: vectors 0..31 (the double fault on its own
 * stack, IST) and the interrupt lines 32..47. */
void trap_init(void);

/* The kernel's PML4 (physical), 0 while the boot tables are in use. */
extern paddr_t kernel_pml4;

/*
 * kvm_init: build the kernel's page tables (memlayout.h: the image with
 * per-section permissions and guard pages, the direct map of all RAM) and
 * switch to them. Returns 0, or an error after which the kernel stays on
 * the boot page tables (and says so).
 */
int kvm_init(void);

/* usermode_init: enable syscall/sysret (EFER.SCE, STAR, LSTAR, SFMASK)
 * and set up the PICs, every line masked (pic_init). After trap_init. */
void usermode_init(void);

/* kvm.c, the address space the CPU is on. kvm_is_active: is the CPU on
 * the page tables at root? */
bool kvm_is_active(paddr_t root);

/* kvm_activate: switch the CPU to the page tables at root, unless it is
 * on them already (a switch drops the TLB). */
void kvm_activate(paddr_t root);

/* kvm_flush: entries of the tables at root changed: if the CPU is on
 * them, make the TLB forget (reloading CR3 drops every non-global entry;
 * simpler than invlpg, which would not cover a whole page table going). */
void kvm_flush(paddr_t root);

/* user_exit (usermode.c): run thread t in user mode, from its saved
 * registers: by sysret if it entered the kernel by syscall (or never ran),
 * else by iretq (which restores rcx and r11 too). Never returns. */
struct tcb;
void __noreturn user_exit(struct tcb *t);

/* uart.c: the kernel's own console, the first serial port. */
void uart_init(void);
void uart_putc(char c); /* waits until the UART can take c */

/* power.c: end the machine. Under QEMU the debug-exit device turns `code`
 * (ERIX_EXIT_* in erix/exit.h) into QEMU's exit status; elsewhere the CPU
 * halts with interrupts off. */
void arch_power_off(uint8_t code) __noreturn;

/* pic.c: the interrupt controllers' ISA lines 0..15. pic_init: move them
 * to vectors vector_base.. (out of the way of the CPU's exceptions, where
 * the BIOS leaves them) and mask them all; pic_mask: mask or unmask one;
 * pic_eoi: acknowledge one that arrived. */
void pic_init(uint8_t vector_base);
void pic_mask(unsigned line, bool masked);
void pic_eoi(unsigned line);

/* timer.c: the local APIC's timer, the scheduler's clock. timer_init:
 * map the local APIC, measure its timer against the PIT, and start it
 * periodic: TIMER_VECTOR every `ms` milliseconds (0: never). timer_eoi:
 * acknowledge its interrupt. arch_wait_for_interrupt: with interrupts on,
 * halt until one arrives and has been handled (trap.c), then return with
 * them off again. */
#define TIMER_VECTOR 48
#define SPURIOUS_VECTOR 63
void timer_init(unsigned ms);
void timer_eoi(void);
extern uint64_t timer_ticks_per_ms; /* the local APIC timer's rate, measured */
extern uint64_t timer_tsc_hz;       /* the time-stamp counter's, measured with it */
void arch_wait_for_interrupt(void);

/* ports.c: read or write an I/O port, width 1, 2 or 4 bytes (IOPort
 * capabilities' In and Out; the caller has checked the port is theirs). */
uint32_t arch_port_in(uint16_t port, unsigned width);
void arch_port_out(uint16_t port, unsigned width, uint32_t value);

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
