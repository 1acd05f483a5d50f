/*
 * uart.h: the console server's driver for a 16550 UART (COM1), through an
 * IOPort capability (erix/invocation.h: ERIX_IOPORT_IN, ERIX_IOPORT_OUT).
 *
 * The kernel has set the line up (115200 baud, 8N1, FIFOs on) and keeps
 * writing its own messages by polling; this driver adds the receive
 * interrupt and reads what is typed. Output is polled too: a byte goes
 * out when the transmitter holding register is empty.
 */
#ifndef CONSOLE_UART_H
#define CONSOLE_UART_H

#include <stddef.h>
#include <stdint.h>

#include <erix/caps.h>

#define COM1_BASE 0x3f8
#define COM1_IRQ 4

struct uart {
	erix_cptr_t ports; /* IOPort capability covering base..base+7 */
	uint16_t base;     /* the first port */
};

/* uart_init: take over the UART at base through the IOPort capability
 * ports: enable the "received data available" interrupt and OUT2 (which
 * lets the interrupt reach the PIC on PC hardware). Returns 0, or the
 * error of the first port access that failed (the capability does not
 * cover the ports). */
long uart_init(struct uart *u, erix_cptr_t ports, uint16_t base);

/* uart_put: send one byte, as it is, after waiting (a bounded while) for
 * the transmitter to be empty. */
void uart_put(struct uart *u, uint8_t c);

/* uart_write: send len bytes, each '\n' as "\r\n". */
void uart_write(struct uart *u, const void *buf, size_t len);

/* uart_puts: uart_write of a NUL-terminated string. */
void uart_puts(struct uart *u, const char *s);

/* uart_get: a received byte (0..255), or -1 when none is waiting. */
int uart_get(struct uart *u);

#endif /* CONSOLE_UART_H */
