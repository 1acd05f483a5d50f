/*
 * tsc.c: bin/tsc in make lua-test's boot image (labs/lua/run.sh --icount):
 * prints "@@TSC N", N the time-stamp counter. Under QEMU's -icount
 * shift=0 the counter advances by one for each instruction the guest
 * executes (../shared notes: measured 400,003 for a loop of 400,000),
 * so the difference of two readings counts the instructions in between,
 * every process's and the kernel's alike.
 */
#include <stdio.h>

int main(void)
{
	unsigned lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	printf("@@TSC %llu\n", (unsigned long long)hi << 32 | lo);
	return 0;
}
