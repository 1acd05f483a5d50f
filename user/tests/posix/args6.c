/*
 * args6 FD WORDS...: what a program started by execve got (lab 6 test
 * program; exec6 starts it): its pid, argc, every argument and every
 * environment string, written to fd FD, which it must have inherited.
 */
#include "t6lib.h"

extern char **environ;

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	t6_out = atoi(argv[1]);
	uint64_t v[2] = { (uint64_t)getpid(), (uint64_t)argc };
	t6_line("args6 pid argc", 2, v);
	for (int i = 0; i < argc; i++) {
		t6_put_fd(t6_out, "arg ", 4);
		t6_put_fd(t6_out, argv[i], strlen(argv[i]));
		t6_put_fd(t6_out, "\n", 1);
	}
	for (char **e = environ; e && *e; e++) {
		t6_put_fd(t6_out, "env ", 4);
		t6_put_fd(t6_out, *e, strlen(*e));
		t6_put_fd(t6_out, "\n", 1);
	}
	t6_put_fd(t6_out, "end\n", 4);
	return 0;
}
