/*
 * line.c: the console's line discipline (see line.h for the rules).
 */
#include "line.h"

#include <erix/errors.h>

#ifdef HOST_TEST
#include <string.h>
#else
#include "kstring.h"
#endif

void line_init(struct line_disc *ld)
{
	memset(ld, 0, sizeof(*ld));
}

/*
 * line_feed (LAB 5 exercise).
 *
 * Requirements: apply character c to ld as line.h's rules say, and set
 * *echo to what the terminal should see (echo->len 0: nothing). Return
 * true exactly when a completed line joined the queue.
 *  - ld->after_cr remembers a CR, so that the LF of a CR LF pair is
 *    swallowed; every other character forgets it.
 *  - A line ending: the line (ld->cur) gets its '\n' and is appended at
 *    the queue's tail, queue[(head + count) % LINE_QUEUE]; when count is
 *    LINE_QUEUE already, it is dropped instead (count ld->dropped). Either
 *    way the line being typed starts again empty.
 *  - A line holds at most CONS_LINE_MAX bytes with its '\n': keep room
 *    for the '\n'.
 * Hint: set the echo first to nothing; LINE_CR, LINE_LF, LINE_DEL, LINE_BS
 * name the special characters.
 */
bool line_feed(struct line_disc *ld, uint8_t c, struct line_echo *echo)
{
#if LAB5_SOLUTION
	bool after_cr = ld->after_cr;
	echo->len = 0;
	ld->after_cr = c == LINE_CR;
	if (c == LINE_LF && after_cr)
		return false; /* the second half of CR LF */
	if (c == LINE_CR || c == LINE_LF) {
		echo->bytes[echo->len++] = '\n';
		struct line *cur = &ld->cur;
		cur->buf[cur->len++] = '\n';
		bool queued = ld->count < LINE_QUEUE;
		if (queued)
			ld->queue[(ld->head + ld->count++) % LINE_QUEUE] = *cur;
		else
			ld->dropped++;
		cur->len = 0;
		return queued;
	}
	if (c == LINE_DEL || c == LINE_BS) {
		if (ld->cur.len > 0) {
			ld->cur.len--;
			echo->bytes[0] = '\b', echo->bytes[1] = ' ', echo->bytes[2] = '\b';
			echo->len = 3;
		}
		return false;
	}
	if (ld->cur.len < CONS_LINE_MAX - 1) {
		ld->cur.buf[ld->cur.len++] = (char)c;
		echo->bytes[echo->len++] = (char)c;
	}
	return false;
#else
	/* LAB 5: your code here. Until then, nothing is echoed and no line
	 * ever completes. */
	(void)ld, (void)c;
	echo->len = 0;
	return false;
#endif
}

/*
 * line_take (LAB 5 exercise).
 *
 * Requirements: if no line waits, return -ERR_WOULD_BLOCK and change
 * nothing. Else copy the oldest line (queue[head]) into buf, at most max
 * bytes of it, remove it from the queue (head moves on, circularly; count
 * goes down) and return the number of bytes copied.
 */
long line_take(struct line_disc *ld, char *buf, size_t max)
{
#if LAB5_SOLUTION
	if (ld->count == 0)
		return -ERR_WOULD_BLOCK;
	const struct line *l = &ld->queue[ld->head];
	size_t n = l->len < max ? l->len : max;
	memcpy(buf, l->buf, n);
	ld->head = (ld->head + 1) % LINE_QUEUE;
	ld->count--;
	return (long)n;
#else
	/* LAB 5: your code here. Until then, no line is ever there. */
	(void)ld, (void)buf, (void)max;
	return -ERR_WOULD_BLOCK;
#endif
}

/*
 * line_eof: Ctrl-D (lab 6): the line typed so far is queued as it is,
 * without a '\n' (an empty one if nothing was typed: a reader gets 0
 * bytes, its end of file), as a terminal in canonical mode does. Nothing
 * is echoed. True if the line was queued (false: the queue is full, the
 * line dropped).
 */
bool line_eof(struct line_disc *ld)
{
	ld->after_cr = false;
	bool queued = ld->count < LINE_QUEUE;
	if (queued)
		ld->queue[(ld->head + ld->count++) % LINE_QUEUE] = ld->cur;
	else
		ld->dropped++;
	ld->cur.len = 0;
	return queued;
}
