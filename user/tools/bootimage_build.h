/*
 * bootimage_build.h: making a boot image on the host (bootimage_build.c),
 * for the tool mkbootimage and the unit tests.
 */
#ifndef USER_TOOLS_BOOTIMAGE_BUILD_H
#define USER_TOOLS_BOOTIMAGE_BUILD_H

#include <stddef.h>
#include <stdint.h>

/* One file to put in an image. */
struct bootimage_file {
	const char *name;    /* its name in the image */
	const void *data;    /* its contents */
	uint64_t size;       /* bytes */
};

/*
 * bootimage_build: the image of files[0..n-1], in that order, laid out as
 * erix/bootimage.h says, in a buffer from malloc (*image, *len bytes).
 * Returns 0, or -1 with *why saying why not (too many files, a name empty,
 * too long or given twice, no memory).
 */
int bootimage_build(const struct bootimage_file *files, unsigned n, uint8_t **image,
		    uint64_t *len, const char **why);

#endif /* USER_TOOLS_BOOTIMAGE_BUILD_H */
