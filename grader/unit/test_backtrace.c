/*
 * test_backtrace.c: kernel/arch/x86_64/backtrace.c (backtrace_walk) on fake
 * stacks.
 *
 * A fake stack is a malloc'd block of STACK_BYTES. Each row of bt_cases[]
 * places a few frames in it (frame at byte offset `at`: word 0 = address of
 * the next frame, or 0; word 1 = the return address), says where the walk
 * starts and which part of the block is the stack [lo, hi), and lists the
 * return addresses the walk must give. Every other word holds POISON, which
 * is not 8-byte aligned, so following one is caught as well.
 *
 * The block ends exactly at STACK_BYTES, so a walker that reads a frame at
 * or across the end (even one word of it) is stopped by AddressSanitizer and
 * the test fails with its report.
 */
#include <stdint.h>
#include <stdlib.h>

#include "unit.h"

#include "backtrace.h"

#define STACK_BYTES 256
#define POISON ((uintptr_t)0xa5a5a5a5a5a5a5a5)
#define FP_NULL (-1) /* as a byte offset: the frame pointer 0 */
#define MAX_FRAMES 8
#define PC_UNSET ((uintptr_t)0x5e7) /* in pcs[] beyond what was stored */

struct bt_frame {
	int at;        /* byte offset of the frame in the fake stack */
	int next;      /* byte offset of the next frame, or FP_NULL */
	uintptr_t ret; /* the return address */
};

struct bt_case {
	const char *name;
	struct bt_frame frames[MAX_FRAMES]; /* placed in the fake stack */
	int nframes;                        /* how many of frames[] */
	int start;  /* byte offset of the first frame pointer, or FP_NULL */
	int lo, hi; /* the stack [lo, hi), byte offsets */
	int max;
	int count;                 /* how many pcs the walk must store */
	uintptr_t pcs[MAX_FRAMES]; /* and which */
};

/* A good chain of five frames, the last one's saved fp 0. */
#define FIVE_FRAMES                                          \
	{ { 0x10, 0x30, 0x1001 }, { 0x30, 0x50, 0x1002 },    \
	  { 0x50, 0x70, 0x1003 }, { 0x70, 0x90, 0x1004 },    \
	  { 0x90, FP_NULL, 0x1005 } }

/* Each row: name; frames, nframes; start, lo, hi, max; count, pcs. */
static const struct bt_case bt_cases[] = {
	{ "five frames ending in fp 0 (the first at lo)",
	  FIVE_FRAMES, 5, 0x10, 0x10, STACK_BYTES, MAX_FRAMES,
	  5, { 0x1001, 0x1002, 0x1003, 0x1004, 0x1005 } },
	{ "max 3 stops after three frames",
	  FIVE_FRAMES, 5, 0x10, 0, STACK_BYTES, 3,
	  3, { 0x1001, 0x1002, 0x1003 } },
	{ "max 0 stores nothing",
	  { { 0x10, FP_NULL, 0x1001 } },
	  1, 0x10, 0, STACK_BYTES, 0,
	  0, { 0 } },
	{ "next fp below the frame: stop after it",
	  { { 0x20, FP_NULL, 0x2001 }, { 0x40, 0x60, 0x2002 },
	    { 0x60, 0x20, 0x2003 } },
	  3, 0x40, 0, STACK_BYTES, MAX_FRAMES,
	  2, { 0x2002, 0x2003 } },
	{ "next fp equal to the frame: stop after it (no loop)",
	  { { 0x40, 0x60, 0x2001 }, { 0x60, 0x60, 0x2002 } },
	  2, 0x40, 0, STACK_BYTES, MAX_FRAMES,
	  2, { 0x2001, 0x2002 } },
	{ "next fp misaligned: stop before it",
	  { { 0x10, 0x30, 0x3001 }, { 0x30, 0x54, 0x3002 },
	    { 0x50, FP_NULL, 0x3003 } },
	  3, 0x10, 0, STACK_BYTES, MAX_FRAMES,
	  2, { 0x3001, 0x3002 } },
	{ "first fp misaligned: no frames",
	  { { 0x10, FP_NULL, 0x3001 } },
	  1, 0x11, 0, STACK_BYTES, MAX_FRAMES,
	  0, { 0 } },
	{ "last frame ends exactly at hi",
	  { { 0x10, STACK_BYTES - 16, 0x4001 },
	    { STACK_BYTES - 16, FP_NULL, 0x4002 } },
	  2, 0x10, 0, STACK_BYTES, MAX_FRAMES,
	  2, { 0x4001, 0x4002 } },
	{ "next frame straddles hi: stop before reading it",
	  { { 0x10, STACK_BYTES - 8, 0x4001 } },
	  1, 0x10, 0, STACK_BYTES, MAX_FRAMES,
	  1, { 0x4001 } },
	{ "next fp at hi: stop before reading it",
	  { { 0x10, STACK_BYTES, 0x4001 } },
	  1, 0x10, 0, STACK_BYTES, MAX_FRAMES,
	  1, { 0x4001 } },
	{ "next frame inside the block but above hi",
	  { { 0x10, 0x80, 0x4001 }, { 0x80, FP_NULL, 0x4002 } },
	  2, 0x10, 0, 0x88, MAX_FRAMES,
	  1, { 0x4001 } },
	{ "first fp below lo: no frames",
	  { { 0x10, FP_NULL, 0x5001 } },
	  1, 0x10, 0x20, STACK_BYTES, MAX_FRAMES,
	  0, { 0 } },
	{ "return address 0 stops the walk",
	  { { 0x10, 0x30, 0x6001 }, { 0x30, 0x50, 0 },
	    { 0x50, FP_NULL, 0x6003 } },
	  3, 0x10, 0, STACK_BYTES, MAX_FRAMES,
	  1, { 0x6001 } },
	{ "fp 0: no frames",
	  { { 0x10, FP_NULL, 0x7001 } },
	  1, FP_NULL, 0, STACK_BYTES, MAX_FRAMES,
	  0, { 0 } },
};

/* addr: the address of byte offset off in the stack, or 0 for FP_NULL. */
static uintptr_t addr(const uint8_t *stack, int off)
{
	return off == FP_NULL ? 0 : (uintptr_t)(stack + off);
}

START_TEST(test_backtrace_table)
{
	const struct bt_case *c = &bt_cases[_i];
	uint8_t *stack = malloc(STACK_BYTES);
	uintptr_t pcs[MAX_FRAMES + 1];

	ck_assert_ptr_nonnull(stack);
	for (int i = 0; i < STACK_BYTES / 8; i++)
		((uintptr_t *)stack)[i] = POISON;
	for (int i = 0; i < c->nframes; i++) {
		uintptr_t *frame = (uintptr_t *)(stack + c->frames[i].at);
		frame[0] = addr(stack, c->frames[i].next);
		frame[1] = c->frames[i].ret;
	}
	for (int i = 0; i < MAX_FRAMES + 1; i++)
		pcs[i] = PC_UNSET;

	int n = backtrace_walk(addr(stack, c->start), addr(stack, c->lo),
			       addr(stack, c->hi), pcs, c->max);

	ck_assert_msg(n == c->count, "%s: backtrace_walk returned %d, want %d",
		      c->name, n, c->count);
	for (int i = 0; i < n; i++)
		ck_assert_msg(pcs[i] == c->pcs[i],
			      "%s: pcs[%d] is %#lx, want %#lx", c->name, i,
			      (unsigned long)pcs[i], (unsigned long)c->pcs[i]);
	for (int i = n; i < MAX_FRAMES + 1; i++)
		ck_assert_msg(pcs[i] == PC_UNSET,
			      "%s: pcs[%d] was written (%#lx) but only %d "
			      "frames were returned",
			      c->name, i, (unsigned long)pcs[i], n);
	free(stack);
}
END_TEST

/*
 * Ranges at the ends of the address space, where a bounds check written as
 * `fp <= hi - 16` or `fp + 16 <= hi` wraps around. Each walk must return 0
 * without reading: these addresses are not mapped, so a walker that reads
 * one dies of a segmentation fault (a test error).
 */
struct bt_edge {
	const char *name;
	uintptr_t fp, lo, hi;
};

static const struct bt_edge bt_edges[] = {
	{ "fp 8, stack [0, 8): hi - 16 wraps", 8, 0, 8 },
	{ "fp 2^64 - 8: fp + 16 wraps", UINTPTR_MAX - 7, 0, UINTPTR_MAX },
	{ "fp 2^64 - 16: the frame ends at 2^64, past hi", UINTPTR_MAX - 15, 0,
	  UINTPTR_MAX },
};

START_TEST(test_backtrace_edges)
{
	const struct bt_edge *e = &bt_edges[_i];
	uintptr_t pcs[MAX_FRAMES];

	int n = backtrace_walk(e->fp, e->lo, e->hi, pcs, MAX_FRAMES);
	ck_assert_msg(n == 0, "%s: returned %d, want 0", e->name, n);
}
END_TEST

Suite *backtrace_suite(void)
{
	Suite *s = suite_create("backtrace");
	TCase *tc = tcase_create("fake stacks");

	tcase_add_loop_test(tc, test_backtrace_table, 0, ARRAY_SIZE(bt_cases));
	tcase_add_loop_test(tc, test_backtrace_edges, 0, ARRAY_SIZE(bt_edges));
	suite_add_tcase(s, tc);
	return s;
}
