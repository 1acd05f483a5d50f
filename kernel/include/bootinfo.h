/*
 * bootinfo.h: what the kernel keeps from the boot loader's information.
 *
 * Filled once at boot by bootinfo_load() (from multiboot2 via mb2_parse)
 * and read-only afterwards. Fixed-size tables: after boot the kernel
 * allocates nothing on its own.
 */
#ifndef KERNEL_BOOTINFO_H
#define KERNEL_BOOTINFO_H

#include "types.h"

#define BOOT_MMAP_MAX 64
#define BOOT_MODULES_MAX 16
#define BOOT_NAME_MAX 64
#define BOOT_CMDLINE_MAX 256

/* Memory-map region types (multiboot2 = BIOS e820 numbering). */
enum mem_type {
	MEM_AVAILABLE = 1,
	MEM_RESERVED = 2,
	MEM_ACPI_RECLAIMABLE = 3,
	MEM_ACPI_NVS = 4,
	MEM_BAD = 5,
};

struct mem_region {
	paddr_t base;
	uint64_t length;
	uint32_t type; /* enum mem_type; any other value means reserved */
};

struct boot_module {
	paddr_t start; /* inclusive */
	paddr_t end;   /* exclusive */
	char name[BOOT_NAME_MAX];
};

struct boot_info {
	paddr_t info_pa;   /* the multiboot2 information itself */
	uint64_t info_size;
	char loader[BOOT_NAME_MAX];
	char cmdline[BOOT_CMDLINE_MAX];

	struct mem_region mmap[BOOT_MMAP_MAX];
	unsigned mmap_count;
	uint64_t mem_usable;   /* bytes in MEM_AVAILABLE regions */
	uint64_t mem_reserved; /* bytes in all other regions */
	paddr_t mem_top;       /* end of the highest MEM_AVAILABLE region */

	struct boot_module modules[BOOT_MODULES_MAX];
	unsigned module_count;

	int status;            /* enum mb2_status of the parse */
	uint64_t error_offset; /* where in the information it went wrong */
};

extern struct boot_info boot_info;

/* bootinfo_load: check the boot loader's magic, parse its information at
 * physical address info_pa into boot_info and report any problem on the
 * console. Never fails: a problem leaves boot_info partly empty. */
void bootinfo_load(uint32_t magic, paddr_t info_pa);

/* bootinfo_print: print the boot loader, the command line and its options
 * (cmdline.h), the memory map with its totals, and the modules. */
void bootinfo_print(void);

/* mem_type_name: "available", "reserved", "ACPI reclaimable", ... */
const char *mem_type_name(uint32_t type);

#endif /* KERNEL_BOOTINFO_H */
