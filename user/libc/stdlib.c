/*
 * stdlib.c: number conversions, integer arithmetic, sorting and searching,
 * pseudo-random numbers (stdlib.h).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

/* ---- strtol and company ---------------------------------------------- */

/* digit_value: the value of c as a digit of bases up to 36 (0-9, then a-z
 * or A-Z for 10-35), or 36 if it is none. */
static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

/* A number read by strto_magnitude: its sign, and its magnitude clamped
 * to the limit given for that sign. */
struct magnitude {
	int negative;
	int overflow; /* the magnitude was above the limit: value is the limit */
	unsigned long long value;
};

/*
 * strto_magnitude: the part common to the strto* functions (C11 7.22.1.4).
 * Reads from nptr: white space (isspace), an optional sign, then a number
 * in base (2..36; 0: "0x" or "0X" then hex, "0" then octal, else decimal;
 * 16 also takes the "0x"), clamping its magnitude to pos_limit or
 * neg_limit by the sign. "0x" with no hex digit after it is the number 0,
 * ending before the x.
 *
 * Sets *endptr (if endptr is not NULL) past the last digit used, or to
 * nptr if there was no number (then the result is 0). An invalid base is
 * no number, and sets errno to EINVAL.
 */
static struct magnitude strto_magnitude(const char *nptr, char **endptr, int base,
					unsigned long long pos_limit,
					unsigned long long neg_limit)
{
	struct magnitude m = { 0, 0, 0 };
	const char *s = nptr;

	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (endptr)
			*endptr = (char *)nptr;
		return m;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		m.negative = *s++ == '-';
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    digit_value(s[2]) < 16) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}

	unsigned long long limit = m.negative ? neg_limit : pos_limit;
	const char *digits = s;
	int d;
	for (; (d = digit_value(*s)) < base; s++) {
		/* value * base + d <= limit, without overflowing. */
		if (m.overflow || m.value > (limit - (unsigned)d) / (unsigned)base)
			m.overflow = 1;
		else
			m.value = m.value * (unsigned)base + (unsigned)d;
	}
	if (m.overflow)
		m.value = limit;
	if (endptr)
		*endptr = (char *)(s == digits ? nptr : s);
	return m;
}

/* strtol: the long at the start of nptr, as strto_magnitude reads it. Out
 * of range: LONG_MAX or LONG_MIN, and errno ERANGE. No number: 0. */
long strtol(const char *restrict nptr, char **restrict endptr, int base)
{
	struct magnitude m = strto_magnitude(nptr, endptr, base, LONG_MAX, LONG_MAX + 1ULL);
	if (m.overflow)
		errno = ERANGE;
	if (!m.negative || m.value == 0)
		return (long)m.value;
	return -(long)(m.value - 1) - 1; /* -(LONG_MAX + 1) included */
}

/* strtoll: strtol for long long (LLONG_MAX, LLONG_MIN). */
long long strtoll(const char *restrict nptr, char **restrict endptr, int base)
{
	struct magnitude m = strto_magnitude(nptr, endptr, base, LLONG_MAX, LLONG_MAX + 1ULL);
	if (m.overflow)
		errno = ERANGE;
	if (!m.negative || m.value == 0)
		return (long long)m.value;
	return -(long long)(m.value - 1) - 1;
}

/* strtoul: the unsigned long at the start of nptr. A minus sign negates
 * it as unsigned arithmetic does ("-1" is ULONG_MAX). A magnitude above
 * ULONG_MAX, whatever the sign: ULONG_MAX and errno ERANGE. */
unsigned long strtoul(const char *restrict nptr, char **restrict endptr, int base)
{
	struct magnitude m = strto_magnitude(nptr, endptr, base, ULONG_MAX, ULONG_MAX);
	if (m.overflow) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return m.negative ? -(unsigned long)m.value : (unsigned long)m.value;
}

/* strtoull: strtoul for unsigned long long (ULLONG_MAX). */
unsigned long long strtoull(const char *restrict nptr, char **restrict endptr, int base)
{
	struct magnitude m = strto_magnitude(nptr, endptr, base, ULLONG_MAX, ULLONG_MAX);
	if (m.overflow) {
		errno = ERANGE;
		return ULLONG_MAX;
	}
	return m.negative ? -m.value : m.value;
}

/* atoi, atol, atoll: strtol and company in base 10, without endptr. Out
 * of range (undefined in C11): the type's limit. */
int atoi(const char *nptr)
{
	return (int)strtol(nptr, NULL, 10);
}

long atol(const char *nptr)
{
	return strtol(nptr, NULL, 10);
}

long long atoll(const char *nptr)
{
	return strtoll(nptr, NULL, 10);
}

/* ---- integer arithmetic ---------------------------------------------- */

/* abs, labs, llabs: |n|. Undefined for the most negative value, whose
 * magnitude the type cannot hold. */
int abs(int n)
{
	return n < 0 ? -n : n;
}

long labs(long n)
{
	return n < 0 ? -n : n;
}

long long llabs(long long n)
{
	return n < 0 ? -n : n;
}

/* div, ldiv, lldiv: quotient (rounded toward zero) and remainder, in one
 * result. denom must not be 0, nor the quotient out of range. */
div_t div(int numer, int denom)
{
	return (div_t){ numer / denom, numer % denom };
}

ldiv_t ldiv(long numer, long denom)
{
	return (ldiv_t){ numer / denom, numer % denom };
}

lldiv_t lldiv(long long numer, long long denom)
{
	return (lldiv_t){ numer / denom, numer % denom };
}

/* ---- sorting and searching ------------------------------------------- */

typedef int (*compare_fn)(const void *, const void *);

/* Segments of at most this many elements are sorted by insertion. */
#define QSORT_SMALL 8

/* swap: exchanges the size bytes at a and b. */
static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* insertion_sort: sorts the n elements at base; for short segments. */
static void insertion_sort(char *base, size_t n, size_t size, compare_fn cmp)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && cmp(base + (j - 1) * size, base + j * size) > 0; j--)
			swap(base + (j - 1) * size, base + j * size, size);
}

/* sift_down: restores the max-heap of n elements at base below index i,
 * whose two subtrees are heaps. */
static void sift_down(char *base, size_t i, size_t n, size_t size, compare_fn cmp)
{
	for (;;) {
		size_t child = 2 * i + 1;
		if (child >= n)
			return;
		if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + i * size, base + child * size) >= 0)
			return;
		swap(base + i * size, base + child * size, size);
		i = child;
	}
}

/* heap_sort: sorts the n elements at base in O(n log n) comparisons
 * whatever their order; introsort's fallback. */
static void heap_sort(char *base, size_t n, size_t size, compare_fn cmp)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(base, i, n, size, cmp);
	for (size_t end = n; end > 1; end--) {
		swap(base, base + (end - 1) * size, size); /* the largest, to its place */
		sift_down(base, 0, end - 1, size, cmp);
	}
}

/*
 * partition: picks the median of the first, middle and last of the n (>= 3)
 * elements at base as the pivot, and moves the elements so that the pivot
 * is at the index returned, those before it no greater and those after it
 * no smaller. Both scans stop at elements equal to the pivot, so that many
 * equal elements still split in halves.
 */
static size_t partition(char *base, size_t n, size_t size, compare_fn cmp)
{
	char *first = base, *mid = base + n / 2 * size, *last = base + (n - 1) * size;

	/* Order first <= mid <= last, then put the median (mid) first. */
	if (cmp(mid, first) < 0)
		swap(mid, first, size);
	if (cmp(last, mid) < 0) {
		swap(last, mid, size);
		if (cmp(mid, first) < 0)
			swap(mid, first, size);
	}
	swap(first, mid, size);

	/* The pivot stays at base[0] while i scans up for an element >= it
	 * and j down for one <= it; a pair out of order is swapped. */
	size_t i = 0, j = n;
	for (;;) {
		do
			i++;
		while (i < n && cmp(base + i * size, base) < 0);
		do
			j--;
		while (cmp(base + j * size, base) > 0); /* stops at base[0] at the latest */
		if (i >= j)
			break;
		swap(base + i * size, base + j * size, size);
	}
	swap(base, base + j * size, size);
	return j;
}

/* intro_sort: quicksort of the n elements at base, which gives the rest to
 * heap_sort after depth partitions (so never more than O(n log n)
 * comparisons), recurses only into the smaller side (so at most log2(n)
 * deep), and leaves segments of QSORT_SMALL or fewer to insertion_sort. */
static void intro_sort(char *base, size_t n, size_t size, compare_fn cmp, unsigned depth)
{
	while (n > QSORT_SMALL) {
		if (depth-- == 0) {
			heap_sort(base, n, size, cmp);
			return;
		}
		size_t p = partition(base, n, size, cmp);
		size_t before = p, after = n - p - 1;
		if (before < after) {
			intro_sort(base, before, size, cmp, depth);
			base += (p + 1) * size;
			n = after;
		} else {
			intro_sort(base + (p + 1) * size, after, size, cmp, depth);
			n = before;
		}
	}
	insertion_sort(base, n, size, cmp);
}

/* qsort: sorts the n elements of size bytes at base into the order cmp
 * gives (<0, 0, >0 as its first argument sorts before, with or after its
 * second). Not stable: equal elements may end in any order. cmp is only
 * ever given pointers into the array. */
void qsort(void *base, size_t n, size_t size, compare_fn cmp)
{
	unsigned log2n = 0;
	for (size_t k = n; k > 1; k /= 2)
		log2n++;
	if (size)
		intro_sort(base, n, size, cmp, 2 * log2n);
}

/* bsearch: an element of the n at base (sorted by cmp) equal to *key, or
 * NULL. cmp gets key first, an element second. If several are equal, any
 * one of them. */
void *bsearch(const void *key, const void *base, size_t n, size_t size, compare_fn cmp)
{
	const char *lo = base;
	while (n > 0) {
		const char *mid = lo + n / 2 * size;
		int c = cmp(key, mid);
		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			lo = mid + size; /* in the upper part: n - n/2 - 1 elements */
			n -= n / 2 + 1;
		} else {
			n /= 2; /* in the lower part */
		}
	}
	return NULL;
}

/* ---- rand -------------------------------------------------------------- */

/* The C standard's own example generator (C11 7.22.2.2, EXAMPLE): a
 * linear congruential one, state * 1103515245 + 12345 modulo 2^32 (here
 * 2^64: the low 32 bits are the same), giving bits 16-30 of the state.
 * Not for anything that must be hard to predict. */
static unsigned long rand_state = 1;

/* rand: the next number of the sequence, 0 to RAND_MAX (32767). */
int rand(void)
{
	rand_state = rand_state * 1103515245 + 12345;
	return (int)(rand_state / 65536 % 32768);
}

/* srand: restarts the sequence from seed; the first is seed 1. */
void srand(unsigned seed)
{
	rand_state = seed;
}
