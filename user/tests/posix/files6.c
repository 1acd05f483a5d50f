/*
 * files6 SEED DIR: a directory of files and directories for ls to list
 * (lab 6 test program).
 *
 * Makes DIR, then in it 3 to 8 files and 1 to 3 directories with names
 * from SEED (lab6_word; a name already taken is skipped), each file with
 * 0 to 30000 bytes from SEED (one time in four fewer than 100) and each
 * directory with 0 to 3 such files. The grader lists what it finds in
 * the file server itself, so the sizes and names need not be known.
 */
#include <sys/stat.h>

#include "t6lib.h"

static uint8_t data[30001];

/* file: a file at dir/name with bytes from *s; 0 if it could not be
 * made (a name taken). */
static int file(const char *dir, const char *name, uint64_t *s)
{
	char path[200];
	size_t n = strlen(dir), k = strlen(name);
	if (n + k + 2 > sizeof(path))
		return 0;
	memcpy(path, dir, n);
	path[n] = '/';
	memcpy(path + n + 1, name, k + 1);
	size_t size = (size_t)(lab6_rand(s) % 30001);
	if (lab6_rand(s) % 4 == 0)
		size %= 100;
	lab6_fill(s, data, size);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return 0;
	t6_put_fd(fd, (const char *)data, size);
	close(fd);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	uint64_t s = t6_seed(argv);
	const char *dir = argv[2];
	if (mkdir(dir, 0755) != 0)
		return 3;
	unsigned nf = 3 + (unsigned)(lab6_rand(&s) % 6), nd = 1 + (unsigned)(lab6_rand(&s) % 3);
	char name[16], sub[200];
	for (unsigned i = 0; i < nf; i++) {
		lab6_word(&s, name, 8);
		file(dir, name, &s);
	}
	for (unsigned i = 0; i < nd; i++) {
		lab6_word(&s, name, 8);
		size_t n = strlen(dir), k = strlen(name);
		if (n + k + 2 > sizeof(sub))
			continue;
		memcpy(sub, dir, n);
		sub[n] = '/';
		memcpy(sub + n + 1, name, k + 1);
		if (mkdir(sub, 0755) != 0)
			continue;
		unsigned files = (unsigned)(lab6_rand(&s) % 4);
		for (unsigned j = 0; j < files; j++) {
			lab6_word(&s, name, 8);
			file(sub, name, &s);
		}
	}
	return 0;
}
