/*
 * root/init.c: init (see init.h): the root task starts the system's
 * servers from the boot image, each in a process of its own with only the
 * capabilities it needs, then stays as their fault handler.
 *
 *   console  COM1's eight ports, IRQ 4 and a Notification bound to it
 *   memory   the free memory: every Untyped but the one init works from
 *   name     nothing but its endpoint
 *   file     memory for its files, the boot image's Frames (read-only)
 *   process  the memory server's administrator capability, memory of its
 *            own, and the file, name, console and pipe servers' endpoints
 *   pipe     nothing but its endpoint (lab 6; registered as "pipe")
 *
 * Every server but the console also gets the console's endpoint (to
 * print), with WRITE and GRANT only: a client can Call a server, never
 * take its messages (READ). The console server is started first (the
 * others print as they start), the memory server before any client.
 *
 * A server that faults is reported; the console server, which keeps no
 * state worth keeping, is started again from the boot image.
 */
#include "init.h"
#include "bootimage.h"
#include "console.h"
#include "file.h"
#include "memory.h"
#include "name.h"
#include "pipe.h"
#include "proc.h"
#include "process.h"
#include "rpc.h"
#include "spawn.h"
#include "ulib.h"

#define IMAGE_ADDR 0x0000000010000000ull /* where init maps the boot image */
#define WINDOW 256                       /* slots a process's objects take */
#define SERVER_BITS 21                   /* each server's process: 2 MiB */
#define FILE_STORE_BITS 23               /* the file server's store: 8 MiB */
#define PROCESS_OWN_BITS 22              /* the process server's own: 4 MiB */
#define TEST_BITS 21                     /* a test program's process */
#define CLIENT_RIGHTS (ERIX_RIGHT_WRITE | ERIX_RIGHT_GRANT)
#define COM1 0x3f8
#define COM1_IRQ 4

/* Init's control operations, on the capability a test program gets at
 * P_EXTRA (badge INIT_BADGE_TEST). */
enum init_op {
	INIT_CRASH = 1, /* mr0 enum init_server: make it fault (a test of the
			   restart); -> ok */
};
#define INIT_BADGE_TEST 0x100

static const char *const server_name[SRV_ALL] = { "console", "memory", "name", "file",
						  "process", "pipe" };

static struct bootimage image;
static erix_cptr_t work_ut;       /* init's own memory */
static erix_cptr_t init_ep;       /* faults of the servers, requests of tests */
static erix_cptr_t ep[SRV_ALL];   /* each server's endpoint */
static struct server {
	erix_cptr_t untyped, window;
	unsigned bits;
	bool up;
} srv[SRV_ALL];
static erix_cptr_t console_io, console_irq, console_bell;
static erix_cptr_t file_store, process_own, fs_ns, name_reg, name_look, pipe_main;
static uint64_t image_frames_first, image_frames, image_bytes;
static erix_cptr_t test_untyped, test_window;

static erix_cptr_t rec(unsigned k) { return bootinfo->empty.start + k; }

static erix_cptr_t slots(unsigned n) { return slot_alloc_n(n); }

/* map_image: map the "image" module's Frames at IMAGE_ADDR (read-only)
 * and check it; false (said why) if there is none or it is broken. */
static bool map_image(void)
{
	for (uint64_t i = 0; i < bootinfo->module_count; i++) {
		const struct erix_module_desc *d = &bootinfo->module_list[i];
		if (strcmp(d->name, "image") != 0)
			continue;
		image_frames_first = d->frames.start;
		image_frames = d->frames.end - d->frames.start;
		image_bytes = d->size;
		for (uint64_t f = 0; f < image_frames; f++)
			if (map_page(work_ut, ERIX_ROOT_VSPACE, d->frames.start + f,
				     IMAGE_ADDR + f * 4096, ERIX_RIGHT_READ) < 0) {
				uprintf("init: cannot map the boot image\n");
				return false;
			}
		const char *why = "";
		if (bootimage_parse((const void *)IMAGE_ADDR, d->size, &image, &why) < 0) {
			uprintf("init: the boot image is broken: %s\n", why);
			return false;
		}
		uprintf("init: boot image of %u files, %lu KiB\n", image.count,
			(unsigned long)(d->size >> 10));
		return true;
	}
	uprintf("init: no boot module called \"image\"\n");
	return false;
}

/* own_buffer: give the root task an IPC buffer at PROC_IPC_BUFFER, as
 * every process has, so that rpc.h serves init too. */
static bool own_buffer(void)
{
	erix_cptr_t f = retype_new(work_ut, ERIX_OBJ_FRAME, 0);
	return f && map_page(work_ut, ERIX_ROOT_VSPACE, f, PROC_IPC_BUFFER,
			     ERIX_RIGHT_READ | ERIX_RIGHT_WRITE) == 0 &&
	       tcb_configure(ERIX_ROOT_TCB, ERIX_ROOT_CNODE, ERIX_ROOT_VSPACE, f,
			     PROC_IPC_BUFFER) == 0;
}

/* ---- the clock (lab 6) ---------------------------------------------------
 * Every process's proc_info carries the time-stamp counter's rate (the
 * kernel measures it at boot) and the calendar time at one reading of
 * the counter, which init takes from the CMOS real-time clock (I/O ports
 * 0x70 and 0x71) once: the libc's time(), clock() and sleep() count from
 * there. */
static uint64_t clock_epoch, clock_epoch_tsc;

/* cmos: CMOS register reg through the ports capability, or 0xff. */
static uint8_t cmos(erix_cptr_t ports, uint8_t reg)
{
	uint64_t v = 0xff;
	if (erix_call(ports, ERIX_IOPORT_OUT, 0x70, 1, reg, 0, NULL) != 0 ||
	    erix_call(ports, ERIX_IOPORT_IN, 0x71, 1, 0, 0, &v) != 0)
		return 0xff;
	return (uint8_t)v;
}

/* days_from_civil: days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* read_clock: the RTC's date and time (waiting out an update in
 * progress; BCD or binary, 12 or 24 hours as its status B says) as
 * seconds since 1970 in clock_epoch, with the counter then; both stay 0
 * when the RTC cannot be read. */
static void read_clock(void)
{
	erix_cptr_t ports = slot_alloc();
	if (!ports || ioport_issue(ERIX_ROOT_IOPORT, 0x70, 0x71, ports) != 0)
		return;
	for (unsigned spin = 0; spin < 1000000 && (cmos(ports, 0x0a) & 0x80); spin++)
		;
	uint8_t r[7] = { cmos(ports, 0x00), cmos(ports, 0x02), cmos(ports, 0x04), cmos(ports, 0x07),
			 cmos(ports, 0x08), cmos(ports, 0x09), cmos(ports, 0x32) };
	uint8_t b = cmos(ports, 0x0b);
	clock_epoch_tsc = __builtin_ia32_rdtsc();
	cnode_delete(ERIX_ROOT_CNODE, ports);
	bool pm = r[2] & 0x80;
	r[2] &= 0x7f;
	for (unsigned i = 0; !(b & 0x04) && i < 7; i++)
		r[i] = (uint8_t)((r[i] >> 4) * 10 + (r[i] & 0x0f));
	if (!(b & 0x02) && pm)
		r[2] = (uint8_t)((r[2] % 12) + 12);
	unsigned century = r[6] >= 19 && r[6] <= 30 ? r[6] : 20;
	if (r[4] < 1 || r[4] > 12 || r[3] < 1 || r[3] > 31 || r[2] > 23 || r[1] > 59 || r[0] > 59)
		return;
	int64_t days = days_from_civil(century * 100 + r[5], r[4], r[3]);
	clock_epoch = (uint64_t)(days * 86400 + r[2] * 3600 + r[1] * 60 + r[0]);
}

/* give_clock: the clock's figures in a new process's proc_info. */
static void give_clock(struct spawn *s)
{
	s->info.tsc_hz = bootinfo->tsc_hz;
	s->info.epoch = clock_epoch, s->info.epoch_tsc = clock_epoch_tsc;
}

/* start: spawn the program image name, set up by s (the rest filled here);
 * false (said why) if it did not start. */
static bool start(const char *name, struct spawn *s)
{
	const struct erix_bootimage_entry *e = bootimage_find(&image, name);
	if (!e) {
		uprintf("init: no %s in the boot image\n", name);
		return false;
	}
	give_clock(s);
	s->elf = bootimage_data(&image, e);
	s->elf_size = e->size;
	const char *why = "";
	long err = spawn(s, &why);
	if (err < 0) {
		uprintf("init: %s did not start: %s%s%s\n", name, erix_strerror(err),
			*why ? ": " : "", why);
		cnode_revoke(ERIX_ROOT_CNODE, s->untyped); /* whatever it made */
		return false;
	}
	return true;
}

/* give_console: the console's endpoint, for printing, at P_CONSOLE. */
static void give_console(struct spawn *s)
{
	spawn_give_cap(s, P_CONSOLE, ep[SRV_CONSOLE], CLIENT_RIGHTS);
}

/* start_server: server k, with what it needs; false if it did not start. */
static bool start_server(enum init_server k)
{
	struct spawn s = { .untyped = srv[k].untyped, .untyped_bits = srv[k].bits,
			   .window = srv[k].window, .window_size = WINDOW };
	erix_cptr_t fault = slot_alloc();
	if (!fault || cnode_mint(ERIX_ROOT_CNODE, fault, init_ep, CLIENT_RIGHTS, 1 + k) < 0) {
		uprintf("init: no slot for the %s server's fault handler\n", server_name[k]);
		return false;
	}
	s.fault_ep = fault;
	s.info.pid = 1 + k;
	str_copy(s.info.name, server_name[k], sizeof(s.info.name));
	spawn_give_cap(&s, P_ENDPOINT, ep[k], ERIX_RIGHTS_ALL);
	switch (k) {
	case SRV_CONSOLE:
		spawn_give_cap(&s, P_EXTRA + 0, console_io, ERIX_RIGHTS_ALL);
		spawn_give_cap(&s, P_EXTRA + 1, console_irq, ERIX_RIGHTS_ALL);
		spawn_give_cap(&s, P_EXTRA + 2, console_bell, ERIX_RIGHT_READ | ERIX_RIGHT_WRITE);
		s.info.extra_count = 3;
		s.bind = console_bell;
		break;
	case SRV_MEMORY: {
		give_console(&s);
		unsigned n = 0;
		for (uint64_t i = 0; i < bootinfo->untyped_count && n < PROC_MAX_EXTRA; i++) {
			erix_cptr_t u = bootinfo->untyped.start + i;
			unsigned bits = bootinfo->untyped_list[i].size_bits;
			if (u == work_ut || bits < 12)
				continue;
			spawn_give_cap(&s, P_EXTRA + n, u, ERIX_RIGHTS_ALL);
			s.info.extra_words[n++] = bits;
			if (s.ngive == SPAWN_MAX_GIVE)
				break;
		}
		s.info.extra_count = n;
		break;
	}
	case SRV_NAME:
		give_console(&s);
		break;
	case SRV_FILE:
		give_console(&s);
		spawn_give_cap(&s, P_UNTYPED, file_store, ERIX_RIGHTS_ALL);
		s.info.untyped_bits = FILE_STORE_BITS;
		s.info.image_size = image_bytes;
		s.info.image_first = P_FIRST_FREE;
		s.info.image_frames = image_frames;
		s.info.free_start = P_FIRST_FREE + image_frames;
		s.copy_src = image_frames_first, s.copy_count = image_frames;
		s.copy_dest = P_FIRST_FREE, s.copy_rights = ERIX_RIGHT_READ;
		s.cnode_bits = 12; /* a slot per page of its store */
		break;
	case SRV_PROCESS:
		give_console(&s);
		spawn_give_cap(&s, P_UNTYPED, process_own, ERIX_RIGHTS_ALL);
		s.cnode_bits = 14; /* room for the slots of every process it starts */
		s.info.untyped_bits = PROCESS_OWN_BITS;
		spawn_give_cap(&s, P_FILE, fs_ns, CLIENT_RIGHTS);
		spawn_give_cap(&s, P_NAME, name_look, CLIENT_RIGHTS);
		spawn_give_cap(&s, P_PIPE, pipe_main, CLIENT_RIGHTS);
		spawn_give_cap(&s, P_EXTRA + 0, ep[SRV_MEMORY], CLIENT_RIGHTS);
		s.info.extra_count = 1;
		break;
	case SRV_PIPE:
		give_console(&s);
		break;
	default:
		return false;
	}
	bool ok = start(k == SRV_CONSOLE ? "servers/console" : k == SRV_MEMORY ? "servers/memory" :
			k == SRV_NAME ? "servers/name" : k == SRV_FILE ? "servers/file" :
			k == SRV_PROCESS ? "servers/process" : "servers/pipe", &s);
	if (ok) {
		erix_cptr_t tcb = rec(k < SRV_COUNT ? INIT_SERVER_TCB + k : INIT_PIPE_TCB);
		erix_cptr_t cnode = rec(k < SRV_COUNT ? INIT_SERVER_CNODE + k : INIT_PIPE_CNODE);
		cnode_delete(ERIX_ROOT_CNODE, tcb);
		cnode_delete(ERIX_ROOT_CNODE, cnode);
		cnode_copy(ERIX_ROOT_CNODE, tcb, s.tcb, ERIX_RIGHTS_ALL);
		cnode_copy(ERIX_ROOT_CNODE, cnode, s.cnode, ERIX_RIGHTS_ALL);
	}
	srv[k].up = ok;
	return ok;
}

/* publish: register cap under name with the name server (lookups get
 * rights). */
static void publish(const char *name, erix_cptr_t cap, unsigned rights)
{
	struct rpc r = { .label = NAME_REGISTER, .w = { strlen(name), rights }, .data = name,
			 .len = strlen(name), .send_cap = cap };
	long err = rpc_call(name_reg, &r);
	if (err < 0)
		uprintf("init: cannot register %s: %s\n", name, erix_strerror(err));
}

/* carve: a child Untyped of 2^bits from init's memory; its slot, or 0. */
static erix_cptr_t carve(unsigned bits) { return retype_new(work_ut, ERIX_OBJ_UNTYPED, bits); }

/* prepare: init's memory, endpoints and device capabilities. */
static bool prepare(void)
{
	read_clock();
	work_ut = untyped_find(25);
	if (!work_ut) {
		uprintf("init: no Untyped of 32 MiB to start the servers from\n");
		return false;
	}
	/* The large pieces first, largest first: a retype aligns each object
	 * to its size, so small objects before them would waste memory. */
	file_store = carve(FILE_STORE_BITS);
	process_own = carve(PROCESS_OWN_BITS);
	for (unsigned k = 0; k < SRV_ALL; k++) {
		srv[k].bits = SERVER_BITS;
		srv[k].untyped = carve(SERVER_BITS);
	}
	test_untyped = carve(TEST_BITS);
	if (!own_buffer() || spawn_init(ERIX_ROOT_VSPACE, work_ut) < 0) {
		uprintf("init: cannot map its IPC buffer or scratch page\n");
		return false;
	}
	if (!map_image())
		return false;
	init_ep = retype_new(work_ut, ERIX_OBJ_ENDPOINT, 0);
	for (unsigned k = 0; k < SRV_ALL; k++) {
		ep[k] = retype_new(work_ut, ERIX_OBJ_ENDPOINT, 0);
		srv[k].window = slots(WINDOW);
		if (!ep[k] || !srv[k].untyped || !srv[k].window) {
			uprintf("init: out of memory or slots for the %s server\n", server_name[k]);
			return false;
		}
	}
	test_window = slots(WINDOW);
	console_io = slot_alloc(), console_irq = slot_alloc();
	console_bell = retype_new(work_ut, ERIX_OBJ_NOTIFICATION, 0);
	fs_ns = slot_alloc(), name_reg = slot_alloc(), name_look = slot_alloc();
	pipe_main = slot_alloc();
	if (!init_ep || !file_store || !process_own || !test_untyped || !console_bell ||
	    !name_look || !pipe_main) {
		uprintf("init: out of memory or slots\n");
		return false;
	}
	if (ioport_issue(ERIX_ROOT_IOPORT, COM1, COM1 + 7, console_io) < 0 ||
	    erix_call(ERIX_ROOT_IRQ_CONTROL, ERIX_IRQ_CONTROL_GET, COM1_IRQ, console_irq, 0, 0,
		      NULL) < 0 ||
	    irq_handler_set_notification(console_irq, console_bell) < 0) {
		uprintf("init: cannot get COM1's ports and interrupt\n");
		return false;
	}
	cnode_mint(ERIX_ROOT_CNODE, fs_ns, ep[SRV_FILE], CLIENT_RIGHTS, FS_BADGE_NS);
	cnode_mint(ERIX_ROOT_CNODE, name_reg, ep[SRV_NAME], CLIENT_RIGHTS, NAME_BADGE_REGISTER);
	cnode_mint(ERIX_ROOT_CNODE, name_look, ep[SRV_NAME], CLIENT_RIGHTS, NAME_BADGE_LOOKUP);
	cnode_mint(ERIX_ROOT_CNODE, pipe_main, ep[SRV_PIPE], CLIENT_RIGHTS, PIPE_BADGE_MAIN);
	return true;
}

/* start_test: the test program tests/lab5, running test `name`, with the
 * clients' capabilities to every server and a memory quota of its own. */
static bool start_test(const char *name)
{
	struct spawn s = { .untyped = test_untyped, .untyped_bits = TEST_BITS,
			   .window = test_window, .window_size = WINDOW };
	erix_cptr_t fault = slot_alloc(), mem = slot_alloc(), ctl = slot_alloc();
	struct rpc r = { .label = MEM_NEW_CLIENT, .w = { PROC_QUOTA_DEFAULT }, .recv_slot = mem };
	if (!fault || !ctl || rpc_call(ep[SRV_MEMORY], &r) < 0 || !r.caps) {
		uprintf("init: no memory for the test program\n");
		return false;
	}
	cnode_mint(ERIX_ROOT_CNODE, fault, init_ep, CLIENT_RIGHTS, INIT_BADGE_TEST);
	cnode_mint(ERIX_ROOT_CNODE, ctl, init_ep, CLIENT_RIGHTS, INIT_BADGE_TEST);
	s.fault_ep = fault;
	s.info.pid = 100;
	str_copy(s.info.name, "lab5", sizeof(s.info.name));
	str_copy(s.info.test, name, sizeof(s.info.test));
	memcpy(s.info.args, bootinfo->test_args, sizeof(s.info.args));
	spawn_give_cap(&s, P_MEMORY, mem, CLIENT_RIGHTS);
	spawn_give_cap(&s, P_NAME, name_look, CLIENT_RIGHTS);
	give_console(&s);
	spawn_give_cap(&s, P_FILE, fs_ns, CLIENT_RIGHTS);
	spawn_give_cap(&s, P_PROCESS, ep[SRV_PROCESS], CLIENT_RIGHTS);
	spawn_give_cap(&s, P_EXTRA, ctl, CLIENT_RIGHTS);
	spawn_give_cap(&s, P_EXTRA + 1, name_reg, CLIENT_RIGHTS);
	s.info.extra_count = 2;
	erix_cptr_t events = retype_new(test_untyped, ERIX_OBJ_NOTIFICATION, 0);
	if (events)
		spawn_give_cap(&s, P_EVENTS, events, ERIX_RIGHT_READ | ERIX_RIGHT_WRITE);
	if (!start("tests/lab5", &s))
		return false;
	cnode_copy(ERIX_ROOT_CNODE, rec(INIT_TEST_TCB), s.tcb, ERIX_RIGHTS_ALL);
	return true;
}

/* crash: make server k fault (a page fault at address 0x1000), as a bug
 * would: its fault message comes to init. */
static long crash(unsigned k)
{
	if (k >= SRV_COUNT || !srv[k].up)
		return -ERR_INVALID;
	erix_cptr_t t = rec(INIT_SERVER_TCB + k);
	long err = tcb_suspend(t);
	if (!err)
		err = tcb_set_registers(t, 0x1000, PROC_STACK_TOP, 0);
	return err ? err : tcb_resume(t);
}

/* restart: server k faulted: end its process (revoke its Untyped: every
 * object it had goes) and, for the console, start it again. */
static void restart(unsigned k)
{
	cnode_revoke(ERIX_ROOT_CNODE, srv[k].untyped);
	srv[k].up = false;
	if (k != SRV_CONSOLE)
		return;
	if (start_server(k))
		uprintf("init: the console server started again\n");
}

/* ---- the shell (lab 6) ------------------------------------------------------
 * With no test to run, init starts /bin/sh on the console, and starts a
 * new one whenever it ends (`exit`, Ctrl-D). The process server signals
 * init's notification, bound to init's thread, when a child of init's
 * ends: the shell, or an orphan handed to init; init reaps them all, so
 * that no ended process keeps a place in the process table. */
static uint64_t shell_pid;

static const char *shell = "/bin/sh";

/* start_shell: the shell (or the program test= named) as a child of
 * init's; its pid in shell_pid (0 if it did not start: said on the
 * console). */
static void start_shell(void)
{
	struct rpc r = { .label = PROC_SPAWN, .w = { strlen(shell) }, .data = shell,
			 .len = strlen(shell) };
	long err = rpc_call(ep[SRV_PROCESS], &r);
	shell_pid = err < 0 ? 0 : r.w[0];
	if (err < 0)
		uprintf("init: cannot start %s: %s\n", shell, erix_strerror(err));
}

/* watch_children: a notification bound to init's thread, given to the
 * process server (PROC_NOTIFY); false (said) if that fails. */
static bool watch_children(void)
{
	erix_cptr_t n = retype_new(work_ut, ERIX_OBJ_NOTIFICATION, 0);
	erix_cptr_t give = slot_alloc();
	if (!n || !give || tcb_bind_notification(ERIX_ROOT_TCB, n) < 0 ||
	    cnode_copy(ERIX_ROOT_CNODE, give, n, ERIX_RIGHT_WRITE) < 0) {
		uprintf("init: cannot watch its children: the shell will not be restarted\n");
		return false;
	}
	struct rpc r = { .label = PROC_NOTIFY, .send_cap = give };
	return rpc_call(ep[SRV_PROCESS], &r) == 0;
}

/* reap: every ended child of init's reaped; a new shell when the shell
 * was one of them. */
static void reap(void)
{
	for (;;) {
		struct rpc r = { .label = PROC_WAIT, .w = { 0 } };
		if (rpc_call(ep[SRV_PROCESS], &r) < 0)
			return; /* none ended (ERR_WOULD_BLOCK), or none at all */
		if (r.w[0] == shell_pid) {
			uprintf("init: the shell ended (%s %lu); starting a new one\n",
				r.w[1] == PROC_EXITED ? "status" : "signal or fault", (unsigned long)r.w[2]);
			start_shell();
		}
	}
}

/* serve: the servers' fault messages and the test program's requests. */
static void __attribute__((noreturn)) serve(void)
{
	struct erix_msg m = { 0 };
	long err = erix_recv(init_ep, &m);
	for (;;) {
		uint64_t label = ERIX_MSGINFO_LABEL(m.info), who = m.badge;
		bool answer = false;
		if (err < 0) {
			uprintf("init: Recv failed: %s\n", erix_strerror(err));
		} else if (m.info & ERIX_MSG_SIGNAL) {
			reap(); /* the bound notification: a child of init's ended */
		} else if (label == ERIX_FAULT_LABEL && who >= 1 && who <= SRV_ALL) {
			unsigned k = (unsigned)who - 1;
			uprintf("init: the %s server faulted: vector %lu, address 0x%lx, rip 0x%lx\n",
				server_name[k], (unsigned long)m.mr[0], (unsigned long)m.mr[2],
				(unsigned long)m.mr[3]);
			restart(k);
		} else if (label == ERIX_FAULT_LABEL) {
			uprintf("init: the test program faulted: vector %lu, address 0x%lx\n",
				(unsigned long)m.mr[0], (unsigned long)m.mr[2]);
		} else if (who == INIT_BADGE_TEST && label == INIT_CRASH) {
			long r = crash((unsigned)m.mr[0]);
			m = (struct erix_msg){ .info = ERIX_MSGINFO(r < 0 ? -r : 0, 0, 0) };
			answer = true;
		} else {
			m = (struct erix_msg){ .info = ERIX_MSGINFO(ERR_BAD_LABEL, 0, 0) };
			answer = true;
		}
		if (!answer)
			m = (struct erix_msg){ 0 };
		err = answer ? erix_reply_recv(init_ep, &m) : erix_recv(init_ep, &m);
	}
}

void init_run(const char *test)
{
	slot_alloc_from(rec(INIT_RECORDS));
	uprintf("init: starting the servers\n");
	if (!prepare())
		return;
	for (unsigned k = 0; k < SRV_ALL; k++) {
		if (!start_server(k))
			return;
		uprintf("init: started the %s server\n", server_name[k]);
	}
	/* The names everyone may look up. */
	publish("console", ep[SRV_CONSOLE], CLIENT_RIGHTS);
	publish("file", fs_ns, CLIENT_RIGHTS);
	publish("pipe", pipe_main, CLIENT_RIGHTS);
	uprintf("init: all servers up\n");
	if (test && *test && *test != '/') {
		if (!start_test(test))
			return;
	} else {
		/* No test: the shell (user/posix/sh.c) on the console; a test=
		 * that is a path (test=/bin/greet) names another program. */
		if (test && *test == '/')
			shell = test;
		watch_children();
		start_shell();
	}
	serve();
}
