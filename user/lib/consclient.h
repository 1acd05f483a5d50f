/*
 * consclient.h: a client's side of the console server (lab 5; the
 * protocol is user/include/console.h). Every call goes to the console
 * capability every process gets, P_CONSOLE (proc.h).
 *
 * Each returns a count, or the negative of an error code: the server's
 * status, or the kernel's when the call itself failed.
 */
#ifndef USER_LIB_CONSCLIENT_H
#define USER_LIB_CONSCLIENT_H

#include <stddef.h>
#include <stdint.h>

/* cons_write: write len bytes, in pieces of at most MSG_DATA_MAX. Returns
 * len, or the first error (some pieces may have gone out before it). */
long cons_write(const void *buf, size_t len);

/* cons_read: the next whole line typed, its '\n' included, into buf (at
 * most max bytes of it; the rest is lost). Returns its length, or
 * -ERR_WOULD_BLOCK when no line is there yet; never waits. */
long cons_read(void *buf, size_t max);

/* cons_readline: cons_read, waiting for a line: before each wait it
 * registers this process's events notification (P_EVENTS, narrowed to
 * WRITE) with CONS_NOTIFY (the console signals only the last process to
 * register) and reads once more, then waits on P_EVENTS. Returns as
 * cons_read, never -ERR_WOULD_BLOCK. */
long cons_readline(void *buf, size_t max);

/* The console's counters (CONS_STATS). */
struct cons_stats {
	uint64_t chars;   /* characters received */
	uint64_t irqs;    /* interrupts handled */
	uint64_t lines;   /* lines completed */
	uint64_t written; /* bytes clients wrote */
};

/* cons_stats: fill *s. Returns 0 or the error. */
long cons_stats(struct cons_stats *s);

#endif /* USER_LIB_CONSCLIENT_H */
