/*
 * multiboot2.h: the boot information GRUB hands the kernel (Multiboot2
 * specification, version 2.0, section 3.6), and its parser.
 *
 * The information starts with struct mb2_info, then tags, each starting
 * 8-byte aligned with struct mb2_tag and its `size` counting the tag's
 * header but not the padding to the next tag. A tag of type 0 and size 8
 * ends the list.
 */
#ifndef KERNEL_MULTIBOOT2_H
#define KERNEL_MULTIBOOT2_H

#include "types.h"

#define MB2_BOOT_MAGIC 0x36d76289 /* in EAX at entry */

enum mb2_tag_type {
	MB2_TAG_END = 0,
	MB2_TAG_CMDLINE = 1,
	MB2_TAG_LOADER_NAME = 2,
	MB2_TAG_MODULE = 3,
	MB2_TAG_BASIC_MEMINFO = 4,
	MB2_TAG_MMAP = 6,
};

struct mb2_info {
	uint32_t total_size; /* of everything, this header and the end tag included */
	uint32_t reserved;
};

struct mb2_tag {
	uint32_t type;
	uint32_t size;
};

struct mb2_tag_string { /* MB2_TAG_CMDLINE, MB2_TAG_LOADER_NAME */
	uint32_t type;
	uint32_t size;
	char string[]; /* NUL-terminated */
};

struct mb2_tag_module {
	uint32_t type;
	uint32_t size;
	uint32_t mod_start; /* physical, inclusive */
	uint32_t mod_end;   /* physical, exclusive */
	char string[];      /* the rest of the module2 line: its name */
};

struct mb2_mmap_entry {
	uint64_t base_addr;
	uint64_t length;
	uint32_t type; /* enum mem_type in bootinfo.h */
	uint32_t reserved;
};

struct mb2_tag_mmap {
	uint32_t type;
	uint32_t size;
	uint32_t entry_size; /* a multiple of 8, at least 24 */
	uint32_t entry_version;
	/* entries of entry_size bytes each follow, up to `size` */
};

_Static_assert(sizeof(struct mb2_mmap_entry) == 24, "multiboot2 spec");
_Static_assert(sizeof(struct mb2_tag_mmap) == 16, "multiboot2 spec");
_Static_assert(sizeof(struct mb2_tag_module) == 16, "multiboot2 spec");

/* What the parser can find wrong. */
#define MB2_ERRORS(X)                                                       \
	X(MB2_OK, "no error")                                                   \
	X(MB2_ERR_NULL, "no boot information (null address)")                   \
	X(MB2_ERR_ALIGN, "boot information not 8-byte aligned")                 \
	X(MB2_ERR_TOTAL_SIZE, "boot information total_size out of range")       \
	X(MB2_ERR_TAG_SIZE, "a tag is shorter than 8 bytes or runs past the end") \
	X(MB2_ERR_NO_END, "the tag list has no end tag")                        \
	X(MB2_ERR_STRING, "a string tag is not NUL-terminated (tag ignored)")    \
	X(MB2_ERR_MMAP, "malformed memory-map tag or entry (ignored)")          \
	X(MB2_ERR_MODULE, "malformed module tag (ignored)")                    \
	X(MB2_ERR_NO_MMAP, "no memory-map tag")                                \
	X(MB2_ERR_TOO_MANY, "more than fits in the kernel's tables (the rest is cut off)")

#define MB2_ENUM(name, text) name,
enum mb2_status { MB2_ERRORS(MB2_ENUM) };
#undef MB2_ENUM

struct boot_info;

/*
 * mb2_parse: read the multiboot2 information at `info`, of which `avail`
 * bytes may be read, into *bi (which it clears first).
 *
 * Returns MB2_OK, or the first problem found. A problem with the list's
 * structure (NULL, ALIGN, TOTAL_SIZE, TAG_SIZE, NO_END) stops the parse; a
 * problem inside one tag skips that tag (or entry). Either way *bi keeps
 * everything read before and is always consistent; bi->error_offset is the
 * offset of the offending tag (for MB2_ERR_NO_END: where the end tag should
 * have been or the tag whose padding runs past the end; for
 * MB2_ERR_NO_MMAP: 0).
 */
enum mb2_status mb2_parse(const void *info, size_t avail, struct boot_info *bi);

/* mb2_strerror: a sentence for a status. */
const char *mb2_strerror(enum mb2_status s);

#endif /* KERNEL_MULTIBOOT2_H */
