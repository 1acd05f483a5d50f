/*
 * vm.c: driving one EriX machine, QEMU under GDB/MI (see vm.h).
 *
 * Processes, per machine, all in the test's process group so that the
 * grader can kill everything at once:
 *
 *   test process --fork/exec--> qemu-system-x86_64 (via labs/tools/qemu.sh --exec)
 *        |    \                    |  serial <-> FIFOs (vm dir)/serial.out, .in
 *        |     \                   |  GDB stub on     (vm dir)/gdb.sock
 *        |      `--fork/exec--> gdb --interpreter=mi3  (pipes: commands in, records out)
 *        |                         `-- target remote (vm dir)/gdb.sock
 *        `-- pump(): poll() on GDB's output and the serial FIFO, waitpid() on QEMU
 *
 * Serial output is kept up to SERIAL_CAP bytes (more is counted and
 * dropped: a flood cannot exhaust the host), mirrored to (scratch)/serial.txt
 * so that the grader can show it even if it has to kill the test.
 */
#define _GNU_SOURCE
#include "vm.h"
#include "grader.h"
#include "mi.h"
#include "snapshot.h"

#include <erix/exit.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SERIAL_CAP (256 * 1024)
#define MAX_VMS 8

struct vm_context vm_ctx;
double vm_bench_first_stop;

struct vm {
	struct vm_config cfg;
	char dir[512];
	int id;
	double t_start;

	pid_t qemu_pid;
	enum vm_end end;
	int qemu_status;

	pid_t gdb_pid;
	FILE *gdb_in;
	int gdb_out;
	char gdb_buf[1 << 16];
	size_t gdb_len;
	int token;

	struct mi_record result; /* the last result record (^...) */
	int result_token;
	bool have_result;
	bool stopped;            /* a *stopped arrived since the last continue */
	struct mi_record stop;
	char console[8192];      /* ~"..." stream text since the last command */
	size_t console_len;
	char last_log[512];      /* the last &"..." line */

	int serial_fd;    /* the serial port's output (serial.out) */
	int serial_in_fd; /* and its input (serial.in): vm_serial_send */
	char *serial;
	size_t serial_len, serial_dropped;
	FILE *serial_log;

	char *strings[64]; /* vm_read_string results, freed at the end */
	int nstrings;
	char text[8192];   /* vm_eval_text, vm_gdb results */
};

static struct vm *vms[MAX_VMS];
static int nvms;

double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* fail: end the test with a reason (Check records it). */

#define vm_fail(...) ck_abort_msg(__VA_ARGS__)

/* gdb_log: append a command to (scratch)/gdb.log, shown on failure. */
static double log_t0;

static void gdb_log(const char *cmd)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/gdb.log", vm_ctx.scratch);
	FILE *f = fopen(path, "a");
	if (f) {
		/* Long commands (memory writes) are cut: this is for humans. */
		fprintf(f, "[%6.3f] %.160s%s\n", now() - log_t0, cmd,
			strlen(cmd) > 160 ? "..." : "");
		fclose(f);
	}
}

const char *vm_end_name(enum vm_end e)
{
	switch (e) {
	case VM_RUNNING: return "still running";
	case VM_POWEROFF: return "powered off";
	case VM_PANIC: return "panicked";
	case VM_NO_STATUS: return "ended in a reset, without an exit status (a triple fault?)";
	default: return "QEMU failed";
	}
}

/* ---- the event pump -------------------------------------------------- */

static void serial_take(struct vm *vm, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (buf[i] == '\r')
			continue;
		if (vm->serial_len + 1 >= SERIAL_CAP) {
			vm->serial_dropped++;
			continue;
		}
		vm->serial[vm->serial_len++] = buf[i];
		if (vm->serial_log)
			fputc(buf[i], vm->serial_log);
	}
	vm->serial[vm->serial_len] = '\0';
	if (vm->serial_log)
		fflush(vm->serial_log);
}

/* handle_line: one line of GDB/MI output. */
static void handle_line(struct vm *vm, const char *line)
{
	struct mi_record rec;
	if (!mi_parse_record(line, &rec))
		return;
	switch (rec.type) {
	case '^':
		mi_record_free(&vm->result);
		vm->result = rec;
		vm->result_token = atoi(line);
		vm->have_result = true;
		return;
	case '*':
		if (strcmp(rec.cls, "stopped") == 0) {
			mi_record_free(&vm->stop);
			vm->stop = rec;
			vm->stopped = true;
			return;
		}
		break;
	case '~':
	case '@': { /* GDB's console; the target's output (QEMU's monitor) */
		const char *s = rec.results->child->str;
		size_t n = strlen(s);
		if (vm->console_len + n < sizeof(vm->console)) {
			memcpy(vm->console + vm->console_len, s, n + 1);
			vm->console_len += n;
		}
		break;
	}
	case '&':
		snprintf(vm->last_log, sizeof(vm->last_log), "%s",
			 rec.results->child->str);
		break;
	}
	mi_record_free(&rec);
}

/* check_qemu: notice QEMU's end. */
static void check_qemu(struct vm *vm)
{
	int st;
	if (vm->end != VM_RUNNING || vm->qemu_pid <= 0)
		return;
	if (waitpid(vm->qemu_pid, &st, WNOHANG) != vm->qemu_pid)
		return;
	vm->qemu_pid = 0;
	vm->qemu_status = st;
	if (WIFEXITED(st) && WEXITSTATUS(st) == ERIX_QEMU_STATUS(ERIX_EXIT_POWEROFF))
		vm->end = VM_POWEROFF;
	else if (WIFEXITED(st) && WEXITSTATUS(st) == ERIX_QEMU_STATUS(ERIX_EXIT_PANIC))
		vm->end = VM_PANIC;
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		vm->end = VM_NO_STATUS;
	else
		vm->end = VM_QEMU_ERROR;
}

/* pump: wait up to ms milliseconds for output from GDB or the serial port,
 * and take in whatever is there. */
static void pump(struct vm *vm, int ms)
{
	struct pollfd fds[2] = {
		{ .fd = vm->gdb_out, .events = POLLIN },
		{ .fd = vm->serial_fd, .events = POLLIN },
	};
	if (poll(fds, 2, ms) < 0 && errno != EINTR)
		vm_fail("grader: poll: %s", strerror(errno));
	char buf[4096];
	ssize_t n;
	if (fds[0].revents & (POLLIN | POLLHUP)) {
		n = read(vm->gdb_out, vm->gdb_buf + vm->gdb_len,
			 sizeof(vm->gdb_buf) - 1 - vm->gdb_len);
		if (n > 0) {
			vm->gdb_len += (size_t)n;
			vm->gdb_buf[vm->gdb_len] = '\0';
			char *start = vm->gdb_buf, *nl;
			while ((nl = strchr(start, '\n'))) {
				*nl = '\0';
				handle_line(vm, start);
				start = nl + 1;
			}
			vm->gdb_len -= (size_t)(start - vm->gdb_buf);
			memmove(vm->gdb_buf, start, vm->gdb_len);
			if (vm->gdb_len == sizeof(vm->gdb_buf) - 1)
				vm_fail("grader: a line from GDB longer than %zu bytes "
					"(a read too large for one command?)",
					sizeof(vm->gdb_buf) - 1);
		} else if (n == 0) {
			vm_fail("GDB ended unexpectedly (last message: %s)", vm->last_log);
		}
	}
	/* QEMU's end first, then the serial port: whatever QEMU wrote before
	 * it ended is in the FIFO by now. */
	check_qemu(vm);
	while ((n = read(vm->serial_fd, buf, sizeof(buf))) > 0)
		serial_take(vm, buf, (size_t)n);
}

/* check_deadline: fail once the test's time is up. */
static void check_deadline(struct vm *vm, const char *waiting_for)
{
	if (now() > vm_ctx.deadline)
		vm_fail("time limit of %.0f s reached while %s (the kernel hung, or "
		     "is much too slow); machine %s",
		     vm_ctx.limit, waiting_for, vm_end_name(vm->end));
}

/* ---- GDB commands ---------------------------------------------------- */

/* command: send an MI command and wait for its result record. Returns
 * true for ^done/^running/^connected, false for ^error (message in
 * vm->text). */
static bool command(struct vm *vm, const char *cmd)
{
	int token = ++vm->token;
	gdb_log(cmd);
	vm->have_result = false;
	vm->console_len = 0;
	vm->console[0] = '\0';
	fprintf(vm->gdb_in, "%d%s\n", token, cmd);
	fflush(vm->gdb_in);
	while (!(vm->have_result && vm->result_token == token)) {
		check_deadline(vm, "waiting for GDB");
		pump(vm, 50);
	}
	if (strcmp(vm->result.cls, "error") == 0) {
		const char *msg = mi_str(vm->result.results, "msg");
		snprintf(vm->text, sizeof(vm->text), "%s", msg ? msg : "?");
		return false;
	}
	return true;
}

/* command_ok: command(), failing the test on a GDB error. */
static void command_ok(struct vm *vm, const char *cmd)
{
	if (!command(vm, cmd))
		vm_fail("GDB: %s: %s", cmd, vm->text);
}

static char *vformat(const char *fmt, va_list ap)
{
	char *s;
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	return s;
}

/* ---- starting a machine ---------------------------------------------- */

static pid_t spawn(char *const argv[], int in_fd, int out_fd, int err_fd)
{
	pid_t pid = fork();
	if (pid < 0)
		vm_fail("grader: fork: %s", strerror(errno));
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (in_fd >= 0)
			dup2(in_fd, 0);
		if (out_fd >= 0)
			dup2(out_fd, 1);
		if (err_fd >= 0)
			dup2(err_fd, 2);
		for (int fd = 3; fd < 256; fd++)
			close(fd);
		execvp(argv[0], argv);
		fprintf(stderr, "grader: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	return pid;
}

/* write_replay: the boot configuration, for `make qemu-gdb TEST=...`, and
 * what the test plants once booted, for `make gdb TEST=...` (PLANT=). */
static void write_replay(const struct vm_config *c, const char *state)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/replay", vm_ctx.scratch);
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, "MEM=%d ARGS=\"%s\"%s%s", c->mem_mib, c->args ? c->args : "",
		c->cpu ? " CPU=" : "", c->cpu ? c->cpu : "");
	if (c->plant)
		fprintf(f, " PLANT=\"%s\"", c->plant);
	/* The machine started from a boot snapshot: the replay starts from
	 * the same one (make qemu-gdb checks that it is still sound). */
	if (state) {
		char abs[PATH_MAX];
		fprintf(f, " SNAPSHOT=\"%s\"", realpath(state, abs) ? abs : state);
	}
	fprintf(f, "\n");
	fclose(f);
}

/* sandbox_args: when vm_ctx.sandbox is set, the start of QEMU's command
 * line that puts it in the box: the box sees the machine's directory
 * (writable: the GDB socket, the serial FIFO, the arguments disk), and
 * read-only the ISO, qemu.sh's directory, the ABI header qemu.sh reads and
 * the boot snapshot it starts from (state, or NULL); nothing else of the
 * host. paths gets the resolved paths argv points to: the ISO, qemu.sh's
 * directory, the header, qemu.sh (the box runs those), the snapshot.
 * Returns the number of arguments written (0 without a sandbox). */
static int sandbox_args(const struct vm *vm, const char *state, const char **argv,
			char paths[5][PATH_MAX])
{
	if (!vm_ctx.sandbox)
		return 0;
	if (!realpath(vm_ctx.iso, paths[0]) || !realpath(vm_ctx.qemu_sh, paths[3]))
		vm_fail("grader: cannot resolve %s or %s: %s", vm_ctx.iso, vm_ctx.qemu_sh,
			strerror(errno));
	snprintf(paths[1], PATH_MAX, "%s", paths[3]);
	*strrchr(paths[1], '/') = '\0';
	char exit_h[PATH_MAX + 32];
	snprintf(exit_h, sizeof(exit_h), "%s/../../kernel/abi/erix/exit.h", paths[1]);
	if (!realpath(exit_h, paths[2]))
		vm_fail("grader: cannot resolve %s: %s", exit_h, strerror(errno));
	int a = 0;
	argv[a++] = vm_ctx.sandbox;
	argv[a++] = "--rw";
	argv[a++] = vm->dir;
	for (int i = 0; i < 3; i++) {
		argv[a++] = "--ro";
		argv[a++] = paths[i];
	}
	if (state) {
		if (!realpath(state, paths[4]))
			vm_fail("grader: cannot resolve %s: %s", state, strerror(errno));
		argv[a++] = "--ro";
		argv[a++] = paths[4];
	}
	argv[a++] = "--work";
	argv[a++] = "16";
	argv[a++] = "--";
	return a;
}

/* qemu_log: the start of what QEMU wrote on its standard error (valid
 * until the next call). */
static const char *qemu_log(struct vm *vm)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/qemu.log", vm->dir);
	vm->text[0] = '\0';
	FILE *f = fopen(path, "r");
	if (f) {
		size_t n = fread(vm->text, 1, 511, f);
		vm->text[n] = '\0';
		fclose(f);
	}
	return vm->text;
}

/* vm_new: a machine not started yet: its directory, its serial FIFO. */
static struct vm *vm_new(const struct vm_config *cfg)
{
	if (nvms == MAX_VMS)
		vm_fail("grader: more than %d machines in one test", MAX_VMS);
	struct vm *vm = calloc(1, sizeof(*vm));
	if (!vm)
		abort();
	vms[nvms++] = vm;
	vm->cfg = *cfg;
	if (vm->cfg.mem_mib == 0)
		vm->cfg.mem_mib = 128;
	static int boots;
	vm->id = ++boots; /* never reused within a test: the scratch dirs differ */
	vm->serial = calloc(1, SERIAL_CAP);
	vm->serial_fd = vm->serial_in_fd = -1;
	vm->gdb_out = -1;
	snprintf(vm->dir, sizeof(vm->dir), "%s/vm%d", vm_ctx.scratch, vm->id);
	if (mkdir(vm->dir, 0700) < 0)
		vm_fail("grader: mkdir %s: %s", vm->dir, strerror(errno));

	char path[600], in[600], log[600];
	snprintf(path, sizeof(path), "%s/serial.out", vm->dir);
	snprintf(in, sizeof(in), "%s/serial.in", vm->dir);
	if (mkfifo(path, 0600) < 0 || mkfifo(in, 0600) < 0)
		vm_fail("grader: mkfifo: %s", strerror(errno));
	/* Opened read-write, the FIFOs never report end-of-file and QEMU's
	 * opens do not block. */
	vm->serial_fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	vm->serial_in_fd = open(in, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	snprintf(log, sizeof(log), "%s/serial.txt", vm_ctx.scratch);
	vm->serial_log = fopen(log, "w");
	return vm;
}

/* machine_start: start QEMU, from the boot snapshot state (NULL: from the
 * firmware), halted, and GDB attached to it. async: GDB takes commands
 * while the machine runs (-exec-interrupt; vm_save_at_entry needs it). */
static void machine_start(struct vm *vm, const char *state, bool async)
{
	char path[600], mem[16], sock[600], log[600];
	snprintf(path, sizeof(path), "%s/serial", vm->dir); /* .in and .out */
	snprintf(sock, sizeof(sock), "%s/gdb.sock", vm->dir);
	snprintf(mem, sizeof(mem), "%d", vm->cfg.mem_mib);
	if (strlen(sock) >= 104) /* sun_path's size, less a margin */
		vm_fail("grader: the socket path %s is too long for a Unix socket; "
			"set TMPDIR to a short directory such as /tmp", sock);

	/* QEMU, through the same script `make qemu` uses; when grading a
	 * submission, inside its box (see sandbox_args). */
	const char *argv[48];
	char box_paths[5][PATH_MAX];
	int a = sandbox_args(vm, state, argv, box_paths);
	argv[a++] = vm_ctx.sandbox ? box_paths[3] : vm_ctx.qemu_sh;
	argv[a++] = "--exec";
	argv[a++] = "--workdir";
	argv[a++] = vm->dir;
	argv[a++] = "--mem";
	argv[a++] = mem;
	argv[a++] = "--serial-pipe";
	argv[a++] = path;
	argv[a++] = "--gdb-socket";
	argv[a++] = sock;
	if (vm->cfg.args && vm->cfg.args[0]) {
		argv[a++] = "--args";
		argv[a++] = vm->cfg.args;
	}
	if (vm->cfg.cpu) {
		argv[a++] = "--cpu";
		argv[a++] = vm->cfg.cpu;
	}
	if (state) {
		argv[a++] = "--incoming";
		argv[a++] = vm_ctx.sandbox ? box_paths[4] : state;
	}
	argv[a++] = vm_ctx.sandbox ? box_paths[0] : vm_ctx.iso;
	argv[a] = NULL;
	snprintf(log, sizeof(log), "%s/qemu.log", vm->dir);
	int qlog = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int devnull = open("/dev/null", O_RDONLY);
	vm->t_start = now();
	if (log_t0 == 0)
		log_t0 = vm->t_start;
	vm->qemu_pid = spawn((char *const *)argv, devnull, qlog, qlog);
	close(qlog);

	/* GDB, meanwhile. */
	int to_gdb[2], from_gdb[2];
	if (pipe2(to_gdb, O_CLOEXEC) < 0 || pipe2(from_gdb, O_CLOEXEC) < 0)
		vm_fail("grader: pipe: %s", strerror(errno));
	char *gdb_argv[] = { "gdb", "--interpreter=mi3", "-q", "-nx", NULL };
	vm->gdb_pid = spawn(gdb_argv, to_gdb[0], from_gdb[1], devnull);
	close(devnull);
	close(to_gdb[0]);
	close(from_gdb[1]);
	vm->gdb_in = fdopen(to_gdb[1], "w");
	vm->gdb_out = from_gdb[0];
	fcntl(vm->gdb_out, F_SETFL, O_NONBLOCK);

	command_ok(vm, "-gdb-set architecture i386:x86-64");
	command_ok(vm, "-gdb-set confirm off");
	command_ok(vm, "-gdb-set print elements 0");
	if (async)
		command_ok(vm, "-gdb-set mi-async on");
	/* Memory can change under GDB (and physical reads alias virtual
	 * ones): no caching. */
	command_ok(vm, "-gdb-set stack-cache off");
	command_ok(vm, "-gdb-set code-cache off");
	/* The kernel's ELF is the student's: never run scripts it names or
	 * embeds (.debug_gdb_scripts). */
	command_ok(vm, "-gdb-set auto-load off");
	char *cmd;
	if (asprintf(&cmd, "-file-exec-and-symbols %s", vm_ctx.kernel) < 0)
		abort();
	command_ok(vm, cmd);
	free(cmd);

	/* Wait for QEMU's socket. */
	struct stat st;
	while (stat(sock, &st) < 0) {
		check_qemu(vm);
		if (vm->end != VM_RUNNING)
			vm_fail("QEMU did not start: %s", qemu_log(vm));
		check_deadline(vm, "QEMU started");
		usleep(2000);
	}
	/* The socket exists once QEMU has bound it, a moment before it
	 * listens: retry a refused connection. */
	if (asprintf(&cmd, "-target-select remote %s", sock) < 0)
		abort();
	while (!command(vm, cmd)) {
		if (!strstr(vm->text, "Connection refused"))
			vm_fail("GDB: %s: %s", cmd, vm->text);
		check_deadline(vm, "connecting GDB to QEMU");
		usleep(5000);
	}
	free(cmd);
}

/* monitor: a command to QEMU's monitor (through GDB); returns what QEMU
 * answered (valid until the next call). */
static const char *monitor(struct vm *vm, const char *what)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "monitor %s", what);
	return vm_gdb(vm, "%s", cmd);
}

/* wait_incoming: wait until QEMU has loaded the snapshot it started from.
 * GDB can attach while QEMU is still loading it (the stub's stop on
 * attach does nothing then) and a continue before the end would start the
 * machine half loaded: poll the run state. Then make GDB forget the
 * registers it read on attaching, from before the load. */
static void wait_incoming(struct vm *vm, const char *state)
{
	const char *st;
	while (strstr(st = monitor(vm, "info status"), "inmigrate")) {
		check_deadline(vm, "loading the boot snapshot");
		usleep(1000);
	}
	if (!strstr(st, "paused"))
		vm_fail("grader: QEMU did not load the boot snapshot %s (%s): delete it "
			"and grade again", state, st);
	vm_gdb(vm, "maintenance flush register-cache");
}

struct vm *vm_boot(const struct vm_config *cfg)
{
	/* The snapshot first: making one boots a machine of its own, whose
	 * serial output must not share serial.txt with this one's. */
	const char *state = vm_ctx.full_boot ? NULL : snapshot_for(cfg);
	struct vm *vm = vm_new(cfg);
	write_replay(&vm->cfg, state);
	machine_start(vm, state, false);
	if (state)
		wait_incoming(vm, state);
	return vm;
}

/* vm_end: kill a machine's QEMU and GDB and free it. */
static void vm_end(struct vm *vm)
{
	if (vm->serial_dropped)
		grader_note("machine %d: serial output cut at %d KiB (%zu more bytes "
			    "dropped: a flood?)",
			    vm->id, SERIAL_CAP / 1024, vm->serial_dropped);
	if (vm->qemu_pid > 0) {
		kill(vm->qemu_pid, SIGKILL);
		waitpid(vm->qemu_pid, NULL, 0);
	}
	if (vm->gdb_pid > 0) {
		kill(vm->gdb_pid, SIGKILL);
		waitpid(vm->gdb_pid, NULL, 0);
	}
	if (vm->gdb_in)
		fclose(vm->gdb_in);
	if (vm->gdb_out >= 0)
		close(vm->gdb_out);
	if (vm->serial_fd >= 0)
		close(vm->serial_fd);
	if (vm->serial_in_fd >= 0)
		close(vm->serial_in_fd);
	if (vm->serial_log)
		fclose(vm->serial_log);
	mi_record_free(&vm->result);
	mi_record_free(&vm->stop);
	for (int s = 0; s < vm->nstrings; s++)
		free(vm->strings[s]);
	free(vm->serial);
	for (int i = 0; i < nvms; i++)
		if (vms[i] == vm)
			vms[i] = vms[--nvms];
	free(vm);
}

/* wait_stop: after a continue or an interrupt, wait until the machine
 * stops, ends, or time runs out (now() > until). true if it stopped. */
static bool wait_stop(struct vm *vm, double until)
{
	while (!vm->stopped && vm->end == VM_RUNNING && now() < until) {
		check_deadline(vm, "waiting for the machine to stop");
		pump(vm, 20);
	}
	return vm->stopped;
}

bool vm_save_at_entry(const struct vm_config *cfg, uint64_t entry, double limit,
		      char *saved, size_t savedlen, char *why, size_t whylen)
{
	struct vm *vm = vm_new(cfg);
	double until = now() + limit;
	machine_start(vm, NULL, true);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "-break-insert *%#lx", (unsigned long)entry);
	command_ok(vm, cmd);
	vm->stopped = false;
	command_ok(vm, "-exec-continue");
	if (!wait_stop(vm, until)) {
		/* Where is it? (GRUB waiting at its prompt after an error, say.) */
		char where[64] = "";
		if (vm->end == VM_RUNNING && command(vm, "-exec-interrupt") &&
		    wait_stop(vm, now() + 2))
			snprintf(where, sizeof(where), " (it was at %#lx)",
				 (unsigned long)vm_eval(vm, "$pc"));
		pump(vm, 0);
		snprintf(why, whylen, "the machine %s before GRUB started the kernel at "
			 "its entry point %#lx%s; its last serial output: %.200s",
			 vm->end == VM_RUNNING ? "took too long" : vm_end_name(vm->end),
			 (unsigned long)entry, where, vm->serial);
		vm_end(vm);
		return false;
	}
	uint64_t pc = vm_eval(vm, "$pc");
	if (pc != entry) {
		snprintf(why, whylen, "the machine stopped at %#lx, not at the entry "
			 "point %#lx", (unsigned long)pc, (unsigned long)entry);
		vm_end(vm);
		return false;
	}

	/* Stopped at a breakpoint, QEMU's run state is "debug", which a
	 * restored machine cannot take (QEMU aborts loading it). A machine
	 * interrupted by GDB is "paused", which it can: so park the CPU on
	 * its entry point with a jump to itself, run, interrupt, and put the
	 * two bytes back. (Interrupts are off at a multiboot2 entry.) */
	unsigned char orig[2], spin[2] = { 0xeb, 0xfe }; /* jmp . */
	command_ok(vm, "-break-delete");
	vm_read(vm, entry, orig, 2);
	vm_write(vm, entry, spin, 2);
	vm->stopped = false;
	command_ok(vm, "-exec-continue");
	command_ok(vm, "-exec-interrupt");
	if (!wait_stop(vm, until)) {
		snprintf(why, whylen, "GDB could not interrupt the machine at its entry point");
		vm_end(vm);
		return false;
	}
	vm_write(vm, entry, orig, 2);
	pc = vm_eval(vm, "$pc");
	const char *st = monitor(vm, "info status");
	if (pc != entry || !strstr(st, "paused")) {
		snprintf(why, whylen, "parked at the entry point, the machine is at %#lx, "
			 "%s", (unsigned long)pc, st);
		vm_end(vm);
		return false;
	}

	/* Save: QEMU writes its migration stream through cat (inside the
	 * machine's box, when there is one) into the machine's directory. */
	snprintf(saved, savedlen, "%s/boot.state", vm->dir);
	monitor(vm, "migrate_set_parameter max-bandwidth 10G");
	char *mig;
	if (asprintf(&mig, "migrate \"exec:cat > %s\"", saved) < 0)
		abort();
	monitor(vm, mig);
	free(mig);
	for (;;) {
		st = monitor(vm, "info migrate");
		if (strstr(st, "Migration status: completed"))
			break;
		if (strstr(st, "Migration status: failed") ||
		    strstr(st, "Migration status: cancelled") || now() > until) {
			snprintf(why, whylen, "QEMU did not save the machine: %.200s", st);
			vm_end(vm);
			return false;
		}
		usleep(2000);
	}
	vm_end(vm);
	return true;
}

/* ---- running --------------------------------------------------------- */

/* resume: continue and wait for a stop or the machine's end. Returns true
 * if it stopped. */
static bool resume(struct vm *vm, const char *waiting_for)
{
	if (vm->end != VM_RUNNING)
		return false;
	vm->stopped = false;
	if (!command(vm, "-exec-continue")) {
		if (vm->end != VM_RUNNING)
			return false;
		vm_fail("GDB: continue: %s", vm->text);
	}
	while (!vm->stopped) {
		if (vm->end != VM_RUNNING) {
			/* Give GDB a moment to say the connection closed. */
			pump(vm, 20);
			return false;
		}
		check_deadline(vm, waiting_for);
		pump(vm, 50);
	}
	/* When QEMU ends, GDB reports the remote's end as a stop too. */
	const char *reason = mi_str(vm->stop.results, "reason");
	if (reason && strncmp(reason, "exited", 6) == 0) {
		while (vm->end == VM_RUNNING) {
			check_deadline(vm, "waiting for QEMU to end");
			pump(vm, 20);
		}
		return false;
	}
	if (vm_bench_first_stop == 0)
		vm_bench_first_stop = now() - vm->t_start;
	return true;
}

static const char *stop_func(struct vm *vm)
{
	const char *f = mi_str(mi_get(vm->stop.results, "frame"), "func");
	return f ? f : "??";
}

void vm_break(struct vm *vm, const char *location)
{
	char *cmd;
	if (asprintf(&cmd, "-break-insert %s", location) < 0)
		abort();
	command_ok(vm, cmd);
	free(cmd);
}

void vm_run_to(struct vm *vm, const char *location)
{
	char *cmd, *what;
	if (asprintf(&cmd, "-break-insert -t %s", location) < 0 ||
	    asprintf(&what, "running to %s", location) < 0)
		abort();
	command_ok(vm, cmd);
	free(cmd);
	if (!resume(vm, what))
		vm_fail("the kernel %s before reaching %s", vm_end_name(vm->end),
		     location);
	free(what);
	const char *reason = mi_str(vm->stop.results, "reason");
	const char *func = stop_func(vm);
	if (!reason || strcmp(reason, "breakpoint-hit") != 0 ||
	    strcmp(func, location) != 0)
		vm_fail("running to %s, the kernel stopped in %s instead (%s)", location,
		     func, reason ? reason : "no reason");
}

const char *vm_continue(struct vm *vm)
{
	if (!resume(vm, "running to the next breakpoint"))
		return NULL;
	snprintf(vm->text, sizeof(vm->text), "%s", stop_func(vm));
	return vm->text;
}

enum vm_end vm_wait_end(struct vm *vm)
{
	if (vm->end == VM_RUNNING)
		command(vm, "-break-delete");
	while (vm->end == VM_RUNNING) {
		if (resume(vm, "waiting for the kernel to end"))
			continue; /* stopped on something (a fault?): go on */
	}
	return vm->end;
}

/* ---- state ----------------------------------------------------------- */

/* command_with: run the MI command `mi` with arg as its one C-string
 * argument. Returns what command() returns. */
static bool command_with(struct vm *vm, const char *mi, const char *arg)
{
	char *q = mi_quote(arg), *cmd;
	if (asprintf(&cmd, "%s %s", mi, q) < 0)
		abort();
	free(q);
	bool ok = command(vm, cmd);
	free(cmd);
	return ok;
}

static const char *evaluate(struct vm *vm, const char *expr)
{
	if (!command_with(vm, "-data-evaluate-expression", expr))
		vm_fail("GDB: cannot evaluate %s: %s", expr, vm->text);
	const char *v = mi_str(vm->result.results, "value");
	snprintf(vm->text, sizeof(vm->text), "%s", v ? v : "");
	return vm->text;
}

uint64_t vm_eval(struct vm *vm, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *expr = vformat(fmt, ap), *cast;
	va_end(ap);
	/* As an integer: GDB prints registers like $cr3 as bit fields and
	 * bools as true/false otherwise. */
	if (asprintf(&cast, "(unsigned long)(%s)", expr) < 0)
		abort();
	const char *v = evaluate(vm, cast);
	free(cast);
	char *end;
	errno = 0;
	uint64_t x = strtoull(v, &end, 0);
	if (end == v || errno)
		vm_fail("GDB: %s is not an integer: %s", expr, v);
	free(expr);
	return x;
}

const char *vm_call(struct vm *vm, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *expr = vformat(fmt, ap);
	va_end(ap);
	vm->stopped = false;
	if (command_with(vm, "-data-evaluate-expression", expr)) {
		free(expr);
		return NULL;
	}
	if (!strstr(vm->text, "stopped while in a function called from GDB"))
		vm_fail("GDB: cannot evaluate %s: %s", expr, vm->text);
	free(expr);
	while (!vm->stopped) {
		check_deadline(vm, "waiting for the call to stop");
		pump(vm, 20);
	}
	snprintf(vm->text, sizeof(vm->text), "%s", stop_func(vm));
	return vm->text;
}

const char *vm_eval_text(struct vm *vm, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *expr = vformat(fmt, ap);
	va_end(ap);
	evaluate(vm, expr);
	free(expr);
	return vm->text;
}

uint64_t vm_symbol(struct vm *vm, const char *name)
{
	return vm_eval(vm, "(unsigned long)&%s", name);
}

/* read_chunk: one -data-read-memory-bytes (GDB's replies for large reads
 * come slowly, or not at all, from QEMU's stub: vm_read splits them). */
static void read_chunk(struct vm *vm, uint64_t addr, unsigned char *buf, size_t len)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "-data-read-memory-bytes 0x%lx %zu",
		 (unsigned long)addr, len);
	command_ok(vm, cmd);
	const struct mi_value *mem = mi_get(vm->result.results, "memory");
	const struct mi_value *block = mem ? mem->child : NULL;
	const char *hex = block ? mi_str(block, "contents") : NULL;
	const char *begin = block ? mi_str(block, "begin") : NULL;
	if (!hex || !begin || strtoull(begin, NULL, 0) != addr ||
	    strlen(hex) < 2 * len)
		vm_fail("cannot read %zu bytes of kernel memory at 0x%lx", len,
		     (unsigned long)addr);
	for (size_t i = 0; i < len; i++) {
		unsigned int byte;
		sscanf(hex + 2 * i, "%2x", &byte);
		buf[i] = (unsigned char)byte;
	}
}

void vm_read(struct vm *vm, uint64_t addr, void *buf, size_t len)
{
	enum { CHUNK = 4096 };
	for (size_t done = 0; done < len; done += CHUNK)
		read_chunk(vm, addr + done, (unsigned char *)buf + done,
			   len - done < CHUNK ? len - done : CHUNK);
}

void vm_read_phys(struct vm *vm, uint64_t pa, void *buf, size_t len)
{
	vm_gdb(vm, "maintenance packet Qqemu.PhyMemMode:1");
	vm_read(vm, pa, buf, len);
	vm_gdb(vm, "maintenance packet Qqemu.PhyMemMode:0");
}

void vm_write(struct vm *vm, uint64_t addr, const void *buf, size_t len)
{
	char *cmd = malloc(64 + 2 * len);
	if (!cmd)
		abort();
	int n = sprintf(cmd, "-data-write-memory-bytes 0x%lx ", (unsigned long)addr);
	for (size_t i = 0; i < len; i++)
		n += sprintf(cmd + n, "%02x", ((const unsigned char *)buf)[i]);
	command_ok(vm, cmd);
	free(cmd);
}

char *vm_read_string(struct vm *vm, uint64_t addr, size_t max)
{
	char *s = calloc(1, max + 1);
	if (!s)
		abort();
	vm_read(vm, addr, s, max);
	s[max] = '\0';
	if (vm->nstrings < (int)(sizeof(vm->strings) / sizeof(vm->strings[0])))
		vm->strings[vm->nstrings++] = s;
	return s;
}

int vm_frames(struct vm *vm, struct vm_frame *frames, int max)
{
	command_ok(vm, "-stack-list-frames");
	const struct mi_value *stack = mi_get(vm->result.results, "stack");
	int n = 0;
	for (const struct mi_value *f = stack ? stack->child : NULL; f && n < max;
	     f = f->next, n++) {
		const char *addr = mi_str(f, "addr");
		const char *func = mi_str(f, "func");
		frames[n].addr = addr ? strtoull(addr, NULL, 0) : 0;
		snprintf(frames[n].func, sizeof(frames[n].func), "%s",
			 func ? func : "??");
	}
	return n;
}

/* serial_wait: wait for a complete line of serial output for which
 * match(line, arg) is true; returns it, or NULL once the machine ended. */
static const char *serial_wait(struct vm *vm, bool (*match)(const char *, const void *),
			       const void *arg)
{
	size_t pos = 0;
	for (;;) {
		char *nl;
		while ((nl = memchr(vm->serial + pos, '\n', vm->serial_len - pos))) {
			*nl = '\0';
			bool m = match(vm->serial + pos, arg);
			if (m)
				snprintf(vm->text, sizeof(vm->text), "%s", vm->serial + pos);
			*nl = '\n';
			if (m)
				return vm->text;
			pos = (size_t)(nl - vm->serial) + 1;
		}
		if (vm->end != VM_RUNNING)
			return NULL;
		check_deadline(vm, "waiting for serial output");
		pump(vm, 50);
	}
}

static bool match_regex(const char *line, const void *rx)
{
	return regexec(rx, line, 0, NULL, 0) == 0;
}

static bool match_exact(const char *line, const void *text)
{
	return strcmp(line, text) == 0;
}

const char *vm_serial_wait(struct vm *vm, const char *re)
{
	regex_t rx;
	if (regcomp(&rx, re, REG_EXTENDED | REG_NOSUB) != 0)
		vm_fail("grader: bad regular expression %s", re);
	const char *line = serial_wait(vm, match_regex, &rx);
	regfree(&rx);
	return line;
}

const char *vm_serial_wait_line(struct vm *vm, const char *text)
{
	return serial_wait(vm, match_exact, text);
}

const char *vm_serial(struct vm *vm)
{
	pump(vm, 0);
	return vm->serial;
}

void vm_serial_send(struct vm *vm, const char *text)
{
	size_t n = strlen(text), done = 0;
	while (done < n) {
		ssize_t w = write(vm->serial_in_fd, text + done, n - done);
		if (w < 0 && errno != EAGAIN && errno != EINTR)
			vm_fail("grader: typing on the serial port: %s", strerror(errno));
		if (w > 0)
			done += (size_t)w;
		else
			pump(vm, 10); /* the FIFO is full: let QEMU take some */
	}
}

const char *vm_gdb(struct vm *vm, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *c = vformat(fmt, ap);
	va_end(ap);
	if (!command_with(vm, "-interpreter-exec console", c))
		vm_fail("GDB: %s: %s", c, vm->text);
	snprintf(vm->text, sizeof(vm->text), "%s", vm->console);
	free(c);
	return vm->text;
}

void vm_end_all(void)
{
	while (nvms > 0)
		vm_end(vms[nvms - 1]);
}
