/*
 * posix/env.c: env [-i] [name=value...] [command [arg...]]: prints the
 * environment, one "name=value" a line, after the changes asked for.
 * -i: start from an empty environment.
 * name=value: set name to value.
 * command [arg...]: run command (found as execvp finds it: in /bin for a
 *     name without '/') with that environment instead of printing it.
 * Exit status: 0 (with a command: the command's); 1 if a variable could
 * not be set; 126 if the command could not be run, 127 if not found.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char *empty[1] = { NULL };
	int c;
	while ((c = getopt(argc, argv, "i")) != -1) {
		if (c != 'i') {
			fprintf(stderr, "usage: env [-i] [name=value...] [command [arg...]]\n");
			return 2;
		}
		environ = empty;
	}
	int i = optind;
	for (; i < argc && strchr(argv[i], '='); i++)
		if (putenv(argv[i]) != 0) {
			fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
	if (i < argc) {
		execvp(argv[i], argv + i); /* returns only on failure */
		int e = errno;
		fprintf(stderr, "env: %s: %s\n", argv[i], strerror(e));
		return e == ENOENT ? 127 : 126;
	}
	for (char **e = environ; *e; e++)
		puts(*e);
	return 0;
}
