/*
 * tests/lab1.h: checks shared by lab 1's public and hidden tests.
 * Each fails the test with a reason naming the values involved.
 */
#ifndef GRADER_TESTS_LAB1_H
#define GRADER_TESTS_LAB1_H

#include <stdbool.h>
#include <stdint.h>

#include "vm.h"

#define BACKTRACE_FRAMES 32

/* lab1_check_format: format one random value with conversion conv ("d",
 * "llx", "p", ...) through the kernel's ksnprintf and compare the text and
 * the return value with the host's snprintf. With `fields`, a random
 * width and '0' or '-' flag are added. */
void lab1_check_format(struct vm *vm, const char *conv, bool fields);

/* lab1_check_format_args: the same for a given format fmt (one int
 * conversion) whose argument, as GDB passes it, is args ("(int)-42"), and
 * as the host's snprintf takes it, value. */
void lab1_check_format_args(struct vm *vm, const char *fmt, const char *args, int value);

/* lab1_compare_backtrace: the kernel's last walk (backtrace_last[],
 * backtrace_last_count) must be GDB's frames 1..n-1 (the return addresses
 * of the frames above the one that called backtrace_print_from). */
void lab1_compare_backtrace(struct vm *vm, const struct vm_frame *gdb, int n);

/* lab1_check_totals: boot_info's totals against the RAM QEMU was given. */
void lab1_check_totals(struct vm *vm, int mib);

struct lab1_region {
	uint64_t base, length;
	uint32_t type;
};

/* lab1_read_mmap: boot_info.mmap[0..mmap_count-1] (at most max). */
int lab1_read_mmap(struct vm *vm, struct lab1_region *r, int max);

/* lab1_check_options: cmdline_opts[0..n-1] must be keys[i] = values[i]. */
void lab1_check_options(struct vm *vm, char (*keys)[24], char (*values)[24],
			int n, const char *line);

#endif /* GRADER_TESTS_LAB1_H */
