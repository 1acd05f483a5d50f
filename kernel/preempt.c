/*
 * preempt.c: the work budget of one kernel entry (see preempt.h).
 */
#include "preempt.h"
#include "cmdline.h"

uint64_t preempt_budget = PREEMPT_DEFAULT_BUDGET;
uint64_t preempt_restarts, preempt_stops;

/* Units left in this entry; unlimited until the first preempt_begin. */
static uint64_t left = ~0ull;

void preempt_init(void)
{
	const char *v = cmdline_get("preempt");
	uint64_t n = 0;
	for (; v && *v >= '0' && *v <= '9'; v++)
		n = n * 10 + (uint64_t)(*v - '0');
	if (n >= 1)
		preempt_budget = n;
}

void preempt_begin(void)
{
	left = preempt_budget;
}

bool preempt_point(void)
{
	if (!left) { /* spent */
		preempt_stops++;
		return true;
	}
	left--;
	return false;
}
