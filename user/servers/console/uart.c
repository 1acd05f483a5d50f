/*
 * uart.c: the 16550 UART from user space (see uart.h).
 *
 * Every register access is an invocation of the IOPort capability: the
 * kernel checks that the port is in the capability's range and does the
 * in or out for us.
 */
#include "uart.h"
#include "ulib.h"

/* Register offsets from the base port (LCR.DLAB = 0: the kernel left it so). */
#define UART_RBR 0 /* receive buffer (read) */
#define UART_THR 0 /* transmit holding (write) */
#define UART_IER 1 /* interrupt enable */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */

#define IER_RX_AVAILABLE 0x01 /* interrupt when received data is available */
#define MCR_DTR 0x01
#define MCR_RTS 0x02
#define MCR_OUT2 0x08         /* gates the UART's interrupt line on PCs */
#define LSR_DATA_READY 0x01   /* a received byte waits in RBR */
#define LSR_THR_EMPTY 0x20    /* the transmitter takes a byte */

/* How many times uart_put polls LSR before it sends anyway: a missing or
 * stuck UART must not hang the console server. */
#define UART_SPIN_LIMIT 100000

/* port_in, port_out: one byte from or to register reg. */
static long port_in(struct uart *u, unsigned reg, uint8_t *value)
{
	uint64_t v = 0;
	long err = erix_call(u->ports, ERIX_IOPORT_IN, u->base + reg, 1, 0, 0, &v);
	*value = (uint8_t)v;
	return err;
}

static long port_out(struct uart *u, unsigned reg, uint8_t value)
{
	return erix_call(u->ports, ERIX_IOPORT_OUT, u->base + reg, 1, value, 0, NULL);
}

long uart_init(struct uart *u, erix_cptr_t ports, uint16_t base)
{
	u->ports = ports;
	u->base = base;
	long err = port_out(u, UART_MCR, MCR_DTR | MCR_RTS | MCR_OUT2);
	if (!err)
		err = port_out(u, UART_IER, IER_RX_AVAILABLE);
	return err;
}

void uart_put(struct uart *u, uint8_t c)
{
	uint8_t lsr = 0;
	for (int i = 0; i < UART_SPIN_LIMIT; i++) {
		if (port_in(u, UART_LSR, &lsr) != 0 || (lsr & LSR_THR_EMPTY))
			break;
	}
	port_out(u, UART_THR, c);
}

void uart_write(struct uart *u, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '\n')
			uart_put(u, '\r');
		uart_put(u, p[i]);
	}
}

void uart_puts(struct uart *u, const char *s)
{
	uart_write(u, s, strlen(s));
}

int uart_get(struct uart *u)
{
	uint8_t lsr = 0, c = 0;
	if (port_in(u, UART_LSR, &lsr) != 0 || !(lsr & LSR_DATA_READY))
		return -1;
	if (port_in(u, UART_RBR, &c) != 0)
		return -1;
	return c;
}
