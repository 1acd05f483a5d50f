/*
 * time.c: the OS's part of <time.h> (lab 6): time() and clock(). The
 * conversions are user/libc/time.c's.
 */
#include <stdint.h>
#include <time.h>

#include "glue.h"

static uint64_t tsc_start; /* the time-stamp counter at the program's start */

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static inline void cpuid(uint32_t leaf, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

/* tsc_hz: the time-stamp counter's frequency as the CPU states it
 * (CPUID leaf 0x15: crystal clock times a ratio; else leaf 0x16: the base
 * frequency in MHz), or 0 if it does not say (QEMU's emulated CPUs do not). */
static uint64_t tsc_hz(void)
{
	uint32_t r[4];
	cpuid(0, r);
	uint32_t max = r[0];
	if (max >= 0x15) {
		cpuid(0x15, r);
		if (r[0] && r[1] && r[2])
			return (uint64_t)r[2] * r[1] / r[0];
	}
	if (max >= 0x16) {
		cpuid(0x16, r);
		if (r[0] & 0xffff)
			return (uint64_t)(r[0] & 0xffff) * 1000000;
	}
	return 0;
}

void __erix_clock_start(void)
{
	tsc_start = rdtsc();
}

/* clock: the time since the program started, in CLOCKS_PER_SEC, from the
 * time-stamp counter; (clock_t)-1 when its frequency is unknown. This is
 * elapsed time, not the process's own processor time: EriX does not
 * account processor time per thread yet, so time other threads ran is
 * counted too. */
clock_t clock(void)
{
	static uint64_t hz;
	if (!hz && !(hz = tsc_hz()))
		return (clock_t)-1;
	uint64_t ticks = rdtsc() - tsc_start;
	return (clock_t)(ticks / hz * CLOCKS_PER_SEC + ticks % hz * CLOCKS_PER_SEC / hz);
}

/* time: the calendar time. EriX has no time source yet (no RTC driver,
 * no system call for the time), so, as C11 7.27.2.4 says when the time
 * is not available, (time_t)-1, also stored in *t if t is not NULL. */
time_t time(time_t *t)
{
	time_t now = (time_t)-1;
	if (t)
		*t = now;
	return now;
}
