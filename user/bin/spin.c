/*
 * bin/spin.c: a program that never ends by itself (it waits on its own
 * events notification, which nobody signals), for the tests of kill.
 */
#include "ulib.h"
#include "proc.h"

int main(void)
{
	for (;;)
		erix_wait(P_EVENTS, NULL);
}
