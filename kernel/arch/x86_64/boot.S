/*
 * boot.S: from GRUB to kmain().
 *
 *   void _start(void);   (never returns)
 *
 * GRUB enters _start in 32-bit protected mode (multiboot2 spec, section
 * "I386 machine state"): EAX = 0x36d76289, EBX = physical address of the
 * multiboot2 information, paging off, interrupts off, flat segments, and no
 * stack we may use. _start then
 *
 *   1. checks the magic and that the CPU has long mode (else: a message on
 *      COM1, the panic status on the debug-exit port, halt);
 *   2. builds the boot page tables: physical [0, 2 GiB) in 2 MiB pages,
 *      mapped at 0 (identity) and at KERNEL_VMA (the higher half):
 *
 *        boot_pml4[0]   -> boot_pdpt_low[0..1]  -> boot_pd[0..1023]
 *        boot_pml4[511] -> boot_pdpt_high[510..511] -^   (2 MiB pages)
 *
 *   3. enables PAE, long mode (EFER.LME) with NX (EFER.NXE), paging and
 *      write protection, loads a 64-bit GDT and far-jumps into 64-bit code;
 *   4. jumps to the higher half, zeroes .bss, switches to the kernel stack
 *      and calls kmain(magic, info) with a zero frame pointer, so that the
 *      backtrace ends there.
 *
 * Until step 4 everything runs at its physical address (section .boot*,
 * linked low); afterwards at KERNEL_VMA + physical.
 */
#include "memlayout.h"
#include <erix/exit.h>

#define MB2_HEADER_MAGIC 0xe85250d6
#define MB2_BOOT_MAGIC 0x36d76289
#define COM1 0x3f8

#define PTE_P 0x1    /* present */
#define PTE_W 0x2    /* writable */
#define PTE_PS 0x80  /* 2 MiB page (in a page directory) */

#define CR0_PG (1 << 31)
#define CR0_WP (1 << 16)
#define CR4_PAE (1 << 5)
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)

#define GDT_KCODE 0x08
#define GDT_KDATA 0x10

/* ---- the multiboot2 header: within the image's first 32 KiB ---------- */
	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long MB2_HEADER_MAGIC
	.long 0                                   /* architecture: i386 */
	.long mb2_header_end - mb2_header
	.long -(MB2_HEADER_MAGIC + 0 + (mb2_header_end - mb2_header))
	.balign 8                                 /* module alignment: every */
	.short 6, 0                               /* module page-aligned, so */
	.long 8                                   /* that whole pages go to the root task */
	.balign 8                                 /* the end tag */
	.short 0, 0
	.long 8
mb2_header_end:

/* ---- 32-bit entry ---------------------------------------------------- */
	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	movl $boot_stack32_top, %esp
	movl %eax, boot_mb_magic
	movl %ebx, boot_mb_info

	cmpl $MB2_BOOT_MAGIC, %eax
	jne no_multiboot

	/* CPUID exists if EFLAGS.ID (bit 21) can be flipped. */
	pushfl
	popl %eax
	movl %eax, %ecx
	xorl $(1 << 21), %eax
	pushl %eax
	popfl
	pushfl
	popl %eax
	pushl %ecx
	popfl
	cmpl %eax, %ecx
	je no_long_mode

	/* Long mode: extended leaf 0x80000001, EDX bit 29. */
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode
	movl $0x80000001, %eax
	cpuid
	testl $(1 << 29), %edx
	jz no_long_mode

	/* Zero the boot tables (GRUB zeroes .bss, but we rely on no one). */
	movl $boot_tables_start, %edi
	movl $boot_tables_end, %ecx
	subl %edi, %ecx
	shrl $2, %ecx
	xorl %eax, %eax
	rep stosl

	/* boot_pd: 1024 entries of 2 MiB cover physical [0, 2 GiB). */
	movl $boot_pd, %edi
	movl $(PTE_P | PTE_W | PTE_PS), %eax
	movl $1024, %ecx
1:	movl %eax, (%edi)
	addl $0x200000, %eax
	addl $8, %edi
	loop 1b

	movl $(boot_pd + PTE_P + PTE_W), boot_pdpt_low
	movl $(boot_pd + 0x1000 + PTE_P + PTE_W), boot_pdpt_low + 8
	movl $(boot_pd + PTE_P + PTE_W), boot_pdpt_high + 510 * 8
	movl $(boot_pd + 0x1000 + PTE_P + PTE_W), boot_pdpt_high + 511 * 8
	movl $(boot_pdpt_low + PTE_P + PTE_W), boot_pml4
	movl $(boot_pdpt_high + PTE_P + PTE_W), boot_pml4 + 511 * 8

	/* PAE, the tables, long mode + NX, then paging: we are in long mode
	 * (compatibility submode) until the far jump loads a 64-bit CS. */
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $boot_pml4, %eax
	movl %eax, %cr3
	movl $0xc0000080, %ecx
	rdmsr
	orl $(EFER_LME | EFER_NXE), %eax
	wrmsr
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP), %eax
	movl %eax, %cr0

	lgdt boot_gdt_ptr
	ljmp $GDT_KCODE, $long_mode_low

/* Print the NUL-terminated string at ESI on COM1, report a panic on the
 * debug-exit port and halt for good. */
no_multiboot:
	movl $msg_no_multiboot, %esi
	jmp boot_fail
no_long_mode:
	movl $msg_no_long_mode, %esi
boot_fail:
	movw $(COM1 + 1), %dx             /* no UART interrupts */
	xorb %al, %al
	outb %al, %dx
	movw $(COM1 + 3), %dx             /* DLAB on, divisor 1: 115200 */
	movb $0x80, %al
	outb %al, %dx
	movw $COM1, %dx
	movb $1, %al
	outb %al, %dx
	movw $(COM1 + 1), %dx
	xorb %al, %al
	outb %al, %dx
	movw $(COM1 + 3), %dx             /* 8 bits, no parity, 1 stop */
	movb $3, %al
	outb %al, %dx
2:	lodsb
	testb %al, %al
	jz 4f
	movb %al, %ah
	movw $(COM1 + 5), %dx             /* wait for an empty transmitter */
3:	inb %dx, %al
	testb $0x20, %al
	jz 3b
	movw $COM1, %dx
	movb %ah, %al
	outb %al, %dx
	jmp 2b
4:	movw $ERIX_DEBUG_EXIT_PORT, %dx
	movb $ERIX_EXIT_PANIC, %al
	outb %al, %dx
5:	cli
	hlt
	jmp 5b

/* ---- 64-bit, still at the physical address --------------------------- */
	.code64
long_mode_low:
	movw $GDT_KDATA, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movabsq $kernel_entry64, %rax
	jmp *%rax

	.section .boot.data, "aw"
	.balign 16
boot_gdt:
	.quad 0                           /* the null descriptor */
	.quad 0x00af9a000000ffff          /* 0x08: 64-bit code, ring 0 */
	.quad 0x00cf92000000ffff          /* 0x10: data, ring 0 */
boot_gdt_end:
boot_gdt_ptr:
	.word boot_gdt_end - boot_gdt - 1
	.long boot_gdt

	.globl boot_mb_magic, boot_mb_info
boot_mb_magic:	.long 0
boot_mb_info:	.long 0

msg_no_multiboot:
	.asciz "\r\nEriX boot: not started by a multiboot2 boot loader (bad magic in EAX); halting.\r\n"
msg_no_long_mode:
	.asciz "\r\nEriX boot: this CPU has no long mode (x86-64); EriX needs a 64-bit CPU. Halting.\r\n"

	.section .boot.bss, "aw", @nobits
	.balign 4096
boot_tables_start:
	.globl boot_pml4
boot_pml4:	.skip 4096
boot_pdpt_low:	.skip 4096
boot_pdpt_high:	.skip 4096
boot_pd:	.skip 2 * 4096
boot_tables_end:
	.skip 256
boot_stack32_top:

/* ---- 64-bit, in the higher half --------------------------------------- */
	.text
	.cfi_sections .debug_frame
	.globl kernel_entry64
kernel_entry64:
	.cfi_startproc
	.cfi_undefined rip      /* tell GDB: the outermost frame, nothing above */
	movabsq $__bss_start, %rdi
	movabsq $__bss_end, %rcx
	subq %rdi, %rcx
	xorl %eax, %eax
	rep stosb

	movabsq $boot_stack_top, %rsp
	xorl %ebp, %ebp
	movl boot_mb_magic, %edi
	movl boot_mb_info, %esi
	call kmain
	/* kmain() does not return; should it, say so loudly. */
	movabsq $msg_kmain_returned, %rdi
	call panic
	.cfi_endproc

	.section .rodata
msg_kmain_returned:
	.asciz "kmain returned"

/* The kernel's stacks, each above a guard page that kvm.c leaves
 * unmapped: running off the bottom of a stack faults at once. */
	.section .stack, "aw", @nobits
	.balign 4096
	.globl boot_stack, boot_stack_top, df_stack, df_stack_top
	.globl nmi_stack, nmi_stack_top, mc_stack, mc_stack_top
boot_stack_guard:
	.skip 4096
boot_stack:
	.skip KSTACK_SIZE
boot_stack_top:
df_stack_guard:
	.skip 4096
df_stack: /* the IST stacks, one region (kvm.c maps [df_stack, df_stack_top)) */
nmi_stack:
	.skip ISTSTACK_SIZE
nmi_stack_top:
mc_stack:
	.skip ISTSTACK_SIZE
mc_stack_top:
	.skip DFSTACK_SIZE /* the double fault's, on top */
df_stack_top:
