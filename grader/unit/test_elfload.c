/*
 * test_elfload.c: user/lib/elfload.c, elf_load_segment, on images that
 * kernel/elf.c's elf_parse has checked, loaded as user/lib/spawn.c's
 * spawn() loads a program: parsed with a process's user limit, then every
 * segment in turn, stopping at the first error.
 *
 * The pager here keeps a model of the new address space: each page's
 * 4096 bytes, its rights, whether it is executable, how many times it was
 * mapped, and the order of the calls. It refuses a source range outside
 * the image and fails, when told to, at its k-th call. Each image sits at
 * the very end of its own allocation, so that AddressSanitizer sees any
 * read past it. Every byte of an image that is not a header is random and
 * nonzero, so that a byte copied where zeros belong shows.
 *
 *  - shapes (shape_cases[]): named layouts: a file part that is empty,
 *    ends mid-page, ends on a page boundary, ends on the image's last
 *    byte; .bss many pages past it; a segment ending at the user limit;
 *    segments out of address order; and the layouts user/user.ld gives
 *    the real programs (text R-X at an unaligned file offset, rodata R--,
 *    data RW- with its .bss), copied from their program headers;
 *  - random images: 1 to 6 segments of random sizes, flags (R--, RW-,
 *    R-X), file offsets and order, with empty PT_LOADs and other program
 *    headers among them;
 *  - errors: the pager failing at each call in turn: loading returns its
 *    error and makes no call after it;
 *  - empty PT_LOADs (memsz 0), which elf_parse drops: nothing mapped;
 *  - the root task, when ERIX_ROOT_ELF names it (make unit-test does).
 *
 * After each load, every page of every segment must have been mapped
 * exactly once, in increasing order, with rights READ (| WRITE iff the
 * segment is writable), executable iff the segment is, holding the
 * image's bytes for the segment's first filesz bytes and zeros after
 * them; no other page may be mapped.
 */
#include "unit.h"
#include "elf.h"
#include "elfload.h"
#include "proc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erix/caps.h>
#include <erix/errors.h>

#define PAGE ELF_PAGE_SIZE
#define USER_TOP (PROC_IPC_BUFFER - PAGE) /* as spawn() parses */
#define PF_R ELF_PF_R
#define PF_RW (ELF_PF_R | ELF_PF_W)
#define PF_RX (ELF_PF_R | ELF_PF_X)
#define PT_NOTE 4
#define MAX_PHDRS 8

static uint64_t rng;
static uint64_t rnd(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return rng;
}

/* pages: how many pages [vaddr, vaddr + memsz) touches (vaddr aligned). */
static uint64_t pages(uint64_t memsz) { return (memsz + PAGE - 1) / PAGE; }

/* ---- the fake pager and its model of the address space ------------------- */

/* One page of the new process. */
struct mapped {
	uint64_t va;
	unsigned rights;
	bool exec;
	unsigned times; /* how many times it was mapped */
	uint8_t bytes[PAGE];
};

/* The new process's address space, as the pager's calls made it. */
struct space {
	const uint8_t *image; /* every source range must lie in it */
	size_t size;
	unsigned fail_at; /* the call (1, 2, ...) that fails; 0: none */
	long fail_err;    /* what it returns */
	bool failed;
	unsigned calls;   /* calls made, including a failed one */
	uint64_t *call_va; /* [calls]: the address of each call */
	unsigned npages, cap;
	struct mapped *page; /* [npages]: each address once */
};

static struct mapped *find(const struct space *s, uint64_t va)
{
	for (unsigned i = 0; i < s->npages; i++)
		if (s->page[i].va == va)
			return &s->page[i];
	return NULL;
}

/* fake_page: elfload.h's pager callback, into the struct space ctx. */
static long fake_page(void *ctx, const void *src, uint64_t len, uint64_t va, unsigned rights,
		      bool exec)
{
	struct space *s = ctx;
	EXPECT(!s->failed, "a call for 0x%lx after the pager failed at call %u", (unsigned long)va,
	       s->fail_at);
	EXPECT(va % PAGE == 0, "a call for the unaligned address 0x%lx", (unsigned long)va);
	EXPECT(len <= PAGE, "page 0x%lx: %lu bytes, more than a page", (unsigned long)va,
	       (unsigned long)len);
	if (len) {
		uintptr_t at = (uintptr_t)src, lo = (uintptr_t)s->image;
		EXPECT(src != NULL && at >= lo && at - lo <= s->size && len <= s->size - (at - lo),
		       "page 0x%lx: %lu bytes from image offset %ld, outside its %zu bytes",
		       (unsigned long)va, (unsigned long)len, (long)(at - lo), s->size);
	}
	if (s->calls == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		EXPECT(s->cap <= 1u << 16, "more than %u pages mapped", s->cap / 2);
		s->call_va = realloc(s->call_va, s->cap * sizeof(*s->call_va));
		s->page = realloc(s->page, s->cap * sizeof(*s->page));
	}
	s->call_va[s->calls++] = va;
	if (s->calls == s->fail_at) {
		s->failed = true;
		return s->fail_err;
	}
	struct mapped *m = find(s, va);
	if (!m) {
		m = &s->page[s->npages++];
		m->va = va, m->times = 0;
	}
	m->times++;
	m->rights = rights, m->exec = exec;
	if (len)
		memcpy(m->bytes, src, len);
	memset(m->bytes + len, 0, PAGE - len);
	return 0;
}

static void space_init(struct space *s, const uint8_t *image, size_t size)
{
	memset(s, 0, sizeof(*s));
	s->image = image, s->size = size;
}

static void space_free(struct space *s)
{
	free(s->call_va);
	free(s->page);
}

/* load: image[0..size-1] parsed as spawn() parses it (its result must be
 * ELF_OK) into *e, then every segment loaded into s; the first error. */
static long load(struct space *s, struct elf_image *e, const uint8_t *image, size_t size,
		 const char *name)
{
	enum elf_status st = elf_parse(image, size, USER_TOP, e);
	EXPECT(st == ELF_OK, "%s: elf_parse says \"%s\"", name, elf_strerror(st));
	const struct elf_pager pager = { fake_page, s };
	for (unsigned i = 0; i < e->nsegments; i++) {
		long r = elf_load_segment(image, &e->seg[i], &pager);
		if (r < 0)
			return r;
		EXPECT(r == 0, "%s: segment %u: elf_load_segment returns %ld", name, i, r);
	}
	return 0;
}

/* check_space: after loading e from image into s (stopped by the
 * pager's failure, if it failed): the calls were, in order, for the
 * segments' pages, each segment's in increasing order, and stopped only
 * at the failure; each page whose call succeeded is mapped once, with its
 * segment's rights and contents; no other page is mapped. */
static void check_space(const struct space *s, const struct elf_image *e, const uint8_t *image,
			const char *name)
{
	unsigned call = 0, ok = s->failed ? s->calls - 1 : s->calls;
	for (unsigned i = 0; i < e->nsegments; i++) {
		const struct elf_segment *g = &e->seg[i];
		unsigned want_rights = ERIX_RIGHT_READ | (g->write ? ERIX_RIGHT_WRITE : 0);
		for (uint64_t p = 0; p < pages(g->memsz); p++, call++) {
			uint64_t va = g->vaddr + p * PAGE;
			if (call == s->calls) {
				EXPECT(s->failed, "%s: %u calls, none for 0x%lx (segment %u's page %lu of %lu)",
				       name, s->calls, (unsigned long)va, i, (unsigned long)p,
				       (unsigned long)pages(g->memsz));
				goto mapped;
			}
			EXPECT(s->call_va[call] == va,
			       "%s: call %u maps 0x%lx, want 0x%lx (segment %u's page %lu of %lu)", name,
			       call + 1, (unsigned long)s->call_va[call], (unsigned long)va, i,
			       (unsigned long)p, (unsigned long)pages(g->memsz));
			const struct mapped *m = find(s, va);
			if (call >= ok) {
				EXPECT(!m, "%s: page 0x%lx mapped although its call failed", name,
				       (unsigned long)va);
				continue;
			}
			EXPECT(m && m->times == 1, "%s: page 0x%lx mapped %u times, want once", name,
			       (unsigned long)va, m ? m->times : 0);
			EXPECT(m->rights == want_rights, "%s: page 0x%lx has rights 0x%x, want 0x%x",
			       name, (unsigned long)va, m->rights, want_rights);
			EXPECT(m->exec == g->exec, "%s: page 0x%lx %s executable, want %s", name,
			       (unsigned long)va, m->exec ? "is" : "is not", g->exec ? "it" : "not");
			for (uint64_t b = 0; b < PAGE; b++) {
				uint64_t off = p * PAGE + b;
				uint8_t want = off < g->filesz ? image[g->offset + off] : 0;
				EXPECT(m->bytes[b] == want,
				       "%s: byte 0x%lx (segment %u's byte 0x%lx of filesz 0x%lx, memsz "
				       "0x%lx) is 0x%02x, want 0x%02x",
				       name, (unsigned long)(va + b), i, (unsigned long)off,
				       (unsigned long)g->filesz, (unsigned long)g->memsz, m->bytes[b], want);
			}
		}
	}
	EXPECT(call == s->calls, "%s: %u calls, the segments have %u pages", name, s->calls, call);
mapped:
	EXPECT(s->npages == ok,
	       "%s: %u pages mapped, want %u (a page outside the segments, or one mapped twice)",
	       name, s->npages, ok);
}

/* total_pages: the pages of e's segments. */
static unsigned total_pages(const struct elf_image *e)
{
	uint64_t n = 0;
	for (unsigned i = 0; i < e->nsegments; i++)
		n += pages(e->seg[i].memsz);
	return (unsigned)n;
}

/* ---- images ----------------------------------------------------------------- */

/* A program header to write; type 0 means PT_LOAD. */
struct seg_spec {
	uint64_t vaddr, offset, filesz, memsz;
	uint32_t flags, type;
};

/* An image to build: its program headers in file order, its entry, its
 * size (the last byte of the file may be any segment's). */
struct layout {
	unsigned n;
	struct seg_spec seg[MAX_PHDRS];
	uint64_t entry;
	size_t size;
};

static bool loadable(const struct seg_spec *g) { return g->type == 0 && g->memsz != 0; }

/* build: l's image, at the end of its own allocation: header, program
 * headers right after it, every other byte random and nonzero. */
static uint8_t *build(const struct layout *l)
{
	uint8_t *img = malloc(l->size);
	for (size_t i = 0; i < l->size; i++)
		img[i] = (uint8_t)(rnd() | 1);
	struct elf64_ehdr eh = {
		.ident = { 0x7f, 'E', 'L', 'F', ELF_CLASS64, ELF_DATA_LSB, ELF_VERSION_CURRENT },
		.type = ELF_TYPE_EXEC,
		.machine = ELF_MACHINE_X86_64,
		.version = ELF_VERSION_CURRENT,
		.entry = l->entry,
		.phoff = sizeof(eh),
		.ehsize = sizeof(eh),
		.phentsize = sizeof(struct elf64_phdr),
		.phnum = (uint16_t)l->n,
	};
	ck_assert(sizeof(eh) + l->n * sizeof(struct elf64_phdr) <= l->size);
	memcpy(img, &eh, sizeof(eh));
	for (unsigned i = 0; i < l->n; i++) {
		const struct seg_spec *g = &l->seg[i];
		struct elf64_phdr ph = { .type = g->type ? g->type : ELF_PT_LOAD, .flags = g->flags,
					 .offset = g->offset, .vaddr = g->vaddr, .paddr = g->vaddr,
					 .filesz = g->filesz, .memsz = g->memsz, .align = PAGE };
		memcpy(img + sizeof(eh) + i * sizeof(ph), &ph, sizeof(ph));
	}
	return img;
}

/* check_parsed: elf_parse described l's loadable segments, in file order
 * (what this suite loads is what it meant to build). */
static void check_parsed(const struct layout *l, const struct elf_image *e, const char *name)
{
	unsigned k = 0;
	for (unsigned i = 0; i < l->n; i++) {
		const struct seg_spec *g = &l->seg[i];
		if (!loadable(g))
			continue;
		EXPECT(k < e->nsegments, "%s: elf_parse found %u segments", name, e->nsegments);
		const struct elf_segment *p = &e->seg[k++];
		EXPECT(p->vaddr == g->vaddr && p->memsz == g->memsz && p->offset == g->offset &&
			       p->filesz == g->filesz && p->write == !!(g->flags & ELF_PF_W) &&
			       p->exec == !!(g->flags & ELF_PF_X),
		       "%s: elf_parse's segment %u is not program header %u", name, k - 1, i);
	}
	EXPECT(k == e->nsegments, "%s: elf_parse found %u segments, want %u", name, e->nsegments, k);
}

/* load_and_check: build l, load it all, check the address space. */
static void load_and_check(const struct layout *l, const char *name)
{
	uint8_t *img = build(l);
	struct space s;
	struct elf_image e;
	space_init(&s, img, l->size);
	long r = load(&s, &e, img, l->size, name);
	EXPECT(r == 0, "%s: loading returns %s after %u calls", name, unit_err_name((int)r), s.calls);
	check_parsed(l, &e, name);
	check_space(&s, &e, img, name);
	EXPECT(s.calls == total_pages(&e), "%s: %u calls for %u pages", name, s.calls,
	       total_pages(&e));
	space_free(&s);
	free(img);
}

/* ---- shapes ------------------------------------------------------------------ */

#define TEXT(filesz) { 0x400000, 0x1000, filesz, filesz, PF_RX, 0 }
#define LIMIT_PAGE(n) (USER_TOP - (n) * PAGE)

/* One named layout; entry 0 means 0x400000. */
struct shape {
	const char *name;
	struct layout l;
};

static const struct shape shape_cases[] = {
	{ "text of whole pages", { 1, { TEXT(0x2000) }, 0, 0x3000 } },
	{ "text ending mid-page", { 1, { { 0x400000, 0, 0x1234, 0x1234, PF_RX, 0 } }, 0, 0x2000 } },
	{ "one byte", { 1, { { 0x400000, 0x7ff, 1, 1, PF_RX, 0 } }, 0, 0x800 } },
	{ ".bss only (filesz 0)",
	  { 2, { TEXT(0x100), { 0x600000, 0, 0, 0x3000, PF_RW, 0 } }, 0, 0x1100 } },
	{ ".bss only, not whole pages",
	  { 2, { TEXT(0x100), { 0x600000, 0x40, 0, 0x2001, PF_RW, 0 } }, 0, 0x1100 } },
	{ "filesz mid-page, .bss many pages past it",
	  { 2, { TEXT(0x100), { 0x600000, 0x1100, 0x10, 0x9005, PF_RW, 0 } }, 0, 0x1800 } },
	{ "filesz whole pages, memsz not",
	  { 2, { TEXT(0x100), { 0x600000, 0x2000, 0x2000, 0x2801, PF_RW, 0 } }, 0, 0x5000 } },
	{ "filesz one byte past a page",
	  { 2, { TEXT(0x100), { 0x600000, 0x2000, 0x1001, 0x3000, PF_RW, 0 } }, 0, 0x5000 } },
	{ "filesz one byte short of a page",
	  { 2, { TEXT(0x100), { 0x600000, 0x2000, 0xfff, 0x1000, PF_R, 0 } }, 0, 0x5000 } },
	{ "the file part ending on the image's last byte",
	  { 2, { TEXT(0x100), { 0x600000, 0x4000 - 0x1801, 0x1801, 0x4000, PF_RW, 0 } }, 0,
	    0x4000 } },
	{ "a whole-page file part ending on the image's last byte",
	  { 2, { TEXT(0x100), { 0x600000, 0x2000, 0x2000, 0x2000, PF_R, 0 } }, 0, 0x4000 } },
	{ "a segment ending at the user limit",
	  { 2, { TEXT(0x100), { LIMIT_PAGE(3), 0x1100, 0x1800, 0x3000, PF_RW, 0 } }, 0, 0x3000 } },
	{ "segments on adjacent pages",
	  { 3,
	    { { 0x400000, 0x100, 0x10, 0x10, PF_RX, 0 }, { 0x401000, 0x200, 0x20, 0x20, PF_R, 0 },
	      { 0x402000, 0x300, 0x30, 0x1000, PF_RW, 0 } },
	    0, 0x400 } },
	{ "segments out of address order",
	  { 3,
	    { { 0x700000, 0x300, 0x1500, 0x2100, PF_RW, 0 }, TEXT(0x1800),
	      { 0x500000, 0x100, 0x800, 0x800, PF_R, 0 } },
	    0x400ff0, 0x3000 } },
	{ "segments sharing file bytes",
	  { 2,
	    { { 0x400000, 0, 0x1800, 0x1800, PF_RX, 0 }, { 0x402000, 0x1000, 0x1800, 0x5000, PF_RW, 0 } },
	    0, 0x2800 } },
	/* The real programs' program headers (readelf -l on the build's ELFs;
	 * the file shorter than theirs, ending with the last segment's bytes). */
	{ "hello.elf: text, rodata, data all .bss",
	  { 3,
	    { { 0x400000, 0xf0, 0x31e2, 0x31e2, PF_RX, 0 }, { 0x404000, 0x32e0, 0xf47, 0xf47, PF_R, 0 },
	      { 0x405000, 0, 0, 0x50, PF_RW, 0 } },
	    0, 0x4227 } },
	{ "file.elf: text, rodata, data with 8 pages of .bss",
	  { 3,
	    { { 0x400000, 0xf0, 0x53c7, 0x53c7, PF_RX, 0 }, { 0x406000, 0x54c0, 0x10e0, 0x10e0, PF_R, 0 },
	      { 0x408000, 0x65a0, 0x8, 0x86b8, PF_RW, 0 } },
	    0, 0x65a8 } },
	{ "memory.elf: text, rodata, 18 pages of .bss",
	  { 3,
	    { { 0x400000, 0xf0, 0x4430, 0x4430, PF_RX, 0 }, { 0x405000, 0x4520, 0x1008, 0x1008, PF_R, 0 },
	      { 0x407000, 0, 0, 0x11320, PF_RW, 0 } },
	    0, 0x5528 } },
	{ "root.elf: data at a page-aligned offset",
	  { 3,
	    { { 0x400000, 0xf0, 0x112e4, 0x112e4, PF_RX, 0 },
	      { 0x412000, 0x113e0, 0x2608, 0x2608, PF_R, 0 },
	      { 0x415000, 0x14000, 0x18, 0x2e300, PF_RW, 0 } },
	    0, 0x14018 } },
};

START_TEST(test_shape)
{
	const struct shape *c = &shape_cases[_i];
	struct layout l = c->l;
	if (!l.entry)
		l.entry = 0x400000;
	rng = 0x9e3779b97f4a7c15ull + (uint64_t)_i;
	load_and_check(&l, c->name);
}
END_TEST

/* ---- random images --------------------------------------------------------- */

/* random_sizes: a segment's filesz and memsz, one of the shapes a loader
 * gets wrong. */
static void random_sizes(struct seg_spec *g)
{
	switch (rnd() % 6) {
	case 0: /* .bss only */
		g->filesz = 0, g->memsz = 1 + rnd() % (5 * PAGE);
		break;
	case 1: /* whole pages of file */
		g->filesz = g->memsz = PAGE * (1 + rnd() % 3);
		break;
	case 2: /* file only, likely ending mid-page */
		g->filesz = g->memsz = 1 + rnd() % (3 * PAGE);
		break;
	case 3: /* .bss many pages past the file part */
		g->filesz = 1 + rnd() % (2 * PAGE);
		g->memsz = g->filesz + PAGE * (2 + rnd() % 6) + rnd() % PAGE;
		break;
	case 4: /* whole pages of file, memsz not a multiple */
		g->filesz = PAGE * (1 + rnd() % 2);
		g->memsz = g->filesz + 1 + rnd() % (3 * PAGE - 1);
		break;
	default: /* small, a few bytes of .bss at most */
		g->filesz = 1 + rnd() % 64;
		g->memsz = g->filesz + rnd() % 16;
		break;
	}
}

/* random_layout: 1 to 6 loadable segments, in address order with gaps of
 * 0 to 3 pages from a random base (sometimes ending at the user limit),
 * their program headers shuffled, with sometimes an empty PT_LOAD and a
 * PT_NOTE among them; file offsets random (sometimes ending the file). */
static void random_layout(struct layout *l)
{
	struct seg_spec g[MAX_PHDRS];
	unsigned n = 1 + (unsigned)(rnd() % 6), exec = 0;
	uint64_t gap[MAX_PHDRS], span = 0, maxfile = 0;
	memset(g, 0, sizeof(g));
	for (unsigned i = 0; i < n; i++) {
		random_sizes(&g[i]);
		static const uint32_t flags[] = { PF_R, PF_RW, PF_RX };
		g[i].flags = flags[rnd() % 3];
		exec += g[i].flags == PF_RX;
		gap[i] = i + 1 < n ? PAGE * (rnd() % 4) : 0; /* after it */
		span += PAGE * pages(g[i].memsz) + gap[i];
		maxfile = g[i].filesz > maxfile ? g[i].filesz : maxfile;
	}
	if (!exec)
		g[rnd() % n].flags = PF_RX;

	uint64_t va;
	switch (rnd() % 3) {
	case 0: va = 0x400000; break;
	case 1: va = PAGE * (1 + rnd() % (1ull << 34)); break;
	default: va = USER_TOP - span; break;
	}
	for (unsigned i = 0; i < n; i++) {
		g[i].vaddr = va;
		va += PAGE * pages(g[i].memsz) + gap[i];
	}
	for (unsigned i = 0;; i = (i + 1) % n)
		if (g[i].flags == PF_RX && rnd() % 2) {
			l->entry = g[i].vaddr + rnd() % g[i].memsz;
			break;
		}
	if (rnd() % 4 == 0) /* dropped by elf_parse, whatever else it says */
		g[n++] = (struct seg_spec){ g[0].vaddr + 0x123, 0, 0, 0, ELF_PF_W | ELF_PF_X, 0 };
	if (rnd() % 4 == 0)
		g[n++] = (struct seg_spec){ g[0].vaddr, 7, 0x100, 0x100, PF_RW, PT_NOTE };
	for (unsigned i = n - 1; i > 0; i--) {
		unsigned k = (unsigned)(rnd() % (i + 1));
		struct seg_spec t = g[i];
		g[i] = g[k], g[k] = t;
	}

	l->n = n;
	l->size = sizeof(struct elf64_ehdr) + n * sizeof(struct elf64_phdr) + maxfile +
		  rnd() % (2 * PAGE);
	for (unsigned i = 0; i < n; i++) {
		if (loadable(&g[i])) {
			uint64_t room = l->size - g[i].filesz;
			g[i].offset = rnd() % 4 == 0 ? room : rnd() % (room + 1);
		}
		l->seg[i] = g[i];
	}
}

#define RANDOM_ROWS 32
#define IMAGES_PER_ROW 16

START_TEST(test_random)
{
	rng = 0x2545f4914f6cdd1dull * (uint64_t)(_i + 1);
	for (int k = 0; k < IMAGES_PER_ROW; k++) {
		struct layout l;
		char name[64];
		random_layout(&l);
		snprintf(name, sizeof(name), "random image %d.%d (%u headers)", _i, k, l.n);
		load_and_check(&l, name);
	}
}
END_TEST

/* ---- errors ------------------------------------------------------------------ */

/* Loading fails at each call in turn: the pager's error comes back, no
 * call follows it, the pages before it are as they should be. */
START_TEST(test_pager_fails)
{
	static const long errs[] = { -ERR_NO_MEMORY, -ERR_EXISTS, -ERR_NO_TABLE, -ERR_INVALID };
	struct layout l;
	if (_i < (int)(sizeof(shape_cases) / sizeof(shape_cases[0]))) {
		l = shape_cases[_i].l;
		if (!l.entry)
			l.entry = 0x400000;
	} else {
		rng = 0x51afd7ed558ccd1dull * (uint64_t)(_i + 1);
		do
			random_layout(&l);
		while (l.n < 3);
	}
	uint8_t *img = build(&l);
	struct elf_image e;
	enum elf_status st = elf_parse(img, l.size, USER_TOP, &e);
	EXPECT(st == ELF_OK, "layout %d: elf_parse says \"%s\"", _i, elf_strerror(st));
	unsigned total = total_pages(&e);
	for (unsigned k = 1; k <= total; k++) {
		struct space s;
		char name[64];
		long err = errs[k % 4];
		snprintf(name, sizeof(name), "layout %d, failing at call %u of %u", _i, k, total);
		space_init(&s, img, l.size);
		s.fail_at = k, s.fail_err = err;
		long r = load(&s, &e, img, l.size, name);
		EXPECT(r == err, "%s: loading returns %s, want the pager's %s", name,
		       unit_err_name((int)r), unit_err_name((int)err));
		EXPECT(s.calls == k, "%s: %u calls", name, s.calls);
		check_space(&s, &e, img, name);
		space_free(&s);
	}
	free(img);
}
END_TEST

/* ---- empty segments ------------------------------------------------------------ */

/* PT_LOADs with memsz 0, wherever they claim to be (unaligned, on another
 * segment, above the user limit, writable and executable, filesz 0 or
 * not even that checked), are dropped: no page of theirs is mapped. */
START_TEST(test_empty_segments)
{
	struct layout l = { 6,
			    { { 0x400000, 0x123, 0, 0, PF_RX, 0 },
			      { 0x400000, 0x100, 0x1100, 0x1100, PF_RX, 0 },
			      { 0x500001, 0, 0, 0, ELF_PF_W | ELF_PF_X, 0 },
			      { 0x402000, 0x200, 0x10, 0x2000, PF_RW, 0 },
			      { 0xffff800000000000ull, 0, 0, 0, PF_RW, 0 },
			      { 0x900000, 0, 0, 0, PF_R, 0 } },
			    0x400800, 0x1400 };
	rng = 0x1234567;
	load_and_check(&l, "empty PT_LOADs among two segments");

	/* Only empty ones beside the text: just the text's page. */
	struct layout one = { 3,
			      { { 0x600000, 0, 0, 0, PF_RW, 0 }, { 0x400000, 0x80, 0x80, 0x80, PF_RX, 0 },
				{ 0x401000, 0, 0, 0, PF_RW, 0 } },
			      0x400000, 0x200 };
	uint8_t *img = build(&one);
	struct space s;
	struct elf_image e;
	space_init(&s, img, one.size);
	EXPECT(load(&s, &e, img, one.size, "one segment") == 0, "one segment: loading fails");
	EXPECT(e.nsegments == 1 && s.calls == 1 && s.npages == 1 && s.call_va[0] == 0x400000,
	       "%u segments, %u calls, %u pages mapped, want the text's one", e.nsegments, s.calls,
	       s.npages);
	EXPECT(!find(&s, 0x600000) && !find(&s, 0x401000), "an empty segment's page is mapped");
	space_free(&s);
	free(img);
}
END_TEST

/* ---- the root task ------------------------------------------------------------- */

/* The root task make unit-test names in ERIX_ROOT_ELF, loaded as spawn()
 * would load it (nothing to do when it is not named). */
START_TEST(test_root_task)
{
	const char *path = getenv("ERIX_ROOT_ELF");
	if (!path || !*path)
		return;
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	static uint8_t buf[1 << 21];
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	uint8_t *img = malloc(n);
	memcpy(img, buf, n);
	struct space s;
	struct elf_image e;
	space_init(&s, img, n);
	long r = load(&s, &e, img, n, path);
	EXPECT(r == 0, "%s: loading returns %s", path, unit_err_name((int)r));
	check_space(&s, &e, img, path);
	EXPECT(s.calls == total_pages(&e), "%s: %u calls for %u pages", path, s.calls,
	       total_pages(&e));
	space_free(&s);
	free(img);
}
END_TEST

Suite *elfload_suite(void)
{
	Suite *s = suite_create("elfload");
	TCase *tc = tcase_create("shapes");
	tcase_add_loop_test(tc, test_shape, 0, (int)(sizeof(shape_cases) / sizeof(shape_cases[0])));
	tcase_add_test(tc, test_empty_segments);
	tcase_add_test(tc, test_root_task);
	suite_add_tcase(s, tc);
	tc = tcase_create("random images");
	tcase_add_loop_test(tc, test_random, 0, RANDOM_ROWS);
	suite_add_tcase(s, tc);
	tc = tcase_create("pager errors");
	tcase_add_loop_test(tc, test_pager_fails, 0,
			    (int)(sizeof(shape_cases) / sizeof(shape_cases[0])) + 8);
	suite_add_tcase(s, tc);
	return s;
}
