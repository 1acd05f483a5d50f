/*
 * cpu.h: single x86-64 instructions as static inline functions.
 * Everything that needs inline assembly outside the .S files lives here.
 */
#ifndef ARCH_X86_64_CPU_H
#define ARCH_X86_64_CPU_H

#include "types.h"

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint16_t inw(uint16_t port)
{
	uint16_t v;
	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t v;
	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpu_relax(void) { __asm__ volatile("pause"); }
static inline void cli(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void hlt(void) { __asm__ volatile("hlt"); }

#define DEFINE_READ_CR(n)                                          \
	static inline uint64_t read_cr##n(void)                        \
	{                                                              \
		uint64_t v;                                                \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));          \
		return v;                                                  \
	}
DEFINE_READ_CR(0)
DEFINE_READ_CR(2)
DEFINE_READ_CR(3)
DEFINE_READ_CR(4)
#undef DEFINE_READ_CR

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void write_cr4(uint64_t v) { __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }

/* write_cr3: switch to the page tables at physical address root (which
 * also drops every non-global TLB entry). */
static inline void write_cr3(uint64_t root) { __asm__ volatile("mov %0, %%cr3" : : "r"(root) : "memory"); }

/* cpuid: leaf (and sub-leaf) into r[0..3] = eax, ebx, ecx, edx. */
static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

static inline void write_cr0(uint64_t v) { __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }

/* fxsave/fxrstor: the x87, MMX and SSE registers to and from 512 bytes
 * aligned to 16. */
static inline void fxsave(void *area) { __asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory"); }
static inline void fxrstor(const void *area)
{
	__asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory");
}

#define CR0_MP (1ull << 1)  /* wait/fwait obeys TS */
#define CR0_EM (1ull << 2)  /* no x87: every FPU instruction faults */
#define CR0_TS (1ull << 3)  /* task switched: the next FPU instruction faults */
#define CR4_OSFXSR (1ull << 9)      /* FXSAVE/FXRSTOR and SSE on */
#define CR4_OSXMMEXCPT (1ull << 10) /* SSE exceptions as #XM */

/* stac/clac: open and close a window in which the kernel may touch user
 * pages although CR4.SMAP is set (RFLAGS.AC). Only where SMAP exists. */
static inline void stac(void) { __asm__ volatile("stac" ::: "memory", "cc"); }
static inline void clac(void) { __asm__ volatile("clac" ::: "memory", "cc"); }

#define CR4_SMEP (1ull << 20) /* the kernel never executes a user page */
#define CR4_SMAP (1ull << 21) /* nor touches one, outside stac..clac */

/* int2_on_stack: take vector 2, the NMI's gate, with rsp = sp for the
 * moment (test=nmi_stack: as an NMI finds rsp in the first instruction of
 * syscall_entry, still the user's); rsp is restored after. */
static inline void int2_on_stack(uint64_t sp)
{
	__asm__ volatile("movq %%rsp, %%rbx\n\t"
			 "movq %0, %%rsp\n\t"
			 "int $2\n\t"
			 "movq %%rbx, %%rsp"
			 :
			 : "a"(sp)
			 : "rbx", "memory");
}

#define MSR_EFER 0xc0000080
#define MSR_STAR 0xc0000081   /* syscall/sysret segment selectors */
#define MSR_LSTAR 0xc0000082  /* syscall's entry point */
#define MSR_SFMASK 0xc0000084 /* RFLAGS bits syscall clears */
#define EFER_SCE (1ull << 0)  /* syscall/sysret enabled */

#endif /* ARCH_X86_64_CPU_H */
