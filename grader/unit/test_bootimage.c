/*
 * test_bootimage.c: the boot image's builder (user/tools/bootimage_build.c)
 * and parser (user/lib/bootimage.c), against each other and against
 * images broken one way each (erix/bootimage.h lists the rules).
 *
 *  - round trips: random sets of files (0 to ERIX_BOOTIMAGE_MAX_FILES, 0 to
 *    3 pages each, random names) built, parsed, found by name, their bytes
 *    and the zero padding checked;
 *  - broken images (broken_cases[]): each made from a good one by one
 *    change, the checksum made right again where the case is about
 *    something else, so that the rule under test is what refuses it;
 *  - truncation at every length below the image's, and single flipped
 *    bytes: refused, never read out of bounds (AddressSanitizer watches:
 *    each image sits at the very end of its own allocation);
 *  - the builder's refusals: too many files, empty, long or repeated names.
 */
#include "unit.h"
#include "bootimage.h"
#include "bootimage_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erix/bootimage.h>
#include <erix/errors.h>

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return rng;
}

/* A set of files, their names and bytes owned here. */
struct set {
	unsigned n;
	struct bootimage_file f[ERIX_BOOTIMAGE_MAX_FILES];
	char names[ERIX_BOOTIMAGE_MAX_FILES][ERIX_BOOTIMAGE_NAME_MAX];
	uint8_t *data[ERIX_BOOTIMAGE_MAX_FILES];
};

static void make_set(struct set *s, unsigned n)
{
	s->n = n;
	for (unsigned i = 0; i < n; i++) {
		unsigned len = 1 + (unsigned)(rnd() % (ERIX_BOOTIMAGE_NAME_MAX - 8));
		for (unsigned k = 0; k < len; k++)
			s->names[i][k] = (char)('a' + rnd() % 26);
		s->names[i][len] = (char)('0' + i / 10); /* unique: two digits */
		s->names[i][len + 1] = (char)('0' + i % 10);
		s->names[i][len + 2] = 0;
		uint64_t size = rnd() % 4 == 0 ? 0 : rnd() % (3 * ERIX_BOOTIMAGE_ALIGN);
		s->data[i] = malloc(size ? size : 1);
		for (uint64_t k = 0; k < size; k++)
			s->data[i][k] = (uint8_t)rnd();
		s->f[i] = (struct bootimage_file){ s->names[i], s->data[i], size };
	}
}

static void free_set(struct set *s)
{
	for (unsigned i = 0; i < s->n; i++)
		free(s->data[i]);
}

/* at_end: a copy of img (len bytes) at the end of an allocation of exactly
 * len bytes, so that a read past it is an ASan report. */
static uint8_t *at_end(const uint8_t *img, uint64_t len)
{
	uint8_t *c = malloc(len ? len : 1);
	memcpy(c, img, len);
	return c;
}

static void build(const struct set *s, uint8_t **img, uint64_t *len)
{
	const char *why;
	ck_assert_msg(bootimage_build(s->f, s->n, img, len, &why) == 0, "build: %s", why);
}

/* reseal: the checksum made right for the image's bytes as they are. */
static void reseal(uint8_t *img)
{
	struct erix_bootimage_header *h = (void *)img;
	h->checksum = erix_bootimage_fnv1a(ERIX_FNV1A_START, img + sizeof(*h), h->size - sizeof(*h));
}

/* ---- round trips ----------------------------------------------------------- */

START_TEST(test_round_trip)
{
	rng += (uint64_t)_i * 7919;
	struct set s;
	unsigned n = _i == 0 ? 0 : _i == 1 ? ERIX_BOOTIMAGE_MAX_FILES
					   : (unsigned)(rnd() % ERIX_BOOTIMAGE_MAX_FILES);
	make_set(&s, n);
	uint8_t *img;
	uint64_t len;
	build(&s, &img, &len);
	uint8_t *copy = at_end(img, len);
	struct bootimage b;
	const char *why;
	ck_assert_msg(bootimage_parse(copy, len, &b, &why) == 0, "%u files: %s", n, why);
	ck_assert_uint_eq(b.count, n);
	ck_assert_uint_eq(b.size, len);
	ck_assert_msg(len % ERIX_BOOTIMAGE_ALIGN == 0, "the image is not a whole number of pages");
	uint64_t covered = sizeof(struct erix_bootimage_header) + (uint64_t)n * 64;
	for (unsigned i = 0; i < n; i++) {
		const struct erix_bootimage_entry *e = bootimage_find(&b, s.names[i]);
		ck_assert_msg(e == &b.table[i], "file %u (%s) not found where it is", i, s.names[i]);
		ck_assert_msg(e->offset % ERIX_BOOTIMAGE_ALIGN == 0, "file %u is not on a page", i);
		ck_assert_uint_eq(e->size, s.f[i].size);
		ck_assert_msg(memcmp(bootimage_data(&b, e), s.data[i], e->size) == 0,
			      "file %u's bytes differ", i);
		for (uint64_t k = covered; k < e->offset; k++)
			ck_assert_msg(copy[k] == 0, "padding byte %llu is not 0", (unsigned long long)k);
		covered = e->offset + e->size;
	}
	for (uint64_t k = covered; k < len; k++)
		ck_assert_msg(copy[k] == 0, "trailing byte %llu is not 0", (unsigned long long)k);
	ck_assert_msg(bootimage_find(&b, "no such file") == NULL, "found a file never put in");
	free(copy), free(img), free_set(&s);
}
END_TEST

/* ---- broken images ------------------------------------------------------------ */

struct broken {
	const char *what;
	void (*breakit)(uint8_t *img, uint64_t *len); /* *len: the bytes the module holds */
	const char *why; /* a word the parser's message must contain */
};

static struct erix_bootimage_header *hdr(uint8_t *img) { return (void *)img; }
static struct erix_bootimage_entry *ent(uint8_t *img, unsigned i)
{
	return (struct erix_bootimage_entry *)(img + 64) + i;
}

static void b_magic(uint8_t *img, uint64_t *len) { (void)len; hdr(img)->magic ^= 1; }
static void b_reserved(uint8_t *img, uint64_t *len) { (void)len; hdr(img)->reserved[3] = 1; }
static void b_version(uint8_t *img, uint64_t *len) { (void)len; hdr(img)->version = 2; }
static void b_short_header(uint8_t *img, uint64_t *len) { (void)img; *len = 63; }
static void b_truncated(uint8_t *img, uint64_t *len) { (void)img; *len -= 1; }
static void b_size_huge(uint8_t *img, uint64_t *len) { (void)len; hdr(img)->size = ~0ull; }
static void b_count(uint8_t *img, uint64_t *len) { (void)len; hdr(img)->count = ERIX_BOOTIMAGE_MAX_FILES + 1; }
static void b_table_past(uint8_t *img, uint64_t *len)
{
	hdr(img)->size = 64 + 2 * 64 - 1; /* three entries, one byte short */
	hdr(img)->count = 3;
	*len = hdr(img)->size;
	reseal(img);
}
static void b_checksum(uint8_t *img, uint64_t *len) { img[*len - 1] ^= 0x40; }
static void b_name_empty(uint8_t *img, uint64_t *len) { (void)len; ent(img, 1)->name[0] = 0; reseal(img); }
static void b_name_unterminated(uint8_t *img, uint64_t *len)
{
	(void)len;
	memset(ent(img, 2)->name, 'x', ERIX_BOOTIMAGE_NAME_MAX);
	reseal(img);
}
static void b_name_twice(uint8_t *img, uint64_t *len)
{
	(void)len;
	strcpy(ent(img, 2)->name, ent(img, 0)->name);
	reseal(img);
}
static void b_unaligned(uint8_t *img, uint64_t *len) { (void)len; ent(img, 1)->offset += 8; reseal(img); }
static void b_overlap(uint8_t *img, uint64_t *len)
{
	(void)len;
	ent(img, 1)->offset = ent(img, 0)->offset; /* over the file before */
	reseal(img);
}
static void b_over_table(uint8_t *img, uint64_t *len) { (void)len; ent(img, 0)->offset = 0; reseal(img); }
static void b_past_end(uint8_t *img, uint64_t *len)
{
	(void)len;
	ent(img, 3)->size = hdr(img)->size - ent(img, 3)->offset + 1;
	reseal(img);
}
static void b_wraps(uint8_t *img, uint64_t *len)
{
	(void)len;
	ent(img, 3)->size = ~0ull - ent(img, 3)->offset + 2; /* offset + size wraps to 1 */
	reseal(img);
}
static void b_offset_past(uint8_t *img, uint64_t *len)
{
	(void)len;
	ent(img, 3)->offset = hdr(img)->size + ERIX_BOOTIMAGE_ALIGN;
	ent(img, 3)->size = 0;
	reseal(img);
}

static const struct broken broken_cases[] = {
	{ "wrong magic", b_magic, "magic" },
	{ "a reserved word set", b_reserved, "reserved" },
	{ "another version", b_version, "version" },
	{ "shorter than a header", b_short_header, "shorter" },
	{ "one byte missing", b_truncated, "truncated" },
	{ "a size past the module", b_size_huge, "truncated" },
	{ "too many files", b_count, "more files" },
	{ "a table past the end", b_table_past, "table" },
	{ "a flipped byte", b_checksum, "checksum" },
	{ "an empty name", b_name_empty, "name" },
	{ "an unterminated name", b_name_unterminated, "name" },
	{ "a name twice", b_name_twice, "one name" },
	{ "a file off its page", b_unaligned, "page" },
	{ "two files at one offset", b_overlap, "overlaps" },
	{ "a file over the table", b_over_table, "overlaps" },
	{ "a file one byte too long", b_past_end, "past" },
	{ "offset + size wrapping", b_wraps, "past" },
	{ "a file starting past the end", b_offset_past, "past" },
};

START_TEST(test_broken)
{
	const struct broken *c = &broken_cases[_i];
	struct set s;
	rng = 12345;
	make_set(&s, 5);
	s.f[0].size = s.f[0].size ? s.f[0].size : 1; /* overlaps need bytes */
	s.f[3].size = s.f[3].size ? s.f[3].size : 1;
	uint8_t *img, *copy;
	uint64_t len;
	build(&s, &img, &len);
	c->breakit(img, &len);
	copy = at_end(img, len);
	struct bootimage b;
	const char *why = NULL;
	ck_assert_msg(bootimage_parse(copy, len, &b, &why) == -ERR_INVALID, "%s: accepted", c->what);
	ck_assert_msg(why && strstr(why, c->why), "%s: refused, but with \"%s\" (no \"%s\")", c->what,
		      why ? why : "(nothing)", c->why);
	free(copy), free(img), free_set(&s);
}
END_TEST

/* Every length short of the image, and every single flipped byte: refused. */
START_TEST(test_truncated_and_flipped)
{
	struct set s;
	rng = 777;
	make_set(&s, 3);
	uint8_t *img;
	uint64_t len;
	build(&s, &img, &len);
	struct bootimage b;
	const char *why;
	for (uint64_t l = 0; l < len; l += l < 256 ? 1 : 61) {
		uint8_t *copy = at_end(img, l);
		ck_assert_msg(bootimage_parse(copy, l, &b, &why) == -ERR_INVALID,
			      "cut to %llu of %llu bytes: accepted", (unsigned long long)l,
			      (unsigned long long)len);
		free(copy);
	}
	for (uint64_t k = 0; k < len; k += k < 512 ? 1 : 97) {
		uint8_t *copy = at_end(img, len);
		copy[k] ^= (uint8_t)(1u << (k % 8));
		ck_assert_msg(bootimage_parse(copy, len, &b, &why) == -ERR_INVALID,
			      "byte %llu flipped: accepted", (unsigned long long)k);
		free(copy);
	}
	free(img), free_set(&s);
}
END_TEST

/* ---- the builder's refusals ----------------------------------------------------- */

START_TEST(test_builder_refuses)
{
	static char long_name[ERIX_BOOTIMAGE_NAME_MAX + 1];
	memset(long_name, 'n', ERIX_BOOTIMAGE_NAME_MAX);
	struct bootimage_file one = { "a", "x", 1 };
	struct bootimage_file many[ERIX_BOOTIMAGE_MAX_FILES + 1];
	static char names[ERIX_BOOTIMAGE_MAX_FILES + 1][8];
	for (unsigned i = 0; i <= ERIX_BOOTIMAGE_MAX_FILES; i++) {
		snprintf(names[i], sizeof(names[i]), "f%u", i);
		many[i] = (struct bootimage_file){ names[i], "x", 1 };
	}
	struct bootimage_file empty = { "", "x", 1 }, longf = { long_name, "x", 1 };
	struct bootimage_file twice[2] = { one, one };
	uint8_t *img = NULL;
	uint64_t len;
	const char *why;
	ck_assert_msg(bootimage_build(many, ERIX_BOOTIMAGE_MAX_FILES + 1, &img, &len, &why) == -1,
		      "65 files built");
	ck_assert_msg(bootimage_build(&empty, 1, &img, &len, &why) == -1, "an empty name built");
	ck_assert_msg(bootimage_build(&longf, 1, &img, &len, &why) == -1, "a 48-byte name built");
	ck_assert_msg(bootimage_build(twice, 2, &img, &len, &why) == -1, "a name twice built");
	long_name[ERIX_BOOTIMAGE_NAME_MAX - 1] = 0; /* 47 bytes: fits */
	ck_assert_msg(bootimage_build(&longf, 1, &img, &len, &why) == 0, "a 47-byte name: %s", why);
	free(img);
}
END_TEST

Suite *bootimage_suite(void)
{
	Suite *s = suite_create("bootimage");
	TCase *tc = tcase_create("round trips");
	tcase_add_loop_test(tc, test_round_trip, 0, 24);
	suite_add_tcase(s, tc);
	tc = tcase_create("broken images");
	tcase_add_loop_test(tc, test_broken, 0, (int)(sizeof(broken_cases) / sizeof(broken_cases[0])));
	tcase_add_test(tc, test_truncated_and_flipped);
	suite_add_tcase(s, tc);
	tc = tcase_create("builder");
	tcase_add_test(tc, test_builder_refuses);
	suite_add_tcase(s, tc);
	return s;
}
