/*
 * unistd.h: POSIX system calls (lab 6's POSIX layer provides them on EriX).
 *
 * For now what the FILE streams of stdio.c need (read, write, lseek,
 * close) and pipes (pipe, dup, dup2). Each returns -1 and sets errno on
 * failure.
 */
#ifndef _ERIX_UNISTD_H
#define _ERIX_UNISTD_H

#include <stddef.h>

#ifndef _ERIX_SSIZE_T
#define _ERIX_SSIZE_T
typedef long ssize_t;
#endif
#ifndef _ERIX_OFF_T
#define _ERIX_OFF_T
typedef long off_t;
#endif
#ifndef _ERIX_PID_T
#define _ERIX_PID_T
typedef int pid_t;
#endif

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
off_t lseek(int fd, off_t offset, int whence);
int close(int fd);
int pipe(int fds[2]);
int dup(int fd);
int dup2(int fd, int fd2);

/*
 * erix_spawnv (an EriX extension, user/libc/erix/process.c): starts the
 * program in the file path as a child process with the arguments argv
 * (NULL-terminated; argv NULL or empty: argv is { path }), the new
 * process's pid in *pid (if pid is not NULL). The child starts with
 * stdin, stdout and stderr on the console and an empty environment; it
 * inherits no other fds. As posix_spawn, it returns 0 or an error
 * number (errno is not set): ENOENT, ENOEXEC (not a program), EISDIR,
 * ENOMEM, ENOSPC (too many processes), E2BIG (path and arguments, each
 * with its NUL, longer than 224 bytes: one message's data for now).
 * waitpid (sys/wait.h) collects the child.
 */
int erix_spawnv(const char *path, char *const argv[], pid_t *pid);

/* _exit: ends the process with status at once: no atexit functions, no
 * stream flushing; the fds are closed. */
_Noreturn void _exit(int status);

#endif
