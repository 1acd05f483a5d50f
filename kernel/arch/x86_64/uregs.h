/*
 * uregs.h: a user thread's registers, as the kernel keeps them in its TCB.
 *
 * syscall.S and trap.c write this layout; usermode.c's exits read it. The
 * offsets are pinned by the asserts below (syscall.S uses them).
 */
#ifndef ARCH_X86_64_UREGS_H
#define ARCH_X86_64_UREGS_H

#include "types.h"

struct user_regs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rip, rflags, rsp;
};

#define UREGS_SIZE (18 * 8)
_Static_assert(sizeof(struct user_regs) == UREGS_SIZE, "syscall.S: struct user_regs");
_Static_assert(__builtin_offsetof(struct user_regs, rip) == 15 * 8, "syscall.S: rip");

/* A thread's x87/MMX/SSE registers, as FXSAVE stores them (fpu.c). */
struct fpu_state {
	uint8_t fxsave[512];
} __attribute__((aligned(16)));

/* The flags a user thread runs with: IF (interrupts on; lab 4 uses them)
 * and the reserved bit 1. */
#define USER_RFLAGS 0x202

#endif /* ARCH_X86_64_UREGS_H */
