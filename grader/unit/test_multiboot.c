/*
 * test_multiboot.c: kernel/multiboot.c (mb2_parse, mb2_strerror) on tag
 * lists built by hand.
 *
 * struct mb2_builder writes a multiboot2 information the way GRUB lays it
 * out: the 8-byte header, tags each starting 8-byte aligned, an end tag,
 * and total_size patched in at the end. The tests then copy the list to the
 * very end of a malloc'd block of exactly `avail` bytes and parse it there
 * (parse_at_end), so AddressSanitizer stops any parser that reads past what
 * it was given.
 *
 * Tests: the valid lists (with mmap entry sizes 24, 32 and 48), then a
 * named table of malformed lists, each with the status it must give, the
 * offset of the tag it must blame, and a check of what must still have been
 * parsed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "bootinfo.h"
#include "multiboot2.h"

/* ---- building tag lists ------------------------------------------------- */

#define BUILD_CAP 4096

struct mb2_builder {
	uint64_t words[BUILD_CAP / 8]; /* the list, 8-byte aligned */
	size_t len;                    /* bytes written so far */
};

static uint8_t *mb_bytes(struct mb2_builder *b) { return (uint8_t *)b->words; }

/* mb_tag_at: the tag (or header) that starts at byte offset off. */
static struct mb2_tag *mb_tag_at(struct mb2_builder *b, uint32_t off)
{
	return (struct mb2_tag *)(mb_bytes(b) + off);
}

/* mb_put: append n bytes (or n zero bytes if data is NULL). */
static void mb_put(struct mb2_builder *b, const void *data, size_t n)
{
	ck_assert_msg(b->len + n <= BUILD_CAP,
		      "mb_put: the test's list is too big");
	if (data)
		memcpy(mb_bytes(b) + b->len, data, n);
	else
		memset(mb_bytes(b) + b->len, 0, n);
	b->len += n;
}

static void mb_put32(struct mb2_builder *b, uint32_t v) { mb_put(b, &v, 4); }

/* mb_begin: start a list: the header, total_size still 0. */
static void mb_begin(struct mb2_builder *b)
{
	memset(b, 0, sizeof(*b));
	mb_put(b, NULL, sizeof(struct mb2_info));
}

/* mb_open: start a tag of the given type; returns its offset. */
static uint32_t mb_open(struct mb2_builder *b, uint32_t type)
{
	uint32_t off = b->len;
	mb_put32(b, type);
	mb_put32(b, 0); /* size, set by mb_close */
	return off;
}

/* mb_close: set the tag's size to what was written since mb_open (padding
 * excluded) and pad with zeros to the next 8-byte boundary. */
static void mb_close(struct mb2_builder *b, uint32_t off)
{
	mb_tag_at(b, off)->size = b->len - off;
	mb_put(b, NULL, ALIGN_UP(b->len, 8) - b->len);
}

/* mb_tag: a whole tag with an n-byte payload; returns its offset. */
static uint32_t mb_tag(struct mb2_builder *b, uint32_t type, const void *payload,
		       size_t n)
{
	uint32_t off = mb_open(b, type);
	mb_put(b, payload, n);
	mb_close(b, off);
	return off;
}

/* mb_string: a cmdline or loader-name tag, NUL included. */
static uint32_t mb_string(struct mb2_builder *b, uint32_t type, const char *s)
{
	return mb_tag(b, type, s, strlen(s) + 1);
}

static uint32_t mb_module(struct mb2_builder *b, uint32_t start, uint32_t end,
			  const char *name)
{
	uint32_t off = mb_open(b, MB2_TAG_MODULE);
	mb_put32(b, start);
	mb_put32(b, end);
	mb_put(b, name, strlen(name) + 1);
	mb_close(b, off);
	return off;
}

/* mb_mmap_body: a memory-map tag's entry_size, entry_version and n entries
 * of entry_size bytes each (the first 24 from entries[i], then 0xee). */
static void mb_mmap_body(struct mb2_builder *b, uint32_t entry_size,
			 const struct mb2_mmap_entry *entries, size_t n)
{
	mb_put32(b, entry_size);
	mb_put32(b, 0);
	for (size_t i = 0; i < n; i++) {
		size_t head = sizeof(entries[i]);
		if (entry_size < head)
			head = entry_size;
		mb_put(b, &entries[i], head);
		for (size_t j = head; j < entry_size; j++)
			mb_put(b, "\xee", 1);
	}
}

static uint32_t mb_mmap(struct mb2_builder *b, uint32_t entry_size,
			const struct mb2_mmap_entry *entries, size_t n)
{
	uint32_t off = mb_open(b, MB2_TAG_MMAP);
	mb_mmap_body(b, entry_size, entries, n);
	mb_close(b, off);
	return off;
}

/* mb_set_total: patch the header's total_size to the bytes written. */
static void mb_set_total(struct mb2_builder *b)
{
	((struct mb2_info *)mb_bytes(b))->total_size = b->len;
}

/* mb_end: append the end tag and patch total_size; returns total_size. */
static size_t mb_end(struct mb2_builder *b)
{
	mb_tag(b, MB2_TAG_END, NULL, 0);
	mb_set_total(b);
	return b->len;
}

/*
 * parse_at_end: copy the first `avail` bytes of the list into a malloc'd
 * block of exactly `avail` bytes (zeros after the list, if avail is larger)
 * and parse it there. malloc's blocks are 16-byte aligned.
 */
static enum mb2_status parse_at_end(struct mb2_builder *b, size_t avail,
				    struct boot_info *bi)
{
	uint8_t *block = calloc(1, avail);

	ck_assert_ptr_nonnull(block);
	memcpy(block, mb_bytes(b), avail < b->len ? avail : b->len);
	enum mb2_status s = mb2_parse(block, avail, bi);
	free(block);
	return s;
}

/* ---- the memory maps the tests use -------------------------------------- */

#define ENTRY(b, l, t) { .base_addr = (b), .length = (l), .type = (t) }

/* A PC's map, out of order, with a zero-length entry and an unknown type. */
static const struct mb2_mmap_entry pc_map[] = {
	ENTRY(0x0, 0x9fc00, MEM_AVAILABLE),
	ENTRY(0x9fc00, 0x400, MEM_RESERVED),
	ENTRY(0xf0000, 0x10000, MEM_RESERVED),
	ENTRY(0x100000000, 0x40000000, MEM_AVAILABLE), /* the highest */
	ENTRY(0x100000, 0x7ee0000, MEM_AVAILABLE),
	ENTRY(0x200000000, 0, MEM_AVAILABLE), /* length 0: skipped */
	ENTRY(0x7fe0000, 0x20000, MEM_ACPI_RECLAIMABLE),
	ENTRY(0xfffc0000, 0x40000, 7), /* unknown type: counts as reserved */
};
#define PC_MAP_COPIED 7 /* all but the zero-length entry */
#define PC_MAP_USABLE (0x9fc00ull + 0x40000000 + 0x7ee0000)
#define PC_MAP_RESERVED (0x400ull + 0x10000 + 0x20000 + 0x40000)
#define PC_MAP_TOP 0x140000000ull

/* A small map for the malformed lists. */
static const struct mb2_mmap_entry small_map[] = {
	ENTRY(0x0, 0x9fc00, MEM_AVAILABLE),
	ENTRY(0xf0000, 0x10000, MEM_RESERVED),
	ENTRY(0x100000, 0x7f00000, MEM_AVAILABLE),
};
#define SMALL_MAP_USABLE (0x9fc00ull + 0x7f00000)
#define SMALL_MAP_RESERVED 0x10000ull
#define SMALL_MAP_TOP 0x8000000ull

#define CMDLINE "console=serial test=caps verbose"
#define LOADER "GRUB 2.12"

/* ---- checks shared by several tests ------------------------------------- */

/* The case being run, named in every message below (each test runs in a
 * process of its own, so a static is enough). */
static const char *the_case = "";

static void expect_region(const struct boot_info *bi, unsigned i,
			  const struct mb2_mmap_entry *e)
{
	const struct mem_region *r = &bi->mmap[i];
	ck_assert_msg(r->base == e->base_addr && r->length == e->length &&
			      r->type == e->type,
		      "%s: mmap[%u] is {base %#llx, length %#llx, type %u}, "
		      "want {%#llx, %#llx, %u}",
		      the_case, i, (unsigned long long)r->base,
		      (unsigned long long)r->length, r->type,
		      (unsigned long long)e->base_addr,
		      (unsigned long long)e->length, e->type);
}

static void expect_totals(const struct boot_info *bi, uint64_t usable,
			  uint64_t reserved, uint64_t top)
{
	ck_assert_msg(bi->mem_usable == usable,
		      "%s: mem_usable %#llx, want %#llx", the_case,
		      (unsigned long long)bi->mem_usable,
		      (unsigned long long)usable);
	ck_assert_msg(bi->mem_reserved == reserved,
		      "%s: mem_reserved %#llx, want %#llx", the_case,
		      (unsigned long long)bi->mem_reserved,
		      (unsigned long long)reserved);
	ck_assert_msg(bi->mem_top == top, "%s: mem_top %#llx, want %#llx",
		      the_case, (unsigned long long)bi->mem_top,
		      (unsigned long long)top);
}

static void expect_mmap_count(const struct boot_info *bi, unsigned count)
{
	ck_assert_msg(bi->mmap_count == count, "%s: mmap_count %u, want %u",
		      the_case, bi->mmap_count, count);
}

/* small_map copied whole. */
static void expect_small_map(const struct boot_info *bi)
{
	expect_mmap_count(bi, ARRAY_SIZE(small_map));
	for (unsigned i = 0; i < ARRAY_SIZE(small_map); i++)
		expect_region(bi, i, &small_map[i]);
	expect_totals(bi, SMALL_MAP_USABLE, SMALL_MAP_RESERVED, SMALL_MAP_TOP);
}

/* No memory map at all. */
static void expect_no_map(const struct boot_info *bi)
{
	expect_mmap_count(bi, 0);
	expect_totals(bi, 0, 0, 0);
}

static void expect_string(const char *what, const char *got, const char *want)
{
	ck_assert_msg(strcmp(got, want) == 0, "%s: %s is \"%s\", want \"%s\"",
		      the_case, what, got, want);
}

static void expect_module(const struct boot_info *bi, unsigned i,
			  paddr_t start, paddr_t end, const char *name)
{
	const struct boot_module *m = &bi->modules[i];
	ck_assert_msg(m->start == start && m->end == end &&
			      strcmp(m->name, name) == 0,
		      "%s: modules[%u] is {%#llx, %#llx, \"%s\"}, want "
		      "{%#llx, %#llx, \"%s\"}",
		      the_case, i, (unsigned long long)m->start,
		      (unsigned long long)m->end, m->name,
		      (unsigned long long)start, (unsigned long long)end, name);
}

static void expect_module_count(const struct boot_info *bi, unsigned count)
{
	ck_assert_msg(bi->module_count == count, "%s: module_count %u, want %u",
		      the_case, bi->module_count, count);
}

static void expect_status(enum mb2_status got, enum mb2_status want)
{
	ck_assert_msg(got == want, "%s: mb2_parse returned %d (%s), want %d (%s)",
		      the_case, got, mb2_strerror(got), want,
		      mb2_strerror(want));
}

static void expect_error_offset(const struct boot_info *bi, uint64_t off)
{
	ck_assert_msg(bi->error_offset == off,
		      "%s: error_offset %llu, want %llu", the_case,
		      (unsigned long long)bi->error_offset,
		      (unsigned long long)off);
}

/* ---- valid lists ---------------------------------------------------------- */

/* The memory-map entry sizes a boot loader may use: 24 and larger. */
static const uint32_t valid_entry_sizes[] = { 24, 32, 48 };

/* Everything the kernel reads, plus a tag it ignores; every field checked. */
START_TEST(test_mb2_valid)
{
	uint32_t entry_size = valid_entry_sizes[_i];
	struct mb2_builder b;
	struct boot_info bi;
	uint8_t meminfo[8] = { 0 };
	char name[64];

	snprintf(name, sizeof(name), "valid list, mmap entry_size %u",
		 entry_size);
	the_case = name;

	mb_begin(&b);
	mb_string(&b, MB2_TAG_CMDLINE, CMDLINE);
	mb_string(&b, MB2_TAG_LOADER_NAME, LOADER);
	mb_module(&b, 0x200000, 0x201000, "init");
	mb_tag(&b, MB2_TAG_BASIC_MEMINFO, meminfo, sizeof(meminfo)); /* ignored */
	mb_module(&b, 0x300000, 0x380000, "ramdisk with arguments");
	mb_mmap(&b, entry_size, pc_map, ARRAY_SIZE(pc_map));
	size_t total = mb_end(&b);

	expect_status(parse_at_end(&b, total, &bi), MB2_OK);
	ck_assert_msg(bi.info_size == total, "%s: info_size %llu, want %zu",
		      the_case, (unsigned long long)bi.info_size, total);
	expect_error_offset(&bi, 0);
	expect_string("cmdline", bi.cmdline, CMDLINE);
	expect_string("loader", bi.loader, LOADER);

	expect_module_count(&bi, 2);
	expect_module(&bi, 0, 0x200000, 0x201000, "init");
	expect_module(&bi, 1, 0x300000, 0x380000, "ramdisk with arguments");

	expect_mmap_count(&bi, PC_MAP_COPIED);
	unsigned k = 0;
	for (unsigned i = 0; i < ARRAY_SIZE(pc_map); i++)
		if (pc_map[i].length != 0)
			expect_region(&bi, k++, &pc_map[i]);
	expect_totals(&bi, PC_MAP_USABLE, PC_MAP_RESERVED, PC_MAP_TOP);
}
END_TEST

/* Entries are read only while they fit wholly inside the tag. */
START_TEST(test_mb2_mmap_partial_entry)
{
	struct mb2_builder b;
	struct boot_info bi;

	the_case = "mmap tag ending in two thirds of an entry";
	mb_begin(&b);
	uint32_t off = mb_open(&b, MB2_TAG_MMAP);
	mb_mmap_body(&b, 24, small_map, ARRAY_SIZE(small_map));
	mb_put(&b, &pc_map[3], 16); /* two thirds of one more entry */
	mb_close(&b, off);
	size_t total = mb_end(&b);

	expect_status(parse_at_end(&b, total, &bi), MB2_OK);
	expect_small_map(&bi);
}
END_TEST

/* ---- malformed lists ------------------------------------------------------ */

/*
 * A malformed case builds its list into b and returns `avail`, the bytes
 * the parser may read (usually b->len), and sets *bad_off to the offset
 * bi.error_offset must name (0 when the parse stops before the tags).
 */
struct bad_case {
	const char *name;
	size_t (*build)(struct mb2_builder *b, uint32_t *bad_off);
	enum mb2_status status;
	void (*check)(const struct boot_info *bi); /* what must be kept */
};

/* The common start of many lists: a command line and a loader name. */
static void mb_strings(struct mb2_builder *b)
{
	mb_string(b, MB2_TAG_CMDLINE, CMDLINE);
	mb_string(b, MB2_TAG_LOADER_NAME, LOADER);
}

static size_t build_total_too_small(struct mb2_builder *b, uint32_t *bad_off)
{
	mb_begin(b);
	mb_end(b);
	/* total_size 8: the header only, no room for the end tag */
	((struct mb2_info *)mb_bytes(b))->total_size = 8;
	*bad_off = 0;
	return b->len;
}

static size_t build_avail_too_small(struct mb2_builder *b, uint32_t *bad_off)
{
	mb_begin(b);
	mb_end(b);
	*bad_off = 0;
	return 8; /* the header only */
}

static size_t build_total_above_avail(struct mb2_builder *b, uint32_t *bad_off)
{
	mb_begin(b);
	mb_strings(b);
	mb_mmap(b, 24, small_map, ARRAY_SIZE(small_map));
	mb_end(b);
	*bad_off = 0;
	return b->len - 8; /* the end tag is not in the block */
}

/* A tag of size 4 (or 0: a parser that trusts it never gets past it). */
static size_t build_tag_size(struct mb2_builder *b, uint32_t *bad_off,
			     uint32_t size)
{
	mb_begin(b);
	mb_strings(b);
	*bad_off = mb_tag(b, 21, NULL, 0);
	mb_tag_at(b, *bad_off)->size = size;
	mb_mmap(b, 24, small_map, ARRAY_SIZE(small_map));
	return mb_end(b);
}

static size_t build_tag_size_4(struct mb2_builder *b, uint32_t *bad_off)
{
	return build_tag_size(b, bad_off, 4);
}

static size_t build_tag_size_0(struct mb2_builder *b, uint32_t *bad_off)
{
	return build_tag_size(b, bad_off, 0);
}

/* The last tag, a memory map with one entry written, claims three: its
 * size runs past total_size, which is also the end of the block. */
static size_t build_tag_past_total(struct mb2_builder *b, uint32_t *bad_off)
{
	mb_begin(b);
	mb_strings(b);
	mb_module(b, 0x200000, 0x201000, "init");
	*bad_off = mb_mmap(b, 24, small_map, 1);
	mb_tag_at(b, *bad_off)->size += 2 * 24;
	mb_set_total(b);
	return b->len;
}

static size_t build_no_end(struct mb2_builder *b, uint32_t *bad_off)
{
	mb_begin(b);
	mb_strings(b);
	mb_mmap(b, 24, small_map, ARRAY_SIZE(small_map));
	mb_set_total(b);
	*bad_off = b->len; /* where the end tag should have been */
	return b->len;
}

/* The list ends inside the last tag's padding: no room for an end tag. */
static size_t build_end_in_padding(struct mb2_builder *b, uint32_t *bad_off)
{
	mb_begin(b);
	mb_string(b, MB2_TAG_CMDLINE, CMDLINE);
	mb_mmap(b, 24, small_map, ARRAY_SIZE(small_map));
	*bad_off = mb_string(b, MB2_TAG_LOADER_NAME, "GRUB"); /* size 13 */
	b->len = *bad_off + 13;
	mb_set_total(b);
	return b->len;
}

/* "abcde" without its NUL, the padding after it not zero either. */
static uint32_t mb_unterminated_cmdline(struct mb2_builder *b)
{
	uint32_t off = mb_tag(b, MB2_TAG_CMDLINE, "abcde", 5);
	memset(mb_bytes(b) + off + 13, 'Z', 3);
	return off;
}

static size_t build_cmdline_unterminated(struct mb2_builder *b, uint32_t *bad_off)
{
	mb_begin(b);
	*bad_off = mb_unterminated_cmdline(b);
	mb_string(b, MB2_TAG_LOADER_NAME, LOADER);
	mb_mmap(b, 24, small_map, ARRAY_SIZE(small_map));
	return mb_end(b);
}

/* The same as the very last bytes of the block (and so no end tag): a
 * parser that looks past the tag for the NUL reads past avail. */
static size_t build_cmdline_unterminated_at_end(struct mb2_builder *b,
						uint32_t *bad_off)
{
	mb_begin(b);
	mb_string(b, MB2_TAG_LOADER_NAME, LOADER);
	mb_mmap(b, 24, small_map, ARRAY_SIZE(small_map));
	*bad_off = mb_unterminated_cmdline(b);
	b->len = *bad_off + 13;
	mb_set_total(b);
	return b->len;
}

static size_t build_mmap_entry_size(struct mb2_builder *b, uint32_t *bad_off,
				    uint32_t entry_size)
{
	mb_begin(b);
	mb_strings(b);
	*bad_off = mb_mmap(b, entry_size, small_map, ARRAY_SIZE(small_map));
	return mb_end(b);
}

static size_t build_mmap_entry_20(struct mb2_builder *b, uint32_t *bad_off)
{
	return build_mmap_entry_size(b, bad_off, 20);
}

static size_t build_mmap_entry_28(struct mb2_builder *b, uint32_t *bad_off)
{
	return build_mmap_entry_size(b, bad_off, 28);
}

/* The memory-map tag's size is smaller than its own 16-byte header. */
static size_t build_mmap_tag_short(struct mb2_builder *b, uint32_t *bad_off)
{
	uint32_t entry_size = 24;

	mb_begin(b);
	mb_strings(b);
	*bad_off = mb_tag(b, MB2_TAG_MMAP, &entry_size, 4); /* size 12 */
	return mb_end(b);
}

/* base + length beyond 2^64 (and one ending exactly at 2^64, whose end
 * does not fit in 64 bits either), between two good entries. */
static const struct mb2_mmap_entry overflow_map[] = {
	ENTRY(0x0, 0x9fc00, MEM_AVAILABLE),
	ENTRY(0xfffffffffffff000, 0x2000, MEM_AVAILABLE),
	ENTRY(0x100000, 0x1000000, MEM_AVAILABLE),
	ENTRY(0xfffffffffffff000, 0x1000, MEM_RESERVED),
};

static size_t build_mmap_overflow(struct mb2_builder *b, uint32_t *bad_off)
{
	mb_begin(b);
	mb_strings(b);
	*bad_off = mb_mmap(b, 24, overflow_map, ARRAY_SIZE(overflow_map));
	return mb_end(b);
}

/* One entry more than bi->mmap[] holds: entry i is 1 MiB at i MiB, every
 * fourth one reserved. */
static struct mb2_mmap_entry too_many_entry(unsigned i)
{
	uint32_t type = i % 4 == 0 ? MEM_RESERVED : MEM_AVAILABLE;

	return (struct mb2_mmap_entry)ENTRY((uint64_t)i << 20, 1 << 20, type);
}

static size_t build_mmap_too_many(struct mb2_builder *b, uint32_t *bad_off)
{
	struct mb2_mmap_entry map[BOOT_MMAP_MAX + 1];

	for (unsigned i = 0; i < ARRAY_SIZE(map); i++)
		map[i] = too_many_entry(i);
	mb_begin(b);
	mb_strings(b);
	*bad_off = mb_mmap(b, 24, map, ARRAY_SIZE(map));
	return mb_end(b);
}

static size_t build_module_backwards(struct mb2_builder *b, uint32_t *bad_off)
{
	mb_begin(b);
	mb_strings(b);
	*bad_off = mb_module(b, 0x300000, 0x200000, "backwards");
	mb_module(b, 0x200000, 0x201000, "init");
	mb_mmap(b, 24, small_map, ARRAY_SIZE(small_map));
	return mb_end(b);
}

static size_t build_no_mmap(struct mb2_builder *b, uint32_t *bad_off)
{
	mb_begin(b);
	mb_strings(b);
	mb_module(b, 0x200000, 0x201000, "init");
	*bad_off = 0; /* no tag to blame: the information as a whole */
	return mb_end(b);
}

/* Three bad tags: the first one is reported, the other two skipped. */
static size_t build_first_error_wins(struct mb2_builder *b, uint32_t *bad_off)
{
	mb_begin(b);
	mb_string(b, MB2_TAG_LOADER_NAME, LOADER);
	*bad_off = mb_unterminated_cmdline(b);
	mb_module(b, 0x300000, 0x200000, "backwards");
	mb_mmap(b, 20, small_map, ARRAY_SIZE(small_map));
	return mb_end(b);
}

/* What each malformed list must still have produced. */

static void check_nothing(const struct boot_info *bi)
{
	expect_string("cmdline", bi->cmdline, "");
	expect_string("loader", bi->loader, "");
	expect_module_count(bi, 0);
	expect_no_map(bi);
}

/* The strings before the bad tag kept, nothing after it. */
static void check_strings_only(const struct boot_info *bi)
{
	expect_string("cmdline", bi->cmdline, CMDLINE);
	expect_string("loader", bi->loader, LOADER);
	expect_module_count(bi, 0);
	expect_no_map(bi);
}

static void check_strings_module_no_map(const struct boot_info *bi)
{
	expect_string("cmdline", bi->cmdline, CMDLINE);
	expect_string("loader", bi->loader, LOADER);
	expect_module_count(bi, 1);
	expect_module(bi, 0, 0x200000, 0x201000, "init");
	expect_no_map(bi);
}

static void check_strings_and_map(const struct boot_info *bi)
{
	expect_string("cmdline", bi->cmdline, CMDLINE);
	expect_string("loader", bi->loader, LOADER);
	expect_small_map(bi);
}

static void check_cmdline_and_map(const struct boot_info *bi)
{
	expect_string("cmdline", bi->cmdline, CMDLINE);
	expect_small_map(bi);
}

/* The unterminated command line ignored, the rest kept. */
static void check_no_cmdline(const struct boot_info *bi)
{
	expect_string("cmdline", bi->cmdline, "");
	expect_string("loader", bi->loader, LOADER);
	expect_small_map(bi);
}

static void check_overflow_skipped(const struct boot_info *bi)
{
	expect_mmap_count(bi, 2);
	expect_region(bi, 0, &overflow_map[0]);
	expect_region(bi, 1, &overflow_map[2]);
	expect_totals(bi, 0x9fc00 + 0x1000000, 0, 0x1100000);
}

static void check_too_many(const struct boot_info *bi)
{
	uint64_t usable = 0, reserved = 0, top = 0;

	expect_mmap_count(bi, BOOT_MMAP_MAX);
	for (unsigned i = 0; i < BOOT_MMAP_MAX; i++) {
		struct mb2_mmap_entry e = too_many_entry(i);
		expect_region(bi, i, &e);
		if (e.type == MEM_AVAILABLE) {
			usable += e.length;
			top = e.base_addr + e.length;
		} else {
			reserved += e.length;
		}
	}
	expect_totals(bi, usable, reserved, top);
}

static void check_backwards_module_skipped(const struct boot_info *bi)
{
	expect_module_count(bi, 1);
	expect_module(bi, 0, 0x200000, 0x201000, "init");
	check_strings_and_map(bi);
}

static void check_only_loader(const struct boot_info *bi)
{
	expect_string("cmdline", bi->cmdline, "");
	expect_string("loader", bi->loader, LOADER);
	expect_module_count(bi, 0);
	expect_no_map(bi);
}

static const struct bad_case bad_cases[] = {
	{ "total_size below header + end tag", build_total_too_small,
	  MB2_ERR_TOTAL_SIZE, check_nothing },
	{ "avail below header + end tag", build_avail_too_small,
	  MB2_ERR_TOTAL_SIZE, check_nothing },
	{ "total_size above avail", build_total_above_avail, MB2_ERR_TOTAL_SIZE,
	  check_nothing },
	{ "a tag of size 4", build_tag_size_4, MB2_ERR_TAG_SIZE,
	  check_strings_only },
	{ "a tag of size 0", build_tag_size_0, MB2_ERR_TAG_SIZE,
	  check_strings_only },
	{ "last tag runs past total_size", build_tag_past_total,
	  MB2_ERR_TAG_SIZE, check_strings_module_no_map },
	{ "no end tag", build_no_end, MB2_ERR_NO_END, check_strings_and_map },
	{ "list ends in the last tag's padding", build_end_in_padding,
	  MB2_ERR_NO_END, check_cmdline_and_map },
	{ "cmdline not NUL-terminated", build_cmdline_unterminated,
	  MB2_ERR_STRING, check_no_cmdline },
	{ "cmdline not NUL-terminated, at the end of the block",
	  build_cmdline_unterminated_at_end, MB2_ERR_STRING, check_no_cmdline },
	{ "mmap entry_size 20", build_mmap_entry_20, MB2_ERR_MMAP,
	  check_strings_only },
	{ "mmap entry_size 28", build_mmap_entry_28, MB2_ERR_MMAP,
	  check_strings_only },
	{ "mmap tag shorter than its header", build_mmap_tag_short,
	  MB2_ERR_MMAP, check_strings_only },
	{ "mmap entries whose base + length overflows", build_mmap_overflow,
	  MB2_ERR_MMAP, check_overflow_skipped },
	{ "mmap with BOOT_MMAP_MAX + 1 entries", build_mmap_too_many,
	  MB2_ERR_TOO_MANY, check_too_many },
	{ "module with end < start", build_module_backwards, MB2_ERR_MODULE,
	  check_backwards_module_skipped },
	{ "no mmap tag", build_no_mmap, MB2_ERR_NO_MMAP,
	  check_strings_module_no_map },
	{ "three bad tags: the first is reported", build_first_error_wins,
	  MB2_ERR_STRING, check_only_loader },
};

START_TEST(test_mb2_malformed)
{
	const struct bad_case *c = &bad_cases[_i];
	struct mb2_builder b;
	struct boot_info bi;
	uint32_t bad_off;

	the_case = c->name;
	size_t avail = c->build(&b, &bad_off);
	expect_status(parse_at_end(&b, avail, &bi), c->status);
	expect_error_offset(&bi, bad_off);
	c->check(&bi);
}
END_TEST

/* ---- arguments the parser must refuse before reading -------------------- */

START_TEST(test_mb2_null)
{
	struct boot_info bi;

	the_case = "info NULL";
	memset(&bi, 0xff, sizeof(bi));
	expect_status(mb2_parse(NULL, 4096, &bi), MB2_ERR_NULL);
	ck_assert_msg(bi.mmap_count == 0 && bi.cmdline[0] == '\0',
		      "mb2_parse(NULL) should still clear *bi");
}
END_TEST

START_TEST(test_mb2_misaligned)
{
	struct mb2_builder b;
	struct boot_info bi;

	the_case = "info 4 bytes off alignment";
	mb_begin(&b);
	mb_mmap(&b, 24, small_map, ARRAY_SIZE(small_map));
	size_t total = mb_end(&b);
	/* The same list 4 bytes further on. */
	memmove(mb_bytes(&b) + 4, mb_bytes(&b), total);
	expect_status(mb2_parse(mb_bytes(&b) + 4, total, &bi), MB2_ERR_ALIGN);
	expect_no_map(&bi);
}
END_TEST

/* ---- mb2_strerror --------------------------------------------------------- */

#define MB2_STATUS_COUNT (MB2_ERR_TOO_MANY + 1)

/* Every status has its own non-empty sentence; others get some text too. */
START_TEST(test_mb2_strerror)
{
	for (int s = 0; s < MB2_STATUS_COUNT; s++) {
		const char *text = mb2_strerror(s);
		ck_assert_msg(text && text[0], "mb2_strerror(%d) is empty", s);
		for (int t = 0; t < s; t++)
			ck_assert_msg(strcmp(text, mb2_strerror(t)) != 0,
				      "mb2_strerror(%d) and (%d) are both "
				      "\"%s\"",
				      t, s, text);
	}
	const char *other = mb2_strerror(MB2_STATUS_COUNT);
	ck_assert_msg(other && other[0], "mb2_strerror(%d) is empty",
		      MB2_STATUS_COUNT);
}
END_TEST

Suite *multiboot_suite(void)
{
	Suite *s = suite_create("multiboot");
	TCase *tc = tcase_create("valid");

	tcase_add_loop_test(tc, test_mb2_valid, 0, ARRAY_SIZE(valid_entry_sizes));
	tcase_add_test(tc, test_mb2_mmap_partial_entry);
	suite_add_tcase(s, tc);

	tc = tcase_create("malformed");
	tcase_add_loop_test(tc, test_mb2_malformed, 0, ARRAY_SIZE(bad_cases));
	tcase_add_test(tc, test_mb2_null);
	tcase_add_test(tc, test_mb2_misaligned);
	suite_add_tcase(s, tc);

	tc = tcase_create("strerror");
	tcase_add_test(tc, test_mb2_strerror);
	suite_add_tcase(s, tc);
	return s;
}
