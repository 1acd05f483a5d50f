/*
 * kill: ends processes, as killed by a signal.
 *
 * Usage: kill [-SIGNAL] PID...   SIGNAL a number or a name (TERM, KILL,
 * INT, HUP, ...; TERM when none is given). EriX runs no signal handlers
 * yet: every signal ends the process, and its parent's waitpid reports
 * it as killed by that signal.
 * Exit status: 0 if every process was signalled, else 1.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	int sig;
} names[] = { { "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT }, { "ABRT", SIGABRT },
	      { "KILL", SIGKILL }, { "SEGV", SIGSEGV }, { "PIPE", SIGPIPE }, { "TERM", SIGTERM } };

/* signal_number: the signal named by s (a number, NAME or SIGNAME), or -1. */
static int signal_number(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (*s && !*end)
		return n >= 0 && n <= 64 ? (int)n : -1;
	if (!strncmp(s, "SIG", 3))
		s += 3;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i].name))
			return names[i].sig;
	return -1;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;
	if (argc > 1 && argv[1][0] == '-') {
		if ((sig = signal_number(argv[1] + 1)) < 0) {
			fprintf(stderr, "kill: %s: no such signal\n", argv[1] + 1);
			return 1;
		}
		i = 2;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: kill [-SIGNAL] PID...\n");
		return 1;
	}
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);
		if (!*argv[i] || *end || pid <= 0) {
			fprintf(stderr, "kill: %s: not a process number\n", argv[i]);
			status = 1;
		} else if (kill((pid_t)pid, sig) != 0) {
			fprintf(stderr, "kill: %ld: ", pid);
			perror(NULL);
			status = 1;
		}
	}
	return status;
}
