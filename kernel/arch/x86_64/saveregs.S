/*
 * saveregs.S: snapshot the registers for panic().
 *
 *   void arch_save_regs(struct cpu_regs *r);    (r in RDI)
 *
 * struct cpu_regs (arch.h), offsets pinned by the static asserts in regs.c:
 *
 *   0x00 rax  0x08 rbx  0x10 rcx  0x18 rdx  0x20 rsi  0x28 rdi  0x30 rbp
 *   0x38 rsp  0x40 r8 ... 0x78 r15  0x80 rip  0x88 rflags
 *   0x90 cr0  0x98 cr2  0xa0 cr3  0xa8 cr4
 *
 * Every register is stored as the caller left it, except: rdi holds r,
 * rip is our return address and rsp the caller's (ours + 8).
 */
	.text
	.globl arch_save_regs
arch_save_regs:
	movq %rax, 0x00(%rdi)
	movq %rbx, 0x08(%rdi)
	movq %rcx, 0x10(%rdi)
	movq %rdx, 0x18(%rdi)
	movq %rsi, 0x20(%rdi)
	movq %rdi, 0x28(%rdi)
	movq %rbp, 0x30(%rdi)
	leaq 8(%rsp), %rax
	movq %rax, 0x38(%rdi)
	movq %r8, 0x40(%rdi)
	movq %r9, 0x48(%rdi)
	movq %r10, 0x50(%rdi)
	movq %r11, 0x58(%rdi)
	movq %r12, 0x60(%rdi)
	movq %r13, 0x68(%rdi)
	movq %r14, 0x70(%rdi)
	movq %r15, 0x78(%rdi)
	movq (%rsp), %rax
	movq %rax, 0x80(%rdi)
	pushfq
	popq 0x88(%rdi)
	movq %cr0, %rax
	movq %rax, 0x90(%rdi)
	movq %cr2, %rax
	movq %rax, 0x98(%rdi)
	movq %cr3, %rax
	movq %rax, 0xa0(%rdi)
	movq %cr4, %rax
	movq %rax, 0xa8(%rdi)
	movq 0x00(%rdi), %rax
	ret
