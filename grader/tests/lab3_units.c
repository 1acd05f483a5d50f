/*
 * tests/lab3_units.c: lab 3's host unit suites, graded (10 points).
 * What a graded suite is, and what its verdict can be trusted for:
 * hostunit.h. One file per lab, so that a handout of an earlier stage
 * leaves these out as it leaves out the lab's other tests.
 */
#include "grader.h"
#include "hostunit.h"

GRADER_TEST(lab3_unit_cspace, .lab = 3, .points = 3, .limit = 60, .covers = "kernel/cspace.c",
	    .title = "host unit tests: cspace_lookup's results and errors (cspace)")
{
	hostunit_run("cspace");
}

GRADER_TEST(lab3_unit_cdt, .lab = 3, .points = 3, .limit = 90, .covers = "kernel/cdt.c",
	    .title = "host unit tests: the derivation tree's revoke, delete and reaping (cdt)")
{
	hostunit_run("cdt");
}

GRADER_TEST(lab3_unit_derive, .lab = 3, .points = 2, .limit = 60, .covers = "kernel/cnode.c",
	    .title = "host unit tests: cap_derive and untyped_place (derive)")
{
	hostunit_run("derive");
}

GRADER_TEST(lab3_unit_uaccess, .lab = 3, .points = 2, .limit = 60, .covers = "kernel/uaccess.c",
	    .title = "host unit tests: user_check_range on built page tables (uaccess)")
{
	hostunit_run("uaccess");
}
