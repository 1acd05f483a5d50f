/*
 * elf.h: ELF64 executables, as far as EriX loads them (the root task in
 * lab 3, programs in lab 5).
 *
 * Field layouts from the System V ABI's ELF specification and its x86-64
 * supplement. elf_parse() reads an image in memory and checks everything a
 * loader relies on before anything is mapped: a program image is input
 * from outside the kernel and is treated as hostile.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include "types.h"

struct elf64_ehdr {
	uint8_t ident[16]; /* 0x7f 'E' 'L' 'F', class, data, version, ... */
	uint16_t type;     /* ET_EXEC */
	uint16_t machine;  /* EM_X86_64 */
	uint32_t version;
	uint64_t entry;
	uint64_t phoff;    /* program headers: file offset */
	uint64_t shoff;
	uint32_t flags;
	uint16_t ehsize;
	uint16_t phentsize;
	uint16_t phnum;
	uint16_t shentsize;
	uint16_t shnum;
	uint16_t shstrndx;
};

struct elf64_phdr {
	uint32_t type;   /* PT_LOAD, ... */
	uint32_t flags;  /* PF_X | PF_W | PF_R */
	uint64_t offset; /* in the file */
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t filesz;
	uint64_t memsz;  /* >= filesz: the rest is zero-filled (.bss) */
	uint64_t align;
};

_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF64 header");
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF64 program header");

#define ELF_CLASS64 2
#define ELF_DATA_LSB 1
#define ELF_VERSION_CURRENT 1
#define ELF_TYPE_EXEC 2
#define ELF_MACHINE_X86_64 62
#define ELF_PT_LOAD 1
#define ELF_PF_X 1
#define ELF_PF_W 2
#define ELF_PF_R 4

#define ELF_MAX_SEGMENTS 8
#define ELF_PAGE_SIZE 4096 /* segments start on a page of their own */

/* A loadable segment, checked: [vaddr, vaddr + memsz) is page-aligned at
 * its start, lies below the user limit, overlaps no other segment; its
 * first filesz bytes come from [offset, offset + filesz) of the image. */
struct elf_segment {
	uint64_t vaddr, memsz, offset, filesz;
	bool write, exec;
};

struct elf_image {
	uint64_t entry;
	unsigned nsegments;
	struct elf_segment seg[ELF_MAX_SEGMENTS];
};

#define ELF_ERRORS(X)                                                        \
	X(ELF_OK, "no error")                                                    \
	X(ELF_ERR_SIZE, "image too small for its headers")                       \
	X(ELF_ERR_MAGIC, "not an ELF image (bad magic)")                        \
	X(ELF_ERR_FORMAT, "not a 64-bit little-endian ELF version 1")           \
	X(ELF_ERR_TYPE, "not an x86-64 executable (ET_EXEC, EM_X86_64)")        \
	X(ELF_ERR_PHDRS, "program headers missing or outside the image")         \
	X(ELF_ERR_TOO_MANY, "more loadable segments than the loader takes")      \
	X(ELF_ERR_SEGMENT, "a segment's file range is outside the image or larger than its memory") \
	X(ELF_ERR_ADDRESS, "a segment is unaligned, overlaps another or reaches past the user limit") \
	X(ELF_ERR_WX, "a segment is both writable and executable")               \
	X(ELF_ERR_ENTRY, "the entry point is not in an executable segment")

#define ELF_ENUM(name, text) name,
enum elf_status { ELF_ERRORS(ELF_ENUM) };
#undef ELF_ENUM

/*
 * elf_parse: check the ELF executable image[0..size-1] and describe its
 * loadable segments in *out. Every address must lie below user_top (the
 * end of the user half). Reads nothing outside the image. Returns ELF_OK or
 * the first problem found.
 */
enum elf_status elf_parse(const void *image, size_t size, uint64_t user_top,
			  struct elf_image *out);

/* elf_strerror: a sentence for a status. */
const char *elf_strerror(enum elf_status s);

#endif /* KERNEL_ELF_H */
