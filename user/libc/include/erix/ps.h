/*
 * erix/ps.h: the process list (an EriX extension, for ps;
 * user/libc/erix/process.c over the process server's PROC_LIST).
 */
#ifndef _ERIX_PS_H
#define _ERIX_PS_H

struct erix_ps {
	int pid, ppid; /* ppid 0: init */
	int ended;     /* 1: ended, not yet waited for by its parent */
	char name[33]; /* its program's path, cut to 32 bytes */
};

/* erix_ps_next: the first process from position at (0: the start) on, in
 * *p; returns the position to ask next (> 0), or 0 when there is none. */
int erix_ps_next(int at, struct erix_ps *p);

#endif
