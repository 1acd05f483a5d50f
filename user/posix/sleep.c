/*
 * sleep: waits the given number of seconds.
 *
 * Usage: sleep SECONDS   (a whole number, or one with a fraction: 0.5)
 * Exit status: 0, or 1 with a message for a missing or bad argument.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	char *end;
	double s = argc == 2 ? strtod(argv[1], &end) : -1;
	if (argc != 2 || *end || end == argv[1] || s < 0 || s > 1e9) {
		fprintf(stderr, "usage: sleep SECONDS\n");
		return 1;
	}
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
	if (nanosleep(&ts, NULL) != 0) {
		perror("sleep");
		return 1;
	}
	return 0;
}
