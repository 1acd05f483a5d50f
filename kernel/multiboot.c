/*
 * multiboot.c: the multiboot2 information parser (see multiboot2.h).
 *
 * Pure code over a byte range: it reads nothing outside [info, info+avail)
 * and compiles for the host, where the unit tests feed it hand-built valid
 * and malformed tag lists.
 */
#include "multiboot2.h"
#include "bootinfo.h"
#include "kstring.h"

#define MB2_TEXT(name, text) text,
static const char *const mb2_error_text[] = { MB2_ERRORS(MB2_TEXT) };
#undef MB2_TEXT

/* Beyond this the information is surely corrupt (GRUB's is a few KiB). */
#define MB2_MAX_TOTAL_SIZE (1u << 20)

const char *mb2_strerror(enum mb2_status s)
{
	if ((unsigned)s >= ARRAY_SIZE(mb2_error_text))
		return "unknown multiboot2 status";
	return mb2_error_text[s];
}

/* string_in_tag: true if a NUL ends s within the tag's `size` bytes, s
 * starting `header` bytes into the tag. */
static bool string_in_tag(const char *s, uint32_t size, uint32_t header)
{
	for (uint32_t i = 0; header + i < size; i++)
		if (s[i] == '\0')
			return true;
	return false;
}

/*
 * mb2_parse_mmap (LAB 1 exercise): copy the memory map into bi and total it.
 *
 * Requirements:
 *  - validate the tag first: tag->size at least sizeof(struct
 *    mb2_tag_mmap) (16), tag->entry_size at least sizeof(struct
 *    mb2_mmap_entry) (24) and a multiple of 8; otherwise return
 *    MB2_ERR_MMAP and copy nothing;
 *  - the entries start right after the 16-byte tag header, one every
 *    entry_size bytes, as many as fit wholly within tag->size;
 *  - skip (silently, without error) entries of length 0; skip an entry
 *    whose base + length overflows 64 bits and remember to return
 *    MB2_ERR_MMAP at the end;
 *  - append each other entry to bi->mmap[] (base, length, type), after
 *    what earlier tags put there, and count it in bi->mmap_count, while
 *    bi->mmap_count < BOOT_MMAP_MAX (64); if such entries remain when the
 *    table is full, return MB2_ERR_TOO_MANY (a skipped entry is no reason
 *    to; totals count only the copied entries);
 *  - totals over the copied entries: bi->mem_usable sums the lengths of
 *    MEM_AVAILABLE entries, bi->mem_reserved those of all other types, and
 *    bi->mem_top is the highest base + length of a MEM_AVAILABLE entry;
 *  - return MB2_OK when nothing was wrong.
 * Hint: walk a `const uint8_t *` pointer by entry_size and cast it to
 * `const struct mb2_mmap_entry *` for each entry.
 */
static enum mb2_status mb2_parse_mmap(const struct mb2_tag_mmap *tag,
				      struct boot_info *bi)
{
#if LAB1_SOLUTION
	enum mb2_status status = MB2_OK;

	if (tag->size < sizeof(*tag) ||
	    tag->entry_size < sizeof(struct mb2_mmap_entry) ||
	    tag->entry_size % 8 != 0)
		return MB2_ERR_MMAP;

	const uint8_t *p = (const uint8_t *)tag + sizeof(*tag);
	const uint8_t *end = (const uint8_t *)tag + tag->size;
	for (; end - p >= (ptrdiff_t)tag->entry_size; p += tag->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;

		if (e->length == 0)
			continue;
		if (e->base_addr + e->length < e->base_addr) {
			status = MB2_ERR_MMAP;
			continue;
		}
		if (bi->mmap_count == BOOT_MMAP_MAX)
			return MB2_ERR_TOO_MANY;
		bi->mmap[bi->mmap_count++] = (struct mem_region){
			.base = e->base_addr, .length = e->length, .type = e->type
		};
		if (e->type == MEM_AVAILABLE) {
			bi->mem_usable += e->length;
			if (e->base_addr + e->length > bi->mem_top)
				bi->mem_top = e->base_addr + e->length;
		} else {
			bi->mem_reserved += e->length;
		}
	}
	return status;
#else
	/* LAB 1: your code here. Until then the memory map stays empty. */
	(void)tag, (void)bi;
	return MB2_OK;
#endif
}

/* mb2_parse_module: append one module to bi. */
static enum mb2_status mb2_parse_module(const struct mb2_tag_module *tag,
					struct boot_info *bi)
{
	if (tag->size < sizeof(*tag) || tag->mod_end < tag->mod_start)
		return MB2_ERR_MODULE;
	if (!string_in_tag(tag->string, tag->size, sizeof(*tag)))
		return MB2_ERR_STRING;
	if (bi->module_count == BOOT_MODULES_MAX)
		return MB2_ERR_TOO_MANY;

	struct boot_module *m = &bi->modules[bi->module_count++];
	m->start = tag->mod_start;
	m->end = tag->mod_end;
	return str_copy(m->name, tag->string, sizeof(m->name)) ? MB2_OK
								: MB2_ERR_TOO_MANY;
}

/* mb2_parse_string: copy a string tag's text into dst[0..size-1]. */
static enum mb2_status mb2_parse_string(const struct mb2_tag_string *tag,
					char *dst, size_t size)
{
	if (!string_in_tag(tag->string, tag->size, sizeof(*tag)))
		return MB2_ERR_STRING;
	return str_copy(dst, tag->string, size) ? MB2_OK : MB2_ERR_TOO_MANY;
}

enum mb2_status mb2_parse(const void *info, size_t avail, struct boot_info *bi)
{
	enum mb2_status first = MB2_OK;
	bool have_mmap = false;

	memset(bi, 0, sizeof(*bi));
#define FAIL(s, off)                                \
	do {                                            \
		if (first == MB2_OK) {                      \
			first = (s);                            \
			bi->error_offset = (off);               \
		}                                           \
	} while (0)

	if (!info)
		return MB2_ERR_NULL;
	if ((uintptr_t)info % 8 != 0)
		return MB2_ERR_ALIGN;
	if (avail < sizeof(struct mb2_info) + sizeof(struct mb2_tag))
		return MB2_ERR_TOTAL_SIZE;

	const struct mb2_info *hdr = info;
	uint32_t total = hdr->total_size;
	bi->info_size = total;
	if (total < sizeof(*hdr) + sizeof(struct mb2_tag) || total > avail ||
	    total > MB2_MAX_TOTAL_SIZE)
		return MB2_ERR_TOTAL_SIZE;

	const uint8_t *base = info;
	uint32_t off = sizeof(*hdr);
	for (;;) {
		if (total - off < sizeof(struct mb2_tag)) {
			FAIL(MB2_ERR_NO_END, off);
			break;
		}
		const struct mb2_tag *tag = (const void *)(base + off);
		if (tag->size < sizeof(*tag) || tag->size > total - off) {
			FAIL(MB2_ERR_TAG_SIZE, off);
			break;
		}
		if (tag->type == MB2_TAG_END)
			break;

		enum mb2_status s = MB2_OK;
		switch (tag->type) {
		case MB2_TAG_CMDLINE:
			s = mb2_parse_string((const void *)tag, bi->cmdline,
					     sizeof(bi->cmdline));
			break;
		case MB2_TAG_LOADER_NAME:
			s = mb2_parse_string((const void *)tag, bi->loader,
					     sizeof(bi->loader));
			break;
		case MB2_TAG_MODULE:
			s = mb2_parse_module((const void *)tag, bi);
			break;
		case MB2_TAG_MMAP:
			have_mmap = true;
			s = mb2_parse_mmap((const void *)tag, bi);
			break;
		default: /* tags the kernel does not use */
			break;
		}
		if (s != MB2_OK)
			FAIL(s, off);
		/* The next tag starts at the next 8-byte boundary. */
		uint32_t next = ALIGN_UP(tag->size, 8);
		if (next > total - off) {
			FAIL(MB2_ERR_NO_END, off);
			break;
		}
		off += next;
	}
	if (!have_mmap)
		FAIL(MB2_ERR_NO_MMAP, 0);
#undef FAIL
	return first;
}
