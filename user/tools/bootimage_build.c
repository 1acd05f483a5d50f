/*
 * bootimage_build.c: making a boot image (see bootimage_build.h and
 * erix/bootimage.h).
 */
#include "bootimage_build.h"
#include <erix/bootimage.h>
#include <stdlib.h>
#include <string.h>

static uint64_t align_up(uint64_t x) { return (x + ERIX_BOOTIMAGE_ALIGN - 1) & ~(uint64_t)(ERIX_BOOTIMAGE_ALIGN - 1); }

int bootimage_build(const struct bootimage_file *files, unsigned n, uint8_t **image,
		    uint64_t *len, const char **why)
{
	if (n > ERIX_BOOTIMAGE_MAX_FILES) {
		*why = "more files than ERIX_BOOTIMAGE_MAX_FILES";
		return -1;
	}
	for (unsigned i = 0; i < n; i++) {
		size_t l = strlen(files[i].name);
		if (l == 0 || l >= ERIX_BOOTIMAGE_NAME_MAX) {
			*why = "a name is empty or longer than ERIX_BOOTIMAGE_NAME_MAX - 1";
			return -1;
		}
		for (unsigned j = 0; j < i; j++) {
			if (strcmp(files[i].name, files[j].name) == 0) {
				*why = "two files of one name";
				return -1;
			}
		}
	}
	uint64_t table_end = sizeof(struct erix_bootimage_header) +
			     (uint64_t)n * sizeof(struct erix_bootimage_entry);
	uint64_t at = align_up(table_end), size = at;
	for (unsigned i = 0; i < n; i++)
		size = align_up(size + files[i].size);
	uint8_t *img = calloc(1, size ? size : 1);
	if (!img) {
		*why = "no memory";
		return -1;
	}
	struct erix_bootimage_header *h = (void *)img;
	struct erix_bootimage_entry *t = (void *)(img + sizeof(*h));
	for (unsigned i = 0; i < n; i++) {
		strcpy(t[i].name, files[i].name);
		t[i].offset = at;
		t[i].size = files[i].size;
		if (files[i].size)
			memcpy(img + at, files[i].data, files[i].size);
		at = align_up(at + files[i].size);
	}
	*h = (struct erix_bootimage_header){
		.magic = ERIX_BOOTIMAGE_MAGIC, .version = ERIX_BOOTIMAGE_VERSION, .count = n,
		.size = size,
		.checksum = erix_bootimage_fnv1a(ERIX_FNV1A_START, img + sizeof(*h), size - sizeof(*h)),
	};
	*image = img;
	*len = size;
	return 0;
}
