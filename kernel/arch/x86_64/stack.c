/*
 * stack.c: which kernel stacks exist, for the backtrace walker: the boot
 * stack, and the NMI's, the machine check's and the double fault's stacks
 * (boot.S; the first two lie in the third's region, and match first).
 */
#include "arch.h"

extern char boot_stack[], boot_stack_top[], df_stack[], df_stack_top[];
extern char nmi_stack[], nmi_stack_top[], mc_stack[], mc_stack_top[];

bool kstack_bounds(uintptr_t a, uintptr_t *lo, uintptr_t *hi)
{
	static const struct {
		const char *lo, *hi;
	} stacks[] = {
		{ boot_stack, boot_stack_top },
		{ nmi_stack, nmi_stack_top },
		{ mc_stack, mc_stack_top },
		{ df_stack, df_stack_top },
	};

	for (unsigned i = 0; i < sizeof(stacks) / sizeof(stacks[0]); i++) {
		if (a >= (uintptr_t)stacks[i].lo && a < (uintptr_t)stacks[i].hi) {
			*lo = (uintptr_t)stacks[i].lo;
			*hi = (uintptr_t)stacks[i].hi;
			return true;
		}
	}
	return false;
}
