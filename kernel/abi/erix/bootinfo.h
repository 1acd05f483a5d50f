/*
 * erix/bootinfo.h: what the root task is given when it starts.
 *
 * Part of the public ABI; includes nothing kernel-internal.
 *
 * The kernel starts the root task at its ELF entry point with RDI holding
 * the address of a read-only page with a struct erix_bootinfo, and RSP at
 * the top of a stack of ERIX_ROOT_STACK_PAGES pages. The root task's CNode
 * has 2^cnode_bits slots; its CPtrs are slot numbers. The fixed slots come
 * first; then ranges of slots [start, end) for the rest, listed below.
 */
#ifndef ERIX_BOOTINFO_H
#define ERIX_BOOTINFO_H

#include <stdint.h>

#define ERIX_BOOTINFO_MAGIC 0x4f464e49544f4f42ull /* "BOOTINFO" */
#define ERIX_BOOTINFO_ADDR 0x00007fffffffd000ull  /* where it is mapped */
#define ERIX_ROOT_STACK_TOP 0x00007fffffff0000ull
#define ERIX_ROOT_STACK_PAGES 16
#define ERIX_ROOT_CNODE_BITS 12

/* The root task's fixed slots. */
enum erix_root_slot {
	ERIX_ROOT_NULL = 0,        /* reserved in every CNode */
	ERIX_ROOT_CNODE = 1,       /* its own CNode (the CSpace root) */
	ERIX_ROOT_VSPACE = 2,      /* its address space */
	ERIX_ROOT_TCB = 3,         /* its thread */
	ERIX_ROOT_IRQ_CONTROL = 4, /* makes IRQHandler capabilities */
	ERIX_ROOT_IOPORT = 5,      /* I/O ports 0..0xffff but ERIX_KERNEL_PORTS */
	ERIX_ROOT_BOOTINFO = 6,    /* the frame holding this structure */
	ERIX_ROOT_FIRST_FREE_FIXED = 7,
};

struct erix_slot_range {
	uint64_t start, end; /* slots [start, end) */
};

#define ERIX_BOOTINFO_MAX_UNTYPED 192
#define ERIX_BOOTINFO_MAX_MODULES 8

struct erix_untyped_desc {
	uint64_t paddr;     /* where the memory starts (physical) */
	uint8_t size_bits;  /* 2^size_bits bytes */
	uint8_t reserved[7];
};

struct erix_module_desc {
	char name[32];               /* GRUB's module string */
	uint64_t size;               /* bytes */
	struct erix_slot_range frames; /* one Frame capability per page */
};

struct erix_bootinfo {
	uint64_t magic;         /* ERIX_BOOTINFO_MAGIC */
	uint64_t cnode_bits;    /* the root CNode has 2^cnode_bits slots */
	struct erix_slot_range image;    /* Frames: the root task's ELF pages
					    and stack, all mapped (this page's
					    Frame is ERIX_ROOT_BOOTINFO) */
	struct erix_slot_range paging;   /* PageTables of its address space */
	struct erix_slot_range modules;  /* Frames of all boot modules */
	struct erix_slot_range untyped;  /* Untyped capabilities */
	struct erix_slot_range empty;    /* free slots, up to 2^cnode_bits */
	uint64_t untyped_count;
	struct erix_untyped_desc untyped_list[ERIX_BOOTINFO_MAX_UNTYPED];
	uint64_t module_count;
	struct erix_module_desc module_list[ERIX_BOOTINFO_MAX_MODULES];
	char test[32];          /* which test program to run ("" if none):
				   the test= option of the kernel command
				   line, or the name the grader planted */
	uint64_t test_args[8];  /* its inputs: arg0= ... arg7=, or planted */
	uint64_t tsc_hz;        /* the time-stamp counter's rate (Hz), as the
				   kernel measured it against the PIT at boot
				   (0: unknown); user space's clock */
};

_Static_assert(sizeof(struct erix_bootinfo) <= 4096, "boot info fits one page");
_Static_assert(sizeof(struct erix_untyped_desc) == 16, "untyped descriptor layout");
_Static_assert(__builtin_offsetof(struct erix_bootinfo, untyped_list) == 104,
	       "boot info layout");

#endif /* ERIX_BOOTINFO_H */
