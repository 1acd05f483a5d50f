/*
 * sh/run.c: running a pipeline (run.h says what happens to each kind of
 * command).
 *
 * For "a | b | c" the shell makes two pipes and three children, one
 * command after another:
 *
 *     shell --fork--> a   stdout: pipe 1's write end
 *           --fork--> b   stdin: pipe 1's read end, stdout: pipe 2's write end
 *           --fork--> c   stdin: pipe 2's read end
 *
 * A reader sees the end of file only when every copy of the pipe's write
 * end is closed, in every process, so no process may keep an end it does
 * not use: each child moves its ends onto 0 and 1 and closes the
 * originals, and the shell closes its copies as soon as the child that
 * uses them exists. (The shell never holds more than the read end of the
 * last pipe and the new one's two ends, so a child inherits no other.)
 * Then the shell waits for every child, and the last one's status is the
 * pipeline's.
 */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "builtin.h"
#include "vars.h"

static int hidden_fd = -1; /* run_hide_fd's */

void run_hide_fd(int fd)
{
	hidden_fd = fd;
}

/* An fd as it was before a builtin's redirections changed it: copy is a
 * dup of it, or -1 if it was not open. */
struct saved_fd {
	int fd;
	int copy;
};

/* save: records fd's state in saved[*n] (one more entry) unless an entry
 * for fd is there already: only its first state is worth restoring. */
static void save(int fd, struct saved_fd *saved, int *n)
{
	for (int i = 0; i < *n; i++)
		if (saved[i].fd == fd)
			return;
	saved[*n].fd = fd;
	saved[*n].copy = dup(fd); /* -1 (EBADF) if fd is not open */
	(*n)++;
}

/* restore: undoes what the redirections recorded in saved[0..n) did, the
 * last first, and closes the copies. */
static void restore(struct saved_fd *saved, int n)
{
	while (n-- > 0) {
		if (saved[n].copy < 0) {
			close(saved[n].fd);
			continue;
		}
		dup2(saved[n].copy, saved[n].fd);
		close(saved[n].copy);
	}
}

/* move_fd: makes fd `to` the open file that fd `from` is, and closes
 * from (nothing happens if they are the same fd). 0, or -1 with errno. */
static int move_fd(int from, int to)
{
	if (from == to)
		return 0;
	if (dup2(from, to) < 0)
		return -1;
	close(from);
	return 0;
}

/*
 * redirect (LAB 6 exercise): applies c's redirections, in the order written: "< f" opens
 * f for reading, "> f" creates or truncates it, ">> f" creates it or
 * writes at its end, each onto its fd; "n>&m" makes n a copy of m. If
 * saved is not NULL (a builtin in the shell itself), each fd's state is
 * recorded there before its first change (room for c->nredir entries;
 * *nsaved counts them), for restore. Returns 0, or -1 at the first
 * failure, its reason printed ("sh: FILE: why"); what was done before it
 * stays (and is recorded).
 */
static int redirect(const struct sh_command *c, struct saved_fd *saved, int *nsaved)
{
#if LAB6_SOLUTION
	for (int i = 0; i < c->nredir; i++) {
		const struct sh_redir *r = &c->redirs[i];
		if (saved)
			save(r->fd, saved, nsaved);
		if (r->op == SH_REDIR_DUP) { /* n>&m */
			if (dup2(r->to_fd, r->fd) < 0) {
				fprintf(stderr, "sh: %d: %s\n", r->to_fd, strerror(errno));
				return -1;
			}
			continue;
		}
		int flags = r->op == SH_REDIR_IN    ? O_RDONLY
			    : r->op == SH_REDIR_OUT ? O_WRONLY | O_CREAT | O_TRUNC
						    : O_WRONLY | O_CREAT | O_APPEND;
		int fd = open(r->file, flags, 0666);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", r->file, strerror(errno));
			return -1;
		}
		if (move_fd(fd, r->fd) < 0) {
			fprintf(stderr, "sh: %d: %s\n", r->fd, strerror(errno));
			close(fd);
			return -1;
		}
	}
	return 0;
#else
	/* LAB 6: your code here. Until then, redirections are ignored. */
	(void)c, (void)saved, (void)nsaved, (void)save, (void)move_fd;
	return 0;
#endif
}

/*
 * run_here: runs c, alone in its pipeline and either a builtin (b) or a
 * command without words (b NULL: only assignments and redirections), in
 * the shell itself, with its redirections in effect only meanwhile.
 * Assignments stay in the shell before a special builtin or without a
 * command; before another builtin they are seen only by it. Returns its
 * status: the builtin's, 0 for no command, 1 if a redirection or an
 * assignment failed (then the builtin does not run).
 */
static int run_here(const struct builtin *b, struct sh_command *c)
{
	struct saved_fd *saved = malloc(((size_t)c->nredir + 1) * sizeof(*saved));
	int nsaved = 0, status = 1;

	if (!saved) {
		fprintf(stderr, "sh: %s\n", strerror(ENOMEM));
		return 1;
	}
	fflush(stdout); /* what the shell printed before goes where it was sent */
	if (redirect(c, saved, &nsaved) < 0)
		goto out;
	if (!b || b->special) {
		for (int i = 0; i < c->nassign; i++) {
			if (var_assign(c->assigns[i]) < 0) {
				fprintf(stderr, "sh: %s: %s\n", c->assigns[i], strerror(errno));
				goto out;
			}
		}
		status = b ? b->run(c->argc, c->argv) : 0;
	} else {
		var_overlay(c->assigns);
		status = b->run(c->argc, c->argv);
		var_overlay(NULL);
	}
out:
	fflush(stdout); /* and what the builtin printed, too */
	restore(saved, nsaved);
	free(saved);
	return status;
}

/*
 * exec_program: in a child, replaces it with the program argv[0] names
 * (the file itself if the name contains '/', else /bin/NAME), with the
 * exported variables as its environment. Never returns: when execve
 * fails, the child prints why and ends with status 127 if there is no
 * such file, 126 if it cannot be run.
 */
static _Noreturn void exec_program(char **argv)
{
	const char *name = argv[0];
	static char path[PATH_MAX];
	bool searched = strchr(name, '/') == NULL;

	if (!searched)
		snprintf(path, sizeof(path), "%s", name);
	else if (snprintf(path, sizeof(path), "/bin/%s", name) >= (int)sizeof(path))
		path[0] = '\0'; /* no such file */
	char **env = var_environ();
	if (!env) {
		fprintf(stderr, "sh: %s: %s\n", name, strerror(ENOMEM));
		_exit(126);
	}
	int err = ENOENT;
	if (path[0]) {
		execve(path, argv, env);
		err = errno;
	}
	if (err == ENOENT && searched)
		fprintf(stderr, "sh: %s: command not found\n", name);
	else
		fprintf(stderr, "sh: %s: %s\n", name, strerror(err));
	_exit(err == ENOENT ? 127 : 126);
}

/*
 * run_child: in a new child, runs c, the command of a pipeline that reads
 * fd in (-1: the shell's stdin) and writes into the pipe out (out[1] its
 * write end, -1: the shell's stdout; out[0] its read end, the next
 * command's, closed here). Never returns: the child ends with the
 * command's status (execve's program's, the builtin's, 0 for a command
 * of only assignments), or 1 if its set-up failed.
 */
static _Noreturn void run_child(struct sh_command *c, int in, const int out[2])
{
	if (hidden_fd >= 0)
		close(hidden_fd);
	if (out[0] >= 0)
		close(out[0]);
	if ((in >= 0 && move_fd(in, STDIN_FILENO) < 0) ||
	    (out[1] >= 0 && move_fd(out[1], STDOUT_FILENO) < 0)) {
		fprintf(stderr, "sh: %s\n", strerror(errno));
		_exit(1);
	}
	if (redirect(c, NULL, NULL) < 0)
		_exit(1);
	for (int i = 0; i < c->nassign; i++) {
		/* Into the child's own copy of the table: for it only. */
		if (var_export(c->assigns[i]) < 0) {
			fprintf(stderr, "sh: %s: %s\n", c->assigns[i], strerror(errno));
			_exit(1);
		}
	}
	if (c->argc == 0)
		_exit(0);
	const struct builtin *b = builtin_find(c->argv[0]);
	if (b)
		exit(b->run(c->argc, c->argv)); /* exit: its output flushed */
	exec_program(c->argv);
}

/* status_of: the shell's status for a child's waitpid status. */
static int status_of(int wstatus)
{
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return WEXITSTATUS(wstatus);
}

/*
 * run_children (LAB 6 exercise): runs pl's commands in children joined by
 * pipes (the top of this file: each command's stdout the write end of a
 * pipe whose read end is the next one's stdin; run_child wires a child), waits for all of them and returns the last one's
 * status; 1 if a pipe or a child could not be made (reported; the
 * children already started are waited for: the shell closed its pipe
 * ends, so they see the end of their input or EPIPE, and end).
 */
static int run_children(struct sh_pipeline *pl)
{
#if LAB6_SOLUTION
	pid_t *pids = malloc((size_t)pl->ncmd * sizeof(*pids));
	int started = 0, failed = 0, status = 0;
	int in = -1; /* the read end of the pipe from the command before */

	if (!pids) {
		fprintf(stderr, "sh: %s\n", strerror(ENOMEM));
		return 1;
	}
	for (struct sh_command *c = pl->first; c; c = c->next) {
		int out[2] = { -1, -1 };
		if (c->next && pipe(out) < 0) {
			fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
			failed = 1;
			break;
		}
		fflush(NULL); /* or the child would write the buffers again */
		pid_t pid = fork();
		if (pid < 0) {
			fprintf(stderr, "sh: fork: %s\n", strerror(errno));
			if (c->next)
				close(out[0]), close(out[1]);
			failed = 1;
			break;
		}
		if (pid == 0)
			run_child(c, in, out);
		pids[started++] = pid;
		if (in >= 0)
			close(in);
		if (out[1] >= 0)
			close(out[1]);
		in = out[0];
	}
	if (in >= 0)
		close(in);
	for (int i = 0; i < started; i++) {
		int wstatus;
		if (waitpid(pids[i], &wstatus, 0) < 0) {
			fprintf(stderr, "sh: waitpid: %s\n", strerror(errno));
			status = 1;
			continue;
		}
		status = status_of(wstatus);
	}
	free(pids);
	return failed ? 1 : status;
#else
	/* LAB 6: your code here. Until then, the commands run one after
	 * another, each with the shell's stdin and stdout: no pipes. */
	int status = 0;
	const int none[2] = { -1, -1 };
	for (struct sh_command *c = pl->first; c; c = c->next) {
		fflush(NULL);
		pid_t pid = fork();
		if (pid == 0)
			run_child(c, -1, none);
		int wstatus;
		status = pid < 0 || waitpid(pid, &wstatus, 0) < 0 ? 1 : status_of(wstatus);
	}
	return status;
#endif
}

int run_pipeline(struct sh_pipeline *pl)
{
	struct sh_command *c = pl->first;

	if (pl->ncmd == 1) {
		if (c->argc == 0)
			return run_here(NULL, c);
		const struct builtin *b = builtin_find(c->argv[0]);
		if (b)
			return run_here(b, c);
	}
	return run_children(pl);
}
