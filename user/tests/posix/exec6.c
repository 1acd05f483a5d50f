/*
 * exec6 SEED OUT: execve's arguments, environment, pid and fds (lab 6
 * test program).
 *
 * Opens OUT (as fd 3 or above), writes its pid there, then replaces
 * itself with tests/args6, giving it arguments and environment made from
 * SEED and the fd's number as its first argument. args6, the same
 * process, writes them all to that fd (inherited across execve). Also
 * tries two execve calls that must fail (a missing file, a file that is
 * no program) and writes their errno values first: the process goes on.
 */
#include <errno.h>

#include "t6lib.h"

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	uint64_t s = t6_seed(argv), v[2];
	t6_out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (t6_out < 0)
		return 4;
	v[0] = (uint64_t)getpid();
	t6_line("exec6 pid", 1, v);

	char *none[] = { "x", NULL };
	v[0] = (uint64_t)execve("/no/such/program", none, none);
	v[1] = (uint64_t)errno;
	t6_line("missing", 2, v);
	v[0] = (uint64_t)execve("/motd", none, none);
	v[1] = (uint64_t)errno;
	t6_line("not a program", 2, v);

	static char words[40][64], envs[20][80], fdarg[16];
	char *args[44], *env[24];
	int na = 0, ne = 0;
	args[na++] = "args6";
	uint64_t fd = (uint64_t)t6_out;
	fdarg[0] = (char)('0' + fd / 10), fdarg[1] = (char)('0' + fd % 10);
	args[na++] = fdarg;
	unsigned nwords = 1 + (unsigned)(lab6_rand(&s) % 30);
	for (unsigned i = 0; i < nwords; i++) {
		lab6_word(&s, words[i], 40);
		args[na++] = words[i];
	}
	args[na] = NULL;
	unsigned nenv = (unsigned)(lab6_rand(&s) % 12);
	for (unsigned i = 0; i < nenv; i++) {
		char name[16], value[48];
		lab6_word(&s, name, 8);
		lab6_word(&s, value, 40);
		size_t a = strlen(name), b = strlen(value);
		for (size_t k = 0; k < a; k++)
			envs[i][k] = (char)(name[k] - 'a' + 'A');
		envs[i][a] = '=';
		memcpy(envs[i] + a + 1, value, b + 1);
		env[ne++] = envs[i];
	}
	env[ne] = NULL;
	execve("/tests/args6", args, env);
	v[0] = (uint64_t)errno;
	t6_line("execve failed", 1, v);
	return 1;
}
