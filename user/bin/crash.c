/*
 * bin/crash.c: a program that faults, for the process server's tests:
 * arg1 0: a read of address arg0 (a page fault there);
 * arg1 1: a write into its own read-only data (a page fault on a page
 *         the loader must have mapped without write);
 * arg1 2: a jump into its own writable data (must not be executable).
 */
#include "ulib.h"
#include "proc.h"

static const uint64_t constant = 0x5eed;
static uint64_t data[2] = { 0xc3c3c3c3c3c3c3c3ull, 1 }; /* ret; ret; ... */

int main(void)
{
	uint64_t how = procinfo->args[1];
	if (how == 1)
		*(volatile uint64_t *)&constant = 1;
	else if (how == 2)
		((void (*)(void))(uintptr_t)data)();
	else
		(void)*(volatile uint64_t *)procinfo->args[0];
	return 0; /* it did not fault: exits with 0 */
}
