/*
 * nameclient.c: calling the name server (see nameclient.h).
 */
#include "nameclient.h"
#include "name.h"
#include "rpc.h"

/* name_call: op on name, with r's other fields as the caller set them.
 * A name longer than a message could hold is refused here, so that the
 * length sent is never more than the bytes sent. */
static long name_call(erix_cptr_t ns, const char *name, struct rpc *r)
{
	size_t len = strlen(name);
	if (len > MSG_DATA_MAX)
		return -ERR_TOO_LONG; /* more than one message holds */
	r->w[0] = len;
	r->data = name;
	r->len = len;
	return rpc_call(ns, r);
}

long name_register(erix_cptr_t ns, const char *name, erix_cptr_t cap, unsigned rights)
{
	struct rpc r = { .label = NAME_REGISTER, .w = { 0, rights }, .send_cap = cap };
	return name_call(ns, name, &r);
}

long name_lookup(erix_cptr_t ns, const char *name, erix_cptr_t slot)
{
	struct rpc r = { .label = NAME_LOOKUP, .recv_slot = slot };
	long err = name_call(ns, name, &r);
	if (err)
		return err;
	return r.caps ? 0 : -ERR_EMPTY_SLOT;
}

long name_unregister(erix_cptr_t ns, const char *name)
{
	struct rpc r = { .label = NAME_UNREGISTER };
	return name_call(ns, name, &r);
}
