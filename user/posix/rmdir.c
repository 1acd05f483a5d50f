/*
 * posix/rmdir.c: rmdir [-p] dir...: removes each directory, which must
 * be empty.
 * -p: then its parents named in the path, one by one ("a/b" and "a"
 *     after "a/b/c"), as long as they are empty.
 * Exit status: 0, or 1 if a directory could not be removed (the others
 * still are).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* strip_last: path without its last component (and the slashes before
 * it), in place. 0, or -1 when nothing is left to strip. */
static int strip_last(char *path)
{
	char *p = path + strlen(path);
	while (p > path && p[-1] == '/') /* trailing slashes */
		p--;
	while (p > path && p[-1] != '/') /* the last component */
		p--;
	while (p > path && p[-1] == '/') /* the slashes before it */
		p--;
	*p = '\0';
	return p > path ? 0 : -1;
}

int main(int argc, char **argv)
{
	int parents = 0, c, status = 0;
	while ((c = getopt(argc, argv, "p")) != -1) {
		if (c != 'p')
			goto usage;
		parents = 1;
	}
	if (optind >= argc)
		goto usage;
	for (int i = optind; i < argc; i++) {
		char *dir = argv[i];
		do {
			if (rmdir(dir) < 0) {
				fprintf(stderr, "rmdir: %s: %s\n", dir, strerror(errno));
				status = 1;
				break;
			}
		} while (parents && strip_last(dir) == 0);
	}
	return status;

usage:
	fprintf(stderr, "usage: rmdir [-p] dir...\n");
	return 2;
}
