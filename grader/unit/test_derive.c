/*
 * test_derive.c: kernel/cnode.c's cap_derive (what a copy or a mint makes)
 * and kernel/untyped.c's untyped_place (where retype puts an object), two
 * pure functions, as tables of cases.
 *
 * The fakes of object_bits and the other object functions are
 * test_cdt.c's; untyped.c's decoder also wants vspace_asid_free, below.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"

#include "cap.h"
#include <erix/errors.h>

int cap_derive(const struct cap *src, unsigned rights, bool mint, uint64_t badge,
	       struct cap *out);
int untyped_place(const struct cap *ut, unsigned bits, uint64_t *offset);

/* untyped.c's decoder asks this before a VSpace retype; never reached. */
bool vspace_asid_free(void) { return true; }

/* ---- cap_derive ---------------------------------------------------------- */

struct derive_case {
	const char *what;
	struct cap src;
	unsigned rights;
	bool mint;
	uint64_t badge;
	int result;          /* 0 or -ERR_* */
	unsigned want_rights; /* when result is 0 */
	uint64_t want_word;
	unsigned want_guard_bits;
};

#define EP(r, b) { .type = ERIX_OBJ_ENDPOINT, .rights = (r), .obj = 0x1000, .word = (b) }
#define CN(r) { .type = ERIX_OBJ_CNODE, .rights = (r), .bits = 4, .guard_bits = 60, .obj = 0x2000 }

static const struct derive_case derive_cases[] = {
	{ "copy, all rights", EP(ALL, 0), ALL, false, 0, 0, ALL, 0, 0 },
	{ "copy narrows to R|W", EP(ALL, 0), R | W, false, 0, 0, R | W, 0, 0 },
	{ "copy never widens", EP(R, 0), ALL, false, 0, 0, R, 0, 0 },
	{ "copy to no rights at all", EP(ALL, 0), 0, false, 0, 0, 0, 0, 0 },
	{ "copy keeps the badge", EP(ALL, 9), ALL, false, 0, 0, ALL, 9, 0 },
	{ "bad rights bits", EP(ALL, 0), 0x80 | R, false, 0, -ERR_INVALID, 0, 0, 0 },
	{ "an Untyped is never copied", { .type = ERIX_OBJ_UNTYPED, .rights = ALL, .bits = 12 },
	  ALL, false, 0, -ERR_WRONG_TYPE, 0, 0, 0 },
	{ "mint sets a badge", EP(ALL, 0), ALL, true, 42, 0, ALL, 42, 0 },
	{ "mint narrows and badges", EP(ALL, 0), R, true, 7, 0, R, 7, 0 },
	{ "mint of a badged cap with 0 keeps it", EP(ALL, 5), ALL, true, 0, 0, ALL, 5, 0 },
	{ "mint of a badged cap, the same badge", EP(ALL, 5), ALL, true, 5, 0, ALL, 5, 0 },
	{ "a badge is set once", EP(ALL, 5), ALL, true, 6, -ERR_INVALID, 0, 0, 0 },
	{ "the widest badge", EP(ALL, 0), ALL, true, (1ull << 56) - 1, 0, ALL,
	  (1ull << 56) - 1, 0 },
	{ "a badge too wide", EP(ALL, 0), ALL, true, 1ull << 56, -ERR_INVALID, 0, 0, 0 },
	{ "a notification takes a badge",
	  { .type = ERIX_OBJ_NOTIFICATION, .rights = ALL, .obj = 0x3000 }, ALL, true, 3, 0, ALL, 3,
	  0 },
	{ "a frame takes no badge", { .type = ERIX_OBJ_FRAME, .rights = ALL, .obj = 0x4000 }, ALL,
	  true, 3, -ERR_INVALID, 0, 0, 0 },
	{ "a frame's copy starts unmapped",
	  { .type = ERIX_OBJ_FRAME, .rights = ALL, .asid = 3, .obj = 0x4000, .word = 0x400000 },
	  R, false, 0, 0, R, 0, 0 },
	{ "mint of a CNode sets its guard", CN(ALL), ALL, true, ERIX_GUARD(4, 0xa), 0, ALL, 0xa, 4 },
	{ "mint of a CNode, no guard", CN(ALL), ALL, true, 0, 0, ALL, 0, 0 },
	{ "a guard wider than guard_bits", CN(ALL), ALL, true, ERIX_GUARD(2, 0x7), -ERR_INVALID, 0, 0,
	  0 },
	{ "guard_bits + radix past 64", CN(ALL), ALL, true, 61, -ERR_INVALID, 0, 0, 0 },
	{ "guard_bits + radix exactly 64", CN(ALL), ALL, true, 60, 0, ALL, 0, 60 },
};

START_TEST(derive_table)
{
	const struct derive_case *c = &derive_cases[_i];
	struct cap out = { .type = 0xee }, src = c->src;
	int r = cap_derive(&src, c->rights, c->mint, c->badge, &out);
	ck_assert_msg(r == c->result, "%s: cap_derive returned %s, not %s", c->what,
		      unit_err_name(r), unit_err_name(c->result));
	ck_assert_msg(memcmp(&src, &c->src, sizeof(src)) == 0, "%s: the source changed", c->what);
	if (r != 0)
		return;
	ck_assert_msg(out.type == c->src.type && out.obj == c->src.obj, "%s: another object",
		      c->what);
	ck_assert_msg(out.rights == c->want_rights, "%s: rights 0x%x, not 0x%x", c->what,
		      out.rights, c->want_rights);
	ck_assert_msg(out.word == c->want_word, "%s: word %#llx, not %#llx", c->what,
		      (unsigned long long)out.word, (unsigned long long)c->want_word);
	if (out.type == ERIX_OBJ_CNODE)
		ck_assert_msg(out.guard_bits == c->want_guard_bits && out.bits == c->src.bits,
			      "%s: guard_bits %u radix %u", c->what, out.guard_bits, out.bits);
	if (out.type == ERIX_OBJ_FRAME)
		ck_assert_msg(out.asid == 0, "%s: the copy is mapped (asid %u)", c->what, out.asid);
}
END_TEST

/* ---- untyped_place ------------------------------------------------------- */

struct place_case {
	const char *what;
	unsigned ut_bits;   /* the Untyped: 2^ut_bits bytes */
	uint64_t watermark;
	unsigned bits;      /* the object: 2^bits bytes */
	int result;
	uint64_t offset;
};

static const struct place_case place_cases[] = {
	{ "the first object, at 0", 16, 0, 12, 0, 0 },
	{ "right after the watermark", 16, 0x1000, 12, 0, 0x1000 },
	{ "aligned up past the watermark", 16, 0x40, 12, 0, 0x1000 },
	{ "a small object right at the watermark", 16, 0x1040, 6, 0, 0x1040 },
	{ "the last object that fits", 14, 0x3000, 12, 0, 0x3000 },
	{ "full: nothing more fits", 14, 0x4000, 12, -ERR_NO_MEMORY, 0 },
	{ "aligned past the end", 14, 0x3040, 12, -ERR_NO_MEMORY, 0 },
	{ "an object the size of the Untyped", 12, 0, 12, 0, 0 },
	{ "an object bigger than the Untyped", 12, 0, 13, -ERR_NO_MEMORY, 0 },
	{ "the largest sizes, empty", 47, 0, 47, 0, 0 },
	{ "the largest sizes, one byte used", 47, 1, 47, -ERR_NO_MEMORY, 0 },
	{ "a huge object in a small Untyped", 6, 0, 47, -ERR_NO_MEMORY, 0 },
	{ "a small object at the very end", 47, (1ull << 47) - 64, 6, 0, (1ull << 47) - 64 },
};

START_TEST(place_table)
{
	const struct place_case *c = &place_cases[_i];
	struct cap ut = { .type = ERIX_OBJ_UNTYPED, .rights = ALL, .bits = (uint8_t)c->ut_bits,
			  .obj = 0x100000, .word = c->watermark };
	uint64_t offset = 0xdead;
	int r = untyped_place(&ut, c->bits, &offset);
	ck_assert_msg(r == c->result, "%s: untyped_place returned %s, not %s", c->what,
		      unit_err_name(r), unit_err_name(c->result));
	ck_assert_msg(ut.word == c->watermark, "%s: the watermark moved (decode changes nothing)",
		      c->what);
	if (r == 0)
		ck_assert_msg(offset == c->offset, "%s: offset %#llx, not %#llx", c->what,
			      (unsigned long long)offset, (unsigned long long)c->offset);
}
END_TEST

Suite *derive_suite(void)
{
	Suite *s = suite_create("derive");
	TCase *tc = tcase_create("cap_derive");
	tcase_add_loop_test(tc, derive_table, 0, sizeof(derive_cases) / sizeof(derive_cases[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("untyped_place");
	tcase_add_loop_test(tc, place_table, 0, sizeof(place_cases) / sizeof(place_cases[0]));
	suite_add_tcase(s, tc);
	return s;
}
