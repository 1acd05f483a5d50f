/*
 * fs.c: the file server's in-memory file system (see fs.h for the
 * design). Freestanding: the same file builds into the server and into
 * the host's unit tests.
 */
#include "fs.h"

#include <erix/errors.h>

#include "../../include/status.h"

#ifdef HOST_TEST
#include <string.h>
#else
#include "kstring.h"
#endif

_Static_assert(sizeof(struct ramfs_dirent) == 64, "a directory entry is 64 bytes");
_Static_assert(RAMFS_DIR_ENTRIES * sizeof(struct ramfs_dirent) <= RAMFS_PAGE_SIZE,
	       "a directory's entries fit one page");
_Static_assert(RAMFS_INDIRECT * sizeof(void *) <= RAMFS_PAGE_SIZE,
	       "the indirect pointers fit one page");
_Static_assert(RAMFS_MAX_HANDLES <= 1u << RAMFS_HANDLE_BITS, "a handle's row fits its bits");
_Static_assert(RAMFS_MAX_INODES <= 65536, "an inode number fits 16 bits");

#define NO_INODE 0xffffffffu

void ramfs_init(struct ramfs *fs, const struct ramfs_pages *pages)
{
	memset(fs, 0, sizeof(*fs));
	fs->pages = *pages;
	for (unsigned i = 0; i < RAMFS_MAX_HANDLES; i++)
		fs->handles[i].gen = 1;
	struct ramfs_inode *root = &fs->inodes[RAMFS_ROOT];
	root->type = FS_TYPE_DIR;
	root->linked = true;
	root->parent = RAMFS_ROOT;
}

void *ramfs_page_new(struct ramfs *fs)
{
	void *p = fs->pages.page_alloc(fs->pages.ctx);
	if (p)
		memset(p, 0, RAMFS_PAGE_SIZE);
	return p;
}

static void page_free(struct ramfs *fs, void *p)
{
	if (p)
		fs->pages.page_free(fs->pages.ctx, p);
}

/* inode_alloc: a free row made an empty inode of this type, or NO_INODE. */
static uint32_t inode_alloc(struct ramfs *fs, unsigned type)
{
	for (uint32_t i = 0; i < RAMFS_MAX_INODES; i++) {
		struct ramfs_inode *n = &fs->inodes[i];
		if (n->type)
			continue;
		memset(n, 0, sizeof(*n));
		n->type = (uint8_t)type;
		return i;
	}
	return NO_INODE;
}

/* ---- directories and paths --------------------------------------------- */

struct ramfs_dirent *ramfs_dir_find(struct ramfs *fs, uint32_t dir, const char *name)
{
	struct ramfs_inode *d = &fs->inodes[dir];
	for (uint64_t i = 0; i < d->size; i++)
		if (strcmp(d->entries[i].name, name) == 0)
			return &d->entries[i];
	return NULL;
}

int ramfs_dir_add(struct ramfs *fs, uint32_t dir, const char *name, uint32_t ino)
{
	struct ramfs_inode *d = &fs->inodes[dir];
	if (d->size >= RAMFS_DIR_ENTRIES)
		return -ERR_NO_SPACE;
	if (!d->entries && !(d->entries = ramfs_page_new(fs)))
		return -ERR_NO_SPACE;
	struct ramfs_dirent *e = &d->entries[d->size++];
	memset(e, 0, sizeof(*e));
	memcpy(e->name, name, strlen(name) + 1);
	e->ino = (uint16_t)ino;
	return 0;
}

void ramfs_dir_remove(struct ramfs *fs, uint32_t dir, struct ramfs_dirent *e)
{
	struct ramfs_inode *d = &fs->inodes[dir];
	uint64_t i = (uint64_t)(e - d->entries);
	for (; i + 1 < d->size; i++)
		d->entries[i] = d->entries[i + 1];
	if (--d->size == 0) {
		page_free(fs, d->entries);
		d->entries = NULL;
	}
}

/*
 * ramfs_walk (LAB 5 exercise): find what the path (len bytes) names.
 * A path is absolute: '/', then components separated by single '/',
 * each 1..FS_NAME_MAX bytes, none holding a NUL byte, none "." or "..";
 * "/" alone names the root. Nothing is looked up before the whole path
 * has been checked:
 *   - empty, not starting with '/', an empty component ("//", a '/' at
 *     the end), a NUL byte, "." or "..": -ERR_INVALID;
 *   - longer than FS_PATH_MAX, or a component longer than FS_NAME_MAX:
 *     -ERR_TOO_LONG.
 * Then the components are followed from the root, left to right, each
 * looked up in the directory the ones before it name:
 *   - a component that is not there: -ERR_NOT_FOUND;
 *   - one that should be a directory (another component follows it) but
 *     is a file: -ERR_NOT_DIR.
 * With parent false, *ino gets the inode the whole path names. With
 * parent true, the last component is not looked up: *ino gets the
 * directory it is (or would be) in, and name (FS_NAME_MAX + 1 bytes) the
 * component, NUL-terminated; "/" then has no last component:
 * -ERR_INVALID. Returns 0 or the error; *ino and name are only written
 * on success.
 * Hint: ramfs_dir_find looks a name up in one directory.
 */
int ramfs_walk(struct ramfs *fs, const char *path, size_t len, bool parent, uint32_t *ino,
	       char *name)
{
#if LAB5_SOLUTION
	/* The form first: nothing is looked up in a path that is wrong. */
	if (len == 0 || path[0] != '/')
		return -ERR_INVALID;
	if (len > FS_PATH_MAX) /* a path longer than one message */
		return -ERR_TOO_LONG;
	for (size_t i = 1, start = 1; i <= len; i++) {
		if (i < len && path[i] == '\0')
			return -ERR_INVALID;
		if (i < len && path[i] != '/')
			continue;
		size_t n = i - start;
		if (n == 0 && len > 1)
			return -ERR_INVALID; /* "//", or a '/' at the end */
		if (n > FS_NAME_MAX)
			return -ERR_TOO_LONG;
		if (path[start] == '.' && (n == 1 || (n == 2 && path[start + 1] == '.')))
			return -ERR_INVALID;
		start = i + 1;
	}
	if (len == 1) { /* "/" */
		if (parent)
			return -ERR_INVALID;
		*ino = RAMFS_ROOT;
		return 0;
	}

	/* Then the walk, one component at a time. */
	uint32_t cur = RAMFS_ROOT;
	size_t start = 1;
	for (;;) {
		size_t end = start;
		while (end < len && path[end] != '/')
			end++;
		char comp[FS_NAME_MAX + 1];
		memcpy(comp, path + start, end - start);
		comp[end - start] = '\0';
		bool last = end == len;
		if (fs->inodes[cur].type != FS_TYPE_DIR)
			return -ERR_NOT_DIR;
		if (last && parent) {
			*ino = cur;
			memcpy(name, comp, end - start + 1);
			return 0;
		}
		struct ramfs_dirent *e = ramfs_dir_find(fs, cur, comp);
		if (!e)
			return -ERR_NOT_FOUND;
		cur = e->ino;
		if (last) {
			*ino = cur;
			return 0;
		}
		start = end + 1;
	}
#else
	/* LAB 5: your code here. Until then, nothing is found. */
	(void)fs, (void)path, (void)len, (void)parent, (void)ino, (void)name;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

int ramfs_lookup(struct ramfs *fs, const char *path, size_t len, uint32_t *ino)
{
	return ramfs_walk(fs, path, len, false, ino, NULL);
}

int ramfs_lookup_parent(struct ramfs *fs, const char *path, size_t len, uint32_t *dir,
			char *name)
{
	return ramfs_walk(fs, path, len, true, dir, name);
}

int ramfs_create(struct ramfs *fs, const char *path, size_t len, unsigned type, uint32_t *ino)
{
	uint32_t dir;
	char name[FS_NAME_MAX + 1];
	int err = ramfs_lookup_parent(fs, path, len, &dir, name);
	if (err < 0)
		return err;
	if (ramfs_dir_find(fs, dir, name))
		return -ERR_EXISTS;
	uint32_t n = inode_alloc(fs, type);
	if (n == NO_INODE)
		return -ERR_NO_SPACE;
	if ((err = ramfs_dir_add(fs, dir, name, n)) < 0) {
		fs->inodes[n].type = 0;
		return err;
	}
	fs->inodes[n].linked = true;
	fs->inodes[n].parent = (uint16_t)dir;
	if (ino)
		*ino = n;
	return 0;
}

int ramfs_mkdir(struct ramfs *fs, const char *path, size_t len)
{
	return ramfs_create(fs, path, len, FS_TYPE_DIR, NULL);
}

/*
 * ramfs_unlink (LAB 5 exercise): FS_UNLINK: take path's name out of its
 * directory. Errors, in order: the parent lookup's (ramfs_lookup_parent;
 * "/" is -ERR_INVALID); -ERR_NOT_FOUND if the name is not there;
 * -ERR_NOT_EMPTY for a directory with entries. The inode itself goes
 * (its pages back to the allocator) now if no handle refers to it, else
 * when the last one closes: until then it reads and writes as before.
 * Hint: ramfs_dir_find, ramfs_dir_remove, ramfs_inode_put.
 */
int ramfs_unlink(struct ramfs *fs, const char *path, size_t len)
{
#if LAB5_SOLUTION
	uint32_t dir;
	char name[FS_NAME_MAX + 1];
	int err = ramfs_lookup_parent(fs, path, len, &dir, name);
	if (err < 0)
		return err;
	struct ramfs_dirent *e = ramfs_dir_find(fs, dir, name);
	if (!e)
		return -ERR_NOT_FOUND;
	uint32_t ino = e->ino;
	struct ramfs_inode *n = &fs->inodes[ino];
	if (n->type == FS_TYPE_DIR && n->size > 0)
		return -ERR_NOT_EMPTY;
	ramfs_dir_remove(fs, dir, e);
	n->linked = false;
	ramfs_inode_put(fs, ino);
	return 0;
#else
	/* LAB 5: your code here. Until then, nothing can be removed. */
	(void)fs, (void)path, (void)len;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

/*
 * ramfs_rename (LAB 5 exercise): FS_RENAME: the file or directory at old
 * (oldlen bytes) is known from now on as new (newlen bytes), with its
 * inode, contents and open handles unchanged. Errors, in order:
 *   - old's parent lookup's errors ("/" is -ERR_INVALID), -ERR_NOT_FOUND
 *     if old's name is not there;
 *   - new's parent lookup's errors;
 *   - -ERR_INVALID if old is a directory and new's directory is old
 *     itself or inside it (a directory cannot move under itself);
 *   - -ERR_EXISTS if new's name is taken (old itself included);
 *   - -ERR_NO_SPACE if new's directory, another one, is full.
 * Nothing has changed after an error. A directory that moves has its
 * parent fixed up.
 * Hint: ramfs_dir_find, ramfs_dir_add, ramfs_dir_remove; the parent
 * field leads from a directory up to the root.
 */
int ramfs_rename(struct ramfs *fs, const char *old, size_t oldlen, const char *new,
		 size_t newlen)
{
#if LAB5_SOLUTION
	uint32_t odir, ndir;
	char oname[FS_NAME_MAX + 1], nname[FS_NAME_MAX + 1];
	int err = ramfs_lookup_parent(fs, old, oldlen, &odir, oname);
	if (err < 0)
		return err;
	struct ramfs_dirent *e = ramfs_dir_find(fs, odir, oname);
	if (!e)
		return -ERR_NOT_FOUND;
	uint32_t ino = e->ino;
	if ((err = ramfs_lookup_parent(fs, new, newlen, &ndir, nname)) < 0)
		return err;
	if (fs->inodes[ino].type == FS_TYPE_DIR) {
		for (uint32_t d = ndir;; d = fs->inodes[d].parent) {
			if (d == ino)
				return -ERR_INVALID;
			if (d == RAMFS_ROOT)
				break;
		}
	}
	if (ramfs_dir_find(fs, ndir, nname))
		return -ERR_EXISTS;
	if (ndir == odir) {
		memset(e->name, 0, sizeof(e->name));
		memcpy(e->name, nname, strlen(nname) + 1);
		return 0;
	}
	if ((err = ramfs_dir_add(fs, ndir, nname, ino)) < 0)
		return err;
	ramfs_dir_remove(fs, odir, e);
	fs->inodes[ino].parent = (uint16_t)ndir;
	return 0;
#else
	/* LAB 5: your code here. Until then, nothing moves. */
	(void)fs, (void)old, (void)oldlen, (void)new, (void)newlen;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

void ramfs_stat(const struct ramfs *fs, uint32_t ino, struct ramfs_stat *st)
{
	st->size = fs->inodes[ino].size;
	st->type = fs->inodes[ino].type;
	st->ino = ino;
}

int ramfs_readdir(struct ramfs *fs, uint32_t ino, uint64_t index, char *name, uint64_t *type)
{
	struct ramfs_inode *d = &fs->inodes[ino];
	if (d->type != FS_TYPE_DIR)
		return -ERR_NOT_DIR;
	if (index >= d->size)
		return -ERR_NOT_FOUND;
	const struct ramfs_dirent *e = &d->entries[index];
	size_t n = strlen(e->name);
	memcpy(name, e->name, n + 1);
	*type = fs->inodes[e->ino].type;
	return (int)n;
}

void ramfs_inode_put(struct ramfs *fs, uint32_t ino)
{
	struct ramfs_inode *n = &fs->inodes[ino];
	if (n->linked || n->opens)
		return;
	if (n->type == FS_TYPE_FILE)
		ramfs_truncate(fs, ino);
	page_free(fs, n->entries); /* an unlinked directory is empty: NULL */
	memset(n, 0, sizeof(*n));
}

/* ---- file contents ------------------------------------------------------- */

/*
 * ramfs_file_page (LAB 5 exercise): the page holding bytes [index * 4 KiB,
 * (index + 1) * 4 KiB) of file ino, through its page table: direct[]
 * for the first RAMFS_DIRECT pages, the indirect page for the next
 * RAMFS_INDIRECT. A page (or the indirect page) that is not there is
 * made, zeroed, when alloc is true; else the answer is NULL (a hole).
 * NULL too for an index past the table, or when no page can be had.
 * Hint: ramfs_page_new.
 */
void *ramfs_file_page(struct ramfs *fs, uint32_t ino, uint64_t index, bool alloc)
{
#if LAB5_SOLUTION
	struct ramfs_inode *f = &fs->inodes[ino];
	void **slot;
	if (index < RAMFS_DIRECT) {
		slot = &f->direct[index];
	} else {
		index -= RAMFS_DIRECT;
		if (index >= RAMFS_INDIRECT)
			return NULL;
		if (!f->indirect) {
			if (!alloc || !(f->indirect = ramfs_page_new(fs)))
				return NULL;
		}
		slot = &f->indirect[index];
	}
	if (!*slot && alloc)
		*slot = ramfs_page_new(fs);
	return *slot;
#else
	/* LAB 5: your code here. Until then, a file has no pages. */
	(void)fs, (void)ino, (void)index, (void)alloc;
	return NULL;
#endif
}

/*
 * ramfs_read (LAB 5 exercise): copy up to len bytes of file ino, from
 * byte off, into buf. Returns the number copied: len, or fewer at the
 * end of the file (0 at or past it). Bytes in holes read as zeros.
 * -ERR_IS_DIR for a directory.
 */
long ramfs_read(struct ramfs *fs, uint32_t ino, uint64_t off, void *buf, size_t len)
{
#if LAB5_SOLUTION
	struct ramfs_inode *f = &fs->inodes[ino];
	if (f->type == FS_TYPE_DIR)
		return -ERR_IS_DIR;
	if (off >= f->size)
		return 0;
	if (len > f->size - off)
		len = f->size - off;
	uint8_t *out = buf; /* where the next bytes go */
	size_t got = 0;
	while (got < len) {
		uint64_t at = off + got;
		size_t skip = at % RAMFS_PAGE_SIZE;
		size_t chunk = RAMFS_PAGE_SIZE - skip;
		if (chunk > len - got)
			chunk = len - got;
		const uint8_t *page = ramfs_file_page(fs, ino, at / RAMFS_PAGE_SIZE, false);
		if (page)
			memcpy(out + got, page + skip, chunk);
		else
			memset(out + got, 0, chunk); /* a hole */
		got += chunk;
	}
	return (long)got;
#else
	/* LAB 5: your code here. Until then, every file reads as empty. */
	(void)fs, (void)ino, (void)off, (void)buf, (void)len;
	return 0;
#endif
}

/*
 * ramfs_write (LAB 5 exercise): copy len bytes from buf into file ino at
 * byte off, making the pages they land in; the file grows to off + len
 * if that is past its end, and a gap between the old end and off reads
 * as zeros. Returns the number written: len, or fewer when the pages
 * ran out part way. Errors: -ERR_IS_DIR; -ERR_NO_SPACE if off + len is
 * past RAMFS_FILE_MAX (nothing written) or not one byte could be
 * written.
 */
long ramfs_write(struct ramfs *fs, uint32_t ino, uint64_t off, const void *buf, size_t len)
{
#if LAB5_SOLUTION
	struct ramfs_inode *f = &fs->inodes[ino];
	if (f->type == FS_TYPE_DIR)
		return -ERR_IS_DIR;
	if (off > RAMFS_FILE_MAX || len > RAMFS_FILE_MAX - off)
		return -ERR_NO_SPACE;
	const uint8_t *in_buf = buf;
	size_t done = 0; /* bytes written so far */
	while (done < len) { /* page by page */
		uint64_t pos = off + done;
		size_t in = pos % RAMFS_PAGE_SIZE;
		size_t n = RAMFS_PAGE_SIZE - in;
		if (n > len - done)
			n = len - done;
		uint8_t *page = ramfs_file_page(fs, ino, pos / RAMFS_PAGE_SIZE, true);
		if (!page)
			break;
		memcpy(page + in, in_buf + done, n);
		done += n;
	}
	if (done == 0 && len > 0)
		return -ERR_NO_SPACE;
	if (off + done > f->size)
		f->size = off + done;
	return (long)done; /* all, or what fit */
#else
	/* LAB 5: your code here. Until then, nothing can be written. */
	(void)fs, (void)ino, (void)off, (void)buf, (void)len;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

void ramfs_truncate(struct ramfs *fs, uint32_t ino)
{
	struct ramfs_inode *f = &fs->inodes[ino];
	for (unsigned i = 0; i < RAMFS_DIRECT; i++) {
		page_free(fs, f->direct[i]);
		f->direct[i] = NULL;
	}
	if (f->indirect) {
		for (unsigned i = 0; i < RAMFS_INDIRECT; i++)
			page_free(fs, f->indirect[i]);
		page_free(fs, f->indirect);
		f->indirect = NULL;
	}
	f->size = 0;
}

/* ---- handles ----------------------------------------------------------- */

int ramfs_open(struct ramfs *fs, const char *path, size_t len, unsigned flags, uint64_t *id)
{
	if (flags & ~(unsigned)(FS_O_CREATE | FS_O_TRUNC | FS_O_EXCL))
		return -ERR_INVALID;
	unsigned row = 0;
	while (row < RAMFS_MAX_HANDLES && fs->handles[row].used)
		row++;
	if (row == RAMFS_MAX_HANDLES)
		return -ERR_NO_SPACE;
	struct ramfs_handle *h = &fs->handles[row];

	uint32_t ino;
	int err = ramfs_lookup(fs, path, len, &ino);
	if (err == -ERR_NOT_FOUND && (flags & FS_O_CREATE))
		err = ramfs_create(fs, path, len, FS_TYPE_FILE, &ino);
	else if (err == 0 && (flags & FS_O_CREATE) && (flags & FS_O_EXCL))
		err = -ERR_EXISTS;
	if (err < 0)
		return err;
	if (flags & FS_O_TRUNC) {
		if (fs->inodes[ino].type == FS_TYPE_DIR)
			return -ERR_IS_DIR;
		ramfs_truncate(fs, ino);
	}

	h->used = true;
	h->ino = (uint16_t)ino;
	h->offset = 0;
	fs->inodes[ino].opens++;
	*id = (uint64_t)h->gen << RAMFS_HANDLE_BITS | row;
	return 0;
}

struct ramfs_handle *ramfs_handle(struct ramfs *fs, uint64_t id)
{
	uint32_t row = RAMFS_HANDLE_ROW(id);
	if (row >= RAMFS_MAX_HANDLES)
		return NULL;
	struct ramfs_handle *h = &fs->handles[row];
	if (!h->used || id >> RAMFS_HANDLE_BITS != h->gen)
		return NULL;
	return h;
}

int ramfs_close(struct ramfs *fs, uint64_t id)
{
	struct ramfs_handle *h = ramfs_handle(fs, id);
	if (!h)
		return -ERR_INVALID;
	h->used = false;
	if (++h->gen == 0)
		h->gen = 1;
	fs->inodes[h->ino].opens--;
	ramfs_inode_put(fs, h->ino);
	return 0;
}

long ramfs_handle_read(struct ramfs *fs, uint64_t id, void *buf, size_t len)
{
	struct ramfs_handle *h = ramfs_handle(fs, id);
	if (!h)
		return -ERR_INVALID;
	long n = ramfs_read(fs, h->ino, h->offset, buf, len);
	if (n > 0)
		h->offset += (uint64_t)n;
	return n;
}

long ramfs_handle_write(struct ramfs *fs, uint64_t id, const void *buf, size_t len)
{
	struct ramfs_handle *h = ramfs_handle(fs, id);
	if (!h)
		return -ERR_INVALID;
	long n = ramfs_write(fs, h->ino, h->offset, buf, len);
	if (n > 0)
		h->offset += (uint64_t)n;
	return n;
}

int ramfs_seek(struct ramfs *fs, uint64_t id, int64_t off, unsigned whence, uint64_t *pos)
{
	struct ramfs_handle *h = ramfs_handle(fs, id);
	if (!h)
		return -ERR_INVALID;
	uint64_t base;
	switch (whence) {
	case FS_SEEK_SET: base = 0; break;
	case FS_SEEK_CUR: base = h->offset; break;
	case FS_SEEK_END: base = fs->inodes[h->ino].size; break;
	default: return -ERR_INVALID;
	}
	/* Offsets stay in [0, INT64_MAX]: the sum is taken as signed. */
	int64_t r;
	if (base > INT64_MAX || __builtin_add_overflow((int64_t)base, off, &r) || r < 0)
		return -ERR_INVALID;
	h->offset = (uint64_t)r;
	*pos = h->offset;
	return 0;
}

void ramfs_statfs(const struct ramfs *fs, struct ramfs_statfs *st)
{
	memset(st, 0, sizeof(*st));
	for (unsigned i = 0; i < RAMFS_MAX_INODES; i++) {
		const struct ramfs_inode *n = &fs->inodes[i];
		if (n->type == FS_TYPE_FILE)
			st->files++, st->bytes += n->size;
		else if (n->type == FS_TYPE_DIR)
			st->dirs++;
	}
	for (unsigned i = 0; i < RAMFS_MAX_HANDLES; i++)
		st->handles += fs->handles[i].used;
}
