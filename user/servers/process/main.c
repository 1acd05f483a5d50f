/*
 * servers/process/main.c: the process server (user/include/process.h).
 *
 * It starts programs from files: the ELF image is read through the file
 * server into a buffer of its own, memory for the new process comes from
 * the memory server (a client of its own, with a quota), and spawn()
 * (user/lib/spawn.h) makes the process from it. It is the fault handler
 * of every process it starts (its endpoint, badged pid | FAULT_BIT). A
 * process that exits, faults or is killed is torn down (teardown): its
 * objects revoked, its memory client dropped, so that everything it held
 * is the memory server's again; its parent learns how it ended (wait).
 *
 * What it starts with (init.c): P_ENDPOINT, P_CONSOLE, P_FILE (the file
 * server's name space), P_NAME (lookups), P_UNTYPED (memory of its own),
 * P_PIPE (the pipe server's PIPE_CREATE capability, lab 6: each process
 * it starts gets a copy), P_EXTRA+0 the memory server's administrator
 * capability.
 */
#include "elf.h"
#include "file.h"
#include "memory.h"
#include "proc.h"
#include "process.h"
#include "rpc.h"
#include "spawn.h"
#include "ulib.h"

#define FAULT_BIT (1ull << 40)        /* a fault handler capability's badge */
#define MEMORY_ADMIN (P_EXTRA + 0)
#define BUF_ADDR 0x0000000200000000ull /* where program images are read to */
#define BUF_PAGES 128                 /* so at most 512 KiB */
#define READ_SCRATCH 0x00007f0000001000ull /* where a process's page is read
					      (next to spawn's scratch page) */
#define PROCESS_BITS 21               /* each process's objects: 2 MiB */
#define CHUNK_BITS 16                 /* its heap's memory, 64 KiB a piece */
#define MAX_CHUNKS 64                 /* so a heap of at most 4 MiB */
#define HEAP_BASE 0x0000100000000000ull /* where a process's heap starts */
#define PAGE 4096ull

/* Each process's slots in the server's CNode, from its base: */
#define STAGE_FIRST 4                 /* PROC_STAGE's capabilities */
#define CHUNK_FIRST (STAGE_FIRST + PROC_FD_MAX) /* its heap's Untypeds */
#define OBJ_FIRST (CHUNK_FIRST + MAX_CHUNKS) /* its objects and pages */
#define OBJ_WINDOW 900
#define WINDOW (OBJ_FIRST + OBJ_WINDOW) /* slots per process */

enum state { FREE, RUNNING, ENDED };

struct proc {
	enum state state;
	uint64_t pid, parent;
	enum proc_end how;
	uint64_t status, addr;
	uint64_t client;      /* its memory server client id */
	erix_cptr_t tcb;      /* its thread (in the spawn window) */
	erix_cptr_t base;     /* its slots: base+0 events, +1 memory client,
				 +2 its Untyped, +3 fault capability,
				 +4.. the spawn window */
	char name[PROC_NAME_MAX];
	/* lab 6: its memory, for fork and execve */
	erix_cptr_t cnode, vspace; /* (in the window) */
	unsigned used;        /* slots of the object window in use */
	uint64_t *page_va;    /* per window slot: the Frame's address
				 (spawn.h's SPAWN_VA_ notes), or 0 */
	uint64_t heap_end;    /* its heap: [HEAP_BASE, heap_end) */
	unsigned nchunks, chunk; /* heap Untypeds held, the one in use */
	uint32_t staged;      /* a bit per STAGE slot that holds a capability */
	/* lab 6: where its libc's last words run (PROC_ON_DEATH; 0: none),
	 * and, while they do, why it is ending */
	uint64_t die_rip, die_rsp;
	bool dying;
	bool held;            /* made by PROC_FORK, not yet started (PROC_START) */
	enum proc_end die_how;
	uint64_t die_status, die_addr;
};

static struct proc procs[PROC_MAX];
static uint64_t page_va[PROC_MAX][OBJ_WINDOW];
static uint64_t next_pid = 1000;
static erix_cptr_t notify0;   /* init's (parent 0's) notification */
static erix_cptr_t file_tmp;  /* a slot for an open file */
static erix_cptr_t read_tmp;  /* a slot for a copy of a page being read */
static struct { uint64_t spawned, reaped, faulted; } stats;

#define EVENTS(p) ((p)->base + 0)
#define CLIENT(p) ((p)->base + 1)
#define UNTYPED(p) ((p)->base + 2)
#define FAULT(p) ((p)->base + 3)
#define STAGE(p, i) ((p)->base + STAGE_FIRST + (i))
#define CHUNK(p, i) ((p)->base + CHUNK_FIRST + (i))
#define SPAWN_WINDOW(p) ((p)->base + OBJ_FIRST)

/* find: the live (running or ended) process pid, or NULL. */
static struct proc *find(uint64_t pid)
{
	for (unsigned i = 0; i < PROC_MAX; i++)
		if (procs[i].state != FREE && procs[i].pid == pid)
			return &procs[i];
	return NULL;
}

/* wake: signal the notification of parent, if it has one. */
static void wake(uint64_t parent)
{
	struct proc *p = parent ? find(parent) : NULL;
	if (p && p->state == RUNNING)
		erix_signal(EVENTS(p));
	else if (!parent && notify0)
		erix_signal(notify0);
}

/* read_image: the file at path (len bytes) into the buffer; its size, or
 * a negative error. */
static long read_image(const char *path, uint64_t len)
{
	struct rpc r = { .label = FS_OPEN, .w = { len, 0 }, .data = path, .len = len,
			 .recv_slot = file_tmp };
	long err = rpc_call(P_FILE, &r);
	if (err < 0)
		return err;
	if (!r.caps)
		return -ERR_INVALID;
	uint64_t size = r.w[0], got = 0;
	if (r.w[1] != FS_TYPE_FILE || size > BUF_PAGES * 4096ull)
		err = r.w[1] != FS_TYPE_FILE ? -ERR_IS_DIR : -ERR_BAD_IMAGE;
	while (err >= 0 && got < size) {
		struct rpc rd = { .label = FS_READ, .w = { FS_IO_MAX } };
		err = rpc_call(file_tmp, &rd);
		if (err >= 0 && rd.w[0] == 0)
			break;
		if (err >= 0)
			got += rpc_get_data(rd.info, (uint8_t *)BUF_ADDR + got, rd.w[0], size - got);
	}
	struct rpc cl = { .label = FS_CLOSE };
	rpc_call(file_tmp, &cl);
	cnode_delete(P_CNODE, file_tmp);
	return err < 0 ? err : (long)got;
}

/*
 * teardown (LAB 5 exercise): process p ends, how (with status, and for a
 * fault the address).
 *
 * Requirements:
 *  - its thread never runs again, and every object made for it (its TCB,
 *    CNode, VSpace, page tables, frames, and whatever it made from memory
 *    it got from the memory server) is destroyed, and all that memory is
 *    the memory server's again: its free total is what it was before
 *    the process was spawned;
 *  - none of the server's slots for p still holds a capability (they are
 *    reused for the next process);
 *  - p is ENDED with how, status and addr kept for its parent's wait, and
 *    the parent is woken (wake);
 *  - its own children are handed to init (parent 0), which may wait for
 *    them.
 *
 * Hints: what does revoking the Untyped the process was made from do, and
 * which capabilities are not derived from it? The memory server's
 * MEM_DROP_CLIENT (memory.h) takes back what the process asked for itself.
 */
static void teardown(struct proc *p, enum proc_end how, uint64_t status, uint64_t addr)
{
#if LAB5_SOLUTION
	cnode_revoke(P_CNODE, UNTYPED(p));
	cnode_delete(P_CNODE, UNTYPED(p));
	cnode_delete(P_CNODE, EVENTS(p)); /* made from the Untyped: gone already */
	cnode_delete(P_CNODE, FAULT(p));
	cnode_delete(P_CNODE, CLIENT(p));
	struct rpc r = { .label = MEM_DROP_CLIENT, .w = { p->client } };
	rpc_call(MEMORY_ADMIN, &r);
	p->state = ENDED;
	p->how = how, p->status = status, p->addr = addr;
	for (unsigned i = 0; i < PROC_MAX; i++)
		if (procs[i].state != FREE && procs[i].parent == p->pid)
			procs[i].parent = 0;
	wake(p->parent);
#else
	/* LAB 5: your code here. Until then, the process is only stopped. */
	tcb_suspend(p->tcb);
	p->state = ENDED;
	(void)how, (void)status, (void)addr, (void)wake;
#endif
}

/* stage_clear: p's staged capabilities (PROC_STAGE) deleted. */
static void stage_clear(struct proc *p)
{
	for (unsigned i = 0; i < PROC_FD_MAX; i++)
		if (p->staged & (1u << i))
			cnode_delete(P_CNODE, STAGE(p, i));
	p->staged = 0;
}

/* end: p ends (teardown), after its staged capabilities are deleted;
 * so do the children fork made for it that it never started. */
static void end(struct proc *p, enum proc_end how, uint64_t status, uint64_t addr)
{
	stage_clear(p);
	for (unsigned i = 0; i < PROC_MAX; i++) {
		struct proc *c = &procs[i];
		if (c->state == RUNNING && c->held && c->parent == p->pid) {
			c->held = false;
			stage_clear(c);
			teardown(c, PROC_KILLED, 9, 0);
		}
	}
	teardown(p, how, status, addr);
}

/* begin: a free entry made ready for a new process (a memory client with
 * the default quota, the Untyped its objects come from, its events
 * notification, a fault capability badged with the next pid); the entry,
 * or NULL with *err. Undone by teardown (or, before anything was made
 * from the Untyped, by undo_begin). */
static struct proc *begin(long *err)
{
	struct proc *p = NULL;
	for (unsigned i = 0; i < PROC_MAX && !p; i++)
		if (procs[i].state == FREE)
			p = &procs[i];
	if (!p) {
		*err = -ERR_NO_SPACE;
		return NULL;
	}
	struct rpc r = { .label = MEM_NEW_CLIENT, .w = { PROC_QUOTA_DEFAULT },
			 .recv_slot = CLIENT(p) };
	if ((*err = rpc_call(MEMORY_ADMIN, &r)) < 0)
		return NULL;
	p->client = r.w[0];
	struct rpc u = { .label = MEM_UNTYPED_FOR, .w = { p->client, PROCESS_BITS },
			 .recv_slot = UNTYPED(p) };
	if ((*err = rpc_call(MEMORY_ADMIN, &u)) < 0 ||
	    (*err = untyped_retype(UNTYPED(p), ERIX_OBJ_NOTIFICATION, 0, EVENTS(p))) < 0 ||
	    (*err = cnode_mint(P_CNODE, FAULT(p), P_ENDPOINT, ERIX_RIGHT_WRITE | ERIX_RIGHT_GRANT,
			       next_pid | FAULT_BIT)) < 0) {
		struct rpc d = { .label = MEM_DROP_CLIENT, .w = { p->client } };
		rpc_call(MEMORY_ADMIN, &d);
		cnode_delete(P_CNODE, CLIENT(p)), cnode_delete(P_CNODE, UNTYPED(p));
		cnode_delete(P_CNODE, EVENTS(p)), cnode_delete(P_CNODE, FAULT(p));
		return NULL;
	}
	p->pid = next_pid, p->tcb = 0, p->used = 0, p->heap_end = HEAP_BASE;
	p->nchunks = p->chunk = 0, p->staged = 0;
	p->die_rip = p->die_rsp = 0, p->dying = false, p->held = false;
	p->page_va = page_va[p - procs];
	memset(p->page_va, 0, sizeof(page_va[0]));
	return p;
}

/* prepare: s made ready to build process p: its Untyped, window and
 * fault capability, the capabilities every process gets (process.h), and
 * the ones p staged (PROC_STAGE) at P_FDS.. */
static void prepare(struct spawn *s, struct proc *p)
{
	*s = (struct spawn){ .untyped = UNTYPED(p), .untyped_bits = PROCESS_BITS,
			     .window = SPAWN_WINDOW(p), .window_size = OBJ_WINDOW,
			     .fault_ep = FAULT(p), .page_va = p->page_va };
	const unsigned client = ERIX_RIGHT_WRITE | ERIX_RIGHT_GRANT;
	spawn_give_cap(s, P_MEMORY, CLIENT(p), client);
	spawn_give_cap(s, P_NAME, P_NAME, client);
	spawn_give_cap(s, P_CONSOLE, P_CONSOLE, client);
	spawn_give_cap(s, P_FILE, P_FILE, client);
	spawn_give_cap(s, P_PIPE, P_PIPE, client);
	spawn_give_badged(s, P_PROCESS, P_ENDPOINT, client, p->pid);
	spawn_give_cap(s, P_EVENTS, EVENTS(p), ERIX_RIGHT_READ | ERIX_RIGHT_WRITE);
	s->info.tsc_hz = procinfo->tsc_hz; /* the clock init gave */
	s->info.epoch = procinfo->epoch, s->info.epoch_tsc = procinfo->epoch_tsc;
}

/* give_staged: the capabilities `from` staged, moved into the process s
 * builds, in the same slots (P_FDS + i): nothing of them is left here. */
static void give_staged(struct spawn *s, struct proc *from)
{
	for (unsigned i = 0; i < PROC_FD_MAX; i++)
		if (from->staged & (1u << i))
			spawn_give_move(s, P_FDS + i, STAGE(from, i));
}

/* stage_return: p's staged capabilities moved back into its own slots
 * (P_FDS + i), where PROC_EXEC's caller took them from. */
static void stage_return(struct proc *p)
{
	for (unsigned i = 0; i < PROC_FD_MAX; i++)
		if (p->staged & (1u << i))
			cnode_move(p->cnode, P_FDS + i, STAGE(p, i));
	stage_clear(p);
}

/* started: p runs the process s built (its thread, CNode, VSpace). */
static void started(struct proc *p, const struct spawn *s, uint64_t parent)
{
	p->tcb = s->tcb, p->cnode = s->cnode, p->vspace = s->vspace;
	p->used = s->slots_used;
	p->parent = parent, p->state = RUNNING;
	memcpy(p->name, s->info.name, sizeof(p->name));
}

/* do_spawn: PROC_SPAWN from parent; the reply's status, *pid. The
 * command line: argc strings in argv_text (argv_len bytes, each string
 * NUL-ended); argc 0: argv is { path }. */
static long do_spawn(uint64_t parent, const char *path, uint64_t len, const uint64_t *w,
		     uint32_t argc, const char *argv_text, uint64_t argv_len, uint64_t *pid)
{
	long size = read_image(path, len), err;
	if (size < 0)
		return size;
	struct proc *p = begin(&err);
	if (!p)
		return err;

	struct spawn s;
	prepare(&s, p);
	s.elf = (const void *)BUF_ADDR, s.elf_size = (uint64_t)size;
	s.info.pid = p->pid;
	s.info.args[0] = w[1], s.info.args[1] = w[2];
	uint64_t n = len < PROC_NAME_MAX - 1 ? len : PROC_NAME_MAX - 1;
	memcpy(s.info.name, path, n);
	if (argc) {
		s.info.argc = argc;
		memcpy(s.info.argv_text, argv_text, argv_len);
	} else {
		s.info.argc = 1;
		memcpy(s.info.argv_text, path, len); /* NUL-ended: info is zeroed */
	}
	started(p, &s, parent);
	const char *why = "";
	if ((err = spawn(&s, &why)) < 0) {
		if (*why)
			uprintf("process: %s: %s\n", s.info.name, why);
		end(p, PROC_KILLED, 0, 0);
		p->state = FREE;
		return err;
	}
	started(p, &s, parent);
	*pid = next_pid++;
	stats.spawned++;
	return 0;
}

/* ---- lab 6: a process's memory (PROC_MAP), fork and execve ------------ */

/* make_heap_object: one object of type made for p's heap, from its heap
 * Untypeds (a new one from the memory server when those are used up),
 * in the next slot of its window; the slot, or 0. */
static erix_cptr_t make_heap_object(struct proc *p, unsigned type)
{
	if (p->used >= OBJ_WINDOW)
		return 0;
	erix_cptr_t slot = SPAWN_WINDOW(p) + p->used;
	for (;;) {
		if (p->chunk < p->nchunks &&
		    untyped_retype(CHUNK(p, p->chunk), type, 0, slot) == 0) {
			p->used++;
			return slot;
		}
		if (p->chunk + 1 < p->nchunks) {
			p->chunk++;
			continue;
		}
		if (p->nchunks == MAX_CHUNKS)
			return 0;
		struct rpc r = { .label = MEM_UNTYPED_FOR, .w = { p->client, CHUNK_BITS },
				 .recv_slot = CHUNK(p, p->nchunks) };
		if (rpc_call(MEMORY_ADMIN, &r) < 0)
			return 0;
		p->chunk = p->nchunks++;
	}
}

/* heap_page: one more page of p's heap at va, a fresh Frame (zeroed),
 * or with PAGE bytes of src when src is not NULL, mapped read/write;
 * 0, or a negative error. */
static long heap_page(struct proc *p, uint64_t va, const void *src)
{
	erix_cptr_t f = make_heap_object(p, ERIX_OBJ_FRAME);
	if (!f)
		return -ERR_NO_MEMORY;
	const unsigned rw = ERIX_RIGHT_READ | ERIX_RIGHT_WRITE;
	if (src) {
		if (frame_map(f, P_VSPACE, READ_SCRATCH + PAGE, rw, 0) < 0)
			return -ERR_NO_MEMORY;
		memcpy((void *)(READ_SCRATCH + PAGE), src, PAGE);
		frame_unmap(f);
	}
	long err;
	while ((err = frame_map(f, p->vspace, va, rw, 0)) == -ERR_NO_TABLE) {
		erix_cptr_t pt = make_heap_object(p, ERIX_OBJ_PAGE_TABLE);
		if (!pt)
			return -ERR_NO_MEMORY;
		if ((err = page_table_map(pt, p->vspace, va)) < 0)
			return err;
	}
	if (err == 0)
		p->page_va[f - SPAWN_WINDOW(p)] = va | SPAWN_VA_FRAME | SPAWN_VA_WRITE;
	return err;
}

/* read_page: p's page at va (page aligned) mapped read-only at
 * READ_SCRATCH, through a copy of its Frame capability (a Frame maps
 * once); the page, or NULL when p has none there. unread_page undoes. */
static const uint8_t *read_page(struct proc *p, uint64_t va)
{
	for (unsigned i = 0; i < OBJ_WINDOW; i++) {
		uint64_t v = p->page_va[i];
		if (!(v & SPAWN_VA_FRAME) || SPAWN_VA_ADDR(v) != va)
			continue;
		if (cnode_copy(P_CNODE, read_tmp, SPAWN_WINDOW(p) + i, ERIX_RIGHT_READ) < 0)
			return NULL;
		if (frame_map(read_tmp, P_VSPACE, READ_SCRATCH, ERIX_RIGHT_READ, 0) < 0) {
			cnode_delete(P_CNODE, read_tmp);
			return NULL;
		}
		return (const uint8_t *)READ_SCRATCH;
	}
	return NULL;
}
static void unread_page(void)
{
	frame_unmap(read_tmp);
	cnode_delete(P_CNODE, read_tmp);
}

/* copy_in: len bytes of p's memory at va into dst; 0, or -ERR_INVALID
 * when some of it is not p's. */
static long copy_in(struct proc *p, uint64_t va, void *dst, uint64_t len)
{
	uint8_t *d = dst;
	while (len) {
		uint64_t off = va & (PAGE - 1), n = PAGE - off < len ? PAGE - off : len;
		const uint8_t *page = read_page(p, va - off);
		if (!page)
			return -ERR_INVALID;
		memcpy(d, page + off, n);
		unread_page();
		d += n, va += n, len -= n;
	}
	return 0;
}

/* do_map: PROC_MAP from p: npages fresh pages at the end of its heap;
 * their address in *va, or a negative error (what was mapped before
 * the error stays, the heap's end after it). */
static long do_map(struct proc *p, uint64_t npages, uint64_t *va)
{
	if (npages == 0 || npages > OBJ_WINDOW)
		return -ERR_INVALID;
	*va = p->heap_end;
	for (uint64_t i = 0; i < npages; i++) {
		long err = heap_page(p, p->heap_end, NULL);
		if (err < 0)
			return err == -ERR_NO_MEMORY ? -ERR_QUOTA : err;
		p->heap_end += PAGE;
	}
	return 0;
}

/*
 * copy_pages (LAB 6 exercise): for fork, the child c (its objects made:
 * s->cnode, s->vspace, s->tcb; s->slots_used slots of its window used)
 * gets a copy of each page of its parent p.
 *
 * Requirements:
 *  - every page p->page_va records (a Frame: SPAWN_VA_FRAME) is copied to
 *    a fresh Frame of c at the same address, but the IPC buffer and the
 *    proc_info page (PROC_IPC_BUFFER, PROC_INFO_ADDR), which spawn_finish
 *    makes anew for c;
 *  - the program's pages and stack (every address outside the heap,
 *    [HEAP_BASE, p->heap_end)) with spawn_page, keeping their rights:
 *    writable only if SPAWN_VA_WRITE, executable only if SPAWN_VA_EXEC;
 *  - then the heap's pages with heap_page (from c's heap Untypeds, as
 *    PROC_MAP's), c->used taking over from s->slots_used before and
 *    giving back to it after; c's heap ends where p's does;
 *  - 0, or a negative error: -ERR_NO_MEMORY when a Frame cannot be had.
 *
 * Hints: read_page maps one of p's pages (read-only, at READ_SCRATCH) and
 * unread_page undoes it; map nothing else there in between.
 */
static long copy_pages(struct proc *p, struct proc *c, struct spawn *s)
{
#if LAB6_SOLUTION
	long err = 0;
	for (unsigned i = 0; i < OBJ_WINDOW && err >= 0; i++) {
		uint64_t v = p->page_va[i], va = SPAWN_VA_ADDR(v);
		if (!(v & SPAWN_VA_FRAME) || va == PROC_IPC_BUFFER || va == PROC_INFO_ADDR ||
		    (va >= HEAP_BASE && va < p->heap_end))
			continue;
		const uint8_t *page = read_page(p, va);
		if (!page)
			return -ERR_INVALID;
		unsigned rights = ERIX_RIGHT_READ | (v & SPAWN_VA_WRITE ? ERIX_RIGHT_WRITE : 0);
		if (!spawn_page(s, page, PAGE, va, rights, v & SPAWN_VA_EXEC))
			err = -ERR_NO_MEMORY;
		unread_page();
	}
	c->used = s->slots_used;
	for (unsigned i = 0; i < OBJ_WINDOW && err >= 0; i++) {
		uint64_t v = p->page_va[i], va = SPAWN_VA_ADDR(v);
		if (!(v & SPAWN_VA_FRAME) || va < HEAP_BASE || va >= p->heap_end)
			continue;
		const uint8_t *page = read_page(p, va);
		if (!page)
			return -ERR_INVALID;
		err = heap_page(c, va, page);
		unread_page();
	}
	c->heap_end = p->heap_end;
	s->slots_used = c->used;
	return err;
#else
	/* LAB 6: your code here. Until then, fork fails. */
	(void)p, (void)c, (void)s, (void)read_page, (void)unread_page;
	return -ERR_NO_MEMORY;
#endif
}

/*
 * do_fork: PROC_FORK from p: a new process (a child of p) with a copy of
 * each of p's pages (but its IPC buffer and proc_info page, made anew:
 * proc_info a copy of p's with the child's pid), the capabilities every
 * process gets, and its thread ready at rip with rsp and rdi but held:
 * p gives it its fds' capabilities (PROC_STAGE with the child's pid),
 * then starts it (PROC_START). Eager: every page is copied now. The
 * child's pid in *pid, or a negative error (nothing is left of the child
 * then, and nothing of p's was given to it).
 */
static long do_fork(struct proc *p, uint64_t rip, uint64_t rsp, uint64_t rdi, uint64_t *pid)
{
	long err;
	struct proc *c = begin(&err);
	if (!c)
		return err;
	static struct spawn s;
	prepare(&s, c);
	s.hold = true; /* PROC_START runs it, once the parent gave it its fds */
	const char *why = "";
	if ((err = copy_in(p, PROC_INFO_ADDR, &s.info, sizeof(s.info))) < 0 ||
	    (err = spawn_objects(&s, &why)) < 0)
		goto fail;
	s.info.pid = c->pid;
	started(c, &s, p->pid);
	err = copy_pages(p, c, &s);
	if (err < 0 || (err = spawn_finish(&s, rip, rsp, rdi, &why)) < 0)
		goto fail;
	started(c, &s, p->pid);
	c->held = true;
	c->die_rip = p->die_rip, c->die_rsp = p->die_rsp; /* the same program */
	*pid = next_pid++;
	stats.spawned++;
	return 0;
fail:
	if (*why)
		uprintf("process: fork of %s: %s\n", p->name, why);
	started(c, &s, p->pid);
	end(c, PROC_KILLED, 0, 0);
	c->state = FREE;
	return err == -ERR_NO_MEMORY ? -ERR_QUOTA : err;
}

/* The block PROC_EXEC reads from the caller's memory (process.h). */
static struct {
	uint32_t fds[PROC_FD_MAX];
	char cwd[PROC_CWD_MAX];
	char text[PROC_ARGV_MAX];
} exec_block;

/*
 * do_exec: PROC_EXEC from p: the program in the file path (len bytes)
 * replaces p's: the same pid, parent, memory client and heap Untypeds; a
 * new image, stack, IPC buffer and proc_info (argc + envc strings of the
 * block's text, its fd table and current directory), the capabilities
 * every process gets and p's staged ones. Everything that can fail for
 * a reason of the caller's (the file, the image, the block) is checked
 * first and returned as an error; past that p's old program is gone, and
 * a failure (memory) ends p (killed). 0 when the new program runs (p
 * gets no reply), or the error.
 */
static long do_exec(struct proc *p, const char *path, uint64_t len, uint64_t addr,
		    uint64_t size, uint64_t counts)
{
	uint32_t argc = (uint32_t)counts, envc = (uint32_t)(counts >> 32);
	uint64_t head = __builtin_offsetof(__typeof__(exec_block), text);
	if (size < head || size > sizeof(exec_block) || argc == 0)
		return -ERR_INVALID;
	long image = read_image(path, len), err;
	if (image < 0)
		return image;
	struct elf_image img;
	if (elf_parse((const void *)BUF_ADDR, (uint64_t)image, PROC_IPC_BUFFER - PAGE, &img) !=
	    ELF_OK)
		return -ERR_BAD_IMAGE;
	memset(&exec_block, 0, sizeof(exec_block));
	if ((err = copy_in(p, addr, &exec_block, size)) < 0)
		return err;
	uint64_t text_len = size - head, strings = 0;
	for (uint64_t i = 0; i < text_len; i++)
		strings += exec_block.text[i] == '\0';
	if (strings != (uint64_t)argc + envc || (text_len && exec_block.text[text_len - 1]) ||
	    exec_block.cwd[PROC_CWD_MAX - 1])
		return -ERR_INVALID;

	/* No way back from here: p's old objects and heap go. */
	cnode_revoke(P_CNODE, UNTYPED(p));
	for (unsigned i = 0; i < p->nchunks; i++)
		cnode_revoke(P_CNODE, CHUNK(p, i));
	p->chunk = 0, p->heap_end = HEAP_BASE, p->used = 0;
	p->die_rip = p->die_rsp = 0; /* the new program registers its own */
	if ((err = untyped_retype(UNTYPED(p), ERIX_OBJ_NOTIFICATION, 0, EVENTS(p))) < 0) {
		end(p, PROC_KILLED, 0, 0);
		return 0;
	}
	static struct spawn s;
	prepare(&s, p);
	give_staged(&s, p);
	s.elf = (const void *)BUF_ADDR, s.elf_size = (uint64_t)image;
	s.info.pid = p->pid;
	uint64_t n = len < PROC_NAME_MAX - 1 ? len : PROC_NAME_MAX - 1;
	memcpy(s.info.name, path, n);
	s.info.argc = argc, s.info.envc = envc, s.info.has_fds = 1;
	memcpy(s.info.fds, exec_block.fds, sizeof(s.info.fds));
	memcpy(s.info.cwd, exec_block.cwd, sizeof(s.info.cwd));
	memcpy(s.info.argv_text, exec_block.text, text_len);
	const char *why = "";
	err = spawn(&s, &why);
	started(p, &s, p->parent);
	stage_clear(p);
	if (err < 0) {
		uprintf("process: exec of %s: %s\n", s.info.name, *why ? why : erix_strerror(err));
		end(p, PROC_KILLED, 0, 0);
	}
	return 0;
}

/*
 * do_wait (LAB 5 exercise): PROC_WAIT from parent for pid (0: any child
 * of parent).
 *
 * Requirements:
 *  - only a child of the caller counts: another's process, or a pid
 *    never used, is -ERR_NOT_FOUND, as is "any" for a caller without
 *    children;
 *  - a child that has ended is reaped: out[] gets its pid, how it ended,
 *    its status and address (process.h, PROC_WAIT), its entry is free
 *    again, a second wait for it is -ERR_NOT_FOUND, and stats.reaped
 *    counts it (PROC_STATS);
 *  - a child still running is -ERR_WOULD_BLOCK (nothing changes); with
 *    "any", an ended child is reaped even while others run.
 */
static long do_wait(uint64_t parent, uint64_t pid, uint64_t out[4])
{
#if LAB5_SOLUTION
	bool any = false;
	for (unsigned i = 0; i < PROC_MAX; i++) {
		struct proc *p = &procs[i];
		if (p->state == FREE || p->parent != parent || (pid && p->pid != pid))
			continue;
		any = true;
		if (p->state != ENDED)
			continue;
		out[0] = p->pid, out[1] = p->how, out[2] = p->status, out[3] = p->addr;
		p->state = FREE;
		stats.reaped++;
		return 0;
	}
	return any ? -ERR_WOULD_BLOCK : -ERR_NOT_FOUND;
#else
	/* LAB 5: your code here. Until then, nobody is ever found. */
	(void)parent, (void)pid, (void)out;
	return -ERR_NOT_FOUND;
#endif
}

static const char *vector_name(uint64_t v)
{
	switch (v) {
	case 0: return "divide error";
	case 3: return "breakpoint";
	case 6: return "invalid opcode";
	case 13: return "general protection";
	case 14: return "page fault";
	default: return "exception";
	}
}

/* signal_of: the signal a fault with this vector counts as (signal.h's
 * numbers, as the libc's waitpid reports them). */
static uint64_t signal_of(uint64_t vector)
{
	switch (vector) {
	case 0: return 8;  /* SIGFPE */
	case 3: return 5;  /* SIGTRAP */
	case 6: return 4;  /* SIGILL */
	default: return 11; /* SIGSEGV */
	}
}

/*
 * last_words: p is to end (how, status, addr), but its libc asked for a
 * chance to clean up first (PROC_ON_DEATH): its open files and pipe ends
 * must be closed, or a reader at the other end of a pipe would wait for
 * ever. Records why, so that its PROC_EXIT ends it that way. False if it
 * cannot have one (none registered, or it is dying already): end it now.
 */
static bool last_words(struct proc *p, enum proc_end how, uint64_t status, uint64_t addr)
{
	if (!p->die_rip || p->dying)
		return false;
	p->dying = true;
	p->die_how = how, p->die_status = status, p->die_addr = addr;
	return true;
}

/* handle: one request (or fault message) in m from badge; false if the
 * caller gets no reply (it is gone). */
static bool handle(struct erix_msg *m, uint64_t *status, uint64_t *words)
{
	uint64_t data_len = 0;
	uint64_t label = ERIX_MSGINFO_LABEL(m->info), badge = m->badge;
	uint64_t w[4] = { m->mr[0], m->mr[1], m->mr[2], m->mr[3] }, out[4] = { 0 };
	long err = 0;
	if (badge & FAULT_BIT) {
		struct proc *p = find(badge & ~FAULT_BIT);
		if (label != ERIX_FAULT_LABEL || !p || p->state != RUNNING)
			return false;
		/* its registers (words 3.. of the fault message), before the
		 * report's IPC overwrites the IPC buffer */
		uint64_t regs[ERIX_FAULT_REG_COUNT];
		regs[0] = w[3];
		for (unsigned k = 1; k < ERIX_FAULT_REG_COUNT; k++)
			regs[k] = ipc_buf()->mr[3 + k];
		uprintf("process: %s (pid %lu) faulted: %s (vector %lu) at address 0x%lx, rip 0x%lx; "
			"ending it\n", p->name, (unsigned long)p->pid, vector_name(w[0]),
			(unsigned long)w[0], (unsigned long)w[2], (unsigned long)w[3]);
		if (!last_words(p, PROC_FAULTED, w[0], w[2])) {
			stats.faulted++;
			end(p, PROC_FAULTED, w[0], w[2]);
			return false;
		}
		/* resumed in its libc's last words (rdi the signal), on their
		 * own stack; the other registers as they were */
		regs[0] = p->die_rip, regs[1] = p->die_rsp;
		regs[8] = signal_of(w[0]); /* rdi */
		memcpy(m->mr, regs, sizeof(m->mr));
		for (unsigned k = ERIX_MSG_REG_WORDS; k < ERIX_FAULT_REG_COUNT; k++)
			ipc_buf()->mr[k] = regs[k];
		*status = ERIX_FAULT_RESUME;
		*words = ERIX_FAULT_REG_COUNT;
		return true;
	}
	switch (label) {
	case PROC_SPAWN: {
		char path[FS_PATH_MAX];
		uint64_t len = w[0];
		if (len == 0 || len > FS_PATH_MAX || len > msg_data_len(m->info)) {
			err = -ERR_INVALID;
			break;
		}
		memcpy(path, msg_data(), len);
		/* the command line, if any (mr3: process.h), copied out of the
		 * IPC buffer before do_spawn's own calls overwrite it */
		static char argv_text[MSG_DATA_MAX];
		uint64_t total = w[3], argv_len = 0;
		uint32_t argc = 0;
		if (total >= len + 1) {
			const char *d = (const char *)msg_data();
			if (total > msg_data_len(m->info) || total > MSG_DATA_MAX || d[len] != '\0' ||
			    (total > len + 1 && d[total - 1] != '\0')) {
				err = -ERR_INVALID;
				break;
			}
			argv_len = total - len - 1;
			memcpy(argv_text, d + len + 1, argv_len);
			for (uint64_t i = 0; i < argv_len; i++)
				argc += argv_text[i] == '\0';
		}
		err = do_spawn(badge, path, len, w, argc, argv_text, argv_len, &out[0]);
		break;
	}
	case PROC_EXIT: {
		struct proc *p = badge ? find(badge) : NULL;
		if (!p || p->state != RUNNING) {
			err = -ERR_INVALID;
			break;
		}
		if (p->dying) {
			if (p->die_how == PROC_FAULTED)
				stats.faulted++;
			end(p, p->die_how, p->die_status, p->die_addr);
		} else {
			end(p, PROC_EXITED, w[0], 0);
		}
		return false;
	}
	case PROC_WAIT:
		err = do_wait(badge, w[0], out);
		break;
	case PROC_KILL: {
		struct proc *p = find(w[0]);
		if (!p || p->parent != badge || p->state != RUNNING) {
			err = -ERR_NOT_FOUND;
			break;
		}
		end(p, PROC_KILLED, 0, 0);
		break;
	}
	case PROC_STATS: {
		uint64_t alive = 0;
		for (unsigned i = 0; i < PROC_MAX; i++)
			alive += procs[i].state == RUNNING;
		out[0] = alive, out[1] = stats.spawned, out[2] = stats.reaped, out[3] = stats.faulted;
		break;
	}
	case PROC_NOTIFY:
		if (badge || !ERIX_MSGINFO_CAPS(m->info)) {
			err = badge ? -ERR_RIGHTS : -ERR_INVALID;
			break;
		}
		cnode_delete(P_CNODE, notify0);
		cnode_move(P_CNODE, notify0, P_REPLY);
		break;
	case PROC_MAP:
	case PROC_ON_DEATH:
	case PROC_STAGE:
	case PROC_FORK:
	case PROC_START:
	case PROC_EXEC:
	case PROC_PPID:
	case PROC_SIGNAL:
	case PROC_LIST: {
		struct proc *p = badge ? find(badge) : NULL;
		if (!p || p->state != RUNNING) {
			err = -ERR_RIGHTS; /* init's test program has no memory here */
			break;
		}
		if (label == PROC_MAP) {
			err = do_map(p, w[0], &out[0]);
		} else if (label == PROC_ON_DEATH) {
			if (w[0] >= ERIX_USER_TOP || w[1] > ERIX_USER_TOP || (w[1] & 15) != 8) {
				err = -ERR_INVALID;
				break;
			}
			p->die_rip = w[0], p->die_rsp = w[1];
		} else if (label == PROC_STAGE) {
			struct proc *c = w[1] ? find(w[1]) : NULL;
			if (w[0] >= PROC_FD_MAX || !ERIX_MSGINFO_CAPS(m->info) ||
			    (w[1] && (!c || c->parent != p->pid || c->state != RUNNING || !c->held))) {
				err = -ERR_INVALID;
				break;
			}
			if (c) { /* straight into the held child's slot */
				cnode_delete(c->cnode, P_FDS + w[0]);
				err = cnode_move(c->cnode, P_FDS + w[0], P_REPLY);
				break;
			}
			cnode_delete(P_CNODE, STAGE(p, w[0]));
			if ((err = cnode_move(P_CNODE, STAGE(p, w[0]), P_REPLY)) == 0)
				p->staged |= 1u << w[0];
		} else if (label == PROC_FORK) {
			err = do_fork(p, w[0], w[1], w[2], &out[0]);
		} else if (label == PROC_START) {
			struct proc *c = find(w[0]);
			if (!c || c->parent != p->pid || c->state != RUNNING || !c->held) {
				err = -ERR_NOT_FOUND;
				break;
			}
			c->held = false;
			err = tcb_resume(c->tcb);
		} else if (label == PROC_EXEC) {
			char path[FS_PATH_MAX];
			uint64_t len = w[0] & 0xffff;
			if (len == 0 || len > FS_PATH_MAX || len > msg_data_len(m->info)) {
				err = -ERR_INVALID;
				break;
			}
			memcpy(path, msg_data(), len);
			err = do_exec(p, path, len, w[1], w[2], w[3]);
			if (err == 0)
				return false; /* p runs its new program (or is gone) */
			stage_return(p);
		} else if (label == PROC_PPID) {
			out[0] = p->parent;
		} else if (label == PROC_SIGNAL) {
			struct proc *t = find(w[0]);
			if (!t || t->state != RUNNING) {
				err = -ERR_NOT_FOUND;
				break;
			}
			if (w[1] == 0)
				break; /* only asks whether it exists */
			if (last_words(t, PROC_KILLED, w[1], 0) && tcb_suspend(t->tcb) == 0 &&
			    tcb_set_registers(t->tcb, t->die_rip, t->die_rsp, w[1]) == 0 &&
			    tcb_resume(t->tcb) == 0) {
				if (t == p)
					return false; /* its Call is cut short */
				break;
			}
			end(t, PROC_KILLED, w[1], 0);
			if (t == p)
				return false;
		} else {
			/* PROC_LIST: the first live process at index w[0] or after */
			err = -ERR_NOT_FOUND;
			for (uint64_t i = w[0]; i < PROC_MAX; i++) {
				struct proc *q = &procs[i];
				if (q->state == FREE)
					continue;
				out[0] = q->pid, out[1] = q->parent;
				out[2] = q->state == RUNNING ? 0 : 1, out[3] = i + 1;
				memset(msg_data(), 0, PROC_NAME_MAX + 8);
				while (data_len < PROC_NAME_MAX && q->name[data_len])
					data_len++;
				memcpy(msg_data(), q->name, data_len++); /* and a NUL */
				err = 0;
				break;
			}
		}
		break;
	}
	default:
		err = -ERR_BAD_LABEL;
	}
	memcpy(m->mr, out, sizeof(out));
	*status = err < 0 ? (uint64_t)-err : 0;
	*words = err < 0 ? ERIX_MSG_REG_WORDS : msg_words(data_len);
	return true;
}

/* map_buffer: the image buffer, BUF_PAGES frames of the server's own. */
static bool map_buffer(void)
{
	for (unsigned i = 0; i < BUF_PAGES; i++) {
		erix_cptr_t f = retype_new(P_UNTYPED, ERIX_OBJ_FRAME, 0);
		if (!f || map_page(P_UNTYPED, P_VSPACE, f, BUF_ADDR + i * 4096ull,
				   ERIX_RIGHT_READ | ERIX_RIGHT_WRITE) < 0)
			return false;
	}
	return true;
}

int main(void)
{
	file_tmp = slot_alloc(), notify0 = slot_alloc(), read_tmp = slot_alloc();
	erix_cptr_t first = slot_alloc_n(PROC_MAX * WINDOW);
	if (!first || !map_buffer() || spawn_init(P_VSPACE, P_UNTYPED) < 0) {
		uprintf("process: cannot get ready (memory or slots)\n");
		return 1;
	}
	for (unsigned i = 0; i < PROC_MAX; i++)
		procs[i].base = first + i * WINDOW;
	uprintf("process: ready for %u processes\n", PROC_MAX);
	struct erix_msg m = { 0 };
	ipc_buf()->recv_slots[0] = P_REPLY, ipc_buf()->recv_count = 1;
	long err = erix_recv(P_ENDPOINT, &m);
	for (;;) {
		uint64_t status = 0, words = ERIX_MSG_REG_WORDS;
		bool reply = err == 0 && handle(&m, &status, &words);
		ipc_buf()->recv_slots[0] = P_REPLY, ipc_buf()->recv_count = 1;
		cnode_delete(P_CNODE, P_REPLY);
		if (reply) {
			m.info = ERIX_MSGINFO(status, words, 0);
			err = erix_reply_recv(P_ENDPOINT, &m);
		} else {
			err = erix_recv(P_ENDPOINT, &m);
		}
	}
}
