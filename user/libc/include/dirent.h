/*
 * dirent.h: reading directories (POSIX; user/libc/erix/fsops.c, over the
 * file server's FS_READDIR).
 *
 * opendir opens a directory (through an fd of its own: dirfd) and
 * readdir returns its entries one at a time: first "." and "..", then
 * the file server's entries, in the order they were made (ls sorts
 * them). A directory changed while it is read (an entry made or removed)
 * may make readdir skip or repeat an entry: a program that removes
 * entries (rm -r) reads them all first.
 */
#ifndef _ERIX_DIRENT_H
#define _ERIX_DIRENT_H

#include <sys/types.h>

/* An open directory; its fields are fsops.c's own. */
typedef struct __dir DIR;

struct dirent {
	ino_t d_ino;          /* the entry's inode number */
	unsigned char d_type; /* DT_DIR or DT_REG (Linux's values) */
	char d_name[256];     /* the entry's name, NUL-terminated (NAME_MAX + 1) */
};

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12

/*
 * opendir: opens the directory path. NULL with errno: ENOENT, ENOTDIR,
 * EMFILE (no fd free), ENOMEM.
 * readdir: the next entry, in a struct that the next readdir on dir
 * overwrites; NULL at the end (errno unchanged) or on an error (errno
 * set).
 * rewinddir: the next readdir starts again from the first entry.
 * closedir: closes dir (and its fd). 0, or -1 with errno.
 * dirfd: the fd dir reads through.
 */
DIR *opendir(const char *path);
struct dirent *readdir(DIR *dir);
void rewinddir(DIR *dir);
int closedir(DIR *dir);
int dirfd(DIR *dir);

#endif
