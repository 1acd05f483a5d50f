/*
 * glue.h: what the EriX glue's files (user/libc/erix/, lab 6) share: the
 * POSIX layer between the libc (user/libc/NAME.c, which sees only its own
 * headers) and EriX's servers (reached through user/lib's clients).
 *
 * These files are the only ones that see both sides' headers: the libc's
 * first on the include path (so <string.h>, <errno.h> are the libc's),
 * then ulib's (ulib.h, rpc.h, the protocol headers). They are built for
 * EriX only, never for the host unit tests (grader/Makefrag's LIBC_SRCS
 * takes user/libc/NAME.c, not this subdirectory).
 */
#ifndef _ERIX_LIBC_GLUE_H
#define _ERIX_LIBC_GLUE_H

/* __erix_errno: the errno value (> 0) for an EriX error code, negative
 * or not (the kernel's erix/errors.h, the servers' status.h); EIO for
 * one with no better match. */
int __erix_errno(long err);

/* __erix_fd_init: sets up the file-descriptor table: fds 0, 1 and 2 on
 * the console, and a CNode slot for each fd's open-file capability.
 * crt0's __libc_start calls it before anything else of the libc. */
void __erix_fd_init(void);

/* __erix_fd_close_all: closes every open fd (their capabilities go back
 * to the file server); for _exit. */
void __erix_fd_close_all(void);

/* __erix_clock_start: remembers the time-stamp counter at the program's
 * start, clock()'s zero. */
void __erix_clock_start(void);

#endif
