/*
 * main.c: the file server (lab 5; the protocol is user/include/file.h,
 * the file system itself fs.c).
 *
 * What init gives it (proc.h):
 *   P_ENDPOINT   the endpoint it serves; clients hold copies of it, the
 *                name space's badged FS_BADGE_NS, each open file's with
 *                the id of its handle (fs.h), minted here
 *   P_UNTYPED    2^untyped_bits bytes: the Frames of its heap, where the
 *                files' pages live, and the page tables they need
 *   image_first.. image_frames Frames (read-only, in order) holding the
 *                boot image, image_size bytes: its files become the first
 *                contents of the file system ("bin/sh" as "/bin/sh")
 *
 * An open file's capability is a child of one the server keeps, one slot
 * per handle (handle_slot[]): FS_CLOSE revokes it, so every copy the
 * client holds stops working, and the handle's id is never minted again.
 * FS_DUP (lab 6) gives another capability for the handle, for another
 * process (fork); the handle then closes at the last of their FS_CLOSEs
 * (handle_refs[]).
 * Nothing here blocks but the Recv.
 */
#include "bootimage.h"
#include "file.h"
#include "fs.h"
#include "proc.h"
#include "rpc.h"

#define HEAP_BASE 0x0000100000000000ull  /* the files' pages */
#define IMAGE_BASE 0x0000200000000000ull /* the boot image, read-only */

static struct ramfs fs;

/* The server's own copy of each open handle's capability, by row. */
static erix_cptr_t handle_slot[RAMFS_MAX_HANDLES];
static uint32_t handle_refs[RAMFS_MAX_HANDLES]; /* FS_OPEN's and FS_DUP's not yet closed */

/* The heap: fresh pages from heap_next up; freed ones on a list linked
 * through their first word (a Frame cannot go back to the Untyped alone). */
static uint64_t heap_next = HEAP_BASE;
static void *free_pages;

/* page_alloc: a page for the file system (fs.h's struct ramfs_pages):
 * a freed one, or a new Frame from P_UNTYPED mapped at heap_next; NULL
 * when the Untyped or the free slots are used up. */
static void *page_alloc(void *ctx)
{
	(void)ctx;
	if (free_pages) {
		void *p = free_pages;
		free_pages = *(void **)p;
		return p;
	}
	erix_cptr_t frame = retype_new(P_UNTYPED, ERIX_OBJ_FRAME, 0);
	if (!frame)
		return NULL;
	if (map_page(P_UNTYPED, P_VSPACE, frame, heap_next, ERIX_RIGHT_READ | ERIX_RIGHT_WRITE)) {
		cnode_delete(P_CNODE, frame);
		return NULL;
	}
	void *p = (void *)heap_next;
	heap_next += RAMFS_PAGE_SIZE;
	return p;
}

static void page_free(void *ctx, void *page)
{
	(void)ctx;
	*(void **)page = free_pages;
	free_pages = page;
}

/* ---- the boot image ---------------------------------------------------- */

/* make_dirs: every directory on the way to path (len bytes) made, those
 * that exist kept. */
static void make_dirs(const char *path, size_t len)
{
	for (size_t i = 1; i < len; i++)
		if (path[i] == '/')
			ramfs_mkdir(&fs, path, i);
}

/* load_file: the image's entry e made the file "/" + its name, with the
 * directories on the way. 0 or a negative error. */
static long load_file(const struct bootimage *b, const struct erix_bootimage_entry *e)
{
	char path[ERIX_BOOTIMAGE_NAME_MAX + 1] = "/";
	size_t len = 1 + strlen(e->name);
	memcpy(path + 1, e->name, len);
	make_dirs(path, len);
	uint32_t ino;
	long err = ramfs_create(&fs, path, len, FS_TYPE_FILE, &ino);
	if (err < 0 || !e->size)
		return err;
	long n = ramfs_write(&fs, ino, 0, bootimage_data(b, e), e->size);
	return n < 0 ? n : (uint64_t)n < e->size ? -ERR_NO_SPACE : 0;
}

/* load_image: map the boot image and make a file of each of its entries.
 * Returns 0 with the files and bytes made, or a negative error; files
 * that cannot be made are left out, the first one's error said. */
static long load_image(unsigned *files, uint64_t *bytes)
{
	uint64_t have = procinfo->image_frames * RAMFS_PAGE_SIZE;
	uint64_t size = procinfo->image_size < have ? procinfo->image_size : have;
	for (uint64_t i = 0; i < procinfo->image_frames; i++) {
		long err = map_page(P_UNTYPED, P_VSPACE, procinfo->image_first + i,
				    IMAGE_BASE + i * RAMFS_PAGE_SIZE,
				    ERIX_RIGHT_READ);
		if (err)
			return err;
	}
	struct bootimage b;
	const char *why;
	if (bootimage_parse((const void *)IMAGE_BASE, size, &b, &why) < 0) {
		uprintf("file: the boot image: %s\n", why);
		return -ERR_INVALID;
	}
	unsigned failed = 0;
	for (uint32_t i = 0; i < b.count; i++) {
		long err = load_file(&b, &b.table[i]);
		if (err < 0 && !failed++)
			uprintf("file: /%s: %s\n", b.table[i].name, erix_strerror(err));
		if (err < 0)
			continue;
		*files += 1;
		*bytes += b.table[i].size;
	}
	if (failed > 1)
		uprintf("file: %u files of the boot image left out\n", failed);
	return 0;
}

/* ---- requests ------------------------------------------------------------ */

/* A reply being made: status (0: ok), words, data bytes in msg_data(),
 * and a capability to send (0: none). */
struct reply {
	uint64_t status;
	uint64_t w[ERIX_MSG_REG_WORDS];
	uint64_t len;
	erix_cptr_t cap;
};

/* take_path: the len bytes at offset `at` of the request's data into dst
 * (FS_PATH_MAX bytes). 0, ERR_TOO_LONG past FS_PATH_MAX, ERR_INVALID if
 * the message does not hold them. */
static uint64_t take_path(uint64_t info, uint64_t at, uint64_t len, char *dst)
{
	if (len > FS_PATH_MAX)
		return ERR_TOO_LONG;
	uint64_t have = msg_data_len(info);
	if (at > have || len > have - at)
		return ERR_INVALID;
	memcpy(dst, msg_data() + at, len);
	return 0;
}

/* status_of: a ramfs result as a reply status. */
static uint64_t status_of(long r) { return r < 0 ? (uint64_t)-r : 0; }

static void put_stat(struct reply *r, uint32_t ino)
{
	struct ramfs_stat st;
	ramfs_stat(&fs, ino, &st);
	r->w[0] = st.size, r->w[1] = st.type, r->w[2] = st.ino;
}

static void put_statfs(struct reply *r)
{
	struct ramfs_statfs st;
	ramfs_statfs(&fs, &st);
	r->w[0] = st.files, r->w[1] = st.dirs, r->w[2] = st.bytes, r->w[3] = st.handles;
}

/* do_open: FS_OPEN's handle, and a capability badged with its id. */
static void do_open(const char *path, size_t len, uint64_t flags, struct reply *r)
{
	uint64_t id;
	if (flags > 0xffffffffull) {
		r->status = ERR_INVALID;
		return;
	}
	long err = ramfs_open(&fs, path, len, (unsigned)flags, &id);
	if (err < 0) {
		r->status = status_of(err);
		return;
	}
	erix_cptr_t slot = handle_slot[RAMFS_HANDLE_ROW(id)];
	err = cnode_mint(P_CNODE, slot, P_ENDPOINT, ERIX_RIGHT_WRITE | ERIX_RIGHT_GRANT, id);
	if (err < 0) {
		ramfs_close(&fs, id);
		r->status = status_of(err);
		return;
	}
	handle_refs[RAMFS_HANDLE_ROW(id)] = 1;
	put_stat(r, ramfs_handle(&fs, id)->ino);
	r->w[2] = 0; /* FS_OPEN answers size and type only */
	r->cap = slot;
}

/* name_space: a request on the name-space capability. */
static void name_space(struct erix_msg *m, struct reply *r)
{
	char path[FS_PATH_MAX], path2[FS_PATH_MAX];
	uint32_t ino;
	switch (ERIX_MSGINFO_LABEL(m->info)) {
	case FS_OPEN:
		if (!(r->status = take_path(m->info, 0, m->mr[0], path)))
			do_open(path, m->mr[0], m->mr[1], r);
		break;
	case FS_MKDIR:
		if (!(r->status = take_path(m->info, 0, m->mr[0], path)))
			r->status = status_of(ramfs_mkdir(&fs, path, m->mr[0]));
		break;
	case FS_UNLINK:
		if (!(r->status = take_path(m->info, 0, m->mr[0], path)))
			r->status = status_of(ramfs_unlink(&fs, path, m->mr[0]));
		break;
	case FS_RENAME:
		if (!(r->status = take_path(m->info, 0, m->mr[0], path)) &&
		    !(r->status = take_path(m->info, m->mr[0], m->mr[1], path2)))
			r->status = status_of(ramfs_rename(&fs, path, m->mr[0], path2, m->mr[1]));
		break;
	case FS_STAT:
		if (!(r->status = take_path(m->info, 0, m->mr[0], path)) &&
		    !(r->status = status_of(ramfs_lookup(&fs, path, m->mr[0], &ino))))
			put_stat(r, ino);
		break;
	case FS_STATFS:
		put_statfs(r);
		break;
	default:
		r->status = ERR_BAD_LABEL;
		break;
	}
}

/* open_file: a request on an open file's capability, badged id. */
static void open_file(struct erix_msg *m, uint64_t id, struct reply *r)
{
	uint64_t label = ERIX_MSGINFO_LABEL(m->info);
	if (label == FS_STATFS) {
		put_statfs(r);
		return;
	}
	if ((label < FS_READ || label > FS_CLOSE) && label != FS_DUP) {
		r->status = ERR_BAD_LABEL;
		return;
	}
	struct ramfs_handle *h = ramfs_handle(&fs, id);
	if (!h) {
		r->status = ERR_INVALID; /* closed: its capability is revoked */
		return;
	}
	long n;
	switch (label) {
	case FS_READ: {
		uint64_t want = m->mr[0] < FS_IO_MAX ? m->mr[0] : FS_IO_MAX;
		if ((n = ramfs_handle_read(&fs, id, msg_data(), want)) >= 0)
			r->w[0] = r->len = (uint64_t)n;
		r->status = status_of(n);
		break;
	}
	case FS_WRITE:
		if (m->mr[0] > FS_IO_MAX || m->mr[0] > msg_data_len(m->info)) {
			r->status = ERR_INVALID; /* more than the message holds */
			break;
		}
		if ((n = ramfs_handle_write(&fs, id, msg_data(), m->mr[0])) >= 0)
			r->w[0] = (uint64_t)n;
		r->status = status_of(n);
		break;
	case FS_SEEK: {
		unsigned whence = m->mr[1] > FS_SEEK_END ? ~0u : (unsigned)m->mr[1];
		r->status = status_of(ramfs_seek(&fs, id, (int64_t)m->mr[0], whence, &r->w[0]));
		break;
	}
	case FS_FSTAT:
		put_stat(r, h->ino);
		break;
	case FS_READDIR: {
		char name[FS_NAME_MAX + 1];
		uint64_t type;
		if ((n = ramfs_readdir(&fs, h->ino, m->mr[0], name, &type)) >= 0) {
			memcpy(msg_data(), name, (size_t)n);
			r->w[0] = r->len = (uint64_t)n;
			r->w[1] = type;
		}
		r->status = status_of(n);
		break;
	}
	case FS_DUP:
		handle_refs[RAMFS_HANDLE_ROW(id)]++;
		r->cap = handle_slot[RAMFS_HANDLE_ROW(id)];
		break;
	case FS_CLOSE: {
		erix_cptr_t slot = handle_slot[RAMFS_HANDLE_ROW(id)];
		if (--handle_refs[RAMFS_HANDLE_ROW(id)] > 0)
			break; /* another capability still holds it open */
		cnode_revoke(P_CNODE, slot); /* the client's copies go */
		cnode_delete(P_CNODE, slot);
		r->status = status_of(ramfs_close(&fs, id));
		break;
	}
	default:
		r->status = ERR_BAD_LABEL;
		break;
	}
}

/* handle: one request in m; m becomes the reply. */
static void handle(struct erix_msg *m)
{
	struct reply r = { 0 };
	if (m->badge == FS_BADGE_NS)
		name_space(m, &r);
	else
		open_file(m, m->badge, &r);
	if (r.status)
		r.len = 0, r.cap = 0, memset(r.w, 0, sizeof(r.w));
	if (r.cap)
		ipc_buf()->send_caps[0] = r.cap;
	m->info = ERIX_MSGINFO(r.status, msg_words(r.len), r.cap ? 1 : 0);
	memcpy(m->mr, r.w, sizeof(r.w));
}

int main(void)
{
	struct ramfs_pages pages = { .page_alloc = page_alloc, .page_free = page_free };
	ramfs_init(&fs, &pages);
	for (unsigned i = 0; i < RAMFS_MAX_HANDLES; i++) {
		if (!(handle_slot[i] = slot_alloc())) {
			uprintf("file: cannot start: no free slots\n");
			return 1;
		}
	}
	unsigned files = 0;
	uint64_t bytes = 0;
	long err = load_image(&files, &bytes);
	if (err < 0)
		uprintf("file: no boot image: %s\n", erix_strerror(err));
	ramfs_mkdir(&fs, "/tmp", 4); /* lab 6: for tmpfile() and the shell's users */
	uprintf("file: %u files from the boot image, %llu KiB\n", files,
		(unsigned long long)((bytes + 1023) / 1024));

	struct erix_msg m;
	ipc_buf()->recv_count = 0; /* no request brings a capability */
	err = erix_recv(P_ENDPOINT, &m);
	for (;;) {
		if (err < 0) {
			uprintf("file: receive failed: %s\n", erix_strerror(err));
			return 1;
		}
		handle(&m);
		err = erix_reply_recv(P_ENDPOINT, &m);
	}
}
