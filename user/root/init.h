/*
 * root/init.h: init, the root task's lab-5 part (init.c): it starts the
 * servers from the boot image and keeps them going.
 *
 * What the grader reads, through the root task's CNode (slot
 * bootinfo->empty.start + k, k an enum init_record):
 */
#ifndef USER_ROOT_INIT_H
#define USER_ROOT_INIT_H

#include <stdbool.h>

/* Lab 5's servers (SRV_COUNT of them, as the grader's tables know them),
 * then lab 6's pipe server, recorded apart (SRV_ALL: every server). */
enum init_server { SRV_CONSOLE, SRV_MEMORY, SRV_NAME, SRV_FILE, SRV_PROCESS, SRV_COUNT,
		   SRV_PIPE = SRV_COUNT, SRV_ALL };

enum init_record {
	INIT_TEST_TCB = 0,          /* the test program's TCB (when one runs) */
	INIT_SERVER_TCB = 1,        /* + enum init_server: each server's TCB */
	INIT_SERVER_CNODE = 6,      /* + enum init_server: each server's CNode */
	INIT_PIPE_TCB = 11,         /* the pipe server's TCB */
	INIT_PIPE_CNODE = 12,       /* and CNode */
	INIT_RECORDS = 16           /* slots kept for these */
};

/* init_run: start the servers; with a test name (lab5_*), start that test
 * program too; then serve the servers' faults (restarting the console
 * server). Returns only if the servers could not be started. */
void init_run(const char *test);

#endif /* USER_ROOT_INIT_H */
