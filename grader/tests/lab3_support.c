/*
 * tests/lab3_support.c: lab 3's shared helpers (see lab3.h).
 */
#define _GNU_SOURCE
#include "lab3.h"
#include "grader.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(__builtin_offsetof(struct captree_slot, addr) == 64, "struct cte is 64 bytes");
_Static_assert(sizeof(struct lab3_call) == 10 * 8, "struct syscall_record");

/* offset: the offset of field in the kernel's struct, through GDB. */
static uint64_t offset(struct vm *vm, const char *type, const char *field)
{
	return vm_eval(vm, "(unsigned long)&((%s *)0)->%s", type, field);
}

/* check_layouts: the grader's mirrors of the kernel's structs (struct
 * captree_slot of struct cte, struct lab3_call of struct syscall_record)
 * have the kernel's sizes and offsets, read from its debug information:
 * a kernel whose layout drifted is a grader error, never a misread. */
static void check_layouts(struct vm *vm)
{
	static const struct { const char *field; uint64_t at; } cte[] = {
		{ "cap.type", offsetof(struct captree_slot, type) },
		{ "cap.rights", offsetof(struct captree_slot, rights) },
		{ "cap.bits", offsetof(struct captree_slot, bits) },
		{ "cap.guard_bits", offsetof(struct captree_slot, guard_bits) },
		{ "cap.asid", offsetof(struct captree_slot, asid) },
		{ "cap.obj", offsetof(struct captree_slot, obj) },
		{ "cap.word", offsetof(struct captree_slot, word) },
		{ "parent", offsetof(struct captree_slot, parent) },
		{ "child", offsetof(struct captree_slot, child) },
		{ "prev", offsetof(struct captree_slot, prev) },
		{ "next", offsetof(struct captree_slot, next) },
		{ "spare", offsetof(struct captree_slot, spare) },
	}, call[] = {
		{ "nr", offsetof(struct lab3_call, nr) },
		{ "cptr", offsetof(struct lab3_call, cptr) },
		{ "label", offsetof(struct lab3_call, label) },
		{ "mr", offsetof(struct lab3_call, mr) },
		{ "result", offsetof(struct lab3_call, result) },
		{ "out", offsetof(struct lab3_call, out) },
		{ "thread", offsetof(struct lab3_call, thread) },
	};
	ck_assert_msg(vm_eval(vm, "sizeof(struct cte)") == 64, "grader: struct cte is not 64 bytes");
	for (size_t i = 0; i < sizeof(cte) / sizeof(cte[0]); i++)
		ck_assert_msg(offset(vm, "struct cte", cte[i].field) == cte[i].at,
			      "grader: struct cte's %s is not where struct captree_slot has it",
			      cte[i].field);
	ck_assert_msg(vm_eval(vm, "sizeof(struct syscall_record)") == sizeof(struct lab3_call),
		      "grader: struct syscall_record is not the size of struct lab3_call");
	for (size_t i = 0; i < sizeof(call) / sizeof(call[0]); i++)
		ck_assert_msg(offset(vm, "struct syscall_record", call[i].field) == call[i].at,
			      "grader: struct syscall_record's %s is not where struct lab3_call has "
			      "it", call[i].field);
}

struct vm *lab3_boot(const char *name, const uint64_t args[8])
{
	return lab3_boot_budget(name, args, 0);
}

struct vm *lab3_boot_budget(const char *name, const uint64_t args[8], uint64_t budget)
{
	static const uint64_t none[8];
	char request[32] = { 0 }; /* ktest_request's size */
	if (!args)
		args = none;
	ck_assert_msg(strlen(name) < sizeof(request), "grader: test name %s is too long", name);
	strcpy(request, name);

	/* What is planted, in the command line's words, for the replay. */
	static char plant[320]; /* vm_boot keeps a pointer */
	int n = snprintf(plant, sizeof(plant), "test=%s", name);
	for (int i = 0; i < 8; i++)
		if (args[i])
			n += snprintf(plant + n, sizeof(plant) - (size_t)n, " arg%d=0x%" PRIx64, i,
				      args[i]);
	if (budget)
		snprintf(plant + n, sizeof(plant) - (size_t)n, " preempt=%" PRIu64, budget);

	/* Planted after the kernel's boot, past the command-line parser:
	 * nothing the kernel does before the root task starts can see it. */
	struct vm *vm = vm_boot(&(struct vm_config){ .plant = plant });
	vm_run_to(vm, "roottask_ready");
	check_layouts(vm);
	vm_write(vm, vm_symbol(vm, "ktest_request"), request, sizeof(request));
	vm_write(vm, vm_symbol(vm, "ktest_args"), args, 8 * sizeof(args[0]));
	if (budget)
		vm_write(vm, vm_symbol(vm, "preempt_budget"), &budget, sizeof(budget));
	return vm;
}

struct vm *lab3_run(const char *name, const uint64_t args[8])
{
	struct vm *vm = lab3_boot(name, args);
	vm_run_to(vm, "sched_idle");
	return vm;
}

uint64_t lab3_S(struct vm *vm, uint64_t i)
{
	return vm_eval(vm, "roottask.bootinfo->empty.start") + i;
}

struct captree_slot lab3_slot_at(struct vm *vm, uint64_t addr)
{
	struct captree_slot s;
	vm_read(vm, addr, &s, 64);
	s.addr = addr;
	return s;
}

struct captree_slot lab3_slot(struct vm *vm, uint64_t i)
{
	return lab3_slot_at(vm, vm_eval(vm, "(unsigned long)roottask.cnode") + 64 * i);
}

uint64_t lab3_ut(struct vm *vm)
{
	uint64_t n = vm_eval(vm, "roottask.bootinfo->untyped_count"), best = 0, best_bits = 0;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t b = vm_eval(vm, "roottask.bootinfo->untyped_list[%" PRIu64 "].size_bits", i);
		if (b >= 20 && b > best_bits)
			best = i, best_bits = b;
	}
	ck_assert_msg(best_bits, "no Untyped of 1 MiB or more in the boot info");
	return vm_eval(vm, "roottask.bootinfo->untyped.start") + best;
}

int lab3_calls(struct vm *vm, uint64_t nr, uint64_t thread, struct lab3_call *out, int max)
{
	uint64_t count = vm_eval(vm, "syscall_count"), log = vm_symbol(vm, "syscall_log");
	uint64_t root = vm_eval(vm, "(unsigned long)roottask.tcb");
	if (!thread)
		thread = root;
	ck_assert_msg(count <= SYSCALL_LOG_SIZE, "%" PRIu64 " system calls: more than the log "
		      "keeps (does the test program loop?)", count);
	int n = 0;
	for (uint64_t i = 0; i < count && n < max; i++) {
		struct lab3_call c;
		vm_read(vm, log + i * sizeof(c), &c, sizeof(c));
		bool exit = c.nr == ERIX_SYS_CALL && c.label == ERIX_TCB_SUSPEND &&
			    c.cptr == ERIX_ROOT_TCB && c.thread == root; /* erix_exit's */
		if ((nr == 0 || c.nr == nr) && c.thread == thread && !exit)
			out[n++] = c;
	}
	return n;
}

const char *lab3_error_name(int64_t e)
{
#define NAME(name, number, text) [number] = #name,
	static const char *const names[] = { ERIX_ERRORS(NAME) };
#undef NAME
	static char other[32];
	if (e == 0)
		return "0";
	if (e < 0 && -e < (int64_t)(sizeof(names) / sizeof(names[0])))
		return names[-e];
	snprintf(other, sizeof(other), "%" PRId64, e);
	return other;
}

void lab3_expect_results(const struct lab3_call *calls, int ncalls, const int64_t *want,
			 int n, const char *what)
{
	ck_assert_msg(ncalls >= n, "%s: the kernel logged %d system calls, the test program "
		      "makes %d", what, ncalls, n);
	for (int i = 0; i < n; i++) {
		char a[32];
		snprintf(a, sizeof(a), "%s", lab3_error_name(calls[i].result));
		ck_assert_msg(calls[i].result == want[i], "%s: call %d (label %" PRIu64 ", cptr %"
			      PRIu64 ") returned %s, not %s", what, i + 1, calls[i].label,
			      calls[i].cptr, a, lab3_error_name(want[i]));
	}
}

/* The pages of kernel memory the tree checker has read: memory does not
 * change while the machine is stopped, so a walk of thousands of slots
 * costs one GDB read per 4 KiB page. Direct-mapped by page number. */
#define TREE_CACHE_PAGES 1024
#define PAGE 4096ull

struct page_cache {
	struct vm *vm;
	uint64_t tag[TREE_CACHE_PAGES]; /* the page's address + 1; 0: none */
	unsigned char data[TREE_CACHE_PAGES][PAGE];
	unsigned reads;                 /* pages read through GDB */
};

/* cached_read: captree_read_fn over vm_read, through the page cache; false
 * for an address outside the kernel's half (a wild link), whose read GDB
 * would refuse. */
static bool cached_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct page_cache *pc = ctx;
	unsigned char *out = buf;
	if (addr < 0xffff800000000000ull || addr + len < addr)
		return false;
	while (len > 0) {
		uint64_t page = addr & ~(PAGE - 1), off = addr - page;
		size_t n = len < PAGE - off ? len : (size_t)(PAGE - off);
		unsigned i = (unsigned)((page / PAGE) % TREE_CACHE_PAGES);
		if (pc->tag[i] != page + 1) {
			vm_read(pc->vm, page, pc->data[i], PAGE);
			pc->tag[i] = page + 1;
			pc->reads++;
		}
		memcpy(out, pc->data[i] + off, n);
		out += n, addr += n, len -= n;
	}
	return true;
}

void lab3_check_tree(struct vm *vm)
{
	struct page_cache *pc = calloc(1, sizeof(*pc));
	if (!pc)
		abort();
	pc->vm = vm;
	struct captree_input in = {
		.read = cached_read,
		.ctx = pc,
		.root = vm_symbol(vm, "cdt_root"),
		.dying_head = vm_eval(vm, "(unsigned long)cdt_dying_head"),
		.tcb_slots = vm_eval(vm, "(unsigned long)&((struct tcb *)0)->slots"),
		.tcb_nslots = vm_eval(vm, "sizeof(((struct tcb *)0)->slots) / sizeof(struct cte)"),
		.root_cnode = vm_eval(vm, "(unsigned long)roottask.cnode"),
	};
	struct captree_verdict v;
	captree_check(&in, &v);
	unsigned reads = pc->reads;
	free(pc);
	ck_assert_msg(v.problems == 0, "the derivation tree breaks the rules in %d place%s (the "
		      "grader's check: %" PRIu64 " capabilities, %u pages read); the first: %s",
		      v.problems, v.problems == 1 ? "" : "s", v.nodes, reads, v.first);
}

void lab3_expect_empty(struct vm *vm, uint64_t i, const char *why)
{
	struct captree_slot s = lab3_slot(vm, i);
	ck_assert_msg(s.type == ERIX_OBJ_NULL, "slot %" PRIu64 " holds a capability of type %u; "
		      "it should be empty (%s)", i, s.type, why);
}
