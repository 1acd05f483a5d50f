/*
 * test_paging.c: kernel/arch/x86_64/paging.c (pt_walk, pt_map,
 * pt_map_large, pt_unmap, pt_translate) and the helpers of paging.h
 * (pt_index, va_canonical), on fake physical memory.
 *
 * The fake physical memory is mem[], 4 MiB: physical address pa is
 * mem + pa (fake_p2v). fake_alloc hands out its frames in order, zeroed,
 * from frame 1 on (0 means failure), counts them in `allocs` and fails
 * once `alloc_budget` frames were handed out (-1: never). fake_p2v fails
 * the test on an address that is not a table fake_alloc handed out, so
 * following an empty or garbage entry is caught. Each test starts with an
 * empty PML4 at `root` (not counted in allocs).
 *
 * The pages mapped are never read, so their physical addresses may lie
 * anywhere below 2^52, not only inside mem[].
 *
 * Random addresses come from a fixed-seed generator: a failure repeats.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

#include "paging.h"
#include <erix/errors.h>

#define PAGE 0x1000ull
#define LARGE 0x200000ull
#define MEM_FRAMES 1024
#define MEM_BYTES (MEM_FRAMES * PAGE)
#define HIGH_HALF 0xffff800000000000ull /* the lowest higher-half address */

static uint8_t mem[MEM_BYTES] __attribute__((aligned(4096)));
static uint64_t mem_next;  /* the next frame fake_alloc hands out */
static unsigned allocs;    /* frames handed out since the test began */
static int alloc_budget;   /* fail after this many allocs; -1: never */
static paddr_t root;       /* the PML4 of the test's tree */

static void *fake_p2v(paddr_t pa)
{
	ck_assert_msg(pa % PAGE == 0 && pa >= PAGE && pa < mem_next * PAGE,
		      "pt_env.p2v(0x%lx): not a table pt_env.alloc handed "
		      "out (an entry followed that is not present?)",
		      (unsigned long)pa);
	return mem + pa;
}

static paddr_t fake_alloc(void)
{
	if (alloc_budget >= 0 && allocs >= (unsigned)alloc_budget)
		return 0;
	ck_assert_msg(mem_next < MEM_FRAMES,
		      "pt_env.alloc: the fake memory's %d frames are used up",
		      MEM_FRAMES);
	paddr_t pa = mem_next++ * PAGE;
	memset(mem + pa, 0, PAGE);
	allocs++;
	return pa;
}

/* The fixture: fresh fake memory (0xa5 where nothing was handed out) and
 * an empty PML4. */
static void fake_mem_setup(void)
{
	memset(mem, 0xa5, sizeof(mem));
	pt_env.p2v = fake_p2v;
	pt_env.alloc = fake_alloc;
	mem_next = 1;
	alloc_budget = -1;
	root = fake_alloc();
	allocs = 0;
}

/* ---- messages ------------------------------------------------------------ */


/* flag_names: "P|W|U|NX|PS" for the flags that matter here (each call
 * overwrites one of two buffers, so two may be used in one message). */
static const char *flag_names(uint64_t f)
{
	static const struct {
		uint64_t bit;
		const char *name;
	} names[] = { { PTE_P, "P" },   { PTE_W, "W" },   { PTE_U, "U" },
		      { PTE_PS, "PS" }, { PTE_G, "G" },   { PTE_NX, "NX" } };
	static char bufs[2][64];
	static int which;
	char *buf = bufs[which++ % 2];

	buf[0] = '\0';
	for (unsigned i = 0; i < ARRAY_SIZE(names); i++)
		if (f & names[i].bit) {
			if (buf[0])
				strcat(buf, "|");
			strcat(buf, names[i].name);
		}
	if (f & ~(PTE_P | PTE_W | PTE_U | PTE_PS | PTE_G | PTE_NX))
		snprintf(buf + strlen(buf), 64 - strlen(buf), "%s%#lx",
			 buf[0] ? "|" : "",
			 (unsigned long)(f & ~(PTE_P | PTE_W | PTE_U | PTE_PS |
					       PTE_G | PTE_NX)));
	if (!buf[0])
		strcpy(buf, "0");
	return buf;
}

/* ---- checks -------------------------------------------------------------- */

static void expect_ret(const char *what, int got, int want)
{
	ck_assert_msg(got == want, "%s: returned %s, want %s", what,
		      unit_err_name(got), unit_err_name(want));
}

static void map_ok(const char *what, vaddr_t va, paddr_t pa, uint64_t flags)
{
	int r = pt_map(root, va, pa, flags);
	ck_assert_msg(r == 0, "%s: pt_map(va 0x%lx, pa 0x%lx, %s) returned %s",
		      what, (unsigned long)va, (unsigned long)pa,
		      flag_names(flags), unit_err_name(r));
}

static void map_large_ok(const char *what, vaddr_t va, paddr_t pa,
			 uint64_t flags)
{
	int r = pt_map_large(root, va, pa, flags);
	ck_assert_msg(r == 0,
		      "%s: pt_map_large(va 0x%lx, pa 0x%lx, %s) returned %s",
		      what, (unsigned long)va, (unsigned long)pa,
		      flag_names(flags), unit_err_name(r));
}

/* expect_translate: va must lead to pa with exactly these flags. */
static void expect_translate(const char *what, vaddr_t va, paddr_t pa,
			     uint64_t flags)
{
	paddr_t got_pa = 0xdead;
	uint64_t got_flags = 0xdead;

	bool ok = pt_translate(root, va, &got_pa, &got_flags);
	ck_assert_msg(ok, "%s: pt_translate(0x%lx) found nothing, want pa "
			  "0x%lx",
		      what, (unsigned long)va, (unsigned long)pa);
	ck_assert_msg(got_pa == pa && got_flags == flags,
		      "%s: pt_translate(0x%lx) gave pa 0x%lx, flags %s; want "
		      "0x%lx, %s",
		      what, (unsigned long)va, (unsigned long)got_pa,
		      flag_names(got_flags), (unsigned long)pa,
		      flag_names(flags));
}

static void expect_unmapped(const char *what, vaddr_t va)
{
	paddr_t pa = 0;
	uint64_t flags = 0;

	ck_assert_msg(!pt_translate(root, va, &pa, &flags),
		      "%s: pt_translate(0x%lx) gave pa 0x%lx, flags %s; want "
		      "nothing mapped",
		      what, (unsigned long)va, (unsigned long)pa,
		      flag_names(flags));
}

static void expect_allocs(const char *what, unsigned want)
{
	ck_assert_msg(allocs == want, "%s: %u tables allocated, want %u",
		      what, allocs, want);
}

/* ---- pt_index and va_canonical ------------------------------------------- */

static const struct {
	vaddr_t va;
	unsigned index[4]; /* levels 4, 3, 2, 1 */
} index_cases[] = {
	{ 0xffffffff80100000, { 511, 510, 0, 256 } },
	{ 0, { 0, 0, 0, 0 } },
	{ 0xfff, { 0, 0, 0, 0 } },
	{ 0x0000008040201fff, { 1, 1, 1, 1 } },
	{ 0x0000123456789abc, { 0x24, 0xd1, 0xb3, 0x189 } },
	{ 0x00007ffffffff000, { 255, 511, 511, 511 } },
	{ 0xffff800000000000, { 256, 0, 0, 0 } },
	{ 0xffffffffffffffff, { 511, 511, 511, 511 } },
};

START_TEST(test_pt_index)
{
	vaddr_t va = index_cases[_i].va;

	for (int l = 4; l >= 1; l--) {
		unsigned want = index_cases[_i].index[4 - l];
		ck_assert_msg(pt_index(va, l) == want,
			      "pt_index(0x%lx, %d) is %u, want %u",
			      (unsigned long)va, l, pt_index(va, l), want);
	}
}
END_TEST

static const struct {
	vaddr_t va;
	bool canonical;
} canonical_cases[] = {
	{ 0, true },
	{ 0x00007fffffffffff, true },
	{ 0x0000800000000000, false },
	{ 0x0000ffffffffffff, false },
	{ 0x0001000000000000, false },
	{ 0x8000000000000000, false },
	{ 0xffff000000000000, false },
	{ 0xffff7fffffffffff, false },
	{ 0xffff800000000000, true },
	{ 0xffffffff80100000, true },
	{ 0xffffffffffffffff, true },
};

START_TEST(test_va_canonical)
{
	vaddr_t va = canonical_cases[_i].va;
	bool want = canonical_cases[_i].canonical;

	ck_assert_msg(va_canonical(va) == want, "va_canonical(0x%lx) is %s",
		      (unsigned long)va, want ? "false" : "true");
}
END_TEST

/* ---- pt_map and pt_translate --------------------------------------------- */

static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

#define NRANDOM 64

/*
 * NRANDOM pages at random canonical addresses (even ones in the lower
 * half, odd ones in the higher), random frames below 2^52, random flags
 * from W, U and NX; then each one translated at a random offset. The
 * tables pt_walk makes allow everything, so the effective flags are the
 * leaf's.
 */
START_TEST(test_pt_map_random)
{
	vaddr_t va[NRANDOM];
	paddr_t pa[NRANDOM];
	uint64_t flags[NRANDOM];
	char what[64];

	rng_state = 0x9e3779b97f4a7c15;
	for (int i = 0; i < NRANDOM; i++) {
		bool fresh;
		do {
			va[i] = (rng() & 0x00007ffffffff000) |
				(i % 2 ? HIGH_HALF : 0);
			fresh = true;
			for (int j = 0; j < i; j++)
				fresh = fresh && va[j] != va[i];
		} while (!fresh);
		pa[i] = rng() & PTE_ADDR;
		uint64_t r = rng();
		flags[i] = (r & 1 ? PTE_W : 0) | (r & 2 ? PTE_U : 0) |
			   (r & 4 ? PTE_NX : 0);
		snprintf(what, sizeof(what), "random page %d", i);
		map_ok(what, va[i], pa[i], flags[i]);
	}
	ck_assert_msg(allocs <= 3 * NRANDOM,
		      "%d pages mapped with %u tables: more than 3 a page",
		      NRANDOM, allocs);
	for (int i = 0; i < NRANDOM; i++) {
		uint64_t off = rng() & (PAGE - 1);
		snprintf(what, sizeof(what), "random page %d, offset %#lx", i,
			 (unsigned long)off);
		expect_translate(what, va[i] + off, pa[i] + off,
				 PTE_P | flags[i]);
	}
}
END_TEST

/*
 * Tables are made only where missing: the pages mapped one after the
 * other, each step with the number of new tables it needs.
 */
static const struct {
	const char *name;
	vaddr_t va;
	unsigned new_tables;
} table_steps[] = {
	{ "first page: a PDPT, a PD and a PT", 0x0000000040000000, 3 },
	{ "next page, same 2 MiB: none", 0x0000000040001000, 0 },
	{ "last page of the same 2 MiB: none", 0x00000000401ff000, 0 },
	{ "next 2 MiB, same 1 GiB: a PT", 0x0000000040200000, 1 },
	{ "next 1 GiB, same 512 GiB: a PD and a PT", 0x0000000080000000, 2 },
	{ "next PML4 entry: a PDPT, a PD and a PT", 0x0000008000000000, 3 },
	{ "higher half: a PDPT, a PD and a PT", 0xffffffff80100000, 3 },
	{ "higher half, same 2 MiB: none", 0xffffffff80101000, 0 },
	{ "higher half, PML4 entry 511, PDPT entry 508: a PD and a PT",
	  0xffffffff00000000, 2 },
};

START_TEST(test_pt_map_tables)
{
	unsigned total = 0;

	for (unsigned i = 0; i < ARRAY_SIZE(table_steps); i++) {
		map_ok(table_steps[i].name, table_steps[i].va, (i + 1) * PAGE,
		       PTE_W);
		total += table_steps[i].new_tables;
		expect_allocs(table_steps[i].name, total);
	}
	for (unsigned i = 0; i < ARRAY_SIZE(table_steps); i++)
		expect_translate(table_steps[i].name, table_steps[i].va,
				 (i + 1) * PAGE, PTE_P | PTE_W);
}
END_TEST

/* Mapping over a mapping: -ERR_EXISTS, and the first one stays. */
START_TEST(test_pt_map_exists)
{
	vaddr_t va = 0x40000000, big = 0x80000000;

	map_ok("first mapping", va, 0x5000, PTE_W);
	expect_ret("pt_map of the same page again",
		   pt_map(root, va, 0x6000, PTE_W | PTE_U), -ERR_EXISTS);
	expect_translate("after pt_map again", va, 0x5000, PTE_P | PTE_W);
	expect_ret("pt_map_large over the 2 MiB that holds a 4 KiB page",
		   pt_map_large(root, va, 0x200000, PTE_W), -ERR_EXISTS);
	expect_translate("after pt_map_large over it", va, 0x5000,
			 PTE_P | PTE_W);
	expect_allocs("three -ERR_EXISTS", 3);

	map_large_ok("a 2 MiB page", big, 0x400000, PTE_W);
	expect_ret("pt_map_large of the same 2 MiB again",
		   pt_map_large(root, big, 0x600000, 0), -ERR_EXISTS);
	expect_translate("after pt_map_large again", big + 0x1234,
			 0x401234, PTE_P | PTE_W | PTE_PS);
}
END_TEST

/* Bad arguments: -ERR_INVALID, before any table is made. */
static const struct {
	const char *name;
	bool large; /* pt_map_large, not pt_map */
	vaddr_t va;
	paddr_t pa;
} invalid_cases[] = {
	{ "va not page-aligned", false, 0x40000001, 0x1000 },
	{ "va half a page in", false, 0x40000800, 0x1000 },
	{ "pa not page-aligned", false, 0x40000000, 0x1001 },
	{ "pa at 2^52", false, 0x40000000, 1ull << 52 },
	{ "pa with bit 63", false, 0x40000000, 0x8000000000001000 },
	{ "va 2^47, not canonical", false, 0x0000800000000000, 0x1000 },
	{ "va just below the higher half", false, 0xffff7ffffffff000, 0x1000 },
	{ "va with only bit 63", false, 0x8000000000000000, 0x1000 },
	{ "large: va only 4 KiB-aligned", true, 0x40001000, 0x200000 },
	{ "large: pa only 4 KiB-aligned", true, 0x40000000, 0x201000 },
	{ "large: va not canonical", true, 0x0000800000000000, 0x200000 },
	{ "large: pa at 2^52", true, 0x40000000, 1ull << 52 },
};

START_TEST(test_pt_map_invalid)
{
	char what[128];
	int r;

	snprintf(what, sizeof(what), "%s: %s(va 0x%lx, pa 0x%lx)",
		 invalid_cases[_i].name,
		 invalid_cases[_i].large ? "pt_map_large" : "pt_map",
		 (unsigned long)invalid_cases[_i].va,
		 (unsigned long)invalid_cases[_i].pa);
	if (invalid_cases[_i].large)
		r = pt_map_large(root, invalid_cases[_i].va,
				 invalid_cases[_i].pa, PTE_W);
	else
		r = pt_map(root, invalid_cases[_i].va, invalid_cases[_i].pa,
			   PTE_W);
	expect_ret(what, r, -ERR_INVALID);
	expect_allocs(what, 0);
}
END_TEST

/*
 * pt_env.alloc failing after `budget` tables: -ERR_NO_MEMORY and nothing
 * mapped; once alloc works again the same call succeeds, reusing the
 * tables made before the failure.
 */
static const struct {
	const char *name;
	bool large;
	int budget;
} no_memory_cases[] = {
	{ "4 KiB page, no PDPT", false, 0 },
	{ "4 KiB page, no PD", false, 1 },
	{ "4 KiB page, no PT", false, 2 },
	{ "2 MiB page, no PDPT", true, 0 },
	{ "2 MiB page, no PD", true, 1 },
};

START_TEST(test_pt_map_no_memory)
{
	const char *name = no_memory_cases[_i].name;
	bool large = no_memory_cases[_i].large;
	vaddr_t va = 0xffffffff80200000;
	paddr_t pa = 0x400000;
	char what[128];

	alloc_budget = no_memory_cases[_i].budget;
	snprintf(what, sizeof(what), "%s (alloc fails after %d)", name,
		 alloc_budget);
	int r = large ? pt_map_large(root, va, pa, PTE_W)
		      : pt_map(root, va, pa, PTE_W);
	expect_ret(what, r, -ERR_NO_MEMORY);
	expect_unmapped(what, va);

	alloc_budget = -1;
	snprintf(what, sizeof(what), "%s, then again with memory", name);
	r = large ? pt_map_large(root, va, pa, PTE_W)
		  : pt_map(root, va, pa, PTE_W);
	expect_ret(what, r, 0);
	expect_allocs(what, large ? 2 : 3);
	expect_translate(what, va, pa, PTE_P | PTE_W | (large ? PTE_PS : 0));
}
END_TEST

/* 2 MiB pages: translated anywhere inside, with PTE_PS. */
static const struct {
	const char *name;
	vaddr_t va;
	paddr_t pa;
	uint64_t flags;
} large_cases[] = {
	{ "low half, writable", 0x40000000, 0x80000000, PTE_W },
	{ "kernel, physical 0", 0xffffffff80000000, 0, PTE_W | PTE_NX },
	{ "top of the lower half, the highest frame", 0x00007fffffe00000,
	  0x000fffffffe00000, PTE_W | PTE_U },
	{ "bottom of the higher half", HIGH_HALF, 0x200000, PTE_W | PTE_NX },
	{ "read-only", 0x200000, 0x400000, 0 },
};

START_TEST(test_pt_map_large)
{
	static const uint64_t offsets[] = { 0, 0x1234, 0x1ff000, 0x1fffff };
	vaddr_t va = large_cases[_i].va;
	paddr_t pa = large_cases[_i].pa;
	char what[128];

	map_large_ok(large_cases[_i].name, va, pa, large_cases[_i].flags);
	expect_allocs(large_cases[_i].name, 2);
	for (unsigned i = 0; i < ARRAY_SIZE(offsets); i++) {
		snprintf(what, sizeof(what), "2 MiB page, %s, offset %#lx",
			 large_cases[_i].name, (unsigned long)offsets[i]);
		expect_translate(what, va + offsets[i], pa + offsets[i],
				 PTE_P | PTE_PS | large_cases[_i].flags);
	}
	if (va_canonical(va + LARGE)) {
		snprintf(what, sizeof(what), "2 MiB page, %s, the next 2 MiB",
			 large_cases[_i].name);
		expect_unmapped(what, va + LARGE);
	}
}
END_TEST

/*
 * A 4 KiB page inside a 2 MiB page: pt_walk finds the large page in the
 * way and returns NULL, which pt_map reports as -ERR_EXISTS. The large
 * page is unchanged and no table is made.
 */
START_TEST(test_pt_map_in_large)
{
	vaddr_t big = 0x40000000;

	map_large_ok("a 2 MiB page", big, 0x80000000, PTE_W);
	expect_ret("pt_map of a 4 KiB page inside a 2 MiB page",
		   pt_map(root, big + 0x5000, 0x1000, PTE_W), -ERR_EXISTS);
	expect_translate("the 2 MiB page after pt_map inside it", big + 0x5000,
			 0x80005000, PTE_P | PTE_W | PTE_PS);
	expect_allocs("pt_map inside a 2 MiB page", 2);
}
END_TEST

/*
 * Effective flags: a page mapped with pt_map, then the entries above it
 * (levels 4, 3, 2) given other flags (KEEP: as pt_walk made them).
 */
#define KEEP (~0ull)

static const struct {
	const char *name;
	uint64_t upper[3]; /* the flags of the level 4, 3 and 2 entries */
	uint64_t leaf;     /* pt_map's flags */
	uint64_t want;     /* pt_translate's */
} flags_cases[] = {
	{ "leaf W under pt_walk's tables: writable, not user",
	  { KEEP, KEEP, KEEP }, PTE_W, PTE_P | PTE_W },
	{ "leaf W|U: writable and user",
	  { KEEP, KEEP, KEEP }, PTE_W | PTE_U, PTE_P | PTE_W | PTE_U },
	{ "leaf read-only", { KEEP, KEEP, KEEP }, 0, PTE_P },
	{ "leaf U only", { KEEP, KEEP, KEEP }, PTE_U, PTE_P | PTE_U },
	{ "leaf NX", { KEEP, KEEP, KEEP }, PTE_NX, PTE_P | PTE_NX },
	{ "leaf W|U|NX", { KEEP, KEEP, KEEP }, PTE_W | PTE_U | PTE_NX,
	  PTE_P | PTE_W | PTE_U | PTE_NX },
	{ "PML4 entry read-only: not writable",
	  { PTE_U, KEEP, KEEP }, PTE_W | PTE_U, PTE_P | PTE_U },
	{ "PDPT entry supervisor: not user",
	  { KEEP, PTE_W, KEEP }, PTE_W | PTE_U, PTE_P | PTE_W },
	{ "PD entry NX: no execute",
	  { KEEP, KEEP, PTE_W | PTE_U | PTE_NX }, PTE_W | PTE_U,
	  PTE_P | PTE_W | PTE_U | PTE_NX },
	{ "PML4 entry NX, leaf NX too",
	  { PTE_W | PTE_U | PTE_NX, KEEP, KEEP }, PTE_NX, PTE_P | PTE_NX },
	{ "every table read-only and supervisor",
	  { 0, 0, 0 }, PTE_W | PTE_U, PTE_P },
	{ "tables W|U|NX, leaf read-only supervisor",
	  { PTE_W | PTE_U, PTE_W | PTE_U, PTE_W | PTE_U | PTE_NX }, 0,
	  PTE_P | PTE_NX },
};

START_TEST(test_pt_translate_flags)
{
	vaddr_t va = 0x00007f0000123000;
	paddr_t pa = 0x77000;

	map_ok(flags_cases[_i].name, va, pa, flags_cases[_i].leaf);
	for (int l = 4; l >= 2; l--) {
		uint64_t f = flags_cases[_i].upper[4 - l];
		if (f == KEEP)
			continue;
		uint64_t *e = pt_walk(root, va, l, false);
		ck_assert_msg(e != NULL, "%s: pt_walk(0x%lx, level %d) is NULL "
					 "after pt_map",
			      flags_cases[_i].name, (unsigned long)va, l);
		*e = (*e & PTE_ADDR) | PTE_P | f;
	}
	expect_translate(flags_cases[_i].name, va + 0x10, pa + 0x10,
			 flags_cases[_i].want);
}
END_TEST

/* Nothing is found in an empty tree, or at a non-canonical address. */
START_TEST(test_pt_translate_unmapped)
{
	expect_unmapped("empty tree", 0);
	expect_unmapped("empty tree", 0xffffffff80100000);
	map_ok("one page", 0x1000, 0x1000, PTE_W);
	expect_unmapped("next page after the only one", 0x2000);
	expect_unmapped("page 0 below the only one", 0);
	expect_unmapped("non-canonical, same indices as the only page",
			0x0001000000001000);
}
END_TEST

/* ---- pt_unmap ------------------------------------------------------------ */

START_TEST(test_pt_unmap_small)
{
	vaddr_t va = 0xffffffff80100000;

	map_ok("page A", va, 0x5000, PTE_W);
	map_ok("page B, after A", va + PAGE, 0x6000, PTE_W);
	expect_ret("pt_unmap(A)", pt_unmap(root, va), 0);
	expect_unmapped("A after pt_unmap(A)", va);
	expect_unmapped("A's last byte after pt_unmap(A)", va + PAGE - 1);
	expect_translate("B after pt_unmap(A)", va + PAGE, 0x6000,
			 PTE_P | PTE_W);
	expect_ret("pt_unmap(A) again", pt_unmap(root, va), -ERR_NOT_MAPPED);
	map_ok("A mapped again", va, 0x7000, PTE_U);
	expect_translate("A mapped again", va, 0x7000, PTE_P | PTE_U);
	expect_allocs("A, B, A again", 3);
}
END_TEST

START_TEST(test_pt_unmap_large)
{
	vaddr_t big = 0x40000000;

	map_large_ok("a 2 MiB page", big, 0x80000000, PTE_W);
	expect_ret("pt_unmap of a 4 KiB address inside a 2 MiB page",
		   pt_unmap(root, big + 0x1000), -ERR_INVALID);
	expect_translate("the 2 MiB page after that", big + 0x1000, 0x80001000,
			 PTE_P | PTE_W | PTE_PS);
	expect_ret("pt_unmap of the 2 MiB page", pt_unmap(root, big), 0);
	expect_unmapped("its start after pt_unmap", big);
	expect_unmapped("its middle after pt_unmap", big + 0x123456);
	expect_unmapped("its last byte after pt_unmap", big + LARGE - 1);
	expect_ret("pt_unmap of the 2 MiB page again", pt_unmap(root, big),
		   -ERR_NOT_MAPPED);
	map_ok("a 4 KiB page where it was", big + 0x3000, 0x3000, PTE_W);
	expect_translate("a 4 KiB page where it was", big + 0x3000, 0x3000,
			 PTE_P | PTE_W);
}
END_TEST

/* pt_unmap on a tree holding one page at 0x40000000: each address must
 * give its error and leave the page mapped. */
static const struct {
	const char *name;
	vaddr_t va;
	int ret;
} unmap_cases[] = {
	{ "empty PML4 entry", 0xffffffff80100000, -ERR_NOT_MAPPED },
	{ "empty PDPT entry", 0x0000000080000000, -ERR_NOT_MAPPED },
	{ "empty PD entry", 0x0000000040200000, -ERR_NOT_MAPPED },
	{ "empty PT entry next to the page", 0x0000000040001000,
	  -ERR_NOT_MAPPED },
	{ "the page's address + 1", 0x0000000040000001, -ERR_INVALID },
	{ "the page's address + 0x800", 0x0000000040000800, -ERR_INVALID },
	{ "not canonical", 0x0000800000000000, -ERR_INVALID },
	{ "not canonical, same indices as the page", 0x0001000040000000,
	  -ERR_INVALID },
};

START_TEST(test_pt_unmap_errors)
{
	char what[128];

	map_ok("the page", 0x40000000, 0x9000, PTE_W);
	snprintf(what, sizeof(what), "pt_unmap(0x%lx), %s",
		 (unsigned long)unmap_cases[_i].va, unmap_cases[_i].name);
	expect_ret(what, pt_unmap(root, unmap_cases[_i].va),
		   unmap_cases[_i].ret);
	expect_translate(what, 0x40000000, 0x9000, PTE_P | PTE_W);
}
END_TEST

/* ---- pt_walk ------------------------------------------------------------- */

/* Without create, on an empty tree: NULL below level 4; at level 4 the
 * PML4's own entry. Nothing allocated. */
START_TEST(test_pt_walk_empty)
{
	static const vaddr_t vas[] = { 0, 0x40000000, 0xffffffff80100000 };

	for (unsigned i = 0; i < ARRAY_SIZE(vas); i++) {
		for (int l = 1; l <= 3; l++) {
			uint64_t *e = pt_walk(root, vas[i], l, false);
			ck_assert_msg(e == NULL,
				      "empty tree: pt_walk(0x%lx, level %d, "
				      "no create) is %p, want NULL",
				      (unsigned long)vas[i], l, (void *)e);
		}
		uint64_t *want = (uint64_t *)(mem + root) + pt_index(vas[i], 4);
		uint64_t *e = pt_walk(root, vas[i], 4, false);
		ck_assert_msg(e == want,
			      "empty tree: pt_walk(0x%lx, level 4, no create) "
			      "is %p, want the PML4's entry %u (%p)",
			      (unsigned long)vas[i], (void *)e,
			      pt_index(vas[i], 4), (void *)want);
	}
	expect_allocs("pt_walk without create", 0);
}
END_TEST

/* A level outside 1..4 or a non-canonical va: NULL even with create, and
 * no table made. */
static const struct {
	const char *name;
	vaddr_t va;
	int level;
} bad_walk_cases[] = {
	{ "level 0", 0x40000000, 0 },
	{ "level 5", 0x40000000, 5 },
	{ "level -1", 0x40000000, -1 },
	{ "level INT_MAX", 0x40000000, INT_MAX },
	{ "level INT_MIN", 0x40000000, INT_MIN },
	{ "non-canonical va, level 1", 0x0000800000000000, 1 },
	{ "non-canonical va, level 4", 0xffff000000000000, 4 },
};

START_TEST(test_pt_walk_bad)
{
	uint64_t *e = pt_walk(root, bad_walk_cases[_i].va,
			      bad_walk_cases[_i].level, true);

	ck_assert_msg(e == NULL, "%s: pt_walk(0x%lx, level %d, create) is %p, "
				 "want NULL",
		      bad_walk_cases[_i].name,
		      (unsigned long)bad_walk_cases[_i].va,
		      bad_walk_cases[_i].level, (void *)e);
	expect_allocs(bad_walk_cases[_i].name, 0);
}
END_TEST

/* entry_table: the physical address of the table e lies in. */
static paddr_t entry_table(const uint64_t *e)
{
	return ((const uint8_t *)e - mem) & ~(PAGE - 1);
}

/*
 * With create: the tables are made (entries P|W|U pointing at them), the
 * entry returned is the one pt_translate uses, and a second walk finds the
 * same entry without allocating.
 */
START_TEST(test_pt_walk_create)
{
	vaddr_t va = 0xffffffff80100000;
	const char *what = "pt_walk(0xffffffff80100000, level 1, create)";

	uint64_t *e = pt_walk(root, va, 1, true);
	ck_assert_msg(e != NULL, "%s on an empty tree is NULL", what);
	expect_allocs(what, 3);
	ck_assert_msg((uint8_t *)e >= mem + PAGE &&
			      (uint8_t *)e < mem + mem_next * PAGE,
		      "%s is %p, not in a table pt_env.alloc handed out", what,
		      (void *)e);
	ck_assert_msg(((uint8_t *)e - mem) % PAGE == pt_index(va, 1) * 8,
		      "%s is entry %lu of its table, want %u", what,
		      (unsigned long)(((uint8_t *)e - mem) % PAGE / 8),
		      pt_index(va, 1));
	ck_assert_msg(*e == 0, "%s: the new entry is %#lx, want 0", what,
		      (unsigned long)*e);

	/* Each entry above points at the table below, P|W|U, nothing else. */
	paddr_t below = entry_table(e);
	for (int l = 2; l <= 4; l++) {
		uint64_t *up = pt_walk(root, va, l, false);
		ck_assert_msg(up != NULL, "after %s: pt_walk level %d is NULL",
			      what, l);
		uint64_t want = below | PTE_P | PTE_W | PTE_U;
		ck_assert_msg(*up == want,
			      "after %s: the level-%d entry is %#lx, want %#lx "
			      "(table 0x%lx, P|W|U)",
			      what, l, (unsigned long)*up, (unsigned long)want,
			      (unsigned long)below);
		below = entry_table(up);
	}
	ck_assert_msg(below == root, "after %s: the level-4 entry is not in "
				     "the PML4",
		      what);

	uint64_t *again = pt_walk(root, va, 1, false);
	ck_assert_msg(again == e, "%s, then without create: %p, want %p", what,
		      (void *)again, (void *)e);
	uint64_t *next = pt_walk(root, va + PAGE, 1, true);
	ck_assert_msg(next == e + 1, "%s, then the next page's: %p, want %p",
		      what, (void *)next, (void *)(e + 1));
	expect_allocs("two more walks in the same PT", 3);

	*e = 0x123000 | PTE_P | PTE_W;
	expect_translate("the entry pt_walk returned, set by hand", va + 0x45,
			 0x123045, PTE_P | PTE_W);
}
END_TEST

/* A 2 MiB page in the way of a level-1 walk: NULL, nothing made; at level
 * 2 the walk gives the large page's entry. */
START_TEST(test_pt_walk_large)
{
	vaddr_t big = 0x40000000;

	map_large_ok("a 2 MiB page", big, 0x80000000, PTE_W);
	uint64_t *e = pt_walk(root, big + 0x3000, 1, true);
	ck_assert_msg(e == NULL, "pt_walk(level 1, create) inside a 2 MiB page "
				 "is %p, want NULL",
		      (void *)e);
	e = pt_walk(root, big + 0x3000, 1, false);
	ck_assert_msg(e == NULL, "pt_walk(level 1, no create) inside a 2 MiB "
				 "page is %p, want NULL",
		      (void *)e);
	expect_allocs("pt_walk level 1 inside a 2 MiB page", 2);

	e = pt_walk(root, big + 0x3000, 2, false);
	ck_assert_msg(e != NULL && *e == (0x80000000 | PTE_P | PTE_W | PTE_PS),
		      "pt_walk(level 2) of a 2 MiB page: %s%#lx, want the "
		      "entry %#lx",
		      e ? "" : "NULL ", e ? (unsigned long)*e : 0ul,
		      (unsigned long)(0x80000000 | PTE_P | PTE_W | PTE_PS));
}
END_TEST

Suite *paging_suite(void)
{
	Suite *s = suite_create("paging");
	TCase *tc = tcase_create("indices");

	tcase_add_loop_test(tc, test_pt_index, 0, ARRAY_SIZE(index_cases));
	tcase_add_loop_test(tc, test_va_canonical, 0,
			    ARRAY_SIZE(canonical_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("map and translate");
	tcase_add_checked_fixture(tc, fake_mem_setup, NULL);
	tcase_add_test(tc, test_pt_map_random);
	tcase_add_test(tc, test_pt_map_tables);
	tcase_add_test(tc, test_pt_map_exists);
	tcase_add_loop_test(tc, test_pt_map_invalid, 0,
			    ARRAY_SIZE(invalid_cases));
	tcase_add_loop_test(tc, test_pt_map_no_memory, 0,
			    ARRAY_SIZE(no_memory_cases));
	tcase_add_loop_test(tc, test_pt_map_large, 0, ARRAY_SIZE(large_cases));
	tcase_add_test(tc, test_pt_map_in_large);
	tcase_add_loop_test(tc, test_pt_translate_flags, 0,
			    ARRAY_SIZE(flags_cases));
	tcase_add_test(tc, test_pt_translate_unmapped);
	suite_add_tcase(s, tc);

	tc = tcase_create("unmap");
	tcase_add_checked_fixture(tc, fake_mem_setup, NULL);
	tcase_add_test(tc, test_pt_unmap_small);
	tcase_add_test(tc, test_pt_unmap_large);
	tcase_add_loop_test(tc, test_pt_unmap_errors, 0, ARRAY_SIZE(unmap_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("walk");
	tcase_add_checked_fixture(tc, fake_mem_setup, NULL);
	tcase_add_test(tc, test_pt_walk_empty);
	tcase_add_loop_test(tc, test_pt_walk_bad, 0, ARRAY_SIZE(bad_walk_cases));
	tcase_add_test(tc, test_pt_walk_create);
	tcase_add_test(tc, test_pt_walk_large);
	suite_add_tcase(s, tc);
	return s;
}
