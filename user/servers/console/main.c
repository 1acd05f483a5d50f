/*
 * main.c: the console server (lab 5; the protocol is user/include/console.h).
 *
 * It owns COM1 through three capabilities init gives it:
 *   P_EXTRA + 0  an IOPort capability for the UART's ports (0x3f8..0x3ff)
 *   P_EXTRA + 1  the IRQHandler of line 4, the UART's interrupt
 *   P_EXTRA + 2  a Notification, which that handler signals and which is
 *                bound to this thread: an interrupt ends our Recv with
 *                ERIX_MSG_SIGNAL in the message info instead of a message.
 *
 * One loop serves both: a message from a client gets a reply (ReplyRecv);
 * an interrupt gets its input read (uart.c), fed to the line discipline
 * (line.c) and echoed, and then a plain Recv, as no caller waits for an
 * answer. Nothing here blocks but the Recv: a reader whose line is not
 * there yet gets ERR_WOULD_BLOCK and waits on its own notification, which
 * we signal when a line completes (CONS_NOTIFY).
 */
#include "console.h"
#include "line.h"
#include "proc.h"
#include "rpc.h"
#include "uart.h"

#define CONS_PORTS (P_EXTRA + 0)
#define CONS_IRQ (P_EXTRA + 1)
#define CONS_IRQ_NOTIFICATION (P_EXTRA + 2) /* bound: nothing to do with it here */

static struct uart uart;
static struct line_disc ld;

/* The counters CONS_STATS answers with. */
static struct {
	uint64_t chars, irqs, lines, written;
} stats;

/* The slot offered for a capability coming in, and the reader's
 * notification (valid when have_reader). CONS_NOTIFY swaps them. */
static erix_cptr_t recv_slot, reader_slot;
static bool have_reader;

/* offer: before every receive, the empty slot a capability may land in. */
static void offer(void)
{
	ipc_buf()->recv_slots[0] = recv_slot;
	ipc_buf()->recv_count = 1;
}

/* input: read every byte the UART holds, edit and echo it, and tell the
 * reader about each line that completes. */
static void input(void)
{
	int c;
	while ((c = uart_get(&uart)) >= 0) {
		struct line_echo echo;
		stats.chars++;
		echo.len = 0;
		bool done = c == LINE_EOT ? line_eof(&ld) : line_feed(&ld, (uint8_t)c, &echo);
		uart_write(&uart, echo.bytes, echo.len);
		if (done) {
			stats.lines++;
			if (have_reader)
				erix_signal(reader_slot);
		}
	}
}

/* interrupt: the UART's line fired: take the input, unmask the line, and
 * take whatever came in meanwhile (the next byte then raises a fresh
 * edge). */
static void interrupt(void)
{
	stats.irqs++;
	input();
	irq_handler_ack(CONS_IRQ, NULL);
	input();
}

/* set_reader: CONS_NOTIFY's capability, in recv_slot, becomes the reader's
 * notification; the previous one is deleted. 0, or ERR_INVALID (no
 * capability), ERR_WRONG_TYPE (not a Notification), ERR_RIGHTS (no
 * WRITE: we could not signal it). */
static long set_reader(uint64_t info)
{
	uint64_t what = 0;
	if (ERIX_MSGINFO_CAPS(info) < 1)
		return ERR_INVALID;
	if (cap_identify(recv_slot, &what) != 0 ||
	    ERIX_IDENTIFY_TYPE(what) != ERIX_OBJ_NOTIFICATION)
		return ERR_WRONG_TYPE; /* an Endpoint would block our Signal */
	if (!(ERIX_IDENTIFY_RIGHTS(what) & ERIX_RIGHT_WRITE))
		return ERR_RIGHTS;
	if (have_reader)
		cnode_delete(P_CNODE, reader_slot);
	erix_cptr_t s = reader_slot;
	reader_slot = recv_slot, recv_slot = s;
	have_reader = true;
	return 0;
}

/* handle: one request in m; m becomes the reply. */
static void handle(struct erix_msg *m)
{
	uint64_t info = m->info, status = 0, len = 0;
	uint64_t w[ERIX_MSG_REG_WORDS] = { 0 };
	switch (ERIX_MSGINFO_LABEL(info)) {
	case CONS_WRITE:
		if (m->mr[0] > msg_data_len(info)) {
			status = ERR_INVALID; /* more than the message holds */
			break;
		}
		uart_write(&uart, msg_data(), m->mr[0]);
		stats.written += m->mr[0];
		w[0] = m->mr[0];
		break;
	case CONS_READ: {
		long n = line_take(&ld, (char *)msg_data(), MSG_DATA_MAX);
		if (n < 0)
			status = (uint64_t)-n;
		else
			w[0] = len = (uint64_t)n;
		break;
	}
	case CONS_NOTIFY:
		status = (uint64_t)set_reader(info);
		break;
	case CONS_STATS:
		w[0] = stats.chars, w[1] = stats.irqs, w[2] = stats.lines, w[3] = stats.written;
		break;
	default:
		status = ERR_BAD_LABEL;
		break;
	}
	/* A capability that came with anything but an accepted CONS_NOTIFY
	 * is not kept: the slot must be empty for the next one. */
	if (ERIX_MSGINFO_CAPS(info) && !(ERIX_MSGINFO_LABEL(info) == CONS_NOTIFY && !status))
		cnode_delete(P_CNODE, recv_slot);
	m->info = ERIX_MSGINFO(status, msg_words(len), 0);
	memcpy(m->mr, w, sizeof(w));
}

int main(void)
{
	ulib_console = 0; /* never Call ourselves: uprintf goes to the kernel */
	recv_slot = slot_alloc();
	reader_slot = slot_alloc();
	line_init(&ld);
	long err = uart_init(&uart, CONS_PORTS, COM1_BASE);
	if (err || !recv_slot || !reader_slot) {
		uprintf("console: cannot start: %s\n", erix_strerror(err ? err : -ERR_NO_SPACE));
		return 1;
	}
	uart_puts(&uart, "console: COM1 from user space, IRQ 4\n");
	irq_handler_ack(CONS_IRQ, NULL); /* unmask the line */
	input();                         /* what was typed before */

	struct erix_msg m;
	offer();
	err = erix_recv(P_ENDPOINT, &m);
	for (;;) {
		if (err < 0) {
			uprintf("console: receive failed: %s\n", erix_strerror(err));
			return 1;
		}
		if (m.info & ERIX_MSG_SIGNAL) {
			interrupt();
			offer();
			err = erix_recv(P_ENDPOINT, &m); /* nobody to answer */
			continue;
		}
		handle(&m);
		offer();
		err = erix_reply_recv(P_ENDPOINT, &m);
	}
}
