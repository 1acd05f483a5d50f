/*
 * elfload.c: loading a checked ELF segment into pages (see elfload.h).
 */
#include "elfload.h"
#include <erix/caps.h>
#include <erix/errors.h>

/*
 * elf_load_segment (LAB 5 exercise): give the new process the pages of
 * one segment that elf_parse has checked.
 *
 * Requirements:
 *  - every page that [seg->vaddr, seg->vaddr + seg->memsz) touches gets
 *    one call of pager->page, for its address (seg->vaddr is page-aligned;
 *    memsz need not be a whole number of pages), in increasing order;
 *  - the segment's first seg->filesz bytes are the image's bytes at
 *    [seg->offset, seg->offset + seg->filesz); every other byte of its
 *    pages reads as zero (.bss, and the tail of the last page): pass each
 *    page only the image's bytes that belong on it;
 *  - a page is writable only if the segment is (seg->write) and
 *    executable only if it is (seg->exec); every page is readable;
 *  - returns 0, or the first error pager->page returns (and makes no call
 *    after it).
 *
 * Hints: which bytes of the image belong on the k-th page, and how many
 * of them are there on the last page that has any? Could filesz end in
 * the middle of a page, and memsz several pages later?
 */
long elf_load_segment(const void *image, const struct elf_segment *seg,
		      const struct elf_pager *pager)
{
#if LAB5_SOLUTION
	const uint8_t *bytes = image; /* the file, byte by byte */
	unsigned rights = ERIX_RIGHT_READ | (seg->write ? ERIX_RIGHT_WRITE : 0);
	for (uint64_t off = 0; off < seg->memsz; off += ELF_PAGE_SIZE) {
		uint64_t len = 0;
		if (off < seg->filesz) /* the page holds file bytes */
			len = seg->filesz - off < ELF_PAGE_SIZE ? seg->filesz - off : ELF_PAGE_SIZE;
		long err = pager->page(pager->ctx, len ? bytes + seg->offset + off : NULL, len,
				       seg->vaddr + off, rights, seg->exec);
		if (err < 0)
			return err;
	}
	return 0;
#else
	/* LAB 5: your code here. Until then, no program loads. */
	(void)image, (void)seg, (void)pager;
	return -ERR_NOT_IMPLEMENTED;
#endif
}
