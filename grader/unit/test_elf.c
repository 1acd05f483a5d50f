/*
 * test_elf.c: kernel/elf.c, elf_parse on hand-built ELF64 images.
 *
 * Every row of elf_cases[] starts from the same valid image (a text
 * segment R-X and a data segment RW- with a .bss tail), breaks one thing,
 * and names the status elf_parse must return. The image sits at the very
 * end of a malloc'd block, so a read past it is an AddressSanitizer error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "elf.h"

#define USER_TOP 0x0000800000000000ull
#define IMAGE_SIZE 0x3000

/* The valid image: header, two program headers, text at file 0x1000 for
 * vaddr 0x400000, data at file 0x2000 for vaddr 0x401000 (0x800 bytes in
 * the file, 0x1800 in memory). */
struct image {
	struct elf64_ehdr eh;
	struct elf64_phdr ph[3];
};

static void make_valid(struct image *im)
{
	memset(im, 0, sizeof(*im));
	memcpy(im->eh.ident, "\x7f" "ELF", 4);
	im->eh.ident[4] = ELF_CLASS64;
	im->eh.ident[5] = ELF_DATA_LSB;
	im->eh.ident[6] = ELF_VERSION_CURRENT;
	im->eh.type = ELF_TYPE_EXEC;
	im->eh.machine = ELF_MACHINE_X86_64;
	im->eh.version = ELF_VERSION_CURRENT;
	im->eh.entry = 0x400010;
	im->eh.phoff = sizeof(struct elf64_ehdr);
	im->eh.ehsize = sizeof(struct elf64_ehdr);
	im->eh.phentsize = sizeof(struct elf64_phdr);
	im->eh.phnum = 2;
	im->ph[0] = (struct elf64_phdr){ .type = ELF_PT_LOAD, .flags = ELF_PF_R | ELF_PF_X,
					 .offset = 0x1000, .vaddr = 0x400000,
					 .filesz = 0x1000, .memsz = 0x1000, .align = 0x1000 };
	im->ph[1] = (struct elf64_phdr){ .type = ELF_PT_LOAD, .flags = ELF_PF_R | ELF_PF_W,
					 .offset = 0x2000, .vaddr = 0x401000,
					 .filesz = 0x800, .memsz = 0x1800, .align = 0x1000 };
}

/* One way to break the image. */
struct elf_case {
	const char *name;
	void (*edit)(struct image *im);
	size_t size; /* 0: IMAGE_SIZE */
	enum elf_status want;
};

static void nothing(struct image *im) { (void)im; }
static void bad_magic(struct image *im) { im->eh.ident[1] = 'X'; }
static void class32(struct image *im) { im->eh.ident[4] = 1; }
static void big_endian(struct image *im) { im->eh.ident[5] = 2; }
static void bad_version(struct image *im) { im->eh.version = 2; }
static void shared_object(struct image *im) { im->eh.type = 3; }
static void not_x86_64(struct image *im) { im->eh.machine = 3; }
static void no_phdrs(struct image *im) { im->eh.phnum = 0; }
static void phentsize(struct image *im) { im->eh.phentsize = 32; }
static void phoff_past_end(struct image *im) { im->eh.phoff = IMAGE_SIZE - 8; }
static void phoff_huge(struct image *im) { im->eh.phoff = ~0ull - 8; }
static void phnum_huge(struct image *im) { im->eh.phnum = 0xffff; }
static void no_load(struct image *im) { im->ph[0].type = 4; im->ph[1].type = 4; }
static void filesz_gt_memsz(struct image *im) { im->ph[1].filesz = 0x2000; }
static void file_past_end(struct image *im) { im->ph[1].offset = IMAGE_SIZE - 0x100; }
static void offset_wraps(struct image *im) { im->ph[1].offset = ~0ull - 0x10; }
static void unaligned(struct image *im) { im->ph[1].vaddr = 0x401010; }
static void overlap(struct image *im) { im->ph[1].vaddr = 0x400000; }
/* Small segments on consecutive pages do not overlap. */
static void adjacent_pages(struct image *im)
{
	im->ph[0].memsz = im->ph[0].filesz = 0x20;
	im->ph[1].memsz = im->ph[1].filesz = 0x10;
}
static void kernel_half(struct image *im) { im->ph[1].vaddr = 0xffff800000000000ull; }
static void past_top(struct image *im) { im->ph[1].vaddr = USER_TOP - 0x1000; im->ph[1].memsz = 0x2000; }
static void memsz_wraps(struct image *im) { im->ph[1].memsz = ~0ull; }
static void wx(struct image *im) { im->ph[1].flags = ELF_PF_R | ELF_PF_W | ELF_PF_X; }
static void entry_in_data(struct image *im) { im->eh.entry = 0x401008; }
static void entry_outside(struct image *im) { im->eh.entry = 0x500000; }
static void empty_segment_skipped(struct image *im)
{
	im->eh.phnum = 3;
	im->ph[2] = (struct elf64_phdr){ .type = ELF_PT_LOAD, .vaddr = 0x400000 };
}
/* Nine segments: build() writes their program headers. */
static void too_many(struct image *im) { im->eh.phnum = 9; }

static const struct elf_case elf_cases[] = {
	{ "the valid image", nothing, 0, ELF_OK },
	{ "an image shorter than a header", nothing, 40, ELF_ERR_SIZE },
	{ "a bad magic number", bad_magic, 0, ELF_ERR_MAGIC },
	{ "a 32-bit image", class32, 0, ELF_ERR_FORMAT },
	{ "a big-endian image", big_endian, 0, ELF_ERR_FORMAT },
	{ "an unknown ELF version", bad_version, 0, ELF_ERR_FORMAT },
	{ "a shared object", shared_object, 0, ELF_ERR_TYPE },
	{ "another machine", not_x86_64, 0, ELF_ERR_TYPE },
	{ "no program headers", no_phdrs, 0, ELF_ERR_PHDRS },
	{ "a wrong program-header size", phentsize, 0, ELF_ERR_PHDRS },
	{ "program headers past the end", phoff_past_end, 0, ELF_ERR_PHDRS },
	{ "a program-header offset that wraps", phoff_huge, 0, ELF_ERR_PHDRS },
	{ "65535 program headers", phnum_huge, 0, ELF_ERR_PHDRS },
	{ "no loadable segment", no_load, 0, ELF_ERR_PHDRS },
	{ "filesz larger than memsz", filesz_gt_memsz, 0, ELF_ERR_SEGMENT },
	{ "a segment's file range past the end", file_past_end, 0, ELF_ERR_SEGMENT },
	{ "a segment offset that wraps", offset_wraps, 0, ELF_ERR_SEGMENT },
	{ "an unaligned segment", unaligned, 0, ELF_ERR_ADDRESS },
	{ "overlapping segments", overlap, 0, ELF_ERR_ADDRESS },
	{ "small segments on adjacent pages", adjacent_pages, 0, ELF_OK },
	{ "a segment in the kernel half", kernel_half, 0, ELF_ERR_ADDRESS },
	{ "a segment reaching past the user limit", past_top, 0, ELF_ERR_ADDRESS },
	{ "a memsz that wraps", memsz_wraps, 0, ELF_ERR_ADDRESS },
	{ "a writable and executable segment", wx, 0, ELF_ERR_WX },
	{ "the entry in a data segment", entry_in_data, 0, ELF_ERR_ENTRY },
	{ "the entry outside every segment", entry_outside, 0, ELF_ERR_ENTRY },
	{ "an empty PT_LOAD is skipped", empty_segment_skipped, 0, ELF_OK },
	{ "more segments than the loader takes", too_many, 0, ELF_ERR_TOO_MANY },
};

/* build: the image for case c, at the end of a block of its size. */
static unsigned char *build(const struct elf_case *c, size_t *size)
{
	struct image im;
	*size = c->size ? c->size : IMAGE_SIZE;
	unsigned char *buf = malloc(IMAGE_SIZE);
	memset(buf, 0x90, IMAGE_SIZE);
	make_valid(&im);
	c->edit(&im);
	if (c->edit == too_many) {
		/* Nine one-page R-X segments on consecutive pages. */
		struct elf64_phdr *ph = (struct elf64_phdr *)(buf + im.eh.phoff);
		memcpy(buf, &im.eh, sizeof(im.eh));
		for (int i = 0; i < 9; i++)
			ph[i] = (struct elf64_phdr){ .type = ELF_PT_LOAD, .flags = ELF_PF_R | ELF_PF_X,
						     .offset = 0x1000, .vaddr = 0x400000 + 0x1000 * (uint64_t)i,
						     .filesz = 0x100, .memsz = 0x100 };
	} else {
		memcpy(buf, &im, sizeof(im));
	}
	unsigned char *img = malloc(*size);
	memcpy(img, buf, *size);
	free(buf);
	return img;
}

START_TEST(test_elf_cases)
{
	const struct elf_case *c = &elf_cases[_i];
	size_t size;
	unsigned char *img = build(c, &size);
	struct elf_image out;
	enum elf_status s = elf_parse(img, size, USER_TOP, &out);
	ck_assert_msg(s == c->want, "%s: elf_parse says \"%s\", want \"%s\"", c->name,
		      elf_strerror(s), elf_strerror(c->want));
	if (s == ELF_OK)
		ck_assert_msg(out.nsegments >= 2 && out.entry != 0,
			      "%s: %u segments, entry 0x%lx", c->name, out.nsegments,
			      (unsigned long)out.entry);
	free(img);
}
END_TEST

START_TEST(test_elf_valid_segments)
{
	size_t size;
	unsigned char *img = build(&elf_cases[0], &size);
	struct elf_image out;
	ck_assert_int_eq(elf_parse(img, size, USER_TOP, &out), ELF_OK);
	ck_assert_uint_eq(out.entry, 0x400010);
	ck_assert_uint_eq(out.nsegments, 2);
	ck_assert(out.seg[0].exec && !out.seg[0].write);
	ck_assert(!out.seg[1].exec && out.seg[1].write);
	ck_assert_uint_eq(out.seg[1].vaddr, 0x401000);
	ck_assert_uint_eq(out.seg[1].filesz, 0x800);
	ck_assert_uint_eq(out.seg[1].memsz, 0x1800);
	ck_assert_uint_eq(out.seg[1].offset, 0x2000);
	free(img);
}
END_TEST

START_TEST(test_elf_null_and_strerror)
{
	struct elf_image out;
	ck_assert_int_eq(elf_parse(NULL, 100, USER_TOP, &out), ELF_ERR_SIZE);
	for (int s = ELF_OK; s <= ELF_ERR_ENTRY; s++)
		ck_assert_msg(elf_strerror(s)[0] != '\0', "status %d has no text", s);
	ck_assert_str_eq(elf_strerror(999), "unknown ELF status");
}
END_TEST

/* The real root task (make unit-test names it in ERIX_ROOT_ELF), as the
 * build links it: accepted, with text R-X, rodata R-- and data RW-. */
START_TEST(test_elf_root_task)
{
	const char *path = getenv("ERIX_ROOT_ELF");
	ck_assert_msg(path != NULL, "ERIX_ROOT_ELF is not set (make unit-test sets it)");
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	static unsigned char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	unsigned char *img = malloc(n);
	memcpy(img, buf, n);
	struct elf_image out;
	enum elf_status s = elf_parse(img, n, USER_TOP, &out);
	ck_assert_msg(s == ELF_OK, "%s: %s", path, elf_strerror(s));
	ck_assert_uint_eq(out.nsegments, 3);
	ck_assert(out.seg[0].exec && !out.seg[0].write);
	ck_assert(!out.seg[1].exec && !out.seg[1].write);
	ck_assert(!out.seg[2].exec && out.seg[2].write);
	ck_assert_uint_eq(out.entry, 0x400000);
	free(img);
}
END_TEST

Suite *elf_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_elf_cases, 0, sizeof(elf_cases) / sizeof(elf_cases[0]));
	tcase_add_test(tc, test_elf_valid_segments);
	tcase_add_test(tc, test_elf_null_and_strerror);
	tcase_add_test(tc, test_elf_root_task);
	suite_add_tcase(s, tc);
	return s;
}
