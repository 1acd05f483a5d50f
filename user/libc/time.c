/*
 * time.c: converting times (time.h): seconds since the epoch to calendar
 * fields and back, and calendar fields to text.
 *
 * The calendar is the proleptic Gregorian one, for every year an int
 * holds, and time is UTC: EriX has no time zones, so the local functions
 * are the UTC ones. time() and clock() are the POSIX layer's.
 *
 * All arithmetic on days and seconds is in long long with floor division,
 * so that years before 1970 (and before year 0) need no special case.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <time.h>

#define SECS_PER_DAY 86400LL

/* floor_div, floor_mod: division rounding towards minus infinity, and its
 * remainder (0 <= floor_mod(a, b) < b for b > 0). */
static long long floor_div(long long a, long long b)
{
	return a / b - (a % b < 0);
}

static long long floor_mod(long long a, long long b)
{
	return a - floor_div(a, b) * b;
}

static int is_leap(long long year)
{
	return floor_mod(year, 4) == 0 && (floor_mod(year, 100) != 0 || floor_mod(year, 400) == 0);
}

/* days_before_year: days from 0000-01-01 to year-01-01 (negative before).
 * The leap years in [0, year) are the multiples of 4, less those of 100,
 * plus those of 400. */
static long long days_before_year(long long year)
{
	return 365 * year + floor_div(year + 3, 4) - floor_div(year + 99, 100) + floor_div(year + 399, 400);
}

#define EPOCH_DAYS 719528LL /* days_before_year(1970) */

/* days_before_month: days from January 1 to the first of month (0-11). */
static int days_before_month(long long year, int month)
{
	static const short before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	return before[month] + (month >= 2 && is_leap(year));
}

/* gmtime_r: *t as UTC calendar fields in *out; out, or NULL with errno
 * EOVERFLOW if the year does not fit in tm_year. */
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict out)
{
	long long days = floor_div(*t, SECS_PER_DAY), secs = floor_mod(*t, SECS_PER_DAY);

	/* A year at most one off (146097 days in 400 years), then exact. */
	long long year = 1970 + floor_div(days * 400, 146097);
	if (year > (long long)INT_MAX + 1900 + 1 || year < (long long)INT_MIN + 1900 - 1) {
		errno = EOVERFLOW;
		return NULL;
	}
	while (days_before_year(year) - EPOCH_DAYS > days)
		year--;
	while (days_before_year(year + 1) - EPOCH_DAYS <= days)
		year++;
	if (year - 1900 > INT_MAX || year - 1900 < INT_MIN) {
		errno = EOVERFLOW;
		return NULL;
	}

	int yday = (int)(days - (days_before_year(year) - EPOCH_DAYS));
	int month = 11;
	while (days_before_month(year, month) > yday)
		month--;
	out->tm_year = (int)(year - 1900);
	out->tm_mon = month;
	out->tm_mday = yday - days_before_month(year, month) + 1;
	out->tm_yday = yday;
	out->tm_wday = (int)floor_mod(days + 4, 7); /* 1970-01-01 was a Thursday */
	out->tm_hour = (int)(secs / 3600);
	out->tm_min = (int)(secs / 60 % 60);
	out->tm_sec = (int)(secs % 60);
	out->tm_isdst = 0;
	return out;
}

/* gmtime: gmtime_r into one static struct tm (overwritten by each call,
 * and by localtime). */
static struct tm static_tm;

struct tm *gmtime(const time_t *t)
{
	return gmtime_r(t, &static_tm);
}

/* localtime_r, localtime: gmtime's (local time is UTC). */
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict out)
{
	return gmtime_r(t, out);
}

struct tm *localtime(const time_t *t)
{
	return gmtime_r(t, &static_tm);
}

/*
 * timegm: the time of the UTC calendar fields in *tm. The fields may be
 * out of their ranges (C11 7.27.2.3): 14 months is a year and two months,
 * day 0 the last of the month before, -1 seconds one second before, and
 * so on; tm_wday, tm_yday and tm_isdst are ignored. On success rewrites
 * *tm with the normalised fields (tm_wday and tm_yday set, tm_isdst 0).
 * Returns (time_t)-1 with errno EOVERFLOW, *tm unchanged, if the
 * normalised year does not fit in tm_year.
 */
time_t timegm(struct tm *tm)
{
	long long year = tm->tm_year + 1900LL + floor_div(tm->tm_mon, 12);
	int month = (int)floor_mod(tm->tm_mon, 12);
	long long days = days_before_year(year) - EPOCH_DAYS + days_before_month(year, month) +
			 tm->tm_mday - 1;
	/* At most about 2^31 * 366 days: no overflow in seconds either. */
	time_t t = days * SECS_PER_DAY + tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
	struct tm out;
	if (!gmtime_r(&t, &out))
		return (time_t)-1;
	*tm = out;
	return t;
}

/* mktime: timegm (local time is UTC; tm_isdst is ignored, and set to 0). */
time_t mktime(struct tm *tm)
{
	return timegm(tm);
}

/* difftime: t1 - t0 in seconds. */
double difftime(time_t t1, time_t t0)
{
	time_t d;
	if (!__builtin_sub_overflow(t1, t0, &d))
		return (double)d;
	return (double)t1 - (double)t0;
}

/* ---- strftime ---------------------------------------------------------- */

static const char *const day_names[7] = { "Sunday",   "Monday", "Tuesday", "Wednesday",
					  "Thursday", "Friday", "Saturday" };
static const char *const month_names[12] = { "January", "February", "March",     "April",
					     "May",     "June",     "July",      "August",
					     "September", "October", "November", "December" };

/* The output of strftime so far: s[0..len), room for max bytes in all. */
struct out {
	char *s;
	size_t max, len;
	int full; /* some byte did not fit */
};

static void put_char(struct out *o, char c)
{
	if (o->len + 1 < o->max) /* one byte stays for the NUL */
		o->s[o->len++] = c;
	else
		o->full = 1;
}

/* put_str: n bytes of str (all of it if n is -1). */
static void put_str(struct out *o, const char *str, int n)
{
	for (int i = 0; str[i] && (n < 0 || i < n); i++)
		put_char(o, str[i]);
}

/* put_num: v in decimal, a '-' first if negative, then at least width
 * digits padded on the left with pad ('0' or ' '). */
static void put_num(struct out *o, long long v, int width, char pad)
{
	char digits[24];
	int n = 0;
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		put_char(o, '-');
	for (int i = n; i < width; i++)
		put_char(o, pad);
	while (n)
		put_char(o, digits[--n]);
}

/* name: table[i], or "?" if i is out of its range (a bad struct tm). */
static const char *name(const char *const *table, int n, int i)
{
	return i >= 0 && i < n ? table[i] : "?";
}

/* iso_week: the ISO 8601 week (1-53) of the day in *tm, and in *iso_year
 * the year it belongs to. Weeks start on Monday; week 1 is the one with
 * the year's first Thursday, so up to three days of January can be in
 * the last week of the year before, and of December in week 1 after. */
static int iso_week(const struct tm *tm, long long *iso_year)
{
	long long year = tm->tm_year + 1900LL;
	int wday = (int)floor_mod(tm->tm_wday + 6, 7); /* Monday 0 .. Sunday 6 */
	int week = (tm->tm_yday - wday + 10) / 7; /* Thursday's week */
	/* weeks_in(y): 53 if y starts on a Thursday, or on a Wednesday in a
	 * leap year; else 52. jan1: weekday (Monday 0) of this January 1. */
	int jan1 = (int)floor_mod(wday - tm->tm_yday, 7);
	*iso_year = year;
	if (week < 1) {
		int prev_jan1 = (int)floor_mod(jan1 - (is_leap(year - 1) ? 366 : 365), 7);
		*iso_year = year - 1;
		return prev_jan1 == 3 || (prev_jan1 == 2 && is_leap(year - 1)) ? 53 : 52;
	}
	int weeks = jan1 == 3 || (jan1 == 2 && is_leap(year)) ? 53 : 52;
	if (week > weeks) {
		*iso_year = year + 1;
		return 1;
	}
	return week;
}

/* format: the conversions of fmt into o (strftime without its result). */
static void format(struct out *o, const char *fmt, const struct tm *tm)
{
	long long year = tm->tm_year + 1900LL, iso_year;
	int hour12 = tm->tm_hour % 12 == 0 ? 12 : tm->tm_hour % 12;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put_char(o, *fmt);
			continue;
		}
		const char *conv = fmt++;
		if (*fmt == 'E' || *fmt == 'O') /* the C locale has no alternatives */
			fmt++;
		switch (*fmt) {
		case 'a': put_str(o, name(day_names, 7, tm->tm_wday), 3); break;
		case 'A': put_str(o, name(day_names, 7, tm->tm_wday), -1); break;
		case 'b':
		case 'h': put_str(o, name(month_names, 12, tm->tm_mon), 3); break;
		case 'B': put_str(o, name(month_names, 12, tm->tm_mon), -1); break;
		case 'c': format(o, "%a %b %e %H:%M:%S %Y", tm); break;
		case 'C': put_num(o, floor_div(year, 100), 2, '0'); break;
		case 'd': put_num(o, tm->tm_mday, 2, '0'); break;
		case 'D':
		case 'x': format(o, "%m/%d/%y", tm); break;
		case 'e': put_num(o, tm->tm_mday, 2, ' '); break;
		case 'F': format(o, "%Y-%m-%d", tm); break;
		case 'g': iso_week(tm, &iso_year); put_num(o, floor_mod(iso_year, 100), 2, '0'); break;
		case 'G': iso_week(tm, &iso_year); put_num(o, iso_year, 1, '0'); break;
		case 'H': put_num(o, tm->tm_hour, 2, '0'); break;
		case 'I': put_num(o, hour12, 2, '0'); break;
		case 'j': put_num(o, tm->tm_yday + 1, 3, '0'); break;
		case 'm': put_num(o, tm->tm_mon + 1, 2, '0'); break;
		case 'M': put_num(o, tm->tm_min, 2, '0'); break;
		case 'n': put_char(o, '\n'); break;
		case 'p': put_str(o, tm->tm_hour < 12 ? "AM" : "PM", -1); break;
		case 'r': format(o, "%I:%M:%S %p", tm); break;
		case 'R': format(o, "%H:%M", tm); break;
		case 'S': put_num(o, tm->tm_sec, 2, '0'); break;
		case 't': put_char(o, '\t'); break;
		case 'T':
		case 'X': format(o, "%H:%M:%S", tm); break;
		case 'u': put_num(o, tm->tm_wday == 0 ? 7 : tm->tm_wday, 1, '0'); break;
		case 'U': put_num(o, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, '0'); break;
		case 'V': put_num(o, iso_week(tm, &iso_year), 2, '0'); break;
		case 'w': put_num(o, tm->tm_wday, 1, '0'); break;
		case 'W': put_num(o, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2, '0'); break;
		case 'y': put_num(o, floor_mod(year, 100), 2, '0'); break;
		case 'Y': put_num(o, year, 1, '0'); break;
		case 'z': put_str(o, "+0000", -1); break;
		case 'Z': put_str(o, "UTC", -1); break;
		case '%': put_char(o, '%'); break;
		default: /* unknown: copied as it is */
			if (!*fmt)
				fmt--; /* a '%' at the very end */
			put_str(o, conv, (int)(fmt - conv + 1));
			break;
		}
	}
}

/*
 * strftime: fmt with its conversions replaced by fields of *tm, C locale
 * (C11 7.27.3.5; the list is in format() above, E and O modifiers are
 * accepted and ignored). Writes at most max bytes to s, the NUL included;
 * returns the length written without the NUL, or 0 if it did not fit
 * (s's contents are then indeterminate).
 *
 * %Y and %G print the year as it is, with no padding ("36", "-1199");
 * %C, %y and %g divide it rounding down (year -1199: %C "-12", %y "01").
 */
size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
		const struct tm *restrict tm)
{
	struct out o = { s, max, 0, 0 };
	format(&o, fmt, tm);
	if (o.full || max == 0)
		return 0;
	s[o.len] = '\0';
	return o.len;
}

/* asctime: *tm as "Sun Sep 16 01:03:52 1973\n" in a static buffer
 * (overwritten by each call, and by ctime). */
char *asctime(const struct tm *tm)
{
	static char buf[64];
	strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y\n", tm);
	return buf;
}

/* ctime: asctime(localtime(t)), or NULL if the year is too large. */
char *ctime(const time_t *t)
{
	struct tm tm;
	return localtime_r(t, &tm) ? asctime(&tm) : NULL;
}
