/*
 * bootinfo.c: loading and printing the boot information (bootinfo.h).
 */
#include "bootinfo.h"
#include "cmdline.h"
#include "kprintf.h"
#include "memlayout.h"
#include "multiboot2.h"

struct boot_info boot_info;

const char *mem_type_name(uint32_t type)
{
	switch (type) {
	case MEM_AVAILABLE:
		return "available";
	case MEM_ACPI_RECLAIMABLE:
		return "ACPI reclaimable";
	case MEM_ACPI_NVS:
		return "ACPI NVS";
	case MEM_BAD:
		return "bad RAM";
	default:
		return "reserved";
	}
}

void bootinfo_load(uint32_t magic, paddr_t info_pa)
{
	if (magic != MB2_BOOT_MAGIC) {
		kprintf("boot: bad multiboot2 magic 0x%x; no boot information\n",
			magic);
		boot_info.status = MB2_ERR_NULL;
		return;
	}
	/* The information must lie in the boot tables' window; read its
	 * header first to learn how much of it there is. */
	const struct mb2_info *hdr = phys_window(info_pa, sizeof(*hdr));
	const void *info = NULL;
	size_t avail = 0;
	if (info_pa != 0 && hdr) {
		avail = BOOT_WINDOW_SIZE - info_pa;
		info = hdr;
	}
	enum mb2_status s = mb2_parse(info, avail, &boot_info);
	boot_info.info_pa = info_pa;
	boot_info.status = s;
	if (s != MB2_OK)
		kprintf("boot: multiboot2 information at 0x%lx: %s (tag at offset "
			"%lu)\n",
			(unsigned long)info_pa, mb2_strerror(s),
			(unsigned long)boot_info.error_offset);
}

void bootinfo_print(void)
{
	const struct boot_info *bi = &boot_info;

	kprintf("boot loader: %s\n", bi->loader[0] ? bi->loader : "(unnamed)");
	kprintf("command line: \"%s\"\n", bi->cmdline);
	for (int i = 0; i < cmdline_count; i++)
		kprintf("  option %s = \"%s\"\n", cmdline_opts[i].key,
			cmdline_opts[i].value);

	kprintf("memory map: %u regions\n", bi->mmap_count);
	for (unsigned i = 0; i < bi->mmap_count; i++) {
		const struct mem_region *r = &bi->mmap[i];
		kprintf("  %016lx-%016lx %10lu KiB  %s\n", r->base,
			r->base + r->length - 1, r->length >> 10,
			mem_type_name(r->type));
	}
	kprintf("memory: %lu KiB usable, %lu KiB reserved, usable RAM ends at "
		"0x%lx\n",
		bi->mem_usable >> 10, bi->mem_reserved >> 10, bi->mem_top);

	kprintf("modules: %u\n", bi->module_count);
	for (unsigned i = 0; i < bi->module_count; i++) {
		const struct boot_module *m = &bi->modules[i];
		kprintf("  %-16s %08lx-%08lx %8lu bytes\n", m->name, m->start,
			m->end, m->end - m->start);
	}
}
