/*
 * posix/ls.c: ls [-a] [-l] [path...]: lists directories and files.
 *
 * Each path that is a file is listed as itself, first; then each
 * directory's entries, sorted by name, under a "path:" line when there
 * are several paths. No path: the current directory. One name a line.
 * -a: also the names that start with '.' ("." and ".." among them).
 * -l: long form: the type ('d' a directory, '-' a file), the size (a
 *     directory's: its number of entries), the name.
 * Exit status: 0, or 1 if a path could not be found or read (the others
 * still are listed).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int all, longform; /* -a, -l */

/* show: one line for the file name, whose stat is st. */
static void show(const char *name, const struct stat *st)
{
	if (longform)
		printf("%c %8ld %s\n", S_ISDIR(st->st_mode) ? 'd' : '-', (long)st->st_size, name);
	else
		puts(name);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* stat_in: the stat of the entry name of directory dir. 0, or -1
 * (errno). */
static int stat_in(const char *dir, const char *name, struct stat *st)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return stat(path, st);
}

/* list_dir: the entries of directory path, sorted. 0, or 1 on an error
 * (said on stderr). */
static int list_dir(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' && !all)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			char **more = realloc(names, cap * sizeof(*names));
			if (!more)
				break;
			names = more;
		}
		if (!(names[n] = strdup(e->d_name)))
			break;
		n++;
	}
	int status = 0;
	if (e) { /* we stopped early: out of memory */
		fprintf(stderr, "ls: %s: %s\n", path, strerror(ENOMEM));
		status = 1;
	}
	closedir(d);

	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (longform && stat_in(path, names[i], &st) < 0) {
			fprintf(stderr, "ls: %s/%s: %s\n", path, names[i], strerror(errno));
			status = 1;
		} else {
			show(names[i], &st);
		}
		free(names[i]);
	}
	free(names);
	return status;
}

int main(int argc, char **argv)
{
	int c, status = 0;
	while ((c = getopt(argc, argv, "al")) != -1) {
		if (c == 'a')
			all = 1;
		else if (c == 'l')
			longform = 1;
		else {
			fprintf(stderr, "usage: ls [-a] [-l] [path...]\n");
			return 2;
		}
	}
	char *here[] = { ".", NULL };
	char **paths = optind < argc ? argv + optind : here;
	int npaths = optind < argc ? argc - optind : 1;

	/* The files first, then the directories. */
	int shown = 0;
	for (char **p = paths; *p; p++) {
		struct stat st;
		if (stat(*p, &st) < 0) {
			fprintf(stderr, "ls: %s: %s\n", *p, strerror(errno));
			status = 1;
		} else if (!S_ISDIR(st.st_mode)) {
			show(*p, &st);
			shown++;
		}
	}
	for (char **p = paths; *p; p++) {
		struct stat st;
		if (stat(*p, &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		if (npaths > 1)
			printf("%s%s:\n", shown++ ? "\n" : "", *p);
		status |= list_dir(*p);
	}
	return status;
}
