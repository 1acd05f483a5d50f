/*
 * tests/lab1.c: lab 1's public graded tests.
 *
 * Each test boots EriX under GDB and takes its verdict from machine state:
 * values the kernel computed (read through GDB), compared with what the
 * grader knows independently (the host's printf on the same random inputs,
 * GDB's own view of the stack, the RAM size given to QEMU, the command line
 * it planted). Printed text counts only where it carries values planted for
 * this run.
 */
#define _GNU_SOURCE
#include "erix.h"
#include "grader.h"
#include "lab1.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- kprintf: number formatting ------------------------------------- */

GRADER_TEST(lab1_kprintf_decimal, .covers = "kernel/format.c", .lab = 1, .points = 10, .limit = 40,
	    .title = "ksnprintf's %d %i %u with l, ll, z, on random values, as the host's snprintf")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	static const char *const conv[] = { "d", "i", "u", "ld", "li", "lu",
					    "lld", "llu", "zu" };
	for (int i = 0; i < 14; i++)
		lab1_check_format(vm, conv[grader_rand_range(0, 8)], false);
}

GRADER_TEST(lab1_kprintf_hex, .covers = "kernel/format.c", .lab = 1, .points = 10, .limit = 40,
	    .title = "ksnprintf's %x %X %lx %llx %zx %p on random values")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	static const char *const conv[] = { "x", "X", "lx", "lX", "llx", "zx", "p" };
	for (int i = 0; i < 14; i++)
		lab1_check_format(vm, conv[grader_rand_range(0, 6)], false);
}

GRADER_TEST(lab1_kprintf_console, .covers = "kernel/format.c", .lab = 1, .points = 10, .limit = 40,
	    .title = "kprintf prints planted numbers on the serial console as printf would")
{
	/* test=tour: the root task's short tour, then the kernel powers off
	 * (a plain boot starts lab 5's servers, which wait for input). */
	struct vm *vm = erix_boot(&(struct vm_config){ .args = "test=tour" }, NULL);
	vm_run_to(vm, "ktest_ready");
	uint32_t nonce = (uint32_t)grader_rand();
	int32_t a = (int32_t)grader_rand();
	uint64_t b = grader_rand();
	const char *fmt = "grader %u: %d %lx %s|%-6d|%05u\n";
	char word[16];
	snprintf(word, sizeof(word), "w%04x", (unsigned)(grader_rand() & 0xffff));
	int c = (int)grader_rand_range(-999, 999);
	unsigned d = (unsigned)grader_rand_range(0, 9999);

	char expect[256];
	snprintf(expect, sizeof(expect), fmt, nonce, a, (unsigned long)b, word, c, d);
	expect[strcspn(expect, "\n")] = '\0';
	erix_put_string(vm, SCRATCH_IN, fmt);
	erix_put_string(vm, SCRATCH_IN2, word);
	vm_eval(vm,
		"kprintf(ktest_scratch, (unsigned)%u, (int)%d, (unsigned long)%" PRIu64
		"ul, ktest_scratch + %d, (int)%d, (unsigned)%u)",
		nonce, a, b, SCRATCH_IN2, c, d);
	vm_wait_end(vm);
	ck_assert_msg(vm_serial_wait_line(vm, expect) != NULL,
		      "the serial output has no line \"%s\"", expect);
}

/* ---- backtraces --------------------------------------------------------- */

GRADER_TEST(lab1_backtrace_frames, .covers = "kernel/arch/x86_64/backtrace.c", .lab = 1, .points = 10, .limit = 40,
	    .title = "backtrace_print() walks the same frames GDB sees")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, "backtrace");
	vm_run_to(vm, "backtrace_print");
	struct vm_frame gdb[BACKTRACE_FRAMES];
	int n = vm_frames(vm, gdb, BACKTRACE_FRAMES);
	vm_run_to(vm, "arch_power_off");
	lab1_compare_backtrace(vm, gdb, n);
}

GRADER_TEST(lab1_backtrace_panic, .covers = "kernel/arch/x86_64/backtrace.c", .lab = 1, .points = 10, .limit = 40,
	    .title = "panic() reports the backtrace GDB sees, then ends with the panic status")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, "panic");
	vm_run_to(vm, "panic");
	struct vm_frame gdb[BACKTRACE_FRAMES];
	int n = vm_frames(vm, gdb, BACKTRACE_FRAMES);
	vm_run_to(vm, "arch_power_off");
	lab1_compare_backtrace(vm, gdb, n);
	enum vm_end end = vm_wait_end(vm);
	ck_assert_msg(end == VM_PANIC, "the kernel %s; a panic must end with the "
		      "panic status", vm_end_name(end));
	/* The printed report names GDB's frames, in order. */
	for (int k = 1; k < n; k++) {
		char re[128];
		snprintf(re, sizeof(re), "^  #[^ ]+ [^ ]+ %s\\+0x", gdb[k].func);
		ck_assert_msg(vm_serial_wait(vm, re) != NULL,
			      "the panic's backtrace does not show frame %d (%s)",
			      k - 1, gdb[k].func);
	}
}

/* ---- the memory map --------------------------------------------------- */

GRADER_TEST(lab1_memory_totals, .full_boot = true, .covers = "kernel/multiboot.c", .lab = 1, .points = 10, .limit = 60,
	    .title = "boot_info's usable total and top match three random RAM sizes")
{
	for (int i = 0; i < 3; i++) {
		int mib = (int)grader_rand_range(40, 2000);
		struct vm *vm = erix_boot(&(struct vm_config){ .mem_mib = mib }, NULL);
		vm_run_to(vm, "ktest_ready");
		lab1_check_totals(vm, mib);
	}
}

GRADER_TEST(lab1_memory_map, .full_boot = true, .covers = "kernel/multiboot.c", .lab = 1, .points = 10, .limit = 40,
	    .title = "boot_info.mmap[] is the PC's memory map and adds up to the totals")
{
	int mib = (int)grader_rand_range(64, 1024);
	struct vm *vm = erix_boot(&(struct vm_config){ .mem_mib = mib }, NULL);
	vm_run_to(vm, "ktest_ready");
	struct lab1_region r[64];
	int n = lab1_read_mmap(vm, r, 64);
	ck_assert_msg(n >= 4, "boot_info.mmap_count is %d; QEMU's map has at least 4 regions", n);

	uint64_t usable = 0, reserved = 0, top = 0;
	bool low = false, kernel = false, rom = false;
	for (int i = 0; i < n; i++) {
		ck_assert_msg(r[i].length > 0, "mmap[%d] has length 0", i);
		if (i > 0)
			ck_assert_msg(r[i].base >= r[i - 1].base + r[i - 1].length,
				      "mmap[%d] (base 0x%" PRIx64 ") overlaps or precedes mmap[%d]",
				      i, r[i].base, i - 1);
		if (r[i].type == 1) {
			usable += r[i].length;
			if (r[i].base + r[i].length > top)
				top = r[i].base + r[i].length;
		} else {
			reserved += r[i].length;
		}
		low |= r[i].type == 1 && r[i].base == 0 && r[i].length >= 0x9f000;
		kernel |= r[i].type == 1 && r[i].base <= 0x100000 &&
			  r[i].base + r[i].length >= ((uint64_t)mib << 20) - (1 << 20);
		rom |= r[i].type != 1 && r[i].base <= 0xfffc0000 &&
		       r[i].base + r[i].length >= 0x100000000ull;
	}
	ck_assert_msg(low, "no available region [0, 0x9f000) at the bottom of memory");
	ck_assert_msg(kernel, "no available region from 1 MiB to the end of the %d MiB of RAM", mib);
	ck_assert_msg(rom, "no reserved region for the BIOS ROM below 4 GiB");
	ck_assert_msg(usable == vm_eval(vm, "boot_info.mem_usable"),
		      "mem_usable is not the sum of the available regions");
	ck_assert_msg(reserved == vm_eval(vm, "boot_info.mem_reserved"),
		      "mem_reserved is not the sum of the other regions");
	ck_assert_msg(top == vm_eval(vm, "boot_info.mem_top"),
		      "mem_top is not the end of the highest available region");
}

/* ---- the command line ------------------------------------------------- */

GRADER_TEST(lab1_cmdline_options, .full_boot = true, .covers = "kernel/cmdline.c", .lab = 1, .points = 10, .limit = 40,
	    .title = "cmdline_opts[] holds the options of a planted command line")
{
	char keys[4][24], values[4][24], line[256];
	snprintf(keys[0], 24, "nonce");
	snprintf(values[0], 24, "%u", (unsigned)grader_rand());
	snprintf(keys[1], 24, "k%x", (unsigned)grader_rand() & 0xfffff);
	snprintf(values[1], 24, "v%x", (unsigned)grader_rand() & 0xfffff);
	snprintf(keys[2], 24, "flag%u", (unsigned)grader_rand() % 1000);
	values[2][0] = '\0';
	snprintf(keys[3], 24, "e%u", (unsigned)grader_rand() % 1000);
	snprintf(values[3], 24, "a=%u", (unsigned)grader_rand() % 1000);
	snprintf(line, sizeof(line), "%s=%s %s=%s %s %s=%s", keys[0], values[0],
		 keys[1], values[1], keys[2], keys[3], values[3]);

	struct vm *vm = erix_boot(&(struct vm_config){ .args = line }, NULL);
	vm_run_to(vm, "ktest_ready");
	lab1_check_options(vm, keys, values, 4, line);
}
