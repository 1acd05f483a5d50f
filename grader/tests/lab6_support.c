/*
 * tests/lab6_support.c: lab 6's shared helpers (see lab6.h): the shell
 * on the serial console, and the file server's file system read from its
 * memory through the page tables.
 */
#define _GNU_SOURCE
#include "lab6.h"
#include "grader.h"
#include "lab3.h"

#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../user/include/console.h"
#include "../../user/root/init.h"
#include "../../user/servers/file/fs.h"

/* The file server's structs, read raw from its memory, are fs.h's as
 * this host compiles them: both sides are x86-64 with the same ABI.
 * These are the sizes fs.h's comments promise (a page of 64 entries);
 * lab6_fs_ramfs also checks struct ramfs's size against the symbol's. */
_Static_assert(sizeof(struct ramfs_dirent) == 64, "a directory entry is 64 bytes");
_Static_assert(sizeof(struct ramfs_dirent) * RAMFS_DIR_ENTRIES == RAMFS_PAGE_SIZE,
	       "a directory's entries fill one page");
_Static_assert(sizeof(void *) == 8, "the grader is a 64-bit program, like the file server");
_Static_assert(LAB6_NAME_SIZE >= FS_NAME_MAX + 1, "a name fits LAB6_NAME_SIZE");

#define DIRECT_MAP_BASE 0xffff800000000000ull /* kernel/include/memlayout.h */
#define USER_TOP 0x0000800000000000ull        /* user addresses are below */
#define PAGE 4096ull

/* ---- the shell ------------------------------------------------------------ */

/* How long the shell may take to come to a prompt. The kernel stops in
 * sched_quiet each time no thread can run; while the system idles, once
 * per timer tick (10 ms of the machine's time), as the tick wakes the
 * idle loop. A command that waits by yielding (sleep) keeps the system
 * busy instead: the timer's ticks bound that. */
#define IDLE_STOPS_MAX 300   /* idle stops in a row without output: 3 s idle */
#define BUSY_TICKS_MAX 6000  /* timer ticks in all: 60 s of the machine's time */

/* tail: the last (at most) 300 bytes of s, for messages. */
static const char *tail(const char *s)
{
	size_t n = strlen(s);
	return n > 300 ? s + n - 300 : s;
}

/* wait_prompt: run until the shell waits at a new prompt: the kernel is
 * quiet and the serial output since its byte `from` is at least `min`
 * bytes long and ends with "$ ". Returns that output (in vm_serial's
 * buffer: valid until the next vm_* call). `what` says in reasons what
 * the shell was doing ("booting", "typed \"ls\""). Fails the test if the
 * machine ends first, stops elsewhere, idles IDLE_STOPS_MAX times in a
 * row with no new output, or runs BUSY_TICKS_MAX timer ticks in all
 * without a prompt. The machine is stopped in sched_quiet when it
 * returns. */
static const char *wait_prompt(struct vm *vm, size_t from, size_t min, const char *what)
{
	/* Two breakpoints: every quiet moment, and the timer's tick once
	 * BUSY_TICKS_MAX of them have passed (GDB checks the condition at
	 * each tick itself). Numbered by GDB's $bpnum, to delete them. */
	const char *since = from ? "the last prompt" : "boot";
	uint64_t t0 = vm_eval(vm, "sched_ticks");
	vm_gdb(vm, "break sched_quiet");
	uint64_t quiet_bp = vm_eval(vm, "$bpnum");
	vm_gdb(vm, "break sched_tick if sched_ticks >= %" PRIu64, t0 + BUSY_TICKS_MAX);
	uint64_t busy_bp = vm_eval(vm, "$bpnum");

	size_t seen = 0; /* output at the last stop: idle stops count until it grows */
	for (int idle = 0;; idle++) {
		const char *f = vm_continue(vm);
		if (!f)
			ck_abort_msg("%s: the machine %s; the serial port ends with: %s", what,
				     vm_end_name(vm_wait_end(vm)), tail(vm_serial(vm)));
		const char *s = vm_serial(vm) + from;
		size_t n = strlen(s);
		ck_assert_msg(strcmp(f, "sched_tick") != 0, "%s: the shell is not at its prompt "
			      "after %d s of the machine's time (a command that never ends?); "
			      "the serial output since %s: %s", what, BUSY_TICKS_MAX / 100,
			      since, tail(s));
		ck_assert_msg(strcmp(f, "sched_quiet") == 0, "%s: the kernel stopped in %s, not "
			      "at a breakpoint of the grader's (lab6_support.c)", what, f);
		if (n >= min && n >= 2 && s[n - 2] == '$' && s[n - 1] == ' ') {
			vm_gdb(vm, "delete %" PRIu64 " %" PRIu64, quiet_bp, busy_bp);
			return s;
		}
		if (n != seen)
			seen = n, idle = 0;
		ck_assert_msg(idle < IDLE_STOPS_MAX, "%s: the system is idle but the shell does "
			      "not wait at a prompt \"$ \" (a command that waits for input, a "
			      "server that never answers, a shell that faulted?); the serial "
			      "output since %s: %s", what, since, tail(s));
	}
}

struct vm *lab6_shell(const char *args)
{
	static char kept[512]; /* vm_boot keeps a pointer to the command line */
	ck_assert_msg(!args || strlen(args) < sizeof(kept), "grader: lab6_shell: command line "
		      "too long");
	snprintf(kept, sizeof(kept), "%s", args ? args : "");
	struct vm *vm = vm_boot(&(struct vm_config){ .args = args ? kept : NULL });
	vm_run_to(vm, "roottask_ready"); /* the kernel is up: sched_ticks is there */
	wait_prompt(vm, 0, 0, "booting to the shell");
	return vm;
}

const char *lab6_type(struct vm *vm, const char *line)
{
	static char *out; /* what the command printed: until the next call */
	size_t len = strlen(line);
	ck_assert_msg(len + 1 <= CONS_LINE_MAX, "grader: lab6_type: a line of %zu bytes, more "
		      "than the console keeps (CONS_LINE_MAX, %d with its newline)", len,
		      CONS_LINE_MAX);
	for (size_t i = 0; i < len; i++)
		ck_assert_msg((unsigned char)line[i] >= 0x20 && line[i] != 0x7f, "grader: "
			      "lab6_type: a control character in the line");
	char *typed, *what;
	if (asprintf(&typed, "%s\n", line) < 0 || asprintf(&what, "typed \"%s\"", line) < 0)
		abort();
	size_t from = strlen(vm_serial(vm));
	vm_serial_send(vm, typed);
	/* The echo, then the output, then the prompt. */
	const char *s = wait_prompt(vm, from, len + 3, what);
	ck_assert_msg(strncmp(s, typed, len + 1) == 0, "%s: the console did not echo the line "
		      "(after the prompt the serial port has: %s)", what, tail(s));
	free(out);
	out = strndup(s + len + 1, strlen(s) - len - 3);
	if (!out)
		abort();
	free(typed);
	free(what);
	return out;
}

/* ---- the file server's memory --------------------------------------------- */

uint64_t lab6_fs_pml4(struct vm *vm)
{
	/* Through GDB's view of the kernel's structs (its debug information),
	 * so no layout is assumed here. */
	uint64_t slot = lab3_S(vm, INIT_SERVER_TCB + SRV_FILE);
	uint64_t type = vm_eval(vm, "((struct cte *)roottask.cnode)[%" PRIu64 "].cap.type", slot);
	ck_assert_msg(type == ERIX_OBJ_TCB, "init's record of the file server (root slot %" PRIu64
		      ") holds no TCB (type %" PRIu64 "): it did not start", slot, type);
	uint64_t tcb = vm_eval(vm, "((struct cte *)roottask.cnode)[%" PRIu64 "].cap.obj", slot);
	type = vm_eval(vm, "((struct tcb *)%#" PRIx64 ")->slots[TCB_VSPACE].cap.type", tcb);
	ck_assert_msg(type == ERIX_OBJ_VSPACE, "the file server's TCB has no VSpace (type %"
		      PRIu64 ")", type);
	uint64_t obj = vm_eval(vm, "((struct tcb *)%#" PRIx64 ")->slots[TCB_VSPACE].cap.obj", tcb);
	ck_assert_msg(obj >= DIRECT_MAP_BASE && obj % PAGE == 0, "the file server's VSpace "
		      "capability names %#" PRIx64 ", not a page of the direct map", obj);
	return obj - DIRECT_MAP_BASE;
}

/* translate: the physical address of user address va in the address
 * space whose PML4 is at physical pml4, into *pa; false, with the reason
 * in why, if it is not mapped. */
static bool translate(struct vm *vm, uint64_t pml4, uint64_t va, uint64_t *pa, char *why,
		      size_t whylen)
{
	static const char *const level[] = { "PML4", "PDPT", "page directory", "page table" };
	const uint64_t present = 1, large = 1u << 7, frame = 0x000ffffffffff000ull;
	if (va >= USER_TOP) {
		snprintf(why, whylen, "not a user address");
		return false;
	}
	uint64_t table = pml4;
	for (int l = 0; l < 4; l++) {
		unsigned shift = 39 - 9 * (unsigned)l;
		uint64_t index = (va >> shift) & 511, e;
		vm_read_phys(vm, table + 8 * index, &e, sizeof(e));
		if (!(e & present)) {
			snprintf(why, whylen, "%s entry %" PRIu64 " (at physical %#" PRIx64 ") is "
				 "not present", level[l], index, table + 8 * index);
			return false;
		}
		if ((l == 1 || l == 2) && (e & large)) { /* a 1 GiB or 2 MiB page */
			uint64_t size = 1ull << shift;
			*pa = (e & frame & ~(size - 1)) + (va & (size - 1));
			return true;
		}
		table = e & frame;
	}
	*pa = table + (va & (PAGE - 1));
	return true;
}

void lab6_uread(struct vm *vm, uint64_t pml4, uint64_t va, void *buf, size_t len)
{
	unsigned char *out = buf;
	ck_assert_msg(va + len >= va, "grader: lab6_uread: the range wraps");
	while (len > 0) {
		uint64_t off = va & (PAGE - 1), pa;
		size_t n = len < PAGE - off ? len : (size_t)(PAGE - off);
		char why[160];
		if (!translate(vm, pml4, va, &pa, why, sizeof(why)))
			ck_abort_msg("the file server's address %#" PRIx64 " is not mapped: %s", va,
				     why);
		vm_read_phys(vm, pa, out, n);
		out += n, va += n, len -= n;
	}
}

/* ---- the file server's ELF ------------------------------------------------- */

/* What the grader takes from the file server's ELF, read once. */
struct fs_elf {
	bool read;
	uint64_t ramfs;          /* the address of its struct ramfs */
	uint64_t text;           /* where its .text starts */
	size_t ntext;            /* bytes of it kept in text_bytes */
	unsigned char text_bytes[256];
};

/* The symbol of main.c's `static struct ramfs fs;`. */
#define RAMFS_SYMBOL "fs"
#define RAMFS_SYMBOL_FILE "main.c"

const char *lab6_fs_elf(void)
{
	static char path[1024];
	const char *iso = vm_ctx.iso ? vm_ctx.iso : "";
	const char *slash = strrchr(iso, '/');
	int dir = slash ? (int)(slash - iso) : 1;
	snprintf(path, sizeof(path), "%.*s/user/servers/file.elf", dir, slash ? iso : ".");
	return path;
}

/* slurp: the whole file at path into *data (malloc'd) and *size; false
 * (errno set) if it cannot be read. */
static bool slurp(const char *path, unsigned char **data, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	size_t cap = 1 << 16, n = 0;
	unsigned char *b = malloc(cap);
	for (size_t got; b && (got = fread(b + n, 1, cap - n, f)) > 0;) {
		n += got;
		if (n == cap && cap < (64u << 20))
			b = realloc(b, cap *= 2);
		else if (n == cap)
			break; /* more than 64 MiB: no file server's ELF */
	}
	fclose(f);
	if (!b)
		abort();
	*data = b, *size = n;
	return true;
}

/* elf_string: the NUL-terminated string at offset off of the string
 * table section s, or NULL if it does not fit the file. */
static const char *elf_string(const unsigned char *elf, size_t size, const Elf64_Shdr *s,
			      uint64_t off)
{
	if (s->sh_offset > size || s->sh_size > size - s->sh_offset || off >= s->sh_size)
		return NULL;
	const char *str = (const char *)elf + s->sh_offset + off;
	return memchr(str, 0, s->sh_size - off) ? str : NULL;
}

/* parse_fs_elf: read the ELF at path into *e: the address of main.c's
 * RAMFS_SYMBOL, whose size must be struct ramfs's, and the start of
 * .text. Fails the test, saying why, if any of it is missing. */
static void parse_fs_elf(const char *path, struct fs_elf *e)
{
	unsigned char *elf;
	size_t size;
	if (!slurp(path, &elf, &size))
		ck_abort_msg("grader: cannot read the file server's ELF %s (%s): the lab-6 tests "
			     "read the file server's symbols from the build beside the ISO",
			     path, strerror(errno));
	const Elf64_Ehdr *h = (const Elf64_Ehdr *)elf;
	ck_assert_msg(size >= sizeof(*h) && memcmp(h->e_ident, ELFMAG, SELFMAG) == 0 &&
		      h->e_ident[EI_CLASS] == ELFCLASS64 && h->e_ident[EI_DATA] == ELFDATA2LSB &&
		      h->e_machine == EM_X86_64, "grader: %s is not an x86-64 ELF64 file", path);
	ck_assert_msg(h->e_shentsize == sizeof(Elf64_Shdr) && h->e_shoff <= size &&
		      h->e_shnum <= (size - h->e_shoff) / sizeof(Elf64_Shdr) &&
		      h->e_shstrndx < h->e_shnum, "grader: %s: its section headers do not fit "
		      "the file", path);
	const Elf64_Shdr *sh = (const Elf64_Shdr *)(elf + h->e_shoff);

	const Elf64_Shdr *symtab = NULL;
	for (unsigned i = 0; i < h->e_shnum; i++) {
		const char *name = elf_string(elf, size, &sh[h->e_shstrndx], sh[i].sh_name);
		if (sh[i].sh_type == SHT_SYMTAB)
			symtab = &sh[i];
		if (name && strcmp(name, ".text") == 0 && sh[i].sh_type == SHT_PROGBITS &&
		    sh[i].sh_offset <= size && sh[i].sh_size <= size - sh[i].sh_offset) {
			e->text = sh[i].sh_addr;
			e->ntext = sh[i].sh_size < sizeof(e->text_bytes) ? sh[i].sh_size :
									  sizeof(e->text_bytes);
			memcpy(e->text_bytes, elf + sh[i].sh_offset, e->ntext);
		}
	}
	ck_assert_msg(symtab && e->ntext, "grader: %s has no symbol table or no .text (stripped?)",
		      path);
	ck_assert_msg(symtab->sh_link < h->e_shnum && symtab->sh_entsize == sizeof(Elf64_Sym) &&
		      symtab->sh_offset <= size && symtab->sh_size <= size - symtab->sh_offset,
		      "grader: %s: its symbol table does not fit the file", path);

	/* Local symbols follow the STT_FILE symbol of their source file:
	 * RAMFS_SYMBOL is main.c's (a static), or a global of that name. */
	const Elf64_Sym *sym = (const Elf64_Sym *)(elf + symtab->sh_offset);
	size_t nsym = symtab->sh_size / sizeof(Elf64_Sym);
	const char *file = "";
	const Elf64_Sym *found = NULL;
	for (size_t i = 0; i < nsym; i++) {
		const char *name = elf_string(elf, size, &sh[symtab->sh_link], sym[i].st_name);
		if (!name)
			continue;
		if (ELF64_ST_TYPE(sym[i].st_info) == STT_FILE) {
			file = name;
			continue;
		}
		bool local = ELF64_ST_BIND(sym[i].st_info) == STB_LOCAL;
		if (ELF64_ST_TYPE(sym[i].st_info) == STT_OBJECT && sym[i].st_shndx != SHN_UNDEF &&
		    strcmp(name, RAMFS_SYMBOL) == 0 &&
		    (!local || strcmp(file, RAMFS_SYMBOL_FILE) == 0)) {
			ck_assert_msg(!found, "grader: %s has two symbols %s", path, RAMFS_SYMBOL);
			found = &sym[i];
		}
	}
	ck_assert_msg(found, "grader: %s has no symbol %s in %s (the file server's struct ramfs "
		      "has another name?)", path, RAMFS_SYMBOL, RAMFS_SYMBOL_FILE);
	ck_assert_msg(found->st_size == sizeof(struct ramfs), "grader: the file server's %s is %"
		      PRIu64 " bytes, the grader's struct ramfs (fs.h) %zu: rebuild the grader",
		      RAMFS_SYMBOL, (uint64_t)found->st_size, sizeof(struct ramfs));
	e->ramfs = found->st_value;
	e->read = true;
	free(elf);
}

/* ramfs_at: lab6_fs_ramfs, given the file server's PML4. */
static uint64_t ramfs_at(struct vm *vm, uint64_t pml4)
{
	static struct fs_elf e;
	if (!e.read)
		parse_fs_elf(lab6_fs_elf(), &e);
	/* The ELF must be the one the file server runs: the same code. */
	unsigned char text[sizeof(e.text_bytes)];
	lab6_uread(vm, pml4, e.text, text, e.ntext);
	ck_assert_msg(memcmp(text, e.text_bytes, e.ntext) == 0, "grader: the file server's code "
		      "at %#" PRIx64 " is not that of %s: the ELF is not from the build of the ISO "
		      "(rebuild)", e.text, lab6_fs_elf());
	return e.ramfs;
}

uint64_t lab6_fs_ramfs(struct vm *vm)
{
	return ramfs_at(vm, lab6_fs_pml4(vm));
}

/* ---- the file system, read from the file server --------------------------- */

/* A view of the file server's file system: where it is. */
struct fsview {
	struct vm *vm;
	uint64_t pml4;  /* the file server's PML4 (physical) */
	uint64_t ramfs; /* its struct ramfs (its virtual address) */
};

/* fsview: where the file server's file system is now (failing the test
 * as lab6_fs_pml4 and lab6_fs_ramfs do). */
static struct fsview fsview(struct vm *vm)
{
	uint64_t pml4 = lab6_fs_pml4(vm);
	return (struct fsview){ .vm = vm, .pml4 = pml4, .ramfs = ramfs_at(vm, pml4) };
}

/* inode: read inode ino, checking what the walk relies on: a file or a
 * directory (not a free row; `path` names it in the message), no more
 * entries than a page holds, no more bytes than a file can have. */
static void inode(const struct fsview *v, uint32_t ino, const char *path, struct ramfs_inode *n)
{
	ck_assert_msg(ino < RAMFS_MAX_INODES, "the file server's tree names inode %" PRIu32
		      " (for %s), past its table of %d", ino, path, RAMFS_MAX_INODES);
	lab6_uread(v->vm, v->pml4, v->ramfs + offsetof(struct ramfs, inodes) +
		   ino * sizeof(struct ramfs_inode), n, sizeof(*n));
	ck_assert_msg(n->type == FS_TYPE_FILE || n->type == FS_TYPE_DIR, "the file server's "
		      "inode %" PRIu32 " (for %s) is of type %u: neither a file nor a directory",
		      ino, path, n->type);
	ck_assert_msg(n->type != FS_TYPE_DIR || (n->size <= RAMFS_DIR_ENTRIES &&
						 (n->size == 0 || n->entries)),
		      "the file server's directory %s (inode %" PRIu32 ") claims %" PRIu64
		      " entries %s", path, ino, n->size, n->size > RAMFS_DIR_ENTRIES ?
		      "(more than a page holds)" : "but has no page of them");
	ck_assert_msg(n->type != FS_TYPE_FILE || n->size <= RAMFS_FILE_MAX, "the file server's "
		      "file %s (inode %" PRIu32 ") claims %" PRIu64 " bytes, more than a file can "
		      "hold", path, ino, n->size);
}

/* entries: directory n's entries (n->size of them) into e[], each name
 * checked to end within its field; `path` names the directory. */
static void entries(const struct fsview *v, const struct ramfs_inode *n, const char *path,
		    struct ramfs_dirent e[RAMFS_DIR_ENTRIES])
{
	if (n->size == 0)
		return;
	lab6_uread(v->vm, v->pml4, (uint64_t)(uintptr_t)n->entries, e,
		   n->size * sizeof(struct ramfs_dirent));
	for (uint64_t i = 0; i < n->size; i++)
		ck_assert_msg(memchr(e[i].name, 0, sizeof(e[i].name)), "the file server's "
			      "directory %s: entry %" PRIu64 "'s name has no NUL", path, i);
}

/* lookup: the inode path names (absolute): *n and its number *ino;
 * false if nothing has that path. */
static bool lookup(const struct fsview *v, const char *path, struct ramfs_inode *n,
		   uint32_t *ino)
{
	static struct ramfs_dirent e[RAMFS_DIR_ENTRIES];
	ck_assert_msg(path[0] == '/', "grader: lab6: the path %s is not absolute", path);
	*ino = (uint32_t)RAMFS_ROOT; /* the walk starts at the root */
	inode(v, *ino, "/", n);
	ck_assert_msg(n->type == FS_TYPE_DIR, "the file server's root (inode %d) is not a "
		      "directory", RAMFS_ROOT);
	for (const char *p = path;;) {
		while (*p == '/')
			p++;
		size_t len = strcspn(p, "/");
		if (len == 0)
			return true;
		if (n->type != FS_TYPE_DIR || len > FS_NAME_MAX)
			return false;
		char dir[256]; /* the path so far, for messages */
		snprintf(dir, sizeof(dir), "%.*s", p == path + 1 ? 1 : (int)(p - path - 1), path);
		entries(v, n, dir, e);
		uint64_t i = 0;
		while (i < n->size && !(strlen(e[i].name) == len && memcmp(e[i].name, p, len) == 0))
			i++;
		if (i == n->size)
			return false;
		*ino = e[i].ino;
		p += len;
		snprintf(dir, sizeof(dir), "%.*s", (int)(p - path), path);
		inode(v, *ino, dir, n);
	}
}

bool lab6_file(struct vm *vm, const char *path, char **data, size_t *len)
{
	struct fsview v = fsview(vm);
	struct ramfs_inode n;
	uint32_t ino;
	*data = NULL, *len = 0;
	if (!lookup(&v, path, &n, &ino) || n.type != FS_TYPE_FILE)
		return false;
	char *b = calloc(1, n.size + 1);
	if (!b)
		abort();
	static uint64_t indirect[RAMFS_INDIRECT];
	if (n.size > RAMFS_DIRECT * PAGE && n.indirect)
		lab6_uread(vm, v.pml4, (uint64_t)(uintptr_t)n.indirect, indirect, sizeof(indirect));
	for (uint64_t at = 0; at < n.size; at += PAGE) {
		uint64_t k = at / PAGE, page;
		if (k < RAMFS_DIRECT)
			page = (uint64_t)(uintptr_t)n.direct[k];
		else
			page = n.indirect ? indirect[k - RAMFS_DIRECT] : 0;
		if (page) /* else a hole: zeros */
			lab6_uread(vm, v.pml4, page, b + at, n.size - at < PAGE ? n.size - at : PAGE);
	}
	*data = b, *len = n.size;
	return true;
}

int lab6_dir(struct vm *vm, const char *path, char names[][LAB6_NAME_SIZE], int max)
{
	static struct ramfs_dirent e[RAMFS_DIR_ENTRIES];
	struct fsview v = fsview(vm);
	struct ramfs_inode n;
	uint32_t ino;
	if (!lookup(&v, path, &n, &ino) || n.type != FS_TYPE_DIR)
		return -1;
	entries(&v, &n, path, e);
	for (uint64_t i = 0; i < n.size && i < (uint64_t)max; i++)
		snprintf(names[i], LAB6_NAME_SIZE, "%s", e[i].name);
	return (int)n.size;
}

bool lab6_is_dir(struct vm *vm, const char *path)
{
	struct fsview v = fsview(vm);
	struct ramfs_inode n;
	uint32_t ino;
	return lookup(&v, path, &n, &ino) && n.type == FS_TYPE_DIR;
}

int lab6_handles(struct vm *vm, const char *path)
{
	struct fsview v = fsview(vm);
	struct ramfs_inode n;
	uint32_t ino;
	if (!lookup(&v, path, &n, &ino))
		return -1;
	static struct ramfs_handle h[RAMFS_MAX_HANDLES];
	lab6_uread(vm, v.pml4, v.ramfs + offsetof(struct ramfs, handles), h, sizeof(h));
	int open = 0;
	for (int i = 0; i < RAMFS_MAX_HANDLES; i++)
		open += h[i].used && h[i].ino == ino;
	return open;
}

/* ---- the test programs' observations -------------------------------------- */

const char *lab6_run(struct vm *vm, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	ck_assert_msg(n >= 0 && (size_t)n < sizeof(line), "grader: lab6_run: line too long");
	return lab6_type(vm, line);
}

const char *lab6_quote(const char *s, size_t n, size_t at, size_t max)
{
	static char buf[2][1024];
	static int turn;
	char *q = buf[turn ^= 1];
	size_t k = 0;
	for (size_t i = at; i < n && i < at + max && k + 8 < sizeof(buf[0]); i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n')
			k += (size_t)snprintf(q + k, 3, "\\n");
		else if (c == '\t')
			k += (size_t)snprintf(q + k, 3, "\\t");
		else if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
			k += (size_t)snprintf(q + k, 5, "\\x%02x", c);
		else
			q[k++] = (char)c;
	}
	if (n > at + max && k + 4 < sizeof(buf[0]))
		k += (size_t)snprintf(q + k, 4, "...");
	q[k] = 0;
	return q;
}

long lab6_first_diff(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0;
	while (i < alen && i < blen && a[i] == b[i])
		i++;
	return i == alen && i == blen ? -1 : (long)i;
}

void lab6_obs_read(struct vm *vm, const char *path, const char *line, const char *out,
		   struct lab6_obs *o)
{
	memset(o, 0, sizeof(*o));
	snprintf(o->path, sizeof(o->path), "%s", path);
	ck_assert_msg(lab6_file(vm, path, &o->text, &o->len), "after \"%s\" the file server has "
		      "no file %s, which the program writes its observations into (it printed: "
		      "\"%s\")", line, path, tail(out));
}

/* obs_line: the next line of o (without its newline) into *line and its
 * length into *n; false at the end of the file. */
static bool obs_line(struct lab6_obs *o, const char **line, size_t *n)
{
	if (o->pos >= o->len)
		return false;
	const char *s = o->text + o->pos, *nl = memchr(s, '\n', o->len - o->pos);
	*line = s;
	*n = nl ? (size_t)(nl - s) : o->len - o->pos;
	o->pos += *n + (nl != NULL);
	o->line++;
	return true;
}

/* obs_expected: fails the test: line (n bytes, or NULL at the end of the
 * file) of o is not what was expected (`want`). */
static void obs_expected(const struct lab6_obs *o, const char *line, size_t n, const char *want,
			 const char *why)
{
	char because[512] = "";
	if (why)
		snprintf(because, sizeof(because), " (%s)", why);
	if (!line)
		ck_abort_msg("%s ends after %d lines (%zu bytes), where a line %s was expected next%s",
			     o->path, o->line, o->len, want, because);
	ck_abort_msg("%s line %d is \"%s\", where a line %s was expected%s", o->path, o->line,
		     lab6_quote(line, n, 0, 200), want, because);
}

void lab6_obs_next(struct lab6_obs *o, const char *key, int n, uint64_t *v, const char *why)
{
	const char *line;
	size_t len, klen = strlen(key);
	char want[160];
	snprintf(want, sizeof(want), "\"%s\" and %d numbers of 16 hex digits", key, n);
	bool got = obs_line(o, &line, &len);
	if (!got || len != klen + 17 * (size_t)n || memcmp(line, key, klen) != 0)
		obs_expected(o, got ? line : NULL, len, want, why);
	for (int i = 0; i < n; i++) {
		const char *d = line + klen + 17 * (size_t)i;
		uint64_t x = 0;
		bool ok = d[0] == ' ';
		for (int k = 1; ok && k <= 16; k++) {
			char c = d[k];
			ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
			x = x << 4 | (uint64_t)(c <= '9' ? c - '0' : c - 'a' + 10);
		}
		if (!ok)
			obs_expected(o, line, len, want, why);
		v[i] = x;
	}
}

const char *lab6_obs_text(struct lab6_obs *o, const char *prefix, const char *why)
{
	static char *rest;
	const char *line;
	size_t len, plen = strlen(prefix);
	char want[160];
	snprintf(want, sizeof(want), "starting \"%s\"", prefix);
	bool got = obs_line(o, &line, &len);
	if (!got || len < plen || memcmp(line, prefix, plen) != 0)
		obs_expected(o, got ? line : NULL, len, want, why);
	free(rest);
	rest = strndup(line + plen, len - plen);
	if (!rest)
		abort();
	return rest;
}

void lab6_obs_end(struct lab6_obs *o)
{
	const char *line;
	size_t len;
	if (obs_line(o, &line, &len))
		ck_abort_msg("%s has more lines than the program should have written: line %d is "
			     "\"%s\"", o->path, o->line, lab6_quote(line, len, 0, 200));
	free(o->text);
	o->text = NULL;
}

void lab6_name(struct vm *vm, const char *dir, const char *avoid, char s[16])
{
	static char names[RAMFS_DIR_ENTRIES][LAB6_NAME_SIZE];
	int n = lab6_dir(vm, dir, names, RAMFS_DIR_ENTRIES);
	ck_assert_msg(n >= 0, "the file server has no directory %s", dir);
	for (bool taken = true; taken;) {
		int len = (int)grader_rand_range(6, 12);
		for (int i = 0; i < len; i++)
			s[i] = (char)('a' + grader_rand_range(0, 25));
		s[len] = 0;
		taken = false;
		for (int i = 0; i < n && i < RAMFS_DIR_ENTRIES; i++)
			taken |= strcmp(names[i], s) == 0;
		for (const char *a = avoid; a && *a && !taken; a += strcspn(a, " "), a += *a == ' ')
			taken = strcspn(a, " ") == (size_t)len && memcmp(a, s, (size_t)len) == 0;
	}
}
