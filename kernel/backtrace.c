/*
 * backtrace.c: printing a backtrace with function names.
 * The walk itself is architecture code (arch/x86_64/backtrace.c).
 */
#include "backtrace.h"
#include "arch.h"
#include "kprintf.h"
#include "symbols.h"

uintptr_t backtrace_last[BACKTRACE_MAX];
int backtrace_last_count;

void backtrace_print_from(uintptr_t fp)
{
	uintptr_t lo, hi, off;

	backtrace_last_count = 0;
	if (!kstack_bounds(fp, &lo, &hi)) {
		kprintf("  (frame pointer %p is on no kernel stack)\n", (void *)fp);
		return;
	}
	int n = backtrace_walk(fp, lo, hi, backtrace_last, BACKTRACE_MAX);
	backtrace_last_count = n;
	for (int i = 0; i < n; i++) {
		/* A return address points after the call: look up pc - 1, which
		 * is inside the call instruction, hence inside the caller. */
		const char *name = ksym_lookup(backtrace_last[i] - 1, &off);
		if (name)
			kprintf("  #%d %p %s+0x%lx\n", i, (void *)backtrace_last[i],
				name, off + 1);
		else
			kprintf("  #%d %p ?\n", i, (void *)backtrace_last[i]);
	}
	if (n == 0)
		kprintf("  (no frames)\n");
}

__attribute__((noinline)) void backtrace_print(void)
{
	backtrace_print_from((uintptr_t)__builtin_frame_address(0));
}
