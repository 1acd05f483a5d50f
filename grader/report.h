/*
 * report.h: a grading run's results, as a table, Gradescope's results.json
 * or JUnit XML.
 */
#ifndef GRADER_REPORT_H
#define GRADER_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "grader.h"

struct result {
	const struct grader_test *test;
	bool passed;
	double seconds;
	char reason[1024]; /* one line; empty when passed */
	char *output;      /* notes, serial tail, GDB commands, replay: for humans */
	char replay[512];  /* the make qemu-gdb command line, or "" */
};

/* report_table: the readable table with per-lab subtotals and the total;
 * failures with their reason, last serial lines and replay command. */
void report_table(FILE *f, const struct result *r, int n, double seconds);

/* report_gradescope: Gradescope's results.json. Hidden tests get the
 * visibility "after_due_date", public ones "visible". */
void report_gradescope(FILE *f, const struct result *r, int n, double seconds);

/* report_junit: JUnit XML, one testsuite per lab. */
void report_junit(FILE *f, const struct result *r, int n, double seconds);

#endif /* GRADER_REPORT_H */
