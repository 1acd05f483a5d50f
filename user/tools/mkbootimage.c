/*
 * mkbootimage.c: the host tool that makes a boot image (erix/bootimage.h)
 * from a list of files.
 *
 * usage: mkbootimage OUT [NAME=]PATH ...
 *
 * Each file goes in under NAME, or its path's last component. The image
 * is checked with the root task's own parser before it is written (to a
 * temporary name, then renamed), so a bad one never reaches a build.
 */
#include "bootimage_build.h"
#include "bootimage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* slurp: the whole file at path, in a malloc'd buffer; NULL on error. */
static void *slurp(const char *path, uint64_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t n = 0, cap = 0, r;
	do {
		if (n == cap) {
			char *more = realloc(buf, cap = cap ? 2 * cap : 65536);
			if (!more) {
				free(buf), fclose(f);
				return NULL;
			}
			buf = more;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		return NULL;
	}
	*size = n;
	return buf ? buf : malloc(1);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mkbootimage OUT [NAME=]PATH ...\n");
		return 2;
	}
	unsigned n = (unsigned)(argc - 2);
	struct bootimage_file *files = calloc(n ? n : 1, sizeof(*files));
	for (unsigned i = 0; i < n; i++) {
		char *arg = argv[i + 2], *eq = strchr(arg, '='), *path = eq ? eq + 1 : arg;
		if (eq)
			*eq = 0;
		const char *slash = strrchr(path, '/');
		files[i].name = eq ? arg : slash ? slash + 1 : path;
		if (!(files[i].data = slurp(path, &files[i].size))) {
			fprintf(stderr, "mkbootimage: cannot read %s\n", path);
			return 1;
		}
	}
	uint8_t *img;
	uint64_t len;
	const char *why;
	struct bootimage check;
	if (bootimage_build(files, n, &img, &len, &why) != 0) {
		fprintf(stderr, "mkbootimage: %s\n", why);
		return 1;
	}
	if (bootimage_parse(img, len, &check, &why) != 0) {
		fprintf(stderr, "mkbootimage: the image fails its own check: %s\n", why);
		return 1;
	}
	char tmp[4096];
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
	FILE *out = fopen(tmp, "wb");
	if (!out || fwrite(img, 1, len, out) != len || fclose(out) != 0 || rename(tmp, argv[1])) {
		fprintf(stderr, "mkbootimage: cannot write %s\n", argv[1]);
		remove(tmp);
		return 1;
	}
	printf("mkbootimage: %s: %u files, %llu bytes\n", argv[1], n, (unsigned long long)len);
	return 0;
}
