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
 * 0 a zero frame pointer, 1 a frame pointer that goes down, 2 one past the
 * stack's end, 3 a misaligned one, 4 a zero return address.
 */
static void build_stack(struct fake_stack *s, uint64_t lo, int frames, int how)
{
	int pos[32] = { 0 };
	int at = (int)grader_rand_range(0, 8) * 2;
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
	case 2: /* the next frame would straddle the end of the stack */
		s->words[last] = lo + sizeof(s->words) - 8;
		break;
	case 3: /* misaligned: the walk stops before reading it */
		s->words[last] = lo + 8 * (uint64_t)last + 20;
		break;
	case 4: /* a zero return address ends the walk before that frame */
		s->words[last + 1] = 0;
		s->expect = frames - 1;
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
						"a zero return address" };
	for (int how = 0; how < 5; how++) {
		struct fake_stack s;
		int frames = (int)grader_rand_range(3, 9);
		build_stack(&s, lo, frames, how);
		vm_write(vm, lo, s.words, sizeof(s.words));
		int max = how == 0 && (grader_rand() & 1) ? frames - 1 : 32;
		int expect = s.expect < max ? s.expect : max;
		int n = (int)vm_eval(vm, "backtrace_walk(0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64
				    ", (unsigned long *)0x%" PRIx64 ", %d)",
				    s.fp, lo, lo + sizeof(s.words), out, max);
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
}

GRADER_TEST(lab1_memory_map_raw, .covers = "kernel/multiboot.c", .lab = 1, .points = 5, .limit = 40, .hidden = true,
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
