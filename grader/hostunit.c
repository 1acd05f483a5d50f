/*
 * hostunit.c: running a suite of the host unit tests as a graded test
 * (hostunit.h says what and why).
 */
#define _GNU_SOURCE
#include "hostunit.h"
#include "grader.h"
#include "vm.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define OUTPUT_KEEP (64 * 1024) /* of the program's output; the rest is read and dropped */
#define NOTE_LINES 30

/* start: fork and exec argv with stdout and stderr on a pipe; returns the
 * pid and sets *out to the pipe's reading end. The child dies with the
 * test (PR_SET_PDEATHSIG); outside a sandbox (which sets its own limits)
 * it may write no file over 1 MiB. */
static pid_t start(char *const argv[], int *out)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		ck_abort_msg("grader: pipe: %s", strerror(errno));
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		ck_abort_msg("grader: fork: %s", strerror(errno));
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		struct rlimit fsize = { 1 << 20, 1 << 20 };
		if (!vm_ctx.sandbox)
			setrlimit(RLIMIT_FSIZE, &fsize);
		int null = open("/dev/null", O_RDONLY);
		dup2(null, 0);
		dup2(p[1], 1);
		dup2(p[1], 2);
		execv(argv[0], argv);
		fprintf(stderr, "grader: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(p[1]);
	*out = p[0];
	return pid;
}

/* collect: read fd to its end or to the test's deadline, keeping the first
 * OUTPUT_KEEP bytes in buf (NUL-terminated). Returns false on the
 * deadline. */
static bool collect(int fd, char *buf, size_t *len)
{
	char drop[4096];
	for (;;) {
		int ms = (int)((vm_ctx.deadline - now()) * 1000);
		if (ms <= 0)
			return false;
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		if (poll(&pfd, 1, ms) <= 0)
			continue;
		size_t room = OUTPUT_KEEP - *len;
		ssize_t n = room ? read(fd, buf + *len, room) : read(fd, drop, sizeof(drop));
		if (n == 0)
			return true;
		if (n < 0 && errno != EINTR)
			return true;
		if (n > 0 && room)
			*len += (size_t)n;
		buf[*len] = '\0';
	}
}

/* note_failures: the lines of the output that say what failed: Check's
 * "file:line:F:..." / ":E:" lines and the sanitizers' reports. */
static void note_failures(const char *text)
{
	int noted = 0;
	for (const char *line = text; *line && noted < NOTE_LINES;) {
		const char *end = strchrnul(line, '\n');
		int n = (int)(end - line);
		char head[64];
		snprintf(head, sizeof(head), "%.*s", n < 63 ? n : 63, line);
		if (memmem(line, (size_t)n, ":F:", 3) || memmem(line, (size_t)n, ":E:", 3) ||
		    strstr(head, "Sanitizer") || memmem(line, (size_t)n, "runtime error", 13)) {
			grader_note("%.*s", n > 400 ? 400 : n, line);
			noted++;
		}
		line = *end ? end + 1 : end;
	}
}

void hostunit_run(const char *suite)
{
	if (!vm_ctx.unit)
		ck_abort_msg("grader: no unit-test program was given (--unit): make grade "
			     "builds it; when grading a submission, its host build failed");
	char unit[PATH_MAX];
	if (!realpath(vm_ctx.unit, unit))
		ck_abort_msg("the unit-test program %s is missing (%s): the student's kernel "
			     "files did not build for the host (make unit-test shows why)",
			     vm_ctx.unit, strerror(errno));

	/* In the sandbox, the program sees itself and nothing else of the host.
	 * No address-space limit: AddressSanitizer reserves terabytes it never
	 * uses; the box's memory cgroup bounds what it does use. */
	char secs[32];
	snprintf(secs, sizeof(secs), "%.0f", vm_ctx.limit > 1 ? vm_ctx.limit : 1);
	char *argv[24];
	int a = 0;
	if (vm_ctx.sandbox) {
		argv[a++] = (char *)vm_ctx.sandbox;
		argv[a++] = "--ro";
		argv[a++] = unit;
		argv[a++] = "--time";
		argv[a++] = secs;
		argv[a++] = "--as";
		argv[a++] = "0";
		argv[a++] = "--work";
		argv[a++] = "64";
		argv[a++] = "--";
	}
	argv[a++] = unit;
	argv[a++] = "--suite";
	argv[a++] = (char *)suite;
	argv[a] = NULL;

	int fd;
	pid_t pid = start(argv, &fd);
	static char out[OUTPUT_KEEP + 1];
	size_t len = 0;
	bool ended = collect(fd, out, &len);
	close(fd);
	if (!ended) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		note_failures(out);
		ck_abort_msg("the %s suite ran over the test's %.0f s", suite, vm_ctx.limit);
	}
	int status;
	waitpid(pid, &status, 0);

	/* Check's summary: "100%: Checks: 12, Failures: 0, Errors: 0". */
	int pct = 0, checks = -1, failures = -1, errors = -1;
	for (const char *p = out; (p = strstr(p, "%: Checks: ")) != NULL; p++) {
		const char *q = p;
		while (q > out && q[-1] >= '0' && q[-1] <= '9')
			q--;
		sscanf(q, "%d%%: Checks: %d, Failures: %d, Errors: %d", &pct, &checks,
		       &failures, &errors);
	}
	note_failures(out);
	if (checks <= 0) /* all it said, for a program that did not get to run its tests */
		grader_note("its output:\n%.2000s", out);
	if (WIFSIGNALED(status))
		ck_abort_msg("the %s suite's program was killed by signal %d", suite,
			     WTERMSIG(status));
	ck_assert_msg(checks > 0, "the %s suite did not run (no summary line; status %d)",
		      suite, WEXITSTATUS(status));
	ck_assert_msg(failures == 0 && errors == 0,
		      "the %s suite: %d of %d unit tests failed, %d crashed or hit a sanitizer "
		      "(make unit-test shows them)", suite, failures, checks, errors);
	ck_assert_msg(WEXITSTATUS(status) == 0, "the %s suite's program ended with status %d",
		      suite, WEXITSTATUS(status));
}
