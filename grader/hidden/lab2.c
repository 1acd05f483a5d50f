/*
 * hidden/lab2.c: lab 2's hidden graded tests (not in student trees).
 *
 * Besides random inputs, these reach the rare cases of every exercise on
 * every run: the grader plants frame tables, memory maps, page tables and
 * trap frames through GDB, calls the kernel's function on them, and
 * compares what it computed with what the grader works out itself.
 */
#define _GNU_SOURCE
#include "erix.h"
#include "grader.h"
#include "../tests/lab2.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define E_P ((uint64_t)1 << 0)
#define E_W ((uint64_t)1 << 1)
#define E_U ((uint64_t)1 << 2)
#define E_PS ((uint64_t)1 << 7)
#define E_G ((uint64_t)1 << 8)
#define E_NX ((uint64_t)1 << 63)
#define E_ADDR ((uint64_t)0x000ffffffffff000)

enum { RESERVED = 0, FREE = 1, USED = 2 };

/* ---- planted frame tables ---------------------------------------------- */

/* The kernel's struct frame_table, struct mem_region and struct
 * phys_range, as the grader writes them (check_layout makes sure). */
struct ft_image {
	uint64_t state, state_pa, nframes, usable, free, next;
};
struct region {
	uint64_t base, length;
	uint32_t type, pad;
};
struct prange {
	uint64_t start, end;
};

/* Where the planted objects go in ktest_scratch. */
#define FT_AT 0        /* struct frame_table */
#define FT_STATE 64    /* state[]: up to FT_MAX frames, then a canary */
#define FT_MAX 1400
#define FT_CANARY 32
#define FT_MAP 1536    /* struct mem_region[] */
#define FT_MAP_MAX 24
#define FT_RES 2176    /* struct phys_range[] */
#define FT_RES_MAX 16
#define FT_OUT 2560    /* a call's result */

static void check_layout(struct vm *vm)
{
	static const char *const fields[] = { "state", "state_pa", "nframes", "usable", "free",
					      "next" };
	ck_assert_msg(vm_eval(vm, "sizeof(struct frame_table)") == sizeof(struct ft_image),
		      "grader: struct frame_table is not 6 words");
	for (int i = 0; i < 6; i++)
		ck_assert_msg(vm_eval(vm, "(unsigned long)&((struct frame_table *)0)->%s", fields[i]) ==
				      8 * (uint64_t)i,
			      "grader: frame_table.%s is not word %d", fields[i], i);
	ck_assert_msg(vm_eval(vm, "sizeof(struct mem_region)") == sizeof(struct region) &&
			      vm_eval(vm, "(unsigned long)&((struct mem_region *)0)->type") == 16,
		      "grader: struct mem_region is not {base, length, type}");
	ck_assert_msg(vm_eval(vm, "sizeof(struct phys_range)") == sizeof(struct prange),
		      "grader: struct phys_range is not {start, end}");
}

static uint64_t u64_rand(uint64_t lo, uint64_t hi)
{
	return (uint64_t)grader_rand_range((int64_t)lo, (int64_t)hi);
}

/* frame_free_expect_panic: evaluate call (a free of pa), which must end in
 * a panic whose message names frame_table_free and the address. */
static void frame_free_expect_panic(struct vm *vm, const char *call, uint64_t pa,
				    const char *what)
{
	vm_break(vm, "panic");
	const char *where = vm_call(vm, "%s", call);
	ck_assert_msg(where && strcmp(where, "panic") == 0,
		      "%s: freeing 0x%" PRIx64 " returned instead of panicking", what, pa);
	vm_run_to(vm, "arch_power_off");
	char *msg = vm_read_string(vm, vm_symbol(vm, "panic_message"), 255);
	char hex[32];
	snprintf(hex, sizeof(hex), "%" PRIx64, pa);
	ck_assert_msg(strstr(msg, "frame_table_free") && strstr(msg, hex),
		      "%s: the panic message \"%s\" must name frame_table_free and 0x%s", what,
		      msg, hex);
}

/* plant_table: a planted frame table of n frames with the given states
 * (and FT_CANARY bytes `canary` after them), ft->next = next. */
static void plant_table(struct vm *vm, const uint8_t *state, uint64_t n, uint64_t next,
			uint8_t canary)
{
	static uint8_t buf[FT_MAX + FT_CANARY];
	uint64_t nfree = 0;
	for (uint64_t f = 0; f < n; f++)
		nfree += state[f] == FREE;
	memcpy(buf, state, n);
	memset(buf + n, canary, FT_CANARY);
	vm_write(vm, erix_scratch(vm, FT_STATE), buf, n + FT_CANARY);
	struct ft_image ft = { erix_scratch(vm, FT_STATE), 0, n, nfree, nfree, next };
	vm_write(vm, erix_scratch(vm, FT_AT), &ft, sizeof(ft));
}

static struct ft_image read_table(struct vm *vm, uint8_t *state, uint64_t n)
{
	struct ft_image ft;
	vm_read(vm, erix_scratch(vm, FT_AT), &ft, sizeof(ft));
	vm_read(vm, erix_scratch(vm, FT_STATE), state, n + FT_CANARY);
	return ft;
}

GRADER_TEST(lab2_frame_misuse, .lab = 2, .points = 5, .limit = 60, .hidden = true,
	    .covers = "kernel/frame.c",
	    .title = "frame_free: FREE again once; panics for a double free, a reserved, unaligned or out-of-table frame")
{
	static const char *const what[] = { "a reserved frame of the kernel image",
					     "a frame freed already",
					     "an address inside a used frame (not frame-aligned)",
					     "the frame just past the table's end (pa == nframes * 4096)",
					     "an address far beyond the table" };
	for (int kind = 0; kind < 5; kind++) {
		struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
		vm_run_to(vm, "ktest_ready");
		char call[160];
		uint64_t pa;
		if (kind == 0) {
			/* A random frame of the kernel image, in the kernel's table. */
			uint64_t k0 = vm_symbol(vm, "__kernel_phys_start");
			uint64_t k1 = vm_symbol(vm, "__kernel_phys_end");
			pa = (k0 + grader_rand() % (k1 - k0)) & ~(FRAME - 1);
			snprintf(call, sizeof(call), "(frame_free(0x%" PRIx64 "), 0)", pa);
		} else if (kind == 1) {
			pa = vm_eval(vm, "frame_alloc()");
			ck_assert_msg(pa != 0, "frame_alloc() returned 0");
			vm_eval(vm, "(frame_free(0x%" PRIx64 "), 0)", pa);
			ck_assert_msg(vm_eval(vm, "frames.state[%" PRIu64 "]", pa / FRAME) == FREE,
				      "frame_free(0x%" PRIx64 ") left the frame in state %" PRIu64
				      ", not FRAME_FREE", pa, vm_eval(vm, "frames.state[%" PRIu64 "]",
								     pa / FRAME));
			snprintf(call, sizeof(call), "(frame_free(0x%" PRIx64 "), 0)", pa);
		} else {
			/* A planted table of used, free and reserved frames, with
			 * FRAME_USED bytes right after it. */
			check_layout(vm);
			uint64_t n = u64_rand(64, 512);
			uint8_t state[FT_MAX + FT_CANARY];
			for (uint64_t f = 0; f < n; f++)
				state[f] = (uint8_t)u64_rand(0, 2);
			uint64_t good = u64_rand(1, n - 1), used = u64_rand(1, n - 1);
			while (used == good)
				used = u64_rand(1, n - 1);
			state[good] = state[used] = USED;
			plant_table(vm, state, n, 0, USED);
			uint64_t ft = erix_scratch(vm, FT_AT);
			/* First a free that is right: FREE, and counted. */
			vm_eval(vm, "(frame_table_free((struct frame_table *)0x%" PRIx64 ", 0x%" PRIx64
				    "), 0)", ft, good * FRAME);
			uint8_t after[FT_MAX + FT_CANARY];
			struct ft_image img = read_table(vm, after, n);
			uint64_t nfree = 0;
			for (uint64_t f = 0; f < n; f++)
				nfree += state[f] == FREE;
			ck_assert_msg(after[good] == FREE && img.free == nfree + 1,
				      "frame_table_free of used frame %" PRIu64 " of a planted table: "
				      "its state is %u and free %" PRIu64 ", expected FRAME_FREE (1) "
				      "and %" PRIu64, good, after[good], img.free, nfree + 1);
			if (kind == 2)
				pa = used * FRAME + 0x100 * u64_rand(1, 15);
			else if (kind == 3)
				pa = n * FRAME;
			else
				pa = ((uint64_t)1 << u64_rand(44, 50)) + u64_rand(0, 1023) * FRAME;
			snprintf(call, sizeof(call),
				 "(frame_table_free((struct frame_table *)0x%" PRIx64 ", 0x%" PRIx64
				 "), 0)", ft, pa);
		}
		frame_free_expect_panic(vm, call, pa, what[kind]);
		vm_end_all();
	}
}

/* expect_free: is frame f FRAME_FREE after frame_table_init, as the
 * handout defines it. */
static bool expect_free(uint64_t f, const struct region *m, int n, const struct prange *r,
			int nr)
{
	if (f == 0)
		return false;
	unsigned __int128 a = (unsigned __int128)f * FRAME, b = a + FRAME;
	bool inside = false;
	for (int i = 0; i < n; i++)
		if (m[i].type == 1 && m[i].base <= a &&
		    b <= (unsigned __int128)m[i].base + m[i].length)
			inside = true;
	for (int k = 0; k < nr && inside; k++)
		if (a < r[k].end && r[k].start < b)
			return false;
	return inside;
}

/* init_round: one planted map with every rare case of Part 2, a table of
 * random garbage with a canary after it; frame_table_init must compute
 * exactly the grader's states. */
static void init_round(struct vm *vm)
{
	const uint64_t F = FRAME;
	uint64_t nframes = u64_rand(560, FT_MAX);
	struct region m[FT_MAP_MAX];
	struct prange r[FT_RES_MAX];
	int n = 0, nr = 0;

	/* Available RAM from physical 0 (frame 0 stays reserved), ending
	 * inside a frame (that frame is reserved). */
	uint64_t at = u64_rand(6, 16);
	m[n++] = (struct region){ 0, at * F + u64_rand(1, F - 1), 1, 0 };
	at += u64_rand(3, 8);
	/* A region that starts and ends inside frames, and a second one that
	 * overlaps its upper half (the common frames count once). */
	uint64_t len = u64_rand(12, 30);
	m[n++] = (struct region){ at * F - u64_rand(1, F - 1), 0, 1, 0 };
	m[n - 1].length = (at + len) * F + u64_rand(1, F - 1) - m[n - 1].base;
	m[n++] = (struct region){ (at + len / 2) * F, len * F, 1, 0 };
	at += len + len / 2 + u64_rand(3, 6);
	/* Two regions that share a frame, neither holding it whole. */
	m[n++] = (struct region){ at * F, 0x1800, 1, 0 };
	m[n++] = (struct region){ at * F + 0x1800, 0x1800, 1, 0 };
	at += 3 + u64_rand(2, 5);
	/* Every other type: never free. */
	static const uint32_t types[] = { 2, 3, 4, 5, 0, 7 };
	for (int i = 0; i < 6; i++) {
		uint64_t k = u64_rand(2, 4);
		m[n++] = (struct region){ at * F, k * F, types[i], 0 };
		at += k + u64_rand(1, 3);
	}
	/* Less than a frame, inside one. */
	m[n++] = (struct region){ at * F + 0x10, F - 0x20, 1, 0 };
	at += u64_rand(2, 4);
	/* A large region with reserved ranges in it: one that starts in
	 * the middle of a frame, one of exactly one frame (its neighbours
	 * stay free), one across a frame boundary, one over four frames
	 * with unaligned ends, one across the region's start. */
	uint64_t big = at, size = u64_rand(60, 100);
	m[n++] = (struct region){ big * F, size * F, 1, 0 };
	uint64_t h = big + u64_rand(3, 8), x = 0x100 * u64_rand(1, 12);
	r[nr++] = (struct prange){ h * F + x, h * F + x + u64_rand(1, 0xff) };
	h += u64_rand(3, 8);
	r[nr++] = (struct prange){ h * F, (h + 1) * F };
	h += u64_rand(3, 8);
	r[nr++] = (struct prange){ h * F + F - 1, h * F + F + 1 };
	h += u64_rand(4, 8);
	r[nr++] = (struct prange){ h * F - 0x100, (h + 2) * F + 0x10 };
	r[nr++] = (struct prange){ big * F - 0x800, big * F + 0x10 };
	/* A range beyond the table. */
	r[nr++] = (struct prange){ (nframes + 5) * F, (nframes + 9) * F };
	at = big + size + u64_rand(2, 5);
	ck_assert_msg(at + 10 < nframes, "grader: planted map does not fit");
	/* Past the table's end (cut at nframes: the last frame is free), wholly
	 * beyond it, and in the last frame below 2^64 (rounding its start up
	 * wraps around to 0). */
	uint64_t tail = u64_rand(3, 6);
	m[n++] = (struct region){ (nframes - tail) * F, (tail + u64_rand(5, 50)) * F, 1, 0 };
	m[n++] = (struct region){ (nframes + u64_rand(1, 20)) * F + u64_rand(0, F - 1), 64 * F, 1, 0 };
	uint64_t off = u64_rand(1, 0xbff);
	m[n++] = (struct region){ 0xfffffffffffff000ull + off, u64_rand(0x10, 0xfff - off), 1, 0 };
	/* In a random order. */
	for (int i = n - 1; i > 0; i--) {
		int j = (int)u64_rand(0, (uint64_t)i);
		struct region t = m[i];
		m[i] = m[j];
		m[j] = t;
	}
	for (int i = 0; i < n; i++)
		grader_note("planted map[%d]: base 0x%" PRIx64 ", length 0x%" PRIx64 ", type %u", i,
			    m[i].base, m[i].length, m[i].type);
	for (int k = 0; k < nr; k++)
		grader_note("planted reserved[%d]: [0x%" PRIx64 ", 0x%" PRIx64 ")", k, r[k].start,
			    r[k].end);

	/* The table holds garbage (never FRAME_RESERVED); a canary follows. */
	static uint8_t state[FT_MAX + FT_CANARY];
	for (uint64_t f = 0; f < nframes; f++)
		state[f] = (uint8_t)u64_rand(1, 3);
	memset(state + nframes, 0xa5, FT_CANARY);
	vm_write(vm, erix_scratch(vm, FT_STATE), state, nframes + FT_CANARY);
	uint64_t junk[6];
	for (int i = 0; i < 6; i++)
		junk[i] = grader_rand();
	vm_write(vm, erix_scratch(vm, FT_AT), junk, sizeof(junk));
	vm_write(vm, erix_scratch(vm, FT_MAP), m, sizeof(m[0]) * (size_t)n);
	vm_write(vm, erix_scratch(vm, FT_RES), r, sizeof(r[0]) * (size_t)nr);
	vm_eval(vm, "(frame_table_init((struct frame_table *)0x%" PRIx64 ", (unsigned char *)0x%" PRIx64
		    ", %" PRIu64 ", (struct mem_region *)0x%" PRIx64 ", %d, (struct phys_range *)0x%"
		    PRIx64 ", %d), 0)", erix_scratch(vm, FT_AT), erix_scratch(vm, FT_STATE), nframes,
		erix_scratch(vm, FT_MAP), n, erix_scratch(vm, FT_RES), nr);

	struct ft_image ft = read_table(vm, state, nframes);
	uint64_t want = 0;
	for (uint64_t f = 0; f < nframes; f++) {
		int e = expect_free(f, m, n, r, nr) ? FREE : RESERVED;
		want += e == FREE;
		ck_assert_msg(state[f] == e, "frame_table_init on a planted map of %d regions and %d "
			      "reserved ranges (%" PRIu64 " frames): frame %" PRIu64 " [0x%" PRIx64
			      ", 0x%" PRIx64 ") is %u, expected %s", n, nr, nframes, f, f * F,
			      (f + 1) * F, state[f], e == FREE ? "FRAME_FREE" : "FRAME_RESERVED");
	}
	for (int i = 0; i < FT_CANARY; i++)
		ck_assert_msg(state[nframes + i] == 0xa5, "frame_table_init on a table of %" PRIu64
			      " frames wrote state[%" PRIu64 "], past its end", nframes,
			      nframes + (uint64_t)i);
	ck_assert_msg(ft.state == erix_scratch(vm, FT_STATE) && ft.nframes == nframes,
		      "frame_table_init: ft->state and ft->nframes are not the arguments");
	ck_assert_msg(ft.usable == want && ft.free == want && ft.next == 0,
		      "frame_table_init on a planted map: usable %" PRIu64 ", free %" PRIu64
		      ", next %" PRIu64 "; expected %" PRIu64 ", %" PRIu64 " and 0", ft.usable,
		      ft.free, ft.next, want, want);
}

GRADER_TEST(lab2_frame_init_edges, .lab = 2, .points = 10, .limit = 40, .hidden = true,
	    .covers = "kernel/frame.c",
	    .title = "frame_table_init on planted maps: frame 0, partial frames, overlaps, types, reserved ranges mid-frame, the table's end, 2^64")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	check_layout(vm);
	for (int round = 0; round < 2; round++)
		init_round(vm);
}

/* next_fit: the frame the handout's next-fit search hands out, or -1. */
static int64_t next_fit(const uint8_t *state, uint64_t n, uint64_t next)
{
	for (uint64_t k = 0; k < n; k++) {
		uint64_t f = (next + k) % n;
		if (state[f] == FREE)
			return (int64_t)f;
	}
	return -1;
}

/* alloc_expect: one frame_table_alloc on the planted table, which must
 * hand out the next-fit frame of `state` (updated) or 0, and leave the
 * table as the handout says. Returns the frame or -1. */
static int64_t alloc_expect(struct vm *vm, uint8_t *state, uint64_t n, uint64_t *next,
			    uint64_t *nfree, const char *what)
{
	int64_t want = next_fit(state, n, *next);
	uint64_t out = erix_scratch(vm, FT_OUT);
	const char *where = vm_call(vm, "*(unsigned long *)0x%" PRIx64
				    " = frame_table_alloc((struct frame_table *)0x%" PRIx64 ")",
				    out, erix_scratch(vm, FT_AT));
	ck_assert_msg(where == NULL, "%s: frame_table_alloc stopped in %s instead of returning",
		      what, where);
	uint64_t got;
	vm_read(vm, out, &got, sizeof(got));
	uint8_t after[FT_MAX + FT_CANARY];
	struct ft_image ft = read_table(vm, after, n);
	if (want < 0) {
		ck_assert_msg(got == 0, "%s: no frame is free, yet frame_table_alloc returned 0x%"
			      PRIx64, what, got);
		ck_assert_msg(ft.free == *nfree && ft.next == *next &&
				      memcmp(after, state, n + FT_CANARY) == 0,
			      "%s: frame_table_alloc found no free frame, but changed the table", what);
		return -1;
	}
	ck_assert_msg(got == (uint64_t)want * FRAME, "%s: searching from next = %" PRIu64 " (of %"
		      PRIu64 " frames), frame_table_alloc returned 0x%" PRIx64 "; the next free "
		      "frame, wrapping around, is 0x%" PRIx64, what, *next, n, got,
		      (uint64_t)want * FRAME);
	state[want] = USED;
	*nfree -= 1;
	ck_assert_msg(memcmp(after, state, n + FT_CANARY) == 0, "%s: after handing out frame %"
		      PRId64 ", its state is %u (FRAME_USED is 2), or another frame changed", what,
		      want, after[want]);
	ck_assert_msg(ft.free == *nfree, "%s: after an allocation ft->free is %" PRIu64
		      ", expected %" PRIu64, what, ft.free, *nfree);
	ck_assert_msg(n && ft.next % n == ((uint64_t)want + 1) % n, "%s: after handing out frame %"
		      PRId64 ", ft->next is %" PRIu64 ", not just past it", what, want, ft.next);
	*next = ((uint64_t)want + 1) % n;
	return want;
}

GRADER_TEST(lab2_frame_next_fit, .lab = 2, .points = 5, .limit = 40, .hidden = true,
	    .covers = "kernel/frame.c",
	    .title = "frame_table_alloc on planted tables: next fit, the wrap-around, the last frame, 0 frames")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	check_layout(vm);
	vm_break(vm, "panic");

	/* A table of mixed states, the search starting in the middle: free
	 * frames at next, after reserved and used ones, at the very end and
	 * below next (reached only by wrapping around). After three
	 * allocations the first frame handed out is given back: next fit
	 * must not go back for it before it wraps around. */
	uint64_t n = u64_rand(100, 400);
	uint8_t state[FT_MAX + FT_CANARY];
	for (uint64_t f = 0; f < n; f++) {
		uint64_t p = u64_rand(0, 9);
		state[f] = p < 4 ? RESERVED : p < 7 ? USED : FREE;
	}
	state[0] = RESERVED;
	uint64_t next = u64_rand(n / 3, 2 * n / 3), start = next;
	state[next] = FREE;
	state[next + 1] = RESERVED;
	state[next + 2] = USED;
	state[next + 3] = FREE;
	state[n - 1] = FREE;
	for (int i = 0; i < 3; i++)
		state[u64_rand(1, next - 2)] = FREE;
	memset(state + n, 0x5a, FT_CANARY);
	plant_table(vm, state, n, next, 0x5a);
	uint64_t nfree = 0;
	for (uint64_t f = 0; f < n; f++)
		nfree += state[f] == FREE;
	char what[96];
	snprintf(what, sizeof(what), "a planted table of %" PRIu64 " frames, next = %" PRIu64, n,
		 start);
	for (int calls = 0;; calls++) {
		int64_t f = alloc_expect(vm, state, n, &next, &nfree, what);
		if (f < 0)
			break;
		if (calls == 2) {
			/* Give back the first frame handed out (at the start). */
			state[start] = FREE;
			nfree++;
			uint8_t one = FREE;
			vm_write(vm, erix_scratch(vm, FT_STATE) + start, &one, 1);
			vm_eval(vm, "((struct frame_table *)0x%" PRIx64 ")->free = %" PRIu64,
				erix_scratch(vm, FT_AT), nfree);
		}
	}

	/* The only free frame is the one just below next. */
	n = u64_rand(20, 100);
	for (uint64_t f = 0; f < n; f++)
		state[f] = (uint8_t)u64_rand(0, 1) * USED;
	next = u64_rand(2, n - 1);
	state[next - 1] = FREE;
	memset(state + n, 0x5a, FT_CANARY);
	plant_table(vm, state, n, next, 0x5a);
	nfree = 1;
	snprintf(what, sizeof(what), "a planted table of %" PRIu64 " frames whose only free frame "
		 "is %" PRIu64 ", next = %" PRIu64, n, next - 1, next);
	alloc_expect(vm, state, n, &next, &nfree, what);
	alloc_expect(vm, state, n, &next, &nfree, what);

	/* A table of 0 frames has none (and no modulo by zero). */
	plant_table(vm, state, 0, 0, 0x5a);
	nfree = 0;
	next = 0;
	uint64_t out = erix_scratch(vm, FT_OUT), junk = grader_rand() | 1;
	vm_write(vm, out, &junk, sizeof(junk));
	const char *where = vm_call(vm, "*(unsigned long *)0x%" PRIx64
				    " = frame_table_alloc((struct frame_table *)0x%" PRIx64 ")",
				    out, erix_scratch(vm, FT_AT));
	ck_assert_msg(where == NULL, "frame_table_alloc on a table of 0 frames stopped in %s "
		      "(a division by zero?)", where);
	uint64_t got;
	vm_read(vm, out, &got, sizeof(got));
	ck_assert_msg(got == 0, "frame_table_alloc on a table of 0 frames returned 0x%" PRIx64, got);
	struct ft_image ft = read_table(vm, state, 0);
	ck_assert_msg(ft.free == 0 && ft.next == 0 && state[0] == 0x5a,
		      "frame_table_alloc on a table of 0 frames changed it");
}

/* ---- page tables --------------------------------------------------------- */

static uint64_t read_entry(struct vm *vm, uint64_t table, unsigned index)
{
	uint64_t e;
	vm_read_phys(vm, table + 8 * (uint64_t)index, &e, sizeof(e));
	return e;
}

static void write_entry(struct vm *vm, uint64_t table, unsigned index, uint64_t e)
{
	vm_write(vm, DIRECT_MAP_BASE + table + 8 * (uint64_t)index, &e, sizeof(e));
}

static unsigned idx(uint64_t va, int level)
{
	return (unsigned)(va >> (12 + 9 * (level - 1))) & 0x1ff;
}

/* fresh_table: a frame from the kernel's allocator, zeroed by the grader. */
static uint64_t fresh_table(struct vm *vm)
{
	static const uint8_t zero[4096];
	uint64_t pa = vm_eval(vm, "frame_alloc()");
	ck_assert_msg(pa != 0 && pa % FRAME == 0, "frame_alloc() returned 0x%" PRIx64, pa);
	vm_write(vm, DIRECT_MAP_BASE + pa, zero, sizeof(zero));
	return pa;
}

static uint64_t walk(struct vm *vm, uint64_t root, uint64_t va, int level, int create)
{
	return vm_eval(vm, "(unsigned long)pt_walk(0x%" PRIx64 ", 0x%" PRIx64 ", %d, %d)", root, va,
		       level, create);
}

/* canonical_rand: a random canonical page address, in the lower half or
 * the upper one. */
static uint64_t canonical_rand(bool upper)
{
	uint64_t va = grader_rand() & 0x00007ffffffff000ull;
	return upper ? va | 0xffff800000000000ull : va;
}

/* expect_created: pt_walk(root, va, level, 1), where the entries of levels
 * `from` down to level + 1 are missing (none when from == level), must
 * link a new table at each of them with exactly P | W | U, leave the
 * entries above them as they were, and return the target entry. (The
 * grader reads the tables, not frames.free: a miscount there is
 * frame_table_alloc's fault, not pt_walk's.) */
static void expect_created(struct vm *vm, uint64_t root, uint64_t va, int level, int from)
{
	uint64_t before[5] = { 0 }, t = root;
	for (int l = 4; l > from; l--) {
		before[l] = read_entry(vm, t, idx(va, l));
		t = before[l] & E_ADDR;
	}
	uint64_t p = walk(vm, root, va, level, 1);
	ck_assert_msg(p != 0, "pt_walk(va 0x%" PRIx64 ", level %d, create) returned NULL", va, level);
	uint64_t made[5] = { 0 };
	t = root;
	for (int l = 4; l > level; l--) {
		uint64_t e = read_entry(vm, t, idx(va, l));
		if (l > from)
			ck_assert_msg(e == before[l], "pt_walk(va 0x%" PRIx64 ", create) changed the "
				      "present level-%d entry 0x%" PRIx64 " to 0x%" PRIx64, va, l,
				      before[l], e);
		else
			ck_assert_msg((e & ~E_ADDR) == (E_P | E_W | E_U),
				      "pt_walk(va 0x%" PRIx64 ", create) linked a new level-%d table "
				      "with entry 0x%" PRIx64 ": its flags must be exactly PTE_P | "
				      "PTE_W | PTE_U", va, l - 1, e);
		t = e & E_ADDR;
		ck_assert_msg(t != 0 && t != root, "pt_walk(va 0x%" PRIx64 ") linked table 0x%" PRIx64,
			      va, t);
		for (int k = 4; k > l; k--)
			ck_assert_msg(made[k] != t, "pt_walk(va 0x%" PRIx64 ") linked table 0x%" PRIx64
				      " at two levels", va, t);
		made[l] = t;
	}
	ck_assert_msg(p == DIRECT_MAP_BASE + t + 8 * idx(va, level),
		      "pt_walk(va 0x%" PRIx64 ", level %d) returned 0x%" PRIx64 "; the entry is at "
		      "physical 0x%" PRIx64 ", 0x%" PRIx64 " in the direct map", va, level, p,
		      t + 8 * idx(va, level), DIRECT_MAP_BASE + t + 8 * idx(va, level));
}

GRADER_TEST(lab2_page_walk, .lab = 2, .points = 10, .limit = 60, .hidden = true,
	    .covers = "kernel/arch/x86_64/paging.c",
	    .title = "pt_walk on the kernel's and on planted tables: levels, new tables' flags, large pages, bad arguments, no memory")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	vm_break(vm, "panic");
	uint64_t cr3 = vm_eval(vm, "$cr3");
	uint64_t t0 = vm_symbol(vm, "__text_start"), t1 = vm_symbol(vm, "__text_end");
	uint64_t d1 = vm_symbol(vm, "__bss_end");
	/* Mapped 4 KiB pages of the image: pt_walk(level 1) gives their PTE. */
	for (int i = 0; i < 6; i++) {
		uint64_t va = t0 + (grader_rand() % (d1 - t0));
		struct lab2_walk w = lab2_walk(vm, cr3, va);
		if (!w.present)
			continue; /* the gap between sections */
		uint64_t pte = walk(vm, cr3, va, 1, 0);
		ck_assert_msg(pte != 0, "pt_walk(level 1) found no entry for mapped 0x%" PRIx64, va);
		uint64_t e = vm_eval(vm, "*(unsigned long *)0x%" PRIx64, pte);
		ck_assert_msg((e & E_ADDR) == (w.pa & ~(uint64_t)0xfff),
			      "pt_walk's entry for 0x%" PRIx64 " holds 0x%" PRIx64 "; the page is at "
			      "0x%" PRIx64, va, e, w.pa & ~(uint64_t)0xfff);
	}
	/* Unmapped, without create: NULL. */
	uint64_t hole = lab2_unmapped_va();
	ck_assert_msg(walk(vm, cr3, hole, 1, 0) == 0,
		      "pt_walk without create found an entry for unmapped 0x%" PRIx64, hole);
	/* A large page in the way: no level-1 entry. */
	uint64_t dm = DIRECT_MAP_BASE + ((grader_rand() % ((uint64_t)64 << 20)) & ~(uint64_t)0xfff);
	ck_assert_msg(walk(vm, cr3, dm, 1, 1) == 0,
		      "pt_walk(level 1) returned an entry inside the 2 MiB page at 0x%" PRIx64, dm);

	/* Bad arguments: NULL, and no table made. */
	uint64_t text = (t0 + grader_rand() % (t1 - t0)) & ~(FRAME - 1);
	static uint8_t pml4[4096], pml4_after[4096];
	vm_read_phys(vm, cr3, pml4, sizeof(pml4));
	static const int bad_levels[] = { 0, 5, -1, 6 };
	for (int i = 0; i < 4; i++)
		for (int create = 0; create < 2; create++)
			ck_assert_msg(walk(vm, cr3, text, bad_levels[i], create) == 0,
				      "pt_walk(0x%" PRIx64 ", level %d, create %d) did not return NULL",
				      text, bad_levels[i], create);
	uint64_t noncanon[2] = { text & ~(1ull << 63),
				 0x0000800000000000ull + (grader_rand() & 0x7ffffff000ull) };
	for (int i = 0; i < 2; i++)
		for (int level = 1; level <= 3; level++)
			for (int create = 0; create < 2; create++)
				ck_assert_msg(walk(vm, cr3, noncanon[i], level, create) == 0,
					      "pt_walk of the non-canonical address 0x%" PRIx64
					      " (level %d, create %d) did not return NULL", noncanon[i],
					      level, create);
	vm_read_phys(vm, cr3, pml4_after, sizeof(pml4_after));
	for (int i = 0; i < 4096; i++) /* the CPU may set accessed bits */
		pml4[i] &= i % 8 ? 0xff : 0x9f, pml4_after[i] &= i % 8 ? 0xff : 0x9f;
	ck_assert_msg(memcmp(pml4, pml4_after, 4096) == 0,
		      "pt_walk with bad arguments changed the PML4");

	/* A fresh tree: tables made on the way, each linked with exactly
	 * PTE_P | PTE_W | PTE_U; present entries followed; levels 1 to 4. */
	uint64_t root = fresh_table(vm);
	uint64_t va1 = canonical_rand(false), va2 = canonical_rand(true);
	expect_created(vm, root, va1, 1, 4);
	expect_created(vm, root, va1, 1, 1); /* again: nothing new */
	expect_created(vm, root, va2, 2, 4);
	uint64_t va3 = va2 ^ ((uint64_t)u64_rand(1, 511) << 30); /* same PML4 entry */
	expect_created(vm, root, va3, 3, 3);
	expect_created(vm, root, canonical_rand(grader_rand() & 1), 4, 4);
	uint64_t pt = read_entry(vm, read_entry(vm, read_entry(vm, root, idx(va1, 4)) & E_ADDR,
						idx(va1, 3)) & E_ADDR, idx(va1, 2)) & E_ADDR;
	static uint8_t page[4096];
	vm_read_phys(vm, pt, page, sizeof(page));
	for (int i = 0; i < 4096; i++)
		ck_assert_msg(page[i] == 0, "pt_walk(level 1, create) wrote into the new page table");

	/* Planted tables, linked with more than P and W (NX, accessed, the
	 * bits software may use): pt_walk finds the entry at every level. */
	uint64_t root2 = fresh_table(vm), pdpt = fresh_table(vm), pd = fresh_table(vm);
	uint64_t pt2 = fresh_table(vm);
	uint64_t va = canonical_rand(grader_rand() & 1);
	uint64_t extra[3];
	for (int i = 0; i < 3; i++)
		extra[i] = E_NX | (1ull << 5) | ((grader_rand() & 7) << 9) |
			   ((grader_rand() & 0x7f) << 52);
	write_entry(vm, root2, idx(va, 4), pdpt | E_P | E_W | E_U | extra[0]);
	write_entry(vm, pdpt, idx(va, 3), pd | E_P | E_W | extra[1]);
	write_entry(vm, pd, idx(va, 2), pt2 | E_P | E_W | E_U | extra[2]);
	uint64_t tables[5] = { 0, pt2, pd, pdpt, root2 };
	for (int level = 1; level <= 4; level++)
		for (int create = 0; create < 2; create++) {
			uint64_t p = walk(vm, root2, va, level, create);
			ck_assert_msg(p == DIRECT_MAP_BASE + tables[level] + 8 * idx(va, level),
				      "planted tables with NX and other flags on the way: pt_walk(0x%"
				      PRIx64 ", level %d, create %d) returned 0x%" PRIx64 ", not 0x%"
				      PRIx64, va, level, create, p,
				      DIRECT_MAP_BASE + tables[level] + 8 * idx(va, level));
		}
	/* A not-present entry that still holds an address is not a table. */
	uint64_t vb = (va & ~(0x1ffull << 21)) | ((uint64_t)((idx(va, 2) + u64_rand(1, 170)) % 512) << 21);
	uint64_t stale = fresh_table(vm);
	write_entry(vm, pd, idx(vb, 2), stale | E_W | E_U);
	ck_assert_msg(walk(vm, root2, vb, 1, 0) == 0, "pt_walk without create followed a "
		      "not-present level-2 entry (0x%" PRIx64 ")", stale | E_W | E_U);
	expect_created(vm, root2, vb, 1, 2);
	/* A 2 MiB page in the way: NULL for level 1, with or without create,
	 * nothing made; its own entry at level 2. And a 1 GiB page at level 3. */
	uint64_t vc = (va & ~(0x1ffull << 21)) | ((uint64_t)((idx(va, 2) + u64_rand(171, 340)) % 512) << 21);
	uint64_t large = (u64_rand(1, 60) << 21) | E_P | E_W | E_PS;
	write_entry(vm, pd, idx(vc, 2), large);
	uint64_t vd = (va & ~(0x1ffull << 30)) | ((uint64_t)((idx(va, 3) + u64_rand(1, 511)) % 512) << 30);
	uint64_t huge = E_P | E_W | E_PS; /* physical 0 */
	write_entry(vm, pdpt, idx(vd, 3), huge);
	for (int create = 0; create < 2; create++) {
		ck_assert_msg(walk(vm, root2, vc, 1, create) == 0, "pt_walk(level 1, create %d) went "
			      "through a 2 MiB page (level-2 entry 0x%" PRIx64 ")", create, large);
		ck_assert_msg(walk(vm, root2, vd, 1, create) == 0 && walk(vm, root2, vd, 2, create) == 0,
			      "pt_walk(levels 1 and 2, create %d) went through a 1 GiB page "
			      "(level-3 entry 0x%" PRIx64 ")", create, huge);
	}
	ck_assert_msg(read_entry(vm, pd, idx(vc, 2)) == large && read_entry(vm, pdpt, idx(vd, 3)) == huge,
		      "pt_walk changed the entry of a large page in its way");
	ck_assert_msg(walk(vm, root2, vc, 2, 0) == DIRECT_MAP_BASE + pd + 8 * idx(vc, 2),
		      "pt_walk(level 2) of a 2 MiB page must return its entry (the target entry is "
		      "the caller's business)");
	ck_assert_msg(walk(vm, root2, vd, 3, 0) == DIRECT_MAP_BASE + pdpt + 8 * idx(vd, 3),
		      "pt_walk(level 3) of a 1 GiB page must return its entry");

	/* No memory for a table: NULL, and the entry stays empty. (The
	 * allocator sees only the first MiB, reserved, for the time.) */
	uint64_t nframes = vm_eval(vm, "frames.nframes"), next = vm_eval(vm, "frames.next");
	uint64_t ve;
	do
		ve = canonical_rand(grader_rand() & 1);
	while (read_entry(vm, root, idx(ve, 4)) != 0);
	vm_eval(vm, "frames.nframes = 256");
	vm_eval(vm, "frames.next = 0");
	uint64_t out = erix_scratch(vm, 0);
	const char *where = vm_call(vm, "*(unsigned long *)0x%" PRIx64
				    " = (unsigned long)pt_walk(0x%" PRIx64 ", 0x%" PRIx64 ", 1, 1)",
				    out, root, ve);
	ck_assert_msg(where == NULL, "pt_walk with no memory for a table stopped in %s", where);
	vm_eval(vm, "frames.nframes = %" PRIu64, nframes);
	vm_eval(vm, "frames.next = %" PRIu64, next);
	uint64_t got;
	vm_read(vm, out, &got, sizeof(got));
	ck_assert_msg(got == 0 && read_entry(vm, root, idx(ve, 4)) == 0,
		      "pt_walk(0x%" PRIx64 ", create) when pt_env.alloc() returns 0: returned 0x%" PRIx64
		      " and the PML4 entry is 0x%" PRIx64 "; expected NULL and an empty entry", ve,
		      got, read_entry(vm, root, idx(ve, 4)));

	/* pt_map a fresh frame at a random hole of the kernel's tables, then
	 * use it. */
	uint64_t pa = vm_eval(vm, "frame_alloc()");
	int err = (int)(int64_t)vm_eval(vm, "pt_map(0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64
					", 0x8000000000000002)", cr3, hole & ~(uint64_t)0xfff, pa);
	ck_assert_msg(err == 0, "pt_map of 0x%" PRIx64 " returned %d", hole & ~(uint64_t)0xfff, err);
	struct lab2_walk w = lab2_walk(vm, cr3, hole);
	ck_assert_msg(w.present && w.pa == pa + (hole & 0xfff) && w.writable && w.nx,
		      "after pt_map, 0x%" PRIx64 " leads to 0x%" PRIx64 " (present %d, W %d, NX %d)",
		      hole, w.pa, w.present, w.writable, w.nx);
	uint64_t v = grader_rand(), back;
	vm_write(vm, hole, &v, sizeof(v));
	vm_read_phys(vm, w.pa, &back, sizeof(back));
	ck_assert_msg(back == v, "a write through the new mapping did not reach the frame");
	err = (int)(int64_t)vm_eval(vm, "pt_map(0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64 ", 2)",
				    cr3, hole & ~(uint64_t)0xfff, pa);
	ck_assert_msg(err != 0, "mapping 0x%" PRIx64 " twice succeeded", hole & ~(uint64_t)0xfff);
}

/* ---- the kernel's mappings ------------------------------------------------ */

struct kmap_range {
	const char *name;
	uint64_t start, end; /* page-aligned */
	bool writable, nx;
	uint64_t seen;
};

/* check_image_tree: every mapping in the tables at root, outside the
 * direct map, is one 4 KiB page of the five ranges, with exactly its
 * flags (P, W, NX as the range wants, G, never U), at va - KERNEL_VMA;
 * and every page of the five is there. */
static void check_image_tree(struct vm *vm, uint64_t root, struct kmap_range *r, int nr,
			     const char *whose)
{
	static uint64_t t4[512], t3[512], t2[512], t1[512];
	for (int k = 0; k < nr; k++)
		r[k].seen = 0;
	vm_read_phys(vm, root, t4, sizeof(t4));
	for (unsigned i4 = 0; i4 < 512; i4++) {
		if (!(t4[i4] & E_P) || i4 == idx(DIRECT_MAP_BASE, 4))
			continue;
		vm_read_phys(vm, t4[i4] & E_ADDR, t3, sizeof(t3));
		for (unsigned i3 = 0; i3 < 512; i3++) {
			uint64_t va3 = ((uint64_t)i4 << 39) | ((uint64_t)i3 << 30);
			if (i4 >= 256)
				va3 |= 0xffff000000000000ull;
			if (!(t3[i3] & E_P))
				continue;
			ck_assert_msg(!(t3[i3] & E_PS), "%s: a 1 GiB page at 0x%" PRIx64, whose, va3);
			vm_read_phys(vm, t3[i3] & E_ADDR, t2, sizeof(t2));
			for (unsigned i2 = 0; i2 < 512; i2++) {
				uint64_t va2 = va3 | ((uint64_t)i2 << 21);
				if (!(t2[i2] & E_P))
					continue;
				ck_assert_msg(!(t2[i2] & E_PS), "%s: a 2 MiB page at 0x%" PRIx64
					      " (the image is mapped in 4 KiB pages)", whose, va2);
				vm_read_phys(vm, t2[i2] & E_ADDR, t1, sizeof(t1));
				for (unsigned i1 = 0; i1 < 512; i1++) {
					uint64_t va = va2 | ((uint64_t)i1 << 12), e = t1[i1];
					if (!(e & E_P))
						continue;
					int k = 0;
					while (k < nr && !(va >= r[k].start && va < r[k].end))
						k++;
					ck_assert_msg(k < nr, "%s: 0x%" PRIx64 " is mapped (entry 0x%" PRIx64
						      "), but is in none of .text, .rodata, .data/.bss "
						      "and the two stacks", whose, va, e);
					ck_assert_msg((e & E_ADDR) == va - KERNEL_VMA,
						      "%s: %s page 0x%" PRIx64 " maps 0x%" PRIx64
						      ", not 0x%" PRIx64, whose, r[k].name, va,
						      e & E_ADDR, va - KERNEL_VMA);
					ck_assert_msg(!!(e & E_W) == r[k].writable &&
							      !!(e & E_NX) == r[k].nx && !(e & E_U) &&
							      (e & E_G),
						      "%s: %s page 0x%" PRIx64 " has entry 0x%" PRIx64
						      "; it must be present, %swritable, %sexecutable, "
						      "kernel only, global", whose, r[k].name, va, e,
						      r[k].writable ? "" : "not ", r[k].nx ? "not " : "");
					r[k].seen++;
				}
			}
		}
	}
	for (int k = 0; k < nr; k++)
		ck_assert_msg(r[k].seen == (r[k].end - r[k].start) / FRAME,
			      "%s: %" PRIu64 " pages of %s [0x%" PRIx64 ", 0x%" PRIx64 ") are "
			      "mapped, of %" PRIu64, whose, r[k].seen, r[k].name, r[k].start,
			      r[k].end, (r[k].end - r[k].start) / FRAME);
}

GRADER_TEST(lab2_kernel_map_exact, .lab = 2, .points = 5, .limit = 40, .hidden = true,
	    .covers = "kernel/arch/x86_64/kvm.c",
	    .title = "kvm_map_kernel maps exactly the five ranges, every page global, and returns map_range's first error")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	uint64_t pml4 = vm_eval(vm, "kernel_pml4");
	ck_assert_msg(pml4 != 0 && vm_eval(vm, "$cr3") == pml4,
		      "the kernel is not on its own page tables");
	uint64_t bss_end = (vm_symbol(vm, "__bss_end") + FRAME - 1) & ~(FRAME - 1);
	struct kmap_range r[5] = {
		{ ".text", vm_symbol(vm, "__text_start"), vm_symbol(vm, "__text_end"), false, false, 0 },
		{ ".rodata", vm_symbol(vm, "__rodata_start"), vm_symbol(vm, "__rodata_end"), false,
		  true, 0 },
		{ ".data/.bss", vm_symbol(vm, "__data_start"), bss_end, true, true, 0 },
		{ "boot stack", vm_symbol(vm, "boot_stack"), vm_symbol(vm, "boot_stack_top"), true,
		  true, 0 },
		{ "double-fault stack", vm_symbol(vm, "df_stack"), vm_symbol(vm, "df_stack_top"), true,
		  true, 0 },
	};
	check_image_tree(vm, pml4, r, 5, "the kernel's tables");

	/* Again, on a fresh root: 0, and the same tree. */
	uint64_t root = fresh_table(vm);
	int err = (int)(int64_t)vm_eval(vm, "kvm_map_kernel(0x%" PRIx64 ")", root);
	ck_assert_msg(err == 0, "kvm_map_kernel on an empty PML4 returned %d", err);
	check_image_tree(vm, root, r, 5, "kvm_map_kernel on an empty PML4");

	/* A page of .rodata mapped already: map_range's -ERR_EXISTS is the
	 * first error, although the ranges after it map fine. */
	uint64_t root2 = fresh_table(vm);
	uint64_t ro = r[1].start + (grader_rand() % ((r[1].end - r[1].start) / FRAME)) * FRAME;
	err = (int)(int64_t)vm_eval(vm, "pt_map(0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64
				    ", 0x8000000000000000)", root2, ro, ro - KERNEL_VMA);
	ck_assert_msg(err == 0, "grader: pt_map on a fresh PML4 returned %d", err);
	int exists = (int)vm_eval(vm, "(int)ERR_EXISTS");
	err = (int)(int64_t)vm_eval(vm, "kvm_map_kernel(0x%" PRIx64 ")", root2);
	ck_assert_msg(err == -exists, "kvm_map_kernel on tables that map .rodata page 0x%" PRIx64
		      " already returned %d, not map_range's first error (-ERR_EXISTS, %d)", ro,
		      err, -exists);
}

/* ---- page faults ----------------------------------------------------------- */

GRADER_TEST(lab2_fault_fetch, .lab = 2, .points = 5, .limit = 40, .hidden = true,
	    .covers = "kernel/arch/x86_64/trap.c",
	    .title = "jumping into no-execute data: an instruction-fetch protection fault, decoded")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, "fault");
	uint64_t addr = vm_symbol(vm, "ktest_scratch") + ((grader_rand() % 4096) & ~(uint64_t)15);
	uint64_t args[2] = { addr, 2 };
	vm_write(vm, vm_symbol(vm, "ktest_args"), args, sizeof(args));
	vm_run_to(vm, "panic");
	ck_assert_msg(vm_eval(vm, "trap_last.vector") == 14, "no page fault");
	ck_assert_msg(vm_eval(vm, "pf_last.addr") == addr, "pf_last.addr is 0x%" PRIx64
		      ", the jump went to 0x%" PRIx64, vm_eval(vm, "pf_last.addr"), addr);
	ck_assert_msg(vm_eval(vm, "pf_last.fetch") == 1 && vm_eval(vm, "pf_last.present") == 1 &&
		      vm_eval(vm, "pf_last.write") == 0,
		      "an instruction fetch from a present NX page: pf_last says fetch %d, "
		      "present %d, write %d", (int)vm_eval(vm, "pf_last.fetch"),
		      (int)vm_eval(vm, "pf_last.present"), (int)vm_eval(vm, "pf_last.write"));
}

/* has: does the line contain the word (case-insensitive)? */
static bool has(const char *line, const char *word)
{
	return strcasestr(line, word) != NULL;
}

/* report_line: the one line that starts with "page fault at " among what
 * the kernel printed since serial offset `from`; the grader's own marker
 * line (written with uart_putc, not kprintf) ends the search, so that all
 * of pf_report's output has come through. */
static const char *report_line(struct vm *vm, size_t from, int k, uint64_t cr2)
{
	char marker[32];
	snprintf(marker, sizeof(marker), "#grader-%d", k);
	for (const char *c = marker; *c; c++)
		vm_eval(vm, "(uart_putc(%d), 0)", *c);
	vm_eval(vm, "(uart_putc(10), 0)");
	ck_assert_msg(vm_serial_wait_line(vm, marker) != NULL, "the machine ended");
	const char *text = vm_serial(vm) + from;
	const char *end = strstr(text, marker);
	ck_assert_msg(end != NULL, "grader: marker line lost");
	static char line[512];
	int lines = 0;
	for (const char *p = text; p < end; p += strcspn(p, "\n") + 1) {
		if (strncmp(p, "page fault at ", 14) != 0)
			continue;
		size_t len = strcspn(p, "\n");
		snprintf(line, sizeof(line), "%.*s", (int)(len < 511 ? len : 511), p);
		lines++;
	}
	ck_assert_msg(lines == 1, "pf_report(cr2 0x%" PRIx64 ") printed %d lines that start with "
		      "\"page fault at \"; it must print one", cr2, lines);
	char prefix[64];
	snprintf(prefix, sizeof(prefix), "page fault at 0x%016" PRIx64, cr2);
	ck_assert_msg(strncmp(line, prefix, strlen(prefix)) == 0,
		      "pf_report printed \"%s\"; it must start with \"%s\"", line, prefix);
	return line;
}

GRADER_TEST(lab2_fault_decode, .lab = 2, .points = 5, .limit = 60, .hidden = true,
	    .covers = "kernel/arch/x86_64/trap.c",
	    .title = "pf_report on planted trap frames: every error code, user and reserved bits included, and its line")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	ck_assert_msg(vm_eval(vm, "sizeof(struct trap_frame)") == 22 * 8 &&
			      vm_eval(vm, "(unsigned long)&((struct trap_frame *)0)->error") == 16 * 8,
		      "grader: struct trap_frame is not as trap.h says");
	uint64_t tf = erix_scratch(vm, 0);
	/* Every combination of the five bits, downwards, so that each bit is
	 * cleared right after a fault that set it; every other one with bits
	 * above the five (protection keys, shadow stack, SGX). */
	for (int k = 31; k >= 0; k--) {
		uint64_t frame[22];
		for (int i = 0; i < 22; i++)
			frame[i] = grader_rand();
		uint64_t e = (uint64_t)k;
		if (k % 2 == 0)
			e |= (grader_rand() & 0x3) << 5 | (grader_rand() & 1) << 15;
		frame[15] = 14;
		frame[16] = e;
		frame[17] = vm_symbol(vm, "__text_start") + (grader_rand() & 0xfff);
		vm_write(vm, tf, frame, sizeof(frame));
		uint64_t cr2 = grader_rand() & 1 ? canonical_rand(grader_rand() & 1) + (grader_rand() & 0xfff)
						 : grader_rand();
		size_t from = strlen(vm_serial(vm));
		vm_eval(vm, "(pf_report((const struct trap_frame *)0x%" PRIx64 ", 0x%" PRIx64 "), 0)",
			tf, cr2);
		bool p = e & 1, w = e & 2, u = e & 4, rsvd = e & 8, id = e & 16;
		uint64_t got_addr = vm_eval(vm, "pf_last.addr"), got_err = vm_eval(vm, "pf_last.error");
		int gp = (int)vm_eval(vm, "pf_last.present"), gw = (int)vm_eval(vm, "pf_last.write");
		int gu = (int)vm_eval(vm, "pf_last.user"), gr = (int)vm_eval(vm, "pf_last.reserved");
		int gf = (int)vm_eval(vm, "pf_last.fetch");
		ck_assert_msg(got_addr == cr2 && got_err == e,
			      "pf_report(error 0x%" PRIx64 ", cr2 0x%" PRIx64 "): pf_last.addr is 0x%"
			      PRIx64 ", pf_last.error 0x%" PRIx64, e, cr2, got_addr, got_err);
		ck_assert_msg(gp == p && gw == w && gu == u && gr == rsvd && gf == id,
			      "pf_report(error 0x%" PRIx64 "): pf_last says present %d, write %d, "
			      "user %d, reserved %d, fetch %d; expected %d %d %d %d %d", e, gp, gw,
			      gu, gr, gf, p, w, u, rsvd, id);
		const char *line = report_line(vm, from, k, cr2);
		ck_assert_msg(u ? has(line, "user") && !has(line, "kernel")
				: has(line, "kernel") && !has(line, "user"),
			      "error 0x%" PRIx64 " (%s mode): the line \"%s\" must say so", e,
			      u ? "user" : "kernel", line);
		ck_assert_msg(has(line, "reserved bit") == rsvd, "error 0x%" PRIx64 " (RSVD %d): the "
			      "line \"%s\" must say \"reserved bit set\" exactly when RSVD is", e, rsvd,
			      line);
		bool notp = has(line, "not-present") || has(line, "not present") ||
			    has(line, "non-present");
		ck_assert_msg(p ? !notp && (has(line, "present") || has(line, "protection")) : notp,
			      "error 0x%" PRIx64 " (P %d): the line \"%s\" must say whether the page "
			      "was present", e, p, line);
		if (id && w)
			continue; /* no such fault: a fetch is never a write */
		ck_assert_msg(id ? has(line, "fetch")
				 : w ? has(line, "write") && !has(line, "fetch")
				     : has(line, "read") && !has(line, "write") && !has(line, "fetch"),
			      "error 0x%" PRIx64 ": the line \"%s\" must name the access (%s)", e, line,
			      id ? "an instruction fetch" : w ? "a write" : "a read");
	}
}
