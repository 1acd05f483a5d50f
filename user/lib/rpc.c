/*
 * rpc.c: calling a server (see rpc.h).
 */
#include "rpc.h"

uint64_t rpc_put_data(const void *data, uint64_t len)
{
	if (len > MSG_DATA_MAX)
		len = MSG_DATA_MAX;
	if (len)
		memcpy(msg_data(), data, len);
	return len;
}

uint64_t rpc_get_data(uint64_t info, void *dst, uint64_t len, uint64_t max)
{
	uint64_t have = msg_data_len(info);
	if (len > have)
		len = have;
	if (len > max)
		len = max;
	if (len)
		memcpy(dst, msg_data(), len);
	return len;
}

long rpc_call(erix_cptr_t ep, struct rpc *r)
{
	struct erix_ipc_buffer *b = ipc_buf();
	uint64_t len = r->data ? rpc_put_data(r->data, r->len) : 0;
	unsigned ncaps = r->send_cap ? 1 : 0;
	if (ncaps)
		b->send_caps[0] = r->send_cap;
	b->recv_slots[0] = r->recv_slot;
	b->recv_slots[1] = r->recv_slot2;
	b->recv_count = r->recv_slot ? (r->recv_slot2 ? 2 : 1) : 0;
	struct erix_msg m = { .info = ERIX_MSGINFO(r->label, msg_words(len), ncaps) |
				      (ncaps && r->move_cap ? ERIX_MSG_MOVE : 0) };
	memcpy(m.mr, r->w, sizeof(r->w));
	long err = erix_ipc_call(ep, &m);
	b->recv_count = 0;
	r->caps = 0;
	if (err < 0) {
		r->label = (uint64_t)-err;
		return err;
	}
	memcpy(r->w, m.mr, sizeof(r->w));
	r->info = m.info;
	r->label = ERIX_MSGINFO_LABEL(m.info);
	r->caps = ERIX_MSGINFO_CAPS(m.info);
	r->rbadge = r->caps ? b->recv_badges[0] : 0;
	r->rbadge2 = r->caps > 1 ? b->recv_badges[1] : 0;
	return r->label ? -(long)r->label : 0;
}
