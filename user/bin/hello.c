/*
 * bin/hello.c: the smallest program: it greets, with its name and
 * inputs, and exits with status arg0.
 */
#include "ulib.h"
#include "proc.h"

int main(void)
{
	uprintf("hello from %s (pid %lu), args %lu %lu\n", procinfo->name,
		(unsigned long)procinfo->pid, (unsigned long)procinfo->args[0],
		(unsigned long)procinfo->args[1]);
	return (int)procinfo->args[0];
}
