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
#define PROCESS_BITS 21               /* each process's objects: 2 MiB */
#define WINDOW 100                    /* slots per process */

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
};

static struct proc procs[PROC_MAX];
static uint64_t next_pid = 1000;
static erix_cptr_t notify0;   /* init's (parent 0's) notification */
static erix_cptr_t file_tmp;  /* a slot for an open file */
static struct { uint64_t spawned, reaped, faulted; } stats;

#define EVENTS(p) ((p)->base + 0)
#define CLIENT(p) ((p)->base + 1)
#define UNTYPED(p) ((p)->base + 2)
#define FAULT(p) ((p)->base + 3)
#define SPAWN_WINDOW(p) ((p)->base + 4)

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

/* do_spawn: PROC_SPAWN from parent; the reply's status, *pid. The
 * command line: argc strings in argv_text (argv_len bytes, each string
 * NUL-ended); argc 0: argv is { path }. */
static long do_spawn(uint64_t parent, const char *path, uint64_t len, const uint64_t *w,
		     uint32_t argc, const char *argv_text, uint64_t argv_len, uint64_t *pid)
{
	struct proc *p = NULL;
	for (unsigned i = 0; i < PROC_MAX && !p; i++)
		if (procs[i].state == FREE)
			p = &procs[i];
	if (!p)
		return -ERR_NO_SPACE;
	long size = read_image(path, len);
	if (size < 0)
		return size;

	struct rpc r = { .label = MEM_NEW_CLIENT, .w = { PROC_QUOTA_DEFAULT },
			 .recv_slot = CLIENT(p) };
	long err = rpc_call(MEMORY_ADMIN, &r);
	if (err < 0)
		return err;
	p->client = r.w[0];
	struct rpc u = { .label = MEM_UNTYPED_FOR, .w = { p->client, PROCESS_BITS },
			 .recv_slot = UNTYPED(p) };
	if ((err = rpc_call(MEMORY_ADMIN, &u)) < 0 ||
	    (err = untyped_retype(UNTYPED(p), ERIX_OBJ_NOTIFICATION, 0, EVENTS(p))) < 0 ||
	    (err = cnode_mint(P_CNODE, FAULT(p), P_ENDPOINT, ERIX_RIGHT_WRITE | ERIX_RIGHT_GRANT,
			      next_pid | FAULT_BIT)) < 0) {
		struct rpc d = { .label = MEM_DROP_CLIENT, .w = { p->client } };
		rpc_call(MEMORY_ADMIN, &d);
		cnode_delete(P_CNODE, CLIENT(p)), cnode_delete(P_CNODE, UNTYPED(p));
		cnode_delete(P_CNODE, FAULT(p));
		return err;
	}

	struct spawn s = { .elf = (const void *)BUF_ADDR, .elf_size = (uint64_t)size,
			   .untyped = UNTYPED(p), .untyped_bits = PROCESS_BITS,
			   .window = SPAWN_WINDOW(p), .window_size = WINDOW - 4,
			   .fault_ep = FAULT(p) };
	s.info.pid = next_pid;
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
	const unsigned client = ERIX_RIGHT_WRITE | ERIX_RIGHT_GRANT;
	spawn_give_cap(&s, P_MEMORY, CLIENT(p), client);
	spawn_give_cap(&s, P_NAME, P_NAME, client);
	spawn_give_cap(&s, P_CONSOLE, P_CONSOLE, client);
	spawn_give_cap(&s, P_FILE, P_FILE, client);
	spawn_give_cap(&s, P_PIPE, P_PIPE, client);
	spawn_give_badged(&s, P_PROCESS, P_ENDPOINT, client, next_pid);
	spawn_give_cap(&s, P_EVENTS, EVENTS(p), ERIX_RIGHT_READ | ERIX_RIGHT_WRITE);
	p->pid = next_pid, p->parent = parent, p->state = RUNNING, p->tcb = 0;
	memcpy(p->name, s.info.name, sizeof(p->name));
	const char *why = "";
	if ((err = spawn(&s, &why)) < 0) {
		if (*why)
			uprintf("process: %s: %s\n", s.info.name, why);
		teardown(p, PROC_KILLED, 0, 0);
		p->state = FREE;
		return err;
	}
	p->tcb = s.tcb;
	*pid = next_pid++;
	stats.spawned++;
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

/* handle: one request (or fault message) in m from badge; false if the
 * caller gets no reply (it is gone). */
static bool handle(struct erix_msg *m, uint64_t *status)
{
	uint64_t label = ERIX_MSGINFO_LABEL(m->info), badge = m->badge;
	uint64_t w[4] = { m->mr[0], m->mr[1], m->mr[2], m->mr[3] }, out[4] = { 0 };
	long err = 0;
	if (badge & FAULT_BIT) {
		struct proc *p = find(badge & ~FAULT_BIT);
		if (label != ERIX_FAULT_LABEL || !p || p->state != RUNNING)
			return false;
		uprintf("process: %s (pid %lu) faulted: %s (vector %lu) at address 0x%lx, rip 0x%lx; "
			"ending it\n", p->name, (unsigned long)p->pid, vector_name(w[0]),
			(unsigned long)w[0], (unsigned long)w[2], (unsigned long)w[3]);
		stats.faulted++;
		teardown(p, PROC_FAULTED, w[0], w[2]);
		return false;
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
		teardown(p, PROC_EXITED, w[0], 0);
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
		teardown(p, PROC_KILLED, 0, 0);
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
	default:
		err = -ERR_BAD_LABEL;
	}
	memcpy(m->mr, out, sizeof(out));
	*status = err < 0 ? (uint64_t)-err : 0;
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
	file_tmp = slot_alloc(), notify0 = slot_alloc();
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
		uint64_t status = 0;
		bool reply = err == 0 && handle(&m, &status);
		ipc_buf()->recv_slots[0] = P_REPLY, ipc_buf()->recv_count = 1;
		cnode_delete(P_CNODE, P_REPLY);
		if (reply) {
			m.info = ERIX_MSGINFO(status, ERIX_MSG_REG_WORDS, 0);
			err = erix_reply_recv(P_ENDPOINT, &m);
		} else {
			err = erix_recv(P_ENDPOINT, &m);
		}
	}
}
