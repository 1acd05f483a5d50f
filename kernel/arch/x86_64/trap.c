/*
 * trap.c: the IDT and what the kernel does with an exception.
 *
 * In lab 2 every exception is a kernel bug: trap() records it, reports
 * it (name, error code, RIP, the page-fault details, the registers, a
 * backtrace into the interrupted code) and panics. A fault in user mode
 * is the thread's, not the kernel's: user_fault sends it to the thread's
 * fault handler (fault.c), or stops the thread. Interrupts (the PICs'
 * lines, the timer) reach user threads' handlers through notifications
 * (irq.c) and end time slices (sched.c).
 */
#include "trap.h"
#include "arch.h"
#include "backtrace.h"
#include "cpu.h"
#include "gdt.h"
#include "kprintf.h"
#include "panic.h"
#include "tcb.h"
#include "sched.h"
#include "irq.h"
#include "ipc.h"

_Static_assert(__builtin_offsetof(struct trap_frame, vector) == 15 * 8, "trapentry.S");
_Static_assert(__builtin_offsetof(struct trap_frame, rip) == 17 * 8, "trapentry.S TF_RIP");
_Static_assert(sizeof(struct trap_frame) == 22 * 8, "trapentry.S");

struct trap_record trap_last;
struct pf_info pf_last;

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;  /* bits 0..2: IST slot, 0 for none */
	uint8_t type; /* 0x8e: present, ring 0, 64-bit interrupt gate */
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));
_Static_assert(sizeof(struct idt_gate) == 16, "an IDT gate is 16 bytes");

static struct idt_gate idt[256];
extern const uint64_t trap_vectors[TRAP_VECTORS];

static const char *const names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range exceeded", "invalid opcode", "device not available",
	"double fault", "coprocessor segment overrun", "invalid TSS",
	"segment not present", "stack-segment fault", "general protection",
	"page fault", "reserved (15)", "x87 floating-point error",
	"alignment check", "machine check", "SIMD floating-point error",
	"virtualization exception", "control protection", "reserved (22)",
	"reserved (23)", "reserved (24)", "reserved (25)", "reserved (26)",
	"reserved (27)", "hypervisor injection", "VMM communication",
	"security exception", "reserved (31)",
};

const char *trap_name(uint64_t vector)
{
	return vector < 32 ? names[vector] : "interrupt";
}

void trap_init(void)
{
	for (int v = 0; v < TRAP_VECTORS; v++) {
		uint64_t a = trap_vectors[v];
		idt[v] = (struct idt_gate){
			.offset_low = a & 0xffff,
			.selector = GDT_KCODE,
			.ist = v == 8 ? IST_DOUBLE_FAULT : v == 2 ? IST_NMI
				 : v == 18 ? IST_MACHINE_CHECK : 0,
			/* int3 and into may be used from user mode (a
			 * breakpoint is a fault message, not a #GP). */
			.type = v == 3 || v == 4 ? 0xee : 0x8e,
			.offset_mid = (a >> 16) & 0xffff,
			.offset_high = a >> 32,
		};
	}
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) idtr = { sizeof(idt) - 1, (uint64_t)idt };
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

/* print_frame: the interrupted code's registers, in panic's format. */
static void print_frame(const struct trap_frame *tf)
{
	struct cpu_regs r = {
		.rax = tf->rax, .rbx = tf->rbx, .rcx = tf->rcx, .rdx = tf->rdx,
		.rsi = tf->rsi, .rdi = tf->rdi, .rbp = tf->rbp, .rsp = tf->rsp,
		.r8 = tf->r8, .r9 = tf->r9, .r10 = tf->r10, .r11 = tf->r11,
		.r12 = tf->r12, .r13 = tf->r13, .r14 = tf->r14, .r15 = tf->r15,
		.rip = tf->rip, .rflags = tf->rflags, .cr0 = read_cr0(),
		.cr2 = read_cr2(), .cr3 = read_cr3(), .cr4 = read_cr4(),
	};
	arch_print_regs(&r);
	kprintf("  cs %lx  ss %lx\n", tf->cs, tf->ss);
}

/*
 * pf_report (LAB 2 exercise).
 *
 * Requirements:
 *  - fill all of pf_last: addr = cr2, error = tf->error, and the five
 *    booleans from the error code's bits: bit 0 present (P), bit 1 write
 *    (W/R), bit 2 user (U/S), bit 3 reserved (RSVD), bit 4 fetch (I/D);
 *  - print one line that starts with "page fault at ", then the address
 *    as %p prints it (0x and 16 hex digits), and says it all: the access
 *    (read, write or instruction fetch), whether the page was present (a
 *    protection violation) or not, kernel or user mode, and "reserved bit
 *    set" when RSVD is. For instance
 *   page fault at 0xffffc00012345000: write to a not-present page, kernel mode
 */
void pf_report(const struct trap_frame *tf, uint64_t cr2)
{
#if LAB2_SOLUTION
	uint64_t e = tf->error;
	pf_last = (struct pf_info){
		.addr = cr2,
		.error = e,
		.present = e & 1,
		.write = e & 2,
		.user = e & 4,
		.reserved = e & 8,
		.fetch = e & 16,
	};
	kprintf("page fault at %p: %s %s page, %s mode%s\n", (void *)cr2,
		pf_last.fetch ? "instruction fetch from a" :
		pf_last.write ? "write to a" : "read from a",
		pf_last.present ? "present (protection violation)" : "not-present",
		pf_last.user ? "user" : "kernel",
		pf_last.reserved ? ", reserved bit set in a page-table entry" : "");
#else
	/* LAB 2: your code here. Until then page faults go unexplained. */
	(void)tf, (void)cr2;
	kprintf("page fault (the report is not written yet)\n");
#endif
}

/* save_user: the registers of thread `current`, interrupted in user mode,
 * into its TCB; it leaves the kernel by iretq (rcx and r11 matter). */
static void save_user(struct tcb *t, const struct trap_frame *tf)
{
	t->regs = (struct user_regs){
		.rax = tf->rax, .rbx = tf->rbx, .rcx = tf->rcx, .rdx = tf->rdx,
		.rsi = tf->rsi, .rdi = tf->rdi, .rbp = tf->rbp, .r8 = tf->r8,
		.r9 = tf->r9, .r10 = tf->r10, .r11 = tf->r11, .r12 = tf->r12,
		.r13 = tf->r13, .r14 = tf->r14, .r15 = tf->r15, .rip = tf->rip,
		.rflags = tf->rflags, .rsp = tf->rsp,
	};
	t->by_syscall = 0;
}

/* user_fault: thread `current` faulted in user mode: keep its registers
 * and the fault in its TCB, send it to its fault handler (or stop it),
 * run another. */
static void __noreturn user_fault(const struct trap_frame *tf, uint64_t cr2)
{
	struct tcb *t = current;
	save_user(t, tf);
	t->fault_vector = tf->vector;
	t->fault_error = tf->error;
	t->fault_addr = cr2;
	kprintf("user fault: thread %p: %s (vector %lu, error 0x%lx) at rip %p",
		(void *)t, trap_name(tf->vector), tf->vector, tf->error, (void *)tf->rip);
	if (tf->vector == 14)
		kprintf(", address %p", (void *)cr2);
	fault_send(t); /* ends the line */
	sched_exit();
}

/* interrupt: an interrupt arrived (the timer, or line n of the PICs).
 * In user mode, the interrupted thread is saved and whoever should run
 * now runs (the time slice ended, or the interrupt woke a thread); in the
 * kernel (only ever idle, in arch_wait_for_interrupt) it returns. */
static void interrupt(struct trap_frame *tf)
{
	if (tf->vector == TIMER_VECTOR) {
		timer_eoi();
		sched_tick();
	} else {
		irq_arrived(tf->vector - IRQ_VECTOR_BASE);
	}
	if ((tf->cs & 3) == 3 && current) {
		save_user(current, tf);
		sched_exit();
	}
}

uint64_t nmi_count;

void arch_nmi_on_stack(uint64_t sp)
{
	int2_on_stack(sp);
}

void trap(struct trap_frame *tf)
{
	/* An NMI (QEMU's monitor sends one with "nmi") is no error of the
	 * interrupted code, user or kernel: noted, and it goes on. It runs
	 * on its own stack (IST_NMI, gdt.c), whatever rsp it found. */
	if (tf->vector == 2) {
		nmi_count++;
		kprintf("nmi: a non-maskable interrupt at rip %p (rsp %p); carrying on\n",
			(void *)tf->rip, (void *)tf->rsp);
		return;
	}
	if ((tf->vector >= IRQ_VECTOR_BASE && tf->vector < IRQ_VECTOR_BASE + IRQ_LINES) ||
	    tf->vector == TIMER_VECTOR) {
		interrupt(tf);
		return;
	}
	if (tf->vector == SPURIOUS_VECTOR) /* the local APIC's: no EOI */
		return;

	uint64_t cr2 = read_cr2();

	trap_last = (struct trap_record){
		.vector = tf->vector,
		.error = tf->error,
		.rip = tf->rip,
		.rsp = tf->rsp,
		.cr2 = cr2,
		.count = trap_last.count + 1,
	};
	/* A machine check is the machine's fault, never the thread's. */
	if ((tf->cs & 3) == 3 && current && tf->vector != 18)
		user_fault(tf, cr2);
	kprintf("\ntrap: %s (vector %lu), error code 0x%lx, at rip %p\n",
		trap_name(tf->vector), tf->vector, tf->error, (void *)tf->rip);
	if (tf->vector == 14)
		pf_report(tf, cr2);
	if (tf->vector == 8)
		kprintf("double fault: on its own stack; cr2 %p (a kernel stack "
			"overflow into a guard page?)\n",
			(void *)cr2);
	print_frame(tf);
	kprintf("backtrace (from the trap):\n");
	backtrace_print();
	panic("trap: %s in the kernel", trap_name(tf->vector));
}
