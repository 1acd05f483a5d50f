/*
 * main.c: the kernel's main, where boot.S hands over.
 *
 * EriX is built up lab by lab; this is what runs after lab 3: a banner,
 * what the boot loader told us, the frame allocator, the kernel's own GDT,
 * IDT and page tables, an optional in-kernel test; then the root task,
 * the first user thread, with capabilities to everything else. The kernel
 * powers off when no thread can run.
 */
#include "arch.h"
#include "bootinfo.h"
#include "frame.h"
#include "cmdline.h"
#include "kprintf.h"
#include "ktest.h"
#include "preempt.h"
#include "roottask.h"
#include "fastpath.h"
#include "tcb.h"
#include "sched.h"
#include "kstring.h"
#include "memlayout.h"
#include <erix/exit.h>

#define ERIX_VERSION "0.1"

/* How far the boot got, for the grader and for GDB sessions. */
enum boot_stage { BOOT_ENTERED = 1, BOOT_INFO_PARSED, BOOT_DONE };
volatile int boot_stage;

/* motd_print: print the module named "motd" (a text file GRUB loaded), if
 * there is one: an example of reading a module through the kernel window. */
static void motd_print(void)
{
	for (unsigned i = 0; i < boot_info.module_count; i++) {
		const struct boot_module *m = &boot_info.modules[i];
		const char *text = phys_window(m->start, m->end - m->start);
		if (strcmp(m->name, "motd") != 0 || !text)
			continue;
		kprintf("\n");
		for (paddr_t n = 0; n < m->end - m->start && n < 4096; n++)
			kprintf("%c", text[n]);
	}
}

/*
 * kmain: the first C code, on the boot stack with interrupts off.
 * magic and info_pa are what GRUB left in EAX and EBX.
 */
void kmain(uint32_t magic, uint32_t info_pa)
{
	boot_stage = BOOT_ENTERED;
	uart_init();
	kprintf("\nEriX %s: a capability microkernel for teaching\n",
		ERIX_VERSION);

	bootinfo_load(magic, info_pa);
	if (cmdline_parse(boot_info.cmdline) < 0)
		kprintf("command line: more than %d options; the rest are ignored\n",
			CMDLINE_MAX_OPTS);
	boot_stage = BOOT_INFO_PARSED;
	bootinfo_print();
	motd_print();
	roottask_check();

	/* Lab 2: physical memory, the kernel's GDT, traps, page tables. */
	frame_init();
	gdt_init();
	trap_init();
	kvm_init();

	/* A test named on the command line, or else one the grader asked for
	 * by writing ktest_request through GDB. */
	const char *test = cmdline_get("test");
	ktest_take_args();
	if (!test && ktest_request[0])
		test = ktest_request;
	ktest_ready();
	if (test && ktest_run(test)) {
		boot_stage = BOOT_DONE;
		kprintf("EriX: kernel test done; powering off.\n");
		arch_power_off(ERIX_EXIT_POWEROFF);
	}

	/* Lab 3: user mode and the root task (which runs the test program
	 * of user/root/ that test= names, or that the grader plants through
	 * GDB at roottask_ready: see roottask.c). */
	usermode_init();
	preempt_init();
	/* Lab 4: time slices (timeslice=MS on the command line; 0: none). */
	const char *slice = cmdline_get("timeslice");
	unsigned ms = slice ? 0 : 10;
	for (; slice && *slice >= '0' && *slice <= '9'; slice++)
		ms = ms * 10 + (unsigned)(*slice - '0');
	if (kernel_pml4)
		timer_init(ms);
	const char *fast = cmdline_get("fastpath");
	if (fast && fast[0] == '0')
		fastpath_enabled = 0;
	boot_stage = BOOT_DONE;
	if (!kernel_pml4 || !roottask_start(test, ktest_args)) {
		kprintf("EriX: the root task cannot start; powering off.\n");
		arch_power_off(ERIX_EXIT_POWEROFF);
	}
	sched_exit();
}
