/*
 * usermode.h: entering and leaving user mode (usermode.c, syscall.S).
 */
#ifndef ARCH_X86_64_USERMODE_H
#define ARCH_X86_64_USERMODE_H

#include "uregs.h"

struct tcb;

/* usermode_init: enable syscall/sysret (EFER.SCE, STAR, LSTAR, SFMASK)
 * and set up the PICs, every line masked (pic_init). After trap_init. */
void usermode_init(void);

/* user_exit: run thread t in user mode, from its saved registers: by
 * sysret if it entered the kernel by syscall (or never ran), else by iretq
 * (which restores rcx and r11 too). Never returns. */
void __noreturn user_exit(struct tcb *t);

/* syscall.S */
void syscall_entry(void);
void __noreturn user_exit_sysret(struct user_regs *r);
void __noreturn user_exit_iret(struct user_regs *r);

/* syscall_save_area: the end of the running thread's struct user_regs,
 * where syscall.S pushes the registers. */
extern uint64_t syscall_save_area;

#endif /* ARCH_X86_64_USERMODE_H */
