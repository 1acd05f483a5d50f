/*
 * time.c: the OS's part of <time.h> and <unistd.h> (lab 6): time(),
 * clock(), clock_gettime(), nanosleep(), sleep(), usleep(). The
 * conversions are user/libc/time.c's.
 *
 * EriX's clock is the time-stamp counter: proc_info (proc.h) holds its
 * rate, which the kernel measures against the PIT at boot, and the
 * calendar time at one reading of it, which init takes from the CMOS
 * real-time clock. A sleep waits for the counter to pass its end,
 * yielding the processor meanwhile: other threads run, but the sleeper
 * still counts as runnable (a timer object in the kernel, which a
 * sleeper could wait on, is the better design: a challenge).
 */
#include <errno.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "glue.h"
#include "proc.h"
#include "ulib.h"

static uint64_t tsc_start; /* the time-stamp counter at the program's start */

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* tsc_hz: the counter's rate, or 0 when the kernel could not measure it. */
static uint64_t tsc_hz(void)
{
	return procinfo ? procinfo->tsc_hz : 0;
}

/* ticks_to: ticks of the counter at hz in units per second (exact for
 * any tick count: no overflow of ticks * units). */
static uint64_t ticks_to(uint64_t ticks, uint64_t hz, uint64_t units)
{
	return ticks / hz * units + ticks % hz * units / hz;
}

void __erix_clock_start(void)
{
	tsc_start = rdtsc();
}

/* clock: the time since the program started, in CLOCKS_PER_SEC;
 * (clock_t)-1 when the counter's rate is unknown. This is elapsed time,
 * not the process's own processor time: EriX does not account processor
 * time per thread yet, so time other threads ran is counted too. */
clock_t clock(void)
{
	uint64_t hz = tsc_hz();
	if (!hz)
		return (clock_t)-1;
	return (clock_t)ticks_to(rdtsc() - tsc_start, hz, CLOCKS_PER_SEC);
}

/* time: the calendar time in seconds since 1970 (UTC), also stored in *t
 * if t is not NULL; (time_t)-1 when the clock is unknown (C11 7.27.2.4). */
time_t time(time_t *t)
{
	struct timespec ts;
	time_t now = clock_gettime(CLOCK_REALTIME, &ts) == 0 ? ts.tv_sec : (time_t)-1;
	if (t)
		*t = now;
	return now;
}

int clock_gettime(clockid_t id, struct timespec *tp)
{
	uint64_t hz = tsc_hz();
	if ((id != CLOCK_REALTIME && id != CLOCK_MONOTONIC) || !tp) {
		errno = EINVAL;
		return -1;
	}
	if (!hz || (id == CLOCK_REALTIME && !procinfo->epoch)) {
		errno = ENOTSUP;
		return -1;
	}
	uint64_t now = rdtsc();
	uint64_t ticks = id == CLOCK_REALTIME ? now - procinfo->epoch_tsc : now;
	tp->tv_sec = (time_t)(ticks / hz) + (id == CLOCK_REALTIME ? (time_t)procinfo->epoch : 0);
	tp->tv_nsec = (long)(ticks % hz * 1000000000ull / hz);
	return 0;
}

/* wait_ticks: yields until the counter has advanced by ticks. */
static void wait_ticks(uint64_t ticks)
{
	uint64_t start = rdtsc();
	while (rdtsc() - start < ticks)
		erix_yield();
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	uint64_t hz = tsc_hz();
	if (!req || req->tv_sec < 0 || req->tv_nsec < 0 || req->tv_nsec >= 1000000000L) {
		errno = EINVAL;
		return -1;
	}
	if (!hz) {
		errno = ENOTSUP;
		return -1;
	}
	wait_ticks((uint64_t)req->tv_sec * hz + (uint64_t)req->tv_nsec * hz / 1000000000ull);
	if (rem)
		rem->tv_sec = 0, rem->tv_nsec = 0;
	return 0;
}

unsigned sleep(unsigned seconds)
{
	struct timespec ts = { (time_t)seconds, 0 };
	return nanosleep(&ts, NULL) == 0 ? 0 : seconds;
}

int usleep(unsigned long usec)
{
	struct timespec ts = { (time_t)(usec / 1000000), (long)(usec % 1000000) * 1000 };
	return nanosleep(&ts, NULL);
}
