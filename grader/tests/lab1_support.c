/*
 * tests/lab1_support.c: checks shared by lab 1's tests (see lab1.h).
 */
#define _GNU_SOURCE
#include "lab1.h"
#include "erix.h"
#include "grader.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* random_magnitude: a random 64-bit value of random bit length, so that
 * small and large numbers both come up. */
static uint64_t random_magnitude(void)
{
	int shift = (int)grader_rand_range(0, 63);
	return grader_rand() >> shift;
}

/* expect_format: the kernel's ksnprintf(fmt, args) gives expect and
 * returns host_ret, as the host's snprintf did. */
static void expect_format(struct vm *vm, const char *fmt, const char *args,
			  const char *expect, int host_ret)
{
	int64_t ret;
	const char *got = erix_format(vm, fmt, args, &ret);
	ck_assert_msg(strcmp(got, expect) == 0 && ret == host_ret,
		      "ksnprintf(\"%s\", %s) gave \"%s\" (returned %" PRId64
		      "); expected \"%s\" (%d)",
		      fmt, args, got, ret, expect, host_ret);
}

void lab1_check_format_args(struct vm *vm, const char *fmt, const char *args, int value)
{
	char expect[256];
	int host_ret = snprintf(expect, sizeof(expect), fmt, value);
	expect_format(vm, fmt, args, expect, host_ret);
}

void lab1_check_format(struct vm *vm, const char *conv, bool fields)
{
	char spec[16] = "", fmt[64], expect[256], args[128];
	uint64_t v = random_magnitude();
	bool negative = grader_rand() & 1;
	int host_ret;

	if (fields && strcmp(conv, "p") != 0) {
		int flag = (int)grader_rand_range(0, 2);
		snprintf(spec, sizeof(spec), "%s%d", flag == 0 ? "" : flag == 1 ? "0" : "-",
			 (int)grader_rand_range(1, 24));
	}
	snprintf(fmt, sizeof(fmt), "<%%%s%s>", spec, conv);

	char last = conv[strlen(conv) - 1];
	bool is_signed = last == 'd' || last == 'i';
	bool is_ll = strncmp(conv, "ll", 2) == 0;
	bool is_l = !is_ll && (conv[0] == 'l' || conv[0] == 'z');
	if (strcmp(conv, "p") == 0) {
		host_ret = snprintf(expect, sizeof(expect), "<0x%016" PRIx64 ">", v);
		snprintf(args, sizeof(args), "(void *)0x%" PRIx64, v);
	} else if (is_l || is_ll) {
		const char *type = is_signed ? (is_ll ? "long long" : "long")
					     : (is_ll ? "unsigned long long" : "unsigned long");
		if (is_signed) {
			int64_t s = (int64_t)(v >> 1);
			if (negative)
				s = -s - (int64_t)(v & 1); /* reaches INT64_MIN too */
			host_ret = snprintf(expect, sizeof(expect), fmt, (long long)s);
			snprintf(args, sizeof(args), "(%s)%" PRId64, type, s);
		} else {
			host_ret = snprintf(expect, sizeof(expect), fmt, (unsigned long long)v);
			snprintf(args, sizeof(args), "(%s)%" PRIu64 "ull", type, v);
		}
	} else if (is_signed) {
		int32_t s = (int32_t)(v >> 33);
		if (negative)
			s = -s - (int32_t)(v & 1);
		host_ret = snprintf(expect, sizeof(expect), fmt, s);
		snprintf(args, sizeof(args), "(int)%" PRId32, s);
	} else {
		uint32_t u = (uint32_t)(v >> 32) | (uint32_t)v;
		u >>= grader_rand_range(0, 31);
		host_ret = snprintf(expect, sizeof(expect), fmt, u);
		snprintf(args, sizeof(args), "(unsigned)%" PRIu32 "u", u);
	}

	expect_format(vm, fmt, args, expect, host_ret);
}

void lab1_compare_backtrace(struct vm *vm, const struct vm_frame *gdb, int n)
{
	int count = (int)vm_eval(vm, "backtrace_last_count");
	int limit = (int)vm_eval(vm, "sizeof(backtrace_last) / sizeof(backtrace_last[0])");
	ck_assert_msg(n >= 3, "grader: GDB sees only %d frames", n);
	for (int k = 0; k + 1 < n && k < limit; k++) {
		ck_assert_msg(k < count,
			      "the kernel's backtrace stops after %d frames; GDB sees %d "
			      "(next: %s at 0x%" PRIx64 ")",
			      count, n - 1, gdb[k + 1].func, gdb[k + 1].addr);
		uint64_t pc = vm_eval(vm, "backtrace_last[%d]", k);
		ck_assert_msg(pc == gdb[k + 1].addr,
			      "frame %d: the kernel found return address 0x%" PRIx64
			      ", GDB 0x%" PRIx64 " (in %s)",
			      k, pc, gdb[k + 1].addr, gdb[k + 1].func);
	}
	ck_assert_msg(count == n - 1,
		      "the kernel's backtrace has %d frames, GDB's %d: the walk must "
		      "stop where the chain ends (rbp = 0 above kmain)",
		      count, n - 1);
}

void lab1_check_totals(struct vm *vm, int mib)
{
	uint64_t ram = (uint64_t)mib << 20;
	uint64_t usable = vm_eval(vm, "boot_info.mem_usable");
	uint64_t top = vm_eval(vm, "boot_info.mem_top");
	/* The BIOS and ACPI keep well under 2 MiB of the RAM QEMU was given. */
	ck_assert_msg(usable <= ram && usable > ram - (2 << 20),
		      "with -m %d (%" PRIu64 " KiB), boot_info.mem_usable is %" PRIu64
		      " KiB",
		      mib, ram >> 10, usable >> 10);
	ck_assert_msg(top <= ram && top > ram - (2 << 20),
		      "with -m %d, boot_info.mem_top is 0x%" PRIx64
		      "; the RAM ends at 0x%" PRIx64,
		      mib, top, ram);
}

int lab1_read_mmap(struct vm *vm, struct lab1_region *r, int max)
{
	int n = (int)vm_eval(vm, "boot_info.mmap_count");
	if (n > max)
		n = max;
	for (int i = 0; i < n; i++) {
		r[i].base = vm_eval(vm, "boot_info.mmap[%d].base", i);
		r[i].length = vm_eval(vm, "boot_info.mmap[%d].length", i);
		r[i].type = (uint32_t)vm_eval(vm, "boot_info.mmap[%d].type", i);
	}
	return n;
}

void lab1_check_options(struct vm *vm, char (*keys)[24], char (*values)[24],
			int n, const char *line)
{
	int count = (int)vm_eval(vm, "cmdline_count");
	ck_assert_msg(count == n, "command line \"%s\": cmdline_count is %d, expected %d",
		      line, count, n);
	for (int i = 0; i < n; i++) {
		char expr[64];
		snprintf(expr, sizeof(expr), "cmdline_opts[%d].key", i);
		const char *k = erix_string_at(vm, expr);
		snprintf(expr, sizeof(expr), "cmdline_opts[%d].value", i);
		const char *v = erix_string_at(vm, expr);
		ck_assert_msg(k && v && strcmp(k, keys[i]) == 0 && strcmp(v, values[i]) == 0,
			      "command line \"%s\": option %d is %s = \"%s\", expected %s = \"%s\"",
			      line, i, k ? k : "(null)", v ? v : "(null)", keys[i], values[i]);
	}
}
