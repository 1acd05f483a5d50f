/*
 * grader.h: the EriX grader, for test authors.
 *
 * A graded test is a Check test case with metadata:
 *
 *   GRADER_TEST(lab1_cmdline_options, .lab = 1, .points = 10, .limit = 30,
 *               .covers = "kernel/cmdline.c",
 *               .title = "the command line's options, as planted")
 *   {
 *           struct vm *vm = vm_boot(&(struct vm_config){ .args = "a=b" });
 *           vm_run_to(vm, "ktest_ready");
 *           ck_assert_int_eq(vm_eval(vm, "cmdline_count"), 1);
 *   }
 *
 * It runs in a process of its own, with its own QEMU and GDB (vm.h); the
 * ck_assert*() macros give the verdict; the grader enforces .limit
 * (seconds, times GRADER_TIME_SCALE) and cleans up whatever the test left.
 * Public tests live in grader/tests/, hidden ones in grader/hidden/ (with
 * .hidden = true), which student trees do not contain.
 */
#ifndef GRADER_H
#define GRADER_H

#include <check.h>
#include <stdbool.h>
#include <stdint.h>

#include "vm.h"

struct grader_test {
	const char *name;  /* the function's name: lab1_... */
	const char *title; /* one line: what it checks */
	const char *covers; /* the file whose lab exercise the test checks:
			       its stub must make the test fail */
	int lab;
	int points;
	int limit;         /* seconds, before scaling */
	bool hidden;        /* must be true exactly in grader/hidden/ */
	bool full_boot;     /* its machines boot through the firmware and GRUB
			       every time, not from a boot snapshot
			       (snapshot.h): the test checks the boot path, or
			       boots a configuration it picks at random */
	const char *file;   /* where the test is defined */
	const TTest *check; /* the Check test case */
};

/* grader_register: add a test (GRADER_TEST does this at start-up). */
void grader_register(const struct grader_test *t);

#define GRADER_TEST(fn, ...)                                              \
	static void fn##_body(void);                                          \
	START_TEST(fn) { fn##_body(); }                                       \
	END_TEST                                                              \
	__attribute__((constructor)) static void fn##_register(void)         \
	{                                                                     \
		static const struct grader_test t = { .name = #fn, .file = __FILE__, \
						      __VA_ARGS__ };                  \
		static struct grader_test copy;                                   \
		copy = t;                                                         \
		copy.check = fn;                                                  \
		grader_register(&copy);                                           \
	}                                                                     \
	static void fn##_body(void)

/* The running test's random numbers: a generator seeded per test from the
 * run's seed (printed, and set with --seed to replay a run exactly). */
uint64_t grader_rand(void);
/* grader_rand_range: uniform in [lo, hi]. */
int64_t grader_rand_range(int64_t lo, int64_t hi);

/* grader_note: add a line to the test's output (shown on failure and in
 * results.json), printf-style. */
void grader_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* GRADER_H */
