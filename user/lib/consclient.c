/*
 * consclient.c: calling the console server (see consclient.h).
 */
#include "consclient.h"
#include "console.h"
#include "rpc.h"

long cons_write(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	size_t done = 0;
	while (done < len) {
		size_t n = len - done < MSG_DATA_MAX ? len - done : MSG_DATA_MAX;
		struct rpc r = { .label = CONS_WRITE, .w = { n }, .data = p + done, .len = n };
		long err = rpc_call(P_CONSOLE, &r);
		if (err)
			return err;
		done += n;
	}
	return (long)len;
}

long cons_read(void *buf, size_t max)
{
	struct rpc r = { .label = CONS_READ };
	long err = rpc_call(P_CONSOLE, &r);
	if (err)
		return err;
	/* The reply's info is gone; trust its length no further than a
	 * message's data and max. */
	return (long)rpc_get_data(ERIX_MSGINFO(0, ERIX_MSG_MAX_WORDS, 0), buf, r.w[0], max);
}

/* register_events: hand the console a WRITE-only copy of P_EVENTS, made
 * in a slot kept for it (the console's capability is derived from it, so
 * it stays there until the next registration replaces it); P_EVENTS
 * itself when no slot is free. */
static long register_events(void)
{
	static erix_cptr_t copy;
	erix_cptr_t send = P_EVENTS;
	if (!copy)
		copy = slot_alloc();
	if (copy) {
		cnode_delete(P_CNODE, copy);
		if (cnode_copy(P_CNODE, copy, P_EVENTS, ERIX_RIGHT_WRITE) == 0)
			send = copy;
	}
	struct rpc r = { .label = CONS_NOTIFY, .send_cap = send };
	return rpc_call(P_CONSOLE, &r);
}

/* cons_readline: the console keeps one reader to signal, the last that
 * registered (CONS_NOTIFY); another process (a child the shell ran) may
 * have taken that place since this one last waited, so it registers
 * again before each wait, then looks once more (a line may have come in
 * between). */
long cons_readline(void *buf, size_t max)
{
	bool registered = false;
	for (;;) {
		long n = cons_read(buf, max);
		if (n != -ERR_WOULD_BLOCK)
			return n;
		if (!registered) {
			long err = register_events();
			if (err)
				return err;
			registered = true;
			continue;
		}
		long err = erix_wait(P_EVENTS, NULL); /* a line, or other news */
		if (err)
			return err;
		registered = false;
	}
}

long cons_stats(struct cons_stats *s)
{
	struct rpc r = { .label = CONS_STATS };
	long err = rpc_call(P_CONSOLE, &r);
	if (err)
		return err;
	*s = (struct cons_stats){ r.w[0], r.w[1], r.w[2], r.w[3] };
	return 0;
}
