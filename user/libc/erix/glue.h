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

/* For fork and execve (process.c): __erix_fd_table writes the fd table
 * as proc_info's fds[] words (fd.c says how); __erix_fd_stage hands the
 * process server each fd capability (PROC_STAGE, moved: ERIX_MSG_MOVE),
 * for slot P_FDS + i of a new process: for fork (child: the held child's
 * pid), a new one from its server for each (FS_DUP, PIPE_DUP: counted),
 * put straight into the child; for execve (child 0), this process's own
 * (its slots left empty: the server puts them back if execve fails); 0
 * or a negative errno value. __erix_fd_forked, in a new child: its pipe
 * ends are not registered for its P_EVENTS. */
#include <stdbool.h>
#include <stdint.h>
void __erix_fd_table(uint32_t out[32]);
int __erix_fd_stage(uint64_t child);
void __erix_fd_forked(void);
/* __erix_fd_close_on_exec: closes the fds marked FD_CLOEXEC (execve). */
void __erix_fd_close_on_exec(void);

/* __erix_on_death (process.c): asks the process server to run this
 * process's last words (closing its fds) before it ends by a fault or a
 * kill (PROC_ON_DEATH); the libc's start calls it. */
void __erix_on_death(void);

/* __erix_clock_start: remembers the time-stamp counter at the program's
 * start, clock()'s zero. */
void __erix_clock_start(void);

/* The current directory (fsops.c): an absolute, normalised path ("/" at
 * first; execve passes it on through proc_info). __erix_resolve: path
 * (absolute, or relative to it) made absolute and normalised ("." and
 * ".." and repeated '/' taken out) in out[FS_PATH_MAX_LIBC]; 0, or a
 * negative errno value (-ENAMETOOLONG, -ENOENT for ""). */
#define FS_PATH_MAX_LIBC 224
extern char __erix_cwd[FS_PATH_MAX_LIBC];
int __erix_resolve(const char *path, char out[FS_PATH_MAX_LIBC]);

/* __erix_fd_kind (fd.c): what fd is open on (ERIX_FD_NONE: it is not
 * open), for fsops.c's fstat and isatty; for a file, its open-file
 * capability's slot in *slot (if slot is not NULL). */
#include <stdint.h>
enum erix_fd_kind { ERIX_FD_NONE, ERIX_FD_CONSOLE, ERIX_FD_FILE, ERIX_FD_PIPE };
int __erix_fd_kind(int fd, uint64_t *slot);

#endif
