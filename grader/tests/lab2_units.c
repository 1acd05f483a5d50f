/*
 * tests/lab2_units.c: lab 2's host unit suites, graded (10 points).
 * What a graded suite is, and what its verdict can be trusted for:
 * hostunit.h. One file per lab, so that a handout of an earlier stage
 * leaves these out as it leaves out the lab's other tests.
 */
#include "grader.h"
#include "hostunit.h"

GRADER_TEST(lab2_unit_frame, .lab = 2, .points = 5, .limit = 60, .covers = "kernel/frame.c",
	    .title = "host unit tests: the frame table's init, alloc and free (frame)")
{
	hostunit_run("frame");
}

GRADER_TEST(lab2_unit_paging, .lab = 2, .points = 5, .limit = 60,
	    .covers = "kernel/arch/x86_64/paging.c",
	    .title = "host unit tests: page-table walks, maps and translations (paging)")
{
	hostunit_run("paging");
}
