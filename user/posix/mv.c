/*
 * posix/mv.c: mv source target, or mv source... dir: renames a file or
 * directory to target (which it replaces: a file by a file, an empty
 * directory by a directory), or moves each source into the existing
 * directory dir under its own last name. A rename, never a copy: the
 * file server holds every file.
 * Exit status: 0, or 1 if something could not be moved (the others
 * still are).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* last_name: path's last component (trailing slashes left out) into out
 * (size bytes). */
static void last_name(const char *path, char *out, size_t size)
{
	size_t end = strlen(path);
	while (end > 1 && path[end - 1] == '/')
		end--;
	size_t start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	snprintf(out, size, "%.*s", (int)(end - start), path + start);
}

int main(int argc, char **argv)
{
	if (getopt(argc, argv, "") != -1 || argc - optind < 2) {
		fprintf(stderr, "usage: mv source target\n       mv source... dir\n");
		return 2;
	}
	const char *target = argv[argc - 1];
	struct stat st;
	int into_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
	if (!into_dir && argc - optind > 2) {
		fprintf(stderr, "mv: %s: %s\n", target, strerror(ENOTDIR));
		return 1;
	}
	int status = 0;
	for (int i = optind; i < argc - 1; i++) {
		char path[PATH_MAX], name[PATH_MAX];
		const char *to = target;
		if (into_dir) {
			last_name(argv[i], name, sizeof(name));
			if (snprintf(path, sizeof(path), "%s/%s", target, name) >= (int)sizeof(path)) {
				fprintf(stderr, "mv: %s/%s: %s\n", target, name, strerror(ENAMETOOLONG));
				status = 1;
				continue;
			}
			to = path;
		}
		if (rename(argv[i], to) < 0) {
			fprintf(stderr, "mv: %s -> %s: %s\n", argv[i], to, strerror(errno));
			status = 1;
		}
	}
	return status;
}
