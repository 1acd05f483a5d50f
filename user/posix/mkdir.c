/*
 * posix/mkdir.c: mkdir [-p] [-m mode] dir...: makes each directory.
 * -p: also the missing directories on the way to it ("a" and "a/b" for
 *     "a/b/c"), and no error for one that exists already.
 * -m mode: accepted and ignored (EriX has no permissions).
 * Exit status: 0, or 1 if a directory could not be made (the others
 * still are).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* is_dir: whether path names a directory. */
static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* make_parents: with path cut at each '/' in turn, the directory named
 * so far made if it is missing. 0, or -1 (errno) on an error. */
static int make_parents(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/' || p[-1] == '/')
			continue;
		*p = '\0';
		int r = mkdir(path, 0777);
		if (r < 0 && errno == EEXIST)
			r = is_dir(path) ? 0 : (errno = ENOTDIR, -1);
		*p = '/';
		if (r < 0)
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int parents = 0, c, status = 0;
	while ((c = getopt(argc, argv, "pm:")) != -1) {
		if (c == 'p')
			parents = 1;
		else if (c != 'm')
			goto usage;
	}
	if (optind >= argc)
		goto usage;
	for (int i = optind; i < argc; i++) {
		char *dir = argv[i];
		int ok = (!parents || make_parents(dir) == 0) &&
			 (mkdir(dir, 0777) == 0 || (parents && errno == EEXIST && is_dir(dir)));
		if (!ok) {
			fprintf(stderr, "mkdir: %s: %s\n", dir, strerror(errno));
			status = 1;
		}
	}
	return status;

usage:
	fprintf(stderr, "usage: mkdir [-p] [-m mode] dir...\n");
	return 2;
}
