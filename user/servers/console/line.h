/*
 * line.h: the console's line discipline (lab 5): what a typed character
 * does to the line being edited, and the queue of lines that are done.
 *
 * Pure: no system calls, no UART. The server feeds it each character
 * received and writes back the echo it asks for; the host unit tests
 * (grader/unit/test_line.c) feed it directly.
 *
 * The rules, for one character c:
 *   - c is CR ('\r') or LF ('\n'): the line ends. It is queued with a
 *     '\n' at its end, and the echo is "\n" (the UART driver sends it as
 *     CR LF). An LF right after a CR is part of the same line end (a
 *     terminal's CR LF is one Enter): it does nothing at all.
 *   - c is a backspace (DEL 0x7f, or BS 0x08): the last character of the
 *     line is rubbed out, the echo "\b \b"; at the start of the line it
 *     does nothing (no echo).
 *   - any other byte joins the line and is echoed as it is, while the
 *     line has room: a line holds at most CONS_LINE_MAX bytes, its '\n'
 *     included, so CONS_LINE_MAX - 1 typed ones. Past that, characters
 *     are dropped (not echoed) until the line ends.
 * A line that ends while LINE_QUEUE lines already wait is dropped (its
 * echo still happens); the waiting lines are kept.
 */
#ifndef CONSOLE_LINE_H
#define CONSOLE_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "console.h"

#define LINE_QUEUE 8 /* completed lines waiting to be read, at most */

#define LINE_CR '\r'
#define LINE_LF '\n'
#define LINE_DEL 0x7f
#define LINE_BS 0x08

/* One line: its bytes, the last one '\n' once it is complete. */
struct line {
	uint32_t len;
	char buf[CONS_LINE_MAX];
};

/* The discipline's state. Fields are read by the tests; only line.c
 * changes them. */
struct line_disc {
	struct line cur;                 /* the line being typed (no '\n' yet) */
	bool after_cr;                   /* the last character was a CR */
	struct line queue[LINE_QUEUE];   /* completed lines, oldest first ... */
	unsigned head;                   /* ... from queue[head], circularly */
	unsigned count;                  /* how many wait */
	uint64_t dropped;                /* lines lost to a full queue */
};

/* What to write back for one character: 0 to 3 bytes. */
struct line_echo {
	unsigned len;
	char bytes[4];
};

/* line_init: an empty line, an empty queue. */
void line_init(struct line_disc *ld);

/* line_feed: apply character c (the rules above); *echo gets the bytes to
 * write back (len 0: none). Returns true if a line was queued. */
bool line_feed(struct line_disc *ld, uint8_t c, struct line_echo *echo);

/* line_ready: does a completed line wait? */
static inline bool line_ready(const struct line_disc *ld) { return ld->count != 0; }

/* line_take: the oldest completed line, into buf: its first max bytes (the
 * rest of it is lost), and it leaves the queue. Returns the number of
 * bytes copied, or -ERR_WOULD_BLOCK if no line waits. */
long line_take(struct line_disc *ld, char *buf, size_t max);

/* line_eof: Ctrl-D (LINE_EOT, lab 6): the line so far is queued without a
 * '\n', an empty one being its reader's end of file; see line.c. */
#define LINE_EOT 0x04
bool line_eof(struct line_disc *ld);

#endif /* CONSOLE_LINE_H */
