/*
 * tests/units.c: the host unit suites (grader/unit/), graded.
 *
 * Each suite tests one exercise's functions on the host, far more cases
 * than a boot can reach (every format flag against the C library's
 * printf, every malformed multiboot tag, every lookup error). Run by the
 * grader against the student's code (hostunit.h), each is worth a few
 * points: passing `make unit-test` is part of the grade, not just advice.
 * Their verdict comes from inside the program that holds the student's
 * code (hostunit.h says what that means), so they carry a small share of
 * each lab; the QEMU tests carry the rest.
 */
#include "grader.h"
#include "hostunit.h"

/* ---- lab 1 ---- */

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

/* ---- lab 2 ---- */

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

/* ---- lab 3 ---- */

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
