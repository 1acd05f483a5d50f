/*
 * ktest.c: the kernel's built-in test programs (see ktest.h).
 *
 * The functions are noinline so that each one keeps its own frame: the
 * grader compares the kernel's backtrace with GDB's frames in them.
 */
#include "ktest.h"
#include "backtrace.h"
#include "kprintf.h"
#include "kstring.h"
#include "panic.h"

#define NOINLINE __attribute__((noinline))

/*
 * The grader's side door. ktest_request: a test name the grader may write
 * through GDB before kmain reads the command line (it is used when there is
 * no test= option). ktest_scratch: memory the grader fills with inputs
 * (format strings, fake stacks, command lines) for the kernel functions it
 * calls through GDB.
 */
char ktest_request[32];
char ktest_scratch[4096] __attribute__((aligned(16)));

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

struct ktest {
	const char *name;
	void (*run)(void);
	const char *what;
};

static const struct ktest ktests[] = {
	{ "panic", test_panic, "panic three frames down" },
	{ "backtrace", test_backtrace, "print a backtrace three frames down" },
};

void ktest_run(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(ktests); i++) {
		if (strcmp(ktests[i].name, name) == 0) {
			kprintf("ktest: running %s (%s)\n", name, ktests[i].what);
			ktests[i].run();
			return;
		}
	}
	kprintf("ktest: no test called \"%s\"; the tests are:\n", name);
	for (size_t i = 0; i < ARRAY_SIZE(ktests); i++)
		kprintf("  %-12s %s\n", ktests[i].name, ktests[i].what);
	panic("ktest_run: unknown test \"%s\"", name);
}
