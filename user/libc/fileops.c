/*
 * fileops.c: operations on files by name (C11 7.21.4; stdio.h): remove,
 * tmpnam, tmpfile. rename, which needs the file server, is the POSIX
 * layer's (user/libc/erix/fsops.c).
 *
 * Over the POSIX calls open, close, unlink and rmdir, which the host's
 * unit tests take from the host's C library (see grader/Makefrag).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* remove: removes the file path names, as unlink does; or, when path
 * names a directory, as rmdir does (it must then be empty). Returns 0, or
 * -1 with errno (unlink's, or rmdir's when path names a directory). */
int remove(const char *path)
{
	if (unlink(path) == 0)
		return 0;
	int e = errno;
	/* rmdir fails at once on anything but a directory, so trying it
	 * needs no stat (and no trust in unlink's errno for a directory,
	 * which differs between systems: EISDIR on Linux, EPERM in POSIX). */
	if (rmdir(path) == 0)
		return 0;
	errno = e;
	return -1;
}

/* exists: whether path names a file or directory that open can find. */
static int exists(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/* next_name: writes into s (L_tmpnam bytes) P_tmpdir "/tmp_" and the next
 * number of this process's sequence, in base 36, five digits: TMP_MAX
 * names in all, then the sequence starts over. */
static void next_name(char *s)
{
	static unsigned long counter;
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	unsigned long n = counter++ % TMP_MAX;

	snprintf(s, L_tmpnam, "%s/tmp_%c%c%c%c%c", P_tmpdir, digits[n / 1679616 % 36],
		 digits[n / 46656 % 36], digits[n / 1296 % 36], digits[n / 36 % 36], digits[n % 36]);
}

/*
 * tmpnam: a name in P_tmpdir that no file has at the time of the call,
 * written into s (L_tmpnam bytes) or, with s NULL, into a static buffer
 * that the next call overwrites. Returns that buffer, or NULL when TMP_MAX
 * names in a row all exist. The file is not made: another program may
 * take the name first (tmpfile, which makes its file, has no such race).
 */
char *tmpnam(char *s)
{
	static char buf[L_tmpnam];

	if (s == NULL)
		s = buf;
	for (long tries = 0; tries < TMP_MAX; tries++) {
		next_name(s);
		if (!exists(s))
			return s;
	}
	return NULL;
}

/*
 * tmpfile: a new, empty file, open for reading and writing ("w+b"),
 * that goes away when it is closed or the program ends: it is made under
 * a fresh tmpnam name (O_EXCL: never someone else's) and unlinked at
 * once; its storage lives on while the stream holds it open. Returns the
 * stream, or NULL with errno (open's: ENOENT when there is no P_tmpdir
 * directory; fdopen's EMFILE; EEXIST after TMP_MAX names all taken).
 */
FILE *tmpfile(void)
{
	char name[L_tmpnam];

	for (long tries = 0; tries < TMP_MAX; tries++) {
		next_name(name);
		int fd = open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd < 0) {
			if (errno == EEXIST)
				continue;
			return NULL;
		}
		unlink(name);
		FILE *f = fdopen(fd, "w+b");
		if (f == NULL)
			close(fd);
		return f;
	}
	errno = EEXIST;
	return NULL;
}
