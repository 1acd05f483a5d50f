/*
 * fd.c: file descriptors (lab 6): open, read, write, lseek, close, pipe,
 * dup, dup2 (unistd.h, fcntl.h) over EriX's console, file and pipe
 * servers.
 *
 * An fd is an index in a fixed table. Each entry is free, the console
 * (fds 0, 1 and 2 at the start), an open file or directory of the file
 * server, or a pipe's read or write end (the pipe server's, pipe.h). A
 * file or pipe end is a capability, which lives in one of FD_MAX CNode
 * slots reserved at start (so that closing and reopening never runs out
 * of slots), with a count of the fds on it: dup and dup2 make a second fd
 * on the same capability, and only the last close of it gives the
 * capability back (FS_CLOSE, PIPE_CLOSE). The file server keeps each
 * capability's offset, so lseek and the reads and writes are its FS_SEEK,
 * FS_READ, FS_WRITE, and dup'ed fds share the offset, as POSIX says.
 *
 * A pipe's reads and writes wait: the server answers ERR_WOULD_BLOCK on
 * an empty (full) pipe, and the process waits on P_EVENTS, registered for
 * that end with PIPE_NOTIFY the first time, and tries again.
 *
 * What the file server's protocol (file.h) cannot express, and is
 * therefore done or left out here:
 *  - access modes: an open capability can always read and write; the
 *    O_RDONLY/O_WRONLY checks are this table's (EBADF), not the server's.
 *  - O_APPEND: no append mode; each write seeks to the end first (two
 *    calls, not atomic with another writer of the same file).
 *  - permissions: no owners or modes; open's mode_t is ignored.
 *  - paths: the server's are absolute; open takes a relative one from
 *    the current directory (fsops.c's __erix_resolve).
 *  - O_NONBLOCK and O_NOCTTY are ignored; O_CLOEXEC (and fcntl's
 *    FD_CLOEXEC) closes the fd at execve, before the new program starts
 *    (so also when execve then fails).
 *  - pipes: no SIGPIPE (no signals yet): a write with no reader is EPIPE.
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
#include "pipe.h"
#include "proc.h"
#include "process.h"
#include "rpc.h"
#include "ulib.h"

#define FD_MAX 32 /* open fds at once (as FOPEN_MAX streams) */

enum fd_kind { FD_FREE = 0, FD_CONSOLE, FD_FILE, FD_PIPE_READ, FD_PIPE_WRITE };

struct fd {
	enum fd_kind kind;
	int flags; /* the open flags: O_ACCMODE, O_APPEND, O_CLOEXEC */
	int cap;   /* its capability's index in caps[] (the console: -1) */
};

static struct fd fds[FD_MAX];

/* The capabilities of files and pipe ends: capability i in slot
 * cap_slots + i, with the number of fds on it (0: the slot is empty) and,
 * for a pipe end, whether P_EVENTS is registered for it. */
static struct {
	int refs;
	bool notify;
} caps[FD_MAX];
static erix_cptr_t cap_slots; /* 0: none (no fd can be opened) */

static erix_cptr_t cap_slot(int i) { return cap_slots + (erix_cptr_t)i; }

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
	case ERR_BROKEN_PIPE: return EPIPE;
	case ERR_BAD_IMAGE: return ENOEXEC;
	default: return EIO;
	}
}

/* fail: sets errno to e and returns -1 (the POSIX calls' failure). */
static int fail(int e)
{
	errno = e;
	return -1;
}

/* An fd's entry as a word of proc_info's fd table (execve passes the
 * table on): its kind, its flags << 8, its capability's index + 1 << 24
 * (the capability itself is in slot P_FDS + index). */
static uint32_t fd_word(const struct fd *f)
{
	return (uint32_t)f->kind | (uint32_t)(f->flags & 0xffff) << 8 | (uint32_t)(f->cap + 1) << 24;
}

void __erix_fd_init(void)
{
	_Static_assert(FD_MAX == PROC_FD_MAX, "an fd capability slot per fd");
	cap_slots = P_FDS;
	if (!procinfo || !procinfo->has_fds) {
		for (int i = 0; i < 3; i++)
			fds[i] = (struct fd){ FD_CONSOLE, i == 0 ? O_RDONLY : O_WRONLY, -1 };
		return;
	}
	for (int i = 0; i < FD_MAX; i++) {
		uint32_t w = procinfo->fds[i];
		int kind = w & 0xff, cap = (int)(w >> 24) - 1;
		if (kind == FD_FREE || kind > FD_PIPE_WRITE || cap >= FD_MAX ||
		    (kind != FD_CONSOLE && cap < 0))
			continue;
		fds[i] = (struct fd){ kind, (int)(w >> 8 & 0xffff), kind == FD_CONSOLE ? -1 : cap };
		if (fds[i].cap >= 0)
			caps[fds[i].cap].refs++;
	}
}

void __erix_fd_table(uint32_t out[PROC_FD_MAX])
{
	for (int i = 0; i < FD_MAX; i++)
		out[i] = fds[i].kind == FD_FREE ? 0 : fd_word(&fds[i]);
}

int __erix_fd_stage(uint64_t child)
{
	for (int i = 0; i < FD_MAX; i++) {
		if (!caps[i].refs)
			continue;
		erix_cptr_t give = cap_slot(i);
		if (child) {
			/* a capability of the child's own: the server counts it,
			 * so that the open file or pipe end stays open until the
			 * last process holding it closes it */
			int kind = FD_FREE;
			for (int fd = 0; fd < FD_MAX && kind == FD_FREE; fd++)
				if (fds[fd].kind != FD_FREE && fds[fd].cap == i)
					kind = fds[fd].kind;
			struct rpc d = { .label = kind == FD_FILE ? FS_DUP : PIPE_DUP,
					 .recv_slot = P_REPLY };
			long err = rpc_call(give, &d);
			if (err == 0 && !d.caps)
				err = -ERR_INVALID;
			if (err < 0) {
				cnode_delete(P_CNODE, P_REPLY);
				return -__erix_errno(err);
			}
			give = P_REPLY;
		}
		struct rpc r = { .label = PROC_STAGE, .w = { (uint64_t)i, child }, .send_cap = give,
				 .move_cap = true };
		long err = rpc_call(P_PROCESS, &r);
		cnode_delete(P_CNODE, P_REPLY); /* empty unless the stage failed */
		if (err < 0)
			return -__erix_errno(err);
	}
	return 0;
}

void __erix_fd_forked(void)
{
	for (int i = 0; i < FD_MAX; i++)
		caps[i].notify = false;
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

/* free_fd: the lowest free fd from `from` on, or -1. */
static int free_fd(int from)
{
	for (int fd = from < 0 ? 0 : from; fd < FD_MAX; fd++)
		if (fds[fd].kind == FD_FREE)
			return fd;
	return -1;
}

/* free_cap: an index of caps[] with an empty slot, other than `not`; -1
 * if none (never while an fd is free: each fd holds one at most). */
static int free_cap(int not)
{
	for (int i = 0; cap_slots && i < FD_MAX; i++)
		if (!caps[i].refs && i != not)
			return i;
	return -1;
}

/* open: opens path (absolute, or relative to the current directory:
 * __erix_resolve) with the O_ flags:
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
	int fd = free_fd(0), c = free_cap(-1);
	if (fd < 0 || c < 0)
		return fail(EMFILE);

	char abs[FS_PATH_MAX_LIBC];
	int bad = __erix_resolve(path, abs);
	if (bad < 0)
		return fail(-bad);

	unsigned fsflags = 0;
	if (flags & O_CREAT)
		fsflags |= FS_O_CREATE | (flags & O_EXCL ? FS_O_EXCL : 0);
	if ((flags & O_TRUNC) && acc != O_RDONLY)
		fsflags |= FS_O_TRUNC;
	erix_cptr_t slot = cap_slot(c);
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
	fds[fd] = (struct fd){ FD_FILE, flags & (O_ACCMODE | O_APPEND | O_CLOEXEC), c };
	caps[c].refs = 1, caps[c].notify = false;
	return fd;
}

/* console_read: the console's next bytes: what is left of the last line
 * read, else the next whole line typed (waiting for it, as
 * cons_readline), at most n bytes. 0 (end of file) when Ctrl-D was typed
 * at the start of a line (the console server's line_eof). */
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

/* pipe_wait: a pipe end (capability c) could not go on: register
 * P_EVENTS for it the first time (and have the caller try again at once),
 * else wait on P_EVENTS. 0, or a negative error. */
static long pipe_wait(int c)
{
	static erix_cptr_t events; /* a WRITE-only copy of P_EVENTS, kept for
				      good (the server's are derived from it) */
	if (caps[c].notify)
		return erix_wait(P_EVENTS, NULL);
	if (!events) {
		erix_cptr_t copy = slot_alloc();
		if (!copy || cnode_copy(P_CNODE, copy, P_EVENTS, ERIX_RIGHT_WRITE) < 0)
			return -ERR_NO_SPACE;
		events = copy;
	}
	struct rpc r = { .label = PIPE_NOTIFY, .send_cap = events };
	long err = rpc_call(cap_slot(c), &r);
	if (err < 0)
		return err;
	caps[c].notify = true;
	return 0;
}

/* pipe_read: up to n bytes (at least 1) from the read end c: what the
 * pipe holds (at most PIPE_IO_MAX), waiting while it is empty and has a
 * writer; 0 at the end of file. */
static ssize_t pipe_read(int c, void *buf, size_t n)
{
	for (;;) {
		struct rpc r = { .label = PIPE_READ, .w = { n } };
		long err = rpc_call(cap_slot(c), &r);
		if (!err)
			return (ssize_t)rpc_get_data(r.info, buf, r.w[0], n);
		if (err != -ERR_WOULD_BLOCK || (err = pipe_wait(c)) < 0)
			return fail(__erix_errno(err));
	}
}

/* pipe_write: all n bytes to the write end c, in pieces of PIPE_IO_MAX,
 * waiting while the pipe is full. The count, or -1 with errno (EPIPE: no
 * reader; then the count written so far, if any). */
static ssize_t pipe_write(int c, const void *buf, size_t n)
{
	const char *p = buf;
	size_t done = 0;
	while (done < n) {
		size_t k = n - done < PIPE_IO_MAX ? n - done : PIPE_IO_MAX;
		struct rpc r = { .label = PIPE_WRITE, .w = { k }, .data = p + done, .len = k };
		long err = rpc_call(cap_slot(c), &r);
		if (!err) {
			done += r.w[0] <= k ? r.w[0] : k;
			continue;
		}
		if (err == -ERR_WOULD_BLOCK && (err = pipe_wait(c)) == 0)
			continue;
		return done ? (ssize_t)done : fail(__erix_errno(err));
	}
	return (ssize_t)done;
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
	if (f->kind == FD_PIPE_READ)
		return pipe_read(f->cap, buf, n);
	long got = fs_read(cap_slot(f->cap), buf, n);
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
	} else if (f->kind == FD_PIPE_WRITE) {
		return pipe_write(f->cap, buf, n);
	} else {
		erix_cptr_t cap = cap_slot(f->cap);
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
	if (f->kind != FD_FILE)
		return fail(ESPIPE);
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
		return fail(EINVAL);
	long at = fs_seek(cap_slot(f->cap), offset, (unsigned)whence);
	return at < 0 ? fail(__erix_errno(at)) : at;
}

/*
 * close (LAB 6 exercise, with dup_to and dup2): frees fd.
 *
 * Requirements: fd's entry is free again (FD_FREE, no capability); when
 * it was the last fd on its capability (caps[].refs), the capability
 * goes back to its server: a file's with fs_close (FS_CLOSE), a pipe
 * end's with PIPE_CLOSE (the other end then sees EOF or EPIPE); then its
 * slot is emptied (cnode_delete), whatever the server said, and its
 * notify mark cleared, for the next open. The console (cap -1) has no
 * capability of its own. Returns 0, or -1 with errno: EBADF when fd is
 * not open; the server's error (__erix_errno) with the fd freed anyway.
 */
int close(int fd)
{
	struct fd *f = lookup(fd);
	if (!f)
		return fail(EBADF);
#if LAB6_SOLUTION
	long err = 0;
	if (f->cap >= 0 && --caps[f->cap].refs == 0) {
		erix_cptr_t slot = cap_slot(f->cap);
		if (f->kind == FD_FILE) {
			err = fs_close(slot);
		} else {
			struct rpc r = { .label = PIPE_CLOSE };
			err = rpc_call(slot, &r);
		}
		cnode_delete(P_CNODE, slot); /* empty, whatever the server did */
		caps[f->cap].notify = false;
	}
	*f = (struct fd){ FD_FREE, 0, -1 };
	return err < 0 ? fail(__erix_errno(err)) : 0;
#else
	/* LAB 6: your code here. Until then, the fd stays open. */
	(void)fs_close;
	return 0;
#endif
}

/* pipe: a new pipe of the pipe server (PIPE_CREATE on P_PIPE): fds[0] its
 * read end, fds[1] its write end, the two lowest free fds. 0, or -1 with
 * errno (EMFILE: not two free fds; ENFILE: every pipe is in use). */
int pipe(int pfd[2])
{
	int r = free_fd(0), w = r < 0 ? -1 : free_fd(r + 1);
	int cr = free_cap(-1), cw = cr < 0 ? -1 : free_cap(cr);
	if (w < 0 || cw < 0)
		return fail(EMFILE);
	struct rpc c = { .label = PIPE_CREATE, .recv_slot = cap_slot(cr),
			 .recv_slot2 = cap_slot(cw) };
	long err = rpc_call(P_PIPE, &c);
	if (!err && c.caps < 2)
		err = -ERR_INVALID;
	if (err < 0) {
		cnode_delete(P_CNODE, cap_slot(cr)); /* whatever came */
		cnode_delete(P_CNODE, cap_slot(cw));
		return fail(err == -ERR_NO_SPACE ? ENFILE : __erix_errno(err));
	}
	fds[r] = (struct fd){ FD_PIPE_READ, O_RDONLY, cr };
	fds[w] = (struct fd){ FD_PIPE_WRITE, O_WRONLY, cw };
	caps[cr].refs = caps[cw].refs = 1;
	caps[cr].notify = caps[cw].notify = false;
	pfd[0] = r, pfd[1] = w;
	return 0;
}

/* dup_to (LAB 6 exercise): fd `to` (free) made another fd on old's
 * capability (or the console), with its kind and flags but O_CLOEXEC
 * (POSIX: a copy is not closed at execve), counted in caps[].refs so that
 * only the last close gives the capability back; returns to. */
static int dup_to(struct fd *old, int to)
{
#if LAB6_SOLUTION
	fds[to] = *old;
	fds[to].flags &= ~O_CLOEXEC;
	if (old->cap >= 0)
		caps[old->cap].refs++;
	return to;
#else
	/* LAB 6: your code here. */
	(void)old;
	return to;
#endif
}

/* dup: the lowest free fd, on the same file, pipe end or console as fd
 * (and the same offset); -1 with errno (EBADF, EMFILE). */
int dup(int fd)
{
	struct fd *f = lookup(fd);
	if (!f)
		return fail(EBADF);
	int to = free_fd(0);
	return to < 0 ? fail(EMFILE) : dup_to(f, to);
}

/*
 * dup2 (LAB 6 exercise): fd2 made an fd on the same capability as fd.
 *
 * Requirements: -1 with errno EBADF when fd is not open or fd2 is out of
 * range (0..FD_MAX-1); fd2 itself, nothing done, when fd == fd2; else fd2
 * is closed first if open (its close's error ignored, errno kept as it
 * was) and made a copy of fd (dup_to). Returns fd2.
 */
int dup2(int fd, int fd2)
{
#if LAB6_SOLUTION
	struct fd *f = lookup(fd);
	if (!f || fd2 < 0 || fd2 >= FD_MAX)
		return fail(EBADF);
	if (fd == fd2)
		return fd2;
	if (fds[fd2].kind != FD_FREE) {
		int e = errno;
		close(fd2);
		errno = e;
	}
	return dup_to(f, fd2);
#else
	/* LAB 6: your code here. Until then, nothing is duplicated. */
	(void)fd;
	return fd2 >= 0 && fd2 < FD_MAX ? fd2 : fail(EBADF);
#endif
}

/* __erix_fd_kind (glue.h): what fd is open on, for fsops.c's fstat and
 * isatty; a file's capability slot in *slot. */
int __erix_fd_kind(int fd, uint64_t *slot)
{
	struct fd *f = lookup(fd);
	if (!f)
		return ERIX_FD_NONE;
	switch (f->kind) {
	case FD_CONSOLE: return ERIX_FD_CONSOLE;
	case FD_FILE:
		if (slot)
			*slot = cap_slot(f->cap);
		return ERIX_FD_FILE;
	default: return ERIX_FD_PIPE;
	}
}

int fcntl(int fd, int cmd, ...)
{
	struct fd *f = lookup(fd);
	va_list ap;
	va_start(ap, cmd);
	int arg = cmd == F_DUPFD || cmd == F_SETFD || cmd == F_SETFL ? va_arg(ap, int) : 0;
	va_end(ap);
	if (!f)
		return fail(EBADF);
	switch (cmd) {
	case F_DUPFD: {
		if (arg < 0 || arg >= FD_MAX)
			return fail(EINVAL);
		int to = free_fd(arg);
		return to < 0 ? fail(EMFILE) : dup_to(f, to);
	}
	case F_GETFD:
		return f->flags & O_CLOEXEC ? FD_CLOEXEC : 0;
	case F_SETFD:
		f->flags = (f->flags & ~O_CLOEXEC) | (arg & FD_CLOEXEC ? O_CLOEXEC : 0);
		return 0;
	case F_GETFL:
		return f->flags & ~O_CLOEXEC;
	case F_SETFL:
		f->flags = (f->flags & ~(O_APPEND | O_NONBLOCK)) | (arg & (O_APPEND | O_NONBLOCK));
		return 0;
	default:
		return fail(EINVAL);
	}
}

void __erix_fd_close_on_exec(void)
{
	for (int i = 0; i < FD_MAX; i++)
		if (fds[i].kind != FD_FREE && (fds[i].flags & O_CLOEXEC))
			close(i);
}
