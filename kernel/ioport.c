/*
 * ioport.c: I/O-port capabilities, x86 port I/O for user-space drivers.
 *
 * An IOPort capability covers the ports [obj, word]; the root task gets
 * one for all of them. In and Out are invocations (the kernel does the
 * access, after checking the range and the rights), so no thread ever gets
 * I/O privilege: the only ports it can touch are those it holds.
 */
#include "cpu.h"
#include "invocation.h"
#include <erix/errors.h>
#include <erix/invocation.h>

/* ERIX_IOPORT_IN: mr0 port, mr1 width -> value.
 * ERIX_IOPORT_OUT: mr0 port, mr1 width, mr2 value. */
int decode_ioport_invocation(struct tcb *t, struct cte *c, const struct invocation *inv,
			     uint64_t *out)
{
	(void)t;
	uint64_t port = inv->mr[0], width = inv->mr[1];
	bool in = inv->label == ERIX_IOPORT_IN;
	if (!in && inv->label != ERIX_IOPORT_OUT)
		return -ERR_BAD_LABEL;
	if (width != 1 && width != 2 && width != 4)
		return -ERR_INVALID;
	if (port < c->cap.obj || port > c->cap.word || c->cap.word - port < width - 1)
		return -ERR_RIGHTS; /* outside the capability's ports */
	if (!(c->cap.rights & (in ? ERIX_RIGHT_READ : ERIX_RIGHT_WRITE)))
		return -ERR_RIGHTS;
	uint16_t p = (uint16_t)port;
	if (in) {
		*out = width == 1 ? inb(p) : width == 2 ? inw(p) : inl(p);
		return 0;
	}
	uint32_t v = (uint32_t)inv->mr[2];
	if (width == 1)
		outb(p, (uint8_t)v);
	else if (width == 2)
		outw(p, (uint16_t)v);
	else
		outl(p, v);
	return 0;
}
