/* time.h: date and time (C11 7.27, POSIX; user/libc/time.c).
 *
 * EriX keeps time in UTC and has no time zones: localtime is gmtime,
 * mktime is timegm, and %Z prints "UTC". Only the C locale exists.
 *
 * time() and clock() ask the OS: the POSIX layer defines them; time.c
 * only converts. */
#ifndef _ERIX_TIME_H
#define _ERIX_TIME_H

#include <stddef.h>

typedef long long time_t; /* seconds since 1970-01-01 00:00:00 UTC */
typedef long clock_t;     /* processor time, in CLOCKS_PER_SEC */
#define CLOCKS_PER_SEC 1000000L

struct tm {
	int tm_sec;   /* seconds after the minute, 0-60 */
	int tm_min;   /* minutes after the hour, 0-59 */
	int tm_hour;  /* hours since midnight, 0-23 */
	int tm_mday;  /* day of the month, 1-31 */
	int tm_mon;   /* months since January, 0-11 */
	int tm_year;  /* years since 1900 */
	int tm_wday;  /* days since Sunday, 0-6 */
	int tm_yday;  /* days since January 1, 0-365 */
	int tm_isdst; /* daylight saving time: always 0 here */
};

/* The OS's part (the POSIX layer). */
time_t time(time_t *t);
clock_t clock(void);

double difftime(time_t t1, time_t t0);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict out);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict out);
size_t strftime(char *restrict s, size_t max, const char *restrict format,
		const struct tm *restrict tm);
char *asctime(const struct tm *tm);
char *ctime(const time_t *t);

/* POSIX's clocks and sleep (user/libc/erix/time.c). struct timespec: a
 * time in seconds and nanoseconds. nanosleep waits *req (EINVAL: a
 * negative time or tv_nsec not below 1e9); rem, if not NULL, gets 0s
 * (nothing cuts a sleep short). clock_gettime: CLOCK_REALTIME (the
 * calendar time) or CLOCK_MONOTONIC (since boot). 0, or -1 with errno. */
struct timespec {
	time_t tv_sec;
	long tv_nsec;
};
typedef int clockid_t;
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(clockid_t id, struct timespec *tp);

#endif
