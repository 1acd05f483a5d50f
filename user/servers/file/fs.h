/*
 * fs.h: the file server's in-memory file system (lab 5), with nothing of
 * IPC in it: main.c speaks the protocol (user/include/file.h), this
 * keeps the tree. Built for the server and, unchanged, for the host's
 * unit tests (grader/unit/test_fs.c).
 *
 * Design, simple over clever:
 *  - Every file and directory is an inode, a row of one fixed table; its
 *    number is its row. Inode RAMFS_ROOT is the root directory.
 *  - A directory's entries (name -> inode) live in one page, in the order
 *    they were made; the page comes with the first entry and goes with
 *    the last. There are no hard links: an inode has at most one name.
 *  - A file's bytes live in 4 KiB pages, found through the inode's small
 *    page table: RAMFS_DIRECT pointers in the inode, then one indirect
 *    page of RAMFS_INDIRECT more. A NULL pointer is a hole and reads as
 *    zeros; bytes of a page past the file's size are always zero.
 *  - Pages come from the allocator given to ramfs_init (the server maps
 *    frames; the tests use the host's heap), and every page goes back to
 *    it: once every file and directory is gone, none is left out.
 *  - An open file is a handle, a row of the handle table, known by an id
 *    that carries the row and its generation: closing bumps the
 *    generation, so a closed handle's id never works again. An inode
 *    stays alive, unlinked, while handles refer to it, and is freed when
 *    the last one closes.
 *
 * Errors are the negative codes of erix/errors.h and status.h. Paths are
 * (pointer, length) pairs, not NUL-terminated: they come from messages.
 */
#ifndef FILE_FS_H
#define FILE_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../include/file.h" /* also for the host's unit tests */

#define RAMFS_PAGE_SIZE 4096
#define RAMFS_MAX_INODES 256  /* files and directories, the root included */
#define RAMFS_DIR_ENTRIES 64  /* entries in one directory: one page of them */
#define RAMFS_MAX_HANDLES 64  /* handles open at once */
#define RAMFS_DIRECT 12       /* a file's first pages, found in its inode */
#define RAMFS_INDIRECT (RAMFS_PAGE_SIZE / 8) /* the next ones: an indirect page */
#define RAMFS_FILE_MAX ((uint64_t)(RAMFS_DIRECT + RAMFS_INDIRECT) * RAMFS_PAGE_SIZE)
#define RAMFS_ROOT 0          /* the root directory's inode */

/* A handle's id: its generation above RAMFS_HANDLE_BITS, its row below.
 * Generations start at 1, so no id is 0, and ids stay below 2^40, so
 * none is FS_BADGE_NS. */
#define RAMFS_HANDLE_BITS 8
#define RAMFS_HANDLE_ROW(id) ((uint32_t)((id) & ((1u << RAMFS_HANDLE_BITS) - 1)))

/* A directory entry: 64 bytes, so that a page holds RAMFS_DIR_ENTRIES. */
struct ramfs_dirent {
	char name[FS_NAME_MAX + 1]; /* NUL-terminated, 1..FS_NAME_MAX bytes */
	uint8_t unused;
	uint16_t ino;               /* the inode it names */
};

struct ramfs_inode {
	uint8_t type;     /* 0: a free row; FS_TYPE_FILE or FS_TYPE_DIR */
	bool linked;      /* named in a directory (the root: always) */
	uint16_t parent;  /* the directory naming it (the root: itself) */
	uint32_t opens;   /* handles that refer to it */
	uint64_t size;    /* a file's bytes; a directory's entries */
	void *direct[RAMFS_DIRECT]; /* a file's pages 0..RAMFS_DIRECT-1 (NULL: a hole) */
	void **indirect;  /* a file's page of pointers to its next pages, or NULL */
	struct ramfs_dirent *entries; /* a directory's page of entries (NULL: empty) */
};

struct ramfs_handle {
	bool used;
	uint16_t ino;     /* the inode it opens */
	uint32_t gen;     /* the row's generation: part of the id */
	uint64_t offset;  /* where the next read or write starts */
};

/* Where pages come from: page_alloc returns a 4 KiB page (its contents
 * need not be zero) or NULL when there is none; page_free takes one
 * back. ctx is passed to both. */
struct ramfs_pages {
	void *(*page_alloc)(void *ctx);
	void (*page_free)(void *ctx, void *page);
	void *ctx;
};

struct ramfs {
	struct ramfs_pages pages;
	struct ramfs_inode inodes[RAMFS_MAX_INODES];
	struct ramfs_handle handles[RAMFS_MAX_HANDLES];
};

/* What FS_STAT and FS_FSTAT answer. */
struct ramfs_stat {
	uint64_t size; /* a file's bytes; a directory's entries */
	uint64_t type; /* FS_TYPE_FILE or FS_TYPE_DIR */
	uint64_t ino;
};

/* What FS_STATFS answers. */
struct ramfs_statfs {
	uint64_t files, dirs; /* inodes alive, unlinked ones still open included */
	uint64_t bytes;       /* the files' sizes, summed */
	uint64_t handles;     /* handles open */
};

/* ramfs_init: an empty file system (the root directory alone) whose pages
 * come from `pages`. */
void ramfs_init(struct ramfs *fs, const struct ramfs_pages *pages);

/* ---- directories and paths --------------------------------------------- */

/* ramfs_dir_find: the entry called name (NUL-terminated) in directory
 * dir, or NULL. */
struct ramfs_dirent *ramfs_dir_find(struct ramfs *fs, uint32_t dir, const char *name);

/* ramfs_dir_add: a new entry name -> ino at the end of directory dir.
 * Returns 0, or -ERR_NO_SPACE (RAMFS_DIR_ENTRIES already, or no page).
 * The name is not there yet (the caller checked). */
int ramfs_dir_add(struct ramfs *fs, uint32_t dir, const char *name, uint32_t ino);

/* ramfs_dir_remove: take entry e out of directory dir; the entries after
 * it keep their order. e points into dir's entries. */
void ramfs_dir_remove(struct ramfs *fs, uint32_t dir, struct ramfs_dirent *e);

/* ramfs_walk (LAB 5 exercise; fs.c has the rules): the inode a path names,
 * or with parent true the directory its last component is in, and that
 * component. 0 or a negative error. */
int ramfs_walk(struct ramfs *fs, const char *path, size_t len, bool parent, uint32_t *ino,
	       char *name);

/* ramfs_lookup: ramfs_walk(fs, path, len, false, ino, NULL). */
int ramfs_lookup(struct ramfs *fs, const char *path, size_t len, uint32_t *ino);

/* ramfs_lookup_parent: ramfs_walk(fs, path, len, true, dir, name). */
int ramfs_lookup_parent(struct ramfs *fs, const char *path, size_t len, uint32_t *dir,
			char *name);

/* ramfs_create: a new, empty file or directory (type) at path, in a
 * directory that exists. Returns 0 with *ino (if not NULL) its inode;
 * the lookup's errors; -ERR_EXISTS if the name is taken; -ERR_NO_SPACE
 * when the inode table or the directory is full. */
int ramfs_create(struct ramfs *fs, const char *path, size_t len, unsigned type, uint32_t *ino);

/* ramfs_mkdir: FS_MKDIR: ramfs_create of a directory. */
int ramfs_mkdir(struct ramfs *fs, const char *path, size_t len);

/* ramfs_unlink (LAB 5 exercise; fs.c has the rules): FS_UNLINK. */
int ramfs_unlink(struct ramfs *fs, const char *path, size_t len);

/* ramfs_rename (LAB 5 exercise; fs.c has the rules): FS_RENAME. */
int ramfs_rename(struct ramfs *fs, const char *old, size_t oldlen, const char *new,
		 size_t newlen);

/* ramfs_stat: inode ino's size, type and number. */
void ramfs_stat(const struct ramfs *fs, uint32_t ino, struct ramfs_stat *st);

/* ramfs_readdir: the index-th entry of directory ino: its name into name
 * (FS_NAME_MAX + 1 bytes, NUL-terminated) and its type into *type.
 * Returns the name's length; -ERR_NOT_DIR if ino is a file;
 * -ERR_NOT_FOUND if index is past the last entry. */
int ramfs_readdir(struct ramfs *fs, uint32_t ino, uint64_t index, char *name, uint64_t *type);

/* ramfs_inode_put: free inode ino, its pages with it, if nothing holds
 * it any more (not linked, no handle). */
void ramfs_inode_put(struct ramfs *fs, uint32_t ino);

/* ---- file contents ------------------------------------------------------- */

/* ramfs_file_page (LAB 5 exercise; fs.c has the rules): the page holding
 * file ino's page `index`, made if alloc; NULL for a hole or none. */
void *ramfs_file_page(struct ramfs *fs, uint32_t ino, uint64_t index, bool alloc);

/* ramfs_page_new: a zeroed page from the allocator, or NULL. */
void *ramfs_page_new(struct ramfs *fs);

/* ramfs_read (LAB 5 exercise; fs.c has the rules): up to len bytes of
 * file ino from byte off; the number read or a negative error. */
long ramfs_read(struct ramfs *fs, uint32_t ino, uint64_t off, void *buf, size_t len);

/* ramfs_write (LAB 5 exercise; fs.c has the rules): len bytes into file
 * ino at byte off; the number written or a negative error. */
long ramfs_write(struct ramfs *fs, uint32_t ino, uint64_t off, const void *buf, size_t len);

/* ramfs_truncate: file ino cut to 0 bytes, its pages freed. */
void ramfs_truncate(struct ramfs *fs, uint32_t ino);

/* ---- handles ----------------------------------------------------------- */

/* ramfs_open: FS_OPEN: a handle on what path names, at offset 0, into
 * *id. flags are FS_O_*: with FS_O_CREATE a missing file is made
 * (ramfs_create's errors), and with FS_O_EXCL too an existing one is
 * -ERR_EXISTS; FS_O_TRUNC cuts a file to 0 bytes (a directory:
 * -ERR_IS_DIR). Other errors: -ERR_INVALID for unknown flags;
 * -ERR_NO_SPACE when the handle table is full (nothing is made then);
 * the lookup's. */
int ramfs_open(struct ramfs *fs, const char *path, size_t len, unsigned flags, uint64_t *id);

/* ramfs_handle: the open handle with this id, or NULL (never opened, or
 * closed since). */
struct ramfs_handle *ramfs_handle(struct ramfs *fs, uint64_t id);

/* ramfs_close: FS_CLOSE: the handle goes (its id with it, for good); its
 * inode too if it was unlinked and this was its last handle. 0, or
 * -ERR_INVALID for an id that is not open. */
int ramfs_close(struct ramfs *fs, uint64_t id);

/* ramfs_handle_read, ramfs_handle_write: FS_READ and FS_WRITE: as
 * ramfs_read and ramfs_write at the handle's offset, which moves on by
 * the bytes moved. -ERR_INVALID for an id that is not open. */
long ramfs_handle_read(struct ramfs *fs, uint64_t id, void *buf, size_t len);
long ramfs_handle_write(struct ramfs *fs, uint64_t id, const void *buf, size_t len);

/* ramfs_seek: FS_SEEK: the handle's offset becomes off from the start
 * (FS_SEEK_SET), the offset (FS_SEEK_CUR) or the end (FS_SEEK_END); the
 * new offset into *pos. -ERR_INVALID for an id that is not open, another
 * whence, or an offset that would be negative (or overflow). */
int ramfs_seek(struct ramfs *fs, uint64_t id, int64_t off, unsigned whence, uint64_t *pos);

/* ramfs_statfs: FS_STATFS's counts. */
void ramfs_statfs(const struct ramfs *fs, struct ramfs_statfs *st);

#endif /* FILE_FS_H */
