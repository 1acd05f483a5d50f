/*
 * bootimage.c: the boot-image parser (see bootimage.h and
 * erix/bootimage.h for the format and its rules).
 *
 * Every offset and size in an image is checked before it is used, and
 * without overflow (a + b > limit is written a > limit - b, with a <=
 * limit known first): a truncated, overlapping, oversized or corrupt image
 * gets a message, never a read out of bounds.
 */
#include "bootimage.h"
#include <erix/errors.h>

/* name_ok: a non-empty name, NUL-terminated inside its field. */
static int name_ok(const char name[ERIX_BOOTIMAGE_NAME_MAX])
{
	if (!name[0])
		return 0;
	for (unsigned i = 1; i < ERIX_BOOTIMAGE_NAME_MAX; i++)
		if (!name[i])
			return 1;
	return 0;
}

/* same_name: two names known to be NUL-terminated in their fields. */
static int same_name(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* refuse: the parser's way out. */
static int refuse(const char **why, const char *text)
{
	*why = text;
	return -ERR_INVALID;
}

int bootimage_parse(const void *img, uint64_t len, struct bootimage *out, const char **why)
{
	const struct erix_bootimage_header *h = img;
	if (len < sizeof(*h))
		return refuse(why, "boot image: shorter than its header");
	if (h->magic != ERIX_BOOTIMAGE_MAGIC)
		return refuse(why, "boot image: not one (wrong magic number)");
	if (h->version != ERIX_BOOTIMAGE_VERSION)
		return refuse(why, "boot image: a version this parser does not read");
	if (h->size > len)
		return refuse(why, "boot image: truncated (its header says more bytes than there are)");
	if (h->reserved[0] | h->reserved[1] | h->reserved[2] | h->reserved[3])
		return refuse(why, "boot image: a reserved header field is not 0");
	if (h->count > ERIX_BOOTIMAGE_MAX_FILES)
		return refuse(why, "boot image: more files than ERIX_BOOTIMAGE_MAX_FILES");
	uint64_t table_end = sizeof(*h) + (uint64_t)h->count * sizeof(struct erix_bootimage_entry);
	if (table_end > h->size)
		return refuse(why, "boot image: its table runs past its end");
	const uint8_t *base = img;
	if (erix_bootimage_fnv1a(ERIX_FNV1A_START, base + sizeof(*h), h->size - sizeof(*h)) !=
	    h->checksum)
		return refuse(why, "boot image: checksum mismatch (corrupt)");
	const struct erix_bootimage_entry *t = (const void *)(base + sizeof(*h));
	uint64_t next = table_end; /* where the next file may start */
	for (uint32_t i = 0; i < h->count; i++) {
		if (!name_ok(t[i].name))
			return refuse(why, "boot image: a file's name is empty or not terminated");
		for (uint32_t j = 0; j < i; j++)
			if (same_name(t[i].name, t[j].name))
				return refuse(why, "boot image: two files of one name");
		if (t[i].offset % ERIX_BOOTIMAGE_ALIGN)
			return refuse(why, "boot image: a file does not start on a page");
		if (t[i].offset < next)
			return refuse(why, "boot image: a file overlaps the table or the file before");
		if (t[i].offset > h->size || t[i].size > h->size - t[i].offset)
			return refuse(why, "boot image: a file runs past the image's end");
		next = t[i].offset + t[i].size;
	}
	*out = (struct bootimage){ .base = base, .size = h->size, .count = h->count, .table = t };
	*why = "";
	return 0;
}

const struct erix_bootimage_entry *bootimage_find(const struct bootimage *b, const char *name)
{
	for (uint32_t i = 0; i < b->count; i++)
		if (same_name(b->table[i].name, name))
			return &b->table[i];
	return 0;
}
