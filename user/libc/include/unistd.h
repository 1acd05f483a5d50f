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

/*
 * Processes (user/libc/erix/process.c, over the process server).
 *
 * fork: a new process, a copy of this one (its memory copied eagerly by
 * the process server; its open fds shared with it, offsets and all); 0
 * in the child, the child's pid in the parent, -1 with errno (ENOMEM,
 * EAGAIN: too many processes) on failure.
 * execve: replaces this process's program with the one in the file path
 * (same pid, parent and open fds), with arguments argv and environment
 * envp (each NULL-terminated); returns only on failure: -1 with errno
 * (ENOENT, ENOEXEC, EISDIR, E2BIG, ENOMEM). execv uses environ; execvp
 * also looks a name without '/' up in /bin.
 * getpid, getppid: this process's pid, its parent's (0: init).
 */
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
pid_t getpid(void);
pid_t getppid(void);
extern char **environ;

/*
 * Files and directories by name (user/libc/erix/fsops.c, over the file
 * server). A relative path is taken from the current directory (chdir,
 * getcwd), which fork and execve keep. Each returns 0 (getcwd: buf) or
 * -1 (NULL) with errno.
 */
int chdir(const char *path);
char *getcwd(char *buf, size_t size);
int rmdir(const char *path);
int unlink(const char *path);
int isatty(int fd);
int access(const char *path, int mode);
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/* getopt (user/libc/getopt.c): the next option letter of a command
 * line, as optstring lists them ("ab:": -a, and -b with an argument in
 * optarg); -1 after the last, optind then the first operand's index. */
int getopt(int argc, char *const argv[], const char *optstring);
extern char *optarg;
extern int optind, opterr, optopt;

/* sleep: waits seconds seconds; returns 0 (the seconds left when a
 * signal cut it short). usleep: microseconds; 0 or -1 with errno. */
unsigned sleep(unsigned seconds);
int usleep(unsigned long usec);

/* _exit: ends the process with status at once: no atexit functions, no
 * stream flushing; the fds are closed. */
_Noreturn void _exit(int status);

#endif
