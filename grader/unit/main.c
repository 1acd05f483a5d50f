/*
 * main.c: the host unit-test runner (make unit-test).
 *
 * Runs every suite declared in unit.h under one Check runner and prints
 * Check's report: each failing test with its reason, then the summary line
 * ("100%: Checks: N, Failures: 0, Errors: 0"). Check runs each test in a
 * forked child, so a test that crashes (a segfault, or a sanitizer report)
 * counts as an error of that test and the others still run.
 *
 * In a student tree (make handout writes its lab number to .erix-lab, and
 * the Makefile passes it as ERIX_LAB), the suites of later labs, whose
 * exercises are still stubs there, are left out and named.
 *
 * With --suite NAME, only that suite runs, whatever the lab: the graded
 * tests of grader/tests/labN_units.c run the suites one at a time this way
 * (grader/hostunit.h).
 *
 * Exit status: 0 if every test passed, 1 otherwise; 2 on a usage error.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include <erix/errors.h>
#include <stdio.h>

const char *unit_err_name(int r)
{
	static char buf[16];

	if (r == 0)
		return "0";
#define ERR_NAME(name, number, text) \
	if (r == -(number))              \
		return "-" #name;
	ERIX_ERRORS(ERR_NAME)
#undef ERR_NAME
	snprintf(buf, sizeof(buf), "%d", r);
	return buf;
}

/* AddressSanitizer's options, built in (the graded runs have no
 * environment): no leak check. The kernel code under test allocates
 * nothing, and LeakSanitizer's scan at the end of each of Check's forked
 * tests made a run ten times slower. */
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "detect_leaks=0"; }

/* The suites, with the lab whose exercises they test (0: none, always run). */
static const struct {
	Suite *(*make)(void);
	const char *name;
	int lab;
} suites[] = {
	{ format_suite, "format", 1 },       { multiboot_suite, "multiboot", 1 },
	{ cmdline_suite, "cmdline", 1 },     { backtrace_suite, "backtrace", 1 },
	{ frame_suite, "frame", 2 },         { paging_suite, "paging", 2 },
	{ elf_suite, "elf", 0 },             { cspace_suite, "cspace", 3 },
	{ cdt_suite, "cdt", 3 },             { derive_suite, "derive", 3 },
	{ uaccess_suite, "uaccess", 3 },     { mi_suite, "mi", 0 },
	{ sched_suite, "sched", 4 },         { ipc_suite, "ipc", 4 },
	{ bootimage_suite, "bootimage", 0 }, { fs_suite, "fs", 5 },
	{ mempool_suite, "mempool", 5 },     { line_suite, "line", 5 },
	{ names_suite, "names", 5 },         { elfload_suite, "elfload", 5 },
	{ libc_suite, "libc", 6 },           { printf_suite, "printf", 6 },
	{ malloc_suite, "malloc", 6 },       { stdio_suite, "stdio", 6 },
	{ libc2_suite, "libc2", 6 },         { math_suite, "math", 6 },
	{ shparse_suite, "shparse", 6 },     { libc_lua_suite, "libc_lua", 6 },
};

int main(int argc, char **argv)
{
	const char *only = NULL;
	if (argc == 3 && strcmp(argv[1], "--suite") == 0)
		only = argv[2];
	else if (argc != 1) {
		fprintf(stderr, "usage: unit-tests [--suite NAME]\n");
		return 2;
	}
	const char *lab_env = getenv("ERIX_LAB");
	int lab = lab_env && *lab_env ? atoi(lab_env) : 0;
	SRunner *sr = NULL;
	for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
		if (only) {
			if (strcmp(suites[i].name, only) != 0)
				continue;
		} else if (lab > 0 && suites[i].lab > lab) {
			printf("unit tests: the %s suite is lab %d's: left out in a lab-%d tree\n",
			       suites[i].name, suites[i].lab, lab);
			continue;
		}
		if (!sr)
			sr = srunner_create(suites[i].make());
		else
			srunner_add_suite(sr, suites[i].make());
	}
	if (!sr) {
		fprintf(stderr, "unit-tests: no suite named %s\n", only ? only : "(none)");
		return 2;
	}
	fflush(stdout);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
