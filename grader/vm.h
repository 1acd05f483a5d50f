/*
 * vm.h: one EriX machine under GDB, for a graded test.
 *
 * vm_boot() starts QEMU (software emulation, halted at reset, the debug-exit
 * device, -no-reboot, the serial port captured, the GDB stub on a Unix
 * socket private to this machine) and GDB in its machine interface,
 * attached with the kernel's symbols. Everything else drives it.
 *
 * Every function here either succeeds or ends the test with a failure that
 * says what went wrong (a GDB error, the machine ending too early, the time
 * limit), so tests need no error handling of their own.
 */
#ifndef GRADER_VM_H
#define GRADER_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vm_config {
	int mem_mib;      /* guest RAM; 0 means 128 */
	const char *args; /* the kernel command line; NULL means none */
	const char *cpu;  /* QEMU CPU model; NULL means QEMU's default */
	const char *plant; /* for the replay only: what the test will plant
			      through GDB once booted, as "key=value ..." words
			      (lab 3: "test=NAME arg0=..."), which make gdb
			      TEST=... plants the same way; NULL means none */
};

/* How a machine ended. */
enum vm_end {
	VM_RUNNING = 0,   /* not ended yet */
	VM_POWEROFF,      /* the kernel wrote ERIX_EXIT_POWEROFF */
	VM_PANIC,         /* the kernel wrote ERIX_EXIT_PANIC */
	VM_NO_STATUS,     /* QEMU ended without the kernel's word: a triple
	                     fault (reset, under -no-reboot) */
	VM_QEMU_ERROR,    /* QEMU failed or was killed */
};

struct vm_frame {
	uint64_t addr;
	char func[64]; /* "??" when GDB does not know */
};

struct vm;

/* vm_boot: start a machine, halted: at the kernel's entry point, restored
 * from the configuration's boot snapshot (snapshot.h), or, when
 * vm_ctx.full_boot is set or there is no snapshot, at the firmware's
 * first instruction. Either way, no kernel code has run yet. */
struct vm *vm_boot(const struct vm_config *cfg);

/* vm_break: a breakpoint at a location (a function, file:line, *address)
 * that stays until vm_wait_end. */
void vm_break(struct vm *vm, const char *location);

/* vm_run_to: run until the kernel reaches the function `function` (a
 * one-time breakpoint). Fails the test if it stops anywhere else or ends
 * first. */
void vm_run_to(struct vm *vm, const char *function);

/* vm_continue: run until the next breakpoint; returns the function it
 * stopped in (valid until the next call), or NULL if the machine ended. */
const char *vm_continue(struct vm *vm);

/* vm_wait_end: delete all breakpoints, run until the machine ends, and
 * say how. */
enum vm_end vm_wait_end(struct vm *vm);

/* vm_end_name: "powered off", "panicked", ... */
const char *vm_end_name(enum vm_end e);

/* vm_eval: the value of a C expression in the kernel (GDB evaluates it;
 * function calls run in the kernel), as an integer. printf-style. */
uint64_t vm_eval(struct vm *vm, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* vm_call: evaluate an expression with a call that may stop at a
 * breakpoint before it returns. Returns NULL if the call returned, or the
 * function where it stopped (valid until the next call); the machine is
 * then stopped there, inside the call. */
const char *vm_call(struct vm *vm, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* vm_eval_text: the value as GDB prints it (valid until the next call). */
const char *vm_eval_text(struct vm *vm, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* vm_symbol: the address of a kernel symbol. */
uint64_t vm_symbol(struct vm *vm, const char *name);

/* vm_read / vm_write: kernel memory at a virtual address. */
void vm_read(struct vm *vm, uint64_t addr, void *buf, size_t len);
void vm_write(struct vm *vm, uint64_t addr, const void *buf, size_t len);

/* vm_read_phys: physical memory, whatever the page tables say (QEMU's
 * PhyMemMode, for the time of the read). */
void vm_read_phys(struct vm *vm, uint64_t pa, void *buf, size_t len);

/* vm_read_string: the NUL-terminated string at addr (at most max bytes),
 * in memory the vm frees when it ends. */
char *vm_read_string(struct vm *vm, uint64_t addr, size_t max);

/* vm_frames: GDB's own backtrace at the current stop, innermost first.
 * Returns the number of frames stored (at most max). */
int vm_frames(struct vm *vm, struct vm_frame *frames, int max);

/* vm_serial_wait: wait until a line of serial output (since boot) matches
 * the extended regular expression re; returns that line (valid until the
 * next vm_* call), or NULL if the machine ends first. */
const char *vm_serial_wait(struct vm *vm, const char *re);

/* vm_serial_wait_line: the same for a line equal to text. */
const char *vm_serial_wait_line(struct vm *vm, const char *text);

/* vm_serial: all serial output so far (carriage returns removed). */
const char *vm_serial(struct vm *vm);

/* vm_serial_send: type text on the serial port (the guest's COM1 input),
 * as a user would; the machine gets it as it runs. */
void vm_serial_send(struct vm *vm, const char *text);

/* vm_gdb: run a GDB command (CLI syntax), failing the test on an error;
 * returns what it printed (valid until the next call). */
const char *vm_gdb(struct vm *vm, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* vm_end_all: kill and reap every machine of this test (the grader calls
 * it after each test). */
void vm_end_all(void);

/* The test's context, set by the grader before the test runs. */
struct vm_context {
	const char *iso;      /* the ISO vm_boot boots */
	const char *kernel;   /* its ELF, for GDB's symbols */
	const char *qemu_sh;  /* labs/tools/qemu.sh */
	const char *sandbox;  /* NULL, or the command QEMU runs in (the
				 untrusted kernel's box: labs/instructor/sandbox) */
	const char *unit;     /* NULL, or the host unit-test program built
				 from the student's code (hostunit.h) */
	const char *scratch;  /* this test's scratch directory */
	bool full_boot;       /* boot through the firmware and GRUB every time
				 (the test's .full_boot, or --full-boot) */
	double deadline;      /* monotonic seconds: the test's time limit */
	double limit;         /* the limit itself, for messages */
};
extern struct vm_context vm_ctx;

/* vm_save_at_entry: for snapshot.c: boot a machine of configuration cfg
 * through the firmware and GRUB to the kernel's entry point entry, save it
 * there into a file of the machine's directory (its path in saved), and
 * end the machine. Returns false, with the reason in why, if the machine
 * did not get there within limit seconds or could not be saved. */
bool vm_save_at_entry(const struct vm_config *cfg, uint64_t entry, double limit,
		      char *saved, size_t savedlen, char *why, size_t whylen);

/* now: monotonic seconds. */
double now(void);

/* Timing of the last vm_boot, for make bench: QEMU start to the first stop
 * after a continue. */
extern double vm_bench_first_stop;

#endif /* GRADER_VM_H */
