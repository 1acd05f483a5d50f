/*
 * grader.c: the EriX grader's main program.
 *
 *   grader [--lab N]... [--test NAME]... [--public] [-j N] [--seed S]
 *          [--format table|gradescope|junit] [--output FILE]
 *          [--time-scale X] [--list] [--bench N]
 *          --iso ISO --kernel ELF [--qemu-sh PATH] [--replay-dir DIR]
 *          [--sandbox PATH] [--unit PATH] [--snapshot-dir DIR] [--full-boot]
 *   grader --iso ISO --kernel ELF --snapshot-check STATE [--mem M] [--args A] [--cpu C]
 *
 * Each selected test runs in a child process of its own (and its own
 * process group, holding its QEMU and GDB): the child runs the test's Check
 * test case and writes its verdict into the test's scratch directory. The
 * parent runs up to -j children at once, kills a child's whole group when
 * its time limit (plus a grace period) passes, and reaps everything. At the
 * end it prints the table (or results.json, or JUnit XML) and replays the
 * verdicts through one Check runner, so that the run closes with Check's
 * summary line. With --sandbox (grading a submission: labs/instructor/
 * grade-submission), every QEMU runs inside that sandbox command, which
 * sees only the ISO, QEMU's script and the machine's own directory; the
 * grader and GDB stay outside. --unit names the host unit-test program
 * built from the student's code, whose suites some tests run (hostunit.h);
 * with --sandbox it runs in a box as well. Machines start from boot
 * snapshots (snapshot.h) kept in --snapshot-dir, except for the tests
 * that declare .full_boot, or all of them with --full-boot.
 * --snapshot-check says whether a snapshot from a replay file is still
 * sound for the ISO and that configuration (make qemu-gdb TEST=...).
 * Exit status: 0 if every test passed, 1 if any failed, 2 on
 * a usage error.
 */
#define _GNU_SOURCE
#include "grader.h"
#include "report.h"
#include "snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_TESTS 256
#define GRACE_SECONDS 5.0 /* after a test's limit, before the parent kills it */

static const struct grader_test *registry[MAX_TESTS];
static int nregistry;

void grader_register(const struct grader_test *t)
{
	if (nregistry == MAX_TESTS) {
		fprintf(stderr, "grader: more than %d tests\n", MAX_TESTS);
		exit(2);
	}
	/* Hidden tests live apart, so that student trees can leave them out. */
	if ((strstr(t->file, "hidden/") != NULL) != t->hidden) {
		fprintf(stderr, "grader: %s (%s): tests in grader/hidden/ must be "
			"hidden (.hidden = true), and only those\n", t->name, t->file);
		exit(2);
	}
	registry[nregistry++] = t;
}

/* ---- per-test randomness and notes (in the child) --------------------- */

static uint64_t rng_state;

/* splitmix64: a good 64-bit mixer, for seeding and generating. */
static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint64_t grader_rand(void) { return splitmix64(&rng_state); }

int64_t grader_rand_range(int64_t lo, int64_t hi)
{
	uint64_t span = (uint64_t)(hi - lo) + 1;
	return span == 0 ? (int64_t)grader_rand() : lo + (int64_t)(grader_rand() % span);
}

void grader_note(const char *fmt, ...)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/notes", vm_ctx.scratch);
	FILE *f = fopen(path, "a");
	if (!f)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fclose(f);
}

static uint64_t test_seed(uint64_t run_seed, const char *name)
{
	uint64_t h = run_seed;
	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
	return splitmix64(&h);
}

/* ---- small file helpers ------------------------------------------------ */

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* read_file: the file's contents (at most max bytes), or NULL. */
static char *read_file(const char *dir, const char *name, size_t max)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = malloc(max + 1);
	size_t n = fread(buf, 1, max, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* tail_lines: the last n lines of text (a pointer into it). */
static const char *tail_lines(const char *text, int n)
{
	const char *end = text + strlen(text);
	while (end > text && end[-1] == '\n')
		end--;
	const char *p = end;
	while (p > text && n > 0) {
		p--;
		if (*p == '\n' && --n == 0) {
			p++;
			break;
		}
	}
	return p;
}

static void remove_tree(const char *dir)
{
	pid_t pid = fork();
	if (pid == 0) {
		execlp("rm", "rm", "-rf", dir, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

/* ---- running one test (the child) -------------------------------------- */

/* run_child: run test t in this (child) process, then exit. */
static void __attribute__((noreturn)) run_child(const struct grader_test *t)
{
	Suite *s = suite_create(t->name);
	TCase *tc = tcase_create(t->name);
	tcase_add_test(tc, t->check);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_SILENT);
	vm_end_all();

	TestResult **res = srunner_results(sr);
	bool pass = srunner_ntests_run(sr) == 1 && tr_rtype(res[0]) == CK_PASS;
	write_file(vm_ctx.scratch, "reason",
		   pass ? "" : (srunner_ntests_run(sr) ? tr_msg(res[0]) : "did not run"));
	write_file(vm_ctx.scratch, "verdict", pass ? "PASS" : "FAIL");
	srunner_free(sr);
	_exit(0);
}

/* ---- the parent: a pool of children ------------------------------------ */

struct job {
	const struct grader_test *test;
	struct result *result;
	char scratch[512];
	pid_t pid;
	double start, kill_at;
	bool killed;
};

struct options {
	const char *iso, *kernel, *qemu_sh, *replay_dir, *output;
	const char *sandbox; /* labs/instructor/sandbox: QEMU runs in a box */
	const char *unit;    /* the host unit-test program (hostunit.h) */
	const char *make_vars; /* e.g. "STAGE=1", for the printed commands */
	const char *format;
	const char *snapshot_dir; /* NULL: "snapshots" beside the ISO */
	const char *snapshot_check; /* a state file to check, and stop */
	struct vm_config check_cfg; /* its configuration */
	bool full_boot;   /* no boot snapshots */
	bool stop_on_failure; /* start no test after the first failure */
	const char *covers_first; /* run the tests that cover this file first */
	int jobs, bench;
	unsigned labs; /* bit k: lab k selected; 0: every lab */
	bool list, public_only;
	const char *tests[64];
	int ntests;
	double time_scale;
	uint64_t seed;
};

static struct options opt;

static bool selected(const struct grader_test *t)
{
	if (t->lab == 0)
		return false; /* the grader's own benchmark test */
	if (opt.labs && !(opt.labs & (1u << t->lab)))
		return false;
	if (opt.public_only && t->hidden)
		return false;
	if (opt.ntests == 0)
		return true;
	for (int i = 0; i < opt.ntests; i++)
		if (fnmatch(opt.tests[i], t->name, 0) == 0)
			return true;
	return false;
}

static void start_job(struct job *j)
{
	const struct grader_test *t = j->test;
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(j->scratch, sizeof(j->scratch), "%s/erix-grade-%s.XXXXXX", tmp,
		 t->name);
	if (!mkdtemp(j->scratch)) {
		perror("grader: mkdtemp");
		exit(2);
	}
	/* A sandboxed QEMU runs as another uid: it must reach its machine's
	 * directory in here, without seeing what else is here. */
	if (opt.sandbox)
		chmod(j->scratch, 0711);
	double limit = t->limit * opt.time_scale;
	j->start = now();
	j->kill_at = j->start + limit + GRACE_SECONDS;
	fflush(NULL);
	j->pid = fork();
	if (j->pid < 0) {
		perror("grader: fork");
		exit(2);
	}
	if (j->pid == 0) {
		setpgid(0, 0);
		vm_ctx = (struct vm_context){
			.iso = opt.iso,
			.kernel = opt.kernel,
			.qemu_sh = opt.qemu_sh,
			.sandbox = opt.sandbox,
			.unit = opt.unit,
			.full_boot = opt.full_boot || t->full_boot,
			.scratch = j->scratch,
			.deadline = j->start + limit,
			.limit = limit,
		};
		rng_state = test_seed(opt.seed, t->name);
		run_child(t);
	}
	setpgid(j->pid, j->pid); /* (also done by the child: no race either way) */
}

/* finish_job: collect a finished (or killed) child's verdict. */
static void finish_job(struct job *j, int status)
{
	struct result *r = j->result;
	r->test = j->test;
	r->seconds = now() - j->start;
	kill(-j->pid, SIGKILL); /* whatever the test left behind */

	char *verdict = read_file(j->scratch, "verdict", 16);
	char *reason = read_file(j->scratch, "reason", sizeof(r->reason) - 1);
	r->passed = verdict && strcmp(verdict, "PASS") == 0 && !j->killed;
	if (j->killed)
		snprintf(r->reason, sizeof(r->reason),
			 "killed after %.0f s: over its time limit of %.0f s (a hung "
			 "kernel or a stuck debugger)",
			 r->seconds, j->test->limit * opt.time_scale);
	else if (!verdict)
		snprintf(r->reason, sizeof(r->reason), "the test process died (%s %d)",
			 WIFSIGNALED(status) ? "signal" : "status",
			 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	else
		snprintf(r->reason, sizeof(r->reason), "%s", reason ? reason : "");
	for (char *p = r->reason; *p; p++)
		if (*p == '\n')
			*p = ' ';

	/* The output: notes, the last serial lines, GDB's last commands. */
	char *notes = read_file(j->scratch, "notes", 8192);
	char *serial = read_file(j->scratch, "serial.txt", 1 << 20);
	char *gdblog = read_file(j->scratch, "gdb.log", 1 << 16);
	char *replay = read_file(j->scratch, "replay", 400);
	size_t len = 0;
	FILE *m = open_memstream(&r->output, &len);
	if (notes && notes[0])
		fprintf(m, "%s", notes);
	if (!r->passed) {
		if (serial && serial[0])
			fprintf(m, "last serial lines:\n%s\n", tail_lines(serial, 10));
		if (gdblog && gdblog[0])
			fprintf(m, "last GDB commands:\n%s\n", tail_lines(gdblog, 4));
		if (replay && replay[0]) {
			replay[strcspn(replay, "\n")] = '\0';
			snprintf(r->replay, sizeof(r->replay), "make qemu-gdb %s%sTEST=%s",
				 opt.make_vars ? opt.make_vars : "",
				 opt.make_vars ? " " : "", j->test->name);
			/* Inputs planted through GDB (PLANT=, lab 3) are planted
			 * again by make gdb TEST=name. */
			char gdb[300] = "make gdb";
			if (strstr(replay, "PLANT="))
				snprintf(gdb, sizeof(gdb), "make gdb %s%sTEST=%s",
					 opt.make_vars ? opt.make_vars : "",
					 opt.make_vars ? " " : "", j->test->name);
			fprintf(m, "replay: %s   (boots %s; then %s)\n", r->replay, replay,
				gdb);
		}
		fprintf(m, "rerun: make grade %s%sTEST=%s SEED=%llu\n",
			opt.make_vars ? opt.make_vars : "", opt.make_vars ? " " : "",
			j->test->name, (unsigned long long)opt.seed);
	}
	fclose(m);
	if (replay && opt.replay_dir) {
		char path[600];
		mkdir(opt.replay_dir, 0755);
		snprintf(path, sizeof(path), "%s/%s", opt.replay_dir, j->test->name);
		FILE *f = fopen(path, "w");
		if (f) {
			fputs(replay, f);
			fclose(f);
		}
	}
	free(verdict);
	free(reason);
	free(notes);
	free(serial);
	free(gdblog);
	free(replay);
	if (getenv("GRADER_KEEP"))
		fprintf(stderr, "grader: kept %s\n", j->scratch);
	else
		remove_tree(j->scratch);
}

/* not_run: the result of a test --stop-on-failure did not run, or
 * stopped. */
static void not_run(struct job *j)
{
	j->result->test = j->test;
	j->result->passed = false;
	snprintf(j->result->reason, sizeof(j->result->reason),
		 "not run: --stop-on-failure, and an earlier test failed");
	j->result->output = strdup("");
}

/* run_all: run the jobs, at most opt.jobs at once. With
 * opt.stop_on_failure, once one fails, kill the running ones and start no
 * more (the mutation test needs one failure, not the whole grade). */
static void run_all(struct job *jobs, int n)
{
	int next = 0, running = 0, done = 0;
	bool failed = false;
	while (done < n) {
		if (failed && opt.stop_on_failure) {
			for (int i = 0; i < next; i++) {
				if (jobs[i].pid > 0) {
					kill(-jobs[i].pid, SIGKILL);
					while (waitpid(jobs[i].pid, NULL, 0) < 0 && errno == EINTR)
						;
					char *scratch = jobs[i].scratch;
					if (!getenv("GRADER_KEEP"))
						remove_tree(scratch);
					jobs[i].pid = 0;
					not_run(&jobs[i]);
					done++;
				}
			}
			for (; next < n; next++, done++)
				not_run(&jobs[next]);
			break;
		}
		while (running < opt.jobs && next < n) {
			start_job(&jobs[next++]);
			running++;
		}
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG);
		if (pid > 0) {
			for (int i = 0; i < next; i++) {
				if (jobs[i].pid == pid) {
					finish_job(&jobs[i], status);
					jobs[i].pid = 0;
					running--;
					done++;
					failed |= !jobs[i].result->passed;
					fprintf(stderr, "  %-30s %s\n", jobs[i].test->name,
						jobs[i].result->passed ? "PASS" : "FAIL");
				}
			}
			continue;
		}
		double t = now();
		for (int i = 0; i < next; i++) {
			if (jobs[i].pid > 0 && !jobs[i].killed && t > jobs[i].kill_at) {
				jobs[i].killed = true;
				kill(-jobs[i].pid, SIGKILL);
			}
		}
		usleep(10000);
	}
}

/* ---- replaying the verdicts through Check -------------------------------- */

static struct result *summary_results;

START_TEST(verdict)
{
	const struct result *r = &summary_results[_i];
	ck_assert_msg(r->passed, "%s: %s", r->test->name, r->reason);
}
END_TEST

/* check_summary: one Check test case per test, asserting its verdict, so
 * that the run closes with Check's own summary line. */
static void check_summary(FILE *out, struct result *r, int n)
{
	summary_results = r;
	Suite *s = suite_create("grade");
	for (int i = 0; i < n; i++) {
		TCase *tc = tcase_create(r[i].test->name);
		tcase_add_loop_test(tc, verdict, i, i + 1);
		suite_add_tcase(s, tc);
	}
	SRunner *sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	fflush(NULL);
	int saved = dup(1);
	if (out == stderr)
		dup2(2, 1);
	srunner_run_all(sr, CK_NORMAL);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	srunner_free(sr);
}

/* The grader's own benchmark (lab 0: never selected by a grading run; make
 * bench runs it through --bench). */
GRADER_TEST(grader_bench_boot, .lab = 0, .points = 0, .limit = 60,
	    .title = "boot, stop at kmain, read a variable")
{
	struct vm *vm = vm_boot(&(struct vm_config){ 0 });
	vm_run_to(vm, "kmain");
	vm_eval(vm, "boot_stage");
	grader_note("first-stop %.3f", vm_bench_first_stop);
}

/* ---- the order of the tests ----------------------------------------------- */

/* Each test's time in the last run that ran it (registry order; 0:
 * unknown), from the replay directory's "durations" file. Starting the
 * longest tests first keeps a long one from running alone at the end. */
static double duration[MAX_TESTS];

static void load_durations(void)
{
	if (!opt.replay_dir)
		return;
	char *text = read_file(opt.replay_dir, "durations", 1 << 16);
	for (char *line = text; line && *line;) {
		char name[128];
		double secs;
		if (sscanf(line, "%127s %lf", name, &secs) == 2)
			for (int i = 0; i < nregistry; i++)
				if (strcmp(registry[i]->name, name) == 0)
					duration[i] = secs;
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	free(text);
}

static void save_durations(const struct result *r, int n)
{
	if (!opt.replay_dir)
		return;
	for (int k = 0; k < n; k++)
		for (int i = 0; i < nregistry; i++)
			if (registry[i] == r[k].test)
				duration[i] = r[k].seconds;
	mkdir(opt.replay_dir, 0755);
	char path[600];
	snprintf(path, sizeof(path), "%s/durations", opt.replay_dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	for (int i = 0; i < nregistry; i++)
		if (duration[i] > 0)
			fprintf(f, "%s %.2f\n", registry[i]->name, duration[i]);
	fclose(f);
}

/* longest_first: sort registry indexes by their last duration, longest
 * first (unknown ones first of all); equal ones keep their order. */
static void longest_first(int *idx, int n)
{
	for (int a = 1; a < n; a++) {
		int v = idx[a], b = a;
		double dv = duration[v] > 0 ? duration[v] : 1e9;
		while (b > 0 && (duration[idx[b - 1]] > 0 ? duration[idx[b - 1]] : 1e9) < dv) {
			idx[b] = idx[b - 1];
			b--;
		}
		idx[b] = v;
	}
}

/* ---- main ------------------------------------------------------------------ */

static int by_lab_then_name(const void *a, const void *b)
{
	const struct grader_test *x = *(const struct grader_test *const *)a;
	const struct grader_test *y = *(const struct grader_test *const *)b;
	if (x->lab != y->lab)
		return x->lab - y->lab;
	return strcmp(x->name, y->name);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: grader --iso ISO --kernel ELF [--lab N]... [--test NAME]... [--public]\n"
		"              [-j N] [--seed S] [--format table|gradescope|junit]\n"
		"              [--output FILE] [--time-scale X] [--list] [--bench N]\n"
		"              [--qemu-sh PATH] [--replay-dir DIR] [--make-vars \"STAGE=N\"]\n"
		"              [--sandbox PATH] [--unit PATH] [--snapshot-dir DIR] [--full-boot]\n"
		"              [--stop-on-failure] [--covers-first FILE]\n"
		"       grader --iso ISO --kernel ELF --snapshot-check STATE [--mem MIB]\n"
		"              [--args ARGS] [--cpu MODEL]\n");
	exit(2);
}

static void parse_options(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "iso", 1, 0, 'i' },	   { "kernel", 1, 0, 'k' },
		{ "qemu-sh", 1, 0, 'q' },   { "replay-dir", 1, 0, 'r' },
		{ "lab", 1, 0, 'l' },	   { "test", 1, 0, 't' },
		{ "public", 0, 0, 'p' },    { "jobs", 1, 0, 'j' },
		{ "seed", 1, 0, 's' },	   { "format", 1, 0, 'f' },
		{ "output", 1, 0, 'o' },    { "time-scale", 1, 0, 'T' },
		{ "list", 0, 0, 'L' },	   { "bench", 1, 0, 'B' },
		{ "make-vars", 1, 0, 'M' },	   { "sandbox", 1, 0, 'S' },
		{ "unit", 1, 0, 'U' },	   { "snapshot-dir", 1, 0, 'D' },
		{ "full-boot", 0, 0, 'F' }, { "snapshot-check", 1, 0, 'C' },
		{ "mem", 1, 0, 'm' },	   { "args", 1, 0, 'a' },
		{ "cpu", 1, 0, 'c' },	   { "stop-on-failure", 0, 0, 'X' },
		{ "covers-first", 1, 0, 'V' },
		{ 0, 0, 0, 0 },
	};
	opt.format = "table";
	opt.qemu_sh = "labs/tools/qemu.sh";
	/* One more than the CPUs: a test waits on GDB and QEMU in turn and
	 * leaves some CPU idle (-j 3 grades labs 1-3 about 5% faster on 2). */
	opt.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN) + 1;
	opt.time_scale = getenv("GRADER_TIME_SCALE") ? atof(getenv("GRADER_TIME_SCALE")) : 1.0;
	/* GRADER_FULL_BOOT=1: as --full-boot, for the scripts that run the
	 * grader (to compare the verdicts of both paths). */
	opt.full_boot = getenv("GRADER_FULL_BOOT") && strcmp(getenv("GRADER_FULL_BOOT"), "0");
	opt.seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	int c;
	while ((c = getopt_long(argc, argv, "j:", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': opt.iso = optarg; break;
		case 'k': opt.kernel = optarg; break;
		case 'q': opt.qemu_sh = optarg; break;
		case 'r': opt.replay_dir = optarg; break;
		case 'l':
			if (atoi(optarg) < 1 || atoi(optarg) > 9)
				usage();
			opt.labs |= 1u << atoi(optarg);
			break;
		case 't':
			if (opt.ntests < 64)
				opt.tests[opt.ntests++] = optarg;
			break;
		case 'p': opt.public_only = true; break;
		case 'j': opt.jobs = atoi(optarg); break;
		case 's': opt.seed = strtoull(optarg, NULL, 0); break;
		case 'f': opt.format = optarg; break;
		case 'o': opt.output = optarg; break;
		case 'T': opt.time_scale = atof(optarg); break;
		case 'L': opt.list = true; break;
		case 'B': opt.bench = atoi(optarg); break;
		case 'M': opt.make_vars = optarg[0] ? optarg : NULL; break;
		case 'S': opt.sandbox = optarg; break;
		case 'U': opt.unit = optarg; break;
		case 'D': opt.snapshot_dir = optarg; break;
		case 'F': opt.full_boot = true; break;
		case 'X': opt.stop_on_failure = true; break;
		case 'V': opt.covers_first = optarg; break;
		case 'C': opt.snapshot_check = optarg; break;
		case 'm': opt.check_cfg.mem_mib = atoi(optarg); break;
		case 'a': opt.check_cfg.args = optarg[0] ? optarg : NULL; break;
		case 'c': opt.check_cfg.cpu = optarg[0] ? optarg : NULL; break;
		default: usage();
		}
	}
	if (optind != argc || opt.jobs < 1 || opt.time_scale <= 0)
		usage();
	if (strcmp(opt.format, "table") && strcmp(opt.format, "gradescope") &&
	    strcmp(opt.format, "junit")) {
		fprintf(stderr, "grader: unknown format %s\n", opt.format);
		usage();
	}
	if (!opt.list && (!opt.iso || !opt.kernel))
		usage();
	if (!opt.list && (access(opt.iso, R_OK) || access(opt.kernel, R_OK))) {
		fprintf(stderr, "grader: cannot read %s or %s (build first: make)\n",
			opt.iso, opt.kernel);
		exit(2);
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* bench_runs: run the grader's benchmark test t n times, one at a time;
 * set first[] and whole[] (sorted) to the times from QEMU's start to the
 * first breakpoint and of the whole test. Returns the number of runs that
 * passed. */
static int bench_runs(const struct grader_test *t, int n, double *first, double *whole)
{
	int ok = 0;
	for (int i = 0; i < n; i++) {
		struct result r = { 0 };
		struct job j = { .test = t, .result = &r };
		start_job(&j);
		int status;
		while (waitpid(j.pid, &status, 0) < 0 && errno == EINTR)
			;
		char *b = read_file(j.scratch, "notes", 256);
		double v;
		if (b && sscanf(b, "first-stop %lf", &v) == 1) {
			first[ok] = v;
			whole[ok] = now() - j.start;
			ok++;
		}
		free(b);
		finish_job(&j, status);
		if (!r.passed)
			fprintf(stderr, "bench run %d failed: %s\n", i, r.reason);
		free(r.output);
	}
	qsort(first, (size_t)ok, sizeof(double), cmp_double);
	qsort(whole, (size_t)ok, sizeof(double), cmp_double);
	return ok;
}

/* bench: run the grader's own benchmark test n times booting in full and
 * n times from the boot snapshot (after one run that makes it), and print
 * the medians: QEMU's start to the first breakpoint, and the whole test. */
static int bench(int n)
{
	const struct grader_test *t = NULL;
	for (int i = 0; i < nregistry; i++)
		if (registry[i]->lab == 0)
			t = registry[i];
	if (!t)
		return 2;
	double *first = calloc((size_t)n, sizeof(double));
	double *whole = calloc((size_t)n, sizeof(double));
	opt.jobs = 1;
	static const char *const how[] = { "full boot", "from the boot snapshot" };
	for (int snapshot = 0; snapshot < 2; snapshot++) {
		opt.full_boot = !snapshot;
		if (snapshot)
			bench_runs(t, 1, first, whole); /* makes the snapshot */
		int ok = bench_runs(t, n, first, whole);
		if (ok == 0)
			return 1;
		printf("grader: %s: QEMU start to the first breakpoint (kmain): median "
		       "%.3f s, min %.3f s, max %.3f s (%d runs)\n",
		       how[snapshot], first[ok / 2], first[0], first[ok - 1], ok);
		printf("grader: %s: one simple test (start, break at kmain, read a "
		       "variable, tear down): median %.3f s (target: 0.2 s)\n",
		       how[snapshot], whole[ok / 2]);
	}
	free(first);
	free(whole);
	return 0;
}

int main(int argc, char **argv)
{
	parse_options(argc, argv);
	qsort(registry, (size_t)nregistry, sizeof(registry[0]), by_lab_then_name);
	signal(SIGPIPE, SIG_IGN);

	if (opt.list) {
		for (int i = 0; i < nregistry; i++) {
			const struct grader_test *t = registry[i];
			if (selected(t))
				printf("%-26s lab %d %3d pts %-6s %3d s  %-32s %-9s %s\n",
				       t->name, t->lab, t->points,
				       t->hidden ? "hidden" : "public", t->limit,
				       t->covers ? t->covers : "-",
				       t->full_boot ? "full-boot" : "-",
				       t->title ? t->title : "");
		}
		return 0;
	}

	char why[512];
	bool snapshots = snapshot_init(opt.iso, opt.kernel, opt.qemu_sh, opt.snapshot_dir,
				       why, sizeof(why));
	if (opt.snapshot_check)
		return snapshot_check(opt.snapshot_check, &opt.check_cfg) ? 0 : 1;
	if (!snapshots && !opt.full_boot)
		fprintf(stderr, "grader: no boot snapshots (%s): every machine boots in full\n",
			why);
	if (opt.bench)
		return bench(opt.bench);

	struct job *jobs = calloc(MAX_TESTS, sizeof(*jobs));
	struct result *results = calloc(MAX_TESTS, sizeof(*results));
	int n = 0;
	/* The tests in the registry's order (lab, then name); with
	 * --covers-first, those that cover that file first. The results keep
	 * the registry's order. */
	int order[MAX_TESTS], norder = 0;
	load_durations();
	for (int pass = opt.covers_first ? 0 : 1; pass < 2; pass++) {
		int from = norder;
		for (int i = 0; i < nregistry; i++) {
			const struct grader_test *t = registry[i];
			bool first = opt.covers_first && t->covers &&
				     strcmp(t->covers, opt.covers_first) == 0;
			if (selected(t) && (pass == 0) == first)
				order[norder++] = i;
		}
		longest_first(order + from, norder - from);
	}
	for (int i = 0; i < nregistry; i++)
		if (selected(registry[i]))
			results[n++].test = registry[i];
	for (int k = 0; k < norder; k++) {
		jobs[k].test = registry[order[k]];
		for (int r = 0; r < n; r++)
			if (results[r].test == jobs[k].test)
				jobs[k].result = &results[r];
	}
	if (n == 0) {
		fprintf(stderr, "grader: no test matches\n");
		return 2;
	}
	fprintf(stderr, "grader: %d tests, %d at a time, seed %llu, time scale %.2f\n",
		n, opt.jobs, (unsigned long long)opt.seed, opt.time_scale);
	double t0 = now();
	run_all(jobs, n);
	double seconds = now() - t0;
	save_durations(results, n);

	/* The table goes to stdout, unless a machine-readable report does. */
	bool report_to_stdout = strcmp(opt.format, "table") && !opt.output;
	FILE *table = report_to_stdout ? stderr : stdout;
	report_table(table, results, n, seconds);
	if (strcmp(opt.format, "table")) {
		FILE *f = opt.output ? fopen(opt.output, "w") : stdout;
		if (!f) {
			fprintf(stderr, "grader: cannot write %s: %s\n", opt.output,
				strerror(errno));
			return 2;
		}
		if (strcmp(opt.format, "gradescope") == 0)
			report_gradescope(f, results, n, seconds);
		else
			report_junit(f, results, n, seconds);
		if (f != stdout)
			fclose(f);
	}
	check_summary(table, results, n);

	int failed = 0;
	for (int i = 0; i < n; i++)
		failed += !results[i].passed;
	return failed ? 1 : 0;
}
