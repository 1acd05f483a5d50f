/*
 * ioport.c: I/O-port capabilities, x86 port I/O for user-space drivers.
 *
 * An IOPort capability covers the ports [first_port, last_port]; the root
 * task gets one for all of them, and issues narrower ones to drivers
 * (Issue). In
 * and Out are invocations (the kernel does the access, after checking the
 * range and the rights), so no thread ever gets I/O privilege: the only
 * ports it can touch are those it holds. The ports the kernel drives
 * itself (erix/invocation.h, ERIX_KERNEL_PORTS: the PICs, the PIT, the
 * debug-exit port) are out of every capability's reach: a
 * user who could reprogram the PIC could move the timer onto an
 * exception's vector.
 */
#include "cdt.h"
#include "arch.h"
#include "cspace.h"
#include "invocation.h"
#include <erix/errors.h>
#include <erix/invocation.h>

/* kernel_port: does [first, last] hold a port the kernel drives? */
static bool kernel_port(uint64_t first, uint64_t last)
{
#define OVERLAPS(lo, hi, what) || (first <= (hi) && last >= (lo))
	return false ERIX_KERNEL_PORTS(OVERLAPS);
#undef OVERLAPS
}

/* ioport_issue: a child of c covering [first, last] into dest. */
static int ioport_issue(struct tcb *t, struct cte *c, const struct invocation *inv)
{
	uint64_t first = inv->mr[0], last = inv->mr[1];
	if (first > last || first < c->cap.first_port || last > c->cap.last_port || inv->mr[3] > 64)
		return -ERR_INVALID; /* not a sub-range of this capability's */
	if (kernel_port(first, last))
		return -ERR_INVALID;
	struct cte *dest;
	int err = cspace_lookup_empty(t, inv->mr[2], (unsigned)inv->mr[3], &dest);
	if (err)
		return err;
	struct cap narrow = c->cap;
	narrow.first_port = first;
	narrow.last_port = last;
	cdt_insert_child(c, dest, narrow);
	return 0;
}

/* ERIX_IOPORT_IN: mr0 port, mr1 width -> value.
 * ERIX_IOPORT_OUT: mr0 port, mr1 width, mr2 value.
 * ERIX_IOPORT_ISSUE: mr0 first, mr1 last, mr2 dest, mr3 dest depth. */
int decode_ioport_invocation(struct tcb *t, struct cte *c, const struct invocation *inv,
			     uint64_t *out)
{
	if (inv->label == ERIX_IOPORT_ISSUE)
		return ioport_issue(t, c, inv);
	uint64_t port = inv->mr[0], width = inv->mr[1];
	bool in = inv->label == ERIX_IOPORT_IN;
	if (!in && inv->label != ERIX_IOPORT_OUT)
		return -ERR_BAD_LABEL;
	if (width != 1 && width != 2 && width != 4)
		return -ERR_INVALID;
	if (port < c->cap.first_port || port > c->cap.last_port || c->cap.last_port - port < width - 1)
		return -ERR_RIGHTS; /* outside the capability's ports */
	if (kernel_port(port, port + width - 1))
		return -ERR_RIGHTS; /* the kernel's own */
	if (!(c->cap.rights & (in ? ERIX_RIGHT_READ : ERIX_RIGHT_WRITE)))
		return -ERR_RIGHTS;
	if (in)
		*out = arch_port_in((uint16_t)port, (unsigned)width);
	else
		arch_port_out((uint16_t)port, (unsigned)width, (uint32_t)inv->mr[2]);
	return 0;
}
