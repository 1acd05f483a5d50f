/*
 * roottask.c: the root task's image, objects and capabilities (see
 * roottask.h).
 *
 * The objects the root task starts with are the only ones the kernel makes
 * itself, at boot, from frames it takes from the frame allocator; they hang
 * under cdt_root, and cannot be revoked away. Everything else the root task
 * makes by retyping the Untyped capabilities it is given: after this, the
 * kernel allocates nothing.
 *
 *   root CNode slots:  0 reserved | 1..6 fixed (erix/bootinfo.h) |
 *     image Frames | PageTables | module Frames | Untypeds | empty ...
 */
#include "roottask.h"
#include "arch.h"
#include "bootinfo.h"
#include "cdt.h"
#include "frame.h"
#include "kprintf.h"
#include "kstring.h"
#include "ktest.h"
#include "memlayout.h"
#include "object.h"
#include "paging.h"
#include "tcb.h"
#include <erix/ipc.h>
#include "sched.h"
#include "vspace.h"
#include <erix/syscall.h>

bool roottask_found;
enum elf_status roottask_status;
struct elf_image roottask_image;
struct roottask roottask;
static paddr_t roottask_module; /* where the "root" module starts */

void roottask_check(void)
{
	for (unsigned i = 0; i < boot_info.module_count; i++) {
		const struct boot_module *m = &boot_info.modules[i];
		if (strcmp(m->name, "root") != 0)
			continue;
		roottask_found = true;
		roottask_module = m->start;
		const void *image = phys_window(m->start, m->end - m->start);
		roottask_status = image ? elf_parse(image, m->end - m->start, ERIX_USER_TOP,
						    &roottask_image)
					: ELF_ERR_SIZE;
		if (roottask_status != ELF_OK) {
			kprintf("root task: %s\n", elf_strerror(roottask_status));
			return;
		}
		kprintf("root task: ELF ok, %u segments, entry %p\n", roottask_image.nsegments,
			(void *)roottask_image.entry);
		return;
	}
	kprintf("root task: no boot module called \"root\"\n");
}

/* ---- building it ---------------------------------------------------- */

static struct cte *slot(uint64_t i) { return &roottask.cnode[i]; }

/* make: an object made at boot in frames of its own; 0-type cap if none. */
static struct cap make(unsigned type, unsigned size_bits)
{
	unsigned bits = object_bits(type, size_bits);
	uint64_t pages = bits > PAGE_SHIFT ? 1ull << (bits - PAGE_SHIFT) : 1;
	paddr_t pa = frame_table_take(&frames, pages, pages);
	if (!pa)
		return (struct cap){ 0 };
	return object_create(type, size_bits, (uintptr_t)phys_to_virt(pa));
}

/* give: cap into slot i, as a boot capability. */
static void give(uint64_t i, struct cap cap) { cdt_insert_child(&cdt_root, slot(i), cap); }

/* give_next: cap into the next free slot; false when the CNode is full. */
static bool give_next(struct cap cap)
{
	if (roottask.next_slot >= (1ull << ERIX_ROOT_CNODE_BITS) || cap_is_null(&cap))
		return false;
	give(roottask.next_slot++, cap);
	return true;
}

/* map: map the Frame in slot f at va, making PageTables (given in the next
 * slots) on the way as needed. */
static bool map(uint64_t f, uint64_t va, bool write, bool exec)
{
	const struct cap *vs = &slot(ERIX_ROOT_VSPACE)->cap;
	while (!pt_walk(vspace_root(vs), va, 1, false)) {
		struct cap pt = make(ERIX_OBJ_PAGE_TABLE, 0);
		if (cap_is_null(&pt))
			return false;
		vspace_map_table(vs, &pt, va);
		if (!give_next(pt))
			return false;
	}
	vspace_map_frame(vs, &slot(f)->cap, va, write, exec);
	return true;
}

/* The root task's pages, until they are mapped. */
struct page {
	uint64_t va;
	bool write, exec;
};
static struct page pages[ERIX_ROOT_STACK_PAGES + 256];

/* load_image: Frames for the ELF segments (filled from the module) and
 * the stack, in the next slots; their addresses in pages[]. */
static bool load_image(unsigned *npages)
{
	const uint8_t *file = phys_to_virt(roottask_module);
	unsigned n = 0;
	for (unsigned s = 0; s < roottask_image.nsegments; s++) {
		const struct elf_segment *seg = &roottask_image.seg[s];
		for (uint64_t off = 0; off < seg->memsz; off += PAGE_SIZE) {
			struct cap f = make(ERIX_OBJ_FRAME, 0);
			if (n == ARRAY_SIZE(pages) - ERIX_ROOT_STACK_PAGES || !give_next(f))
				return false;
			if (off < seg->filesz)
				memcpy((void *)f.obj, file + seg->offset + off,
				       seg->filesz - off < PAGE_SIZE ? seg->filesz - off : PAGE_SIZE);
			pages[n++] = (struct page){ seg->vaddr + off, seg->write, seg->exec };
		}
	}
	for (uint64_t i = ERIX_ROOT_STACK_PAGES; i > 0; i--) {
		if (!give_next(make(ERIX_OBJ_FRAME, 0)))
			return false;
		pages[n++] = (struct page){ ERIX_ROOT_STACK_TOP - i * PAGE_SIZE, true, false };
	}
	*npages = n;
	return true;
}

bool roottask_module_ok(const struct boot_module *m)
{
	if (m->start % PAGE_SIZE == 0)
		return true;
	kprintf("root task: boot module \"%s\" starts at %p, not on a page boundary: "
		"its first page would hand over what lies before it; the module is "
		"not given to the root task\n",
		m->name, (void *)m->start);
	return false;
}

/* give_modules: a Frame capability for every page of every boot module
 * (that starts on a page boundary). */
static bool give_modules(struct erix_bootinfo *bi)
{
	for (unsigned i = 0; i < boot_info.module_count && i < ERIX_BOOTINFO_MAX_MODULES; i++) {
		const struct boot_module *m = &boot_info.modules[i];
		if (!roottask_module_ok(m))
			continue;
		struct erix_module_desc *d = &bi->module_list[bi->module_count++];
		str_copy(d->name, m->name, sizeof(d->name));
		d->size = m->end - m->start;
		d->frames.start = roottask.next_slot;
		for (paddr_t pa = ALIGN_DOWN(m->start, PAGE_SIZE); pa < m->end; pa += PAGE_SIZE)
			if (!give_next((struct cap){ .type = ERIX_OBJ_FRAME, .rights = ERIX_RIGHTS_ALL,
						     .obj = (uintptr_t)phys_to_virt(pa) }))
				return false;
		d->frames.end = roottask.next_slot;
	}
	return true;
}

/* give_untyped: every run of free frames, as the largest aligned
 * power-of-two blocks it splits into. */
static void give_untyped(struct erix_bootinfo *bi)
{
	uint64_t f = 0, lost = 0;
	while (f < frames.nframes) {
		if (frames.state[f] != FRAME_FREE) {
			f++;
			continue;
		}
		uint64_t end = f;
		while (end < frames.nframes && frames.state[end] == FRAME_FREE)
			end++;
		while (f < end) {
			unsigned k = 0; /* 2^k frames */
			while (k < ERIX_UNTYPED_MAX_BITS - PAGE_SHIFT && f % (2ull << k) == 0 &&
			       f + (2ull << k) <= end)
				k++;
			if (bi->untyped_count == ERIX_BOOTINFO_MAX_UNTYPED ||
			    roottask.next_slot >= (1ull << ERIX_ROOT_CNODE_BITS)) {
				lost += 1ull << k;
			} else {
				uintptr_t addr = (uintptr_t)phys_to_virt(f * PAGE_SIZE);
				give_next((struct cap){ .type = ERIX_OBJ_UNTYPED,
							.rights = ERIX_RIGHTS_ALL,
							.bits = (uint8_t)(k + PAGE_SHIFT), .obj = addr });
				bi->untyped_list[bi->untyped_count++] =
					(struct erix_untyped_desc){ .paddr = f * PAGE_SIZE,
								    .size_bits = (uint8_t)(k + PAGE_SHIFT) };
				for (uint64_t i = 0; i < (1ull << k); i++)
					frames.state[f + i] = FRAME_UNTYPED;
				frames.free -= 1ull << k;
			}
			f += 1ull << k;
		}
	}
	if (lost)
		kprintf("root task: %lu free frames left out (no room in the boot info)\n",
			(unsigned long)lost);
}

/* roottask_ready: called once by roottask_start just before it reads the
 * test program to run into the boot info; does nothing. The grader stops
 * here and plants the test's name in ktest_request and its inputs in
 * ktest_args through GDB (grader/tests/lab3_support.c), as `make gdb
 * TEST=name` does for a replay (.gdbinit): late, so that nothing earlier
 * in the boot (the command-line parser included) sees which test runs. */
__attribute__((noinline)) void roottask_ready(void)
{
	__asm__ volatile("" ::: "memory");
}

bool roottask_start(const char *test, const uint64_t test_args[8])
{
	if (!roottask_found || roottask_status != ELF_OK)
		return false;
	struct cap cnode = make(ERIX_OBJ_CNODE, ERIX_ROOT_CNODE_BITS);
	struct cap vspace = make(ERIX_OBJ_VSPACE, 0), tcb = make(ERIX_OBJ_TCB, 0);
	struct cap bootinfo = make(ERIX_OBJ_FRAME, 0);
	if (cap_is_null(&cnode) || cap_is_null(&vspace) || cap_is_null(&tcb) ||
	    cap_is_null(&bootinfo)) {
		kprintf("root task: not enough memory to start it\n");
		return false;
	}
	roottask.cnode = cap_cnode_slots(&cnode);
	roottask.tcb = (struct tcb *)tcb.obj;
	roottask.tcb->mcp = ERIX_MAX_PRIORITY; /* it may give any priority */
	roottask.bootinfo = (struct erix_bootinfo *)bootinfo.obj;
	give(ERIX_ROOT_CNODE, cnode);
	give(ERIX_ROOT_VSPACE, vspace);
	give(ERIX_ROOT_TCB, tcb);
	give(ERIX_ROOT_IRQ_CONTROL, (struct cap){ .type = ERIX_OBJ_IRQ_CONTROL,
						  .rights = ERIX_RIGHTS_ALL });
	give(ERIX_ROOT_IOPORT, (struct cap){ .type = ERIX_OBJ_IOPORT, .rights = ERIX_RIGHTS_ALL,
					     .first_port = 0, .last_port = 0xffff });
	give(ERIX_ROOT_BOOTINFO, bootinfo);
	roottask.next_slot = ERIX_ROOT_FIRST_FREE_FIXED;

	struct erix_bootinfo *bi = roottask.bootinfo;
	bi->magic = ERIX_BOOTINFO_MAGIC;
	bi->cnode_bits = ERIX_ROOT_CNODE_BITS;
	bi->tsc_hz = timer_tsc_hz;
	unsigned npages;
	bi->image.start = roottask.next_slot;
	if (!load_image(&npages))
		goto full;
	bi->image.end = bi->paging.start = roottask.next_slot;
	for (unsigned i = 0; i < npages; i++)
		if (!map(bi->image.start + i, pages[i].va, pages[i].write, pages[i].exec))
			goto full;
	if (!map(ERIX_ROOT_BOOTINFO, ERIX_BOOTINFO_ADDR, false, false))
		goto full;
	bi->paging.end = bi->modules.start = roottask.next_slot;
	if (!give_modules(bi))
		goto full;
	bi->modules.end = bi->untyped.start = roottask.next_slot;
	roottask_ready();
	if (ktest_request[0]) /* planted through GDB: it wins over test= */
		test = ktest_request;
	if (test)
		str_copy(bi->test, test, sizeof(bi->test));
	for (int i = 0; i < 8; i++)
		bi->test_args[i] = test_args[i];
	give_untyped(bi);
	bi->untyped.end = bi->empty.start = roottask.next_slot;
	bi->empty.end = 1ull << ERIX_ROOT_CNODE_BITS;

	/* Its thread: copies of its CNode and VSpace capabilities. */
	struct tcb *t = roottask.tcb;
	cdt_insert_child(slot(ERIX_ROOT_CNODE), &t->slots[TCB_CSPACE], cnode);
	cdt_insert_child(slot(ERIX_ROOT_VSPACE), &t->slots[TCB_VSPACE], vspace);
	t->regs.rip = roottask_image.entry;
	t->regs.rsp = ERIX_ROOT_STACK_TOP;
	t->regs.rdi = ERIX_BOOTINFO_ADDR;
	sched_add(t);
	uint64_t bytes = 0;
	for (uint64_t i = 0; i < bi->untyped_count; i++)
		bytes += 1ull << bi->untyped_list[i].size_bits;
	kprintf("root task: started; %lu untyped capabilities (%lu KiB), slots %lu..%lu free\n",
		(unsigned long)bi->untyped_count, (unsigned long)(bytes >> 10),
		(unsigned long)bi->empty.start, (unsigned long)bi->empty.end - 1);
	return true;
full:
	kprintf("root task: out of memory or slots while building it\n");
	return false;
}
