/*
 * console.h: the console server's protocol (lab 5; status.h has the
 * conventions).
 *
 * The console server drives the 16550 UART on COM1 from user space,
 * through its IOPort capability and its IRQHandler (line 4), whose
 * arrivals signal a notification bound to the server's thread. It writes
 * what clients send, and collects the characters typed into lines (a
 * backspace rubs out, a line ends at carriage return or newline), which
 * clients read.
 *
 * Reading never blocks the server: CONS_READ returns what a whole line
 * there is, or ERR_WOULD_BLOCK; a reader then waits on its events
 * notification (proc.h, P_EVENTS), which it has registered with
 * CONS_NOTIFY, and the server signals when a line is ready.
 */
#ifndef USER_CONSOLE_H
#define USER_CONSOLE_H

#define CONS_LINE_MAX 128 /* a longer line is cut (the rest is dropped) */

enum cons_op {
	/* mr0 length, data the bytes -> mr0 bytes written (all of them). */
	CONS_WRITE = 1,
	/* -> mr0 length, data the line (its newline included, as '\n'), or
	 * ERR_WOULD_BLOCK when no whole line is there. */
	CONS_READ = 2,
	/* 1 capability: a Notification (WRITE) signalled whenever a line
	 * becomes ready; replaces the previous one (one reader at a time). */
	CONS_NOTIFY = 3,
	/* -> mr0 characters received, mr1 interrupts handled, mr2 lines
	 * completed, mr3 bytes written, since the server started. */
	CONS_STATS = 4,
};

#endif /* USER_CONSOLE_H */
