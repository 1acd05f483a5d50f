/*
 * trap.h: exceptions (vectors 0..31) and the trap frame.
 */
#ifndef ARCH_X86_64_TRAP_H
#define ARCH_X86_64_TRAP_H

#include "types.h"

/* The registers a trap saves, as trapentry.S lays them out (lowest
 * address first). The offsets are pinned in trap.c. */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error; /* pushed by the entry stub (error 0 if none) */
	uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

/* The last trap (read by the grader). */
struct trap_record {
	uint64_t vector, error, rip, rsp, cr2;
	uint64_t count; /* traps since boot */
};
extern struct trap_record trap_last;
/* nmi_count: NMIs taken (each noted and carried on from). */
extern uint64_t nmi_count;

/* What the page-fault report decoded (read by the grader). */
struct pf_info {
	uint64_t addr;  /* CR2: the address that faulted */
	uint64_t error; /* the error code */
	bool present;   /* P: the page was present (a protection fault) */
	bool write;     /* W/R: a write */
	bool user;      /* U/S: in user mode */
	bool reserved;  /* RSVD: a reserved bit was set in an entry */
	bool fetch;     /* I/D: an instruction fetch */
};
extern struct pf_info pf_last;

#define TRAP_VECTORS 64 /* 0..31 exceptions, 32..47 the PICs' lines, 48..63 the local APIC's (timer.c) */

/* trap_name: "page fault", "general protection", ... */
const char *trap_name(uint64_t vector);

/* trap: the C side of every trap (trapentry.S). */
void trap(struct trap_frame *tf);

/* pf_report: decode a page fault at address cr2 into pf_last and print
 * one line about it. (Lab 2 exercise: the requirements are above it in
 * trap.c.) */
void pf_report(const struct trap_frame *tf, uint64_t cr2);

#endif /* ARCH_X86_64_TRAP_H */
