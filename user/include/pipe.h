/*
 * pipe.h: the pipe server's protocol (lab 6; status.h has the
 * conventions).
 *
 * A pipe is a buffer of PIPE_BUF_SIZE bytes in the server, with a read
 * end and a write end: two capabilities to the server's endpoint, badged
 * with the pipe and the end, which the server mints when the pipe is made
 * (PIPE_CREATE, on the server's main capability, badged PIPE_BADGE_MAIN:
 * init registers it as "pipe", and the process server gives every process
 * it spawns a copy at P_PIPE). The server keeps the parent of each end's
 * capability: PIPE_CLOSE revokes it, so every copy of that end stops
 * working; the pipe is free again when both ends are closed.
 *
 * The server never waits. A read of an empty pipe whose write end is open,
 * and a write to a full pipe, get ERR_WOULD_BLOCK; the client then waits
 * on its events notification (proc.h, P_EVENTS), registered for that end
 * with PIPE_NOTIFY, which the server signals whenever the pipe may have
 * become readable (bytes written, the write end closed: EOF) or writable
 * (bytes read, the read end closed: ERR_BROKEN_PIPE).
 */
#ifndef USER_PIPE_H
#define USER_PIPE_H

#define PIPE_MAX 16          /* pipes at once */
#define PIPE_BUF_SIZE 4096   /* each pipe's buffer */
#define PIPE_IO_MAX 224      /* bytes a PIPE_READ or PIPE_WRITE moves at most
				(MSG_DATA_MAX, rpc.h) */

/* Badges: the main capability's, and each end's (pipe i's read end
 * PIPE_BADGE_END + 2i, its write end PIPE_BADGE_END + 2i + 1). */
#define PIPE_BADGE_MAIN 1
#define PIPE_BADGE_END 0x100
#define PIPE_END_READ 0
#define PIPE_END_WRITE 1

enum pipe_op {
	/* On the main capability: -> mr0 the pipe's number, and 2
	 * capabilities: [0] the read end, [1] the write end (the caller offers
	 * two empty slots: rpc.h's recv_slot and recv_slot2); ERR_NO_SPACE
	 * when every pipe is in use. */
	PIPE_CREATE = 1,
	/* On the read end: mr0 the most bytes wanted (cut to PIPE_IO_MAX) ->
	 * mr0 length, data the bytes; length 0 is the end of file (the write
	 * end is closed and the buffer empty); ERR_WOULD_BLOCK when the pipe
	 * is empty and its write end open. */
	PIPE_READ = 2,
	/* On the write end: mr0 length (<= PIPE_IO_MAX), data the bytes ->
	 * mr0 bytes written (as many as there is room for, at least 1);
	 * ERR_WOULD_BLOCK when the buffer is full; ERR_BROKEN_PIPE when the
	 * read end is closed. */
	PIPE_WRITE = 3,
	/* On either end: closes that end (its capability, and every copy,
	 * revoked); the other end's notification is signalled. */
	PIPE_CLOSE = 4,
	/* On either end: 1 capability, a Notification (WRITE), signalled
	 * whenever this end may go on; replaces that end's previous one. */
	PIPE_NOTIFY = 5,
	/* On any capability: -> mr0 pipes in use, mr1 pipes made, mr2 bytes
	 * written, mr3 bytes read, since the server started. */
	PIPE_STATS = 6,
	/* On either end: -> 1 capability, another one for that end, for a
	 * process of its own (lab 6: fork; fd.c). The end closes (PIPE_CLOSE
	 * above) at the last PIPE_CLOSE: one for each capability the
	 * server gave for it (PIPE_CREATE's and each PIPE_DUP's). */
	PIPE_DUP = 7,
};

#endif /* USER_PIPE_H */
