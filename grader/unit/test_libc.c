/*
 * test_libc.c: EriX's C library (user/libc: string.c, ctype.c, errno.c,
 * stdlib.c) against the host's, function by function, on random inputs.
 *
 * The library is linked in with every name prefixed lc_ (grader/Makefrag),
 * so both are called in one program and must give the same results:
 *
 *  - memory and strings: random buffers and strings (empty, long, with
 *    bytes above 127, from a two-letter alphabet so that searches match),
 *    each at the very end of its own allocation, so that AddressSanitizer
 *    reports a read or write one byte past it; the same for destinations,
 *    sized exactly; comparisons by sign only;
 *  - strtok and strtok_r: sequences of calls with changing delimiters;
 *  - strerror: every number errno.h defines, 0, and unknown numbers;
 *  - ctype: every function for every int from EOF (-1) to 255;
 *  - strtol and company: every base, random text around numbers (space,
 *    signs, "0x", stray letters), every limit and its neighbours, invalid
 *    bases; the value, the end pointer and errno;
 *  - atoi and company, abs, div and company on random numbers;
 *  - qsort: the host's order on random arrays with duplicates, of several
 *    element sizes and shapes (sorted, reversed, equal, organ pipe), and
 *    McIlroy's adversary, each within a bound on comparator calls and with
 *    the comparator given only pointers to elements of the array;
 *  - bsearch: found iff the host finds, and an equal element.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

/* ---- the library under test (user/libc, renamed) ---------------------- */

extern int lc_errno;

extern void *lc_memcpy(void *, const void *, size_t);
extern void *lc_memmove(void *, const void *, size_t);
extern void *lc_memset(void *, int, size_t);
extern int lc_memcmp(const void *, const void *, size_t);
extern void *lc_memchr(const void *, int, size_t);
extern size_t lc_strlen(const char *);
extern size_t lc_strnlen(const char *, size_t);
extern char *lc_strcpy(char *, const char *);
extern char *lc_strncpy(char *, const char *, size_t);
extern char *lc_strcat(char *, const char *);
extern char *lc_strncat(char *, const char *, size_t);
extern int lc_strcmp(const char *, const char *);
extern int lc_strncmp(const char *, const char *, size_t);
extern int lc_strcoll(const char *, const char *);
extern size_t lc_strxfrm(char *, const char *, size_t);
extern char *lc_strchr(const char *, int);
extern char *lc_strrchr(const char *, int);
extern char *lc_strstr(const char *, const char *);
extern size_t lc_strspn(const char *, const char *);
extern size_t lc_strcspn(const char *, const char *);
extern char *lc_strpbrk(const char *, const char *);
extern char *lc_strtok(char *, const char *);
extern char *lc_strtok_r(char *, const char *, char **);
extern char *lc_strerror(int);

extern int lc_isalnum(int), lc_isalpha(int), lc_isblank(int), lc_iscntrl(int);
extern int lc_isdigit(int), lc_isgraph(int), lc_islower(int), lc_isprint(int);
extern int lc_ispunct(int), lc_isspace(int), lc_isupper(int), lc_isxdigit(int);
extern int lc_tolower(int), lc_toupper(int);

extern long lc_strtol(const char *, char **, int);
extern long long lc_strtoll(const char *, char **, int);
extern unsigned long lc_strtoul(const char *, char **, int);
extern unsigned long long lc_strtoull(const char *, char **, int);
extern int lc_atoi(const char *);
extern long lc_atol(const char *);
extern long long lc_atoll(const char *);
extern int lc_abs(int);
extern long lc_labs(long);
extern long long lc_llabs(long long);
extern div_t lc_div(int, int);
extern ldiv_t lc_ldiv(long, long);
extern lldiv_t lc_lldiv(long long, long long);
extern void lc_qsort(void *, size_t, size_t, int (*)(const void *, const void *));
extern void *lc_bsearch(const void *, const void *, size_t, size_t,
			int (*)(const void *, const void *));

/* ---- random inputs ------------------------------------------------------ */

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint64_t rnd(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return rng;
}

/* seed: a different sequence for each round of a loop test (Check forks
 * each test from the same state, so rounds would otherwise repeat). */
static void seed(int round)
{
	rng = 0x2545f4914f6cdd1dull ^ ((uint64_t)(round + 1) * 0x9e3779b97f4a7c15ull);
}

/* below: a random number in [0, n). */
static size_t below(size_t n)
{
	return (size_t)(rnd() % n);
}

/* rand_len: a string length: often 0 or short, sometimes long. */
static size_t rand_len(void)
{
	switch (below(8)) {
	case 0: return 0;
	case 1: return 1 + below(3);
	case 2: case 3: case 4: return below(32);
	case 5: case 6: return below(300);
	default: return below(4096);
	}
}

/* The kinds of byte in a random string: two letters (so that searches
 * and comparisons often match a long way), text, or any byte but NUL. */
enum alphabet { AB, TEXT, ANY };

static char rand_char(enum alphabet a)
{
	switch (a) {
	case AB: return (char)('a' + below(2));
	case TEXT: return (char)(' ' + below(95));
	default: return (char)(1 + below(255));
	}
}

static enum alphabet rand_alphabet(void)
{
	return (enum alphabet)below(3);
}

/* at_end: a copy of the len bytes at src at the end of an allocation of
 * exactly len bytes (one, unused, if len is 0), so that ASan reports any
 * access past them. */
static void *at_end(const void *src, size_t len)
{
	void *p = malloc(len ? len : 1);
	if (len)
		memcpy(p, src, len);
	return p;
}

/* new_str: a random string of len bytes of alphabet a, with its NUL the
 * last byte of its allocation. */
static char *new_str(size_t len, enum alphabet a)
{
	char *s = malloc(len + 1);
	for (size_t i = 0; i < len; i++)
		s[i] = rand_char(a);
	s[len] = 0;
	return s;
}

/* str_at_end: a copy of the string s, its NUL at the end of its allocation. */
static char *str_at_end(const char *s)
{
	return at_end(s, strlen(s) + 1);
}

/* new_bytes: len random bytes (any, NUL included) at the end of an allocation. */
static unsigned char *new_bytes(size_t len)
{
	unsigned char *p = malloc(len ? len : 1);
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)rnd();
	return p;
}

/* mutated: a copy of s, at the end of its allocation, changed at most one
 * way: the same, cut short, made longer, or one byte changed. */
static char *mutated(const char *s, enum alphabet a)
{
	size_t len = strlen(s);
	switch (below(4)) {
	case 0:
		return str_at_end(s);
	case 1: {
		size_t cut = below(len + 1);
		char *t = malloc(cut + 1);
		memcpy(t, s, cut);
		t[cut] = 0;
		return t;
	}
	case 2: {
		size_t more = 1 + below(8);
		char *t = malloc(len + more + 1);
		memcpy(t, s, len);
		for (size_t i = 0; i < more; i++)
			t[len + i] = rand_char(a);
		t[len + more] = 0;
		return t;
	}
	default: {
		char *t = str_at_end(s);
		if (len)
			t[below(len)] = rand_char(rnd() % 2 ? a : ANY);
		return t;
	}
	}
}

static int sign(long v)
{
	return (v > 0) - (v < 0);
}

/* offset: where p points into base, or -1 for NULL (for messages and
 * comparing results that point into different copies). */
static long offset(const void *p, const void *base)
{
	return p ? (long)((const char *)p - (const char *)base) : -1;
}

#define ROUNDS 8    /* each test's loop: rounds, each reported on its own */
#define CASES 400   /* random cases per round */

/* ---- memory --------------------------------------------------------------- */

START_TEST(test_memory)
{
	seed(_i);
	for (int k = 0; k < CASES; k++) {
		size_t n = rand_len();
		unsigned char *src = new_bytes(n);

		/* memcpy: into a destination of exactly n bytes. */
		unsigned char *d1 = new_bytes(n), *d2 = at_end(d1, n);
		EXPECT(lc_memcpy(d1, src, n) == d1, "memcpy: not dst (n %zu)", n);
		memcpy(d2, src, n);
		EXPECT(memcmp(d1, d2, n) == 0, "memcpy: wrong bytes (n %zu)", n);

		/* memset, with c of any int, only its low byte used. */
		int c = (int)below(700) - 350;
		size_t m = below(n + 1);
		EXPECT(lc_memset(d1, c, m) == d1, "memset: not s");
		memset(d2, c, m);
		EXPECT(memcmp(d1, d2, n) == 0, "memset(%d, %zu of %zu): wrong bytes", c, m, n);

		/* memcmp: against a copy with perhaps one byte changed. */
		unsigned char *t = at_end(src, n);
		if (n && below(2))
			t[below(n)] = (unsigned char)rnd();
		m = below(n + 1);
		EXPECT(sign(lc_memcmp(src, t, m)) == sign(memcmp(src, t, m)), "memcmp(n %zu): sign", m);
		EXPECT(sign(lc_memcmp(t, src, m)) == sign(memcmp(t, src, m)), "memcmp(n %zu): sign", m);

		/* memchr: for a byte of the buffer, or any int. */
		c = n && below(2) ? src[below(n)] : (int)below(258) - 1;
		EXPECT(offset(lc_memchr(src, c, m), src) == offset(memchr(src, c, m), src),
		       "memchr(%d, n %zu): %ld, host %ld", c, m, offset(lc_memchr(src, c, m), src),
		       offset(memchr(src, c, m), src));

		/* memmove: between overlapping parts of one buffer. */
		size_t from = below(n + 1), to = below(n + 1);
		size_t len = below(n + 1 - (from > to ? from : to));
		memcpy(t, src, n);
		EXPECT(lc_memmove(t + to, t + from, len) == t + to, "memmove: not dst");
		memmove(src + to, src + from, len);
		EXPECT(memcmp(t, src, n) == 0, "memmove(+%zu, +%zu, %zu): wrong bytes", to, from, len);

		free(src), free(d1), free(d2), free(t);
	}
}
END_TEST

/* ---- lengths and comparisons ------------------------------------------- */

START_TEST(test_length_compare)
{
	seed(_i);
	for (int k = 0; k < CASES; k++) {
		enum alphabet a = rand_alphabet();
		char *s = new_str(rand_len(), a), *t = mutated(s, a);
		size_t len = strlen(s);

		EXPECT(lc_strlen(s) == len, "strlen: %zu, want %zu", lc_strlen(s), len);
		size_t max = below(len + 5);
		EXPECT(lc_strnlen(s, max) == strnlen(s, max), "strnlen(len %zu, %zu)", len, max);
		/* strnlen must stop at maxlen: no NUL within these bytes. */
		char *raw = at_end(s, len);
		EXPECT(lc_strnlen(raw, len) == len, "strnlen(unterminated %zu)", len);

		EXPECT(sign(lc_strcmp(s, t)) == sign(strcmp(s, t)), "strcmp: sign (len %zu)", len);
		EXPECT(sign(lc_strcmp(t, s)) == sign(strcmp(t, s)), "strcmp: sign (len %zu)", len);
		EXPECT(sign(lc_strcoll(s, t)) == sign(strcoll(s, t)), "strcoll: sign");
		size_t n = below(len + 12);
		EXPECT(sign(lc_strncmp(s, t, n)) == sign(strncmp(s, t, n)), "strncmp(%zu): sign", n);
		EXPECT(sign(lc_strncmp(t, s, n)) == sign(strncmp(t, s, n)), "strncmp(%zu): sign", n);
		free(s), free(t), free(raw);
	}
}
END_TEST

/* ---- copies ------------------------------------------------------------- */

START_TEST(test_copy)
{
	seed(_i);
	for (int k = 0; k < CASES; k++) {
		enum alphabet a = rand_alphabet();
		char *s = new_str(rand_len(), a), *pre = new_str(rand_len() % 64, a);
		size_t ls = strlen(s), lp = strlen(pre);

		/* strcpy into exactly ls + 1 bytes. */
		char *d = (char *)new_bytes(ls + 1);
		EXPECT(lc_strcpy(d, s) == d && memcmp(d, s, ls + 1) == 0, "strcpy (len %zu)", ls);
		free(d);

		/* strncpy into exactly n bytes, padding included. */
		size_t n = below(ls + 12);
		char *d1 = (char *)new_bytes(n), *d2 = at_end(d1, n);
		EXPECT(lc_strncpy(d1, s, n) == d1, "strncpy: not dst");
		strncpy(d2, s, n);
		EXPECT(memcmp(d1, d2, n) == 0, "strncpy(len %zu, n %zu): wrong bytes", ls, n);
		free(d1), free(d2);

		/* strcat: pre then s, in exactly lp + ls + 1 bytes. */
		d1 = malloc(lp + ls + 1), d2 = malloc(lp + ls + 1);
		strcpy(d1, pre), strcpy(d2, pre);
		EXPECT(lc_strcat(d1, s) == d1, "strcat: not dst");
		strcat(d2, s);
		EXPECT(strcmp(d1, d2) == 0, "strcat(%zu + %zu): wrong bytes", lp, ls);
		free(d1), free(d2);

		/* strncat: at most n of s, which is unterminated if it is longer. */
		n = below(ls + 4);
		size_t add = n < ls ? n : ls;
		char *src = at_end(s, n <= ls ? n : ls + 1);
		d1 = malloc(lp + add + 1), d2 = malloc(lp + add + 1);
		strcpy(d1, pre), strcpy(d2, pre);
		EXPECT(lc_strncat(d1, src, n) == d1, "strncat: not dst");
		strncat(d2, src, n);
		EXPECT(strcmp(d1, d2) == 0, "strncat(%zu + %zu, n %zu): wrong bytes", lp, ls, n);
		free(d1), free(d2), free(src);

		/* strxfrm: dst of n bytes (NULL for 0); its bytes only if it fit. */
		n = below(ls + 3);
		d1 = n ? malloc(n) : NULL, d2 = n ? malloc(n) : NULL;
		size_t r = lc_strxfrm(d1, s, n), hr = strxfrm(d2, s, n);
		EXPECT(r == hr, "strxfrm(len %zu, n %zu): %zu, host %zu", ls, n, r, hr);
		if (r < n)
			EXPECT(strcmp(d1, d2) == 0, "strxfrm(len %zu, n %zu): wrong bytes", ls, n);
		free(d1), free(d2);
		free(s), free(pre);
	}
}
END_TEST

/* ---- searches ------------------------------------------------------------ */

/* rand_set: a short random set of bytes for strspn and company, perhaps empty. */
static char *rand_set(enum alphabet a)
{
	return new_str(below(5), below(4) ? a : ANY);
}

START_TEST(test_search)
{
	seed(_i);
	for (int k = 0; k < CASES; k++) {
		enum alphabet a = rand_alphabet();
		char *s = new_str(rand_len(), a);
		size_t len = strlen(s);

		/* strchr, strrchr: a byte of s, NUL, or any int. */
		int c;
		switch (below(3)) {
		case 0: c = len ? (unsigned char)s[below(len)] : 'a'; break;
		case 1: c = 0; break;
		default: c = (int)below(600) - 300; break;
		}
		EXPECT(offset(lc_strchr(s, c), s) == offset(strchr(s, c), s),
		       "strchr(len %zu, %d): %ld, host %ld", len, c, offset(lc_strchr(s, c), s),
		       offset(strchr(s, c), s));
		EXPECT(offset(lc_strrchr(s, c), s) == offset(strrchr(s, c), s),
		       "strrchr(len %zu, %d): %ld, host %ld", len, c, offset(lc_strrchr(s, c), s),
		       offset(strrchr(s, c), s));

		/* strstr: a piece of s (perhaps changed), or a random needle. */
		char *needle;
		if (below(2)) {
			size_t from = below(len + 1), n = below(len + 1 - from);
			char *piece = malloc(n + 1);
			memcpy(piece, s + from, n);
			piece[n] = 0;
			needle = mutated(piece, a);
			free(piece);
		} else {
			needle = new_str(below(6), a);
		}
		EXPECT(offset(lc_strstr(s, needle), s) == offset(strstr(s, needle), s),
		       "strstr(len %zu, needle len %zu): %ld, host %ld", len, strlen(needle),
		       offset(lc_strstr(s, needle), s), offset(strstr(s, needle), s));
		free(needle);

		char *set = rand_set(a);
		EXPECT(lc_strspn(s, set) == strspn(s, set), "strspn(len %zu): %zu, host %zu", len,
		       lc_strspn(s, set), strspn(s, set));
		EXPECT(lc_strcspn(s, set) == strcspn(s, set), "strcspn(len %zu): %zu, host %zu",
		       len, lc_strcspn(s, set), strcspn(s, set));
		EXPECT(offset(lc_strpbrk(s, set), s) == offset(strpbrk(s, set), s),
		       "strpbrk(len %zu): %ld, host %ld", len, offset(lc_strpbrk(s, set), s),
		       offset(strpbrk(s, set), s));
		free(set), free(s);
	}
}
END_TEST

/* ---- strtok, strtok_r ----------------------------------------------------- */

/* The delimiter sets of the sequences, one picked for each call. */
static const char *const delim_sets[] = { ",", " ", ",; ", "", "a", ";,", "\x80 " };

/* rand_tokens: a random string of tokens and separators. */
static char *rand_tokens(void)
{
	static const char pieces[] = "ab,; \x80";
	size_t len = below(4) ? below(40) : below(400);
	char *s = malloc(len + 1);
	for (size_t i = 0; i < len; i++)
		s[i] = pieces[below(sizeof(pieces) - 1)];
	s[len] = 0;
	return s;
}

START_TEST(test_strtok)
{
	seed(_i);
	for (int k = 0; k < CASES; k++) {
		char *src = rand_tokens();
		size_t len = strlen(src);
		char *h = str_at_end(src), *l = str_at_end(src);
		char *hr = str_at_end(src), *lr = str_at_end(src);
		char *hsave = NULL, *lsave = NULL;
		unsigned calls = 1 + (unsigned)below(25);

		for (unsigned i = 0; i < calls; i++) {
			const char *delim = delim_sets[below(sizeof(delim_sets) / sizeof(delim_sets[0]))];
			long want = offset(strtok(i ? NULL : h, delim), h);
			long got = offset(lc_strtok(i ? NULL : l, delim), l);
			EXPECT(got == want, "strtok(len %zu) call %u, delim \"%s\": %ld, host %ld", len,
			       i, delim, got, want);
			want = offset(strtok_r(i ? NULL : hr, delim, &hsave), hr);
			got = offset(lc_strtok_r(i ? NULL : lr, delim, &lsave), lr);
			EXPECT(got == want, "strtok_r(len %zu) call %u, delim \"%s\": %ld, host %ld",
			       len, i, delim, got, want);
		}
		EXPECT(memcmp(h, l, len + 1) == 0, "strtok(len %zu): string left different", len);
		EXPECT(memcmp(hr, lr, len + 1) == 0, "strtok_r(len %zu): string left different", len);
		free(src), free(h), free(l), free(hr), free(lr);
	}
}
END_TEST

/* ---- strerror ------------------------------------------------------------- */

/* Every number user/libc/include/errno.h defines (the host's names, the
 * same numbers), and some no one does. */
static const int errnos[] = {
	0, EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG, ENOEXEC, EBADF, ECHILD, EAGAIN,
	ENOMEM, EACCES, EFAULT, ENOTBLK, EBUSY, EEXIST, EXDEV, ENODEV, ENOTDIR, EISDIR, EINVAL,
	ENFILE, EMFILE, ENOTTY, ETXTBSY, EFBIG, ENOSPC, ESPIPE, EROFS, EMLINK, EPIPE, EDOM,
	ERANGE, EDEADLK, ENAMETOOLONG, ENOLCK, ENOSYS, ENOTEMPTY, ELOOP, ENOMSG, EIDRM, ENOSTR,
	ENODATA, ETIME, ENOSR, ENOLINK, EPROTO, EMULTIHOP, EBADMSG, EOVERFLOW, EILSEQ, ENOTSOCK,
	EDESTADDRREQ, EMSGSIZE, EPROTOTYPE, ENOPROTOOPT, EPROTONOSUPPORT, EOPNOTSUPP,
	EAFNOSUPPORT, EADDRINUSE, EADDRNOTAVAIL, ENETDOWN, ENETUNREACH, ENETRESET,
	ECONNABORTED, ECONNRESET, ENOBUFS, EISCONN, ENOTCONN, ETIMEDOUT, ECONNREFUSED,
	EHOSTUNREACH, EALREADY, EINPROGRESS, ESTALE, EDQUOT, ECANCELED, EOWNERDEAD,
	ENOTRECOVERABLE, EWOULDBLOCK, ENOTSUP, EDEADLOCK,
	-1, -134, 134, 200, 4095, 100000, INT_MAX, INT_MIN,
};

START_TEST(test_strerror)
{
	for (size_t i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++) {
		int e = errnos[i];
		char want[128];
		snprintf(want, sizeof(want), "%s", strerror(e));
		EXPECT(strcmp(lc_strerror(e), want) == 0, "strerror(%d): \"%s\", host \"%s\"", e,
		       lc_strerror(e), want);
	}
}
END_TEST

/* ---- ctype ------------------------------------------------------------------ */

static const struct ctype_case {
	const char *name;
	int (*lc)(int);
	int (*host)(int);
	int maps; /* tolower, toupper: the values must be equal, not just both true */
} ctype_cases[] = {
	{ "isalnum", lc_isalnum, isalnum, 0 },   { "isalpha", lc_isalpha, isalpha, 0 },
	{ "isblank", lc_isblank, isblank, 0 },   { "iscntrl", lc_iscntrl, iscntrl, 0 },
	{ "isdigit", lc_isdigit, isdigit, 0 },   { "isgraph", lc_isgraph, isgraph, 0 },
	{ "islower", lc_islower, islower, 0 },   { "isprint", lc_isprint, isprint, 0 },
	{ "ispunct", lc_ispunct, ispunct, 0 },   { "isspace", lc_isspace, isspace, 0 },
	{ "isupper", lc_isupper, isupper, 0 },   { "isxdigit", lc_isxdigit, isxdigit, 0 },
	{ "tolower", lc_tolower, tolower, 1 },   { "toupper", lc_toupper, toupper, 1 },
};

START_TEST(test_ctype)
{
	const struct ctype_case *t = &ctype_cases[_i];
	for (int c = EOF; c <= 255; c++) {
		int got = t->lc(c), want = t->host(c);
		if (!t->maps)
			got = !!got, want = !!want;
		EXPECT(got == want, "%s(%d): %d, host %d", t->name, c, got, want);
	}
}
END_TEST

/* ---- strtol and company ----------------------------------------------------- */

/* Each function, its result widened to unsigned long long for comparing. */
#define WIDEN(fn)                                                                       \
	static unsigned long long lc_wide_##fn(const char *s, char **end, int base)     \
	{                                                                               \
		return (unsigned long long)lc_##fn(s, end, base);                       \
	}                                                                               \
	static unsigned long long host_wide_##fn(const char *s, char **end, int base)   \
	{                                                                               \
		return (unsigned long long)fn(s, end, base);                            \
	}
WIDEN(strtol)
WIDEN(strtoll)
WIDEN(strtoul)
WIDEN(strtoull)

static const struct strto_case {
	const char *name;
	unsigned long long (*lc)(const char *, char **, int);
	unsigned long long (*host)(const char *, char **, int);
} strto_cases[] = {
	{ "strtol", lc_wide_strtol, host_wide_strtol },
	{ "strtoll", lc_wide_strtoll, host_wide_strtoll },
	{ "strtoul", lc_wide_strtoul, host_wide_strtoul },
	{ "strtoull", lc_wide_strtoull, host_wide_strtoull },
};

static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* check_strto: fn on s in base against the host: value, end, errno. With
 * an invalid base the end is unspecified (glibc leaves it unset). */
static void check_strto(const struct strto_case *fn, const char *text, int base)
{
	char *s = str_at_end(text);
	char *lend = (char *)1, *hend = (char *)1;
	lc_errno = 0, errno = 0;
	unsigned long long got = fn->lc(s, &lend, base);
	int lerr = lc_errno;
	unsigned long long want = fn->host(s, &hend, base);
	int herr = errno;
	int valid = base == 0 || (base >= 2 && base <= 36);

	EXPECT(got == want, "%s(\"%s\", %d): %llu, host %llu", fn->name, s, base, got, want);
	EXPECT(lerr == herr, "%s(\"%s\", %d): errno %d, host %d", fn->name, s, base, lerr, herr);
	EXPECT(!valid || lend == s + (hend - s), "%s(\"%s\", %d): end at %ld, host %ld", fn->name,
	       s, base, offset(lend, s), offset(hend, s));
	/* Without endptr too. */
	EXPECT(fn->lc(s, NULL, base) == want, "%s(\"%s\", %d, NULL end)", fn->name, s, base);
	free(s);
}

/* rand_number_text: random text around a number in base: white space, a
 * sign, a "0x" or "0", digits (mostly valid, long enough to overflow at
 * times), and a tail that may continue it. */
static void rand_number_text(char *buf, int base)
{
	static const char *const spaces[] = { "", "", " ", "\t", "\n\v\f\r ", "  " };
	static const char *const signs[] = { "", "", "-", "+", "+-", "--" };
	static const char *const prefixes[] = { "", "", "", "0", "0x", "0X", "00x", "x" };
	int top = base ? base : 16;
	size_t ndigits = below(4) ? below(12) : below(80);
	char *p = buf;

	p += sprintf(p, "%s%s%s", spaces[below(6)], signs[below(6)], prefixes[below(8)]);
	for (size_t i = 0; i < ndigits; i++) {
		char d = digit_chars[below(below(8) ? (size_t)top : 36)];
		*p++ = below(2) ? (char)toupper(d) : d;
	}
	switch (below(4)) {
	case 0: *p++ = ' '; break;
	case 1: *p++ = (char)(0x80 + below(128)); break;
	case 2: *p++ = digit_chars[below(36)]; break;
	}
	*p = 0;
}

/* in_base: v's digits in base (2..36) at p, with lead extra zeros. Returns
 * the end. */
static char *in_base(char *p, unsigned __int128 v, int base, int lead)
{
	char rev[140];
	int n = 0;
	do {
		rev[n++] = digit_chars[v % (unsigned)base];
		v /= (unsigned)base;
	} while (v);
	while (lead--)
		*p++ = '0';
	while (n)
		*p++ = rev[--n];
	*p = 0;
	return p;
}

START_TEST(test_strto)
{
	seed(_i);
	const struct strto_case *fn = &strto_cases[_i];
	char buf[256];

	/* Random text in every base, 0 included. */
	for (int base = 0; base <= 36; base += base ? 1 : 2)
		for (int k = 0; k < 300; k++) {
			rand_number_text(buf, base);
			check_strto(fn, buf, base);
		}

	/* The limits and their neighbours, with each sign, in every base;
	 * in base 0 as decimal, octal and hex. */
	const unsigned __int128 one = 1;
	const unsigned __int128 limits[] = { 0, 1, (one << 31) - 1, one << 31, (one << 32) - 1,
					     one << 32, (one << 63) - 1, one << 63,
					     (one << 63) + 1, (one << 64) - 2, (one << 64) - 1,
					     one << 64, (one << 64) + 1, one << 100 };
	static const char *const signs[] = { "", "-", "+", " -", "\t+" };
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++)
		for (size_t sg = 0; sg < 5; sg++)
			for (int base = 0; base <= 36; base += base ? 1 : 2) {
				int lead = below(4) ? 0 : (int)below(30);
				char *p = buf + sprintf(buf, "%s", signs[sg]);
				if (base == 0) {
					in_base(p, limits[i], 10, 0);
					check_strto(fn, buf, 0);
					p[0] = '0';
					in_base(p + 1, limits[i], 8, lead);
					check_strto(fn, buf, 0);
					p[0] = '0', p[1] = below(2) ? 'x' : 'X';
					in_base(p + 2, limits[i], 16, lead);
					check_strto(fn, buf, 0);
					check_strto(fn, buf, 16);
				} else {
					in_base(p, limits[i], base, lead);
					check_strto(fn, buf, base);
				}
			}

	/* The edges of the syntax, in the bases that read them differently. */
	static const char *const edges[] = {
		"", " ", "+", "-", "+ 1", "- 1", "0", "-0", "0x", "0X", "0xg", "-0x", " 0x ",
		"0x0x1", "00x1", "08", "0b1", "x1", "1x", "\v\f\r\n\t 12", "\x80" "1", "1\x80",
		"0x8000000000000000", "-0x8000000000000000", "0xFFFFFFFFFFFFFFFF0", "z", "Zz",
	};
	static const int bases[] = { 0, 2, 8, 10, 16, 35, 36 };
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++)
			check_strto(fn, edges[i], bases[b]);

	/* Invalid bases: 0 and EINVAL. */
	static const int bad_bases[] = { 1, 37, -1, 100, INT_MIN };
	for (size_t b = 0; b < sizeof(bad_bases) / sizeof(bad_bases[0]); b++)
		check_strto(fn, "12", bad_bases[b]);
}
END_TEST

/* ---- atoi and company, abs, div ----------------------------------------------- */

START_TEST(test_arithmetic)
{
	char buf[64];
	for (int k = 0; k < 20 * CASES; k++) {
		/* Numbers of every size, within the types' ranges. */
		long long v = (long long)(rnd() >> below(64));
		if (below(2))
			v = -v;
		int i = (int)v;
		long l = (long)v;
		if (i == INT_MIN)
			i++;
		if (l == LONG_MIN)
			l++;
		if (v == LLONG_MIN)
			v++;

		snprintf(buf, sizeof(buf), "%s%d%s", below(2) ? " " : "", i, below(2) ? "x" : "");
		char *s = str_at_end(buf);
		EXPECT(lc_atoi(s) == atoi(s), "atoi(\"%s\"): %d", s, lc_atoi(s));
		free(s);
		snprintf(buf, sizeof(buf), "%ld", l);
		s = str_at_end(buf);
		EXPECT(lc_atol(s) == atol(s), "atol(\"%s\"): %ld", s, lc_atol(s));
		free(s);
		snprintf(buf, sizeof(buf), "%lld", v);
		s = str_at_end(buf);
		EXPECT(lc_atoll(s) == atoll(s), "atoll(\"%s\"): %lld", s, lc_atoll(s));
		free(s);

		EXPECT(lc_abs(i) == abs(i), "abs(%d): %d", i, lc_abs(i));
		EXPECT(lc_labs(l) == labs(l), "labs(%ld): %ld", l, lc_labs(l));
		EXPECT(lc_llabs(v) == llabs(v), "llabs(%lld): %lld", v, lc_llabs(v));

		/* Divisors of every size and sign but 0 (and no INT_MIN / -1). */
		long long d = (long long)(rnd() >> below(64));
		if (below(2))
			d = -d;
		if (d == 0 || d == LLONG_MIN)
			d = 7;
		int di = (int)d ? (int)d : 3;
		long dl = (long)d ? (long)d : 3;
		div_t q = lc_div(i, di), hq = div(i, di);
		EXPECT(q.quot == hq.quot && q.rem == hq.rem, "div(%d, %d): %d %d", i, di, q.quot, q.rem);
		ldiv_t lq = lc_ldiv(l, dl), hlq = ldiv(l, dl);
		EXPECT(lq.quot == hlq.quot && lq.rem == hlq.rem, "ldiv(%ld, %ld)", l, dl);
		lldiv_t llq = lc_lldiv(v, d), hllq = lldiv(v, d);
		EXPECT(llq.quot == hllq.quot && llq.rem == hllq.rem, "lldiv(%lld, %lld)", v, d);
	}
}
END_TEST

/* ---- qsort, bsearch ------------------------------------------------------------ */

/* The array being sorted, so that the comparator can check that it is
 * given elements of it, and count its calls. */
static struct {
	const char *base;
	size_t n, size;
	unsigned long calls;
	int stray; /* a pointer that was not to an element */
} sorting;

static void check_element(const void *p)
{
	const char *c = p;
	if (c < sorting.base || c >= sorting.base + sorting.n * sorting.size ||
	    (size_t)(c - sorting.base) % sorting.size != 0)
		sorting.stray = 1;
}

/* compare_bytes: the elements as strings of size bytes (so that equal
 * elements are the same bytes, and any correct sort gives the host's). */
static int compare_bytes(const void *a, const void *b)
{
	return memcmp(a, b, sorting.size);
}

static int compare_counted(const void *a, const void *b)
{
	sorting.calls++;
	check_element(a), check_element(b);
	return memcmp(a, b, sorting.size);
}

/* call_bound: the comparator calls allowed to sort n elements, 5 n log2 n
 * and a little: introsort's worst case, about 2 n log2 n in partitions
 * down to its depth limit then 2 n log2 n in heapsort (McIlroy's adversary
 * reaches 3.3 n log2 n at 20000 elements). A quadratic sort breaks it from
 * a few hundred elements. */
static unsigned long call_bound(size_t n)
{
	unsigned long log2n = 0;
	for (size_t k = n; k > 1; k /= 2)
		log2n++;
	return 5 * n * (log2n + 1) + 16;
}

/* The shapes of the arrays: the orders quicksorts are known to trip on. */
enum shape { RANDOM, FEW_VALUES, SORTED, REVERSED, EQUAL, ORGAN_PIPE, SAWTOOTH, SHAPES };
static const char *const shape_names[] = { "random", "few values", "sorted", "reversed",
					   "all equal", "organ pipe", "sawtooth" };

/* fill: n elements of size bytes at a, in shape: the element i takes
 * key(i) in its first byte(s), the rest random for RANDOM only. */
static void fill(unsigned char *a, size_t n, size_t size, enum shape shape)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char *e = a + i * size;
		size_t key;
		switch (shape) {
		case RANDOM:
			for (size_t b = 0; b < size; b++)
				e[b] = (unsigned char)rnd();
			continue;
		case FEW_VALUES: key = below(4); break;
		case SORTED: key = i; break;
		case REVERSED: key = n - i; break;
		case EQUAL: key = 0; break;
		case ORGAN_PIPE: key = i < n / 2 ? i : n - i; break;
		default: key = i % 17; break;
		}
		/* The key big-endian, so that memcmp orders by it. */
		memset(e, 0, size);
		for (size_t b = size; b-- > 0 && key; key >>= 8)
			e[b] = (unsigned char)key;
	}
}

START_TEST(test_qsort)
{
	seed(_i);
	static const size_t sizes[] = { 1, 2, 3, 4, 8, 12, 24, 40 };
	for (int k = 0; k < 60; k++) {
		size_t size = sizes[below(sizeof(sizes) / sizeof(sizes[0]))];
		size_t n = below(4) ? below(40) : below(3000);
		enum shape shape = (enum shape)below(SHAPES);
		unsigned char *a = malloc(n * size + 1), *h;
		fill(a, n, size, shape);
		h = at_end(a, n * size);

		sorting.base = (const char *)a, sorting.n = n, sorting.size = size;
		sorting.calls = 0, sorting.stray = 0;
		lc_qsort(a, n, size, compare_counted);
		qsort(h, n, size, compare_bytes);
		EXPECT(memcmp(a, h, n * size) == 0, "qsort(%zu of size %zu, %s): wrong order", n,
		       size, shape_names[shape]);
		EXPECT(!sorting.stray, "qsort(%zu of size %zu, %s): comparator given a non-element",
		       n, size, shape_names[shape]);
		EXPECT(sorting.calls <= call_bound(n), "qsort(%zu of size %zu, %s): %lu calls > %lu",
		       n, size, shape_names[shape], sorting.calls, call_bound(n));
		free(a), free(h);
	}
}
END_TEST

/*
 * McIlroy's adversary ("A Killer Adversary for Quicksort", 1999): the
 * elements are their own indices, with no values at first ("gas"); the
 * comparator gives an element a value ("freezes" it) only when it must,
 * and so as to make the sort's pivot as bad as it can. It drives a plain
 * quicksort to n^2/2 comparisons; introsort must stay within the bound.
 */
static struct {
	int *value;
	int gas, frozen, candidate;
} adversary;

static int compare_adversary(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	int *v = adversary.value;
	sorting.calls++;
	check_element(a), check_element(b);
	if (v[x] == adversary.gas && v[y] == adversary.gas) {
		if (x == adversary.candidate)
			v[x] = adversary.frozen++;
		else
			v[y] = adversary.frozen++;
	}
	if (v[x] == adversary.gas)
		adversary.candidate = x;
	else if (v[y] == adversary.gas)
		adversary.candidate = y;
	return (v[x] > v[y]) - (v[x] < v[y]);
}

START_TEST(test_qsort_adversary)
{
	static const size_t sizes[] = { 100, 1000, 5000, 20000 };
	size_t n = sizes[_i];
	int *a = malloc(n * sizeof(int));
	adversary.value = malloc(n * sizeof(int));
	adversary.gas = (int)n, adversary.frozen = 0, adversary.candidate = 0;
	for (size_t i = 0; i < n; i++)
		a[i] = (int)i, adversary.value[i] = (int)n;

	sorting.base = (const char *)a, sorting.n = n, sorting.size = sizeof(int);
	sorting.calls = 0, sorting.stray = 0;
	lc_qsort(a, n, sizeof(int), compare_adversary);
	EXPECT(sorting.calls <= call_bound(n), "qsort(adversary %zu): %lu calls > %lu", n,
	       sorting.calls, call_bound(n));
	EXPECT(!sorting.stray, "qsort(adversary %zu): comparator given a non-element", n);
	for (size_t i = 1; i < n; i++)
		EXPECT(adversary.value[a[i - 1]] <= adversary.value[a[i]],
		       "qsort(adversary %zu): out of order at %zu", n, i);
	free(a), free(adversary.value);
}
END_TEST

static int compare_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

START_TEST(test_bsearch)
{
	seed(_i);
	for (int k = 0; k < CASES; k++) {
		size_t n = below(4) ? below(20) : below(600);
		int range = 1 + (int)below(2 * n + 2);
		int *a = malloc(n ? n * sizeof(int) : 1);
		for (size_t i = 0; i < n; i++)
			a[i] = (int)below((size_t)range);
		qsort(a, n, sizeof(int), compare_int);
		for (int j = 0; j < 20; j++) {
			int key = (int)below((size_t)range + 2) - 1;
			int *got = lc_bsearch(&key, a, n, sizeof(int), compare_int);
			int *want = bsearch(&key, a, n, sizeof(int), compare_int);
			EXPECT(!got == !want, "bsearch(%d in %zu): %s, host %s", key, n,
			       got ? "found" : "NULL", want ? "found" : "NULL");
			EXPECT(!got || (got >= a && got < a + n && *got == key),
			       "bsearch(%d in %zu): found %d at %ld", key, n, got ? *got : 0,
			       (long)(got - a));
		}
		free(a);
	}
}
END_TEST

Suite *libc_suite(void)
{
	Suite *s = suite_create("libc");
	TCase *tc = tcase_create("string");
	tcase_add_loop_test(tc, test_memory, 0, ROUNDS);
	tcase_add_loop_test(tc, test_length_compare, 0, ROUNDS);
	tcase_add_loop_test(tc, test_copy, 0, ROUNDS);
	tcase_add_loop_test(tc, test_search, 0, ROUNDS);
	tcase_add_loop_test(tc, test_strtok, 0, ROUNDS);
	tcase_add_test(tc, test_strerror);
	suite_add_tcase(s, tc);

	tc = tcase_create("ctype");
	tcase_add_loop_test(tc, test_ctype, 0, (int)(sizeof(ctype_cases) / sizeof(ctype_cases[0])));
	suite_add_tcase(s, tc);

	tc = tcase_create("stdlib");
	tcase_add_loop_test(tc, test_strto, 0, (int)(sizeof(strto_cases) / sizeof(strto_cases[0])));
	tcase_add_test(tc, test_arithmetic);
	tcase_add_loop_test(tc, test_qsort, 0, ROUNDS);
	tcase_add_loop_test(tc, test_qsort_adversary, 0, 4);
	tcase_add_loop_test(tc, test_bsearch, 0, ROUNDS);
	suite_add_tcase(s, tc);
	return s;
}
