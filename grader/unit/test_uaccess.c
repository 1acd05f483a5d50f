/*
 * test_uaccess.c: kernel/uaccess.c's user_check_range, on a small user
 * address space built in fake physical memory with paging.c's pt_map.
 *
 * The address space (user pages with PTE_U at every level, as a VSpace's
 * page tables have them):
 *
 *   0x400000         read-only      0x401000   read-write
 *   0x402000         not mapped     0x403000   read-write
 *   0x7fffffffe000   read-write (the last page of user space)
 *   0xffff800000000000  mapped, but not user (a kernel page)
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"

#include "paging.h"
#include "uaccess.h"
#include <erix/errors.h>
#include <erix/syscall.h>

#define PAGE 0x1000ull
#define FRAMES 64

static uint8_t umem[FRAMES * PAGE] __attribute__((aligned(4096)));
static uint64_t unext;
static paddr_t uroot;

static void *u_p2v(paddr_t pa)
{
	ck_assert_msg(pa % PAGE == 0 && pa >= PAGE && pa < unext * PAGE,
		      "pt_env.p2v(0x%lx): not a table (a walk followed a bad entry)",
		      (unsigned long)pa);
	return umem + pa;
}

static paddr_t u_alloc(void)
{
	ck_assert(unext < FRAMES);
	paddr_t pa = unext++ * PAGE;
	memset(umem + pa, 0, PAGE);
	return pa;
}

/* map: va to a (fake, never read) frame with flags; user pages get PTE_U
 * on the tables above them too. */
static void map(uint64_t va, uint64_t flags)
{
	ck_assert_int_eq(pt_map(uroot, va, 0x40000000ull + (va & 0xfffff000ull), flags), 0);
	if (flags & PTE_U)
		for (int level = 4; level >= 2; level--)
			*pt_walk(uroot, va, level, false) |= PTE_U;
}

static void space_setup(void)
{
	pt_env.p2v = u_p2v;
	pt_env.alloc = u_alloc;
	unext = 1;
	uroot = u_alloc();
	map(0x400000, PTE_U);
	map(0x401000, PTE_U | PTE_W);
	map(0x403000, PTE_U | PTE_W);
	map(0x7fffffffe000ull, PTE_U | PTE_W);
	map(0xffff800000000000ull, PTE_W);
}

struct range_case {
	const char *what;
	uint64_t addr, len;
	bool write;
	int result;
};

#define BAD (-ERR_BAD_ADDRESS)

static const struct range_case range_cases[] = {
	{ "read a read-only page", 0x400000, 16, false, 0 },
	{ "write a read-only page", 0x400000, 16, true, BAD },
	{ "write a whole read-write page", 0x401000, 4096, true, 0 },
	{ "read across two mapped pages", 0x400ff0, 32, false, 0 },
	{ "write across read-only into read-write", 0x400ff0, 32, true, BAD },
	{ "read into the hole", 0x401ff8, 16, false, BAD },
	{ "read inside the hole", 0x402000, 1, false, BAD },
	{ "the last byte of a page", 0x400fff, 1, false, 0 },
	{ "length 0, anywhere", 0xffffffff80000000ull, 0, true, 0 },
	{ "page 0", 0, 8, false, BAD },
	{ "just below user space", ERIX_USER_MIN - 1, 2, false, BAD },
	{ "a kernel page (mapped, not user)", 0xffff800000000000ull, 8, false, BAD },
	{ "the kernel image", 0xffffffff80100000ull, 8, false, BAD },
	{ "the last user page", 0x7fffffffe000ull, 4096, true, 0 },
	{ "one byte past user space", 0x7fffffffe000ull, 4097, false, BAD },
	{ "at ERIX_USER_TOP", ERIX_USER_TOP, 1, false, BAD },
	{ "non-canonical", 0x800000000000ull, 1, false, BAD },
	{ "a length that wraps", 0x1000, ~0ull - 0xfff, false, BAD },
	{ "the largest length", 0x401000, ~0ull, false, BAD },
};

START_TEST(range_table)
{
	const struct range_case *c = &range_cases[_i];
	space_setup();
	int r = user_check_range(uroot, c->addr, c->len, c->write);
	ck_assert_msg(r == c->result, "%s: user_check_range(0x%llx, %llu, %s) returned %s, not %s",
		      c->what, (unsigned long long)c->addr, (unsigned long long)c->len,
		      c->write ? "write" : "read", unit_err_name(r), unit_err_name(c->result));
}
END_TEST

Suite *uaccess_suite(void)
{
	Suite *s = suite_create("uaccess");
	TCase *tc = tcase_create("user_check_range");
	tcase_add_loop_test(tc, range_table, 0, sizeof(range_cases) / sizeof(range_cases[0]));
	suite_add_tcase(s, tc);
	return s;
}
