/*
 * kill6 OUT: kill and a process's last words (lab 6 test program).
 *
 * A child writes one line into a pipe and then waits for ever (it reads
 * its own stdin, the console); the parent reads that line, kills the
 * child with SIGTERM, then reads the pipe on: the end of file must come
 * (the child's last words closed its write end), and waitpid must report
 * the child killed by SIGTERM. The observations go into OUT.
 */
#include <signal.h>
#include <sys/wait.h>

#include "t6lib.h"

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	t6_out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int p[2];
	if (t6_out < 0 || pipe(p) != 0)
		return 3;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		write(p[1], "ready\n", 6);
		for (;;)
			sleep(1000);
	}
	close(p[1]);
	char buf[16];
	uint64_t v[4];
	v[0] = (uint64_t)read(p[0], buf, sizeof(buf));
	v[1] = (uint64_t)kill(pid, SIGTERM);
	v[2] = (uint64_t)read(p[0], buf, sizeof(buf)); /* 0: the end of file */
	int st = -1;
	v[3] = (uint64_t)(waitpid(pid, &st, 0) == pid);
	t6_line("read kill eof reaped", 4, v);
	uint64_t w[3] = { (uint64_t)WIFSIGNALED(st), (uint64_t)WTERMSIG(st), (uint64_t)kill(pid, 0) };
	t6_line("signaled sig gone", 3, w);
	return 0;
}
