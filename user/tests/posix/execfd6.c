/*
 * execfd6 SEED OUT: the fds a program keeps across execve (lab 6 test
 * program).
 *
 * Writes N bytes from SEED into OUT.in and makes a pipe. A child makes
 * OUT.in its stdin and the pipe's write end its stdout and stderr (dup2,
 * then closes the originals), tries an execve that must fail and writes
 * 16 bytes from SEED into its stdout (a failed execve leaves the process
 * and its fds as they were), then execve's /bin/cat with the arguments
 * "-" and a file that is not there: cat copies its stdin to its stdout,
 * then complains about the file on its stderr, and exits with 1.
 *
 * The parent closes its write end, copies everything the pipe gives until
 * the end of file into OUT.pipe (the end of file comes once cat, the last
 * holder of a write end, has ended), reaps the child and writes into OUT
 * the number of bytes and the child's status. The grader compares
 * OUT.pipe with the 16 bytes, the N bytes and cat's complaint.
 */
#include <errno.h>
#include <sys/wait.h>

#include "t6lib.h"

static uint8_t data[40000];

/* with: path and suffix into buf (size 200); false if too long. */
static int with(char *buf, const char *path, const char *suffix)
{
	size_t n = strlen(path), k = strlen(suffix);
	if (n + k + 1 > 200)
		return 0;
	memcpy(buf, path, n);
	memcpy(buf + n, suffix, k + 1);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	uint64_t s = t6_seed(argv), v[3];
	size_t n = 3000 + (size_t)(lab6_rand(&s) % 30000);
	lab6_fill(&s, data, n);
	uint8_t mark[16];
	lab6_fill(&s, mark, sizeof(mark));
	char in[200], piped[200], missing[200];
	if (!with(in, argv[2], ".in") || !with(piped, argv[2], ".pipe") ||
	    !with(missing, argv[2], ".none"))
		return 2;
	t6_out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int fd = open(in, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (t6_out < 0 || fd < 0)
		return 3;
	t6_put_fd(fd, (const char *)data, n);
	close(fd);

	int p[2];
	if (pipe(p) != 0)
		return 4;
	pid_t pid = fork();
	if (pid == 0) {
		int i = open(in, O_RDONLY);
		if (i < 0 || dup2(i, 0) != 0 || dup2(p[1], 1) != 1 || dup2(p[1], 2) != 2)
			_exit(10);
		close(i);
		close(p[0]);
		close(p[1]);
		close(t6_out);
		char *none[] = { "none", NULL };
		execve(missing, none, none);
		t6_put_fd(1, (const char *)mark, sizeof(mark));
		char *args[] = { "cat", "-", missing, NULL };
		execve("/bin/cat", args, none);
		_exit(11);
	}
	close(p[1]);
	int o = open(piped, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	static char buf[3000];
	ssize_t r;
	size_t total = 0;
	while ((r = read(p[0], buf, sizeof(buf))) > 0) {
		t6_put_fd(o, buf, (size_t)r);
		total += (size_t)r;
	}
	close(o);
	int st = -1;
	v[0] = total, v[1] = (uint64_t)r;
	t6_line("read end", 2, v);
	v[0] = (uint64_t)(waitpid(pid, &st, 0) == pid), v[1] = (uint64_t)st;
	t6_line("reaped status", 2, v);
	return 0;
}
