/*
 * fcntl.h: opening files (POSIX; lab 6's POSIX layer provides open).
 *
 * The O_ flags have Linux's values (x86_64), so that a program's numbers
 * mean the same there and the host tests can call the host's open.
 */
#ifndef _ERIX_FCNTL_H
#define _ERIX_FCNTL_H

#ifndef _ERIX_MODE_T
#define _ERIX_MODE_T
typedef unsigned mode_t;
#endif

#define O_RDONLY    00
#define O_WRONLY    01
#define O_RDWR      02
#define O_ACCMODE   03
#define O_CREAT     0100
#define O_EXCL      0200
#define O_NOCTTY    0400
#define O_TRUNC     01000
#define O_APPEND    02000
#define O_NONBLOCK  04000
#define O_DIRECTORY 0200000
#define O_CLOEXEC   02000000

/* open: opens path with the O_ flags; with O_CREAT a third argument, the
 * new file's mode_t permissions. Returns a file descriptor, or -1 (errno). */
int open(const char *path, int flags, ...);

/* fcntl (user/libc/erix/fd.c): F_DUPFD (the lowest free fd at or above
 * the third argument, as dup), F_GETFD and F_SETFD (FD_CLOEXEC: execve
 * closes the fd, before it starts, so also when it then fails), F_GETFL
 * (the open flags) and F_SETFL (O_APPEND, O_NONBLOCK kept; O_NONBLOCK
 * changes nothing yet). -1 with errno: EBADF, EINVAL (another command, a
 * negative F_DUPFD), EMFILE. */
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define FD_CLOEXEC 1
int fcntl(int fd, int cmd, ...);

#endif
