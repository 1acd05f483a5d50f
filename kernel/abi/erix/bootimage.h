/*
 * erix/bootimage.h: the boot image (lab 5): the files the root task starts
 * the system from, in one GRUB module.
 *
 * Part of the public ABI; includes nothing kernel-internal. The host tool
 * that builds an image (user/tools/mkbootimage.c) and the parser that
 * reads one (user/lib/bootimage.c) both follow this layout, and nothing
 * else: every field is little-endian, every size in bytes.
 *
 *   offset 0        struct erix_bootimage_header
 *   offset 64       struct erix_bootimage_entry[count]   (the table)
 *   then            the files' contents, each starting on a page
 *                   boundary (ERIX_BOOTIMAGE_ALIGN), in table order,
 *                   zero-padded up to the next file and to the end
 *
 * The checksum is FNV-1a (64-bit) of every byte of the image from
 * offset 64 (the table and the contents) up to `size`. An image is valid
 * when: the magic and version are these, the reserved words 0; `size` is
 * at most the bytes the module holds; the table fits below the first
 * file; every name is non-empty, NUL-terminated within its field and
 * unique; every file lies
 * inside the image, page-aligned, after the table and after the file
 * before it (files never overlap); and the checksum matches. The parser
 * refuses anything else with a message that says what is wrong.
 */
#ifndef ERIX_BOOTIMAGE_H
#define ERIX_BOOTIMAGE_H

#include <stdint.h>

#define ERIX_BOOTIMAGE_MAGIC 0x474d49584952451aull /* "\x1aERIXIMG" */
#define ERIX_BOOTIMAGE_VERSION 1
#define ERIX_BOOTIMAGE_ALIGN 4096   /* every file starts on a page */
#define ERIX_BOOTIMAGE_NAME_MAX 48  /* a name's field, its NUL included */
#define ERIX_BOOTIMAGE_MAX_FILES 256 /* the most files an image holds */

struct erix_bootimage_header {
	uint64_t magic;    /* ERIX_BOOTIMAGE_MAGIC */
	uint32_t version;  /* ERIX_BOOTIMAGE_VERSION */
	uint32_t count;    /* files in the table (<= ERIX_BOOTIMAGE_MAX_FILES) */
	uint64_t size;     /* bytes of the whole image, padding included */
	uint64_t checksum; /* FNV-1a 64 of bytes [64, size) */
	uint64_t reserved[4]; /* 0 */
};

struct erix_bootimage_entry {
	char name[ERIX_BOOTIMAGE_NAME_MAX]; /* NUL-terminated, unique */
	uint64_t offset;                    /* from the image's start */
	uint64_t size;                      /* the file's bytes */
};

_Static_assert(sizeof(struct erix_bootimage_header) == 64, "boot image header layout");
_Static_assert(sizeof(struct erix_bootimage_entry) == 64, "boot image entry layout");

/* erix_bootimage_fnv1a: the checksum's function, continued from h (start
 * with ERIX_FNV1A_START). One definition for the builder and the parser. */
#define ERIX_FNV1A_START 0xcbf29ce484222325ull
static inline uint64_t erix_bootimage_fnv1a(uint64_t h, const void *data, uint64_t len)
{
	const unsigned char *p = data;
	for (uint64_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

#endif /* ERIX_BOOTIMAGE_H */
