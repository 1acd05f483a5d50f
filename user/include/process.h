/*
 * process.h: the process server's protocol (lab 5; status.h has the
 * conventions).
 *
 * The process server starts programs from files (ELF, read through the
 * file server), each in a VSpace and CSpace of its own and with memory of
 * its own from the memory server, charged to a quota. It is the fault
 * handler of every process it starts: a process that faults is reported
 * on the console (its name, the fault, the address) and torn down, as one
 * that exits or is killed: its memory is revoked and goes back.
 *
 * A process's capability is badged with its pid; init's (badge 0) is the
 * parent of the processes it spawns. Waiting never blocks the server: a
 * parent whose child has not ended gets ERR_WOULD_BLOCK, and its events
 * notification (proc.h, P_EVENTS) is signalled when one ends.
 */
#ifndef USER_PROCESS_H
#define USER_PROCESS_H

#define PROC_QUOTA_DEFAULT (8ull << 20) /* bytes of memory a process may hold */
#define PROC_MAX 16                     /* processes at once */

/* How a process ended (PROC_WAIT's mr1). */
enum proc_end { PROC_EXITED = 0, PROC_FAULTED = 1, PROC_KILLED = 2 };

enum proc_op {
	/* mr0 path length, mr1 arg0, mr2 arg1, data the path -> mr0 the
	 * new pid. ERR_NOT_FOUND, ERR_BAD_IMAGE, ERR_QUOTA, ERR_NO_SPACE.
	 * A command line (lab 6): mr3 the data's length with it, and the
	 * data "path\0arg0\0arg1\0...\0": the strings become the new
	 * process's argv (proc_info's argc, argv_text), argv[0] the first;
	 * with none (mr3 == mr0 + 1) argv is { path }. mr3 == 0 (or less
	 * than mr0 + 1), as lab 5's callers send: no command line, argv is
	 * { path } as well. One message carries it all, so path and
	 * arguments are at most MSG_DATA_MAX (224) bytes for now; longer
	 * command lines need a second message or a shared page later.
	 * ERR_INVALID: mr3 beyond the data, or the text not NUL-ended. */
	PROC_SPAWN = 1,
	/* mr0 status: the caller ends (no reply). */
	PROC_EXIT = 2,
	/* mr0 pid (0: any child) -> mr0 the pid, mr1 how it ended
	 * (enum proc_end), mr2 its status (exit status, or the fault's
	 * vector), mr3 the fault's address; the child is reaped.
	 * ERR_WOULD_BLOCK while it runs; ERR_NOT_FOUND if not a child. */
	PROC_WAIT = 3,
	/* mr0 pid -> ok; the process ends (PROC_KILLED). ERR_NOT_FOUND if
	 * not a child of the caller. */
	PROC_KILL = 4,
	/* -> mr0 processes alive, mr1 spawned, mr2 reaped, mr3 faulted,
	 * since the server started. */
	PROC_STATS = 5,
	/* init's capability only (badge 0; others: ERR_RIGHTS): 1
	 * capability, a Notification (WRITE) to signal when a child of
	 * init's ends. The processes the server starts need none: their
	 * P_EVENTS is registered already. */
	PROC_NOTIFY = 6,

	/* Lab 6: what the libc's POSIX layer asks of it. Each is for a
	 * process the server started (init's test program: ERR_RIGHTS). */

	/* mr0 npages -> mr0 their address: fresh zeroed pages, read/write,
	 * at the end of the caller's heap (the server records every page of
	 * a process, so that fork can copy it). ERR_QUOTA. */
	PROC_MAP = 7,
	/* mr0 i (< PROC_FD_MAX), mr1 a pid or 0, 1 capability (an fd's,
	 * sent with ERIX_MSG_MOVE): with a pid, put in slot P_FDS + i of
	 * that child of the caller's, made by PROC_FORK and not yet started;
	 * with 0, kept for the caller's next PROC_EXEC, which puts it in the
	 * same slot of the new program (or gives it back when it fails).
	 * ERR_INVALID: no such held child, i out of range, no capability. */
	PROC_STAGE = 8,
	/* mr0 rip, mr1 rsp, mr2 rdi -> mr0 the child's pid: a child process
	 * with a copy of each of the caller's pages (its own IPC buffer and a
	 * proc_info with its pid) and the capabilities every process gets,
	 * its thread ready with those registers but held until PROC_START
	 * (meanwhile PROC_STAGE gives it the caller's fds; a held child ends
	 * with its parent). ERR_QUOTA, ERR_NO_SPACE (too many processes). */
	PROC_FORK = 9,
	/* mr0 path length, data the path; mr1 the address and mr2 the
	 * length of a block in the caller's memory: 32 words of fd table,
	 * PROC_CWD_MAX bytes of current directory, then argc + envc NUL-ended
	 * strings (proc.h's proc_info fields); mr3 argc | envc << 32. The
	 * program replaces the caller's, the same pid and parent, with the
	 * staged capabilities: no reply then. ERR_NOT_FOUND, ERR_IS_DIR,
	 * ERR_BAD_IMAGE, ERR_INVALID (the block) come back as errors, the
	 * old program still running. */
	PROC_EXEC = 10,
	/* -> mr0 the caller's parent's pid (0: init). */
	PROC_PPID = 11,
	/* mr0 pid, mr1 sig -> ok: any process of the server ends, killed by
	 * signal sig (its parent's wait: PROC_KILLED, status sig); sig 0
	 * only checks that pid runs. ERR_NOT_FOUND. */
	PROC_SIGNAL = 12,
	/* mr0 i -> mr0 pid, mr1 parent, mr2 0 running / 1 ended (not yet
	 * waited for), mr3 the next i to ask, data its name: the first
	 * process from table index i on. ERR_NOT_FOUND: no more. */
	PROC_LIST = 13,
	/* mr0 rip, mr1 rsp (8 past a multiple of 16, as at a function's
	 * entry): where the caller's last words run when it is to end by a
	 * fault or a PROC_SIGNAL: its thread is started there, with rdi the
	 * signal, so that it can close its files and pipe ends, and its
	 * PROC_EXIT then ends it as the fault or the signal said. A second
	 * fault or signal meanwhile ends it at once. execve forgets it; fork
	 * keeps it. ERR_INVALID: an address outside user space. */
	PROC_ON_DEATH = 14,
	/* mr0 pid -> ok: the held child PROC_FORK made runs. ERR_NOT_FOUND:
	 * no held child of the caller's with that pid. */
	PROC_START = 15,
};

#endif /* USER_PROCESS_H */
