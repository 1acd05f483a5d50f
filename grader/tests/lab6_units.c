/*
 * tests/lab6_units.c: lab 6's host unit suites, graded (15 points): the
 * heap and printf's integers, run on the host against a model and the
 * host's C library. What a graded suite is, and what its verdict can be
 * trusted for: hostunit.h.
 *
 * Not graded: the suites of code that has no lab-6 exercise and that no
 * exercise's stub breaks (libc: string.h, ctype.h, stdlib.h's numbers;
 * libc2 and math; shparse, the shell's parser, given).
 */
#include "grader.h"
#include "hostunit.h"

GRADER_TEST(lab6_unit_malloc, .lab = 6, .points = 5, .limit = 90, .covers = "user/libc/malloc.c",
	    .title = "host unit tests: malloc, calloc, realloc, aligned_alloc and free against a model (malloc)")
{
	hostunit_run("malloc");
}

GRADER_TEST(lab6_unit_printf, .lab = 6, .points = 5, .limit = 90, .covers = "user/libc/printf.c",
	    .title = "host unit tests: snprintf against the host's, integers and the rest (printf)")
{
	hostunit_run("printf");
}

GRADER_TEST(lab6_unit_stdio, .lab = 6, .points = 5, .limit = 90, .covers = "user/libc/printf.c",
	    .title = "host unit tests: FILE streams and fprintf against the host's stdio (stdio)")
{
	hostunit_run("stdio");
}
