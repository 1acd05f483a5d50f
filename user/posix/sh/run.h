/*
 * sh/run.h: running a parsed pipeline (lab 6), the POSIX way: a child
 * process for each command (fork), a pipe between neighbours (pipe,
 * dup2), the redirections applied in the child (open, dup2), the program
 * started there (execve), and the shell waiting for every child
 * (waitpid).
 */
#ifndef SH_RUN_H
#define SH_RUN_H

#include "parse.h"

/*
 * run_pipeline: runs pl, whose words are expanded already (sh_parse_next
 * did it just before), and returns its exit status, for $?: the last
 * command's. A program's status is its exit status (WEXITSTATUS), or 128
 * plus the signal that ended it; a builtin's is what it returned.
 *
 *  - A lone builtin, or a lone command of only assignments and
 *    redirections, runs in the shell itself (so cd, export, X=1 change
 *    it), its redirections undone afterwards.
 *  - Anything else runs in children: fork for each command, pipes
 *    between them; the shell waits for all of them.
 *  - A command is a builtin (sh/builtin.h) or a program: the file named
 *    if the name contains '/', /bin/NAME otherwise. One not found is
 *    reported "sh: NAME: command not found" and has status 127; one that
 *    cannot be run (not a program, a directory) 126.
 *  - A redirection that fails (a file that cannot be opened, a bad
 *    descriptor) is reported and fails its command with status 1, which
 *    does not run.
 *  - When the shell cannot make a pipe or a child, it says so and the
 *    pipeline's status is 1 (the children already started are waited
 *    for).
 */
int run_pipeline(struct sh_pipeline *pl);

/* run_hide_fd: fd (-1: none) is the shell's own, open on the script it
 * reads: every child closes it first, so that no program inherits it. */
void run_hide_fd(int fd);

#endif /* SH_RUN_H */
