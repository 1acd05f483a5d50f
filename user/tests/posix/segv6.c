/*
 * segv6 [N]: a libc program that faults (lab 6 test program): writes N
 * lines (default 3) to stdout, then stores through a null pointer. Its
 * last words (PROC_ON_DEATH) close its fds first, so that in a pipeline
 * the next command sees the end of its input.
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 3;
	for (int i = 0; i < n; i++)
		printf("line %d\n", i);
	fflush(stdout);
	*(volatile int *)0 = 1;
	return 0;
}
