/*
 * fsclient.h: calling the file server (lab 5; the protocol is
 * user/include/file.h).
 *
 * Two kinds of capability: the name space (a process has it at P_FILE),
 * passed as `fs` to the operations on paths; and an open file or
 * directory, the capability fs_open puts in a slot, passed as `file` to
 * the operations on it. Paths are NUL-terminated strings here.
 *
 * Every function returns 0 (or a count, as said) on success, else the
 * negative status: the server's (status.h, erix/errors.h) or the
 * kernel's (the Call failed), as rpc_call returns it.
 */
#ifndef USER_LIB_FSCLIENT_H
#define USER_LIB_FSCLIENT_H

#include "file.h"
#include "rpc.h"

/* What fs_stat and fs_fstat answer. */
struct fs_stat {
	uint64_t size; /* a file's bytes; a directory's entries */
	uint64_t type; /* FS_TYPE_FILE or FS_TYPE_DIR */
	uint64_t ino;  /* its inode number (fs_stat only; fs_fstat too) */
};

/* What fs_statfs answers. */
struct fs_statfs {
	uint64_t files, dirs, bytes, handles;
};

/*
 * fs_open: open path with FS_O_* flags. *slot is an empty slot of the
 * caller's CSpace for the capability, or 0 to take one from slot_alloc()
 * (written back); *size (if not NULL) gets the file's size. Returns 0,
 * -ERR_TOO_LONG for a path the message cannot hold, -ERR_NO_SPACE when
 * no slot is left, or the server's error (the protocol lists them).
 */
long fs_open(erix_cptr_t fs, const char *path, unsigned flags, erix_cptr_t *slot,
	     uint64_t *size);

/* fs_read: up to len bytes at the file's offset into buf, FS_IO_MAX at a
 * time, until len or the end. Returns the bytes read (0 at the end), or
 * an error if the first request failed. */
long fs_read(erix_cptr_t file, void *buf, uint64_t len);

/* fs_write: len bytes from buf at the file's offset, FS_IO_MAX at a time.
 * Returns len, the bytes written before the server stopped, or an error
 * if the first request failed. */
long fs_write(erix_cptr_t file, const void *buf, uint64_t len);

/* fs_seek: the offset set from whence (enum fs_whence); the new offset
 * (as a long) or an error. */
long fs_seek(erix_cptr_t file, int64_t off, unsigned whence);

/* fs_fstat, fs_stat: the size, type and inode of an open file, or of
 * what path names. */
long fs_fstat(erix_cptr_t file, struct fs_stat *st);
long fs_stat(erix_cptr_t fs, const char *path, struct fs_stat *st);

/* fs_readdir: the index-th entry of an open directory: its name into
 * name (FS_NAME_MAX + 1 bytes, NUL-terminated), its type into *type (if
 * not NULL). Returns the name's length; -ERR_NOT_FOUND past the last. */
long fs_readdir(erix_cptr_t dir, uint64_t index, char *name, uint64_t *type);

/* fs_close: the file's capability stops working; its slot is empty
 * again (the server revokes the capability). */
long fs_close(erix_cptr_t file);

/* fs_mkdir, fs_unlink, fs_rename: on the name space. */
long fs_mkdir(erix_cptr_t fs, const char *path);
long fs_unlink(erix_cptr_t fs, const char *path);
long fs_rename(erix_cptr_t fs, const char *old, const char *new);

/* fs_statfs: the server's counts, through either kind of capability. */
long fs_statfs(erix_cptr_t cap, struct fs_statfs *st);

#endif /* USER_LIB_FSCLIENT_H */
