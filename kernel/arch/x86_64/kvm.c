/*
 * kvm.c: the kernel's own page tables.
 *
 * Built once at boot, from frames of the frame allocator, while the boot
 * tables still map the first 2 GiB (so new tables are reached through the
 * boot window), then loaded into CR3. Afterwards every table is reached
 * through the direct map.
 */
#include "kvm.h"
#include "arch.h"
#include "bootinfo.h"
#include "cpu.h"
#include "frame.h"
#include "kprintf.h"
#include "kstring.h"
#include "memlayout.h"
#include "paging.h"
#include <erix/errors.h>

paddr_t kernel_pml4;

/* The image's sections (kernel.ld.S) and stacks (boot.S). */
extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __bss_end[];
extern char boot_stack[], boot_stack_top[], df_stack[], df_stack_top[];

/* map_range: map the image's virtual range [start, end) (page-aligned) to
 * its physical frames with flags. */
static int map_range(paddr_t root, const char *start, const char *end,
		     uint64_t flags)
{
	for (vaddr_t va = (vaddr_t)start; va < (vaddr_t)end; va += PAGE_SIZE) {
		int err = pt_map(root, va, va - KERNEL_VMA, flags);
		if (err)
			return err;
	}
	return 0;
}

/*
 * kvm_map_kernel (LAB 2 exercise).
 *
 * Requirements: with map_range, map
 *   [__text_start, __text_end)     read and execute: no PTE_W, no PTE_NX
 *   [__rodata_start, __rodata_end) read only: PTE_NX
 *   [__data_start, __bss_end)      read-write: PTE_W | PTE_NX
 *   [boot_stack, boot_stack_top)   read-write: PTE_W | PTE_NX
 *   [df_stack, df_stack_top)       read-write: PTE_W | PTE_NX
 * each with PTE_G (global) as well, and nothing else: the page below each
 * stack (its guard page) stays unmapped, so that running off a stack
 * faults at once instead of overwriting what lies below it, and so does
 * everything else in the image (.boot, the boot tables). Return 0, or the
 * first error map_range returns.
 * Hint: kernel.ld.S page-aligns every boundary used here but __bss_end;
 * map_range maps whole pages, so the last partial page of .bss is covered.
 */
int kvm_map_kernel(paddr_t root)
{
#if LAB2_SOLUTION
	int err;
	if ((err = map_range(root, __text_start, __text_end, PTE_G)) ||
	    (err = map_range(root, __rodata_start, __rodata_end, PTE_G | PTE_NX)) ||
	    (err = map_range(root, __data_start, __bss_end, PTE_G | PTE_W | PTE_NX)) ||
	    (err = map_range(root, boot_stack, boot_stack_top, PTE_G | PTE_W | PTE_NX)) ||
	    (err = map_range(root, df_stack, df_stack_top, PTE_G | PTE_W | PTE_NX)))
		return err;
	return 0;
#else
	/* LAB 2: your code here. Until then the kernel keeps the boot tables. */
	(void)root, (void)map_range;
	return -ERR_INVALID;
#endif
}

/* The boot-time pt_env: tables reached through the boot window. */
static void *boot_p2v(paddr_t pa) { return phys_window(pa, PAGE_SIZE); }
static void *direct_p2v(paddr_t pa) { return phys_to_virt(pa); }

static paddr_t table_alloc(void)
{
	paddr_t pa = frame_alloc();
	if (!pa)
		return 0;
	void *t = pt_env.p2v(pa);
	if (!t) { /* beyond the boot window: cannot use it yet */
		frame_free(pa);
		return 0;
	}
	memset(t, 0, PAGE_SIZE);
	return pa;
}

int kvm_init(void)
{
	pt_env = (struct pt_env){ .p2v = boot_p2v, .alloc = table_alloc };
	paddr_t root = table_alloc();
	if (!root) {
		kprintf("kvm: no frame for a page table; staying on the boot page "
			"tables\n");
		return -ERR_NO_MEMORY;
	}
	int err = kvm_map_kernel(root);
	if (err) {
		kprintf("kvm: mapping the kernel failed (error %d); staying on the "
			"boot page tables\n", -err);
		return err;
	}
	/* The direct map: all RAM below the top of usable memory, in 2 MiB
	 * pages, read-write, never executable. */
	uint64_t top = ALIGN_UP(boot_info.mem_top, LARGE_PAGE_SIZE);
	if (top > DIRECT_MAP_SIZE) {
		kprintf("kvm: only the first %lu GiB of RAM fit the direct map\n",
			(uint64_t)DIRECT_MAP_SIZE >> 30);
		top = DIRECT_MAP_SIZE;
	}
	for (paddr_t pa = 0; pa < top; pa += LARGE_PAGE_SIZE) {
		err = pt_map_large(root, DIRECT_MAP_BASE + pa, pa,
				   PTE_W | PTE_NX | PTE_G);
		if (err) {
			kprintf("kvm: the direct map failed at 0x%lx (error %d); staying "
				"on the boot page tables\n", pa, -err);
			return err;
		}
	}
	write_cr3(root);
	kernel_pml4 = root;
	pt_env.p2v = direct_p2v;
	frame_table_to_direct_map();
	kprintf("kvm: on the kernel's page tables (PML4 at 0x%lx); direct map of "
		"%lu MiB at %p\n", root, top >> 20, (void *)DIRECT_MAP_BASE);
	return 0;
}

bool kvm_is_active(paddr_t root) { return (read_cr3() & PTE_ADDR) == root; }

void kvm_activate(paddr_t root)
{
	if (!kvm_is_active(root))
		write_cr3(root);
}

void kvm_flush(paddr_t root)
{
	if (kvm_is_active(root))
		write_cr3(root);
}
