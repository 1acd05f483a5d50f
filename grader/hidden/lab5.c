/*
 * hidden/lab5.c: lab 5's hidden graded tests: faults and their clean-up,
 * kill and wait, the console server restarted.
 */
#define _GNU_SOURCE
#include "erix.h"
#include "grader.h"
#include "../tests/lab5.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../../user/include/process.h"
#include "../../user/include/status.h"

#define E(x) lab5_err(x)
#define NEG(code) ((uint64_t)-(int64_t)(code))

GRADER_TEST(lab5_fault, .lab = 5, .points = 20, .limit = 120, .hidden = true,
	    .covers = "user/servers/process/main.c",
	    .title = "faulting processes reported and torn down, with all their memory back; the loader's page rights")
{
	uint64_t addr = 0x0000500000000000ull + ((uint64_t)grader_rand_range(0, 1 << 20) << 12) +
			(uint64_t)grader_rand_range(0, 4095) / 8 * 8;
	uint64_t args[8] = { addr }, v[4], f[4];
	struct vm *vm = lab5_run("lab5_fault", args);
	lab5_get(vm, T_FAULT_READ, v);
	ck_assert_msg(v[0] == PROC_FAULTED && v[1] == 14 && v[2] == addr, "a read of %#" PRIx64
		      ": how %" PRIu64 ", vector %" PRIu64 ", address %#" PRIx64 " (want faulted, "
		      "14, the address)", addr, v[0], v[1], v[2]);
	lab5_get(vm, T_FAULT_RODATA, v);
	ck_assert_msg(v[0] == PROC_FAULTED && v[1] == 14, "a write into the program's read-only "
		      "data did not fault (how %" PRIu64 "): the loader maps it writable", v[0]);
	lab5_get(vm, T_FAULT_NX, v);
	ck_assert_msg(v[0] == PROC_FAULTED && v[1] == 14, "a jump into the program's data did not "
		      "fault (how %" PRIu64 "): the loader maps it executable", v[0]);
	lab5_get(vm, T_FAULT_HOG, v);
	ck_assert_msg(v[0] == PROC_EXITED && v[1] == 4, "a process taking 4 pieces of memory: how %"
		      PRIu64 ", status %" PRIu64 " (want exited, 4)", v[0], v[1]);
	lab5_get(vm, T_FAULT_END, f);
	ck_assert_msg(f[0] == f[1], "after three faulting processes and one that kept memory, the "
		      "memory server has %" PRIu64 " bytes free, not the %" PRIu64 " of before: "
		      "something was not taken back", f[1], f[0]);
	ck_assert_msg(f[2] == 0 && f[3] == 3, "a spawn after it all: %s, status %" PRIu64
		      " (the system should go on)", E(f[2]), f[3]);
	char line[96];
	snprintf(line, sizeof(line), "faulted: page fault (vector 14) at address %#" PRIx64, addr);
	ck_assert_msg(strstr(vm_serial(vm), line), "the fault is not reported on the console (\"%s\")",
		      line);
}

GRADER_TEST(lab5_kill, .lab = 5, .points = 20, .limit = 90, .hidden = true,
	    .covers = "user/servers/process/main.c",
	    .title = "kill and wait: a killed child is reaped once, waits for any child, no strangers")
{
	uint64_t args[8] = { 0 }, v[4];
	struct vm *vm = lab5_run("lab5_kill", args);
	lab5_get(vm, T_KILL, v);
	ck_assert_msg(v[0] == 0, "killing a running child: %s", E(v[0]));
	ck_assert_msg(v[1] == PROC_KILLED, "waiting for it: how %" PRIu64 ", error %s (want killed)",
		      v[1] & 0xff, E(v[1] >> 8));
	ck_assert_msg(v[2] == NEG(ERR_NOT_FOUND) && v[3] == NEG(ERR_NOT_FOUND), "waiting for it "
		      "again: %s; killing it again: %s (want ERR_NOT_FOUND: reaped)", E(v[2]),
		      E(v[3]));
	lab5_get(vm, T_KILL_OTHERS, v);
	ck_assert_msg(v[0] == NEG(ERR_NOT_FOUND), "waiting with no children: %s", E(v[0]));
	ck_assert_msg(v[1] == NEG(ERR_NOT_FOUND), "killing a process that is not a child: %s",
		      E(v[1]));
	ck_assert_msg(v[2] == 0 && v[3] == 1, "waiting for any child, twice, while an older one "
		      "runs: %s, %s", E(v[2]), v[3] ? "both reaped" : "not each ended child once");
	lab5_get(vm, T_KILL_STRANGER, v);
	ck_assert_msg(v[0] == NEG(ERR_NOT_FOUND), "waiting for another process's child: %s, not "
		      "ERR_NOT_FOUND", E(v[0]));
	ck_assert_msg(v[1] == NEG(ERR_NOT_FOUND), "killing another process's child: %s, not "
		      "ERR_NOT_FOUND", E(v[1]));
	ck_assert_msg(v[2] == 0, "killing its parent, a child of the caller: %s", E(v[2]));
	lab5_get(vm, T_KILL_ORPHAN, v);
	ck_assert_msg(v[0] == 0 && v[1] == PROC_EXITED && v[2] == 5, "once its parent is killed, "
		      "its child (exited with 5) is init's to reap: the wait got %s, how %" PRIu64
		      ", status %" PRIu64, E(v[0]), v[1], v[2]);
}

GRADER_TEST(lab5_restart, .lab = 5, .points = 15, .limit = 120, .hidden = true,
	    .covers = "user/lib/elfload.c",
	    .title = "a crashed console server is started again, and clients go on writing")
{
	uint64_t args[8] = { grader_rand() }, v[4];
	struct vm *vm = lab5_run("lab5_restart", args);
	lab5_get(vm, T_RESTART, v);
	ck_assert_msg(v[0] == 0 && v[1] == 0, "the crash: %s; the console's stats after: %s",
		      E(v[0]), E(v[1]));
	char hex[17], want[64];
	lab5_hex(args[0], hex);
	snprintf(want, sizeof(want), "lab5 after the crash %s", hex);
	ck_assert_msg(strstr(vm_serial(vm), want), "the line written after the crash is not on the "
		      "serial port");
	ck_assert_msg(v[2] < 200, "the console server's counters were not started afresh (%"
		      PRIu64 " bytes written): the old one still runs?", v[2]);
	ck_assert_msg(lab5_server_state(vm, SRV_CONSOLE) == 4, "the restarted console server is "
		      "not waiting for requests");
}
