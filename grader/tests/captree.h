/*
 * tests/captree.h: the grader's own checker of the capability derivation
 * tree (captree.c), and the raw slot it reads.
 *
 * Lab 3's graded tests use it on the tree read through GDB (lab3.h); the
 * host unit tests (grader/unit/test_cdt.c) run it beside the kernel's
 * cdt_check() on every tree they build. It is not named after lab 3 so
 * that it ships in every student tree, as the unit tests do.
 */
#ifndef GRADER_TESTS_CAPTREE_H
#define GRADER_TESTS_CAPTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A slot as the kernel lays it out (kernel/include/cap.h), read raw. */
struct captree_slot {
	uint8_t type, rights, bits, guard_bits;
	uint32_t asid;
	uint64_t obj, word;
	uint64_t parent, child, prev, next, spare;
	uint64_t addr; /* where the slot is (not part of the layout) */
};

/* captree_object_bits: log2 of an object's size in bytes, from
 * erix/caps.h's table (and size_bits for an Untyped or a CNode); 0 for a
 * type not made from memory, or a size_bits out of range. */
unsigned captree_object_bits(unsigned type, unsigned size_bits);

/* No graded run comes near this many capabilities; a walk that does is
 * reported, not finished. */
#define CAPTREE_MAX_NODES (1 << 20)

/* captree_read_fn: read len bytes of the kernel's memory at addr into buf;
 * false if they cannot be read. */
typedef bool captree_read_fn(void *ctx, uint64_t addr, void *buf, size_t len);

/* What the checker needs besides the slots it reads. */
struct captree_input {
	captree_read_fn *read;
	void *ctx;
	uint64_t root;        /* &cdt_root */
	uint64_t dying_head;  /* cdt_dying_head: 0 unless CNodes await reaping */
	uint64_t tcb_slots;   /* where a TCB's slots start, from the TCB */
	uint64_t tcb_nslots;  /* how many it has */
	uint64_t root_cnode;  /* roottask.cnode, to name slots in messages (or 0) */
	const uint64_t (*extra)[2]; /* more places capabilities may live, */
	int nextra;                 /* [start, end): the unit tests' host CNodes */
};

struct captree_verdict {
	int problems;     /* rules broken (0: all is well) */
	uint64_t nodes;   /* capabilities the walk visited */
	char first[320];  /* the first problem, for the reason */
};

/* captree_check: walk the tree from cdt_root and check every rule that
 * the kernel's cdt_check() checks, and that each capability lives in a
 * slot of a live CNode or TCB (captree.c lists them). */
void captree_check(const struct captree_input *in, struct captree_verdict *v);

#endif /* GRADER_TESTS_CAPTREE_H */
