/*
 * roottask.h: the root task, EriX's first user program (boot module
 * "root"), and the capabilities it starts with.
 */
#ifndef KERNEL_ROOTTASK_H
#define KERNEL_ROOTTASK_H

#include "cap.h"
#include "elf.h"
#include <erix/bootinfo.h>

/* What the check found (read by tests): the status and, when ELF_OK, the
 * segments and entry point. roottask_found is false without a module
 * called "root". */
extern bool roottask_found;
extern enum elf_status roottask_status;
extern struct elf_image roottask_image;

/* The root task as started (read by the grader). */
struct roottask {
	struct cte *cnode;             /* its CNode's slots */
	struct tcb *tcb;
	struct erix_bootinfo *bootinfo; /* the boot-info page (kernel address) */
	uint64_t next_slot;            /* the first slot not given at boot */
};
extern struct roottask roottask;

/* roottask_check: find the "root" module and check it with elf_parse;
 * print the result. Call before kvm_init (it reads the module through the
 * boot window). */
void roottask_check(void);

/*
 * roottask_start: build the root task (after kvm_init and usermode_init):
 * its CNode, VSpace, page tables and TCB in frames taken at boot; its ELF
 * image, stack and boot-info page in Frames; IRQControl, IOPort and the
 * boot modules' Frames; then every frame still free becomes Untyped
 * memory. Make it runnable. Returns false (and says why) if it cannot.
 * test and test_args go into the boot info for the test programs, read
 * after roottask_ready(); a name in ktest_request by then replaces test.
 */
bool roottask_start(const char *test, const uint64_t test_args[8]);

/* roottask_module_ok: may module m go to the root task as Frames, whole
 * pages? Only if it starts on a page boundary (boot.S asks GRUB for that):
 * otherwise its first page holds whatever lies before it. Says why not on
 * the console. (ktest module_align tries an unaligned one.) */
struct boot_module;
bool roottask_module_ok(const struct boot_module *m);

/* roottask_ready: an empty function roottask_start calls just before it
 * reads the test program's name and inputs: the grader's stopping point
 * for planting them (ktest_request, ktest_args). */
void roottask_ready(void);

#endif /* KERNEL_ROOTTASK_H */
