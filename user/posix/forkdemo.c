/*
 * forkdemo: fork, execve and waitpid at work (lab 6): the child gets a
 * copy of the parent's memory (a change in one is not seen in the other),
 * shares its open fds, and can replace its program; the parent collects
 * each child's status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	char *heap = malloc(100000);
	strcpy(heap, "parent's");
	int counter = 1;
	pid_t pid = fork();
	if (pid < 0) {
		perror("forkdemo: fork");
		return 1;
	}
	if (pid == 0) {
		counter = 100;
		strcpy(heap, "child's");
		printf("child: pid %d, parent %d, counter %d, heap %s\n", getpid(), getppid(), counter,
		       heap);
		return 7;
	}
	int status;
	pid_t got = waitpid(pid, &status, 0);
	printf("parent: child %d ended, status %d (exited %d), counter %d, heap %s\n", got,
	       WEXITSTATUS(status), WIFEXITED(status), counter, heap);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { "echo", "exec'd", "echo", "says", "hi", NULL };
		execv("/bin/echo", argv);
		perror("forkdemo: execv");
		_exit(127);
	}
	waitpid(pid, &status, 0);
	printf("parent: echo ended with %d\n", WEXITSTATUS(status));
	return 0;
}
