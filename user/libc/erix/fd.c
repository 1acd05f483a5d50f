/*
 * fd.c: file descriptors (lab 6): open, read, write, lseek, close
 * (unistd.h, fcntl.h) over EriX's console and file servers.
 *
 * An fd is an index in a fixed table. Each entry is free, the console
 * (fds 0, 1 and 2 at the start), or an open file or directory of the file
 * server: its open-file capability, which lives in a CNode slot reserved
 * for that fd at start (so that closing and reopening never runs out of
 * slots). The file server keeps each capability's offset, so lseek and
 * the reads and writes are its FS_SEEK, FS_READ, FS_WRITE.
 *
 * What the file server's protocol (file.h) cannot express, and is
 * therefore done or left out here:
 *  - access modes: an open capability can always read and write; the
 *    O_RDONLY/O_WRONLY checks are this table's (EBADF), not the server's.
 *  - O_APPEND: no append mode; each write seeks to the end first (two
 *    calls, not atomic with another writer of the same file).
 *  - permissions: no owners or modes; open's mode_t is ignored.
 *  - paths: absolute only, no current directory: a relative path is
 *    taken from "/".
 *  - O_NONBLOCK, O_NOCTTY, O_CLOEXEC are ignored; dup, fcntl, pipes: not
 *    yet.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "console.h"
#include "consclient.h"
#include "fsclient.h"
#include "glue.h"
#include "ulib.h"

#define FD_MAX 32 /* open fds at once (as FOPEN_MAX streams) */

enum fd_kind { FD_FREE = 0, FD_CONSOLE, FD_FILE };

struct fd {
	enum fd_kind kind;
	int flags; /* the open flags: O_ACCMODE, O_APPEND */
};

static struct fd fds[FD_MAX];
static erix_cptr_t fd_slots; /* fd i's capability: slot fd_slots + i; 0: none */

/* The console's input: the last line read and how much of it is
 * delivered (a read may ask for less than a line). */
static char line[CONS_LINE_MAX + 1];
static size_t line_len, line_pos;

int __erix_errno(long err)
{
	switch (err < 0 ? -err : err) {
	case ERR_NOT_FOUND: return ENOENT;
	case ERR_NOT_DIR: return ENOTDIR;
	case ERR_IS_DIR: return EISDIR;
	case ERR_NOT_EMPTY: return ENOTEMPTY;
	case ERR_EXISTS: return EEXIST;
	case ERR_TOO_LONG: return ENAMETOOLONG;
	case ERR_NO_SPACE: return ENOSPC;
	case ERR_QUOTA:
	case ERR_NO_MEMORY: return ENOMEM;
	case ERR_INVALID: return EINVAL;
	case ERR_RIGHTS: return EACCES;
	case ERR_WOULD_BLOCK: return EAGAIN;
	default: return EIO;
	}
}

/* fail: sets errno to e and returns -1 (the POSIX calls' failure). */
static int fail(int e)
{
	errno = e;
	return -1;
}

void __erix_fd_init(void)
{
	fd_slots = slot_alloc_n(FD_MAX);
	for (int i = 0; i < 3; i++)
		fds[i] = (struct fd){ FD_CONSOLE, i == 0 ? O_RDONLY : O_WRONLY };
}

void __erix_fd_close_all(void)
{
	for (int i = 0; i < FD_MAX; i++)
		if (fds[i].kind != FD_FREE)
			close(i);
}

/* lookup: fd's entry if fd is open, else NULL. */
static struct fd *lookup(int fd)
{
	if (fd < 0 || fd >= FD_MAX || fds[fd].kind == FD_FREE)
		return NULL;
	return &fds[fd];
}

/* open: opens path (absolute, or taken from "/") with the O_ flags:
 * O_CREAT, O_EXCL (with O_CREAT), O_TRUNC (when writing) map to the file
 * server's FS_O_CREATE, FS_O_EXCL, FS_O_TRUNC; O_APPEND is write's;
 * O_DIRECTORY asks for a directory (ENOTDIR), and a directory cannot be
 * opened for writing (EISDIR). The mode argument is read and ignored.
 * Returns the lowest free fd, or -1 with errno (EMFILE: the table is
 * full; the server's errors as __erix_errno maps them). */
int open(const char *path, int flags, ...)
{
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		(void)va_arg(ap, mode_t);
		va_end(ap);
	}
	int acc = flags & O_ACCMODE;
	if (acc == O_ACCMODE)
		return fail(EINVAL);
	if (!path || !*path)
		return fail(ENOENT);
	int fd = 0;
	while (fd < FD_MAX && fds[fd].kind != FD_FREE)
		fd++;
	if (fd == FD_MAX || !fd_slots)
		return fail(EMFILE);

	char abs[FS_PATH_MAX + 1];
	size_t n = strlen(path), at = path[0] == '/' ? 0 : 1;
	if (n + at > FS_PATH_MAX)
		return fail(ENAMETOOLONG);
	abs[0] = '/';
	memcpy(abs + at, path, n + 1);

	unsigned fsflags = 0;
	if (flags & O_CREAT)
		fsflags |= FS_O_CREATE | (flags & O_EXCL ? FS_O_EXCL : 0);
	if ((flags & O_TRUNC) && acc != O_RDONLY)
		fsflags |= FS_O_TRUNC;
	erix_cptr_t slot = fd_slots + (erix_cptr_t)fd;
	long err = fs_open(P_FILE, abs, fsflags, &slot, NULL);
	if (err < 0)
		return fail(__erix_errno(err));
	struct fs_stat st;
	if ((err = fs_fstat(slot, &st)) < 0 ||
	    (st.type == FS_TYPE_DIR && acc != O_RDONLY) ||
	    (st.type != FS_TYPE_DIR && (flags & O_DIRECTORY))) {
		fs_close(slot);
		cnode_delete(P_CNODE, slot);
		return fail(err < 0 ? __erix_errno(err) : st.type == FS_TYPE_DIR ? EISDIR : ENOTDIR);
	}
	fds[fd] = (struct fd){ FD_FILE, flags & (O_ACCMODE | O_APPEND) };
	return fd;
}

/* console_read: the console's next bytes: what is left of the last line
 * read, else the next whole line typed (waiting for it, as
 * cons_readline), at most n bytes. The console has no end of file. */
static ssize_t console_read(void *buf, size_t n)
{
	if (line_pos == line_len) {
		long got = cons_readline(line, sizeof(line));
		if (got < 0)
			return fail(__erix_errno(got));
		line_len = (size_t)got, line_pos = 0;
	}
	if (n > line_len - line_pos)
		n = line_len - line_pos;
	memcpy(buf, line + line_pos, n);
	line_pos += n;
	return (ssize_t)n;
}

/* read: up to n bytes from fd into buf: a file's bytes at its offset (0 at
 * the end), or the console's (console_read). Returns the count, or -1
 * with errno (EBADF: not open for reading; EISDIR: a directory). */
ssize_t read(int fd, void *buf, size_t n)
{
	struct fd *f = lookup(fd);
	if (!f || (f->flags & O_ACCMODE) == O_WRONLY)
		return fail(EBADF);
	if (n == 0)
		return 0;
	if (f->kind == FD_CONSOLE)
		return console_read(buf, n);
	long got = fs_read(fd_slots + (erix_cptr_t)fd, buf, n);
	return got < 0 ? fail(__erix_errno(got)) : got;
}

/* write: n bytes from buf to fd: the console (CONS_WRITE; the kernel's
 * debug output when the process has no console), or a file at its offset
 * (at its end first with O_APPEND). Returns the count written (short if
 * the server stopped), or -1 with errno (EBADF: not open for writing). */
ssize_t write(int fd, const void *buf, size_t n)
{
	struct fd *f = lookup(fd);
	if (!f || (f->flags & O_ACCMODE) == O_RDONLY)
		return fail(EBADF);
	if (n == 0)
		return 0;
	long done;
	if (f->kind == FD_CONSOLE) {
		if (!ulib_console) {
			erix_debug_puts(buf, n);
			return (ssize_t)n;
		}
		done = cons_write(buf, n);
	} else {
		erix_cptr_t cap = fd_slots + (erix_cptr_t)fd;
		done = 0;
		if (f->flags & O_APPEND)
			done = fs_seek(cap, 0, FS_SEEK_END);
		if (done >= 0)
			done = fs_write(cap, buf, n);
	}
	return done < 0 ? fail(__erix_errno(done)) : done;
}

/* lseek: sets fd's offset from whence (SEEK_SET, SEEK_CUR, SEEK_END: the
 * file server's numbers too); the new offset, or -1 with errno (ESPIPE on
 * the console, EINVAL for a bad whence or a negative result). */
off_t lseek(int fd, off_t offset, int whence)
{
	struct fd *f = lookup(fd);
	if (!f)
		return fail(EBADF);
	if (f->kind == FD_CONSOLE)
		return fail(ESPIPE);
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
		return fail(EINVAL);
	long at = fs_seek(fd_slots + (erix_cptr_t)fd, offset, (unsigned)whence);
	return at < 0 ? fail(__erix_errno(at)) : at;
}

/* close: frees fd; a file's capability goes back to the file server
 * (FS_CLOSE) and its slot is emptied for the next open. Returns 0, or -1
 * with errno (EBADF: not open; the server's error, the fd freed anyway). */
int close(int fd)
{
	struct fd *f = lookup(fd);
	if (!f)
		return fail(EBADF);
	long err = 0;
	if (f->kind == FD_FILE) {
		erix_cptr_t slot = fd_slots + (erix_cptr_t)fd;
		err = fs_close(slot);
		cnode_delete(P_CNODE, slot); /* empty, whatever the server did */
	}
	f->kind = FD_FREE;
	return err < 0 ? fail(__erix_errno(err)) : 0;
}
