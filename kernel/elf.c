/*
 * elf.c: checking an ELF64 executable before loading it (see elf.h).
 * Pure code over a byte range; the host unit tests feed it malformed images.
 */
#include "elf.h"
#include "kstring.h"

#define ELF_TEXT(name, text) text,
static const char *const elf_error_text[] = { ELF_ERRORS(ELF_TEXT) };
#undef ELF_TEXT


const char *elf_strerror(enum elf_status s)
{
	if ((unsigned)s >= ARRAY_SIZE(elf_error_text))
		return "unknown ELF status";
	return elf_error_text[s];
}

/* range_ok: does [off, off + len) lie within size bytes, without
 * overflow? */
static bool range_ok(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

enum elf_status elf_parse(const void *image, size_t size, uint64_t user_top,
			  struct elf_image *out)
{
	const uint8_t *bytes = image;
	struct elf64_ehdr eh;

	memset(out, 0, sizeof(*out));
	if (!image || size < sizeof(eh))
		return ELF_ERR_SIZE;
	memcpy(&eh, bytes, sizeof(eh)); /* the image may be unaligned */
	if (eh.ident[0] != 0x7f || eh.ident[1] != 'E' || eh.ident[2] != 'L' ||
	    eh.ident[3] != 'F')
		return ELF_ERR_MAGIC;
	if (eh.ident[4] != ELF_CLASS64 || eh.ident[5] != ELF_DATA_LSB ||
	    eh.ident[6] != ELF_VERSION_CURRENT || eh.version != ELF_VERSION_CURRENT)
		return ELF_ERR_FORMAT;
	if (eh.type != ELF_TYPE_EXEC || eh.machine != ELF_MACHINE_X86_64)
		return ELF_ERR_TYPE;
	if (eh.phnum == 0 || eh.phentsize != sizeof(struct elf64_phdr) ||
	    !range_ok(eh.phoff, (uint64_t)eh.phnum * eh.phentsize, size))
		return ELF_ERR_PHDRS;

	for (unsigned i = 0; i < eh.phnum; i++) {
		struct elf64_phdr ph;
		memcpy(&ph, bytes + eh.phoff + (uint64_t)i * sizeof(ph), sizeof(ph));
		if (ph.type != ELF_PT_LOAD || ph.memsz == 0)
			continue;
		if (out->nsegments == ELF_MAX_SEGMENTS)
			return ELF_ERR_TOO_MANY;
		if (ph.filesz > ph.memsz || !range_ok(ph.offset, ph.filesz, size))
			return ELF_ERR_SEGMENT;
		if (ph.vaddr % ELF_PAGE_SIZE != 0 || ph.vaddr >= user_top ||
		    ph.memsz > user_top - ph.vaddr)
			return ELF_ERR_ADDRESS;
		for (unsigned k = 0; k < out->nsegments; k++) {
			const struct elf_segment *o = &out->seg[k];
			uint64_t end = ALIGN_UP(o->vaddr + o->memsz, ELF_PAGE_SIZE);
			if (ph.vaddr < end && o->vaddr < ph.vaddr + ph.memsz)
				return ELF_ERR_ADDRESS;
		}
		if ((ph.flags & ELF_PF_W) && (ph.flags & ELF_PF_X))
			return ELF_ERR_WX;
		out->seg[out->nsegments++] = (struct elf_segment){
			.vaddr = ph.vaddr,
			.memsz = ph.memsz,
			.offset = ph.offset,
			.filesz = ph.filesz,
			.write = ph.flags & ELF_PF_W,
			.exec = ph.flags & ELF_PF_X,
		};
	}
	if (out->nsegments == 0)
		return ELF_ERR_PHDRS;
	for (unsigned k = 0; k < out->nsegments; k++) {
		const struct elf_segment *s = &out->seg[k];
		if (s->exec && eh.entry >= s->vaddr && eh.entry - s->vaddr < s->memsz) {
			out->entry = eh.entry;
			return ELF_OK;
		}
	}
	return ELF_ERR_ENTRY;
}
