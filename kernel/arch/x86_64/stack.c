/*
 * stack.c: which kernel stacks exist, for the backtrace walker.
 * In lab 1 there is one: the boot stack in boot.S.
 */
#include "arch.h"

extern char boot_stack[], boot_stack_top[];

bool kstack_bounds(uintptr_t a, uintptr_t *lo, uintptr_t *hi)
{
	if (a >= (uintptr_t)boot_stack && a < (uintptr_t)boot_stack_top) {
		*lo = (uintptr_t)boot_stack;
		*hi = (uintptr_t)boot_stack_top;
		return true;
	}
	return false;
}
