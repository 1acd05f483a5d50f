/*
 * usermode.h: entering and leaving user mode (usermode.c, syscall.S).
 */
#ifndef ARCH_X86_64_USERMODE_H
#define ARCH_X86_64_USERMODE_H

#include "uregs.h"

struct tcb;

/* syscall.S */
void syscall_entry(void);
void __noreturn user_exit_sysret(struct user_regs *r);
void __noreturn user_exit_iret(struct user_regs *r);

/* syscall_save_area: the end of the running thread's struct user_regs,
 * where syscall.S pushes the registers. */
extern uint64_t syscall_save_area;

#endif /* ARCH_X86_64_USERMODE_H */
