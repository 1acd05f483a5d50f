/*
 * memory.h: the memory server's protocol (lab 5; status.h has the
 * conventions).
 *
 * The memory server holds the system's free memory, the Untyped
 * capabilities init gives it, and hands pieces out as capabilities:
 * Untyped memory of 2^bits bytes, or single Frames. Each client (the
 * badge of its capability) has a quota in bytes; everything it was given
 * is a child of a capability the server keeps, so that freeing a piece,
 * or dropping the client, revokes it and every object made from it, and
 * the memory is the server's again.
 *
 * The unbadged capability (badge 0) is the administrator's (init, the
 * process server): it makes and drops clients.
 */
#ifndef USER_MEMORY_H
#define USER_MEMORY_H

#define MEM_MIN_BITS 12 /* the smallest piece: a page */
#define MEM_MAX_BITS 24 /* the largest piece: 16 MiB */

enum mem_op {
	/* mr0 size_bits (MEM_MIN_BITS..MEM_MAX_BITS) -> an Untyped of
	 * 2^size_bits bytes (1 capability); mr0 its handle. */
	MEM_UNTYPED = 1,
	/* -> a Frame (1 capability, READ|WRITE), charged a page; mr0 its
	 * handle. */
	MEM_FRAME = 2,
	/* mr0 handle -> the piece goes back (revoked: every copy and every
	 * object made from it is gone). */
	MEM_FREE = 3,
	/* -> mr0 the server's free bytes, mr1 the client's bytes in use,
	 * mr2 its quota (for the administrator: 0, 0). */
	MEM_STATS = 4,
	/* Administrator only (else ERR_RIGHTS). */
	/* mr0 quota (bytes) -> mr0 the client's id; a capability badged
	 * with it (1 capability, WRITE|GRANT). */
	MEM_NEW_CLIENT = 5,
	/* mr0 client id -> everything the client holds goes back, and its
	 * capabilities stop working. */
	MEM_DROP_CLIENT = 6,
	/* mr0 client id, mr1 size_bits -> as MEM_UNTYPED, for that client
	 * and charged to its quota. */
	MEM_UNTYPED_FOR = 7,
};

#endif /* USER_MEMORY_H */
