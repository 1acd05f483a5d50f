/*
 * posix/cat.c: cat [-u] [file...]: writes each file to stdout, one after
 * the other; stdin when there is none, and for a file named "-".
 * -u: unbuffered output: always so here (each read is written at once).
 * Exit status: 0, or 1 if a file could not be read (the others still are)
 * or stdout could not be written.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* write_all: all n bytes of buf to stdout; 0, or -1 with errno. */
static int write_all(const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, buf, n);
		if (w < 0)
			return -1;
		buf += w, n -= (size_t)w;
	}
	return 0;
}

/* cat: copies fd to stdout. 0; 1 after a read error (said on stderr,
 * for name); 2 after a write error (said). */
static int cat(int fd, const char *name)
{
	static char buf[4096];
	ssize_t n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write_all(buf, (size_t)n) < 0) {
			fprintf(stderr, "cat: stdout: %s\n", strerror(errno));
			return 2;
		}
	if (n < 0) {
		fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int c, status = 0;
	while ((c = getopt(argc, argv, "u")) != -1)
		if (c == '?') {
			fprintf(stderr, "usage: cat [-u] [file...]\n");
			return 2;
		}
	char *only_stdin[] = { "-", NULL };
	char **files = optind < argc ? argv + optind : only_stdin;
	for (; *files; files++) {
		const char *name = *files;
		int fd = strcmp(name, "-") == 0 ? STDIN_FILENO : open(name, O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
			status = 1;
			continue;
		}
		int r = cat(fd, name);
		if (fd != STDIN_FILENO)
			close(fd);
		if (r == 2)
			return 1;
		if (r)
			status = 1;
	}
	return status;
}
