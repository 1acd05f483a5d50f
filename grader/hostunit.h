/*
 * hostunit.h: graded tests that run a suite of the host unit tests
 * (grader/unit/) against the student's code.
 *
 * `make grade` (and grade-submission) builds the unit-test program from
 * the student's kernel files and the kit's own test files, and hands it to
 * the grader with --unit. A graded test then runs one of its suites:
 *
 *   GRADER_TEST(lab1_unit_format, .lab = 1, .points = 3, .limit = 60,
 *               .covers = "kernel/format.c",
 *               .title = "host unit tests: the format suite")
 *   {
 *           hostunit_run("format");
 *   }
 *
 * Trust: the program contains the student's code, so it runs where the
 * QEMU machines run: in the submission's sandbox when grading a
 * submission (--sandbox), with a time limit and its output capped. Unlike
 * a QEMU test, its verdict is reported from inside that process (Check's
 * summary and the exit status): code in the same process could forge it.
 * grade-submission's review flags the ways to do that (HOST_TEST,
 * constructors, exit), and these suites carry a small share of a lab's
 * points; the tests that read machine state carry the rest.
 */
#ifndef GRADER_HOSTUNIT_H
#define GRADER_HOSTUNIT_H

/* hostunit_run: run suite `suite` of the unit-test program (vm_ctx.unit),
 * in the sandbox if there is one, and pass only if every test of the suite
 * ran and passed: the program ends with status 0 and its summary line says
 * "Checks: N, Failures: 0, Errors: 0" with N > 0. Otherwise fails the
 * running test, noting the failing tests' lines (and sanitizer reports).
 * Fails with a clear reason when no program was given or it did not
 * build. */
void hostunit_run(const char *suite);

#endif /* GRADER_HOSTUNIT_H */
