/*
 * tests/lab5_units.c: lab 5's host unit suites, graded (25 points): the
 * loader and the servers' data structures, run on the host against models. What a graded
 * suite is, and what its verdict can be trusted for: hostunit.h.
 */
#include "grader.h"
#include "hostunit.h"

GRADER_TEST(lab5_unit_elfload, .lab = 5, .points = 5, .limit = 60, .covers = "user/lib/elfload.c",
	    .title = "host unit tests: loading ELF segments into pages against a model (elfload)")
{
	hostunit_run("elfload");
}

GRADER_TEST(lab5_unit_fs, .lab = 5, .points = 5, .limit = 90, .covers = "user/servers/file/fs.c",
	    .title = "host unit tests: the file system against a model (fs)")
{
	hostunit_run("fs");
}

GRADER_TEST(lab5_unit_mempool, .lab = 5, .points = 5, .limit = 90,
	    .covers = "user/servers/memory/pool.c",
	    .title = "host unit tests: the buddy pool, quotas and clients against a model (mempool)")
{
	hostunit_run("mempool");
}

GRADER_TEST(lab5_unit_line, .lab = 5, .points = 5, .limit = 60,
	    .covers = "user/servers/console/line.c",
	    .title = "host unit tests: the console's line discipline (line)")
{
	hostunit_run("line");
}

GRADER_TEST(lab5_unit_names, .lab = 5, .points = 5, .limit = 60,
	    .covers = "user/servers/name/table.c",
	    .title = "host unit tests: the name table and its rights (names)")
{
	hostunit_run("names");
}
