/*
 * main.c: the name server (lab 5; the protocol is user/include/name.h).
 *
 * Servers register a capability under a name; clients look the name up
 * and get a copy. Who may do what is the badge of the caller's
 * capability (may_register, table.c); the names are in a pure table
 * (table.c), the capabilities here, two slots per entry index:
 *   held[i]    the capability the registrant gave, as it came
 *   issued[i]  a copy of it with the rights lookups get
 *              (name_rights_for), made once at registration
 * A lookup's reply carries issued[i]: the client's copy is derived from
 * it. (It could not be a temporary copy deleted after the reply: deleting
 * a capability deletes everything derived from it, the client's copy
 * too.) So unregistering, which deletes held[i] and with it issued[i],
 * also takes back every copy that lookups handed out; and so does the
 * registrant deleting its own capability, which leaves a stale entry that
 * the next lookup or register of that name clears.
 */
#include "name.h"
#include "proc.h"
#include "rpc.h"
#include "table.h"

static struct name_table table;
static erix_cptr_t held[NAME_ENTRIES], issued[NAME_ENTRIES];
static erix_cptr_t recv_slot; /* offered before every receive */

/* offer: the empty slot a registered capability lands in. */
static void offer(void)
{
	ipc_buf()->recv_slots[0] = recv_slot;
	ipc_buf()->recv_count = 1;
}

/* drop: free entry i's slots (the name is already out of the table). */
static void drop(int i)
{
	cnode_delete(P_CNODE, issued[i]);
	cnode_delete(P_CNODE, held[i]);
}

/* prune: if name's entry lost its capability (the registrant deleted
 * it), remove the entry. */
static void prune(const char *name, uint64_t len)
{
	uint64_t what = 0;
	int i = name_find(&table, name, len);
	if (i >= 0 && (cap_identify(issued[i], &what) != 0 ||
		       ERIX_IDENTIFY_TYPE(what) == ERIX_OBJ_NULL)) {
		name_remove(&table, name, len);
		drop(i);
	}
}

/* do_register: NAME_REGISTER of name with the capability in recv_slot
 * (caps: how many came). 0 or the error status. */
static uint64_t do_register(const char *name, uint64_t len, uint64_t rights, unsigned caps)
{
	uint64_t what = 0;
	if (!caps || cap_identify(recv_slot, &what) != 0)
		return ERR_INVALID;
	prune(name, len);
	int i = name_insert(&table, name, len);
	if (i < 0)
		return (uint64_t)-i;
	unsigned r = name_rights_for(rights, ERIX_IDENTIFY_RIGHTS(what));
	long err = cnode_move(P_CNODE, held[i], recv_slot);
	if (!err)
		err = cnode_copy(P_CNODE, issued[i], held[i], r);
	if (err) {
		name_remove(&table, name, len);
		drop(i);
		return (uint64_t)-err;
	}
	return 0;
}

/* handle: one request in m; m becomes the reply (and send_caps[0] its
 * capability, if any). */
static void handle(struct erix_msg *m)
{
	uint64_t info = m->info, label = ERIX_MSGINFO_LABEL(info), len = m->mr[0];
	uint64_t status = 0;
	unsigned caps = ERIX_MSGINFO_CAPS(info), reply_caps = 0;
	char name[NAME_MAX];

	if (label != NAME_REGISTER && label != NAME_LOOKUP && label != NAME_UNREGISTER)
		status = ERR_BAD_LABEL;
	else if (label != NAME_LOOKUP && !may_register(m->badge))
		status = ERR_RIGHTS;
	else if (len > NAME_MAX)
		status = ERR_TOO_LONG;
	else if (len > msg_data_len(info))
		status = ERR_INVALID; /* it claims more than it sent */
	else
		memcpy(name, msg_data(), len);

	if (!status && label == NAME_REGISTER) {
		status = do_register(name, len, m->mr[1], caps);
	} else if (!status && label == NAME_LOOKUP) {
		prune(name, len);
		int i = name_find(&table, name, len);
		if (i < 0) {
			status = (uint64_t)-i;
		} else {
			ipc_buf()->send_caps[0] = issued[i];
			reply_caps = 1;
		}
	} else if (!status && label == NAME_UNREGISTER) {
		int i = name_remove(&table, name, len);
		if (i < 0)
			status = (uint64_t)-i;
		else
			drop(i);
	}
	/* A capability not kept by a registration leaves the slot free. */
	if (caps && !(label == NAME_REGISTER && !status))
		cnode_delete(P_CNODE, recv_slot);
	m->info = ERIX_MSGINFO(status, msg_words(0), reply_caps);
	m->mr[0] = m->mr[1] = m->mr[2] = m->mr[3] = 0;
}

int main(void)
{
	name_table_init(&table);
	recv_slot = slot_alloc();
	for (int i = 0; i < NAME_ENTRIES; i++)
		held[i] = slot_alloc(), issued[i] = slot_alloc();
	if (!recv_slot || !issued[NAME_ENTRIES - 1]) {
		uprintf("name: not enough free slots\n");
		return 1;
	}
	uprintf("name: %d entries\n", NAME_ENTRIES);

	struct erix_msg m;
	int failures = 0;
	offer();
	long err = erix_recv(P_ENDPOINT, &m);
	for (;;) {
		if (err < 0) {
			/* The receive failed, or the reply did (a lookup from
			 * a caller without GRANT cannot take a capability):
			 * answer with the error and no capability. With no
			 * caller, the reply fails quietly and the receive goes
			 * on. */
			if (++failures > 3) {
				uprintf("name: receive failed: %s\n", erix_strerror(err));
				return 1;
			}
			m.info = ERIX_MSGINFO((uint64_t)-err, msg_words(0), 0);
			offer();
			err = erix_reply_recv(P_ENDPOINT, &m);
			continue;
		}
		failures = 0;
		handle(&m);
		offer();
		err = erix_reply_recv(P_ENDPOINT, &m);
	}
}
