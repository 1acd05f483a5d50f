/*
 * elfload.h: loading a checked ELF program's segments into pages
 * (elfload.c), for spawn.c; pure code, also built for the host's unit
 * tests (grader/unit/test_elfload.c), which give it a pager of their own.
 */
#ifndef USER_LIB_ELFLOAD_H
#define USER_LIB_ELFLOAD_H

#include "elf.h"

/* What loading takes: a way to give the new process one page. */
struct elf_pager {
	/* page: a fresh page for the process at virtual address va (page-
	 * aligned), holding len bytes from src (src may be NULL when len is
	 * 0) and zeros after them, mapped with rights (ERIX_RIGHT_READ,
	 * ERIX_RIGHT_WRITE) and executable if exec. 0, or a negative error. */
	long (*page)(void *ctx, const void *src, uint64_t len, uint64_t va, unsigned rights,
		     bool exec);
	void *ctx;
};

/*
 * elf_load_segment: give the new process the pages of one segment of
 * image that elf_parse has checked (elf.h, struct elf_segment), through
 * pager; 0 or the first error (elfload.c says more).
 */
long elf_load_segment(const void *image, const struct elf_segment *seg,
		      const struct elf_pager *pager);

#endif /* USER_LIB_ELFLOAD_H */
