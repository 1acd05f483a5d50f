/*
 * timer.c: the local APIC's timer, the scheduler's clock (see arch.h).
 *
 * Each CPU's local APIC has a timer that counts down from a value the
 * kernel writes, at a rate no register states: timer_init measures it,
 * counting how far it gets while the PIT (whose rate is fixed: 1,193,182
 * Hz) counts 10 ms on its channel 2, the one wired to the speaker gate
 * rather than to an interrupt line. The PIT's channel 0 and line 0 stay
 * free for user space (lab 3's caps_irq test uses them), and the local
 * APIC's registers are a page of memory-mapped I/O, mapped uncached at
 * LAPIC_VA in the kernel's half of every address space.
 */
#include "arch.h"
#include "cpu.h"
#include "kprintf.h"
#include "memlayout.h"
#include "paging.h"

#define LAPIC_PHYS 0xfee00000ull
#define LAPIC_VA 0xffffffffffe00000ull /* the last 2 MiB: nothing else there */
#define PTE_PWT (1ull << 3)
#define PTE_PCD (1ull << 4)

/* Registers, as byte offsets into the page. */
#define LAPIC_EOI 0xb0
#define LAPIC_SVR 0xf0        /* spurious vector; bit 8: the APIC is on */
#define LAPIC_LVT_TIMER 0x320 /* vector; bit 16 masked; bit 17 periodic */
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_COUNT 0x390
#define LAPIC_TIMER_DIVIDE 0x3e0 /* 0x3: divide by 16 */
#define LVT_MASKED (1u << 16)
#define LVT_PERIODIC (1u << 17)

/* The PIT's channel 2, gated through port 0x61 (bit 0 the gate, bit 1
 * the speaker, bit 5 channel 2's output). */
#define PIT_HZ 1193182u
#define PIT_CH2 0x42
#define PIT_MODE 0x43
#define PIT_GATE 0x61
#define CALIBRATE_MS 10

uint64_t timer_ticks_per_ms;
uint64_t timer_tsc_hz;
static bool timer_on;

static volatile uint32_t *lapic_reg(unsigned off)
{
	return (volatile uint32_t *)(LAPIC_VA + off);
}

/* measure: local APIC timer counts (divided by 16) in CALIBRATE_MS ms;
 * the time-stamp counter's rate in timer_tsc_hz, measured on the way. */
static uint32_t measure(void)
{
	uint16_t count = (uint16_t)(PIT_HZ / 1000 * CALIBRATE_MS);
	outb(PIT_GATE, (uint8_t)((inb(PIT_GATE) & ~0x02) & ~0x01)); /* gate low, no sound */
	outb(PIT_MODE, 0xb0); /* channel 2, low then high byte, mode 0, binary */
	outb(PIT_CH2, (uint8_t)count);
	outb(PIT_CH2, (uint8_t)(count >> 8));
	*lapic_reg(LAPIC_LVT_TIMER) = LVT_MASKED | TIMER_VECTOR;
	*lapic_reg(LAPIC_TIMER_DIVIDE) = 0x3;
	outb(PIT_GATE, (uint8_t)(inb(PIT_GATE) | 0x01)); /* gate high: it counts */
	*lapic_reg(LAPIC_TIMER_INIT) = 0xffffffffu;
	uint64_t tsc0 = rdtsc();
	while (!(inb(PIT_GATE) & 0x20)) /* channel 2's output rises at 0 */
		cpu_relax();
	uint32_t left = *lapic_reg(LAPIC_TIMER_COUNT);
	timer_tsc_hz = (rdtsc() - tsc0) * (1000 / CALIBRATE_MS); /* the TSC's, for user space */
	*lapic_reg(LAPIC_TIMER_INIT) = 0;
	outb(PIT_GATE, (uint8_t)(inb(PIT_GATE) & ~0x01));
	return 0xffffffffu - left;
}

void timer_init(unsigned ms)
{
	if (pt_map(kernel_pml4, LAPIC_VA, LAPIC_PHYS, PTE_W | PTE_NX | PTE_G | PTE_PCD | PTE_PWT)) {
		kprintf("timer: cannot map the local APIC; no time slices\n");
		return;
	}
	*lapic_reg(LAPIC_SVR) = 0x100 | SPURIOUS_VECTOR;
	timer_ticks_per_ms = measure() / CALIBRATE_MS;
	if (!ms || !timer_ticks_per_ms) {
		kprintf("timer: off; threads run until they block or yield\n");
		return;
	}
	*lapic_reg(LAPIC_TIMER_DIVIDE) = 0x3;
	*lapic_reg(LAPIC_LVT_TIMER) = LVT_PERIODIC | TIMER_VECTOR;
	*lapic_reg(LAPIC_TIMER_INIT) = (uint32_t)(timer_ticks_per_ms * ms);
	timer_on = true;
	kprintf("timer: local APIC timer at %lu counts/ms, a time slice every %u ms\n",
		(unsigned long)timer_ticks_per_ms, ms);
}

void timer_eoi(void)
{
	if (timer_on)
		*lapic_reg(LAPIC_EOI) = 0;
}

void arch_wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}
