/*
 * posix/pwd.c: pwd [-L|-P]: prints the current directory's absolute path.
 * -L, -P: accepted; the same here (EriX has no symbolic links).
 * Exit status: 0, or 1 if the path cannot be had.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char path[PATH_MAX];
	int c;
	while ((c = getopt(argc, argv, "LP")) != -1)
		if (c == '?') {
			fprintf(stderr, "usage: pwd [-L|-P]\n");
			return 2;
		}
	if (!getcwd(path, sizeof(path))) {
		fprintf(stderr, "pwd: %s\n", strerror(errno));
		return 1;
	}
	puts(path);
	return 0;
}
