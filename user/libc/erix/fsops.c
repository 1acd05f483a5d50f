/*
 * fsops.c: files and directories by name (lab 6): stat, lstat, fstat,
 * mkdir (sys/stat.h); opendir, readdir, rewinddir, closedir, dirfd
 * (dirent.h); chdir, getcwd, rmdir, unlink, isatty, access (unistd.h);
 * rename (stdio.h; remove is user/libc/fileops.c's, over unlink and
 * rmdir); the current directory and __erix_resolve (glue.h), over the
 * file server's name space (file.h, P_FILE).
 *
 * The file server takes absolute paths only, without "." or "..": every
 * call here first makes its path one with __erix_resolve, from the
 * current directory, a path kept in this process (__erix_cwd). As there
 * are no symbolic links, ".." can be taken out of the text ("a/b/.."
 * is "a") without looking anything up; so "file/.." is the directory
 * the file is in, and "file/" is the file, where a POSIX system would
 * say ENOTDIR.
 *
 * What the file server's protocol says differently from POSIX, and is
 * therefore done here, one more request first (not atomic: another
 * process may change the name in between):
 *  - FS_UNLINK removes a file or an empty directory alike: unlink
 *    refuses a directory (EISDIR, as Linux) and rmdir a file (ENOTDIR)
 *    after an FS_STAT.
 *  - FS_RENAME fails when the new name exists: rename removes it first
 *    (a file, or an empty directory, when old is of the same kind), as
 *    POSIX's rename replaces it.
 *  - There are no owners, permissions or times (sys/stat.h says what
 *    stat reports instead); access only checks that the path exists.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsclient.h"
#include "glue.h"

char __erix_cwd[FS_PATH_MAX_LIBC] = "/";

/* fail: sets errno to e and returns -1 (the POSIX calls' failure). */
static int fail(int e)
{
	errno = e;
	return -1;
}

/* ---- paths ----------------------------------------------------------- */

/* append: the components of path added to the absolute, normalised path
 * buf[0..*len) ("" for the root): "" and "." skipped, ".." takes the
 * last one off (none at the root). 0, or -ENAMETOOLONG when the result
 * (with its NUL) would not fit FS_PATH_MAX_LIBC bytes. */
static int append(char *buf, size_t *len, const char *path)
{
	const char *p = path;
	while (*p) {
		while (*p == '/')
			p++;
		const char *name = p;
		while (*p && *p != '/')
			p++;
		size_t n = (size_t)(p - name);
		if (n == 0 || (n == 1 && name[0] == '.'))
			continue;
		if (n == 2 && name[0] == '.' && name[1] == '.') {
			while (*len > 0 && buf[*len - 1] != '/')
				(*len)--;
			if (*len > 0)
				(*len)--; /* and the '/' before it */
			continue;
		}
		if (*len + 1 + n + 1 > FS_PATH_MAX_LIBC)
			return -ENAMETOOLONG;
		buf[(*len)++] = '/';
		memcpy(buf + *len, name, n);
		*len += n;
	}
	return 0;
}

int __erix_resolve(const char *path, char out[FS_PATH_MAX_LIBC])
{
	char buf[FS_PATH_MAX_LIBC];
	size_t len = 0;
	if (!*path)
		return -ENOENT;
	int err = 0;
	if (path[0] != '/')
		err = append(buf, &len, __erix_cwd);
	if (!err)
		err = append(buf, &len, path);
	if (err)
		return err;
	if (len == 0)
		buf[len++] = '/';
	buf[len] = '\0';
	memcpy(out, buf, len + 1);
	return 0;
}

/* lookup: path made absolute into abs and looked up (FS_STAT) into *st.
 * 0, or an errno value. */
static int lookup(const char *path, char abs[FS_PATH_MAX_LIBC], struct fs_stat *st)
{
	if (!path)
		return EFAULT;
	int err = __erix_resolve(path, abs);
	if (err < 0)
		return -err;
	long e = fs_stat(P_FILE, abs, st);
	return e < 0 ? __erix_errno(e) : 0;
}

/* ends_in_dot: whether path's last component is "." or "..", which
 * rmdir and rename refuse (EINVAL). */
static bool ends_in_dot(const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	size_t start = n;
	while (start > 0 && path[start - 1] != '/')
		start--;
	return (n - start == 1 && path[start] == '.') ||
	       (n - start == 2 && path[start] == '.' && path[start + 1] == '.');
}

/* ---- stat -------------------------------------------------------------- */

/* fill: *st as sys/stat.h describes it, from the file server's answer.
 * Inode numbers are the server's plus one: its root is inode 0, and some
 * programs take an st_ino or d_ino of 0 for "no file". */
static void fill(struct stat *st, const struct fs_stat *fst)
{
	bool dir = fst->type == FS_TYPE_DIR;
	memset(st, 0, sizeof(*st));
	st->st_dev = 1;
	st->st_ino = fst->ino + 1;
	st->st_mode = (dir ? S_IFDIR : S_IFREG) | 0777;
	st->st_nlink = dir ? 2 : 1;
	st->st_size = (off_t)fst->size;
	st->st_blksize = 4096;
	st->st_blocks = (blkcnt_t)((fst->size + 511) / 512);
}

int stat(const char *restrict path, struct stat *restrict st)
{
	char abs[FS_PATH_MAX_LIBC];
	struct fs_stat fst;
	int err = lookup(path, abs, &fst);
	if (err)
		return fail(err);
	fill(st, &fst);
	return 0;
}

int lstat(const char *restrict path, struct stat *restrict st)
{
	return stat(path, st);
}

int fstat(int fd, struct stat *st)
{
	uint64_t slot = 0;
	int kind = __erix_fd_kind(fd, &slot);
	if (kind == ERIX_FD_NONE)
		return fail(EBADF);
	if (kind == ERIX_FD_FILE) {
		struct fs_stat fst;
		long err = fs_fstat(slot, &fst);
		if (err < 0)
			return fail(__erix_errno(err));
		fill(st, &fst);
		return 0;
	}
	memset(st, 0, sizeof(*st)); /* the console or a pipe end */
	st->st_mode = (kind == ERIX_FD_CONSOLE ? S_IFCHR : S_IFIFO) | 0777;
	st->st_nlink = 1;
	st->st_blksize = 4096;
	return 0;
}

/* ---- making and removing names --------------------------------------- */

int mkdir(const char *path, mode_t mode)
{
	char abs[FS_PATH_MAX_LIBC];
	(void)mode; /* no permissions */
	int err = __erix_resolve(path, abs);
	if (err < 0)
		return fail(-err);
	if (strcmp(abs, "/") == 0)
		return fail(EEXIST);
	long e = fs_mkdir(P_FILE, abs);
	return e < 0 ? fail(__erix_errno(e)) : 0;
}

/* rmdir: removes the empty directory path. 0, or -1 with errno: EINVAL
 * (its last component is "." or ".."), EBUSY (the root), ENOTDIR (a
 * file), ENOTEMPTY, and lookup's. */
int rmdir(const char *path)
{
	char abs[FS_PATH_MAX_LIBC];
	struct fs_stat st;
	int err = lookup(path, abs, &st);
	if (err)
		return fail(err);
	if (ends_in_dot(path))
		return fail(EINVAL);
	if (strcmp(abs, "/") == 0)
		return fail(EBUSY);
	if (st.type != FS_TYPE_DIR)
		return fail(ENOTDIR);
	long e = fs_unlink(P_FILE, abs);
	return e < 0 ? fail(__erix_errno(e)) : 0;
}

/* unlink: removes the file path (its bytes go when the last fd open on
 * it closes). 0, or -1 with errno: EISDIR (a directory: rmdir), and
 * lookup's. */
int unlink(const char *path)
{
	char abs[FS_PATH_MAX_LIBC];
	struct fs_stat st;
	int err = lookup(path, abs, &st);
	if (err)
		return fail(err);
	if (st.type == FS_TYPE_DIR)
		return fail(EISDIR);
	long e = fs_unlink(P_FILE, abs);
	return e < 0 ? fail(__erix_errno(e)) : 0;
}

/*
 * rename (stdio.h): the file or directory old is called new from now on.
 * If new exists it is replaced: a file by a file, an empty directory by
 * a directory. 0 (also when old and new name the same file), or -1 with
 * errno: ENOENT (no old, or no directory for new), EINVAL (new inside
 * old, or a last component "." or ".."), EBUSY (the root), EISDIR (a
 * file onto a directory), ENOTDIR (a directory onto a file), ENOTEMPTY
 * (onto a directory with entries), ENOSPC (new's directory is full).
 * Not atomic as POSIX's: new is removed first, then old renamed (the
 * server cannot do both at once), so for a moment new does not exist.
 */
int rename(const char *old, const char *new)
{
	char from[FS_PATH_MAX_LIBC], to[FS_PATH_MAX_LIBC];
	struct fs_stat so, sn;
	int err = lookup(old, from, &so);
	if (err)
		return fail(err);
	if (!new)
		return fail(EFAULT);
	if ((err = __erix_resolve(new, to)) < 0)
		return fail(-err);
	if (ends_in_dot(old) || ends_in_dot(new))
		return fail(EINVAL);
	if (strcmp(from, to) == 0)
		return 0;
	if (strcmp(from, "/") == 0 || strcmp(to, "/") == 0)
		return fail(EBUSY);
	size_t n = strlen(from);
	if (so.type == FS_TYPE_DIR && strncmp(to, from, n) == 0 && to[n] == '/')
		return fail(EINVAL);

	long e = fs_stat(P_FILE, to, &sn);
	if (e == 0) { /* replace it: the server will not */
		if (so.type == FS_TYPE_DIR && sn.type != FS_TYPE_DIR)
			return fail(ENOTDIR);
		if (so.type != FS_TYPE_DIR && sn.type == FS_TYPE_DIR)
			return fail(EISDIR);
		e = fs_unlink(P_FILE, to); /* ERR_NOT_EMPTY for a full directory */
	} else if (e == -ERR_NOT_FOUND) {
		e = 0;
	}
	if (e == 0)
		e = fs_rename(P_FILE, from, to);
	return e < 0 ? fail(__erix_errno(e)) : 0;
}

/* ---- the current directory -------------------------------------------- */

/* chdir: path becomes the current directory. 0, or -1 with errno:
 * ENOTDIR (a file), and lookup's. */
int chdir(const char *path)
{
	char abs[FS_PATH_MAX_LIBC];
	struct fs_stat st;
	int err = lookup(path, abs, &st);
	if (err)
		return fail(err);
	if (st.type != FS_TYPE_DIR)
		return fail(ENOTDIR);
	memcpy(__erix_cwd, abs, strlen(abs) + 1);
	return 0;
}

/* getcwd: the current directory's path into buf (size bytes); with buf
 * NULL, into a malloc'd buffer of size bytes (0: just enough), as glibc
 * does. buf, or NULL with errno: EINVAL (size 0), ERANGE (too small),
 * ENOMEM. */
char *getcwd(char *buf, size_t size)
{
	size_t n = strlen(__erix_cwd) + 1;
	if (!buf && size == 0)
		size = n;
	if (size == 0)
		return errno = EINVAL, NULL;
	if (size < n)
		return errno = ERANGE, NULL;
	if (!buf && !(buf = malloc(size)))
		return errno = ENOMEM, NULL;
	return memcpy(buf, __erix_cwd, n);
}

/* ---- access, isatty ---------------------------------------------------- */

/* access: 0 if path exists (no permissions: every mode is granted), or
 * -1 with errno: EINVAL (mode not F_OK or some of R_OK, W_OK, X_OK), and
 * lookup's. */
int access(const char *path, int mode)
{
	char abs[FS_PATH_MAX_LIBC];
	struct fs_stat st;
	if (mode & ~(R_OK | W_OK | X_OK))
		return fail(EINVAL);
	int err = lookup(path, abs, &st);
	return err ? fail(err) : 0;
}

/* isatty: 1 if fd is the console; else 0 with errno ENOTTY (a file or a
 * pipe) or EBADF (not open). */
int isatty(int fd)
{
	switch (__erix_fd_kind(fd, NULL)) {
	case ERIX_FD_CONSOLE: return 1;
	case ERIX_FD_NONE: errno = EBADF; return 0;
	default: errno = ENOTTY; return 0;
	}
}

/* ---- directories ----------------------------------------------------- */

struct __dir {
	int fd;                      /* the directory, open (O_DIRECTORY) */
	uint64_t slot;               /* its capability, for FS_READDIR */
	uint64_t next;               /* the next entry: 0 ".", 1 "..", then
					the server's entry next - 2 */
	char path[FS_PATH_MAX_LIBC]; /* its absolute path, for d_ino */
	struct dirent ent;           /* what readdir returns */
};

DIR *opendir(const char *path)
{
	char abs[FS_PATH_MAX_LIBC];
	if (!path)
		return errno = EFAULT, NULL;
	int err = __erix_resolve(path, abs);
	if (err < 0)
		return errno = -err, NULL;
	DIR *d = malloc(sizeof(*d));
	if (!d)
		return errno = ENOMEM, NULL;
	if ((d->fd = open(abs, O_RDONLY | O_DIRECTORY)) < 0) {
		free(d);
		return NULL;
	}
	__erix_fd_kind(d->fd, &d->slot);
	d->next = 0;
	memcpy(d->path, abs, strlen(abs) + 1);
	return d;
}

/* entry_ino: the inode number (as stat's st_ino) of the entry name in
 * directory dir; 0 if it cannot be had (removed meanwhile). */
static ino_t entry_ino(const char *dir, const char *name)
{
	char path[FS_PATH_MAX_LIBC + FS_NAME_MAX + 2], abs[FS_PATH_MAX_LIBC];
	struct fs_stat st;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (__erix_resolve(path, abs) < 0 || fs_stat(P_FILE, abs, &st) < 0)
		return 0;
	return st.ino + 1;
}

struct dirent *readdir(DIR *d)
{
	struct dirent *e = &d->ent;
	uint64_t type = FS_TYPE_DIR;
	if (d->next < 2) {
		strcpy(e->d_name, d->next == 0 ? "." : "..");
	} else {
		char name[FS_NAME_MAX + 1];
		long n = fs_readdir(d->slot, d->next - 2, name, &type);
		if (n == -ERR_NOT_FOUND)
			return NULL; /* the end */
		if (n < 0)
			return errno = __erix_errno(n), NULL;
		memcpy(e->d_name, name, (size_t)n + 1);
	}
	d->next++;
	e->d_type = type == FS_TYPE_DIR ? DT_DIR : DT_REG;
	e->d_ino = entry_ino(d->path, e->d_name);
	return e;
}

void rewinddir(DIR *d)
{
	d->next = 0;
}

int closedir(DIR *d)
{
	int r = close(d->fd);
	free(d);
	return r;
}

int dirfd(DIR *d)
{
	return d->fd;
}
