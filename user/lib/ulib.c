/*
 * ulib.c: the user library's helpers (see ulib.h).
 */
#include "ulib.h"
#include "console.h"
#include "format.h"
#include "proc.h"
#include "process.h"
#include "rpc.h"

const struct erix_bootinfo *bootinfo;
const struct proc_info *procinfo;
erix_cptr_t erix_self_tcb;
erix_cptr_t ulib_console;
static erix_cptr_t next_free, free_end;

void ulib_init(const void *info)
{
	const struct proc_info *pi = info;
	if (pi && pi->magic == PROC_INFO_MAGIC) {
		procinfo = pi;
		next_free = pi->free_start, free_end = pi->free_end;
		erix_self_tcb = P_TCB;
		uint64_t what = 0;
		if (cap_identify(P_CONSOLE, &what) == 0 &&
		    ERIX_IDENTIFY_TYPE(what) == ERIX_OBJ_ENDPOINT)
			ulib_console = P_CONSOLE;
		return;
	}
	bootinfo = info;
	next_free = bootinfo->empty.start, free_end = bootinfo->empty.end;
}

void slot_alloc_from(erix_cptr_t first) { next_free = first; }

erix_cptr_t slot_alloc(void)
{
	return next_free < free_end ? next_free++ : 0;
}

erix_cptr_t slot_alloc_n(unsigned n)
{
	if (n == 0 || free_end - next_free < n)
		return 0;
	erix_cptr_t first = next_free;
	next_free += n;
	return first;
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

/* out_flush: to the console server when the process has one, else
 * through the kernel's debug output (the root task, the console server). */
static void out_flush(struct out *o)
{
	if (o->n && ulib_console) {
		struct rpc r = { .label = CONS_WRITE, .w = { o->n }, .data = o->buf, .len = o->n };
		if (rpc_call(ulib_console, &r) == 0) {
			o->n = 0;
			return;
		}
	}
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
	static const char *const texts[] = { ERIX_ERRORS(ERROR_TEXT) SRV_ERRORS(ERROR_TEXT) };
#undef ERROR_TEXT
	unsigned long e = (unsigned long)(err < 0 ? -err : err);
	return e < sizeof(texts) / sizeof(texts[0]) && texts[e] ? texts[e] : "unknown error";
}

void erix_exit(int status)
{
	uint64_t what = 0;
	if (procinfo && cap_identify(P_PROCESS, &what) == 0 &&
	    ERIX_IDENTIFY_TYPE(what) == ERIX_OBJ_ENDPOINT) {
		/* The process server ends the process: no reply comes. */
		struct erix_msg m = { .info = ERIX_MSGINFO(PROC_EXIT, 4, 0),
				      .mr = { (uint64_t)(int64_t)status } };
		erix_ipc_call(P_PROCESS, &m);
	}
	if (erix_self_tcb)
		tcb_suspend(erix_self_tcb);
	for (;;)
		__builtin_trap(); /* ud2: the kernel stops a faulting thread */
}
