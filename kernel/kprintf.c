/*
 * kprintf.c: the formatter (format.c) wired to the serial console.
 */
#include "kprintf.h"
#include "arch.h"

uint64_t console_chars;

static void console_putc(void *arg, char c)
{
	(void)arg;
	uart_putc(c);
	console_chars++;
}

int vkprintf(const char *fmt, va_list ap)
{
	return vformat(console_putc, NULL, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vkprintf(fmt, ap);
	va_end(ap);
	return n;
}
