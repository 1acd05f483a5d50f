/*
 * tests/lab1_units.c: lab 1's host unit suites, graded (10 points).
 * What a graded suite is, and what its verdict can be trusted for:
 * hostunit.h. One file per lab, so that a handout of an earlier stage
 * leaves these out as it leaves out the lab's other tests.
 */
#include "grader.h"
#include "hostunit.h"

GRADER_TEST(lab1_unit_format, .lab = 1, .points = 3, .limit = 60, .covers = "kernel/format.c",
	    .title = "host unit tests: ksnprintf against the C library's snprintf (format)")
{
	hostunit_run("format");
}

GRADER_TEST(lab1_unit_multiboot, .lab = 1, .points = 3, .limit = 60,
	    .covers = "kernel/multiboot.c",
	    .title = "host unit tests: mb2_parse on built and malformed boot information (multiboot)")
{
	hostunit_run("multiboot");
}

GRADER_TEST(lab1_unit_cmdline, .lab = 1, .points = 2, .limit = 60, .covers = "kernel/cmdline.c",
	    .title = "host unit tests: cmdline_parse and cmdline_get (cmdline)")
{
	hostunit_run("cmdline");
}

GRADER_TEST(lab1_unit_backtrace, .lab = 1, .points = 2, .limit = 60,
	    .covers = "kernel/arch/x86_64/backtrace.c",
	    .title = "host unit tests: the frame-pointer walk on built stacks (backtrace)")
{
	hostunit_run("backtrace");
}
