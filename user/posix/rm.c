/*
 * posix/rm.c: rm [-f] [-r] file...: removes each file.
 * -r (or -R): a directory too, with everything in it.
 * -f: no message, and no failure, for a file that is not there; no
 *     operand is then no error either.
 * "." and ".." (as a path's last component) and "/" are never removed.
 * Exit status: 0, or 1 if something could not be removed (the rest
 * still is).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int force, recursive;

/* complain: the error errno for path, on stderr (unless -f and it is
 * ENOENT). Returns 0 for an error -f ignores, else 1. */
static int complain(const char *path)
{
	if (force && errno == ENOENT)
		return 0;
	fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
	return 1;
}

/* join: a malloc'd "dir/name" (NULL when out of memory). */
static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	char *path = malloc(n + strlen(name) + 2);
	if (path)
		sprintf(path, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
	return path;
}

static int remove_path(const char *path);

/* remove_contents: everything in directory dir. Its names are all read
 * first: removing while reading would make readdir skip some. 0, or 1
 * after an error. */
static int remove_contents(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return complain(dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	int status = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n == cap) {
			char **more = realloc(names, (cap = cap ? 2 * cap : 16) * sizeof(*names));
			if (!more)
				break;
			names = more;
		}
		if (!(names[n] = join(dir, e->d_name)))
			break;
		n++;
	}
	if (e) {
		errno = ENOMEM;
		status = complain(dir);
	}
	closedir(d);
	for (size_t i = 0; i < n; i++) {
		status |= remove_path(names[i]);
		free(names[i]);
	}
	free(names);
	return status;
}

/* remove_path: removes path (a directory with its contents, with -r).
 * 0, or 1 after an error (said). */
static int remove_path(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return complain(path);
	if (!S_ISDIR(st.st_mode))
		return unlink(path) < 0 ? complain(path) : 0;
	if (!recursive) {
		errno = EISDIR;
		return complain(path);
	}
	int status = remove_contents(path);
	if (status == 0 && rmdir(path) < 0)
		status = complain(path);
	return status;
}

/* forbidden: whether path is "/" or ends in "." or "..", which rm
 * refuses. */
static int forbidden(const char *path)
{
	size_t n = strlen(path);
	while (n > 0 && path[n - 1] == '/')
		n--;
	if (n == 0)
		return path[0] == '/';
	size_t start = n;
	while (start > 0 && path[start - 1] != '/')
		start--;
	return (n - start == 1 && path[start] == '.') ||
	       (n - start == 2 && path[start] == '.' && path[start + 1] == '.');
}

int main(int argc, char **argv)
{
	int c, status = 0;
	while ((c = getopt(argc, argv, "frR")) != -1) {
		if (c == 'f')
			force = 1;
		else if (c == 'r' || c == 'R')
			recursive = 1;
		else
			goto usage;
	}
	if (optind >= argc && !force)
		goto usage;
	for (int i = optind; i < argc; i++) {
		if (forbidden(argv[i])) {
			fprintf(stderr, "rm: %s: refusing to remove \"/\", \".\" or \"..\"\n", argv[i]);
			status = 1;
			continue;
		}
		status |= remove_path(argv[i]);
	}
	return status;

usage:
	fprintf(stderr, "usage: rm [-f] [-r] file...\n");
	return 2;
}
