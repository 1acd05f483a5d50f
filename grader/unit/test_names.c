/*
 * test_names.c: the name server's table (user/servers/name/table.c:
 * name_insert, name_find, name_remove) and its rules (name_rights_for,
 * may_register), against table.h's contracts.
 *
 *  - insert_cases[]: each name refused or taken, errors in their order
 *    (empty, too long, NUL inside, taken, full); names are given by
 *    length, in buffers of exactly that size (AddressSanitizer watches);
 *  - exact bytes: a prefix or an extension of a name never finds it;
 *  - a full table: NAME_ENTRIES names, the lowest free entry each time,
 *    ERR_NO_SPACE after, ERR_EXISTS before ERR_NO_SPACE, entries reused
 *    after a remove;
 *  - a model: random inserts, finds and removes of short names that are
 *    prefixes of each other, against a plain list;
 *  - rights: every registered mask against every capability's rights;
 *    badges: only NAME_BADGE_REGISTER registers.
 */
#include "unit.h"
#include "../../user/servers/name/table.h"

#include <erix/caps.h>
#include <erix/errors.h>
#include "status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Suite *names_suite(void);

/* The table's result, named for failure messages. */
static const char *res(int r)
{
	static char buf[32];
	if (r == -ERR_NOT_FOUND)
		return "-ERR_NOT_FOUND";
	if (r == -ERR_TOO_LONG)
		return "-ERR_TOO_LONG";
	if (r == -ERR_NO_SPACE)
		return "-ERR_NO_SPACE";
	if (r < 0)
		return unit_err_name(r);
	snprintf(buf, sizeof(buf), "index %d", r);
	return buf;
}

/* exact: a copy of len bytes of s in an allocation of exactly len bytes. */
static char *exact(const char *s, size_t len)
{
	char *p = malloc(len ? len : 1);
	memcpy(p, s, len);
	return p;
}

static int insert(struct name_table *t, const char *s, size_t len)
{
	char *p = exact(s, len);
	int r = name_insert(t, p, len);
	free(p);
	return r;
}
static int find(const struct name_table *t, const char *s, size_t len)
{
	char *p = exact(s, len);
	int r = name_find(t, p, len);
	free(p);
	return r;
}
static int removes(struct name_table *t, const char *s, size_t len)
{
	char *p = exact(s, len);
	int r = name_remove(t, p, len);
	free(p);
	return r;
}

#define S(lit) lit, sizeof(lit) - 1 /* a literal and its length, NULs included */

/* ---- insert: one name into a table holding "taken" and "ab" --------------- */

static const char n32[] = "0123456789abcdef0123456789ABCDEF";
static const char n33[] = "0123456789abcdef0123456789ABCDEFx";

static const struct insert_case {
	const char *what;
	const char *name;
	size_t len;
	int want; /* an error, or 2 for "the next entry" */
} insert_cases[] = {
	{ "a name", S("echo"), 2 },
	{ "one byte", S("x"), 2 },
	{ "NAME_MAX bytes", n32, NAME_MAX, 2 },
	{ "any bytes but NUL", S("\xff\x01 /\n"), 2 },
	{ "a prefix of a name taken", S("a"), 2 },
	{ "a name taken, longer", S("abc"), 2 },
	{ "a name taken, other case", S("TAKEN"), 2 },
	{ "empty", "", 0, -ERR_INVALID },
	{ "NAME_MAX + 1 bytes", n33, NAME_MAX + 1, -ERR_TOO_LONG },
	{ "far too long", n33, 200, -ERR_TOO_LONG }, /* (the buffer is copied to size) */
	{ "too long, with a NUL: too long first", S("0123456789abcdef\0" "0123456789ABCDEF"),
	  -ERR_TOO_LONG },
	{ "a NUL first", S("\0ab"), -ERR_INVALID },
	{ "a NUL inside", S("ec\0ho"), -ERR_INVALID },
	{ "a NUL last", S("echo\0"), -ERR_INVALID },
	{ "a NUL alone", S("\0"), -ERR_INVALID },
	{ "a NUL last at NAME_MAX", S("0123456789abcdef0123456789ABCDE\0"), -ERR_INVALID },
	{ "taken", S("taken"), -ERR_EXISTS },
	{ "taken, short", S("ab"), -ERR_EXISTS },
	{ "NUL inside a taken name: NUL first", S("tak\0n"), -ERR_INVALID },
};

START_TEST(test_insert)
{
	const struct insert_case *c = &insert_cases[_i];
	struct name_table t;
	char *buf = NULL;
	name_table_init(&t);
	ck_assert_int_eq(insert(&t, S("taken")), 0);
	ck_assert_int_eq(insert(&t, S("ab")), 1);
	if (c->len > sizeof(n33)) { /* a long buffer, for the far-too-long case */
		buf = calloc(1, c->len);
		memset(buf, 'z', c->len);
	}
	int r = insert(&t, buf ? buf : c->name, c->len);
	free(buf);
	EXPECT(r == c->want, "%s: %s, expected %s", c->what, res(r), res(c->want));
	if (r >= 0) {
		int f = find(&t, c->name, c->len);
		EXPECT(f == r, "%s: inserted at %d, found at %s", c->what, r, res(f));
	} else if (c->len && c->len <= NAME_MAX && c->want != -ERR_EXISTS) {
		int f = find(&t, c->name, c->len);
		EXPECT(f == -ERR_NOT_FOUND, "%s: refused, but found (%s)", c->what, res(f));
	}
	/* The entries there before are untouched. */
	EXPECT(find(&t, S("taken")) == 0 && find(&t, S("ab")) == 1, "%s: old entries moved",
	       c->what);
}
END_TEST

/* ---- exact bytes ---------------------------------------------------------- */

static const struct match_case {
	const char *what;
	const char *name;
	size_t len;
	int want; /* the index in a table of "ab" (0), "abcd" (1), "x\xff" (2) */
} match_cases[] = {
	{ "exactly", S("ab"), 0 },
	{ "exactly, longer", S("abcd"), 1 },
	{ "exactly, high bytes", S("x\xff"), 2 },
	{ "a prefix", S("a"), -ERR_NOT_FOUND },
	{ "between two", S("abc"), -ERR_NOT_FOUND },
	{ "an extension", S("abcde"), -ERR_NOT_FOUND },
	{ "an extension by a NUL", S("ab\0"), -ERR_NOT_FOUND },
	{ "other case", S("AB"), -ERR_NOT_FOUND },
	{ "the last byte differs", S("ac"), -ERR_NOT_FOUND },
	{ "the first byte differs", S("bb"), -ERR_NOT_FOUND },
	{ "empty", "", 0, -ERR_NOT_FOUND },
	{ "too long", n33, NAME_MAX + 1, -ERR_NOT_FOUND },
};

START_TEST(test_match)
{
	const struct match_case *c = &match_cases[_i];
	struct name_table t;
	name_table_init(&t);
	ck_assert_int_eq(insert(&t, S("ab")), 0);
	ck_assert_int_eq(insert(&t, S("abcd")), 1);
	ck_assert_int_eq(insert(&t, S("x\xff")), 2);
	int r = find(&t, c->name, c->len);
	EXPECT(r == c->want, "find %s: %s, expected %s", c->what, res(r), res(c->want));
	/* A name's buffer may hold more bytes than its length. */
	char longer[64];
	memcpy(longer, c->name, c->len);
	memcpy(longer + c->len, "abcd", 4);
	r = name_find(&t, longer, c->len);
	EXPECT(r == c->want, "find %s, with bytes after it: %s, expected %s", c->what, res(r),
	       res(c->want));
	r = removes(&t, c->name, c->len);
	EXPECT(r == c->want, "remove %s: %s, expected %s", c->what, res(r), res(c->want));
	for (int i = 0; i < 3; i++) {
		static const char *const names[] = { "ab", "abcd", "x\xff" };
		int f = find(&t, names[i], strlen(names[i]));
		EXPECT(f == (i == c->want ? -ERR_NOT_FOUND : i), "after remove %s: %s is %s",
		       c->what, names[i], res(f));
	}
}
END_TEST

/* ---- a full table, and removing ------------------------------------------- */

START_TEST(test_full)
{
	struct name_table t;
	char s[16];
	name_table_init(&t);
	for (int i = 0; i < NAME_ENTRIES; i++) {
		int len = snprintf(s, sizeof(s), "n%d", i);
		int r = insert(&t, s, (size_t)len);
		EXPECT(r == i, "name %d went to %s, expected the lowest free entry", i, res(r));
	}
	int r = insert(&t, S("one more"));
	EXPECT(r == -ERR_NO_SPACE, "full: %s, expected -ERR_NO_SPACE", res(r));
	r = insert(&t, S("n7"));
	EXPECT(r == -ERR_EXISTS, "full, name taken: %s, expected -ERR_EXISTS", res(r));
	r = insert(&t, "", 0);
	EXPECT(r == -ERR_INVALID, "full, empty name: %s", res(r));
	r = insert(&t, n33, NAME_MAX + 1);
	EXPECT(r == -ERR_TOO_LONG, "full, name too long: %s", res(r));
	for (int i = 0; i < NAME_ENTRIES; i++) {
		int len = snprintf(s, sizeof(s), "n%d", i);
		EXPECT(find(&t, s, (size_t)len) == i, "full: %s not at %d", s, i);
	}
	/* Free two; the lower is taken first, then the other. */
	EXPECT(removes(&t, S("n40")) == 40, "remove n40");
	EXPECT(removes(&t, S("n9")) == 9, "remove n9");
	EXPECT(removes(&t, S("n9")) == -ERR_NOT_FOUND, "remove n9 twice");
	EXPECT(find(&t, S("n9")) == -ERR_NOT_FOUND, "n9 found after its remove");
	EXPECT(find(&t, S("n40")) == -ERR_NOT_FOUND, "n40 found after its remove");
	r = insert(&t, S("first"));
	EXPECT(r == 9, "first into %s, expected 9", res(r));
	r = insert(&t, S("n9"));
	EXPECT(r == 40, "n9 again into %s, expected 40", res(r));
	r = insert(&t, S("third"));
	EXPECT(r == -ERR_NO_SPACE, "full again: %s", res(r));
	EXPECT(find(&t, S("first")) == 9 && find(&t, S("n9")) == 40, "moved after reuse");
	/* Empty it all, then it takes NAME_ENTRIES names again. */
	for (int i = 0; i < NAME_ENTRIES; i++) {
		int len = snprintf(s, sizeof(s), "n%d", i);
		if (i != 40 && i != 9)
			EXPECT(removes(&t, s, (size_t)len) == i, "remove %s", s);
	}
	EXPECT(removes(&t, S("first")) == 9 && removes(&t, S("n9")) == 40, "remove the reused");
	for (int i = 0; i < NAME_ENTRIES; i++) {
		int len = snprintf(s, sizeof(s), "m%d", i);
		EXPECT(insert(&t, s, (size_t)len) == i, "refill %s", s);
	}
}
END_TEST

/* ---- the model -------------------------------------------------------------- */

/* The model: the table as a list of (name, length) by entry, plainly. */
struct model {
	bool used[NAME_ENTRIES];
	char name[NAME_ENTRIES][8];
	size_t len[NAME_ENTRIES];
};

static int model_find(const struct model *m, const char *s, size_t len)
{
	for (int i = 0; i < NAME_ENTRIES; i++)
		if (m->used[i] && m->len[i] == len && !memcmp(m->name[i], s, len))
			return i;
	return -ERR_NOT_FOUND;
}

START_TEST(test_model)
{
	uint64_t rng = 0x9e3779b97f4a7c15ull ^ (uint64_t)(_i + 1) * 0x100000001b3ull;
	struct name_table t;
	struct model m;
	unsigned seen[4] = { 0 }; /* full, taken, found or inserted, other */
	memset(&m, 0, sizeof(m));
	name_table_init(&t);
	for (unsigned step = 0; step < 100000; step++) {
		rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
		/* Names of 0..6 bytes from "ab" (and now and then a NUL):
		 * prefixes of each other, 126 of them, so that the table
		 * fills when the mix leans to inserting (odd _i). */
		char s[8];
		size_t len = (size_t)(rng >> 8) % 7;
		for (size_t k = 0; k < len; k++)
			s[k] = (rng >> (20 + k)) & 1 ? 'a' : 'b';
		if (len && (rng >> 40) % 50 == 0)
			s[(rng >> 44) % len] = 0;
		unsigned op = (unsigned)(rng >> 50) % 10;
		bool has_nul = memchr(s, 0, len) != NULL;
		int want, r;
		if (op < (_i % 2 ? 6u : 4u)) {
			want = model_find(&m, s, len);
			if (len == 0 || has_nul)
				want = -ERR_INVALID;
			else if (want >= 0)
				want = -ERR_EXISTS;
			else {
				want = -ERR_NO_SPACE;
				for (int i = 0; i < NAME_ENTRIES; i++)
					if (!m.used[i]) {
						want = i;
						break;
					}
			}
			if (want >= 0) {
				m.used[want] = true;
				memcpy(m.name[want], s, len);
				m.len[want] = len;
			}
			r = insert(&t, s, len);
		} else if (op < 8) {
			want = model_find(&m, s, len);
			r = find(&t, s, len);
		} else {
			want = model_find(&m, s, len);
			if (want >= 0)
				m.used[want] = false;
			r = removes(&t, s, len);
		}
		seen[want == -ERR_NO_SPACE ? 0 : want == -ERR_EXISTS ? 1 : want >= 0 ? 2 : 3]++;
		EXPECT(r == want, "step %u op %u on \"%.*s\" (%zu bytes): %s, expected %s", step, op,
		       (int)len, s, len, res(r), res(want));
	}
	EXPECT(seen[1] && seen[2] && seen[3] && (seen[0] || _i % 2 == 0),
	       "the model's mix: %u full, %u taken, %u found, %u other", seen[0], seen[1], seen[2],
	       seen[3]);
}
END_TEST

/* ---- rights and badges ----------------------------------------------------- */

START_TEST(test_rights)
{
	/* Every registered mask of 9 bits (one past ERIX_RIGHTS_ALL), and
	 * some wide ones, against every capability's rights (3 bits, and
	 * garbage above them). */
	static const uint64_t wide[] = { 1ull << 8, 1ull << 40 | R, ~0ull, 0xf8, ~(uint64_t)W };
	for (uint64_t reg = 0; reg < 512 + sizeof(wide) / sizeof(wide[0]); reg++) {
		uint64_t registered = reg < 512 ? reg : wide[reg - 512];
		for (uint64_t given = 0; given < 16; given++) {
			unsigned want = 0;
			for (unsigned bit = 1; bit <= G; bit <<= 1)
				if ((registered & bit) && (given & bit))
					want |= bit;
			unsigned r = name_rights_for(registered, given);
			EXPECT(r == want, "registered %#llx, given %#llx: %#x, expected %#x",
			       (unsigned long long)registered, (unsigned long long)given, r, want);
		}
	}
	EXPECT(name_rights_for(0xff, 0xff) == ALL, "all and more: %#x", name_rights_for(0xff, 0xff));
	EXPECT(name_rights_for(R | W, ALL) == (R | W), "narrowed: %#x", name_rights_for(R | W, ALL));
	EXPECT(name_rights_for(ALL, W) == W, "never wider than given: %#x", name_rights_for(ALL, W));
}
END_TEST

static const struct badge_case {
	uint64_t badge;
	bool may;
} badge_cases[] = {
	{ NAME_BADGE_REGISTER, true },
	{ NAME_BADGE_LOOKUP, false },
	{ 0, false },                       /* no badge: look up only */
	{ NAME_BADGE_REGISTER | NAME_BADGE_LOOKUP, false },
	{ 4, false },
	{ 5, false },                       /* the register bit, and another */
	{ 0xff, false },
	{ 1ull << 55 | NAME_BADGE_REGISTER, false },
	{ 1ull << 32 | NAME_BADGE_REGISTER, false },
	{ 0x101, false },
	{ ~0ull, false },
};

START_TEST(test_badge)
{
	const struct badge_case *c = &badge_cases[_i];
	bool r = may_register(c->badge);
	EXPECT(r == c->may, "badge %#llx: may_register %d, expected %d",
	       (unsigned long long)c->badge, r, c->may);
}
END_TEST

Suite *names_suite(void)
{
	Suite *s = suite_create("names");
	TCase *tc = tcase_create("table");
	tcase_add_loop_test(tc, test_insert, 0, (int)(sizeof(insert_cases) / sizeof(insert_cases[0])));
	tcase_add_loop_test(tc, test_match, 0, (int)(sizeof(match_cases) / sizeof(match_cases[0])));
	tcase_add_test(tc, test_full);
	suite_add_tcase(s, tc);
	TCase *model = tcase_create("model");
	tcase_set_timeout(model, 60);
	tcase_add_loop_test(model, test_model, 0, 4);
	suite_add_tcase(s, model);
	TCase *rules = tcase_create("rules");
	tcase_add_test(rules, test_rights);
	tcase_add_loop_test(rules, test_badge, 0, (int)(sizeof(badge_cases) / sizeof(badge_cases[0])));
	suite_add_tcase(s, rules);
	return s;
}
