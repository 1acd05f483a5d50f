/*
 * root/main.c: the root task, EriX's first user program.
 *
 * The kernel starts it with capabilities to everything (erix/bootinfo.h)
 * and nothing else: whatever it does, it does through them. It is init
 * (init.c): it starts the servers from the boot image, and with
 * test=lab5_NAME on the kernel command line the lab-5 test program too;
 * then the shell (lab 6), or with test=/PATH that program instead.
 * With test=tour it takes a short tour of the capability operations and
 * of IPC instead; with any other test=NAME it runs that test program of
 * labs 3 and 4 (tests.c).
 */
#include "init.h"
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

/* A second thread: it answers one Call with the number it got, doubled,
 * then waits for a signal, and stops. */
static uint8_t server_stack[4096] __attribute__((aligned(16)));
static erix_cptr_t server_ep, server_bell;

static void server(uint64_t self)
{
	struct erix_msg m = { 0 };
	erix_recv(server_ep, &m);
	uprintf("  the server got label %lu, badge %lu, word %lu\n",
		(unsigned long)ERIX_MSGINFO_LABEL(m.info), (unsigned long)m.badge,
		(unsigned long)m.mr[0]);
	m = (struct erix_msg){ .info = ERIX_MSGINFO(0, 1, 0), .mr = { 2 * m.mr[0] } };
	erix_reply(&m);
	uint64_t word = 0;
	erix_wait(server_bell, &word);
	uprintf("  the server woke from its notification, word 0x%lx\n", (unsigned long)word);
	tcb_suspend(self); /* its end */
}

static void ipc_tour(void)
{
	erix_cptr_t ut = untyped_find(16);
	erix_cptr_t tcb = slot_alloc(), badged = slot_alloc(), bell = slot_alloc();
	server_ep = slot_alloc(), server_bell = slot_alloc();
	uprintf("root task: a tour of IPC\n");
	untyped_retype(ut, ERIX_OBJ_ENDPOINT, 0, server_ep);
	untyped_retype(ut, ERIX_OBJ_NOTIFICATION, 0, server_bell);
	cnode_mint(ERIX_ROOT_CNODE, badged, server_ep, ERIX_RIGHTS_ALL, 7);
	cnode_mint(ERIX_ROOT_CNODE, bell, server_bell, ERIX_RIGHTS_ALL, 0x100);
	check("a thread of our own, waiting in Recv",
	      untyped_retype(ut, ERIX_OBJ_TCB, 0, tcb) ||
		      tcb_configure(tcb, ERIX_ROOT_CNODE, ERIX_ROOT_VSPACE, 0, 0) ||
		      tcb_set_registers(tcb, (uint64_t)server,
					(uint64_t)(server_stack + sizeof(server_stack)), tcb) ||
		      tcb_resume(tcb));
	erix_yield(); /* it runs, and waits */
	struct erix_msg m = { .info = ERIX_MSGINFO(5, 1, 0), .mr = { 21 } };
	check("Call it with 21, through the badged copy", erix_ipc_call(badged, &m));
	uprintf("  the reply: %lu\n", (unsigned long)m.mr[0]);
	check("ring its notification", erix_signal(bell));
	erix_yield();
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
	if (strcmp(bi->test, "tour") == 0) {
		tour();
		ipc_tour();
		return 0;
	}
	if (bi->test[0] && strncmp(bi->test, "lab5", 4) != 0 && bi->test[0] != '/') {
		run_test(bi->test);
		return 0;
	}
	init_run(bi->test);
	return 0;
}
