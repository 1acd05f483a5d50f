/*
 * sys/stat.h: what a file is (POSIX; user/libc/erix/fsops.c, over the
 * file server).
 *
 * The file server (user/include/file.h) knows a file's type, size and
 * inode number, nothing more: there are no owners, permissions or times.
 * So st_mode's permission bits always read 0777 (everyone may read,
 * write and run or search anything), st_uid and st_gid are 0, the times
 * 0 (1970), and st_nlink is 1 for a file (no hard links) and 2 for a
 * directory (its name and its "."; the server does not count the ".."
 * of subdirectories). A directory's st_size is its number of entries.
 * Files are on device 1 (the file server); the console (S_IFCHR) and
 * pipe ends (S_IFIFO) are on device 0, with inode 0.
 */
#ifndef _ERIX_SYS_STAT_H
#define _ERIX_SYS_STAT_H

#include <sys/types.h>

struct stat {
	dev_t st_dev;         /* 1: the file server; 0: the console, a pipe */
	ino_t st_ino;         /* the inode number (unique on st_dev) */
	mode_t st_mode;       /* S_IF* type | permission bits */
	nlink_t st_nlink;     /* 1 for a file, 2 for a directory */
	uid_t st_uid;         /* 0 */
	gid_t st_gid;         /* 0 */
	dev_t st_rdev;        /* 0 */
	off_t st_size;        /* a file's bytes; a directory's entries */
	blksize_t st_blksize; /* 4096: the file server's page */
	blkcnt_t st_blocks;   /* st_size in 512-byte blocks, rounded up */
	time_t st_atime;      /* 0: EriX keeps no times */
	time_t st_mtime;      /* 0 */
	time_t st_ctime;      /* 0 */
};

/* The file types, in st_mode & S_IFMT (Linux's values). */
#define S_IFMT   0170000
#define S_IFIFO  0010000 /* a pipe end */
#define S_IFCHR  0020000 /* a character device: the console */
#define S_IFDIR  0040000 /* a directory */
#define S_IFBLK  0060000
#define S_IFREG  0100000 /* a regular file */
#define S_IFLNK  0120000 /* (EriX has no symbolic links) */
#define S_IFSOCK 0140000

#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

/* The permission bits: read, write, execute (search) for the owner, the
 * group and others; set-user-id, set-group-id and sticky. */
#define S_IRWXU 0700
#define S_IRUSR 0400
#define S_IWUSR 0200
#define S_IXUSR 0100
#define S_IRWXG 0070
#define S_IRGRP 0040
#define S_IWGRP 0020
#define S_IXGRP 0010
#define S_IRWXO 0007
#define S_IROTH 0004
#define S_IWOTH 0002
#define S_IXOTH 0001
#define S_ISUID 04000
#define S_ISGID 02000
#define S_ISVTX 01000

/*
 * stat: what path names (relative paths from the current directory);
 * lstat: the same (EriX has no symbolic links); fstat: what fd is open
 * on. 0, or -1 with errno: ENOENT, ENOTDIR (a file on the way),
 * ENAMETOOLONG; EBADF (fstat).
 * mkdir: a new, empty directory path; mode is ignored (no permissions).
 * 0, or -1 with errno: EEXIST, ENOENT (no parent), ENOTDIR, ENOSPC
 * (the directory or the file server is full), ENAMETOOLONG.
 */
int stat(const char *restrict path, struct stat *restrict st);
int lstat(const char *restrict path, struct stat *restrict st);
int fstat(int fd, struct stat *st);
int mkdir(const char *path, mode_t mode);

#endif
