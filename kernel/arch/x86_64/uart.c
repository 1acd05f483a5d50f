/*
 * uart.c: the 16550 UART on COM1, the kernel's own console.
 *
 * Polled output only: the kernel never waits for input. (In lab 5 a
 * user-space console server takes the UART over with an I/O-port
 * capability and an IRQ.)
 */
#include "arch.h"
#include "cpu.h"

#define COM1 0x3f8
/* Register offsets from the base port (with LCR.DLAB = 0 unless noted). */
#define UART_THR 0 /* transmit holding (write) */
#define UART_DLL 0 /* divisor latch low (DLAB = 1) */
#define UART_IER 1 /* interrupt enable */
#define UART_DLM 1 /* divisor latch high (DLAB = 1) */
#define UART_FCR 2 /* FIFO control (write) */
#define UART_LCR 3 /* line control */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */

#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define FCR_ENABLE_CLEAR 0x07 /* enable FIFOs, clear both */
#define MCR_DTR_RTS_OUT2 0x0b
#define LSR_THR_EMPTY 0x20

/* How long uart_putc() waits for the transmitter before it drops the
 * character: a missing UART must not hang the kernel. */
#define UART_SPIN_LIMIT 100000

/* uart_init: 115200 baud, 8 data bits, no parity, 1 stop bit, FIFOs on,
 * no interrupts. */
void uart_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DLL, 1); /* 115200 / 1 */
	outb(COM1 + UART_DLM, 0);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, FCR_ENABLE_CLEAR);
	outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2);
}

/* uart_putc: send one byte; "\n" goes out as "\r\n" for terminals. */
void uart_putc(char c)
{
	if (c == '\n')
		uart_putc('\r');
	for (int i = 0; i < UART_SPIN_LIMIT; i++) {
		if (inb(COM1 + UART_LSR) & LSR_THR_EMPTY)
			break;
		cpu_relax();
	}
	outb(COM1 + UART_THR, (uint8_t)c);
}
