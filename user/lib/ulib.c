/*
 * ulib.c: the user library's helpers (see ulib.h).
 */
#include "ulib.h"
#include "format.h"

const struct erix_bootinfo *bootinfo;
erix_cptr_t erix_self_tcb;
static erix_cptr_t next_free;

void ulib_init(const struct erix_bootinfo *bi)
{
	bootinfo = bi;
	next_free = bi->empty.start;
}

void slot_alloc_from(erix_cptr_t first) { next_free = first; }

erix_cptr_t slot_alloc(void)
{
	return next_free < bootinfo->empty.end ? next_free++ : 0;
}

erix_cptr_t untyped_find(unsigned size_bits)
{
	erix_cptr_t best = 0;
	unsigned best_bits = 0;
	for (uint64_t i = 0; i < bootinfo->untyped_count; i++) {
		unsigned b = bootinfo->untyped_list[i].size_bits;
		if (b >= size_bits && b > best_bits)
			best = bootinfo->untyped.start + i, best_bits = b;
	}
	return best;
}

erix_cptr_t retype_new(erix_cptr_t ut, unsigned type, unsigned size_bits)
{
	erix_cptr_t s = slot_alloc();
	if (!s || untyped_retype(ut, type, size_bits, s) != 0)
		return 0;
	return s;
}

long map_page(erix_cptr_t ut, erix_cptr_t vspace, erix_cptr_t frame, uint64_t vaddr,
	      unsigned rights)
{
	long err;
	while ((err = frame_map(frame, vspace, vaddr, rights, 0)) == -ERR_NO_TABLE) {
		erix_cptr_t pt = retype_new(ut, ERIX_OBJ_PAGE_TABLE, 0);
		if (!pt)
			return -ERR_NO_MEMORY;
		if ((err = page_table_map(pt, vspace, vaddr)) < 0)
			return err;
	}
	return err;
}

/* A buffer of console output, flushed a line (or a full buffer) at a time. */
struct out {
	char buf[256];
	size_t n;
};

static void out_flush(struct out *o)
{
	if (o->n)
		erix_debug_puts(o->buf, o->n);
	o->n = 0;
}

static void out_putc(void *arg, char c)
{
	struct out *o = arg;
	o->buf[o->n++] = c;
	if (c == '\n' || o->n == sizeof(o->buf))
		out_flush(o);
}

int uprintf(const char *fmt, ...)
{
	struct out o = { .n = 0 };
	va_list ap;
	va_start(ap, fmt);
	int n = vformat(out_putc, &o, fmt, ap);
	va_end(ap);
	out_flush(&o);
	return n;
}

const char *erix_strerror(long err)
{
#define ERROR_TEXT(name, number, text) [number] = text,
	static const char *const texts[] = { ERIX_ERRORS(ERROR_TEXT) };
#undef ERROR_TEXT
	unsigned long e = (unsigned long)(err < 0 ? -err : err);
	return e < sizeof(texts) / sizeof(texts[0]) ? texts[e] : "unknown error";
}

void erix_exit(void)
{
	if (erix_self_tcb)
		tcb_suspend(erix_self_tcb);
	for (;;)
		__builtin_trap(); /* ud2: the kernel stops a faulting thread */
}
