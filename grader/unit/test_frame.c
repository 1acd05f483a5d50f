/*
 * test_frame.c: kernel/frame.c (frame_table_init, frame_table_alloc,
 * frame_table_free) on small tables built by hand.
 *
 * Every row of init_cases[] is a memory map and a list of reserved ranges,
 * with the state every frame must get, written one letter a frame ('F'
 * FREE, 'R' RESERVED; the string's length is nframes). The state array is
 * filled with POISON first and has a guard after its end, so a frame left
 * unset or a write past nframes is caught.
 *
 * The allocator tests share one layout (LAYOUT_*, 22 free frames in 32)
 * and check that frame_table_alloc hands out every FREE frame exactly once,
 * in next-fit order, and that frame_table_free gives frames back.
 *
 * Misuse of frame_table_free is a kernel bug and must panic. For the host
 * this file defines panic(): it exits with PANIC_NAMED if the message
 * names frame_table_free and the address the test passed, and otherwise
 * prints the message to stderr and exits with PANIC_OTHER. The misuse
 * tests are exit tests that want PANIC_NAMED.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "frame.h"
#include "panic.h"

/* ---- panic() for the host ------------------------------------------------ */

#define PANIC_NAMED 86 /* names frame_table_free and the address */
#define PANIC_OTHER 87 /* any other panic */

static char panic_msg[256];
static bool panic_armed; /* a misuse test is about to make the bad call */
static paddr_t panic_pa; /* and this is the address it passes */

/* contains_hex: does s contain the hex digits of v (any case)? */
static bool contains_hex(const char *s, uint64_t v)
{
	char hex[32], low[sizeof(panic_msg)];
	size_t i;

	snprintf(hex, sizeof(hex), "%lx", (unsigned long)v);
	for (i = 0; s[i] && i < sizeof(low) - 1; i++)
		low[i] = tolower((unsigned char)s[i]);
	low[i] = '\0';
	return strstr(low, hex) != NULL;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(panic_msg, sizeof(panic_msg), fmt, ap);
	va_end(ap);

	if (panic_armed && strstr(panic_msg, "frame_table_free") &&
	    contains_hex(panic_msg, panic_pa))
		exit(PANIC_NAMED);
	if (panic_armed)
		fprintf(stderr, "panic(\"%s\"): want a message naming "
				"frame_table_free and 0x%lx\n",
			panic_msg, (unsigned long)panic_pa);
	else
		fprintf(stderr, "panic(\"%s\") before the misuse\n",
			panic_msg);
	exit(PANIC_OTHER);
}

/* ---- frame_table_init ---------------------------------------------------- */

#define F(n) ((paddr_t)(n) * PAGE_SIZE) /* the address of frame n */
#define AVAIL MEM_AVAILABLE
#define MAX_FRAMES 40000 /* the largest table a test makes */
#define GUARD 64         /* bytes after state[nframes] that must stay POISON */
#define POISON 0xee      /* no frame state */

static uint8_t state[MAX_FRAMES + GUARD];

struct init_case {
	const char *name;
	struct mem_region map[6];
	unsigned nmap;
	struct phys_range reserved[4];
	unsigned nreserved;
	const char *states; /* 'F' or 'R' a frame; nframes = its length */
};

/* Each row: name; map, nmap; reserved, nreserved; the states. */
static const struct init_case init_cases[] = {
	{ "empty map: every frame reserved",
	  {}, 0, {}, 0, "RRRRRRRR" },
	{ "one aligned region, frames 2..5",
	  { { F(2), F(4), AVAIL } }, 1, {}, 0, "RRFFFFRR" },
	{ "region from 0 to the end of the table: frame 0 stays reserved",
	  { { 0, F(8), AVAIL } }, 1, {}, 0, "RFFFFFFF" },
	{ "region in the last frame below 2^64 (rounding up wraps)",
	  { { 0xfffffffffffff001, 0x10, AVAIL } }, 1, {}, 0, "RRRRRRRR" },
	{ "unaligned start is rounded up",
	  { { F(2) + 1, F(4) - 1, AVAIL } }, 1, {}, 0, "RRRFFFRR" },
	{ "unaligned end is rounded down",
	  { { F(2), F(4) - 1, AVAIL } }, 1, {}, 0, "RRFFFRRR" },
	{ "both ends unaligned",
	  { { F(2) + 0x800, F(4), AVAIL } }, 1, {}, 0, "RRRFFFRR" },
	{ "region smaller than a frame, inside one frame",
	  { { F(3) + 8, 100, AVAIL } }, 1, {}, 0, "RRRRRRRR" },
	{ "region of one frame's size straddling two frames",
	  { { F(3) + 0x800, F(1), AVAIL } }, 1, {}, 0, "RRRRRRRR" },
	{ "region ending one byte short of a frame",
	  { { F(1), F(2) - 1, AVAIL } }, 1, {}, 0, "RFRRRRRR" },
	{ "region starting one byte before a frame",
	  { { F(1) - 1, F(1) + 1, AVAIL } }, 1, {}, 0, "RFRRRRRR" },
	{ "region past nframes is cut at the table's end",
	  { { F(4), F(100), AVAIL } }, 1, {}, 0, "RRRRFFFF" },
	{ "region wholly beyond the table is ignored",
	  { { F(8), F(4), AVAIL }, { F(20), F(4), AVAIL } }, 2, {}, 0,
	  "RRRRRRRR" },
	{ "region at the top of physical memory is ignored",
	  { { 0xfffffffffff00000, 0xff000, AVAIL } }, 1, {}, 0, "RRRRRRRR" },
	{ "overlapping available regions count once",
	  { { F(1), F(4), AVAIL }, { F(3), F(4), AVAIL } }, 2, {}, 0,
	  "RFFFFFFR" },
	{ "the same region twice counts once",
	  { { F(2), F(3), AVAIL }, { F(2), F(3), AVAIL } }, 2, {}, 0,
	  "RRFFFRRR" },
	{ "a region inside another counts once",
	  { { F(0), F(8), AVAIL }, { F(2), F(2), AVAIL } }, 2, {}, 0,
	  "RFFFFFFF" },
	{ "adjacent unaligned regions: the frame split between them is "
	  "reserved",
	  { { F(1), F(2) + 0x800, AVAIL }, { F(3) + 0x800, F(3), AVAIL } }, 2,
	  {}, 0, "RFFRFFRR" },
	{ "regions in any order",
	  { { F(6), F(2), AVAIL }, { F(1), F(2), AVAIL } }, 2, {}, 0,
	  "RFFRRRFF" },
	{ "non-available region types are ignored",
	  { { F(0), F(2), MEM_RESERVED },
	    { F(2), F(1), MEM_ACPI_RECLAIMABLE },
	    { F(3), F(1), MEM_ACPI_NVS },
	    { F(4), F(1), MEM_BAD },
	    { F(5), F(1), 0 },
	    { F(6), F(2), 7 } },
	  6, {}, 0, "RRRRRRRR" },
	{ "available region among others",
	  { { F(0), F(2), MEM_RESERVED }, { F(2), F(3), AVAIL },
	    { F(5), F(3), MEM_BAD } },
	  3, {}, 0, "RRFFFRRR" },
	{ "reserved range of whole frames",
	  { { 0, F(8), AVAIL } }, 1, { { F(2), F(4) } }, 1, "RFRRFFFF" },
	{ "reserved range touching two frames partly reserves both",
	  { { 0, F(8), AVAIL } }, 1, { { F(2) + 100, F(3) + 1 } }, 1,
	  "RFRRFFFF" },
	{ "reserved range of one byte, the last of a frame",
	  { { 0, F(8), AVAIL } }, 1, { { F(5) - 1, F(5) } }, 1, "RFFFRFFF" },
	{ "reserved range of one byte, the first of a frame",
	  { { 0, F(8), AVAIL } }, 1, { { F(5), F(5) + 1 } }, 1, "RFFFFRFF" },
	{ "reserved range ends are exclusive: [F(3), F(5)) spares frame 5",
	  { { 0, F(8), AVAIL } }, 1, { { F(3), F(5) } }, 1, "RFFRRFFF" },
	{ "empty reserved range reserves nothing",
	  { { 0, F(8), AVAIL } }, 1, { { F(4), F(4) } }, 1, "RFFFFFFF" },
	{ "several reserved ranges, overlapping each other",
	  { { 0, F(8), AVAIL } }, 1,
	  { { 0, F(1) }, { F(3), F(5) }, { F(4), F(6) },
	    { F(7) + 5, F(7) + 6 } },
	  4, "RFFRRRFR" },
	{ "reserved range beyond the table changes nothing",
	  { { 0, F(8), AVAIL } }, 1, { { F(8), F(100) } }, 1, "RFFFFFFF" },
	{ "reserved range outside available memory changes nothing",
	  { { F(4), F(4), AVAIL } }, 1, { { F(0), F(3) } }, 1, "RRRRFFFF" },
	{ "reserved range covering everything",
	  { { 0, F(8), AVAIL } }, 1, { { 0, F(1000) } }, 1, "RRRRRRRR" },
};

/* count_free: the number of 'F's in a states string. */
static uint64_t count_free(const char *states)
{
	uint64_t n = 0;

	for (; *states; states++)
		n += *states == 'F';
	return n;
}

static char state_letter(uint8_t s)
{
	return s == FRAME_FREE ? 'F' : s == FRAME_RESERVED ? 'R'
				       : s == FRAME_USED   ? 'U'
							   : '?';
}

/* init_table: frame_table_init on state[] (POISON-filled first). */
static void init_table(struct frame_table *ft, uint64_t nframes,
		       const struct mem_region *map, unsigned nmap,
		       const struct phys_range *reserved, unsigned nreserved)
{
	ck_assert(nframes <= MAX_FRAMES);
	memset(state, POISON, sizeof(state));
	memset(ft, 0xa5, sizeof(*ft));
	frame_table_init(ft, state, nframes, map, nmap, reserved, nreserved);
}

/* check_header: the fields frame_table_init sets, for `usable` free. */
static void check_header(const char *what, const struct frame_table *ft,
			 uint64_t nframes, uint64_t usable)
{
	ck_assert_msg(ft->state == state && ft->nframes == nframes,
		      "%s: state %p, nframes %lu; want %p and %lu", what,
		      (void *)ft->state, (unsigned long)ft->nframes,
		      (void *)state, (unsigned long)nframes);
	ck_assert_msg(ft->usable == usable && ft->free == usable,
		      "%s: usable %lu, free %lu; want %lu and %lu", what,
		      (unsigned long)ft->usable, (unsigned long)ft->free,
		      (unsigned long)usable, (unsigned long)usable);
	ck_assert_msg(ft->next == 0, "%s: next is %lu, want 0", what,
		      (unsigned long)ft->next);
	for (unsigned i = 0; i < GUARD; i++)
		ck_assert_msg(state[nframes + i] == POISON,
			      "%s: state[%lu] written, past the table's %lu "
			      "frames",
			      what, (unsigned long)(nframes + i),
			      (unsigned long)nframes);
}

START_TEST(test_frame_init_table)
{
	const struct init_case *c = &init_cases[_i];
	uint64_t nframes = strlen(c->states);
	struct frame_table ft;
	char got[64];

	ck_assert(nframes < sizeof(got));
	init_table(&ft, nframes, c->map, c->nmap, c->reserved, c->nreserved);

	for (uint64_t f = 0; f < nframes; f++)
		got[f] = state_letter(state[f]);
	got[nframes] = '\0';
	ck_assert_msg(strcmp(got, c->states) == 0,
		      "%s: frame states %s, want %s ('?': not set)", c->name,
		      got, c->states);
	check_header(c->name, &ft, nframes, count_free(c->states));
}
END_TEST

/*
 * A map like QEMU's with 128 MiB, reserved ranges like frame_init's: the
 * first MiB, the kernel, the multiboot information, a module, the table.
 */
static const struct mem_region qemu_map[] = {
	{ 0, 0x9fc00, MEM_AVAILABLE },
	{ 0x9fc00, 0x400, MEM_RESERVED },
	{ 0xf0000, 0x10000, MEM_RESERVED },
	{ 0x100000, 0x7ee0000, MEM_AVAILABLE },
	{ 0x7fe0000, 0x20000, MEM_RESERVED },
	{ 0xfffc0000, 0x40000, MEM_RESERVED },
};

static const struct phys_range qemu_reserved[] = {
	{ 0, 0x100000 },        /* the first MiB */
	{ 0x100000, 0x180000 }, /* the kernel: 128 frames */
	{ 0x180100, 0x180900 }, /* the multiboot information: 1 frame */
	{ 0x200000, 0x212345 }, /* a module: 19 frames */
	{ 0x213000, 0x21b000 }, /* the frame table: 8 frames */
};

#define QEMU_NFRAMES (0x7fe0000 / PAGE_SIZE)
/* [1 MiB, 0x7fe0000) less 128 + 1 + 19 + 8 reserved frames */
#define QEMU_USABLE (0x7ee0000 / PAGE_SIZE - 156)

static const struct {
	uint64_t frame;
	uint8_t state;
} qemu_frames[] = {
	{ 0x0, FRAME_RESERVED },   { 0x9e, FRAME_RESERVED },
	{ 0xff, FRAME_RESERVED },  { 0x100, FRAME_RESERVED },
	{ 0x17f, FRAME_RESERVED }, { 0x180, FRAME_RESERVED },
	{ 0x181, FRAME_FREE },     { 0x1ff, FRAME_FREE },
	{ 0x200, FRAME_RESERVED }, { 0x212, FRAME_RESERVED },
	{ 0x213, FRAME_RESERVED }, { 0x21a, FRAME_RESERVED },
	{ 0x21b, FRAME_FREE },     { 0x4000, FRAME_FREE },
	{ QEMU_NFRAMES - 1, FRAME_FREE },
};

START_TEST(test_frame_init_qemu)
{
	const char *what = "QEMU-like 128 MiB map";
	struct frame_table ft;

	init_table(&ft, QEMU_NFRAMES, qemu_map, ARRAY_SIZE(qemu_map),
		   qemu_reserved, ARRAY_SIZE(qemu_reserved));
	check_header(what, &ft, QEMU_NFRAMES, QEMU_USABLE);
	for (unsigned i = 0; i < ARRAY_SIZE(qemu_frames); i++) {
		uint64_t f = qemu_frames[i].frame;
		ck_assert_msg(state[f] == qemu_frames[i].state,
			      "%s: frame %#lx (0x%lx) is %c, want %c", what,
			      (unsigned long)f, (unsigned long)F(f),
			      state_letter(state[f]),
			      state_letter(qemu_frames[i].state));
	}
}
END_TEST

/* ---- frame_table_alloc and frame_table_free ------------------------------ */

/*
 * The allocator tests' layout: 32 frames; available [F(0), F(10)),
 * [F(12) + 5, F(20) + 5) and [F(24), F(124)); reserved frame 0 and
 * frames 4 and 5. Free: 1-3, 6-9, 13-19, 24-31.
 */
#define LAYOUT_NFRAMES 32
#define LAYOUT_USABLE 22

static const struct mem_region layout_map[] = {
	{ F(0), F(10), AVAIL },
	{ F(12) + 5, F(8), AVAIL },
	{ F(24), F(100), AVAIL },
};

static const struct phys_range layout_reserved[] = {
	{ 0, F(1) },
	{ F(4), F(6) },
};

/* The free frames in ascending order: next-fit's order on a fresh table. */
static const uint64_t layout_free[LAYOUT_USABLE] = {
	1, 2, 3, 6, 7, 8, 9, 13, 14, 15, 16, 17, 18, 19,
	24, 25, 26, 27, 28, 29, 30, 31,
};

/* layout_init: the layout's table, checked. */
static void layout_init(struct frame_table *ft)
{
	init_table(ft, LAYOUT_NFRAMES, layout_map, ARRAY_SIZE(layout_map),
		   layout_reserved, ARRAY_SIZE(layout_reserved));
	ck_assert_msg(ft->usable == LAYOUT_USABLE && ft->free == LAYOUT_USABLE,
		      "the allocator tests' layout: usable %lu, free %lu after "
		      "frame_table_init; want %d",
		      (unsigned long)ft->usable, (unsigned long)ft->free,
		      LAYOUT_USABLE);
}

/* alloc_expect: frame_table_alloc must return frame f (0: return 0). */
static void alloc_expect(const char *what, struct frame_table *ft,
			 uint64_t f)
{
	paddr_t pa = frame_table_alloc(ft);

	ck_assert_msg(pa == F(f), "%s: frame_table_alloc returned 0x%lx, want "
				  "0x%lx",
		      what, (unsigned long)pa, (unsigned long)F(f));
}

/*
 * Allocating until 0 hands out every FREE frame exactly once: each address
 * frame-aligned, inside the table, FREE before and USED after, free one
 * less each time; then 0 again; RESERVED frames untouched.
 */
START_TEST(test_frame_alloc_all)
{
	struct frame_table ft;
	uint8_t before[LAYOUT_NFRAMES];
	uint64_t seen[(LAYOUT_NFRAMES + 63) / 64] = { 0 }; /* handed out */
	uint64_t n = 0;

	layout_init(&ft);
	memcpy(before, state, sizeof(before));
	for (;;) {
		paddr_t pa = frame_table_alloc(&ft);
		if (pa == 0)
			break;
		uint64_t f = pa / PAGE_SIZE; /* its frame number */
		ck_assert_msg(n < LAYOUT_USABLE,
			      "allocation %lu (0x%lx): more frames than the %d "
			      "free ones",
			      (unsigned long)n + 1, (unsigned long)pa,
			      LAYOUT_USABLE);
		ck_assert_msg(pa % PAGE_SIZE == 0 && f < LAYOUT_NFRAMES,
			      "allocation %lu: 0x%lx is not a frame of the "
			      "table",
			      (unsigned long)n + 1, (unsigned long)pa);
		ck_assert_msg(!(seen[f / 64] & (1ull << (f % 64))),
			      "allocation %lu: 0x%lx handed out twice",
			      (unsigned long)n + 1, (unsigned long)pa);
		ck_assert_msg(before[f] == FRAME_FREE,
			      "allocation %lu: 0x%lx was %c, not FREE",
			      (unsigned long)n + 1, (unsigned long)pa,
			      state_letter(before[f]));
		ck_assert_msg(state[f] == FRAME_USED,
			      "allocation %lu: 0x%lx is %c afterwards, want U",
			      (unsigned long)n + 1, (unsigned long)pa,
			      state_letter(state[f]));
		seen[f / 64] |= 1ull << (f % 64);
		n++;
		ck_assert_msg(ft.free == LAYOUT_USABLE - n,
			      "after %lu allocations free is %lu, want %lu",
			      (unsigned long)n, (unsigned long)ft.free,
			      (unsigned long)(LAYOUT_USABLE - n));
	}
	ck_assert_msg(n == LAYOUT_USABLE,
		      "frame_table_alloc returned 0 after %lu frames, want %d",
		      (unsigned long)n, LAYOUT_USABLE);
	alloc_expect("exhausted table, again", &ft, 0);
	ck_assert_msg(ft.free == 0 && ft.usable == LAYOUT_USABLE,
		      "exhausted table: free %lu, usable %lu; want 0 and %d",
		      (unsigned long)ft.free, (unsigned long)ft.usable,
		      LAYOUT_USABLE);
	for (uint64_t f = 0; f < LAYOUT_NFRAMES; f++)
		ck_assert_msg(state[f] == (before[f] == FRAME_FREE ? FRAME_USED
								   : before[f]),
			      "exhausted table: frame %lu is %c, was %c",
			      (unsigned long)f, state_letter(state[f]),
			      state_letter(before[f]));
}
END_TEST

/* Next fit, fresh table: the free frames in ascending order. */
START_TEST(test_frame_alloc_order)
{
	struct frame_table ft;
	char what[64];

	layout_init(&ft);
	for (int i = 0; i < LAYOUT_USABLE; i++) {
		snprintf(what, sizeof(what), "fresh table, allocation %d",
			 i + 1);
		alloc_expect(what, &ft, layout_free[i]);
	}
	alloc_expect("fresh table, allocation 23 (none left)", &ft, 0);
}
END_TEST

/* Next fit: a freed frame comes back only after the search wraps around. */
START_TEST(test_frame_alloc_wraps)
{
	struct frame_table ft;
	char what[80];

	layout_init(&ft);
	alloc_expect("allocation 1", &ft, 1);
	alloc_expect("allocation 2", &ft, 2);
	alloc_expect("allocation 3", &ft, 3);
	frame_table_free(&ft, F(1));
	for (int i = 3; i < LAYOUT_USABLE; i++) {
		snprintf(what, sizeof(what),
			 "frame 1 freed after 3 allocations, allocation %d",
			 i + 1);
		alloc_expect(what, &ft, layout_free[i]);
	}
	alloc_expect("all but frame 1 handed out, then the search wraps", &ft,
		     1);
	alloc_expect("all handed out", &ft, 0);
}
END_TEST

/* A table with no FREE frame at all. */
START_TEST(test_frame_alloc_none)
{
	static const struct mem_region map[] = { { 0, F(8), AVAIL } };
	static const struct phys_range all[] = { { 0, F(8) } };
	struct frame_table ft;

	init_table(&ft, 8, map, 1, all, 1);
	alloc_expect("table with every frame reserved", &ft, 0);
	ck_assert_msg(ft.free == 0, "table with every frame reserved: free "
				    "is %lu, want 0",
		      (unsigned long)ft.free);
}
END_TEST

/* frame_table_free gives the frame back: FREE, counted, reallocated. */
START_TEST(test_frame_free)
{
	struct frame_table ft;
	char what[64];

	layout_init(&ft);
	for (int i = 0; i < LAYOUT_USABLE; i++) {
		snprintf(what, sizeof(what), "allocation %d", i + 1);
		alloc_expect(what, &ft, layout_free[i]);
	}
	frame_table_free(&ft, F(14));
	ck_assert_msg(state[14] == FRAME_FREE && ft.free == 1,
		      "exhausted table, frame_table_free(0x%lx): frame is %c, "
		      "free %lu; want F and 1",
		      (unsigned long)F(14), state_letter(state[14]),
		      (unsigned long)ft.free);
	frame_table_free(&ft, F(31));
	ck_assert_msg(state[31] == FRAME_FREE && ft.free == 2,
		      "then frame_table_free(0x%lx): frame is %c, free %lu; "
		      "want F and 2",
		      (unsigned long)F(31), state_letter(state[31]),
		      (unsigned long)ft.free);
	alloc_expect("frames 14 and 31 freed: next fit from frame 0", &ft, 14);
	alloc_expect("then", &ft, 31);
	alloc_expect("then none left", &ft, 0);
	ck_assert_msg(ft.free == 0 && ft.usable == LAYOUT_USABLE,
		      "free %lu, usable %lu; want 0 and %d",
		      (unsigned long)ft.free, (unsigned long)ft.usable,
		      LAYOUT_USABLE);
}
END_TEST

/*
 * Misuse of frame_table_free, each on the layout after three allocations
 * (frames 1, 2, 3 USED). free_first: free the address once (correctly)
 * before the bad call.
 */
struct misuse_case {
	const char *name;
	paddr_t pa;
	bool free_first;
};

static const struct misuse_case misuse_cases[] = {
	{ "double free", F(2), true },
	{ "free of a FREE frame never handed out", F(13), false },
	{ "free of a reserved frame: frame 0", F(0), false },
	{ "free of a reserved frame: a reserved range", F(4), false },
	{ "free of a reserved frame: not RAM", F(11), false },
	{ "misaligned: a USED frame + 1", F(2) + 1, false },
	{ "misaligned: a USED frame + 0x800", F(2) + 0x800, false },
	{ "beyond the table: its first frame past the end", F(32), false },
	{ "beyond the table: far beyond", 0xfffffffffffff000, false },
	{ "beyond the table and misaligned", F(40) + 8, false },
};

START_TEST(test_frame_free_misuse)
{
	const struct misuse_case *c = &misuse_cases[_i];
	struct frame_table ft;

	layout_init(&ft);
	alloc_expect(c->name, &ft, 1);
	alloc_expect(c->name, &ft, 2);
	alloc_expect(c->name, &ft, 3);
	if (c->free_first)
		frame_table_free(&ft, c->pa);
	panic_armed = true;
	panic_pa = c->pa;
	frame_table_free(&ft, c->pa);
	ck_abort_msg("%s: frame_table_free(0x%lx) returned; want a panic "
		     "naming frame_table_free and the address",
		     c->name, (unsigned long)c->pa);
}
END_TEST

Suite *frame_suite(void)
{
	Suite *s = suite_create("frame");
	TCase *tc = tcase_create("init");

	tcase_add_loop_test(tc, test_frame_init_table, 0, ARRAY_SIZE(init_cases));
	tcase_add_test(tc, test_frame_init_qemu);
	suite_add_tcase(s, tc);

	tc = tcase_create("alloc and free");
	tcase_add_test(tc, test_frame_alloc_all);
	tcase_add_test(tc, test_frame_alloc_order);
	tcase_add_test(tc, test_frame_alloc_wraps);
	tcase_add_test(tc, test_frame_alloc_none);
	tcase_add_test(tc, test_frame_free);
	suite_add_tcase(s, tc);

	tc = tcase_create("free misuse panics");
	tcase_add_loop_exit_test(tc, test_frame_free_misuse, PANIC_NAMED, 0,
				 ARRAY_SIZE(misuse_cases));
	suite_add_tcase(s, tc);
	return s;
}
