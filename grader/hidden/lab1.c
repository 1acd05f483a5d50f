/*
 * hidden/lab1.c: lab 1's hidden graded tests (not in student trees).
 * Edge cases of the same four exercises, through the kernel's own
 * functions called from GDB on inputs the grader plants.
 */
#define _GNU_SOURCE
#include "erix.h"
#include "grader.h"
#include "../tests/lab1.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

GRADER_TEST(lab1_kprintf_fields, .covers = "kernel/format.c", .lab = 1, .points = 5, .limit = 40, .hidden = true,
	    .title = "ksnprintf with random widths, zero padding and left alignment")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	/* The rare cases every time: '-' with '0', the sign with zeros and
	 * with left alignment, zero itself, a value wider than the width. */
	int n = (int)grader_rand_range(1, 999);
	char args[64];
	static const char *const fixed[] = { "<%-05d>", "<%05d>", "<%-6d>", "<%6d>", "<%2d>",
					     "<%-4i>" };
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		snprintf(args, sizeof(args), "(int)%d", -n);
		lab1_check_format_args(vm, fixed[i], args, -n);
	}
	static const char *const zero[] = { "<%d>", "<%x>", "<%5u>", "<%-3X>", "<%03d>" };
	for (size_t i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
		lab1_check_format_args(vm, zero[i], "(int)0", 0);
	static const char *const conv[] = { "d", "u", "x", "X", "ld", "lu", "lx",
					    "lld", "llx", "zu", "i" };
	for (int i = 0; i < 16; i++)
		lab1_check_format(vm, conv[grader_rand_range(0, 10)], true);
}

/* One fake stack for backtrace_walk(), built in ktest_scratch. */
struct fake_stack {
	uint64_t words[256]; /* 2 KiB: the stack [lo, hi) */
	uint64_t fp;         /* where the walk starts */
	uint64_t pcs[32];    /* the return addresses a correct walk finds */
	int expect;
};

/*
 * build_stack: a chain of `frames` frames at random, climbing, 16-byte
 * aligned positions, with random return addresses, ended by `how`:
 * 0 a zero frame pointer, 1 a frame pointer that goes down, 2 one whose
 * pair would cross the stack's end, 3 a misaligned one, 4 a zero return
 * address, 5 a frame pointer pointing to its own frame, 6 a zero frame
 * pointer with max one less than the frames. Wherever a wrong walk would
 * read next (past a misaligned pointer, past the end), plausible nonzero
 * words wait, so that reading them shows.
 */
static void build_stack(struct fake_stack *s, uint64_t lo, int frames, int how)
{
	int pos[32] = { 0 };
	int at = (int)grader_rand_range(0, 8) * 2;
	if (how == 2) /* the last frame right below the end */
		at = 240 - 12 * (frames - 1);
	for (int k = 0; k < frames; k++) {
		pos[k] = at;
		at += 2 * (int)grader_rand_range(1, 6);
	}
	memset(s->words, 0, sizeof(s->words));
	s->fp = lo + 8 * (uint64_t)pos[0];
	s->expect = frames;
	for (int k = 0; k < frames; k++) {
		uint64_t ret = 0xffffffff80100000ull + (grader_rand() & 0xfffff) + 1;
		s->pcs[k] = ret;
		s->words[pos[k] + 1] = ret;
		s->words[pos[k]] = k + 1 < frames ? lo + 8 * (uint64_t)pos[k + 1] : 0;
	}
	int last = pos[frames - 1];
	switch (how) {
	case 1: /* the last frame points back down: the walk stops after it */
		s->words[last] = lo + 8 * (uint64_t)pos[0];
		break;
	case 2: /* the next frame's pair would straddle the end of the stack
		 * (a word past it is nonzero: fake_stack.beyond) */
		s->words[last] = lo + sizeof(s->words) - 8;
		break;
	case 3: /* misaligned: the walk stops before reading it, although it
		 * points at words that look like a frame */
		s->words[last] = lo + 8 * (uint64_t)(last + 4) + 4;
		for (int w = last + 4; w < last + 8 && w < 256; w++)
			s->words[w] = 0xffffffff80100000ull + (grader_rand() & 0xfff0);
		break;
	case 4: /* a zero return address ends the walk before that frame */
		s->words[last + 1] = 0;
		s->expect = frames - 1;
		break;
	case 5: /* the last frame points to itself: the walk stops after it */
		s->words[last] = lo + 8 * (uint64_t)last;
		break;
	}
}

GRADER_TEST(lab1_backtrace_bounds, .covers = "kernel/arch/x86_64/backtrace.c", .lab = 1, .points = 5, .limit = 40, .hidden = true,
	    .title = "backtrace_walk on planted stacks: ends, loops, bounds, alignment, max")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	uint64_t lo = erix_scratch(vm, 0), out = erix_scratch(vm, 3072);
	static const char *const how_name[] = { "zero frame pointer", "a frame pointer going down",
						"a frame past the stack's end", "a misaligned frame pointer",
						"a zero return address", "a frame pointing to itself",
						"max frames" };
	/* Words right past the stack's end that look like a frame. */
	uint64_t beyond[2] = { lo + 16, 0xffffffff80100000ull + (grader_rand() & 0xfff0) };
	vm_write(vm, lo + 2048, beyond, sizeof(beyond));
	for (int how = 0; how < 7; how++) {
		struct fake_stack s;
		int frames = (int)grader_rand_range(3, 9);
		build_stack(&s, lo, frames, how == 6 ? 0 : how);
		vm_write(vm, lo, s.words, sizeof(s.words));
		int max = how == 6 ? frames - 1 : 32;
		int expect = s.expect < max ? s.expect : max;
		/* pcs[] gets a canary after the expected frames. */
		uint64_t canary = 0x5a5a5a5a5a5a5a5aull;
		vm_write(vm, out + 8 * (uint64_t)expect, &canary, 8);
		int n = (int)vm_eval(vm, "backtrace_walk(0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64
				    ", (unsigned long *)0x%" PRIx64 ", %d)",
				    s.fp, lo, lo + sizeof(s.words), out, max);
		uint64_t after;
		vm_read(vm, out + 8 * (uint64_t)expect, &after, 8);
		ck_assert_msg(after == canary, "a planted chain of %d frames ended by %s (max %d): "
			      "backtrace_walk wrote pcs[%d]", frames, how_name[how], max, expect);
		ck_assert_msg(n == expect, "a planted chain of %d frames ended by %s (max %d): "
			      "backtrace_walk returned %d, expected %d",
			      frames, how_name[how], max, n, expect);
		uint64_t pcs[32];
		if (n > 0)
			vm_read(vm, out, pcs, sizeof(uint64_t) * (size_t)n);
		for (int k = 0; k < n; k++)
			ck_assert_msg(pcs[k] == s.pcs[k], "planted chain: pcs[%d] is 0x%" PRIx64
				      ", expected 0x%" PRIx64, k, pcs[k], s.pcs[k]);
	}
	/* A walk that starts below the stack reads nothing. */
	struct fake_stack s;
	build_stack(&s, lo, 4, 0);
	vm_write(vm, lo, s.words, sizeof(s.words));
	int n = (int)vm_eval(vm, "backtrace_walk(0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64
			    ", (unsigned long *)0x%" PRIx64 ", 32)",
			    s.fp, s.fp + 16, lo + sizeof(s.words), out);
	ck_assert_msg(n == 0, "a frame pointer below the stack's start: backtrace_walk "
		      "returned %d frames, expected 0", n);
}

GRADER_TEST(lab1_memory_map_raw, .full_boot = true, .covers = "kernel/multiboot.c", .lab = 1, .points = 5, .limit = 40, .hidden = true,
	    .title = "boot_info.mmap[] is exactly the multiboot2 memory-map tag's entries")
{
	int mib = (int)grader_rand_range(48, 1500);
	struct vm *vm = erix_boot(&(struct vm_config){ .mem_mib = mib }, NULL);
	vm_run_to(vm, "ktest_ready");
	/* The grader reads GRUB's information itself, in physical memory. */
	uint64_t pa = vm_eval(vm, "boot_info.info_pa");
	uint32_t hdr[2];
	vm_read_phys(vm, pa, hdr, sizeof(hdr));
	ck_assert_msg(hdr[0] >= 16 && hdr[0] < 65536, "grader: odd multiboot2 total_size %u", hdr[0]);
	uint8_t *info = malloc(hdr[0]);
	vm_read_phys(vm, pa, info, hdr[0]);
	struct lab1_region want[64];
	int nwant = 0;
	for (uint32_t off = 8; off + 8 <= hdr[0];) {
		uint32_t type, size;
		memcpy(&type, info + off, 4);
		memcpy(&size, info + off + 4, 4);
		if (type == 0 || size < 8)
			break;
		if (type == 6) {
			uint32_t esize;
			memcpy(&esize, info + off + 8, 4);
			for (uint32_t e = 16; esize >= 24 && e + esize <= size && nwant < 64; e += esize) {
				struct lab1_region r;
				memcpy(&r.base, info + off + e, 8);
				memcpy(&r.length, info + off + e + 8, 8);
				memcpy(&r.type, info + off + e + 16, 4);
				if (r.length)
					want[nwant++] = r;
			}
		}
		off += (size + 7) & ~7u;
	}
	free(info);
	struct lab1_region got[64];
	int n = lab1_read_mmap(vm, got, 64);
	ck_assert_msg(n == nwant, "boot_info.mmap_count is %d; GRUB's tag has %d regions", n, nwant);
	for (int i = 0; i < n; i++)
		ck_assert_msg(got[i].base == want[i].base && got[i].length == want[i].length &&
			      got[i].type == want[i].type,
			      "mmap[%d] is {0x%" PRIx64 ", 0x%" PRIx64 ", %u}; GRUB's entry is "
			      "{0x%" PRIx64 ", 0x%" PRIx64 ", %u}",
			      i, got[i].base, got[i].length, got[i].type, want[i].base,
			      want[i].length, want[i].type);
}

GRADER_TEST(lab1_cmdline_edges, .covers = "kernel/cmdline.c", .lab = 1, .points = 5, .limit = 40, .hidden = true,
	    .title = "cmdline_parse on planted lines: blanks, '=' in values, no key, too many")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	unsigned r = (unsigned)grader_rand() % 10000;

	char line[256], keys[4][24], values[4][24];
	snprintf(line, sizeof(line), " \t a%u=1   =x  b%u=2=%u\tflag%u  k%u=  ", r, r, r, r, r);
	snprintf(keys[0], 24, "a%u", r);
	snprintf(values[0], 24, "1");
	snprintf(keys[1], 24, "b%u", r);
	snprintf(values[1], 24, "2=%u", r);
	snprintf(keys[2], 24, "flag%u", r);
	values[2][0] = '\0';
	snprintf(keys[3], 24, "k%u", r);
	values[3][0] = '\0';
	erix_put_string(vm, SCRATCH_IN, line);
	int64_t ret = (int64_t)vm_eval(vm, "(long)cmdline_parse(ktest_scratch)");
	ck_assert_msg(ret == 4, "cmdline_parse(\"%s\") returned %" PRId64 ", expected 4", line, ret);
	lab1_check_options(vm, keys, values, 4, line);

	/* 17 words: 16 stored, -1 returned. */
	int n = 0;
	for (int i = 0; i < 17; i++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, "o%d=%u ", i, r + (unsigned)i);
	erix_put_string(vm, SCRATCH_IN, line);
	ret = (int64_t)vm_eval(vm, "(long)cmdline_parse(ktest_scratch)");
	ck_assert_msg(ret == -1, "cmdline_parse of 17 options returned %" PRId64 ", expected -1", ret);
	ck_assert_msg(vm_eval(vm, "cmdline_count") == 16, "after 17 options cmdline_count is %d",
		      (int)vm_eval(vm, "cmdline_count"));
}

/* One memory-map entry, as the multiboot2 tag holds it. */
struct mb2_entry {
	uint64_t base, length;
	uint32_t type, zero;
};

/*
 * plant_mmap: write a multiboot2 information structure holding one
 * memory-map tag with n entries of entry_size esize (padding filled with
 * noise), extra bytes of a partial entry after them (0: none), and an end
 * tag, at ktest_scratch. Returns its total size.
 */
static uint32_t plant_mmap(struct vm *vm, const struct mb2_entry *e, int n, uint32_t esize,
			   uint32_t extra)
{
	static uint8_t buf[4096];
	memset(buf, 0, sizeof(buf));
	uint32_t tag = 8, size = 16 + (uint32_t)n * esize + extra;
	uint32_t hdr[4] = { 0, 0, 6, size };
	uint32_t sizes[2] = { esize, 0 };
	for (int i = 0; i < n; i++) {
		uint8_t *p = buf + tag + 16 + (uint32_t)i * esize;
		for (uint32_t b = 0; b < esize; b++)
			p[b] = (uint8_t)grader_rand();
		memcpy(p, &e[i], esize < sizeof(*e) ? esize : sizeof(*e));
	}
	if (extra) { /* looks like an entry, but does not fit wholly in the tag */
		struct mb2_entry partial = { 0x7000000, 0x100000, 1, 0 };
		memcpy(buf + tag + 16 + (uint32_t)n * esize, &partial, extra);
	}
	uint32_t end = tag + ((size + 7) & ~7u);
	uint32_t total = end + 8;
	hdr[0] = total;
	memcpy(buf, hdr, 8);
	memcpy(buf + tag, &hdr[2], 8);
	memcpy(buf + tag + 8, sizes, 8);
	uint32_t end_tag[2] = { 0, 8 };
	memcpy(buf + end, end_tag, 8);
	vm_write(vm, erix_scratch(vm, 0), buf, total);
	return total;
}

/* expect_parse: mb2_parse of what plant_mmap planted returns the status
 * named want, and boot_info holds exactly the entries e[] that are kept
 * (nonzero length, no overflow; the first `cap` of them), with their totals. */
static void expect_parse(struct vm *vm, const struct mb2_entry *e, int n, int cap,
			 const char *want, const char *what)
{
	int64_t got = (int64_t)vm_eval(vm, "(long)mb2_parse(ktest_scratch, 4096, &boot_info)");
	int64_t status = (int64_t)vm_eval(vm, "(long)%s", want);
	ck_assert_msg(got == status, "%s: mb2_parse returned %s, expected %s", what,
		      vm_eval_text(vm, "(enum mb2_status)%" PRId64, got), want);
	uint64_t usable = 0, reserved = 0, top = 0;
	int k = 0;
	for (int i = 0; i < n && k < cap; i++) {
		if (e[i].length == 0 || e[i].base + e[i].length < e[i].base)
			continue;
		uint64_t b = vm_eval(vm, "boot_info.mmap[%d].base", k);
		uint64_t l = vm_eval(vm, "boot_info.mmap[%d].length", k);
		uint64_t t = vm_eval(vm, "boot_info.mmap[%d].type", k);
		ck_assert_msg(b == e[i].base && l == e[i].length && t == e[i].type,
			      "%s: mmap[%d] is {0x%" PRIx64 ", 0x%" PRIx64 ", %" PRIu64 "}, expected "
			      "{0x%" PRIx64 ", 0x%" PRIx64 ", %u}", what, k, b, l, t, e[i].base,
			      e[i].length, e[i].type);
		if (e[i].type == 1) {
			usable += e[i].length;
			if (e[i].base + e[i].length > top)
				top = e[i].base + e[i].length;
		} else {
			reserved += e[i].length;
		}
		k++;
	}
	uint64_t count = vm_eval(vm, "boot_info.mmap_count");
	ck_assert_msg(count == (uint64_t)k, "%s: mmap_count is %" PRIu64 ", expected %d", what,
		      count, k);
	ck_assert_msg(vm_eval(vm, "boot_info.mem_usable") == usable,
		      "%s: mem_usable is 0x%" PRIx64 ", expected 0x%" PRIx64, what,
		      vm_eval(vm, "boot_info.mem_usable"), usable);
	ck_assert_msg(vm_eval(vm, "boot_info.mem_reserved") == reserved,
		      "%s: mem_reserved is 0x%" PRIx64 ", expected 0x%" PRIx64, what,
		      vm_eval(vm, "boot_info.mem_reserved"), reserved);
	ck_assert_msg(vm_eval(vm, "boot_info.mem_top") == top,
		      "%s: mem_top is 0x%" PRIx64 ", expected 0x%" PRIx64
		      " (the end of the highest available region)", what,
		      vm_eval(vm, "boot_info.mem_top"), top);
}

GRADER_TEST(lab1_memory_map_edges, .covers = "kernel/multiboot.c", .lab = 1, .points = 10, .limit = 40, .hidden = true,
	    .title = "mb2_parse on planted maps: empty, overflowing, padded and partial entries, a full table, bad sizes")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	uint64_t mib = (uint64_t)grader_rand_range(64, 4096) << 20;

	/* Regions in an order where the highest available one is not last;
	 * every type; an empty one and an overflowing one (both skipped, the
	 * second an error); entries 32 bytes apart; a partial last entry. */
	struct mb2_entry e[] = {
		{ 0, 0x9fc00, 1, 0 },
		{ 0x100000000ull, mib, 1, 0 },
		{ 0x9fc00, 0x400, 2, 0 },
		{ 0x100000, 0, 1, 0 },
		{ 0xfffffffffff00000ull, 0x200000, 1, 0 },
		{ 0xfec00000ull, 0x1000, 3, 0 },
		{ 0xfee00000ull, 0x1000, 4, 0 },
		{ 0xfffc0000ull, 0x40000, 5, 0 },
		{ 0x100000, 0x3f00000 + (mib >> 8 & ~0xfffull), 1, 0 },
	};
	int n = (int)(sizeof(e) / sizeof(e[0]));
	plant_mmap(vm, e, n, 32, 16);
	expect_parse(vm, e, n, 64, "MB2_ERR_MMAP", "a map with an empty, an overflowing and a partial entry");

	/* More entries than the table holds: the first 64 kept, an error. */
	struct mb2_entry many[70];
	for (int i = 0; i < 70; i++)
		many[i] = (struct mb2_entry){ 0x100000ull * (uint64_t)(i + 1) * 3, 0x100000,
					      (uint32_t)(i % 3 ? 1 : 2), 0 };
	plant_mmap(vm, many, 70, 24, 0);
	expect_parse(vm, many, 70, 64, "MB2_ERR_TOO_MANY", "a map of 70 regions");

	/* Entry sizes the spec rules out: nothing copied, an error. */
	plant_mmap(vm, e, 3, 28, 0);
	expect_parse(vm, e, 0, 64, "MB2_ERR_MMAP", "entry_size 28 (not a multiple of 8)");
	plant_mmap(vm, e, 3, 16, 0);
	expect_parse(vm, e, 0, 64, "MB2_ERR_MMAP", "entry_size 16 (shorter than an entry)");
}
