/*
 * test_malloc.c: EriX's heap (user/libc/malloc.c) against a model.
 *
 * The library is linked in with its names prefixed lc_ (grader/Makefrag);
 * its one hook, __libc_pages, is not renamed and is defined here: pages
 * from the host's aligned_alloc, counted, with a limit for the
 * out-of-memory cases.
 *
 *  - random sequences of malloc, calloc, realloc, aligned_alloc and free
 *    (sizes 0 to 300000, mostly small) against a model of the live
 *    blocks: each is filled with its own pattern, checked intact when it
 *    is freed or reallocated; every pointer 16-aligned (or as asked); no
 *    two live blocks overlap; __malloc_check() is 0 after every operation;
 *  - everything freed in a random order leaves one free block per arena;
 *  - calloc zeroes reused memory and refuses n * size overflows;
 *  - realloc keeps contents growing and shrinking, in and out of the
 *    large-block range; NULL and 0 as documented;
 *  - the same pattern allocated and freed 100 times: the pages taken stop
 *    growing; out of memory: NULL, ENOMEM, nothing lost;
 *  - __malloc_check notices a damaged footer.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../user/libc/libc_internal.h"
#include "unit.h"

Suite *malloc_suite(void);

/* ---- the library under test (user/libc, renamed) ---------------------- */

extern int lc_errno;
extern void *lc_malloc(size_t);
extern void *lc_calloc(size_t, size_t);
extern void *lc_realloc(void *, size_t);
extern void *lc_aligned_alloc(size_t, size_t);
extern void lc_free(void *);
extern int lc___malloc_check(void);
extern void lc___malloc_stats(struct malloc_stats *);

/* ---- the page hook ---------------------------------------------------- */

static size_t pages_given;
static size_t pages_limit = SIZE_MAX;

void *__libc_pages(size_t npages)
{
	if (npages == 0 || npages > pages_limit - pages_given)
		return NULL;
	void *p = aligned_alloc(4096, npages * 4096);
	if (p) {
		memset(p, 0, npages * 4096);
		pages_given += npages;
	}
	return p; /* never freed: the heap keeps what it takes */
}

/* ---- helpers ---------------------------------------------------------- */

#define ROUNDS 8
#define OPS    10000
#define SLOTS  200

static uint64_t rng;

static void seed(int i)
{
	rng = 0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1);
}

static size_t below(size_t n)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return n ? (size_t)(rng % n) : 0;
}

/* random_size: 0 to 300000 bytes, mostly small. */
static size_t random_size(void)
{
	size_t r = below(100);
	if (r < 60)
		return below(65);
	if (r < 85)
		return below(1025);
	if (r < 97)
		return below(64 << 10);
	return below(300001);
}

static unsigned char pattern_byte(unsigned tag, size_t i)
{
	return (unsigned char)(tag * 131u + i * 7u + (i >> 8));
}

static void fill(void *p, size_t n, unsigned tag)
{
	unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		b[i] = pattern_byte(tag, i);
}

/* intact: the first n bytes at p are still fill(p, _, tag)'s. */
static int intact(const void *p, size_t n, unsigned tag)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i] != pattern_byte(tag, i))
			return 0;
	return 1;
}

static void expect_sound(const char *after)
{
	int r = lc___malloc_check();
	EXPECT(r == 0, "__malloc_check() = %d after %s", r, after);
}

/* ---- the model -------------------------------------------------------- */

struct live {
	unsigned char *p; /* NULL: the slot is empty */
	size_t size;
	unsigned tag;
};

static struct live slots[SLOTS];

/* place: slot k now holds p (size bytes, aligned to align), which must be
 * aligned and overlap no other live block; it is filled. */
static void place(int k, void *p, size_t size, size_t align, unsigned tag, const char *op)
{
	EXPECT(p != NULL, "%s(%zu) failed", op, size);
	EXPECT((uintptr_t)p % align == 0, "%s(%zu) = %p, not %zu-aligned", op, size, p, align);
	unsigned char *b = p;
	for (int j = 0; j < SLOTS; j++) {
		if (j == k || !slots[j].p)
			continue;
		/* A 0-byte block still has its own address. */
		size_t n = size ? size : 1, m = slots[j].size ? slots[j].size : 1;
		EXPECT(b + n <= slots[j].p || slots[j].p + m <= b,
		       "%s(%zu) = %p overlaps live %p (%zu bytes)", op, size, p, slots[j].p,
		       slots[j].size);
	}
	slots[k] = (struct live){ b, size, tag };
	fill(b, size, tag);
}

static void drop(int k)
{
	EXPECT(intact(slots[k].p, slots[k].size, slots[k].tag), "block %p (%zu bytes) damaged",
	       slots[k].p, slots[k].size);
	lc_free(slots[k].p);
	slots[k].p = NULL;
}

static void drop_all_shuffled(void)
{
	int order[SLOTS];
	for (int k = 0; k < SLOTS; k++)
		order[k] = k;
	for (int k = SLOTS - 1; k > 0; k--) {
		int j = (int)below((size_t)k + 1), t = order[k];
		order[k] = order[j], order[j] = t;
	}
	for (int k = 0; k < SLOTS; k++)
		if (slots[order[k]].p)
			drop(order[k]);
}

/* expect_all_free: nothing is allocated, and each arena is one free block. */
static void expect_all_free(void)
{
	struct malloc_stats st;
	lc___malloc_stats(&st);
	EXPECT(st.used_blocks == 0 && st.large_blocks == 0,
	       "all freed, yet %zu used blocks and %zu large", st.used_blocks, st.large_blocks);
	EXPECT(st.free_blocks == st.arenas, "all freed: %zu free blocks in %zu arenas",
	       st.free_blocks, st.arenas);
}

/* ---- tests ------------------------------------------------------------ */

START_TEST(test_random)
{
	seed(_i);
	unsigned tag = 0;
	for (int op = 0; op < OPS; op++) {
		int k = (int)below(SLOTS);
		size_t size = random_size();
		tag++;
		if (!slots[k].p) {
			switch (below(6)) {
			case 0: {
				size_t count = 1 + below(4), n = count * (size / 4);
				unsigned char *p = lc_calloc(count, size / 4);
				for (size_t i = 0; p && i < n; i++)
					EXPECT(p[i] == 0, "calloc: byte %zu is %d", i, p[i]);
				place(k, p, n, 16, tag, "calloc");
				break;
			}
			case 1: {
				size_t align = (size_t)1 << below(14);
				place(k, lc_aligned_alloc(align, size), size,
				      align < 16 ? 16 : align, tag, "aligned_alloc");
				break;
			}
			default:
				place(k, lc_malloc(size), size, 16, tag, "malloc");
			}
		} else if (below(3) == 0) {
			struct live old = slots[k];
			unsigned char *p = lc_realloc(old.p, size);
			size_t kept = size < old.size ? size : old.size;
			EXPECT(p && intact(p, kept, old.tag),
			       "realloc(%zu -> %zu): contents lost (moved: %d)", old.size, size,
			       p != old.p);
			slots[k].p = NULL;
			place(k, p, size, 16, tag, "realloc");
		} else {
			drop(k);
		}
		int r = lc___malloc_check();
		EXPECT(r == 0, "__malloc_check() = %d after op %d", r, op);
	}
	drop_all_shuffled();
	expect_sound("freeing everything");
	expect_all_free();
}
END_TEST

START_TEST(test_coalesce)
{
	seed(_i);
	for (int k = 0; k < SLOTS; k++)
		place(k, lc_malloc(below(4) ? below(300) : below(20000)), 0, 16, 0, "malloc");
	expect_sound("filling");
	drop_all_shuffled();
	expect_sound("freeing in random order");
	expect_all_free();
}
END_TEST

START_TEST(test_calloc)
{
	/* Dirty memory first, so that zeroes come from calloc. */
	for (size_t size = 1; size <= 300000; size = size * 3 + 1) {
		unsigned char *p = lc_malloc(size);
		memset(p, 0xa5, size);
		lc_free(p);
		p = lc_calloc(size, 1);
		ck_assert_ptr_nonnull(p);
		for (size_t i = 0; i < size; i++)
			EXPECT(p[i] == 0, "calloc(%zu, 1): byte %zu is %#x", size, i, p[i]);
		lc_free(p);
	}
	static const struct {
		size_t n, size;
	} overflows[] = {
		{ SIZE_MAX, 2 },	 { 2, SIZE_MAX },
		{ SIZE_MAX / 2 + 1, 2 }, { (size_t)1 << 32, (size_t)1 << 32 },
		{ SIZE_MAX, SIZE_MAX },
	};
	for (size_t i = 0; i < sizeof overflows / sizeof overflows[0]; i++) {
		lc_errno = 0;
		void *p = lc_calloc(overflows[i].n, overflows[i].size);
		EXPECT(p == NULL && lc_errno == ENOMEM, "calloc(%zu, %zu) = %p, errno %d",
		       overflows[i].n, overflows[i].size, p, lc_errno);
	}
	void *a = lc_calloc(0, 10), *b = lc_calloc(10, 0);
	EXPECT(a && b && a != b, "calloc of 0 bytes: %p, %p", a, b);
	lc_free(a), lc_free(b);
	expect_sound("calloc");
	expect_all_free();
}
END_TEST

START_TEST(test_realloc)
{
	/* One block through a ladder of sizes, up and down, across the large
	 * threshold, with a neighbour that is sometimes there. */
	static const size_t sizes[] = { 1,	17,	100,	4000,	100, 131071,
					131072, 300000, 131072, 200000, 64,  0,
					5,	70000,	500,	300000, 1,   0 };
	unsigned char *p = lc_realloc(NULL, 0);
	ck_assert_ptr_nonnull(p);
	size_t have = 0;
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		void *neighbour = i % 3 == 0 ? lc_malloc(64) : NULL;
		fill(p, have, (unsigned)i);
		unsigned char *q = lc_realloc(p, sizes[i]);
		ck_assert_ptr_nonnull(q);
		size_t kept = sizes[i] < have ? sizes[i] : have;
		EXPECT(intact(q, kept, (unsigned)i), "realloc(%zu -> %zu) lost contents", have,
		       sizes[i]);
		EXPECT((uintptr_t)q % 16 == 0, "realloc(%zu -> %zu) = %p", have, sizes[i], q);
		p = q, have = sizes[i];
		lc_free(neighbour);
		expect_sound("realloc");
	}
	lc_free(p);
	expect_all_free();
}
END_TEST

START_TEST(test_aligned)
{
	void *p[64];
	int n = 0;
	for (size_t align = 1; align <= ((size_t)1 << 16); align *= 2)
		for (size_t size = 0; size < 200000; size = size * 5 + 3) {
			if (n == 64) {
				while (n)
					lc_free(p[--n]);
			}
			p[n] = lc_aligned_alloc(align, size);
			EXPECT(p[n] && (uintptr_t)p[n] % align == 0, "aligned_alloc(%zu, %zu) = %p",
			       align, size, p[n]);
			memset(p[n], 0x5a, size);
			n++;
			expect_sound("aligned_alloc");
		}
	while (n)
		lc_free(p[--n]);
	static const size_t bad[] = { 0, 3, 24, 100, SIZE_MAX };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		lc_errno = 0;
		void *q = lc_aligned_alloc(bad[i], 16);
		EXPECT(q == NULL && lc_errno == EINVAL, "aligned_alloc(%zu, 16) = %p, errno %d",
		       bad[i], q, lc_errno);
	}
	expect_sound("aligned_alloc");
	expect_all_free();
}
END_TEST

START_TEST(test_steady)
{
	size_t pages_at[101] = { 0 };
	for (int round = 1; round <= 100; round++) {
		seed(42); /* the same pattern every round */
		for (int op = 0; op < 600; op++) {
			int k = (int)below(SLOTS);
			if (slots[k].p)
				drop(k);
			else if (below(2))
				place(k, lc_malloc(random_size()), 0, 16, 0, "malloc");
			else
				place(k, lc_realloc(NULL, random_size()), 0, 16, 0, "realloc");
		}
		drop_all_shuffled();
		pages_at[round] = pages_given;
	}
	expect_sound("100 rounds");
	EXPECT(pages_at[100] == pages_at[10],
	       "pages keep growing: %zu after round 1, %zu after 10, %zu after 100", pages_at[1],
	       pages_at[10], pages_at[100]);
}
END_TEST

START_TEST(test_out_of_memory)
{
	void *small = lc_malloc(100);
	fill(small, 100, 7);
	pages_limit = pages_given; /* no more pages */
	/* More than the heap has (even cached, should other tests have run
	 * in this process before), and sizes that overflow. */
	size_t sizes[] = { (pages_given + 1) * 4096, SIZE_MAX, SIZE_MAX - 4096, SIZE_MAX / 2 };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		lc_errno = 0;
		void *p = lc_malloc(sizes[i]);
		EXPECT(p == NULL && lc_errno == ENOMEM, "malloc(%zu) = %p, errno %d, no pages",
		       sizes[i], p, lc_errno);
		lc_errno = 0;
		p = lc_realloc(small, sizes[i]);
		EXPECT(p == NULL && lc_errno == ENOMEM, "realloc(%zu) = %p, errno %d", sizes[i], p,
		       lc_errno);
		EXPECT(intact(small, 100, 7), "a failed realloc(%zu) damaged the block", sizes[i]);
		lc_errno = 0;
		p = lc_aligned_alloc(4096, sizes[i]);
		EXPECT(p == NULL && lc_errno == ENOMEM, "aligned_alloc(4096, %zu) = %p, errno %d",
		       sizes[i], p, lc_errno);
	}
	pages_limit = SIZE_MAX;
	lc_free(small);
	expect_sound("out of memory");
	expect_all_free();
}
END_TEST

START_TEST(test_check_notices)
{
	unsigned char *a = lc_malloc(40), *b = lc_malloc(40);
	size_t head = *(size_t *)(a - 8); /* a's header: its size | USED */
	size_t *footer = (size_t *)(a - 8 + (head & ~(size_t)15)) - 1;
	size_t saved = *footer;
	*footer ^= 0x100;
	EXPECT(lc___malloc_check() == MALLOC_BAD_FOOTER, "damaged footer: __malloc_check() = %d",
	       lc___malloc_check());
	*footer = saved;
	expect_sound("repairing the footer");
	lc_free(a), lc_free(b);
	expect_all_free();
}
END_TEST

Suite *malloc_suite(void)
{
	Suite *s = suite_create("malloc");
	TCase *tc = tcase_create("model");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_random, 0, ROUNDS);
	tcase_add_loop_test(tc, test_coalesce, 0, ROUNDS);
	tcase_add_test(tc, test_steady);
	suite_add_tcase(s, tc);

	tc = tcase_create("interface");
	tcase_add_test(tc, test_calloc);
	tcase_add_test(tc, test_realloc);
	tcase_add_test(tc, test_aligned);
	tcase_add_test(tc, test_out_of_memory);
	tcase_add_test(tc, test_check_notices);
	suite_add_tcase(s, tc);
	return s;
}
