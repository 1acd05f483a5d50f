/*
 * tests/lab4_units.c: lab 4's host unit suites, graded (10 points). What a
 * graded suite is, and what its verdict can be trusted for: hostunit.h.
 */
#include "grader.h"
#include "hostunit.h"

GRADER_TEST(lab4_unit_sched, .lab = 4, .points = 4, .limit = 60, .covers = "kernel/sched.c",
	    .title = "host unit tests: the ready queues and their bitmap against a model (sched)")
{
	hostunit_run("sched");
}

GRADER_TEST(lab4_unit_ipc, .lab = 4, .points = 6, .limit = 90, .covers = "kernel/ipc.c",
	    .title = "host unit tests: endpoints, transfer bounds, notifications, faults (ipc)")
{
	hostunit_run("ipc");
}
