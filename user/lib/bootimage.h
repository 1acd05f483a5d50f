/*
 * bootimage.h: reading a boot image (erix/bootimage.h) safely
 * (bootimage.c): the root task's parser, also built for the host's unit
 * tests. Nothing in an image is trusted until bootimage_parse says so.
 */
#ifndef USER_LIB_BOOTIMAGE_H
#define USER_LIB_BOOTIMAGE_H

#include <erix/bootimage.h>
#include <stdint.h>

/* A parsed image: where it is, and its table. */
struct bootimage {
	const uint8_t *base;                      /* the image's first byte */
	uint64_t size;                            /* its header's size */
	uint32_t count;                           /* files */
	const struct erix_bootimage_entry *table; /* count entries */
};

/*
 * bootimage_parse: check the image at img, of which the module holds len
 * bytes, against every rule of erix/bootimage.h. Returns 0 and fills *out,
 * or -ERR_INVALID with *why (static text) saying what is wrong; it reads
 * nothing outside [img, img + len) either way.
 */
int bootimage_parse(const void *img, uint64_t len, struct bootimage *out, const char **why);

/* bootimage_find: the entry named `name` in a parsed image, or NULL. */
const struct erix_bootimage_entry *bootimage_find(const struct bootimage *b, const char *name);

/* bootimage_data: the first byte of entry e's file in a parsed image. */
static inline const uint8_t *bootimage_data(const struct bootimage *b,
					    const struct erix_bootimage_entry *e)
{
	return b->base + e->offset;
}

#endif /* USER_LIB_BOOTIMAGE_H */
