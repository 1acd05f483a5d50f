/*
 * kernel.ld.S: the kernel image's layout (run through cpp for memlayout.h).
 *
 * .boot* run at their physical addresses (32-bit entry, boot page tables);
 * everything else is linked at KERNEL_VMA + its physical address, in the
 * higher half. AT() gives each section's load (physical) address, which is
 * where GRUB puts it.
 *
 * Order matters: .ksymtab (the generated symbol table) comes after .text
 * and .rodata so that its size, which changes between the kernel's two
 * links, moves no code.
 */
#include "memlayout.h"

OUTPUT_FORMAT("elf64-x86-64")
ENTRY(_start)

PHDRS {
	boot PT_LOAD FLAGS(7);   /* RWX: 32-bit code, its data, the boot tables */
	text PT_LOAD FLAGS(5);   /* R-X */
	rodata PT_LOAD FLAGS(4); /* R-- */
	data PT_LOAD FLAGS(6);   /* RW- */
}

SECTIONS
{
	. = KERNEL_PHYS;
	__kernel_phys_start = .;

	.boot : {
		KEEP(*(.multiboot2))
		*(.boot.text)
		*(.boot.data)
	} :boot
	.boot.bss (NOLOAD) : ALIGN(4096) {
		*(.boot.bss)
	} :boot

	. = ALIGN(4096) + KERNEL_VMA;

	.text : AT(ADDR(.text) - KERNEL_VMA) {
		__text_start = .;
		*(.text .text.*)
		. = ALIGN(4096);
		__text_end = .;
	} :text

	. = ALIGN(4096);
	.rodata : AT(ADDR(.rodata) - KERNEL_VMA) {
		__rodata_start = .;
		*(.rodata .rodata.*)
	} :rodata
	.ksymtab : AT(ADDR(.ksymtab) - KERNEL_VMA) {
		*(.ksymtab)
		. = ALIGN(4096);
		__rodata_end = .;
	} :rodata

	. = ALIGN(4096);
	.data : AT(ADDR(.data) - KERNEL_VMA) {
		__data_start = .;
		*(.data .data.*)
	} :data
	.bss : AT(ADDR(.bss) - KERNEL_VMA) {
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		/* .bss never ends on a page boundary: its last page is always a
		 * partial one, which kvm_map_kernel must map (lab 2's hint), in
		 * every build, whatever the variables add up to. */
		. = (. % 4096 == 0) ? . + 16 : .;
		__bss_end = .;
		. = ALIGN(4096);
	} :data
	/* The stacks, with their guard pages (boot.S); not zeroed. */
	.stack (NOLOAD) : AT(ADDR(.stack) - KERNEL_VMA) {
		*(.stack)
	} :data

	__kernel_phys_end = . - KERNEL_VMA;

	/DISCARD/ : {
		*(.note.gnu.property)
		*(.eh_frame*)
		*(.comment)
	}
}
