/*
 * posix/sh.c: the shell (lab 6), a first, minimal one. Reads a line at a
 * time from stdin after the prompt "$ ", parses it (sh/parse.h) and runs
 * its pipelines in order with the ; && || rules on exit statuses, keeping
 * the last status in $?. For now a pipeline is one command without
 * redirections nor assignments; a command is a builtin (exit [n]; cd is
 * reported unsupported) or a program: the given path if it contains '/',
 * /bin/NAME otherwise, started with erix_spawnv and waited for.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh/parse.h"

static int last_status; /* $? */

static const char *lookup(void *ctx, const char *name)
{
	static char buf[16];
	(void)ctx;
	if (strcmp(name, "?") == 0) {
		snprintf(buf, sizeof(buf), "%d", last_status);
		return buf;
	}
	return NULL; /* no variables yet */
}

/* run_command: runs one simple command, returns its status. */
static int run_command(struct sh_command *c)
{
	if (c->argc == 0)
		return 0;
	const char *name = c->argv[0];
	if (strcmp(name, "exit") == 0) {
		int n = c->argc > 1 ? atoi(c->argv[1]) : last_status;
		fflush(stdout);
		exit(n & 0xff);
	}
	if (strcmp(name, "cd") == 0) {
		fprintf(stderr, "sh: cd: not supported yet\n");
		return 1;
	}
	char path[128];
	if (strchr(name, '/')) {
		snprintf(path, sizeof(path), "%s", name);
	} else if (snprintf(path, sizeof(path), "/bin/%s", name) >= (int)sizeof(path)) {
		fprintf(stderr, "sh: %s: command not found\n", name);
		return 127;
	}
	fflush(stdout);
	pid_t pid;
	int err = erix_spawnv(path, c->argv, &pid);
	if (err == ENOENT) {
		fprintf(stderr, "sh: %s: command not found\n", name);
		return 127;
	}
	if (err) {
		fprintf(stderr, "sh: %s: %s\n", name, strerror(err));
		return 126;
	}
	int status;
	if (waitpid(pid, &status, 0) < 0) {
		fprintf(stderr, "sh: %s: waitpid: %s\n", name, strerror(errno));
		return 1;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static void run_list(struct sh_list *list)
{
	enum sh_op op = SH_OP_SEQ;
	for (struct sh_pipeline *p = list->first; p; p = p->next) {
		bool run = op == SH_OP_SEQ || (op == SH_OP_AND && last_status == 0) ||
			   (op == SH_OP_OR && last_status != 0);
		op = p->next_op;
		if (!run)
			continue; /* skipped: $? stays, as sh's and-or lists */
		struct sh_command *c = p->first;
		if (p->ncmd != 1 || c->nredir != 0 || c->nassign != 0) {
			fprintf(stderr, "sh: pipes and redirections are not supported yet\n");
			last_status = 2;
			continue;
		}
		last_status = run_command(c);
	}
}

int main(void)
{
	static char line[1024];
	static char arena[8192];
	for (;;) {
		fputs("$ ", stdout);
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin))
			break;
		struct sh_list list;
		struct sh_error err;
		if (sh_parse(line, arena, sizeof(arena), lookup, NULL, &list, &err) < 0) {
			fprintf(stderr, "sh: %s\n", err.text);
			last_status = 2;
			continue;
		}
		run_list(&list);
	}
	fflush(stdout);
	return last_status;
}
