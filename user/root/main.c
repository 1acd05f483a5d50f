/*
 * root/main.c: the root task, EriX's first user program.
 *
 * The kernel starts it with capabilities to everything (erix/bootinfo.h)
 * and nothing else: whatever it does, it does through them. With test=NAME
 * on the kernel command line it runs that test program (tests.c);
 * otherwise it shows what it was given and takes a short tour of the
 * capability operations.
 */
#include "ulib.h"

bool run_test(const char *name);

/* check: print one step of the tour and its result. */
static long check(const char *what, long err)
{
	uprintf("  %-44s %s\n", what, err < 0 ? erix_strerror(err) : "ok");
	return err;
}

static void tour(void)
{
	erix_cptr_t ut = untyped_find(16);
	erix_cptr_t ep = slot_alloc(), copy = slot_alloc(), badged = slot_alloc();
	uint64_t what = 0;

	uprintf("root task: a tour of the capability operations\n");
	check("retype an Endpoint from the largest Untyped", untyped_retype(ut, ERIX_OBJ_ENDPOINT, 0, ep));
	check("copy it, read-only", cnode_copy(ERIX_ROOT_CNODE, copy, ep, ERIX_RIGHT_READ));
	check("mint a copy with badge 42", cnode_mint(ERIX_ROOT_CNODE, badged, ep, ERIX_RIGHTS_ALL, 42));
	cap_identify(badged, &what);
	uprintf("  the minted capability: type %lu, rights %lu, badge %lu\n",
		(unsigned long)ERIX_IDENTIFY_TYPE(what), (unsigned long)ERIX_IDENTIFY_RIGHTS(what),
		(unsigned long)ERIX_IDENTIFY_BADGE(what));
	check("mint it again with badge 7 (set once: refused)",
	      cnode_mint(ERIX_ROOT_CNODE, slot_alloc(), badged, ERIX_RIGHTS_ALL, 7));
	check("revoke the Endpoint (both copies go)", cnode_revoke(ERIX_ROOT_CNODE, ep));
	check("look at the badged copy again", cap_identify(badged, &what));
	check("touch the kernel through a system call", erix_debug_puts((void *)0xffffffff80100000ull, 8));
}

int main(void)
{
	const struct erix_bootinfo *bi = bootinfo;
	erix_self_tcb = ERIX_ROOT_TCB;
	if (bi->magic != ERIX_BOOTINFO_MAGIC)
		return 1;
	uint64_t bytes = 0;
	for (uint64_t i = 0; i < bi->untyped_count; i++)
		bytes += 1ull << bi->untyped_list[i].size_bits;
	uprintf("root task: %lu Untyped capabilities, %lu KiB in all; %lu boot modules; "
		"slots %lu..%lu free\n",
		bi->untyped_count, bytes >> 10, bi->module_count, bi->empty.start, bi->empty.end - 1);
	if (bi->test[0]) {
		run_test(bi->test);
		return 0;
	}
	tour();
	return 0;
}
