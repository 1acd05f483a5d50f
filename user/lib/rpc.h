/*
 * rpc.h: calling a server, and answering as one (lab 5). The conventions
 * are in user/include/status.h: the request's label is the operation, the
 * reply's the status; up to four words travel in registers, bytes in the
 * IPC buffer (mr[4..31]), at most one capability each way here, but for
 * a reply's second one (recv_slot2: pipe.h's PIPE_CREATE answers with two).
 *
 * Only a thread with an IPC buffer at PROC_IPC_BUFFER (every process a
 * spawner starts, proc.h) can use these.
 */
#ifndef USER_LIB_RPC_H
#define USER_LIB_RPC_H

#include "ulib.h"
#include "proc.h"
#include "status.h"

#define MSG_DATA_MAX ((ERIX_MSG_MAX_WORDS - ERIX_MSG_REG_WORDS) * 8) /* 224 */

/* ipc_buf: this thread's IPC buffer. */
static inline struct erix_ipc_buffer *ipc_buf(void)
{
	return (struct erix_ipc_buffer *)PROC_IPC_BUFFER;
}

/* msg_data: the message's bytes, in the IPC buffer. */
static inline uint8_t *msg_data(void) { return (uint8_t *)&ipc_buf()->mr[ERIX_MSG_REG_WORDS]; }

/* msg_words: the length (words) of a message with len data bytes. */
static inline unsigned msg_words(uint64_t len)
{
	return ERIX_MSG_REG_WORDS + (unsigned)((len + 7) / 8);
}

/* msg_data_len: how many data bytes a received message can hold. */
static inline uint64_t msg_data_len(uint64_t info)
{
	unsigned n = ERIX_MSGINFO_LENGTH(info);
	return n > ERIX_MSG_REG_WORDS ? (uint64_t)(n - ERIX_MSG_REG_WORDS) * 8 : 0;
}

/* A request and, after rpc_call, its reply. */
struct rpc {
	uint64_t label;        /* in: the operation; out: the status (0: ok) */
	uint64_t w[4];         /* in: mr0..mr3; out: the reply's */
	const void *data;      /* in: bytes to send (NULL: none) */
	uint64_t len;          /* in: how many (<= MSG_DATA_MAX) */
	erix_cptr_t send_cap;  /* in: a capability to send (0: none) */
	erix_cptr_t recv_slot; /* in: an empty slot for one in the reply (0:
				  take none) */
	unsigned caps;         /* out: capabilities received (0, 1; 2 with
				  recv_slot2) */
	uint64_t info;         /* out: the reply's message info */
	uint64_t rbadge;       /* out: the received capability's badge */
	erix_cptr_t recv_slot2; /* in: a second empty slot, used only with
				   recv_slot (0: take one at most) */
	uint64_t rbadge2;      /* out: the second one's badge */
	bool move_cap;         /* in: send_cap moves (ERIX_MSG_MOVE: the slot
				  is left empty; lab 6) rather than being
				  copied */
};

/*
 * rpc_call: Call ep with r, and wait for the reply. Returns 0 if the
 * server answered with status 0, else the negative status: the server's
 * (its reply label) or the kernel's (the Call failed). The reply's bytes
 * are at msg_data(), until the next IPC.
 */
long rpc_call(erix_cptr_t ep, struct rpc *r);

/* rpc_put_data: copy len bytes (cut to MSG_DATA_MAX) into the message
 * data; the number copied. */
uint64_t rpc_put_data(const void *data, uint64_t len);

/* rpc_get_data: copy up to max bytes of a received message's data (len
 * bytes said, no more than its words hold, info its message info: an
 * rpc's r.info after rpc_call) to dst; the number copied. */
uint64_t rpc_get_data(uint64_t info, void *dst, uint64_t len, uint64_t max);

#endif /* USER_LIB_RPC_H */
