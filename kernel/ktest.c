/*
 * ktest.c: the kernel's built-in test programs (see ktest.h).
 *
 * The functions are noinline so that each one keeps its own frame: the
 * grader compares the kernel's backtrace with GDB's frames in them.
 */
#include "ktest.h"
#include "arch.h"
#include "backtrace.h"
#include "cmdline.h"
#include "kprintf.h"
#include "kstring.h"
#include "panic.h"
#include "bootinfo.h"
#include "roottask.h"

#define NOINLINE __attribute__((noinline))

/*
 * The grader's side door. ktest_request: a test name the grader may write
 * through GDB: at kmain, before kmain reads the command line, for a kernel
 * test (used when there is no test= option); or at roottask_ready
 * (roottask.c), for one of the root task's test programs, which then
 * wins over test=. ktest_args: a test's inputs, from the command line's
 * arg0= ... arg7= or planted at the same stops. ktest_scratch: memory the
 * grader fills with inputs (format strings, fake stacks, command lines)
 * for the kernel functions it calls through GDB.
 */
char ktest_request[32];
char ktest_scratch[4096] __attribute__((aligned(16)));
uint64_t ktest_args[8];

/* ktest_ready: called once boot is done, before any test runs; does
 * nothing. The grader stops here to read state and make its calls. */
NOINLINE void ktest_ready(void)
{
	__asm__ volatile("" ::: "memory");
}

/* The depth the chain below reached, so the calls cannot be folded away. */
volatile int ktest_depth;

NOINLINE void ktest_chain_leaf(void (*finish)(void))
{
	ktest_depth++;
	finish();
	ktest_depth++;
}

NOINLINE void ktest_chain_middle(void (*finish)(void))
{
	ktest_depth++;
	ktest_chain_leaf(finish);
	ktest_depth++;
}

/* ktest_chain: call finish() three frames down: chain -> middle -> leaf. */
NOINLINE void ktest_chain(void (*finish)(void))
{
	ktest_depth++;
	ktest_chain_middle(finish);
	ktest_depth++;
}

static void finish_panic(void)
{
	panic("ktest: a deliberate panic, %d frames down", ktest_depth);
}

/* test=panic: panic three frames down; shows the registers and backtrace. */
static void test_panic(void) { ktest_chain(finish_panic); }

/* test=backtrace: print a backtrace three frames down and carry on. */
static void test_backtrace(void)
{
	kprintf("backtrace from ktest_chain_leaf:\n");
	ktest_chain(backtrace_print);
}

/* parse_u64: a decimal or 0x-hexadecimal number (0 if malformed). */
static uint64_t parse_u64(const char *s)
{
	uint64_t v = 0;
	unsigned base = 10;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, s += 2;
	for (; *s; s++) {
		unsigned d = *s >= '0' && *s <= '9'   ? (unsigned)(*s - '0')
			     : *s >= 'a' && *s <= 'f' ? (unsigned)(*s - 'a' + 10)
			     : *s >= 'A' && *s <= 'F' ? (unsigned)(*s - 'A' + 10)
						      : 99;
		if (d >= base)
			return 0;
		v = v * base + d;
	}
	return v;
}

/* test=fault: touch the address in ktest_args[0]: read it (ktest_args[1]
 * = 0), write it (1) or jump to it (2). Set through GDB, or as fault_addr=
 * and fault_kind= on the command line. */
static void test_fault(void)
{
	const char *a = cmdline_get("fault_addr"), *k = cmdline_get("fault_kind");
	if (a)
		ktest_args[0] = parse_u64(a);
	if (k)
		ktest_args[1] = parse_u64(k);
	kprintf("ktest: %s %p\n",
		ktest_args[1] == 2 ? "jumping to" : ktest_args[1] == 1 ? "writing" : "reading",
		(void *)ktest_args[0]);
	if (ktest_args[1] == 2)
		((void (*)(void))ktest_args[0])();
	else if (ktest_args[1] == 1)
		*(volatile uint64_t *)ktest_args[0] = 0x5a5a5a5a;
	else
		(void)*(volatile uint64_t *)ktest_args[0];
	kprintf("ktest: the access did not fault\n");
}

/* test=overflow: recurse until the boot stack runs into its guard page.
 * (The depth limit only keeps the compiler from calling it infinite: no
 * 16 KiB stack holds a million 256-byte frames.) */
NOINLINE int ktest_recurse(int depth)
{
	volatile char frame[256];
	frame[0] = (char)depth;
	ktest_depth = depth;
	if (depth > 1000000)
		return frame[0];
	return ktest_recurse(depth + 1) + frame[0];
}

static void test_overflow(void) { kprintf("ktest: recursion returned %d\n", ktest_recurse(0)); }

/* test=nmi_stack: take the NMI's vector with rsp on an unmapped page, as
 * an NMI in the first instruction of syscall_entry finds it (the user's
 * rsp, anything): the NMI must run on its own stack, and the kernel go on.
 * Pushing its frame where rsp points would fault: a double fault. */
static void test_nmi_stack(void)
{
	arch_nmi_on_stack(0x1000);
	kprintf("ktest: the NMI ran on its own stack\n");
}

/* test=module_align: an unaligned boot module must be refused, an
 * aligned one accepted (GRUB aligns them, as boot.S asks: this plants
 * both). A wrong answer panics. */
static void test_module_align(void)
{
	struct boot_module odd = { .start = 0x200010, .end = 0x203000, .name = "odd" };
	struct boot_module even = { .start = 0x200000, .end = 0x203000, .name = "even" };
	if (roottask_module_ok(&odd) || !roottask_module_ok(&even))
		panic("ktest: module_align: the unaligned module %s",
		      roottask_module_ok(&odd) ? "was accepted" : "was refused, the aligned one too");
	kprintf("ktest: the unaligned module was refused, the aligned one accepted\n");
}

void ktest_take_args(void)
{
	char key[5] = "arg0";
	for (int i = 0; i < 8; i++) {
		key[3] = (char)('0' + i);
		const char *v = cmdline_get(key);
		if (v)
			ktest_args[i] = parse_u64(v);
	}
}

struct ktest {
	const char *name;
	void (*run)(void);
	const char *what;
};

static const struct ktest ktests[] = {
	{ "panic", test_panic, "panic three frames down" },
	{ "backtrace", test_backtrace, "print a backtrace three frames down" },
	{ "fault", test_fault, "read, write or jump to ktest_args[0] (fault_addr=, fault_kind=)" },
	{ "overflow", test_overflow, "overflow the kernel stack" },
	{ "nmi_stack", test_nmi_stack, "take an NMI with rsp on an unmapped page" },
	{ "module_align", test_module_align, "an unaligned boot module is refused" },
};

bool ktest_run(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(ktests); i++) {
		if (strcmp(ktests[i].name, name) == 0) {
			kprintf("ktest: running %s (%s)\n", name, ktests[i].what);
			ktests[i].run();
			return true;
		}
	}
	return false; /* a user test program's, perhaps (user/root/) */
}
