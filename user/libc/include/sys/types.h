/*
 * sys/types.h: the POSIX system types (lab 6's POSIX layer).
 *
 * Each type is defined under a guard of its own, so that the headers
 * that need one (unistd.h, fcntl.h, sys/wait.h, sys/stat.h) can define
 * it too without including this file.
 */
#ifndef _ERIX_SYS_TYPES_H
#define _ERIX_SYS_TYPES_H

#include <stddef.h>

#ifndef _ERIX_SSIZE_T
#define _ERIX_SSIZE_T
typedef long ssize_t; /* a count of bytes, or -1 */
#endif
#ifndef _ERIX_OFF_T
#define _ERIX_OFF_T
typedef long off_t; /* a file offset or size */
#endif
#ifndef _ERIX_PID_T
#define _ERIX_PID_T
typedef int pid_t; /* a process id */
#endif
#ifndef _ERIX_MODE_T
#define _ERIX_MODE_T
typedef unsigned mode_t; /* a file's type and permission bits (sys/stat.h) */
#endif
#ifndef _ERIX_STAT_TYPES
#define _ERIX_STAT_TYPES
typedef unsigned long dev_t;   /* a device (a server) */
typedef unsigned long ino_t;   /* a file's number on its device */
typedef unsigned long nlink_t; /* the names a file has */
typedef unsigned uid_t;        /* a user: EriX has none, always 0 */
typedef unsigned gid_t;        /* a group: always 0 */
typedef long blksize_t;        /* the preferred I/O size */
typedef long blkcnt_t;         /* a count of 512-byte blocks */
#endif
typedef long long time_t; /* as time.h: seconds since 1970 (C11 allows the repeat) */

#endif
