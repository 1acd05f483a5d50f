/*
 * test_libc2.c: EriX's C library, second part (user/libc: setjmp.c,
 * time.c, env.c, atexit.c, and rand, strdup and strndup), against the
 * host's C library or a model, on random inputs.
 *
 * The library is linked in with every name prefixed lc_ (grader/Makefrag);
 * its struct tm has only C's nine fields, so the tests copy field by field
 * between it and the host's. The host's time zone is set to UTC (TZ=UTC0),
 * EriX's only one, so that its localtime and mktime are comparable.
 *
 *  - setjmp/longjmp: the values setjmp returns (0 becomes 1), many jumps
 *    to one buffer, nested buffers, jumps out of deep recursion, and the
 *    callee-saved registers (an assembly caller that checks them);
 *  - gmtime, localtime: the host's gmtime for random times within
 *    +-10^11 s (years -1199 to 5138) and around leap days and the epoch;
 *  - timegm, mktime: the host's timegm and mktime on random fields, most
 *    far out of range, both the result and the normalised fields;
 *  - strftime: the host's for every supported conversion (and all at once)
 *    on random times, and with buffers one byte short; asctime, ctime;
 *  - strdup, strndup: copies of random strings, strndup of unterminated
 *    buffers (AddressSanitizer catches a read past n);
 *  - rand: the C standard's example generator, computed here;
 *  - getenv, setenv, unsetenv, putenv: random operations against a model
 *    of the environment; atexit: order and the limit of 32.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unit.h"

Suite *libc2_suite(void);

/* ---- the library under test (user/libc, renamed) ---------------------- */

extern int lc_errno;

typedef unsigned long lc_jmp_buf[8];
extern __attribute__((returns_twice)) int lc_setjmp(lc_jmp_buf env);
extern _Noreturn void lc_longjmp(lc_jmp_buf env, int value);

struct lc_tm {
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
};
typedef long long lc_time_t;
extern struct lc_tm *lc_gmtime(const lc_time_t *);
extern struct lc_tm *lc_gmtime_r(const lc_time_t *, struct lc_tm *);
extern struct lc_tm *lc_localtime(const lc_time_t *);
extern struct lc_tm *lc_localtime_r(const lc_time_t *, struct lc_tm *);
extern lc_time_t lc_timegm(struct lc_tm *);
extern lc_time_t lc_mktime(struct lc_tm *);
extern double lc_difftime(lc_time_t, lc_time_t);
extern size_t lc_strftime(char *, size_t, const char *, const struct lc_tm *);
extern char *lc_asctime(const struct lc_tm *);
extern char *lc_ctime(const lc_time_t *);

extern void lc_free(void *);
extern char *lc_strdup(const char *);
extern char *lc_strndup(const char *, size_t);
extern int lc_rand(void);
extern void lc_srand(unsigned);

extern char **lc_environ;
extern char *lc_getenv(const char *);
extern int lc_setenv(const char *, const char *, int);
extern int lc_unsetenv(const char *);
extern int lc_putenv(char *);
extern int lc_atexit(void (*)(void));
extern void lc___libc_run_atexit(void);

/* ---- random inputs ------------------------------------------------------ */

#define ROUNDS 8

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint64_t rnd(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return rng;
}

/* seed: a different sequence for each round of a loop test. */
static void seed(int round)
{
	rng = 0x2545f4914f6cdd1dull ^ ((uint64_t)(round + 1) * 0x9e3779b97f4a7c15ull);
}

static size_t below(size_t n)
{
	return (size_t)(rnd() % n);
}

/* between: a random number in [lo, hi]. */
static long long between(long long lo, long long hi)
{
	return lo + (long long)(rnd() % (uint64_t)(hi - lo + 1));
}

/* utc: the host in EriX's time zone. */
static void utc(void)
{
	setenv("TZ", "UTC0", 1);
	tzset();
}

/* ---- setjmp and longjmp ------------------------------------------------ */

START_TEST(test_setjmp_values)
{
	static const int values[] = { 1, 2, -1, 42, INT_MAX, INT_MIN, 0 };
	for (volatile size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		lc_jmp_buf env;
		volatile int calls = 0;
		int r = lc_setjmp(env);
		if (r == 0) {
			calls++;
			lc_longjmp(env, values[i]);
		}
		int want = values[i] ? values[i] : 1;
		EXPECT(r == want && calls == 1, "longjmp(env, %d): setjmp returned %d (calls %d)",
		       values[i], r, calls);
	}

	/* Many jumps to one buffer, each from a further call. */
	lc_jmp_buf env;
	volatile int count = 0;
	int r = lc_setjmp(env);
	EXPECT(r == count, "jump %d: setjmp returned %d", count, r);
	if (count < 1000) {
		count++;
		lc_longjmp(env, count);
	}
}
END_TEST

static lc_jmp_buf outer, inner;

/* nested_inner: sets inner, jumps to it, then out to outer. */
static void nested_inner(volatile int *steps)
{
	int r = lc_setjmp(inner);
	if (r == 0) {
		*steps = *steps * 10 + 1;
		lc_longjmp(inner, 5);
	}
	EXPECT(r == 5, "inner setjmp returned %d", r);
	*steps = *steps * 10 + 2;
	lc_longjmp(outer, 9);
}

START_TEST(test_setjmp_nested)
{
	volatile int steps = 0;
	int r = lc_setjmp(outer);
	if (r == 0) {
		nested_inner(&steps);
		ck_abort_msg("nested_inner returned");
	}
	EXPECT(r == 9 && steps == 12, "outer setjmp returned %d, steps %d", r, steps);
}
END_TEST

static lc_jmp_buf deep_env;

/* recurse: depth frames with a buffer each, then a jump out of them all. */
static int recurse(int depth, int total)
{
	volatile char frame[64];
	frame[depth % 64] = (char)depth;
	if (depth == 0) {
		if (total >= 0)
			lc_longjmp(deep_env, total);
		return 0;
	}
	return recurse(depth - 1, total) + frame[depth % 64];
}

START_TEST(test_setjmp_deep)
{
	static const int depths[] = { 0, 1, 10, 1000, 10000 };
	for (volatile size_t i = 0; i < sizeof depths / sizeof depths[0]; i++) {
		volatile int d = depths[i];
		int r = lc_setjmp(deep_env);
		if (r == 0) {
			recurse(d, d + 100);
			ck_abort_msg("recurse returned");
		}
		EXPECT(r == d + 100, "jump out of %d frames: setjmp returned %d", d, r);
	}
}
END_TEST

/* regs_survive(env): loads rbx, rbp, r12-r15 with patterns, calls
 * lc_setjmp(env), zeroes them and calls lc_longjmp(env, 7); when setjmp
 * returns again, 1 if it returned 7 and all six registers hold their
 * patterns, else 0. */
int regs_survive(lc_jmp_buf env);
__asm__(".text\n"
	".globl regs_survive\n"
	".type regs_survive, @function\n"
	"regs_survive:\n"
	"	pushq %rbp\n	pushq %rbx\n	pushq %r12\n	pushq %r13\n"
	"	pushq %r14\n	pushq %r15\n"
	"	subq $8, %rsp\n" /* env, and rsp 16-aligned at the calls */
	"	movq %rdi, (%rsp)\n"
	"	movabsq $0x1111111111111111, %rbx\n"
	"	movabsq $0x2222222222222222, %rbp\n"
	"	movabsq $0x3333333333333333, %r12\n"
	"	movabsq $0x4444444444444444, %r13\n"
	"	movabsq $0x5555555555555555, %r14\n"
	"	movabsq $0x6666666666666666, %r15\n"
	"	call lc_setjmp@PLT\n"
	"	testl %eax, %eax\n"
	"	jnz 1f\n"
	"	xorl %ebx, %ebx\n	xorl %ebp, %ebp\n	xorl %r12d, %r12d\n"
	"	xorl %r13d, %r13d\n	xorl %r14d, %r14d\n	xorl %r15d, %r15d\n"
	"	movq (%rsp), %rdi\n"
	"	movl $7, %esi\n"
	"	call lc_longjmp@PLT\n"
	"1:	cmpl $7, %eax\n	jne 2f\n"
	"	movabsq $0x1111111111111111, %rdx\n	cmpq %rdx, %rbx\n	jne 2f\n"
	"	movabsq $0x2222222222222222, %rdx\n	cmpq %rdx, %rbp\n	jne 2f\n"
	"	movabsq $0x3333333333333333, %rdx\n	cmpq %rdx, %r12\n	jne 2f\n"
	"	movabsq $0x4444444444444444, %rdx\n	cmpq %rdx, %r13\n	jne 2f\n"
	"	movabsq $0x5555555555555555, %rdx\n	cmpq %rdx, %r14\n	jne 2f\n"
	"	movabsq $0x6666666666666666, %rdx\n	cmpq %rdx, %r15\n	jne 2f\n"
	"	movl $1, %eax\n	jmp 3f\n"
	"2:	xorl %eax, %eax\n"
	"3:	addq $8, %rsp\n"
	"	popq %r15\n	popq %r14\n	popq %r13\n	popq %r12\n	popq %rbx\n	popq %rbp\n"
	"	ret\n"
	".size regs_survive, . - regs_survive\n");

START_TEST(test_setjmp_registers)
{
	lc_jmp_buf env;
	EXPECT(regs_survive(env) == 1, "callee-saved registers lost by longjmp");
}
END_TEST

/* ---- gmtime, timegm, mktime --------------------------------------------- */

static void to_lc(struct lc_tm *l, const struct tm *h)
{
	*l = (struct lc_tm){ h->tm_sec,  h->tm_min,  h->tm_hour, h->tm_mday, h->tm_mon,
			     h->tm_year, h->tm_wday, h->tm_yday, h->tm_isdst };
}

/* same_tm: 1 if the nine fields agree; text: them, for messages. */
static int same_tm(const struct lc_tm *l, const struct tm *h)
{
	struct lc_tm hl;
	to_lc(&hl, h);
	return !memcmp(l, &hl, sizeof hl);
}

static const char *tm_text(const struct lc_tm *l)
{
	static char buf[2][160];
	static int which;
	which ^= 1;
	snprintf(buf[which], sizeof buf[which], "{sec %d min %d hour %d mday %d mon %d year %d wday %d yday %d isdst %d}",
		 l->tm_sec, l->tm_min, l->tm_hour, l->tm_mday, l->tm_mon, l->tm_year, l->tm_wday,
		 l->tm_yday, l->tm_isdst);
	return buf[which];
}

/* rand_time: within +-10^11 s, often near the epoch or a day's edge. */
static lc_time_t rand_time(void)
{
	switch (below(4)) {
	case 0: return between(-100000, 100000);
	case 1: return between(-1157000, 1157000) * 86400 + between(-2, 2);
	default: return between(-100000000000LL, 100000000000LL);
	}
}

START_TEST(test_gmtime)
{
	seed(_i);
	utc();
	for (int k = 0; k < 20000; k++) {
		lc_time_t t = rand_time();
		time_t ht = (time_t)t;
		struct tm h;
		struct lc_tm l;
		EXPECT(gmtime_r(&ht, &h), "host gmtime(%lld)", t);
		EXPECT(lc_gmtime_r(&t, &l) == &l, "gmtime_r(%lld) failed", t);
		struct lc_tm hl;
		to_lc(&hl, &h);
		EXPECT(same_tm(&l, &h), "gmtime(%lld): %s, host %s", t, tm_text(&l), tm_text(&hl));
		struct lc_tm *p = lc_gmtime(&t);
		EXPECT(p && same_tm(p, &h), "gmtime(%lld) differs from gmtime_r", t);
		p = lc_localtime(&t);
		EXPECT(p && same_tm(p, &h), "localtime(%lld) differs from gmtime", t);
		EXPECT(lc_localtime_r(&t, &l) == &l && same_tm(&l, &h), "localtime_r(%lld)", t);
		lc_time_t u = between(-100000000000LL, 100000000000LL);
		EXPECT(lc_difftime(t, u) == (double)(t - u), "difftime(%lld, %lld)", t, u);
	}
	lc_time_t huge = LLONG_MAX;
	struct lc_tm l;
	lc_errno = 0;
	EXPECT(!lc_gmtime_r(&huge, &l) && lc_errno == EOVERFLOW, "gmtime(LLONG_MAX) did not fail");
}
END_TEST

/* field: a random value for a field whose range is [lo, hi]: in it, at
 * its edges, or far out of it. */
static int field(int lo, int hi, int far)
{
	switch (below(4)) {
	case 0: return (int)between(lo, hi);
	case 1: return below(2) ? lo - (int)below(2) : hi + (int)below(2);
	default: return (int)between(lo - far, hi + far);
	}
}

START_TEST(test_timegm)
{
	seed(_i);
	utc();
	for (int k = 0; k < 20000; k++) {
		struct tm h = { 0 };
		h.tm_sec = field(0, 60, 1000000);
		h.tm_min = field(0, 59, 100000);
		h.tm_hour = field(0, 23, 10000);
		h.tm_mday = field(1, 31, 10000);
		h.tm_mon = field(0, 11, 1000);
		h.tm_year = (int)between(-1000, 5000) - 1900;
		h.tm_wday = (int)between(-100, 100); /* ignored */
		h.tm_yday = (int)between(-100, 1000);
		h.tm_isdst = below(2) ? 0 : -1;
		int use_mktime = (int)below(2);
		struct lc_tm l, in;
		to_lc(&l, &h);
		in = l;
		time_t ht = use_mktime ? mktime(&h) : timegm(&h);
		lc_time_t lt = use_mktime ? lc_mktime(&l) : lc_timegm(&l);
		struct lc_tm hl;
		to_lc(&hl, &h);
		EXPECT(lt == (lc_time_t)ht && same_tm(&l, &h), "%s(%s): %lld %s, host %lld %s",
		       use_mktime ? "mktime" : "timegm", tm_text(&in), lt, tm_text(&l),
		       (long long)ht, tm_text(&hl));
	}

	/* A year past INT_MAX: -1, EOVERFLOW, the fields as they were. */
	struct lc_tm l = { 0, 0, 0, 1, 12, INT_MAX, 0, 0, 0 }, in = l;
	lc_errno = 0;
	EXPECT(lc_timegm(&l) == -1 && lc_errno == EOVERFLOW && !memcmp(&l, &in, sizeof l),
	       "timegm of year INT_MAX + 1901: %s, errno %d", tm_text(&l), lc_errno);
}
END_TEST

/* ---- strftime, asctime, ctime ------------------------------------------ */

static const char *const conversions[] = {
	"%a", "%A", "%b", "%B", "%c", "%C", "%d", "%D", "%e", "%F", "%g", "%G", "%h",
	"%H", "%I", "%j", "%m", "%M", "%n", "%p", "%r", "%R", "%S", "%t", "%T", "%u",
	"%U", "%V", "%w", "%W", "%x", "%X", "%y", "%Y", "%z", "%Z", "%%", "%Ey", "%Od",
};
#define NCONV (sizeof conversions / sizeof conversions[0])

/* year_dependent: the conversions whose text the host writes differently
 * below year 1000 (glibc's %C is not padded there). */
static int year_dependent(const char *conv)
{
	return !strcmp(conv, "%C");
}

/* check_strftime: fmt on tm, ours and the host's, in a large buffer and
 * in buffers exactly big enough and one byte short. */
static void check_strftime(const char *fmt, const struct tm *h)
{
	char want[512], got[512];
	struct lc_tm l;
	to_lc(&l, h);
	size_t hn = strftime(want, sizeof want, fmt, h);
	size_t ln = lc_strftime(got, sizeof got, fmt, &l);
	EXPECT(ln == hn && !strcmp(got, want), "strftime(\"%s\", %s): \"%s\" (%zu), host \"%s\" (%zu)",
	       fmt, tm_text(&l), ln == 0 ? "" : got, ln, want, hn);
	if (hn == 0)
		return;
	char *exact = malloc(hn + 1);
	EXPECT(lc_strftime(exact, hn + 1, fmt, &l) == hn && !strcmp(exact, want),
	       "strftime(\"%s\") into %zu bytes", fmt, hn + 1);
	free(exact);
	char *shortb = malloc(hn);
	EXPECT(lc_strftime(shortb, hn, fmt, &l) == 0, "strftime(\"%s\") into %zu bytes: not 0",
	       fmt, hn);
	free(shortb);
}

START_TEST(test_strftime)
{
	seed(_i);
	utc();
	char all[NCONV * 5 + 1] = "";
	for (size_t c = 0; c < NCONV; c++)
		if (!year_dependent(conversions[c]))
			strcat(strcat(all, conversions[c]), "|");
	for (int k = 0; k < 3000; k++) {
		time_t t = (time_t)rand_time();
		struct tm h;
		EXPECT(localtime_r(&t, &h), "host localtime(%lld)", (long long)t);
		int ordinary = h.tm_year + 1900 >= 1000 && h.tm_year + 1900 <= 9999;
		for (size_t c = 0; c < NCONV; c++)
			if (ordinary || !year_dependent(conversions[c]))
				check_strftime(conversions[c], &h);
		check_strftime(all, &h);
		check_strftime("text %% %Y-%m-%dT%H:%M:%S%z %Z, week %U/%W/%V", &h);
		if (ordinary) {
			struct lc_tm l;
			char want[64];
			to_lc(&l, &h);
			EXPECT(!strcmp(lc_asctime(&l), asctime_r(&h, want)), "asctime: \"%s\", host \"%s\"",
			       lc_asctime(&l), want);
			lc_time_t lt = t;
			EXPECT(!strcmp(lc_ctime(&lt), want), "ctime(%lld): \"%s\", host \"%s\"",
			       (long long)t, lc_ctime(&lt), want);
		}
	}
	struct tm h;
	time_t t = 0;
	localtime_r(&t, &h);
	check_strftime("", &h);
	char b[4] = "xyz";
	struct lc_tm l;
	to_lc(&l, &h);
	EXPECT(lc_strftime(b, 0, "%Y", &l) == 0 && !strcmp(b, "xyz"), "strftime into 0 bytes wrote");
}
END_TEST

/* ---- strdup, strndup, rand ---------------------------------------------- */

START_TEST(test_strdup)
{
	seed(_i);
	for (int k = 0; k < 2000; k++) {
		size_t len = below(8) == 0 ? 0 : below(300);
		char *src = malloc(len + 1);
		for (size_t j = 0; j < len; j++)
			src[j] = (char)(1 + below(255));
		src[len] = '\0';
		char *d = lc_strdup(src);
		EXPECT(d && !strcmp(d, src), "strdup of %zu bytes", len);
		lc_free(d);

		size_t n = below(len + 10);
		d = lc_strndup(src, n);
		size_t want = n < len ? n : len;
		EXPECT(d && strlen(d) == want && !memcmp(d, src, want), "strndup(%zu of %zu)", n, len);
		lc_free(d);

		/* n bytes with no NUL among them: strndup must read no further. */
		char *raw = malloc(len ? len : 1);
		memcpy(raw, src, len);
		d = lc_strndup(raw, len);
		EXPECT(d && strlen(d) == len && !memcmp(d, src, len), "strndup of unterminated %zu", len);
		lc_free(d);
		free(raw);
		free(src);
	}
}
END_TEST

/* model_rand: C11 7.22.2.2's example, which rand documents it follows. */
static unsigned long model_next = 1;
static int model_rand(void)
{
	model_next = model_next * 1103515245 + 12345;
	return (int)((unsigned)(model_next / 65536) % 32768);
}

START_TEST(test_rand)
{
	/* No srand: the sequence of seed 1, whose first number is 16838. */
	int first = lc_rand();
	EXPECT(first == 16838, "first rand() without srand: %d", first);
	model_next = 1;
	model_rand();
	for (int k = 0; k < 10000; k++) {
		int got = lc_rand(), want = model_rand();
		EXPECT(got == want, "rand #%d of seed 1: %d, want %d", k + 2, got, want);
	}
	seed(0);
	for (int s = 0; s < 50; s++) {
		unsigned sd = s < 3 ? (unsigned)s : (unsigned)rnd();
		lc_srand(sd);
		model_next = sd;
		for (int k = 0; k < 1000; k++) {
			int got = lc_rand(), want = model_rand();
			EXPECT(got == want && got >= 0 && got <= 32767, "rand #%d of seed %u: %d, want %d",
			       k + 1, sd, got, want);
		}
	}
}
END_TEST

/* ---- the environment, atexit -------------------------------------------- */

/* The model: the value of each name (NULL: unset). Names that are
 * prefixes of each other, so that a match of a prefix is caught. */
static const char *const env_names[] = { "A", "AB", "ABC", "B", "PATH", "PATH_X", "X_1" };
#define NNAMES (sizeof env_names / sizeof env_names[0])

static void check_env(char *const model[NNAMES], const char *after)
{
	size_t set = 0;
	for (size_t i = 0; i < NNAMES; i++) {
		const char *got = lc_getenv(env_names[i]);
		EXPECT(!got == !model[i] && (!got || !strcmp(got, model[i])),
		       "after %s: getenv(\"%s\") \"%s\", model \"%s\"", after, env_names[i],
		       got ? got : "(null)", model[i] ? model[i] : "(null)");
		set += model[i] != NULL;
	}
	size_t n = 0;
	while (lc_environ[n])
		n++;
	EXPECT(n == set, "after %s: %zu strings in environ, model %zu", after, n, set);
}

START_TEST(test_env)
{
	seed(_i);
	static char init_a[] = "A=init", init_path[] = "PATH=/bin:/usr/bin";
	static char *initial[] = { init_a, init_path, NULL };
	char *model[NNAMES] = { "init", NULL, NULL, NULL, "/bin:/usr/bin", NULL, NULL };
	char values[NNAMES][32]; /* the model's copies of setenv's values */
	char *kept[2000];         /* putenv's strings, alive until the end */
	size_t nkept = 0;
	char what[96];

	lc_environ = initial;
	check_env(model, "start");
	for (int k = 0; k < 2000; k++) {
		size_t i = below(NNAMES);
		const char *name = env_names[i];
		switch (below(4)) {
		case 0:
		case 1: {
			char value[32];
			snprintf(value, sizeof value, below(4) ? "v%d" : "", k);
			int overwrite = (int)below(3) != 0;
			snprintf(what, sizeof what, "setenv(%s, %s, %d)", name, value, overwrite);
			EXPECT(lc_setenv(name, value, overwrite) == 0, "%s failed", what);
			if (!model[i] || overwrite) {
				strcpy(values[i], value);
				model[i] = values[i];
			}
			break;
		}
		case 2:
			snprintf(what, sizeof what, "unsetenv(%s)", name);
			EXPECT(lc_unsetenv(name) == 0, "%s failed", what);
			model[i] = NULL;
			break;
		default: {
			char *s = malloc(48);
			snprintf(s, 48, "%s=p%d", name, k);
			snprintf(what, sizeof what, "putenv(%s)", s);
			EXPECT(lc_putenv(s) == 0, "%s failed", what);
			kept[nkept++] = s;
			model[i] = s + strlen(name) + 1;
			break;
		}
		}
		check_env(model, what);
	}

	/* A putenv string is the variable: changing it changes the value. */
	char *s = malloc(16);
	strcpy(s, "B=before");
	kept[nkept++] = s;
	lc_putenv(s);
	strcpy(s, "B=after");
	EXPECT(lc_getenv("B") && !strcmp(lc_getenv("B"), "after"), "putenv string not used itself");

	/* Names that are none. */
	static const char *const bad[] = { "", "A=B", "=" };
	for (size_t b = 0; b < 3; b++) {
		lc_errno = 0;
		EXPECT(lc_setenv(bad[b], "x", 1) == -1 && lc_errno == EINVAL, "setenv(\"%s\")", bad[b]);
		lc_errno = 0;
		EXPECT(lc_unsetenv(bad[b]) == -1 && lc_errno == EINVAL, "unsetenv(\"%s\")", bad[b]);
		EXPECT(lc_getenv(bad[b]) == NULL, "getenv(\"%s\") found", bad[b]);
	}
	static char noeq[] = "NOEQ", empty_name[] = "=x";
	EXPECT(lc_putenv(noeq) == -1 && lc_putenv(empty_name) == -1, "putenv of no name accepted");

	for (size_t i = 0; i < NNAMES; i++)
		lc_unsetenv(env_names[i]);
	EXPECT(lc_environ[0] == NULL, "environ not empty after unsetting all");
	for (size_t j = 0; j < nkept; j++)
		free(kept[j]);
}
END_TEST

static char order[40];
static size_t norder;
static void h1(void) { order[norder++] = '1'; }
static void h2(void) { order[norder++] = '2'; }
static void h3(void)
{
	order[norder++] = '3';
	lc_atexit(h1); /* registered while running: runs next */
}

START_TEST(test_atexit)
{
	EXPECT(lc_atexit(h1) == 0 && lc_atexit(h2) == 0 && lc_atexit(h3) == 0, "atexit failed");
	lc___libc_run_atexit();
	EXPECT(norder == 4 && !memcmp(order, "3121", 4), "atexit order \"%.*s\", want \"3121\"",
	       (int)norder, order);
	lc___libc_run_atexit();
	EXPECT(norder == 4, "handlers ran twice");

	norder = 0;
	for (int k = 0; k < 32; k++)
		EXPECT(lc_atexit(h2) == 0, "atexit #%d of 32 failed", k + 1);
	EXPECT(lc_atexit(h2) != 0, "a 33rd atexit accepted");
	lc___libc_run_atexit();
	EXPECT(norder == 32, "%zu handlers ran, want 32", norder);
}
END_TEST

Suite *libc2_suite(void)
{
	Suite *s = suite_create("libc2");
	TCase *tc = tcase_create("setjmp");
	tcase_add_test(tc, test_setjmp_values);
	tcase_add_test(tc, test_setjmp_nested);
	tcase_add_test(tc, test_setjmp_deep);
	tcase_add_test(tc, test_setjmp_registers);
	suite_add_tcase(s, tc);

	tc = tcase_create("time");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_gmtime, 0, ROUNDS);
	tcase_add_loop_test(tc, test_timegm, 0, ROUNDS);
	tcase_add_loop_test(tc, test_strftime, 0, ROUNDS);
	suite_add_tcase(s, tc);

	tc = tcase_create("stdlib");
	tcase_add_loop_test(tc, test_strdup, 0, ROUNDS);
	tcase_add_test(tc, test_rand);
	tcase_add_loop_test(tc, test_env, 0, ROUNDS);
	tcase_add_test(tc, test_atexit);
	suite_add_tcase(s, tc);
	return s;
}
