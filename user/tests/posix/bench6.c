/*
 * bench6: lab 6's figures for make bench (labs/tools/bench-posix.sh runs
 * it at the shell under -icount, where the time-stamp counter counts
 * instructions): the instructions of a fork + execve + waitpid of
 * /bin/true, and of the pipeline `cat FILE | wc` over a 1 MiB file, each
 * the least of a few runs. Printed as "bench: ..." lines.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* run: starts path with argv, its stdin and stdout on in and out (-1:
 * this process's), and returns its pid. */
static pid_t run(const char *path, char *const argv[], int in, int out, int close_also)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (in >= 0)
			dup2(in, 0), close(in);
		if (out >= 0)
			dup2(out, 1), close(out);
		if (close_also >= 0)
			close(close_also);
		execv(path, argv);
		_exit(127);
	}
	return pid;
}

int main(void)
{
	static char block[4096];
	const char *file = "/tmp/bench6";
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	for (unsigned i = 0; i < sizeof(block); i++)
		block[i] = i % 64 == 63 ? '\n' : (char)('a' + i % 26);
	for (int i = 0; fd >= 0 && i < 256; i++)
		write(fd, block, sizeof(block));
	close(fd);

	uint64_t best = UINT64_MAX;
	for (int i = 0; i < 3; i++) {
		char *argv[] = { "true", NULL };
		uint64_t t0 = rdtsc();
		pid_t pid = run("/bin/true", argv, -1, -1, -1);
		waitpid(pid, NULL, 0);
		uint64_t t = rdtsc() - t0;
		best = t < best ? t : best;
	}
	printf("bench: fork + execve + waitpid of /bin/true: %llu instructions\n",
	       (unsigned long long)best);

	best = UINT64_MAX;
	for (int i = 0; i < 2; i++) {
		int p[2];
		int out = open("/tmp/bench6.wc", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		char *cat[] = { "cat", (char *)file, NULL }, *wc[] = { "wc", NULL };
		uint64_t t0 = rdtsc();
		pipe(p);
		pid_t a = run("/bin/cat", cat, -1, p[1], p[0]);
		pid_t b = run("/bin/wc", wc, p[0], out, p[1]);
		close(p[0]), close(p[1]);
		waitpid(a, NULL, 0), waitpid(b, NULL, 0);
		uint64_t t = rdtsc() - t0;
		close(out);
		best = t < best ? t : best;
	}
	printf("bench: cat FILE | wc over 1 MiB: %llu instructions\n", (unsigned long long)best);
	unlink(file);
	return 0;
}
