/*
 * posix/echo.c: prints its arguments, separated by spaces, and a newline
 * (lab 6: a program's argv). With -n first, no newline.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int i = 1, newline = 1;
	if (i < argc && strcmp(argv[i], "-n") == 0)
		newline = 0, i++;
	for (int first = i; i < argc; i++)
		printf("%s%s", i > first ? " " : "", argv[i]);
	if (newline)
		putchar('\n');
	return 0;
}
