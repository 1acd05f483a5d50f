/*
 * posix/touch.c: touch [-c] [-a] [-m] file...: makes each file that does
 * not exist, empty. EriX keeps no times, so an existing file is left as
 * it is (POSIX's touch would set its times to now).
 * -c: make no file.
 * -a, -m: accepted (which times to set: none here).
 * Exit status: 0, or 1 if a file could not be made (the others still
 * are).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int no_create = 0, c, status = 0;
	while ((c = getopt(argc, argv, "acm")) != -1) {
		if (c == 'c')
			no_create = 1;
		else if (c == '?')
			goto usage;
	}
	if (optind >= argc)
		goto usage;
	for (int i = optind; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 || no_create)
			continue;
		int fd = open(argv[i], O_WRONLY | O_CREAT, 0666);
		if (fd < 0) {
			fprintf(stderr, "touch: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		} else {
			close(fd);
		}
	}
	return status;

usage:
	fprintf(stderr, "usage: touch [-c] file...\n");
	return 2;
}
