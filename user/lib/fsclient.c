/*
 * fsclient.c: calling the file server (see fsclient.h).
 */
#include "fsclient.h"

/* path_call: a name-space request whose data is the path, its length in
 * mr0 and `arg` in mr1. */
static long path_call(erix_cptr_t fs, uint64_t op, const char *path, uint64_t arg,
		      struct rpc *r)
{
	uint64_t len = strlen(path);
	if (len > FS_PATH_MAX)
		return -ERR_TOO_LONG; /* more than one message holds */
	*r = (struct rpc){ .label = op, .w = { len, arg }, .data = path, .len = len };
	return rpc_call(fs, r);
}

/* A slot fs_open took from slot_alloc() for an open that failed: the
 * next one uses it (slot_alloc never takes a slot back). */
static erix_cptr_t spare_slot;

long fs_open(erix_cptr_t fs, const char *path, unsigned flags, erix_cptr_t *slot,
	     uint64_t *size)
{
	uint64_t len = strlen(path);
	if (len > FS_PATH_MAX)
		return -ERR_TOO_LONG; /* more than one message holds */
	erix_cptr_t s = *slot;
	if (!s) {
		s = spare_slot ? spare_slot : slot_alloc();
		spare_slot = 0;
		if (!s)
			return -ERR_NO_SPACE;
	}
	struct rpc r = { .label = FS_OPEN, .w = { len, flags }, .data = path, .len = len,
			 .recv_slot = s };
	long err = rpc_call(fs, &r);
	if (err == 0 && r.caps != 1)
		err = -ERR_INVALID; /* the server sent no capability */
	if (err < 0) {
		if (!*slot)
			spare_slot = s;
		return err;
	}
	*slot = s;
	if (size)
		*size = r.w[0];
	return 0;
}

long fs_read(erix_cptr_t file, void *buf, uint64_t len)
{
	uint8_t *out = buf;
	uint64_t done = 0;
	while (done < len) {
		uint64_t want = len - done < FS_IO_MAX ? len - done : FS_IO_MAX;
		struct rpc r = { .label = FS_READ, .w = { want } };
		long err = rpc_call(file, &r);
		if (err < 0)
			return done ? (long)done : err;
		uint64_t got = r.w[0] < want ? r.w[0] : want;
		memcpy(out + done, msg_data(), got);
		done += got;
		if (got < want)
			break; /* the end of the file */
	}
	return (long)done;
}

long fs_write(erix_cptr_t file, const void *buf, uint64_t len)
{
	const uint8_t *in = buf;
	uint64_t done = 0;
	while (done < len) {
		uint64_t n = len - done < FS_IO_MAX ? len - done : FS_IO_MAX;
		struct rpc r = { .label = FS_WRITE, .w = { n }, .data = in + done, .len = n };
		long err = rpc_call(file, &r);
		if (err < 0)
			return done ? (long)done : err;
		done += r.w[0] < n ? r.w[0] : n;
		if (r.w[0] < n)
			break;
	}
	return (long)done;
}

long fs_seek(erix_cptr_t file, int64_t off, unsigned whence)
{
	struct rpc r = { .label = FS_SEEK, .w = { (uint64_t)off, whence } };
	long err = rpc_call(file, &r);
	return err < 0 ? err : (long)r.w[0];
}

/* stat_out: a reply's mr0..mr2 as a struct fs_stat. */
static void stat_out(const struct rpc *r, struct fs_stat *st)
{
	st->size = r->w[0], st->type = r->w[1], st->ino = r->w[2];
}

long fs_fstat(erix_cptr_t file, struct fs_stat *st)
{
	struct rpc r = { .label = FS_FSTAT };
	long err = rpc_call(file, &r);
	if (err == 0)
		stat_out(&r, st);
	return err;
}

long fs_stat(erix_cptr_t fs, const char *path, struct fs_stat *st)
{
	struct rpc r;
	long err = path_call(fs, FS_STAT, path, 0, &r);
	if (err == 0)
		stat_out(&r, st);
	return err;
}

long fs_readdir(erix_cptr_t dir, uint64_t index, char *name, uint64_t *type)
{
	struct rpc r = { .label = FS_READDIR, .w = { index } };
	long err = rpc_call(dir, &r);
	if (err < 0)
		return err;
	uint64_t n = r.w[0] < FS_NAME_MAX ? r.w[0] : FS_NAME_MAX;
	memcpy(name, msg_data(), n);
	name[n] = '\0';
	if (type)
		*type = r.w[1];
	return (long)n;
}

long fs_close(erix_cptr_t file)
{
	struct rpc r = { .label = FS_CLOSE };
	return rpc_call(file, &r);
}

long fs_mkdir(erix_cptr_t fs, const char *path)
{
	struct rpc r;
	return path_call(fs, FS_MKDIR, path, 0, &r);
}

long fs_unlink(erix_cptr_t fs, const char *path)
{
	struct rpc r;
	return path_call(fs, FS_UNLINK, path, 0, &r);
}

long fs_rename(erix_cptr_t fs, const char *old, const char *new)
{
	uint64_t a = strlen(old), b = strlen(new);
	if (a > FS_PATH_MAX || b > FS_PATH_MAX || a + b > MSG_DATA_MAX)
		return -ERR_TOO_LONG; /* more than one message holds */
	char both[MSG_DATA_MAX];
	memcpy(both, old, a);
	memcpy(both + a, new, b);
	struct rpc r = { .label = FS_RENAME, .w = { a, b }, .data = both, .len = a + b };
	return rpc_call(fs, &r);
}

long fs_statfs(erix_cptr_t cap, struct fs_statfs *st)
{
	struct rpc r = { .label = FS_STATFS };
	long err = rpc_call(cap, &r);
	if (err == 0)
		st->files = r.w[0], st->dirs = r.w[1], st->bytes = r.w[2], st->handles = r.w[3];
	return err;
}
