/*
 * file.h: the file server's protocol (lab 5; status.h has the
 * conventions).
 *
 * An in-memory file system: directories and files, seeded at boot with
 * the boot image's files: an entry named "a/b" becomes /a/b (/bin/hello,
 * /servers/memory, /tests/lab5, /motd).
 * Paths are absolute, components separated by '/', each 1..FS_NAME_MAX
 * bytes; a whole path fits one message's data.
 *
 * A client holds the name-space capability (badge FS_BADGE_NS): on it,
 * it opens, makes directories, unlinks, renames and looks at paths. An
 * open file or directory is a capability of its own, badged by the server
 * (a handle the client cannot make up: only the server mints badges); on
 * it the client reads, writes, seeks, stats, lists a directory, closes.
 * Each open capability has its own offset.
 */
#ifndef USER_FILE_H
#define USER_FILE_H

#define FS_NAME_MAX 60      /* bytes in a path component */
#define FS_PATH_MAX 224     /* bytes in a path (one message's data) */
#define FS_IO_MAX 224       /* bytes a read or write moves at once */
#define FS_BADGE_NS (1ull << 48) /* the name-space capability's badge */

enum fs_type { FS_TYPE_FILE = 1, FS_TYPE_DIR = 2 };

/* FS_OPEN's flags. */
#define FS_O_CREATE 0x1 /* make the file if it is not there */
#define FS_O_TRUNC 0x2  /* cut a file to 0 bytes */
#define FS_O_EXCL 0x4   /* with FS_O_CREATE: ERR_EXISTS if it is there */

enum fs_whence { FS_SEEK_SET = 0, FS_SEEK_CUR = 1, FS_SEEK_END = 2 };

enum fs_op {
	/* On the name space. Errors: ERR_NOT_FOUND, ERR_NOT_DIR (a
	 * component on the way is a file), ERR_TOO_LONG, ERR_INVALID (an
	 * empty or relative path), ERR_NO_SPACE. */
	/* mr0 path length, mr1 flags, data the path -> 1 capability (the
	 * open file or directory), mr0 its size, mr1 its type. */
	FS_OPEN = 1,
	/* mr0 path length, data the path -> ok; ERR_EXISTS. */
	FS_MKDIR = 2,
	/* mr0 path length, data the path -> ok; ERR_NOT_EMPTY for a
	 * directory with entries. A file open elsewhere stays readable
	 * through its capabilities until they are closed. */
	FS_UNLINK = 3,
	/* mr0 old path length, mr1 new path length, data both, one after
	 * the other -> ok. The new name must not exist (ERR_EXISTS); a
	 * directory cannot move under itself (ERR_INVALID). */
	FS_RENAME = 4,
	/* mr0 path length, data the path -> mr0 size, mr1 type, mr2 inode. */
	FS_STAT = 5,

	/* On an open capability (on the name space: ERR_BAD_LABEL). */
	/* mr0 most bytes (<= FS_IO_MAX) -> mr0 bytes read (0 at the end),
	 * data the bytes; the offset moves on. ERR_IS_DIR. */
	FS_READ = 16,
	/* mr0 length (<= FS_IO_MAX), data the bytes -> mr0 bytes written;
	 * at the offset, which moves on; a gap past the end reads as zeros. */
	FS_WRITE = 17,
	/* mr0 offset (signed), mr1 whence -> mr0 the new offset;
	 * ERR_INVALID if it would be negative. */
	FS_SEEK = 18,
	/* -> mr0 size, mr1 type, mr2 inode. */
	FS_FSTAT = 19,
	/* mr0 index -> mr0 name length, mr1 type, data the name of the
	 * index-th entry; ERR_NOT_FOUND past the last; ERR_NOT_DIR. */
	FS_READDIR = 20,
	/* -> ok; the capability stops working (its badge is never reused
	 * for another file while it exists). */
	FS_CLOSE = 21,
	/* -> mr0 files, mr1 directories, mr2 bytes of file data, mr3 open
	 * capabilities (on either kind of capability). */
	FS_STATFS = 22,
	/* -> 1 capability: another one for the same open file (the same
	 * offset), for a process of its own (lab 6: fork; fd.c). The handle
	 * closes, and every copy stops working, at the last FS_CLOSE: one
	 * for the capability FS_OPEN gave and one for each FS_DUP's. */
	FS_DUP = 23,
};

#endif /* USER_FILE_H */
