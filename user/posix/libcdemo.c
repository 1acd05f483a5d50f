/*
 * posix/libcdemo.c: the C library at work in EriX (lab 6): formatted
 * output, the heap, a file of the file server through stdio, sorting,
 * number conversion, the math library, and a child process with a
 * command line (/bin/echo, its argv, waitpid). Prints a few lines and exits
 * with status 0 when all went as expected, 1 otherwise.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* by_value: qsort's comparison of two ints, ascending. */
static int by_value(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* bye: an atexit handler, to show that exit runs them. */
static void bye(void)
{
	printf("libcdemo: atexit handler ran\n");
}

int main(int argc, char **argv)
{
	int ok = 1;
	atexit(bye);
	printf("libcdemo: hello from %s, argc %d, %d%% libc, pi ~ %f\n", argv[0], argc, 100,
	       3.14159265358979);

	/* The heap: an array of n ints, sorted. */
	int n = 10;
	int *v = malloc((size_t)n * sizeof(*v));
	if (!v)
		return 1;
	for (int i = 0; i < n; i++)
		v[i] = (i * 7919) % 101 - 50;
	qsort(v, (size_t)n, sizeof(*v), by_value);
	printf("libcdemo: sorted:");
	for (int i = 0; i < n; i++) {
		printf(" %d", v[i]);
		ok &= i == 0 || v[i - 1] <= v[i];
	}
	printf("\n");
	free(v);
	char *big = malloc(100000); /* a large block: pages of its own */
	ok &= big != NULL;
	if (big) {
		memset(big, 'x', 100000);
		free(big);
	}

	/* A file of the file server, written and read back. */
	FILE *f = fopen("/tmp-libcdemo.txt", "w");
	if (!f) {
		printf("libcdemo: fopen for writing: %s\n", strerror(errno));
		return 1;
	}
	fputs("first line\n", f);
	fprintf(f, "sqrt(2) = %.6f\n", sqrt(2.0));
	fclose(f);
	char line[80];
	f = fopen("/tmp-libcdemo.txt", "r");
	if (!f) {
		printf("libcdemo: fopen for reading: %s\n", strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), f))
		printf("libcdemo: file says: %s", line);
	fclose(f);
	ok &= fopen("/no/such/file", "r") == NULL && errno == ENOENT;

	/* Number conversion and the math library. */
	char *end;
	double d = strtod("2.5e2xyz", &end);
	printf("libcdemo: strtod(\"2.5e2xyz\") = %g, rest \"%s\"; sqrt(%g) = %.10f\n", d, end, d,
	       sqrt(d));
	ok &= d == 250.0 && strcmp(end, "xyz") == 0;
	/* A child with a command line: /bin/echo prints its arguments. */
	char *const echo_argv[] = { "echo", "hello", "from", "argv", NULL };
	pid_t pid = 0;
	fflush(stdout); /* our lines first, then the child's */
	int err = erix_spawnv("/bin/echo", echo_argv, &pid);
	if (err) {
		printf("libcdemo: spawning /bin/echo: %s\n", strerror(err));
		ok = 0;
	} else {
		int status = -1;
		pid_t got = waitpid(pid, &status, 0);
		printf("libcdemo: waitpid(%d) = %d, status 0x%x: %s %d\n", (int)pid, (int)got,
		       status, WIFEXITED(status) ? "exited with" : "signalled by",
		       WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		ok &= got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
		ok &= waitpid(pid, &status, 0) == -1 && errno == ECHILD;
	}

	printf("libcdemo: time() = %lld, clock() = %ld\n", (long long)time(NULL), (long)clock());
	printf("libcdemo: %s\n", ok ? "all good" : "something went wrong");
	return ok ? 0 : 1;
}
