/*
 * tests/lab5.c: lab 5's public graded tests (the servers).
 *
 * Each boots the system with one of the lab-5 test program's tests
 * (user/tests/lab5.c), with inputs random per run: init starts the
 * servers and the test program, which works through them as a client and
 * leaves its results in the kernel's system-call log, as the registers
 * held them. The grader checks them against what it works out itself from
 * the inputs, and reads the servers' threads and CSpaces from the kernel.
 */
#define _GNU_SOURCE
#include "erix.h"
#include "grader.h"
#include "lab5.h"

#include <erix/ipc.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../../user/include/file.h"
#include "../../user/include/proc.h"
#include "../../user/include/name.h"
#include "../../user/include/process.h"
#include "../../user/include/status.h"

#define E(x) lab5_err(x)
#define DIRECT_MAP 0xffff800000000000ull /* kernel/include/memlayout.h */
#define NEG(code) ((uint64_t)-(int64_t)(code))

static const char *const servers[SRV_COUNT] = { "console", "memory", "name", "file", "process" };

/* ---- the servers start ------------------------------------------------------ */

/* broken_image: boot with the boot image broken one way (kind 0: a byte
 * of its contents flipped, 1: its header claims more bytes than the module
 * holds, 2: a wrong magic number); init must refuse it, saying why, and
 * start nothing; the kernel must not panic. */
static void broken_image(unsigned kind)
{
	static const char *const want[] = { "checksum mismatch", "truncated", "not one (wrong magic number)" };
	uint64_t args[8] = { 0 };
	struct vm *vm = lab3_boot("lab5_spawn", args);
	uint64_t n = vm_eval(vm, "boot_info.module_count"), start = 0, end = 0;
	for (uint64_t i = 0; i < n; i++)
		if (vm_eval(vm, "boot_info.modules[%" PRIu64 "].name[0] == 'i'", i))
			start = vm_eval(vm, "boot_info.modules[%" PRIu64 "].start", i),
			end = vm_eval(vm, "boot_info.modules[%" PRIu64 "].end", i);
	ck_assert_msg(start && end > start + 4096, "no boot module called \"image\"");
	uint64_t at = DIRECT_MAP + start;
	if (kind == 0) {
		uint64_t off = (uint64_t)grader_rand_range(64, (int64_t)(end - start) - 1);
		uint8_t b;
		vm_read(vm, at + off, &b, 1);
		b ^= (uint8_t)grader_rand_range(1, 255);
		vm_write(vm, at + off, &b, 1);
	} else if (kind == 1) {
		uint64_t size = end - start + 4096 * (uint64_t)grader_rand_range(1, 100);
		vm_write(vm, at + 16, &size, 8);
	} else {
		uint64_t magic = grader_rand();
		vm_write(vm, at, &magic, 8);
	}
	vm_run_to(vm, "sched_idle");
	char line[96];
	snprintf(line, sizeof(line), "init: the boot image is broken: boot image: %s", want[kind]);
	ck_assert_msg(strstr(vm_serial(vm), line), "a broken boot image (%s) is not refused as "
		      "such (\"%s\" is not on the serial port)", want[kind], line);
	struct captree_slot t = lab3_slot(vm, lab3_S(vm, INIT_SERVER_TCB + SRV_CONSOLE));
	ck_assert_msg(t.type == ERIX_OBJ_NULL, "init started servers from a broken boot image");
	vm_end_all();
}

GRADER_TEST(lab5_servers, .lab = 5, .points = 15, .limit = 120, .covers = "user/lib/elfload.c",
	    .title = "init refuses a broken boot image, and starts every server from a good one: each waits for requests")
{
	broken_image((unsigned)grader_rand_range(0, 2));
	uint64_t args[8] = { grader_rand_range(1, 200) };
	struct vm *vm = lab5_run("lab5_spawn", args);
	for (unsigned k = 0; k < SRV_COUNT; k++) {
		uint64_t st = lab5_server_state(vm, k);
		ck_assert_msg(st == 4 /* TCB_BLOCKED_RECV */, "the %s server is in state %" PRIu64
			      ", not waiting in Recv for requests (did it start, or fault?)",
			      servers[k], st);
	}
	uint64_t v[4];
	lab5_get(vm, T_SPAWN_HELLO, v);
	ck_assert_msg(v[0] == 0 && v[1] == 0, "spawning /bin/hello: %s, waiting: %s", E(v[0]),
		      E(v[1]));
	ck_assert_msg(v[2] == PROC_EXITED && v[3] == args[0], "/bin/hello ended how=%" PRIu64
		      " status %" PRIu64 ", not exited with its arg0 %" PRIu64 " (its data or "
		      "stack not loaded right?)", v[2], v[3], args[0]);
}

/* ---- least authority ----------------------------------------------------------- */

/* The kinds of capability each server may hold beyond its own objects
 * (slots 1..5): a bit per type. */
#define T(type) (1u << (type))
static const unsigned may_hold[SRV_COUNT] = {
	[SRV_CONSOLE] = T(ERIX_OBJ_ENDPOINT) | T(ERIX_OBJ_NOTIFICATION) | T(ERIX_OBJ_IOPORT) |
			T(ERIX_OBJ_IRQ_HANDLER),
	[SRV_MEMORY] = T(ERIX_OBJ_ENDPOINT) | T(ERIX_OBJ_UNTYPED) | T(ERIX_OBJ_FRAME),
	[SRV_NAME] = T(ERIX_OBJ_ENDPOINT) | T(ERIX_OBJ_NOTIFICATION),
	[SRV_FILE] = T(ERIX_OBJ_ENDPOINT) | T(ERIX_OBJ_UNTYPED) | T(ERIX_OBJ_FRAME) |
		     T(ERIX_OBJ_PAGE_TABLE),
	[SRV_PROCESS] = T(ERIX_OBJ_ENDPOINT) | T(ERIX_OBJ_NOTIFICATION) | T(ERIX_OBJ_UNTYPED) |
			T(ERIX_OBJ_FRAME) | T(ERIX_OBJ_PAGE_TABLE) | T(ERIX_OBJ_TCB) |
			T(ERIX_OBJ_CNODE) | T(ERIX_OBJ_VSPACE),
};

/* allowed: may server k hold capability c in slot i of its CNode? NULL,
 * or what is wrong. */
static const char *allowed(unsigned k, uint64_t i, const struct captree_slot *c)
{
	if (i >= P_CNODE && i <= P_INFO)
		return NULL; /* its own objects */
	if (!(may_hold[k] & T(c->type)))
		return "more authority than its job needs";
	if (c->type == ERIX_OBJ_ENDPOINT && i != P_ENDPOINT && (c->rights & ERIX_RIGHT_READ) &&
	    k != SRV_PROCESS && k != SRV_NAME)
		return "an endpoint with READ (it could take another server's messages)";
	return NULL;
}

GRADER_TEST(lab5_authority, .lab = 5, .points = 15, .limit = 120, .covers = "user/lib/elfload.c",
	    .title = "least authority: no server holds a capability it should not")
{
	uint64_t args[8] = { 0 };
	struct vm *vm = lab5_run("lab5_console", args);
	for (unsigned k = 0; k < SRV_COUNT; k++) {
		struct captree_slot cn = lab3_slot(vm, lab3_S(vm, INIT_SERVER_CNODE + k));
		ck_assert_msg(cn.type == ERIX_OBJ_CNODE, "init's record of the %s server's CNode "
			      "holds no CNode", servers[k]);
		uint64_t n = 1ull << cn.bits;
		bool port = false, irq = false;
		for (uint64_t i = 1; i < n; i++) {
			struct captree_slot c = lab3_slot_at(vm, cn.obj + 64 * i);
			if (!c.type)
				continue;
			const char *why = allowed(k, i, &c);
			ck_assert_msg(!why, "the %s server holds %s (a %s capability, rights %u) in "
				      "slot %" PRIu64, servers[k], why, c.type < ERIX_OBJ_COUNT ?
				      erix_object_name(c.type) : "?", c.rights, i);
			if (c.type == ERIX_OBJ_IOPORT) {
				uint64_t first = c.obj, last = c.word; /* first_port, last_port */
				port = true;
				ck_assert_msg(first == 0x3f8 && last == 0x3ff, "the console server's "
					      "ports are %#" PRIx64 "-%#" PRIx64 ", not COM1's "
					      "0x3f8-0x3ff", first, last);
			}
			irq |= c.type == ERIX_OBJ_IRQ_HANDLER;
		}
		if (k == SRV_CONSOLE)
			ck_assert_msg(port && irq, "the console server lacks its IOPort or IRQHandler");
	}
}

/* ---- files --------------------------------------------------------------------- */

static uint64_t motd_fnv(uint64_t *size)
{
	FILE *f = fopen("user/motd.txt", "rb");
	uint8_t b[4096];
	size_t n = f ? fread(b, 1, sizeof(b), f) : 0;
	if (f)
		fclose(f);
	*size = n;
	return lab5_fnv(LAB5_FNV_START, b, n);
}

GRADER_TEST(lab5_files, .lab = 5, .points = 25, .limit = 120,
	    .covers = "user/servers/file/fs.c",
	    .title = "the file server: random data round trip, gaps, directories, unlink while open, close")
{
	uint64_t args[8] = { grader_rand(), (uint64_t)grader_rand_range(3000, 60000) };
	static uint8_t data[65536];
	uint64_t seed = args[0] | 1, n = args[1], v[4];
	for (uint64_t i = 0; i < n; i++)
		data[i] = (uint8_t)lab5_rand(&seed);
	struct vm *vm = lab5_run("lab5_files", args);
	lab5_get(vm, T_FILE_WRITE, v);
	ck_assert_msg(v[0] == n && v[1] == 0, "writing %" PRIu64 " bytes in random chunks: %"
		      PRIu64 " written, %s", n, v[0], E(v[1]));
	lab5_get(vm, T_FILE_READ, v);
	ck_assert_msg(v[0] == n, "read back %" PRIu64 " bytes of the %" PRIu64 " written (%s)",
		      v[0], n, E(v[2]));
	ck_assert_msg(v[1] == lab5_fnv(LAB5_FNV_START, data, n), "the %" PRIu64 " bytes read "
		      "back differ from those written", n);
	lab5_get(vm, T_FILE_GAP, v);
	ck_assert_msg(v[0] == n + 1010, "after a write of 10 bytes 1000 past the end the size is %"
		      PRIu64 ", not %" PRIu64, v[0], n + 1010);
	ck_assert_msg(v[1] == 0, "the gap of 1000 bytes does not read as zeros (%" PRIu64
		      " bytes are not, or the read was short)", v[1]);
	lab5_get(vm, T_FILE_DIR, v);
	uint64_t sum = 0;
	for (const char *c = "fabc"; *c; c++)
		sum += lab5_fnv(LAB5_FNV_START, (const uint8_t *)c, 1);
	ck_assert_msg(v[0] == 4 && v[1] == sum, "/t lists %" PRIu64 " entries (want 4: f a b c)%s",
		      v[0], v[0] == 4 ? ", but not those names" : "");
	lab5_get(vm, T_FILE_ERRORS, v);
	ck_assert_msg(v[0] == 0, "rename /t/a to /t/d: %s", E(v[0]));
	ck_assert_msg(v[1] == NEG(ERR_NOT_FOUND), "stat of the old name after the rename: %s, "
		      "not ERR_NOT_FOUND", E(v[1]));
	ck_assert_msg(v[2] == NEG(ERR_NOT_EMPTY), "unlink of a directory with entries: %s, not "
		      "ERR_NOT_EMPTY", E(v[2]));
	ck_assert_msg(v[3] == NEG(ERR_NOT_DIR), "open of /t/f/x (f a file): %s, not ERR_NOT_DIR",
		      E(v[3]));
	lab5_get(vm, T_FILE_UNLINKED, v);
	uint64_t k = n < 4096 ? n : 4096;
	ck_assert_msg(v[3] == 0 && v[0] == k && v[1] == lab5_fnv(LAB5_FNV_START, data, k),
		      "a file unlinked while open no longer reads through its capability (unlink "
		      "%s, read %s)", E(v[3]), E(v[0]));
	ck_assert_msg(v[2] == NEG(ERR_NOT_FOUND), "its name still stats after the unlink: %s",
		      E(v[2]));
	lab5_get(vm, T_FILE_CLOSE, v);
	ck_assert_msg((int64_t)v[0] < 0, "a read through a closed file's capability worked");
	ck_assert_msg(v[1] == 0, "closing one file broke another's capability: %s", E(v[1]));
	lab5_get(vm, T_FILE_MOTD, v);
	uint64_t size, h = motd_fnv(&size);
	ck_assert_msg(v[0] == size && v[1] == h, "/motd from the boot image: %" PRIu64 " bytes "
		      "(want %" PRIu64 ")%s", v[0], size, v[0] == size ? ", other bytes" : "");
	ck_assert_msg(v[2] == FS_TYPE_DIR, "/bin is not a directory (type %" PRIu64 ")", v[2]);
}

/* ---- memory --------------------------------------------------------------------- */

GRADER_TEST(lab5_memory, .lab = 5, .points = 20, .limit = 90,
	    .covers = "user/servers/memory/pool.c",
	    .title = "the memory server: pieces that work, the quota to the byte, bad frees, all back at the end")
{
	uint64_t args[8] = { grader_rand() }, v[4], free0;
	struct vm *vm = lab5_run("lab5_memory", args);
	lab5_get(vm, T_MEM_START, v);
	free0 = v[0];
	ck_assert_msg(v[1] == 0 && v[2] == PROC_QUOTA_DEFAULT, "a new client holds %" PRIu64
		      " bytes with quota %" PRIu64 " (want 0 and %llu)", v[1], v[2],
		      (unsigned long long)PROC_QUOTA_DEFAULT);
	lab5_get(vm, T_MEM_FILL, v);
	ck_assert_msg(v[0] == PROC_QUOTA_DEFAULT >> 20 && v[1] == NEG(ERR_QUOTA), "pieces of 1 MiB "
		      "up to a quota of 4 MiB: %" PRIu64 " given, then %s (want 4, then ERR_QUOTA)",
		      v[0], E(v[1]));
	ck_assert_msg(v[2] == NEG(ERR_QUOTA), "a Frame at the full quota: %s, not ERR_QUOTA",
		      E(v[2]));
	lab5_get(vm, T_MEM_FRAME, v);
	ck_assert_msg(v[0] == 0 && v[1] == args[0], "a Frame after a free: %s, the word read back "
		      "%#" PRIx64 " (want %#" PRIx64 ")", E(v[0]), v[1], args[0]);
	ck_assert_msg(v[2] == 0, "retyping an Endpoint from a piece: %s", E(v[2]));
	lab5_get(vm, T_MEM_BAD, v);
	ck_assert_msg((int64_t)v[0] < 0, "freeing a made-up handle worked");
	ck_assert_msg((int64_t)v[1] < 0, "freeing a piece twice worked (or the first free failed)");
	ck_assert_msg(v[2] == NEG(ERR_INVALID) && v[3] == NEG(ERR_INVALID), "pieces of 2^11 and "
		      "2^25 bytes: %s and %s, not ERR_INVALID", E(v[2]), E(v[3]));
	lab5_get(vm, T_MEM_END, v);
	ck_assert_msg(v[1] == 0, "after freeing everything the client still holds %" PRIu64
		      " bytes", v[1]);
	ck_assert_msg(v[0] == free0, "after freeing everything the server has %" PRIu64
		      " bytes free, not the %" PRIu64 " it started with", v[0], free0);
}

/* ---- names ------------------------------------------------------------------- */

GRADER_TEST(lab5_names, .lab = 5, .points = 15, .limit = 90,
	    .covers = "user/servers/name/table.c",
	    .title = "the name server: lookups, rights narrowed as registered, duplicates, unregister")
{
	uint64_t args[8] = { grader_rand() }, v[4];
	struct vm *vm = lab5_run("lab5_names", args);
	lab5_get(vm, T_NAME_CONSOLE, v);
	ck_assert_msg(v[0] == 0 && v[1] == ERIX_OBJ_ENDPOINT &&
		      v[2] == (ERIX_RIGHT_WRITE | ERIX_RIGHT_GRANT), "looking up \"console\": %s, "
		      "type %" PRIu64 ", rights %" PRIu64 " (want an Endpoint, WRITE|GRANT)",
		      E(v[0]), v[1], v[2]);
	lab5_get(vm, T_NAME_MISSING, v);
	ck_assert_msg(v[0] == NEG(ERR_NOT_FOUND) && v[1] == NEG(ERR_NOT_FOUND), "looking up "
		      "\"nosuch\": %s; the prefix \"con\": %s (want ERR_NOT_FOUND)", E(v[0]),
		      E(v[1]));
	ck_assert_msg(v[2] == NEG(ERR_RIGHTS), "registering through a lookup-only capability: %s, "
		      "not ERR_RIGHTS", E(v[2]));
	lab5_get(vm, T_NAME_OWN, v);
	ck_assert_msg(v[0] == 0 && v[1] == 0, "registering a name, then looking it up: %s, %s",
		      E(v[0]), E(v[1]));
	ck_assert_msg(v[2] == ERIX_RIGHT_WRITE, "registered for WRITE only, the lookup gave "
		      "rights %" PRIu64, v[2]);
	ck_assert_msg(v[3] == NEG(ERR_EXISTS), "registering the name again: %s, not ERR_EXISTS",
		      E(v[3]));
	lab5_get(vm, T_NAME_GONE, v);
	ck_assert_msg(v[0] == 0 && v[1] == NEG(ERR_NOT_FOUND) && v[2] == NEG(ERR_NOT_FOUND),
		      "unregister: %s; a lookup after: %s; unregister again: %s", E(v[0]),
		      E(v[1]), E(v[2]));
}

/* ---- processes ------------------------------------------------------------------ */

GRADER_TEST(lab5_spawn, .lab = 5, .points = 20, .limit = 90,
	    .covers = "user/servers/process/main.c",
	    .title = "the process server: spawn, exit status, wait, bad programs refused, memory all back")
{
	uint64_t args[8] = { grader_rand_range(1, 200) }, v[4], free0;
	struct vm *vm = lab5_run("lab5_spawn", args);
	lab5_get(vm, T_SPAWN_START, v);
	free0 = v[0];
	lab5_get(vm, T_SPAWN_HELLO, v);
	ck_assert_msg(v[0] == 0 && v[1] == 0 && v[2] == PROC_EXITED && v[3] == args[0],
		      "spawn /bin/hello %s, wait %s, how %" PRIu64 ", status %" PRIu64 " (want "
		      "exited with %" PRIu64 ")", E(v[0]), E(v[1]), v[2], v[3], args[0]);
	lab5_get(vm, T_SPAWN_BAD, v);
	ck_assert_msg(v[0] == NEG(ERR_NOT_FOUND), "spawning a missing file: %s", E(v[0]));
	ck_assert_msg(v[1] == NEG(ERR_BAD_IMAGE), "spawning /motd (not an ELF): %s", E(v[1]));
	ck_assert_msg((int64_t)v[2] < 0, "spawning a directory worked");
	lab5_get(vm, T_SPAWN_END, v);
	ck_assert_msg(v[0] == free0, "after the process was reaped the memory server has %" PRIu64
		      " bytes free, not the %" PRIu64 " of before", v[0], free0);
	ck_assert_msg(v[1] == 0 && v[2] == 1 && v[3] == 1, "the process server counts %" PRIu64
		      " alive, %" PRIu64 " spawned, %" PRIu64 " reaped (want 0, 1, 1)", v[1], v[2],
		      v[3]);
}

/* ---- the console --------------------------------------------------------------- */

GRADER_TEST(lab5_console, .lab = 5, .points = 10, .limit = 90,
	    .covers = "user/lib/elfload.c",
	    .title = "the console server: a client's line reaches COM1; reading with no input does not block")
{
	uint64_t args[8] = { grader_rand() }, v[4];
	struct vm *vm = lab5_run("lab5_console", args);
	lab5_get(vm, T_CONSOLE, v);
	char hex[17], want[64];
	lab5_hex(args[0], hex);
	snprintf(want, sizeof(want), "lab5 console %s", hex);
	ck_assert_msg(strstr(vm_serial(vm), want), "the line written through the console server "
		      "(\"%s\") is not on the serial port", want);
	ck_assert_msg(v[1] >= strlen(want) + 1, "the console server counts %" PRIu64 " bytes "
		      "written, fewer than the line's", v[1]);
	ck_assert_msg(v[2] == NEG(ERR_WOULD_BLOCK), "a read with no input: %s, not ERR_WOULD_BLOCK",
		      E(v[2]));
}

/* ---- typing on the console ------------------------------------------------------ */

/* letters: n random lowercase letters into s (NUL-terminated). */
static void letters(char *s, int n)
{
	for (int i = 0; i < n; i++)
		s[i] = (char)('a' + grader_rand_range(0, 25));
	s[n] = 0;
}

GRADER_TEST(lab5_console_input, .lab = 5, .points = 10, .limit = 120,
	    .covers = "user/servers/console/line.c",
	    .title = "typed lines reach a client through the console server: rub-outs, CR LF as one line end")
{
	/* Line 1: letters, one more rubbed out with DEL, more letters, CR LF.
	 * Line 2: a backspace at its start (nothing to rub out), letters, LF. */
	char a[32], b[32], c[32], typed[160], want1[80], want2[40];
	letters(a, (int)grader_rand_range(1, 12));
	letters(b, (int)grader_rand_range(1, 12));
	letters(c, (int)grader_rand_range(1, 20));
	snprintf(typed, sizeof(typed), "%sx\x7f%s\r\n\b%s\n", a, b, c);
	snprintf(want1, sizeof(want1), "%s%s\n", a, b);
	snprintf(want2, sizeof(want2), "%s\n", c);
	uint64_t args[8] = { 0 }, v[4] = { 0 };
	struct vm *vm = lab3_boot("lab5_input", args);
	vm_run_to(vm, "sched_quiet"); /* the program waits for a line */
	vm_serial_send(vm, typed);
	bool done = false;
	for (int i = 0; i < 200 && !done; i++) {
		vm_run_to(vm, "sched_quiet");
		done = strstr(vm_serial(vm), "lab5: lab5_input done") != NULL;
	}
	lab5_get(vm, T_INPUT, v);
	ck_assert_msg(v[0] == strlen(want1) && v[1] == lab5_fnv(LAB5_FNV_START,
		      (const uint8_t *)want1, strlen(want1)), "typed \"%sx<DEL>%s<CR><LF>\": the "
		      "client read %" PRId64 " bytes, not the line \"%s\\n\" (%zu bytes)", a, b,
		      (int64_t)v[0], a, strlen(want1));
	ck_assert_msg(v[2] == strlen(want2) && v[3] == lab5_fnv(LAB5_FNV_START,
		      (const uint8_t *)want2, strlen(want2)), "then typed \"<BS>%s<LF>\": the "
		      "client read %" PRId64 " bytes, not the line \"%s\\n\" (CR LF ends one line, "
		      "not two; a rub-out at a line's start does nothing)", c, (int64_t)v[2], c);
}
