/*
 * main.c: the host unit-test runner (make unit-test).
 *
 * Runs every suite declared in unit.h under one Check runner and prints
 * Check's report: each failing test with its reason, then the summary line
 * ("100%: Checks: N, Failures: 0, Errors: 0"). Check runs each test in a
 * forked child, so a test that crashes (a segfault, or a sanitizer report)
 * counts as an error of that test and the others still run.
 *
 * Exit status: 0 if every test passed, 1 otherwise.
 */
#include <stdlib.h>

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

int main(void)
{
	SRunner *sr = srunner_create(format_suite());
	srunner_add_suite(sr, multiboot_suite());
	srunner_add_suite(sr, cmdline_suite());
	srunner_add_suite(sr, backtrace_suite());
	srunner_add_suite(sr, frame_suite());
	srunner_add_suite(sr, paging_suite());
	srunner_add_suite(sr, elf_suite());
	srunner_add_suite(sr, cspace_suite());
	srunner_add_suite(sr, cdt_suite());
	srunner_add_suite(sr, mi_suite());

	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
