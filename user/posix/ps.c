/*
 * ps: lists the processes the process server runs (programs, not the
 * servers): pid, parent's pid (0: init), state and program.
 *
 * Usage: ps
 * Exit status: 0.
 *
 * EriX has no /proc: ps asks the process server directly (PROC_LIST,
 * user/include/process.h), one process a request. This is the one
 * utility that goes past the libc, through its glue's header, erix/ps.h.
 */
#include <stdio.h>

#include <erix/ps.h>

int main(void)
{
	struct erix_ps p;
	printf("  PID  PPID STATE   COMMAND\n");
	for (int at = 0; (at = erix_ps_next(at, &p)) > 0;)
		printf("%5d %5d %-7s %s\n", p.pid, p.ppid, p.ended ? "ended" : "running", p.name);
	return 0;
}
