/*
 * posix/cp.c: cp source target, or cp source... dir: copies a file to
 * the file target (made, or emptied and overwritten), or each source
 * into the existing directory dir under its own last name.
 * Directories are not copied (no -r).
 * Exit status: 0, or 1 if a file could not be copied (the others still
 * are).
 */
#include <errno.h>
#include <fcntl.h>
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

/* copy: the bytes of fd `in` to fd `out`. 0, or -1 (errno) with *which
 * the file that failed: 0 the source, 1 the target. */
static int copy(int in, int out, int *which)
{
	static char buf[4096];
	ssize_t n, w;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		for (ssize_t done = 0; done < n; done += w)
			if ((w = write(out, buf + done, (size_t)(n - done))) < 0)
				return *which = 1, -1;
	return n < 0 ? (*which = 0, -1) : 0;
}

/* copy_file: source copied to the file target. 0, or 1 after an error
 * (said on stderr). */
static int copy_file(const char *source, const char *target)
{
	struct stat s, t;
	if (stat(source, &s) < 0)
		goto source_failed;
	if (S_ISDIR(s.st_mode)) {
		fprintf(stderr, "cp: %s: is a directory (not copied)\n", source);
		return 1;
	}
	if (stat(target, &t) == 0 && t.st_dev == s.st_dev && t.st_ino == s.st_ino) {
		fprintf(stderr, "cp: %s and %s are the same file\n", source, target);
		return 1;
	}
	int in = open(source, O_RDONLY);
	if (in < 0)
		goto source_failed;
	int out = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (out < 0) {
		fprintf(stderr, "cp: %s: %s\n", target, strerror(errno));
		close(in);
		return 1;
	}
	int which = 0, r = copy(in, out, &which), e = errno;
	if (close(out) < 0 && r == 0)
		r = -1, which = 1, e = errno;
	close(in);
	if (r < 0) {
		fprintf(stderr, "cp: %s: %s\n", which ? target : source, strerror(e));
		return 1;
	}
	return 0;

source_failed:
	fprintf(stderr, "cp: %s: %s\n", source, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	if (getopt(argc, argv, "") != -1 || argc - optind < 2) {
		fprintf(stderr, "usage: cp source target\n       cp source... dir\n");
		return 2;
	}
	const char *target = argv[argc - 1];
	struct stat st;
	int into_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
	if (!into_dir && argc - optind > 2) {
		fprintf(stderr, "cp: %s: %s\n", target, strerror(ENOTDIR));
		return 1;
	}
	int status = 0;
	for (int i = optind; i < argc - 1; i++) {
		char path[PATH_MAX], name[PATH_MAX];
		if (into_dir) {
			last_name(argv[i], name, sizeof(name));
			if (snprintf(path, sizeof(path), "%s/%s", target, name) >= (int)sizeof(path)) {
				fprintf(stderr, "cp: %s/%s: %s\n", target, name, strerror(ENAMETOOLONG));
				status = 1;
				continue;
			}
		}
		status |= copy_file(argv[i], into_dir ? path : target);
	}
	return status;
}
