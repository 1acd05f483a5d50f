/*
 * kprintf.h: formatted output on the kernel console.
 * The conversions are those of format.h.
 */
#ifndef KERNEL_KPRINTF_H
#define KERNEL_KPRINTF_H

#include "format.h"

/* kprintf: format and print on the console. Returns characters printed. */
int kprintf(const char *fmt, ...) __printf(1, 2);
int vkprintf(const char *fmt, va_list ap);

/* Every character kprintf has sent since boot (for the grader). */
extern uint64_t console_chars;

#endif /* KERNEL_KPRINTF_H */
