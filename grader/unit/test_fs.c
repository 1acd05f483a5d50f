/*
 * test_fs.c: the file server's file system (user/servers/file/fs.c) on
 * the host, with an allocator that counts and checks every page.
 *
 *  - paths (walk_cases[]): one row per path, looked up whole and as a
 *    parent, every error of the protocol, the form checked before the
 *    walk, *ino and the name left alone on an error;
 *  - directories: made, listed in order, limits;
 *  - file contents: pages, holes and gaps, the direct/indirect boundary,
 *    the largest file, pages cleared before use, a store that runs out;
 *  - a model: random opens (creating, truncating, exclusive), writes with
 *    gaps, reads, seeks, renames, unlinks of open files and closes,
 *    against files kept as plain byte arrays;
 *  - unlink and rename, one case each: while open, onto itself, into its
 *    own subtree, across directories (parents fixed up), full targets;
 *  - handles: ids with generations, a closed handle's id dead for good;
 *  - limits (ERR_NO_SPACE) and pages: once everything is deleted, every
 *    page the allocator gave is back, none twice, none foreign.
 */
#include "unit.h"
#include "../../user/servers/file/fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erix/errors.h>
#include "../../user/include/status.h"

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint64_t rnd(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return rng;
}

/* en: "-ERR_NOT_DIR", "0", "4096" ... for a result, in messages. */
static const char *en(long r)
{
	static char buf[4][32];
	static unsigned k;
	char *b = buf[k++ % 4];
	if (r == 0)
		return "0";
#define EN(name, number, text) \
	if (r == -(long)(number))  \
		return "-" #name;
	ERIX_ERRORS(EN)
	SRV_ERRORS(EN)
#undef EN
	snprintf(b, sizeof(buf[0]), "%ld", r);
	return b;
}

#define EXPECT_R(expr, want)                                                              \
	do {                                                                              \
		long r_ = (long)(expr), w_ = (long)(want);                                \
		EXPECT(r_ == w_, "%s:%d: %s gave %s, not %s", __FILE__, __LINE__, #expr, en(r_), \
		       en(w_));                                                           \
	} while (0)

/* ---- the pages: an allocator that keeps count ------------------------------ */

#define MAX_LIVE 8192

static struct {
	void *live[MAX_LIVE]; /* the pages given and not back yet */
	unsigned nlive;
	unsigned long allocs, frees;
	long limit; /* pages it may still give (-1: any number) */
} pa;

static void *t_alloc(void *ctx)
{
	EXPECT(ctx == &pa, "page_alloc got another ctx");
	if (pa.limit == 0 || pa.nlive == MAX_LIVE)
		return NULL;
	if (pa.limit > 0)
		pa.limit--;
	void *p = aligned_alloc(RAMFS_PAGE_SIZE, RAMFS_PAGE_SIZE);
	memset(p, 0xa5, RAMFS_PAGE_SIZE); /* not zeros: the file system clears it */
	pa.live[pa.nlive++] = p;
	pa.allocs++;
	return p;
}

static void t_free(void *ctx, void *p)
{
	EXPECT(ctx == &pa, "page_free got another ctx");
	for (unsigned i = 0; i < pa.nlive; i++) {
		if (pa.live[i] == p) {
			pa.live[i] = pa.live[--pa.nlive];
			pa.frees++;
			free(p);
			return;
		}
	}
	ck_abort_msg("page_free of %p: never given, or freed twice", p);
}

static struct ramfs fs;

static void make_names(void);

static void fresh(void)
{
	make_names();
	memset(&pa, 0, sizeof(pa));
	pa.limit = -1;
	struct ramfs_pages pages = { t_alloc, t_free, &pa };
	ramfs_init(&fs, &pages);
}

/* ---- shorthands ---------------------------------------------------------------- */

#define P(s) (s), strlen(s)

static uint32_t make(const char *path, unsigned type)
{
	uint32_t ino = 0xdead;
	int r = ramfs_create(&fs, P(path), type, &ino);
	EXPECT(r == 0, "create %s: %s", path, en(r));
	return ino;
}

static uint32_t look(const char *path)
{
	uint32_t ino = 0xdead;
	int r = ramfs_lookup(&fs, P(path), &ino);
	EXPECT(r == 0, "lookup %s: %s", path, en(r));
	return ino;
}

static uint64_t open_(const char *path, unsigned flags)
{
	uint64_t id = 0;
	int r = ramfs_open(&fs, P(path), flags, &id);
	EXPECT(r == 0, "open %s: %s", path, en(r));
	return id;
}

static uint32_t put(const char *path, const void *data, size_t n)
{
	uint32_t ino = make(path, FS_TYPE_FILE);
	EXPECT_R(ramfs_write(&fs, ino, 0, data, n), n);
	return ino;
}

static uint64_t size_of(uint32_t ino)
{
	struct ramfs_stat st;
	ramfs_stat(&fs, ino, &st);
	return st.size;
}

/* entries: directory dir's names, "a b c", into buf. */
static const char *entries(const char *dir)
{
	static char buf[8192];
	char name[FS_NAME_MAX + 1];
	uint64_t type;
	uint32_t ino = look(dir);
	buf[0] = 0;
	for (uint64_t i = 0; ramfs_readdir(&fs, ino, i, name, &type) >= 0; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, name);
	}
	return buf;
}

static void pattern(uint8_t *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + i * 7 + (i >> 12));
}

/* ---- paths ------------------------------------------------------------------ */

static char long61[80], under_a61[96], nope61[96], file61[96], name60[80], free60[80];
static char path224[240], path225[240];

/* make_names: the long names and paths above. */
static void make_names(void)
{
	memset(long61, 0, sizeof(long61));
	long61[0] = '/';
	memset(long61 + 1, 'x', 61);
	snprintf(under_a61, sizeof(under_a61), "/a%s", long61);
	snprintf(nope61, sizeof(nope61), "/nope%s", long61);
	snprintf(file61, sizeof(file61), "/f%s", long61);
	snprintf(name60, sizeof(name60), "/a/%.60s", long61 + 1);
	snprintf(free60, sizeof(free60), "/%.60s", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");
	memset(path224, 0, sizeof(path224));
	for (unsigned i = 0; i < 112; i++)
		memcpy(path224 + 2 * i, "/a", 2);
	memcpy(path225, path224, 224);
	path225[224] = 'a';
}

/* The tree every walk case runs in. */
static void walk_tree(void)
{
	fresh();
	make("/a", FS_TYPE_DIR);
	make("/a/b", FS_TYPE_DIR);
	make("/a/b/f", FS_TYPE_FILE);
	make("/f", FS_TYPE_FILE);
	make(name60, FS_TYPE_FILE);
}

struct walk_case {
	const char *what;
	const char *path;
	int len;          /* -1: strlen(path) */
	bool parent;
	int err;          /* 0 or the error */
	const char *node; /* the inode expected (its path) */
	const char *name; /* parent: the last component expected */
};

static const struct walk_case walk_cases[] = {
	{ "the root", "/", -1, false, 0, "/", NULL },
	{ "a directory", "/a", -1, false, 0, "/a", NULL },
	{ "two deep", "/a/b", -1, false, 0, "/a/b", NULL },
	{ "a file three deep", "/a/b/f", -1, false, 0, "/a/b/f", NULL },
	{ "a file in the root", "/f", -1, false, 0, "/f", NULL },
	{ "a 60-byte name", name60, -1, false, 0, name60, NULL },
	{ "the length, not the NUL, ends the path", "/a/b/f", 4, false, 0, "/a/b", NULL },
	{ "a length of 2", "/a/b/f", 2, false, 0, "/a", NULL },
	{ "empty", "", 0, false, -ERR_INVALID, NULL, NULL },
	{ "relative", "a/b", -1, false, -ERR_INVALID, NULL, NULL },
	{ "relative, one name", "f", -1, false, -ERR_INVALID, NULL, NULL },
	{ "two slashes", "//", -1, false, -ERR_INVALID, NULL, NULL },
	{ "an empty component", "/a//b", -1, false, -ERR_INVALID, NULL, NULL },
	{ "a slash at the end", "/a/", -1, false, -ERR_INVALID, NULL, NULL },
	{ "a slash at the end, deeper", "/a/b/", -1, false, -ERR_INVALID, NULL, NULL },
	{ "a dot", "/.", -1, false, -ERR_INVALID, NULL, NULL },
	{ "dot dot", "/a/..", -1, false, -ERR_INVALID, NULL, NULL },
	{ "a dot in the middle", "/a/./b", -1, false, -ERR_INVALID, NULL, NULL },
	{ "dot dot in the middle", "/a/../a", -1, false, -ERR_INVALID, NULL, NULL },
	{ "three dots are a name", "/...", -1, false, -ERR_NOT_FOUND, NULL, NULL },
	{ "a dot first is a name", "/.a", -1, false, -ERR_NOT_FOUND, NULL, NULL },
	{ "two dots first are a name", "/..a", -1, false, -ERR_NOT_FOUND, NULL, NULL },
	{ "a NUL in a name", "/a\0b", 4, false, -ERR_INVALID, NULL, NULL },
	{ "a NUL at the end", "/f\0", 3, false, -ERR_INVALID, NULL, NULL },
	{ "a NUL in the last of a long path", "/a/b/f\0", 7, false, -ERR_INVALID, NULL, NULL },
	{ "a 61-byte component", long61, -1, false, -ERR_TOO_LONG, NULL, NULL },
	{ "a 61-byte component in a directory", under_a61, -1, false, -ERR_TOO_LONG, NULL, NULL },
	{ "too long beats not found", nope61, -1, false, -ERR_TOO_LONG, NULL, NULL },
	{ "too long beats not a directory", file61, -1, false, -ERR_TOO_LONG, NULL, NULL },
	{ "a 60-byte name not there", free60, -1, false, -ERR_NOT_FOUND, NULL, NULL },
	{ "224 bytes", path224, -1, false, -ERR_NOT_FOUND, NULL, NULL },
	{ "225 bytes", path225, -1, false, -ERR_TOO_LONG, NULL, NULL },
	{ "not there", "/nope", -1, false, -ERR_NOT_FOUND, NULL, NULL },
	{ "a missing directory on the way", "/nope/x", -1, false, -ERR_NOT_FOUND, NULL, NULL },
	{ "not there, one deep", "/a/nope", -1, false, -ERR_NOT_FOUND, NULL, NULL },
	{ "not there, two deep", "/a/b/nope", -1, false, -ERR_NOT_FOUND, NULL, NULL },
	{ "a name's prefix", "/a/bb", -1, false, -ERR_NOT_FOUND, NULL, NULL },
	{ "a longer name's prefix", "/a/b/", 4, false, 0, "/a/b", NULL },
	{ "another case", "/A", -1, false, -ERR_NOT_FOUND, NULL, NULL },
	{ "a name in the wrong directory", "/a/f", -1, false, -ERR_NOT_FOUND, NULL, NULL },
	{ "a name of the root, deeper", "/a/b/a", -1, false, -ERR_NOT_FOUND, NULL, NULL },
	{ "a file on the way", "/f/x", -1, false, -ERR_NOT_DIR, NULL, NULL },
	{ "a file on the way, deeper", "/a/b/f/x", -1, false, -ERR_NOT_DIR, NULL, NULL },
	{ "a file with two after it", "/a/b/f/x/y", -1, false, -ERR_NOT_DIR, NULL, NULL },
	/* parent */
	{ "parent: the root has none", "/", -1, true, -ERR_INVALID, NULL, NULL },
	{ "parent: a new name in the root", "/x", -1, true, 0, "/", "x" },
	{ "parent: a name there", "/f", -1, true, 0, "/", "f" },
	{ "parent: a new name two deep", "/a/b/new", -1, true, 0, "/a/b", "new" },
	{ "parent: a file's directory", "/a/b/f", -1, true, 0, "/a/b", "f" },
	{ "parent: by the length", "/a/b/f", 4, true, 0, "/a", "b" },
	{ "parent: a 60-byte name", name60, -1, true, 0, "/a", name60 + 3 },
	{ "parent: a 61-byte name", under_a61, -1, true, -ERR_TOO_LONG, NULL, NULL },
	{ "parent: in a file", "/f/x", -1, true, -ERR_NOT_DIR, NULL, NULL },
	{ "parent: in a file, deeper", "/a/b/f/x", -1, true, -ERR_NOT_DIR, NULL, NULL },
	{ "parent: past a file", "/f/x/y", -1, true, -ERR_NOT_DIR, NULL, NULL },
	{ "parent: in a missing directory", "/nope/x", -1, true, -ERR_NOT_FOUND, NULL, NULL },
	{ "parent: deeper in a missing one", "/a/nope/x", -1, true, -ERR_NOT_FOUND, NULL, NULL },
	{ "parent: a slash at the end", "/a/b/", -1, true, -ERR_INVALID, NULL, NULL },
	{ "parent: empty", "", 0, true, -ERR_INVALID, NULL, NULL },
	{ "parent: relative", "x", -1, true, -ERR_INVALID, NULL, NULL },
	{ "parent: dot dot", "/a/..", -1, true, -ERR_INVALID, NULL, NULL },
	{ "parent: a NUL", "/a/x\0", 5, true, -ERR_INVALID, NULL, NULL },
	{ "parent: 225 bytes", path225, -1, true, -ERR_TOO_LONG, NULL, NULL },
};

START_TEST(test_walk)
{
	const struct walk_case *c = &walk_cases[_i];
	walk_tree();
	size_t len = c->len < 0 ? strlen(c->path) : (size_t)c->len;
	uint32_t ino = 0xdeadbeef;
	char name[FS_NAME_MAX + 8];
	memset(name, '#', sizeof(name));
	int r = ramfs_walk(&fs, c->path, len, c->parent, &ino, c->parent ? name : NULL);
	EXPECT(r == c->err, "%s: %s, not %s", c->what, en(r), en(c->err));
	if (c->err) {
		EXPECT(ino == 0xdeadbeef, "%s: *ino written on an error", c->what);
		EXPECT(name[0] == '#', "%s: the name written on an error", c->what);
		return;
	}
	uint32_t want = look(c->node);
	EXPECT(ino == want, "%s: inode %u, not %u (%s)", c->what, ino, want, c->node);
	if (c->parent) {
		EXPECT(strcmp(name, c->name) == 0, "%s: name \"%.70s\", not \"%s\"", c->what, name,
		       c->name);
		EXPECT(name[FS_NAME_MAX + 1] == '#', "%s: wrote past the name's buffer", c->what);
	}
	/* The wrappers say the same. */
	uint32_t again = 0xdeadbeef;
	char name2[FS_NAME_MAX + 1];
	r = c->parent ? ramfs_lookup_parent(&fs, c->path, len, &again, name2)
		      : ramfs_lookup(&fs, c->path, len, &again);
	EXPECT(r == 0 && again == ino, "%s: the wrapper differs", c->what);
}
END_TEST

/* The walk after things moved: names found where they are now. */
START_TEST(test_walk_after_changes)
{
	walk_tree();
	uint32_t f = look("/a/b/f");
	EXPECT_R(ramfs_rename(&fs, P("/a/b"), P("/c")), 0);
	EXPECT_R(look("/c/f"), f);
	uint32_t ino;
	EXPECT_R(ramfs_lookup(&fs, P("/a/b/f"), &ino), -ERR_NOT_FOUND);
	EXPECT_R(ramfs_unlink(&fs, P("/c/f")), 0);
	EXPECT_R(ramfs_lookup(&fs, P("/c/f"), &ino), -ERR_NOT_FOUND);
	make("/c/f", FS_TYPE_DIR);
	make("/c/f/g", FS_TYPE_FILE);
	EXPECT_R(look("/c/f/g") != f, 1);
	/* Entries past the first of a directory. */
	for (char n = 'k'; n <= 'p'; n++) {
		char p[8] = "/c/f/";
		p[5] = n;
		make(p, FS_TYPE_FILE);
	}
	EXPECT_R(ramfs_lookup(&fs, P("/c/f/p"), &ino), 0);
	EXPECT_R(ramfs_lookup(&fs, P("/c/f/m"), &ino), 0);
	EXPECT_R(ramfs_lookup(&fs, P("/c/f/q"), &ino), -ERR_NOT_FOUND);
}
END_TEST

/* ---- directories ------------------------------------------------------------ */

START_TEST(test_dirs)
{
	fresh();
	EXPECT_R(ramfs_mkdir(&fs, P("/d")), 0);
	EXPECT_R(ramfs_mkdir(&fs, P("/d")), -ERR_EXISTS);
	EXPECT_R(ramfs_mkdir(&fs, P("/d/e")), 0);
	make("/d/file", FS_TYPE_FILE);
	EXPECT_R(ramfs_mkdir(&fs, P("/d/file")), -ERR_EXISTS);
	EXPECT_R(ramfs_mkdir(&fs, P("/")), -ERR_INVALID);
	EXPECT_R(ramfs_mkdir(&fs, P("/x/y")), -ERR_NOT_FOUND);
	EXPECT_R(ramfs_mkdir(&fs, P("/d/file/y")), -ERR_NOT_DIR);
	EXPECT_R(ramfs_mkdir(&fs, P("d")), -ERR_INVALID);
	EXPECT_R(ramfs_create(&fs, P("/d/e"), FS_TYPE_FILE, NULL), -ERR_EXISTS);

	struct ramfs_stat st;
	ramfs_stat(&fs, look("/d"), &st);
	EXPECT(st.type == FS_TYPE_DIR && st.size == 2 && st.ino == look("/d"),
	       "stat /d: type %lu size %lu", (unsigned long)st.type, (unsigned long)st.size);
	ramfs_stat(&fs, look("/d/file"), &st);
	EXPECT(st.type == FS_TYPE_FILE && st.size == 0, "stat /d/file");

	/* readdir: in the order made, with types; the holes closed up. */
	make("/d/z", FS_TYPE_FILE);
	make("/d/a", FS_TYPE_DIR);
	EXPECT(strcmp(entries("/d"), "e file z a") == 0, "/d lists \"%s\"", entries("/d"));
	char name[FS_NAME_MAX + 1];
	uint64_t type = 0;
	EXPECT_R(ramfs_readdir(&fs, look("/d"), 0, name, &type), 1);
	EXPECT(type == FS_TYPE_DIR && strcmp(name, "e") == 0, "entry 0");
	EXPECT_R(ramfs_readdir(&fs, look("/d"), 1, name, &type), 4);
	EXPECT(type == FS_TYPE_FILE && strcmp(name, "file") == 0, "entry 1");
	EXPECT_R(ramfs_readdir(&fs, look("/d"), 4, name, &type), -ERR_NOT_FOUND);
	EXPECT_R(ramfs_readdir(&fs, look("/d"), ~0ull, name, &type), -ERR_NOT_FOUND);
	EXPECT_R(ramfs_readdir(&fs, look("/d/file"), 0, name, &type), -ERR_NOT_DIR);
	EXPECT_R(ramfs_unlink(&fs, P("/d/file")), 0);
	EXPECT(strcmp(entries("/d"), "e z a") == 0, "after unlink, /d lists \"%s\"", entries("/d"));
	EXPECT_R(ramfs_readdir(&fs, look("/d/e"), 0, name, &type), -ERR_NOT_FOUND);
	EXPECT(strcmp(entries("/"), "d") == 0, "/ lists \"%s\"", entries("/"));
}
END_TEST

/* ---- file contents ------------------------------------------------------------ */

START_TEST(test_contents)
{
	fresh();
	static uint8_t data[3 * RAMFS_PAGE_SIZE + 100], back[sizeof(data) + 64];
	pattern(data, sizeof(data), 1);
	uint32_t f = make("/f", FS_TYPE_FILE);
	unsigned long before = pa.allocs;

	/* Across page boundaries, then read back in odd pieces. */
	EXPECT_R(ramfs_write(&fs, f, 0, data, sizeof(data)), sizeof(data));
	EXPECT_R(size_of(f), sizeof(data));
	EXPECT_R(pa.allocs - before, 4);
	for (size_t off = 0; off < sizeof(data); off += 1000) {
		memset(back, 0x5a, sizeof(back));
		size_t want = off + 3000 <= sizeof(data) ? 3000 : sizeof(data) - off;
		EXPECT_R(ramfs_read(&fs, f, off, back, 3000), want);
		EXPECT(memcmp(back, data + off, want) == 0, "read at %zu differs", off);
		EXPECT(back[want] == 0x5a, "read at %zu wrote past what it returned", off);
	}
	EXPECT_R(ramfs_read(&fs, f, sizeof(data), back, 10), 0);
	EXPECT_R(ramfs_read(&fs, f, sizeof(data) + 5000, back, 10), 0);
	EXPECT_R(ramfs_read(&fs, f, 0, back, 0), 0);
	EXPECT_R(ramfs_read(&fs, f, 4095, back, 2), 2);
	EXPECT(back[0] == data[4095] && back[1] == data[4096], "the two bytes around a page");

	/* Overwrite inside: no new page, size kept. */
	before = pa.allocs;
	EXPECT_R(ramfs_write(&fs, f, 10, "hello", 5), 5);
	EXPECT_R(pa.allocs, before);
	EXPECT_R(size_of(f), sizeof(data));
	EXPECT_R(ramfs_read(&fs, f, 8, back, 9), 9);
	EXPECT(memcmp(back, (uint8_t[]){ data[8], data[9], 'h', 'e', 'l', 'l', 'o', data[15], data[16] }, 9) == 0,
	       "an overwrite in the middle");

	/* A gap: zeros, and no pages for the pages it skips. */
	uint32_t g = make("/g", FS_TYPE_FILE);
	before = pa.allocs;
	EXPECT_R(ramfs_write(&fs, g, 5 * RAMFS_PAGE_SIZE + 7, "xy", 2), 2);
	EXPECT_R(pa.allocs - before, 1);
	EXPECT_R(size_of(g), 5 * RAMFS_PAGE_SIZE + 9);
	static uint8_t big[6 * RAMFS_PAGE_SIZE];
	memset(big, 0x77, sizeof(big));
	before = pa.allocs;
	EXPECT_R(ramfs_read(&fs, g, 0, big, sizeof(big)), 5 * RAMFS_PAGE_SIZE + 9);
	EXPECT(pa.allocs == before, "reading a hole made %lu pages", pa.allocs - before);
	for (size_t i = 0; i < 5 * RAMFS_PAGE_SIZE + 7; i++)
		EXPECT(big[i] == 0, "byte %zu of the gap is %#x", i, big[i]);
	EXPECT(big[5 * RAMFS_PAGE_SIZE + 7] == 'x' && big[5 * RAMFS_PAGE_SIZE + 8] == 'y', "after the gap");
	/* The rest of the written page, past the end, reads as zeros once
	 * the file grows over it. */
	EXPECT_R(ramfs_write(&fs, g, 6 * RAMFS_PAGE_SIZE - 1, "z", 1), 1);
	EXPECT_R(ramfs_read(&fs, g, 5 * RAMFS_PAGE_SIZE + 9, big, RAMFS_PAGE_SIZE), RAMFS_PAGE_SIZE - 9);
	for (size_t i = 0; i < RAMFS_PAGE_SIZE - 10; i++)
		EXPECT(big[i] == 0, "byte %zu past the old end is %#x", i, big[i]);
	EXPECT(big[RAMFS_PAGE_SIZE - 10] == 'z', "the last byte");

	/* A gap inside a page first written past it. */
	uint32_t h = make("/h", FS_TYPE_FILE);
	EXPECT_R(ramfs_write(&fs, h, 100, "a", 1), 1);
	EXPECT_R(ramfs_write(&fs, h, 10, "b", 1), 1);
	EXPECT_R(ramfs_read(&fs, h, 0, big, 200), 101);
	for (size_t i = 0; i < 101; i++)
		EXPECT(big[i] == (i == 10 ? 'b' : i == 100 ? 'a' : 0), "byte %zu of /h is %#x", i, big[i]);

	/* Directories: neither read nor written. */
	EXPECT_R(ramfs_read(&fs, RAMFS_ROOT, 0, big, 1), -ERR_IS_DIR);
	EXPECT_R(ramfs_write(&fs, RAMFS_ROOT, 0, "x", 1), -ERR_IS_DIR);
	EXPECT_R(ramfs_write(&fs, f, 0, "", 0), 0);
	EXPECT_R(size_of(f), sizeof(data));
}
END_TEST

/* The page table: the direct pages, the indirect page, the largest file. */
START_TEST(test_page_table)
{
	fresh();
	uint32_t f = make("/f", FS_TYPE_FILE);
	uint8_t b[RAMFS_PAGE_SIZE];
	EXPECT(ramfs_file_page(&fs, f, 0, false) == NULL, "page 0 of an empty file");
	EXPECT(ramfs_file_page(&fs, f, RAMFS_DIRECT, false) == NULL, "page 12 of an empty file");
	EXPECT_R(pa.allocs, 1); /* the root's entries */

	/* Pages 11 and 12: the last direct one, the first through the
	 * indirect page (two pages: it and the data). */
	unsigned long before = pa.allocs;
	uint64_t edge = (uint64_t)RAMFS_DIRECT * RAMFS_PAGE_SIZE;
	pattern(b, sizeof(b), 9);
	EXPECT_R(ramfs_write(&fs, f, edge - 100, b, 200), 200);
	EXPECT_R(pa.allocs - before, 3);
	uint8_t *p11 = ramfs_file_page(&fs, f, RAMFS_DIRECT - 1, false);
	uint8_t *p12 = ramfs_file_page(&fs, f, RAMFS_DIRECT, false);
	EXPECT(p11 && p12 && p11 != p12, "pages 11 and 12");
	EXPECT(memcmp(p11 + RAMFS_PAGE_SIZE - 100, b, 100) == 0 && memcmp(p12, b + 100, 100) == 0,
	       "the bytes around the direct/indirect boundary");
	EXPECT(ramfs_file_page(&fs, f, RAMFS_DIRECT - 1, true) == p11, "page 11 made again");
	EXPECT(ramfs_file_page(&fs, f, RAMFS_DIRECT, true) == p12, "page 12 made again");
	EXPECT(ramfs_file_page(&fs, f, RAMFS_DIRECT + 1, false) == NULL, "page 13 is a hole");
	EXPECT(ramfs_file_page(&fs, f, 0, false) == NULL, "page 0 is a hole");
	uint8_t zero[RAMFS_PAGE_SIZE] = { 0 };
	uint8_t *p13 = ramfs_file_page(&fs, f, RAMFS_DIRECT + 1, true);
	EXPECT(p13 && memcmp(p13, zero, sizeof(zero)) == 0, "a page made: cleared");
	uint8_t *p0 = ramfs_file_page(&fs, f, 0, true);
	EXPECT(p0 && p0 != p11 && p0 != p12 && p0 != p13 && memcmp(p0, zero, sizeof(zero)) == 0,
	       "page 0 made");
	EXPECT(ramfs_file_page(&fs, f, 0, false) == p0, "page 0 found");
	EXPECT_R(pa.allocs - before, 5);

	/* The last page of the table, and past it. */
	uint64_t last = RAMFS_DIRECT + RAMFS_INDIRECT - 1;
	uint8_t *pl = ramfs_file_page(&fs, f, last, true);
	EXPECT(pl && memcmp(pl, zero, sizeof(zero)) == 0, "the last page");
	EXPECT(ramfs_file_page(&fs, f, last, false) == pl, "the last page found");
	before = pa.allocs;
	EXPECT(ramfs_file_page(&fs, f, last + 1, true) == NULL, "a page past the table");
	EXPECT(ramfs_file_page(&fs, f, ~0ull, true) == NULL, "page 2^64 - 1");
	EXPECT(ramfs_file_page(&fs, f, ~0ull - RAMFS_DIRECT + 1, true) == NULL, "page 2^64 - 12");
	EXPECT_R(pa.allocs, before);

	/* Writes up to RAMFS_FILE_MAX, not a byte past it. */
	uint32_t g = make("/g", FS_TYPE_FILE);
	before = pa.allocs;
	EXPECT_R(ramfs_write(&fs, g, RAMFS_FILE_MAX - 3, "abc", 3), 3);
	EXPECT_R(pa.allocs - before, 2);
	EXPECT_R(size_of(g), RAMFS_FILE_MAX);
	EXPECT_R(ramfs_write(&fs, g, RAMFS_FILE_MAX - 3, "abcd", 4), -ERR_NO_SPACE);
	EXPECT_R(ramfs_write(&fs, g, RAMFS_FILE_MAX, "a", 1), -ERR_NO_SPACE);
	EXPECT_R(ramfs_write(&fs, g, ~0ull - 1, "ab", 2), -ERR_NO_SPACE);
	EXPECT_R(ramfs_write(&fs, g, 1ull << 62, "ab", 2), -ERR_NO_SPACE);
	EXPECT_R(size_of(g), RAMFS_FILE_MAX);
	EXPECT_R(ramfs_read(&fs, g, RAMFS_FILE_MAX - 4, b, 10), 4);
	EXPECT(memcmp(b, "\0abc", 4) == 0, "the last bytes");
	EXPECT_R(ramfs_read(&fs, g, 0, b, 4), 4);
	EXPECT(memcmp(b, "\0\0\0\0", 4) == 0, "the first bytes of a sparse file");

	/* A whole 1 MiB file, written and read in one go. */
	size_t mib = 1u << 20;
	uint8_t *big = malloc(mib), *back = malloc(mib + 1);
	pattern(big, mib, 3);
	uint32_t m = make("/m", FS_TYPE_FILE);
	EXPECT_R(ramfs_write(&fs, m, 0, big, mib), mib);
	EXPECT_R(ramfs_read(&fs, m, 0, back, mib + 1), mib);
	EXPECT(memcmp(big, back, mib) == 0, "1 MiB back");
	free(big), free(back);
	EXPECT_R(ramfs_unlink(&fs, P("/m")), 0);
	EXPECT_R(ramfs_unlink(&fs, P("/g")), 0);
	EXPECT_R(ramfs_unlink(&fs, P("/f")), 0);
	EXPECT_R(pa.nlive, 0);
}
END_TEST

/* The store runs out part way: a short write, then none. */
START_TEST(test_out_of_pages)
{
	fresh();
	uint32_t f = make("/f", FS_TYPE_FILE);
	static uint8_t data[4 * RAMFS_PAGE_SIZE], back[sizeof(data)];
	pattern(data, sizeof(data), 5);
	pa.limit = 2;
	EXPECT_R(ramfs_write(&fs, f, 100, data, sizeof(data)), 2 * RAMFS_PAGE_SIZE - 100);
	EXPECT_R(size_of(f), 2 * RAMFS_PAGE_SIZE);
	EXPECT_R(ramfs_read(&fs, f, 100, back, sizeof(back)), 2 * RAMFS_PAGE_SIZE - 100);
	EXPECT(memcmp(back, data, 2 * RAMFS_PAGE_SIZE - 100) == 0, "the bytes of a short write");
	EXPECT_R(ramfs_write(&fs, f, 2 * RAMFS_PAGE_SIZE, data, 10), -ERR_NO_SPACE);
	EXPECT_R(size_of(f), 2 * RAMFS_PAGE_SIZE);
	EXPECT_R(ramfs_write(&fs, f, 0, "in place", 8), 8); /* no new page */
	/* Past the direct pages, the indirect page is the one missing. */
	EXPECT_R(ramfs_write(&fs, f, RAMFS_DIRECT * RAMFS_PAGE_SIZE, "x", 1), -ERR_NO_SPACE);
	pa.limit = 1; /* the indirect page, and then no data page */
	EXPECT_R(ramfs_write(&fs, f, RAMFS_DIRECT * RAMFS_PAGE_SIZE, "x", 1), -ERR_NO_SPACE);
	EXPECT_R(size_of(f), 2 * RAMFS_PAGE_SIZE);
	/* Nothing left for a directory's entries either. */
	EXPECT_R(ramfs_mkdir(&fs, P("/d")), 0); /* the root has its page */
	struct ramfs_statfs before, after;
	ramfs_statfs(&fs, &before);
	EXPECT_R(ramfs_mkdir(&fs, P("/d/e")), -ERR_NO_SPACE);
	EXPECT_R(ramfs_create(&fs, P("/d/f"), FS_TYPE_FILE, NULL), -ERR_NO_SPACE);
	ramfs_statfs(&fs, &after);
	EXPECT(after.files == before.files && after.dirs == before.dirs, "inodes kept by a failed create");
	pa.limit = -1;
	EXPECT_R(ramfs_unlink(&fs, P("/f")), 0);
	EXPECT_R(ramfs_unlink(&fs, P("/d")), 0);
	EXPECT_R(pa.nlive, 0);
}
END_TEST

/* ---- the model -------------------------------------------------------------- */

#define MODEL_NAMES 5
#define MODEL_HANDLES 8

static const char *const model_paths[MODEL_NAMES] = { "/m0", "/d/m1", "/d/m2", "/d/e/m3", "/m4" };

struct mfile {
	uint8_t *data; /* RAMFS_FILE_MAX bytes */
	uint64_t size;
	unsigned refs; /* a name, and handles */
};

static struct {
	struct mfile *named[MODEL_NAMES];
	struct {
		bool open;
		uint64_t id;
		struct mfile *f;
		uint64_t off;
	} h[MODEL_HANDLES];
} model;

static void mfile_put(struct mfile *f)
{
	if (--f->refs == 0)
		free(f->data), free(f);
}

static void model_check_file(struct mfile *f, uint32_t ino, const char *what)
{
	EXPECT(size_of(ino) == f->size, "%s: size %llu, the model's %llu", what,
	       (unsigned long long)size_of(ino), (unsigned long long)f->size);
	static uint8_t back[8192];
	/* A few windows: the start, the end, one at random. */
	uint64_t starts[3] = { 0, f->size > sizeof(back) ? f->size - sizeof(back) : 0,
			       f->size ? rnd() % f->size : 0 };
	for (int k = 0; k < 3; k++) {
		uint64_t n = f->size - starts[k] < sizeof(back) ? f->size - starts[k] : sizeof(back);
		EXPECT_R(ramfs_read(&fs, ino, starts[k], back, sizeof(back)), n);
		EXPECT(memcmp(back, f->data + starts[k], n) == 0, "%s: bytes at %llu differ", what,
		       (unsigned long long)starts[k]);
	}
}

/* model_offset: where a write or seek goes: near the data, at a page
 * edge, or far out. */
static uint64_t model_offset(const struct mfile *f)
{
	switch (rnd() % 8) {
	case 0: return 0;
	case 1: return f->size;
	case 2: return f->size + rnd() % 10000;
	case 3: return (RAMFS_DIRECT * RAMFS_PAGE_SIZE) - 50 + rnd() % 100;
	case 4: return rnd() % RAMFS_FILE_MAX;
	case 5: return RAMFS_FILE_MAX - rnd() % 5000;
	default: return f->size ? rnd() % f->size : 0;
	}
}

static void model_step(void)
{
	unsigned k = (unsigned)(rnd() % MODEL_HANDLES), n = (unsigned)(rnd() % MODEL_NAMES);
	const char *path = model_paths[n];
	struct mfile *named = model.named[n];
	typeof(&model.h[0]) h = &model.h[k];
	static uint8_t buf[3 * RAMFS_PAGE_SIZE + 500];
	switch (rnd() % 12) {
	case 0:
	case 1: { /* open, into a free handle */
		if (h->open)
			break;
		static const unsigned flag_sets[] = { 0, FS_O_CREATE, FS_O_CREATE | FS_O_TRUNC, FS_O_TRUNC,
						      FS_O_CREATE | FS_O_EXCL, FS_O_EXCL };
		unsigned flags = flag_sets[rnd() % 6];
		uint64_t id = 0;
		int r = ramfs_open(&fs, P(path), flags, &id);
		if (!named && !(flags & FS_O_CREATE)) {
			EXPECT_R(r, -ERR_NOT_FOUND);
			break;
		}
		if (named && (flags & FS_O_CREATE) && (flags & FS_O_EXCL)) {
			EXPECT_R(r, -ERR_EXISTS);
			break;
		}
		EXPECT(r == 0, "open %s (flags %u): %s", path, flags, en(r));
		if (!named) {
			named = model.named[n] = calloc(1, sizeof(*named));
			named->data = calloc(1, RAMFS_FILE_MAX);
			named->refs = 1;
		}
		if (flags & FS_O_TRUNC) {
			memset(named->data, 0, named->size);
			named->size = 0;
		}
		named->refs++;
		h->open = true, h->id = id, h->f = named, h->off = 0;
		break;
	}
	case 2:
	case 3: { /* write, after a seek now and then */
		if (!h->open)
			break;
		if (rnd() % 2) {
			uint64_t pos;
			h->off = model_offset(h->f);
			EXPECT_R(ramfs_seek(&fs, h->id, (int64_t)h->off, FS_SEEK_SET, &pos), 0);
		}
		size_t len = rnd() % 4 ? rnd() % 300 : rnd() % sizeof(buf);
		for (size_t i = 0; i < len; i++)
			buf[i] = (uint8_t)rnd();
		long r = ramfs_handle_write(&fs, h->id, buf, len);
		if (h->off > RAMFS_FILE_MAX || len > RAMFS_FILE_MAX - h->off) {
			EXPECT_R(r, -ERR_NO_SPACE);
			break;
		}
		EXPECT_R(r, len);
		memcpy(h->f->data + h->off, buf, len);
		h->off += len;
		if (len && h->off > h->f->size)
			h->f->size = h->off;
		break;
	}
	case 4:
	case 5: { /* read */
		if (!h->open)
			break;
		size_t len = rnd() % 3 ? rnd() % 300 : rnd() % sizeof(buf);
		long r = ramfs_handle_read(&fs, h->id, buf, len);
		uint64_t want = h->off >= h->f->size ? 0 : h->f->size - h->off < len ? h->f->size - h->off : len;
		EXPECT_R(r, want);
		EXPECT(memcmp(buf, h->f->data + h->off, want) == 0, "read %zu at %llu differs", len,
		       (unsigned long long)h->off);
		h->off += want;
		break;
	}
	case 6: { /* seek */
		if (!h->open)
			break;
		unsigned whence = (unsigned)(rnd() % 3);
		int64_t off = (int64_t)(rnd() % 20000) - 10000;
		uint64_t base = whence == FS_SEEK_SET ? 0 : whence == FS_SEEK_CUR ? h->off : h->f->size;
		uint64_t pos = 12345;
		int r = ramfs_seek(&fs, h->id, off, whence, &pos);
		if ((int64_t)base + off < 0) {
			EXPECT_R(r, -ERR_INVALID);
			break;
		}
		EXPECT_R(r, 0);
		h->off = (uint64_t)((int64_t)base + off);
		EXPECT_R(pos, h->off);
		break;
	}
	case 7: /* close */
		if (!h->open)
			break;
		EXPECT_R(ramfs_close(&fs, h->id), 0);
		EXPECT_R(ramfs_close(&fs, h->id), -ERR_INVALID);
		mfile_put(h->f);
		h->open = false;
		break;
	case 8: /* unlink, open or not */
		EXPECT_R(ramfs_unlink(&fs, P(path)), named ? 0 : -ERR_NOT_FOUND);
		if (named)
			mfile_put(named), model.named[n] = NULL;
		break;
	case 9: { /* rename */
		unsigned to = (unsigned)(rnd() % MODEL_NAMES);
		long want = !named ? -ERR_NOT_FOUND : model.named[to] ? -ERR_EXISTS : 0;
		EXPECT_R(ramfs_rename(&fs, P(path), P(model_paths[to])), want);
		if (!want)
			model.named[to] = named, model.named[n] = NULL;
		break;
	}
	case 10: { /* stat and fstat, and the contents */
		uint32_t ino;
		int r = ramfs_lookup(&fs, P(path), &ino);
		EXPECT_R(r, named ? 0 : -ERR_NOT_FOUND);
		if (named)
			model_check_file(named, ino, path);
		if (h->open) {
			struct ramfs_handle *hh = ramfs_handle(&fs, h->id);
			EXPECT(hh && hh->offset == h->off, "handle %u: the offset", k);
			if (hh)
				model_check_file(h->f, hh->ino, "an open file");
		}
		break;
	}
	default: { /* statfs */
		struct ramfs_statfs st;
		ramfs_statfs(&fs, &st);
		uint64_t files = 0, bytes = 0, handles = 0;
		struct mfile *seen[MODEL_NAMES + MODEL_HANDLES];
		unsigned nseen = 0;
		for (unsigned i = 0; i < MODEL_NAMES + MODEL_HANDLES; i++) {
			struct mfile *f = i < MODEL_NAMES ? model.named[i]
				: model.h[i - MODEL_NAMES].open ? model.h[i - MODEL_NAMES].f : NULL;
			handles += i >= MODEL_NAMES && f;
			bool dup = !f;
			for (unsigned j = 0; j < nseen && !dup; j++)
				dup = seen[j] == f;
			if (dup)
				continue;
			seen[nseen++] = f, files++, bytes += f->size;
		}
		EXPECT(st.files == files && st.bytes == bytes && st.handles == handles && st.dirs == 3,
		       "statfs: %llu files %llu bytes %llu handles, the model's %llu %llu %llu",
		       (unsigned long long)st.files, (unsigned long long)st.bytes,
		       (unsigned long long)st.handles, (unsigned long long)files,
		       (unsigned long long)bytes, (unsigned long long)handles);
		break;
	}
	}
}

START_TEST(test_model)
{
	rng = 0x9e3779b97f4a7c15ull + (uint64_t)_i * 104729;
	fresh();
	memset(&model, 0, sizeof(model));
	make("/d", FS_TYPE_DIR);
	make("/d/e", FS_TYPE_DIR);
	for (int step = 0; step < 600; step++)
		model_step();
	/* Everything closed and deleted: every page back. */
	for (unsigned k = 0; k < MODEL_HANDLES; k++) {
		if (!model.h[k].open)
			continue;
		EXPECT_R(ramfs_close(&fs, model.h[k].id), 0);
		mfile_put(model.h[k].f);
	}
	for (unsigned n = 0; n < MODEL_NAMES; n++) {
		EXPECT_R(ramfs_unlink(&fs, P(model_paths[n])), model.named[n] ? 0 : -ERR_NOT_FOUND);
		if (model.named[n])
			mfile_put(model.named[n]);
	}
	EXPECT_R(ramfs_unlink(&fs, P("/d")), -ERR_NOT_EMPTY);
	EXPECT_R(ramfs_unlink(&fs, P("/d/e")), 0);
	EXPECT_R(ramfs_unlink(&fs, P("/d")), 0);
	EXPECT(pa.nlive == 0 && pa.allocs == pa.frees, "%u pages not given back (%lu given, %lu back)",
	       pa.nlive, pa.allocs, pa.frees);
}
END_TEST

/* ---- unlink ----------------------------------------------------------------- */

START_TEST(test_unlink)
{
	fresh();
	make("/d", FS_TYPE_DIR);
	make("/d/e", FS_TYPE_DIR);
	static uint8_t data[2 * RAMFS_PAGE_SIZE], back[sizeof(data)];
	pattern(data, sizeof(data), 11);
	uint32_t f = put("/d/f", data, sizeof(data));

	EXPECT_R(ramfs_unlink(&fs, P("/")), -ERR_INVALID);
	EXPECT_R(ramfs_unlink(&fs, P("")), -ERR_INVALID);
	EXPECT_R(ramfs_unlink(&fs, P("/d/")), -ERR_INVALID);
	EXPECT_R(ramfs_unlink(&fs, P("/nope")), -ERR_NOT_FOUND);
	EXPECT_R(ramfs_unlink(&fs, P("/nope/x")), -ERR_NOT_FOUND);
	EXPECT_R(ramfs_unlink(&fs, P("/d/f/x")), -ERR_NOT_DIR);
	EXPECT_R(ramfs_unlink(&fs, P("/d")), -ERR_NOT_EMPTY);
	EXPECT_R(ramfs_unlink(&fs, P("/d/e")), 0);
	EXPECT_R(ramfs_unlink(&fs, P("/d/e")), -ERR_NOT_FOUND);
	EXPECT(strcmp(entries("/d"), "f") == 0, "/d lists \"%s\"", entries("/d"));
	EXPECT_R(ramfs_unlink(&fs, P("/d")), -ERR_NOT_EMPTY);

	/* Unlinked while open: it reads and writes on, the name is free. */
	uint64_t id = open_("/d/f", 0), id2 = open_("/d/f", 0);
	unsigned live = pa.nlive;
	EXPECT_R(ramfs_unlink(&fs, P("/d/f")), 0);
	EXPECT_R(pa.nlive, live - 1); /* /d's entries page only */
	uint32_t ino;
	EXPECT_R(ramfs_lookup(&fs, P("/d/f"), &ino), -ERR_NOT_FOUND);
	EXPECT_R(ramfs_handle_read(&fs, id, back, sizeof(back)), sizeof(back));
	EXPECT(memcmp(back, data, sizeof(data)) == 0, "an unlinked file's bytes");
	EXPECT_R(ramfs_handle_write(&fs, id, "more", 4), 4);
	EXPECT_R(size_of(f), sizeof(data) + 4);
	struct ramfs_statfs st;
	ramfs_statfs(&fs, &st);
	EXPECT(st.files == 1 && st.bytes == sizeof(data) + 4 && st.handles == 2, "statfs of an unlinked open file");
	uint32_t g = make("/d/f", FS_TYPE_FILE);
	EXPECT(g != f, "the name made again reuses the open inode");
	EXPECT_R(size_of(g), 0);
	EXPECT_R(ramfs_close(&fs, id), 0);
	EXPECT_R(ramfs_handle_read(&fs, id2, back, 4), 4); /* still open through id2 */
	EXPECT_R(ramfs_close(&fs, id2), 0);
	ramfs_statfs(&fs, &st);
	EXPECT(st.files == 1 && st.bytes == 0 && st.handles == 0, "statfs after the last close");

	/* An empty directory, open, unlinked. */
	make("/d/e", FS_TYPE_DIR);
	uint64_t dh = open_("/d/e", 0);
	EXPECT_R(ramfs_unlink(&fs, P("/d/e")), 0);
	ramfs_statfs(&fs, &st);
	EXPECT_R(st.dirs, 3);
	EXPECT_R(ramfs_close(&fs, dh), 0);
	ramfs_statfs(&fs, &st);
	EXPECT_R(st.dirs, 2);

	EXPECT_R(ramfs_unlink(&fs, P("/d/f")), 0);
	EXPECT_R(ramfs_unlink(&fs, P("/d")), 0);
	EXPECT_R(ramfs_unlink(&fs, P("/d")), -ERR_NOT_FOUND);
	EXPECT(pa.nlive == 0, "%u pages not given back", pa.nlive);
	/* Every inode went back: the table fills again. */
	for (unsigned i = 0; i < RAMFS_MAX_INODES - 1; i++) {
		char p[16];
		snprintf(p, sizeof(p), "/d%u", i / 60);
		if (i % 60 == 0)
			make(p, FS_TYPE_DIR);
		else {
			snprintf(p, sizeof(p), "/d%u/%u", i / 60, i);
			make(p, FS_TYPE_FILE);
		}
	}
	EXPECT_R(ramfs_create(&fs, P("/d0/x"), FS_TYPE_FILE, NULL), -ERR_NO_SPACE);
}
END_TEST

/* ---- rename ------------------------------------------------------------------- */

START_TEST(test_rename)
{
	fresh();
	make("/a", FS_TYPE_DIR);
	make("/a/b", FS_TYPE_DIR);
	make("/a/b/c", FS_TYPE_DIR);
	make("/ab", FS_TYPE_DIR);
	uint32_t f = put("/a/f", "hello", 5);
	make("/g", FS_TYPE_FILE);

	/* Errors, nothing changed after any. */
	EXPECT_R(ramfs_rename(&fs, P("/a/f"), P("/a/f")), -ERR_EXISTS);
	EXPECT_R(ramfs_rename(&fs, P("/a"), P("/a")), -ERR_EXISTS);
	EXPECT_R(ramfs_rename(&fs, P("/a/f"), P("/g")), -ERR_EXISTS);
	EXPECT_R(ramfs_rename(&fs, P("/a/f"), P("/a/b")), -ERR_EXISTS);
	EXPECT_R(ramfs_rename(&fs, P("/a"), P("/a/x")), -ERR_INVALID);
	EXPECT_R(ramfs_rename(&fs, P("/a"), P("/a/b/x")), -ERR_INVALID);
	EXPECT_R(ramfs_rename(&fs, P("/a"), P("/a/b/c/x")), -ERR_INVALID);
	EXPECT_R(ramfs_rename(&fs, P("/a/b"), P("/a/b/c/x")), -ERR_INVALID);
	EXPECT_R(ramfs_rename(&fs, P("/a"), P("/a/b")), -ERR_INVALID);
	EXPECT_R(ramfs_rename(&fs, P("/a/b"), P("/a/b/c")), -ERR_INVALID);
	EXPECT_R(ramfs_rename(&fs, P("/nope"), P("/x")), -ERR_NOT_FOUND);
	EXPECT_R(ramfs_rename(&fs, P("/nope/y"), P("/x")), -ERR_NOT_FOUND);
	EXPECT_R(ramfs_rename(&fs, P("/a/f"), P("/nope/x")), -ERR_NOT_FOUND);
	EXPECT_R(ramfs_rename(&fs, P("/a/f"), P("/g/x")), -ERR_NOT_DIR);
	EXPECT_R(ramfs_rename(&fs, P("/a/f"), P("/a/f/x")), -ERR_NOT_DIR);
	EXPECT_R(ramfs_rename(&fs, P("/g/x"), P("/x")), -ERR_NOT_DIR);
	EXPECT_R(ramfs_rename(&fs, P("/"), P("/x")), -ERR_INVALID);
	EXPECT_R(ramfs_rename(&fs, P("/a/f"), P("/")), -ERR_INVALID);
	EXPECT_R(ramfs_rename(&fs, P("/a/f"), P("x")), -ERR_INVALID);
	EXPECT_R(ramfs_rename(&fs, P("a/f"), P("/x")), -ERR_INVALID);
	EXPECT_R(ramfs_rename(&fs, P("/a/f"), P(long61)), -ERR_TOO_LONG);
	EXPECT(strcmp(entries("/"), "a ab g") == 0, "/ lists \"%s\"", entries("/"));
	EXPECT(strcmp(entries("/a"), "b f") == 0, "/a lists \"%s\"", entries("/a"));
	EXPECT(strcmp(entries("/a/b"), "c") == 0, "/a/b lists \"%s\"", entries("/a/b"));

	/* Not under itself: a name that only starts the same. */
	EXPECT_R(ramfs_rename(&fs, P("/a"), P("/ab/a")), 0);
	EXPECT_R(ramfs_rename(&fs, P("/ab/a"), P("/a")), 0);

	/* In one directory: the name changes, the place and inode stay. */
	uint64_t id = open_("/a/f", 0);
	EXPECT_R(ramfs_rename(&fs, P("/a/f"), P("/a/f2")), 0);
	EXPECT(strcmp(entries("/a"), "b f2") == 0, "/a lists \"%s\"", entries("/a"));
	EXPECT_R(look("/a/f2"), f);
	uint32_t ino;
	EXPECT_R(ramfs_lookup(&fs, P("/a/f"), &ino), -ERR_NOT_FOUND);
	/* A longer name over a shorter one, then a shorter again. */
	EXPECT_R(ramfs_rename(&fs, P("/a/f2"), P("/a/a-much-longer-name")), 0);
	EXPECT_R(ramfs_rename(&fs, P("/a/a-much-longer-name"), P("/a/s")), 0);
	EXPECT(strcmp(entries("/a"), "b s") == 0, "/a lists \"%s\"", entries("/a"));

	/* Across directories: the handle follows, the old entry goes. */
	EXPECT_R(ramfs_rename(&fs, P("/a/s"), P("/a/b/c/moved")), 0);
	EXPECT(strcmp(entries("/a"), "b") == 0, "/a lists \"%s\"", entries("/a"));
	EXPECT(strcmp(entries("/a/b/c"), "moved") == 0, "/a/b/c lists \"%s\"", entries("/a/b/c"));
	EXPECT_R(look("/a/b/c/moved"), f);
	char back[8] = { 0 };
	EXPECT_R(ramfs_handle_read(&fs, id, back, sizeof(back)), 5);
	EXPECT(strcmp(back, "hello") == 0, "the file's bytes after rename");
	EXPECT_R(ramfs_close(&fs, id), 0);

	/* A directory across: its parent fixed up. /a/b moves to /ab/b;
	 * then /ab cannot go under /ab/b, and /a can go under /ab/b. */
	uint32_t b = look("/a/b");
	EXPECT_R(ramfs_rename(&fs, P("/a/b"), P("/ab/b")), 0);
	EXPECT_R(look("/ab/b/c/moved"), f);
	EXPECT_R(look("/ab/b"), b);
	EXPECT_R(ramfs_rename(&fs, P("/ab"), P("/ab/b/c/x")), -ERR_INVALID);
	EXPECT_R(ramfs_rename(&fs, P("/a"), P("/ab/b/c/a")), 0);
	EXPECT_R(ramfs_rename(&fs, P("/ab/b"), P("/ab/b/c/a/b")), -ERR_INVALID);
	EXPECT_R(ramfs_rename(&fs, P("/ab/b/c"), P("/c")), 0);
	EXPECT_R(ramfs_rename(&fs, P("/ab/b"), P("/c/a/b")), 0); /* c is no longer under b */
	EXPECT_R(ramfs_rename(&fs, P("/c"), P("/c/a/b/x")), -ERR_INVALID);
	EXPECT_R(ramfs_rename(&fs, P("/c/a"), P("/c/a/b/x")), -ERR_INVALID);
	EXPECT(strcmp(entries("/"), "ab g c") == 0, "/ lists \"%s\"", entries("/"));
	EXPECT(strcmp(entries("/c"), "moved a") == 0, "/c lists \"%s\"", entries("/c"));
	EXPECT(strcmp(entries("/c/a"), "b") == 0, "/c/a lists \"%s\"", entries("/c/a"));
	EXPECT(strcmp(entries("/ab"), "") == 0, "/ab lists \"%s\"", entries("/ab"));

	/* A full target directory: ERR_NO_SPACE, nothing changed; in the
	 * same full directory a rename still works. */
	make("/full", FS_TYPE_DIR);
	for (unsigned i = 0; i < RAMFS_DIR_ENTRIES; i++) {
		char p[16];
		snprintf(p, sizeof(p), "/full/%u", i);
		make(p, FS_TYPE_FILE);
	}
	EXPECT_R(ramfs_create(&fs, P("/full/x"), FS_TYPE_FILE, NULL), -ERR_NO_SPACE);
	EXPECT_R(ramfs_rename(&fs, P("/g"), P("/full/g")), -ERR_NO_SPACE);
	EXPECT_R(look("/g") != 0, 1);
	EXPECT_R(ramfs_rename(&fs, P("/full/7"), P("/full/seven")), 0);
	EXPECT_R(ramfs_rename(&fs, P("/full/8"), P("/g8")), 0);
	EXPECT_R(ramfs_rename(&fs, P("/g"), P("/full/g")), 0);

	/* Everything away: every page back. */
	EXPECT_R(ramfs_unlink(&fs, P("/ab")), 0);
	EXPECT_R(ramfs_unlink(&fs, P("/c/moved")), 0);
	EXPECT_R(ramfs_unlink(&fs, P("/c/a/b")), 0);
	EXPECT_R(ramfs_unlink(&fs, P("/c/a")), 0);
	EXPECT_R(ramfs_unlink(&fs, P("/c")), 0);
	EXPECT_R(ramfs_unlink(&fs, P("/g8")), 0);
	char name[FS_NAME_MAX + 1];
	uint64_t type;
	while (ramfs_readdir(&fs, look("/full"), 0, name, &type) >= 0) {
		char p[80];
		snprintf(p, sizeof(p), "/full/%s", name);
		EXPECT_R(ramfs_unlink(&fs, P(p)), 0);
	}
	EXPECT_R(ramfs_unlink(&fs, P("/full")), 0);
	EXPECT(strcmp(entries("/"), "") == 0, "/ lists \"%s\"", entries("/"));
	EXPECT(pa.nlive == 0, "%u pages not given back", pa.nlive);
}
END_TEST

/* ---- handles ---------------------------------------------------------------- */

START_TEST(test_handles)
{
	fresh();
	put("/f", "abcdef", 6);
	uint64_t id = open_("/f", 0);
	EXPECT(id != 0 && id < FS_BADGE_NS, "an id of %#llx", (unsigned long long)id);
	EXPECT(ramfs_handle(&fs, id) != NULL, "an open id");
	EXPECT_R(ramfs_close(&fs, id), 0);
	EXPECT(ramfs_handle(&fs, id) == NULL, "a closed id");
	EXPECT_R(ramfs_close(&fs, id), -ERR_INVALID);
	char b[8];
	uint64_t pos;
	EXPECT_R(ramfs_handle_read(&fs, id, b, 1), -ERR_INVALID);
	EXPECT_R(ramfs_handle_write(&fs, id, b, 1), -ERR_INVALID);
	EXPECT_R(ramfs_seek(&fs, id, 0, FS_SEEK_SET, &pos), -ERR_INVALID);

	/* The row again, with a new generation: the old id stays dead. */
	uint64_t id2 = open_("/f", 0);
	EXPECT(RAMFS_HANDLE_ROW(id2) == RAMFS_HANDLE_ROW(id) && id2 != id,
	       "the row reused with a new generation: %#llx then %#llx", (unsigned long long)id,
	       (unsigned long long)id2);
	EXPECT(ramfs_handle(&fs, id) == NULL, "the old id works on the reused row");
	EXPECT_R(ramfs_handle_read(&fs, id, b, 1), -ERR_INVALID);
	EXPECT_R(ramfs_close(&fs, id), -ERR_INVALID);
	EXPECT_R(ramfs_handle_read(&fs, id2, b, 3), 3); /* not closed by the old one */
	uint64_t seen[100];
	seen[0] = id, seen[1] = id2;
	for (unsigned i = 2; i < 100; i++) {
		EXPECT_R(ramfs_close(&fs, seen[i - 1]), 0);
		seen[i] = open_("/f", 0);
		for (unsigned j = 0; j < i; j++)
			EXPECT(seen[i] != seen[j], "id %#llx given twice", (unsigned long long)seen[i]);
		EXPECT(ramfs_handle(&fs, seen[i - 1]) == NULL, "a closed id works");
	}
	EXPECT_R(ramfs_close(&fs, seen[99]), 0);

	/* Two handles, two offsets. */
	uint64_t x = open_("/f", 0), y = open_("/f", 0);
	EXPECT(x != y && RAMFS_HANDLE_ROW(x) != RAMFS_HANDLE_ROW(y), "two handles on one row");
	EXPECT_R(ramfs_handle_read(&fs, x, b, 2), 2);
	EXPECT_R(ramfs_handle_read(&fs, y, b, 1), 1);
	EXPECT(b[0] == 'a', "y's offset moved with x's");
	EXPECT_R(ramfs_handle_read(&fs, x, b, 1), 1);
	EXPECT(b[0] == 'c', "x's offset");
	/* Ids never given: rows past the table, generations not yet used, 0. */
	EXPECT(ramfs_handle(&fs, 0) == NULL, "id 0");
	EXPECT(ramfs_handle(&fs, RAMFS_HANDLE_ROW(x)) == NULL, "generation 0");
	EXPECT(ramfs_handle(&fs, x + (1ull << RAMFS_HANDLE_BITS)) == NULL, "the next generation");
	EXPECT(ramfs_handle(&fs, x | 1ull << 63) == NULL, "a high bit set");
	EXPECT(ramfs_handle(&fs, (x & ~0xffull) | 0xff) == NULL, "row 255");
	EXPECT(ramfs_handle(&fs, FS_BADGE_NS) == NULL, "the name space's badge");

	/* The handle table fills; an open that cannot get a handle makes
	 * nothing. */
	EXPECT_R(ramfs_close(&fs, y), 0);
	uint64_t all[RAMFS_MAX_HANDLES];
	all[0] = x;
	for (unsigned i = 1; i < RAMFS_MAX_HANDLES; i++)
		all[i] = open_("/f", 0);
	uint64_t z = 0;
	EXPECT_R(ramfs_open(&fs, P("/f"), 0, &z), -ERR_NO_SPACE);
	EXPECT_R(ramfs_open(&fs, P("/new"), FS_O_CREATE, &z), -ERR_NO_SPACE);
	uint32_t ino;
	EXPECT_R(ramfs_lookup(&fs, P("/new"), &ino), -ERR_NOT_FOUND);
	struct ramfs_statfs st;
	ramfs_statfs(&fs, &st);
	EXPECT_R(st.handles, RAMFS_MAX_HANDLES);
	EXPECT_R(ramfs_close(&fs, all[5]), 0);
	EXPECT_R(ramfs_open(&fs, P("/new"), FS_O_CREATE, &z), 0);
	EXPECT_R(RAMFS_HANDLE_ROW(z), RAMFS_HANDLE_ROW(all[5]));
}
END_TEST

START_TEST(test_seek)
{
	fresh();
	put("/f", "0123456789", 10);
	uint64_t id = open_("/f", 0), pos = 0;
	char b[4];
	EXPECT_R(ramfs_seek(&fs, id, 3, FS_SEEK_SET, &pos), 0);
	EXPECT_R(pos, 3);
	EXPECT_R(ramfs_seek(&fs, id, 2, FS_SEEK_CUR, &pos), 0);
	EXPECT_R(pos, 5);
	EXPECT_R(ramfs_handle_read(&fs, id, b, 1), 1);
	EXPECT(b[0] == '5', "read after seeks");
	EXPECT_R(ramfs_seek(&fs, id, -6, FS_SEEK_CUR, &pos), 0);
	EXPECT_R(pos, 0);
	EXPECT_R(ramfs_seek(&fs, id, -1, FS_SEEK_END, &pos), 0);
	EXPECT_R(pos, 9);
	EXPECT_R(ramfs_seek(&fs, id, 5, FS_SEEK_END, &pos), 0);
	EXPECT_R(pos, 15);
	EXPECT_R(ramfs_handle_read(&fs, id, b, 1), 0);
	pos = 77;
	EXPECT_R(ramfs_seek(&fs, id, -16, FS_SEEK_CUR, &pos), -ERR_INVALID);
	EXPECT_R(ramfs_seek(&fs, id, -11, FS_SEEK_END, &pos), -ERR_INVALID);
	EXPECT_R(ramfs_seek(&fs, id, -1, FS_SEEK_SET, &pos), -ERR_INVALID);
	EXPECT_R(ramfs_seek(&fs, id, 0, 3, &pos), -ERR_INVALID);
	EXPECT_R(ramfs_seek(&fs, id, INT64_MAX, FS_SEEK_SET, &pos), 0);
	EXPECT_R(ramfs_seek(&fs, id, 1, FS_SEEK_CUR, &pos), -ERR_INVALID); /* overflow */
	EXPECT_R(ramfs_handle_write(&fs, id, "x", 1), -ERR_NO_SPACE);
	EXPECT_R(ramfs_seek(&fs, id, 0, FS_SEEK_CUR, &pos), 0);
	EXPECT(pos == INT64_MAX, "a failed seek or write moved the offset");
	/* A write through the handle: at the offset, which moves on. */
	EXPECT_R(ramfs_seek(&fs, id, 12, FS_SEEK_SET, &pos), 0);
	EXPECT_R(ramfs_handle_write(&fs, id, "ab", 2), 2);
	EXPECT_R(ramfs_seek(&fs, id, 0, FS_SEEK_CUR, &pos), 0);
	EXPECT_R(pos, 14);
	char all[16];
	EXPECT_R(ramfs_read(&fs, look("/f"), 0, all, sizeof(all)), 14);
	EXPECT(memcmp(all, "0123456789\0\0ab", 14) == 0, "the file after a write past its end");
}
END_TEST

START_TEST(test_open_flags)
{
	fresh();
	uint64_t id;
	EXPECT_R(ramfs_open(&fs, P("/f"), 0, &id), -ERR_NOT_FOUND);
	EXPECT_R(ramfs_open(&fs, P("/f"), FS_O_TRUNC, &id), -ERR_NOT_FOUND);
	EXPECT_R(ramfs_open(&fs, P("/f"), 0x8, &id), -ERR_INVALID);
	EXPECT_R(ramfs_open(&fs, P("/f"), FS_O_CREATE | 0x100, &id), -ERR_INVALID);
	EXPECT_R(ramfs_open(&fs, P("/x/f"), FS_O_CREATE, &id), -ERR_NOT_FOUND);
	EXPECT_R(ramfs_open(&fs, P("/f"), FS_O_CREATE | FS_O_EXCL, &id), 0);
	EXPECT_R(ramfs_handle_write(&fs, id, "data", 4), 4);
	EXPECT_R(ramfs_open(&fs, P("/f"), FS_O_CREATE | FS_O_EXCL, &id), -ERR_EXISTS);
	EXPECT_R(ramfs_open(&fs, P("/f/x"), FS_O_CREATE, &id), -ERR_NOT_DIR);
	EXPECT_R(ramfs_open(&fs, P("/f"), FS_O_EXCL, &id), 0); /* without CREATE: ignored */
	EXPECT_R(ramfs_open(&fs, P("/f"), FS_O_CREATE, &id), 0);
	EXPECT_R(size_of(look("/f")), 4);
	unsigned live = pa.nlive;
	EXPECT_R(ramfs_open(&fs, P("/f"), FS_O_TRUNC, &id), 0);
	EXPECT_R(size_of(look("/f")), 0);
	EXPECT_R(pa.nlive, live - 1);
	char b[4];
	EXPECT_R(ramfs_handle_read(&fs, id, b, 4), 0);
	EXPECT_R(ramfs_open(&fs, P("/"), 0, &id), 0);
	EXPECT_R(ramfs_open(&fs, P("/"), FS_O_TRUNC, &id), -ERR_IS_DIR);
	EXPECT_R(ramfs_open(&fs, P("/"), FS_O_CREATE, &id), 0);
	EXPECT_R(ramfs_open(&fs, P(""), 0, &id), -ERR_INVALID);
	EXPECT_R(ramfs_open(&fs, P(long61), FS_O_CREATE, &id), -ERR_TOO_LONG);
	EXPECT_R(ramfs_handle_read(&fs, id, b, 4), -ERR_IS_DIR);
	EXPECT_R(ramfs_handle_write(&fs, id, b, 4), -ERR_IS_DIR);
}
END_TEST

/* ---- limits and pages ----------------------------------------------------------- */

START_TEST(test_limits)
{
	fresh();
	/* A directory holds RAMFS_DIR_ENTRIES. */
	make("/d", FS_TYPE_DIR);
	for (unsigned i = 0; i < RAMFS_DIR_ENTRIES; i++) {
		char p[16];
		snprintf(p, sizeof(p), "/d/%u", i);
		make(p, FS_TYPE_FILE);
	}
	EXPECT_R(ramfs_mkdir(&fs, P("/d/one-more")), -ERR_NO_SPACE);
	uint64_t id;
	EXPECT_R(ramfs_open(&fs, P("/d/one-more"), FS_O_CREATE, &id), -ERR_NO_SPACE);
	EXPECT_R(ramfs_unlink(&fs, P("/d/63")), 0);
	EXPECT_R(ramfs_mkdir(&fs, P("/d/one-more")), 0);
	/* The inode table: RAMFS_MAX_INODES, the root included. */
	struct ramfs_statfs st;
	unsigned made = 0;
	for (unsigned i = 0;; i++) {
		char p[32];
		if (i % RAMFS_DIR_ENTRIES == 0)
			snprintf(p, sizeof(p), "/e%u", i / RAMFS_DIR_ENTRIES);
		else
			snprintf(p, sizeof(p), "/e%u/%u", i / RAMFS_DIR_ENTRIES, i);
		int r = ramfs_create(&fs, P(p), i % RAMFS_DIR_ENTRIES ? FS_TYPE_FILE : FS_TYPE_DIR, NULL);
		if (r) {
			EXPECT_R(r, -ERR_NO_SPACE);
			break;
		}
		made++;
	}
	ramfs_statfs(&fs, &st);
	EXPECT_R(st.files + st.dirs, RAMFS_MAX_INODES);
	EXPECT_R(made, RAMFS_MAX_INODES - 2 - RAMFS_DIR_ENTRIES);
	EXPECT_R(ramfs_mkdir(&fs, P("/d/x")), -ERR_NO_SPACE);
	EXPECT_R(ramfs_unlink(&fs, P("/d/0")), 0);
	EXPECT_R(ramfs_mkdir(&fs, P("/d/x")), 0);
}
END_TEST

/* Pages: a tree of every kind of file made and deleted, every page back,
 * and once more, so that the rows and pages freed work again. */
START_TEST(test_pages_back)
{
	fresh();
	static uint8_t data[20 * RAMFS_PAGE_SIZE];
	pattern(data, sizeof(data), 21);
	for (int round = 0; round < 2; round++) {
		make("/d", FS_TYPE_DIR);
		make("/d/e", FS_TYPE_DIR);
		put("/d/small", data, 10);
		put("/d/e/direct", data, 5 * RAMFS_PAGE_SIZE);
		put("/big", data, sizeof(data)); /* into the indirect page */
		uint32_t sparse = make("/d/sparse", FS_TYPE_FILE);
		EXPECT_R(ramfs_write(&fs, sparse, RAMFS_FILE_MAX - 1, "z", 1), 1);
		make("/d/empty", FS_TYPE_FILE);
		uint64_t id = open_("/big", 0);
		EXPECT_R(ramfs_rename(&fs, P("/d/e"), P("/e")), 0);
		EXPECT_R(ramfs_rename(&fs, P("/big"), P("/e/big")), 0);
		EXPECT_R(ramfs_open(&fs, P("/d/small"), FS_O_TRUNC, &(uint64_t){ 0 }), 0);
		const char *all[] = { "/d/small", "/e/direct", "/e/big", "/d/sparse", "/d/empty", "/e", "/d" };
		for (unsigned i = 0; i < sizeof(all) / sizeof(all[0]); i++)
			EXPECT_R(ramfs_unlink(&fs, P(all[i])), 0);
		EXPECT(pa.nlive > 0, "the open file's pages went at its unlink");
		EXPECT_R(ramfs_handle_read(&fs, id, data, 3), 3);
		for (unsigned i = 0; i < RAMFS_MAX_HANDLES; i++)
			if (fs.handles[i].used)
				EXPECT_R(ramfs_close(&fs, (uint64_t)fs.handles[i].gen << RAMFS_HANDLE_BITS | i), 0);
		EXPECT(pa.nlive == 0 && pa.allocs == pa.frees,
		       "round %d: %u pages not given back (%lu given, %lu back)", round, pa.nlive,
		       pa.allocs, pa.frees);
		struct ramfs_statfs st;
		ramfs_statfs(&fs, &st);
		EXPECT(st.files == 0 && st.dirs == 1 && st.bytes == 0 && st.handles == 0,
		       "statfs of an empty file system");
	}
}
END_TEST

Suite *fs_suite(void);
Suite *fs_suite(void)
{
	Suite *s = suite_create("fs");
	TCase *tc = tcase_create("paths");
	tcase_add_loop_test(tc, test_walk, 0, (int)(sizeof(walk_cases) / sizeof(walk_cases[0])));
	tcase_add_test(tc, test_walk_after_changes);
	tcase_add_test(tc, test_dirs);
	suite_add_tcase(s, tc);
	tc = tcase_create("contents");
	tcase_add_test(tc, test_contents);
	tcase_add_test(tc, test_page_table);
	tcase_add_test(tc, test_out_of_pages);
	suite_add_tcase(s, tc);
	tc = tcase_create("model");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_model, 0, 12);
	suite_add_tcase(s, tc);
	tc = tcase_create("unlink and rename");
	tcase_add_test(tc, test_unlink);
	tcase_add_test(tc, test_rename);
	suite_add_tcase(s, tc);
	tc = tcase_create("handles and limits");
	tcase_add_test(tc, test_handles);
	tcase_add_test(tc, test_seek);
	tcase_add_test(tc, test_open_flags);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_pages_back);
	suite_add_tcase(s, tc);
	return s;
}
