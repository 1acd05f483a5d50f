/*
 * test_libc_lua.c: the parts of EriX's C library that Lua 5.4 brought in
 * (make lua-test, labs/lua): locale.c (setlocale, localeconv), signal.c
 * (signal, raise), assert.c (__assert_fail), stdio.c's freopen,
 * fileops.c (remove, tmpnam, tmpfile) and system.c, against the host's C
 * library where C or POSIX gives both the same behaviour, else against
 * what user/libc/include's headers promise.
 *
 * The library is linked in with every name prefixed lc_ (grader/Makefrag);
 * the POSIX calls under it (open, close, unlink, rmdir, write, _Exit,
 * abort) are not its own and stay the host's. Its FILE is a void pointer
 * here, its struct lconv a copy of locale.h's.
 *
 *  - setlocale: every category with NULL, "C", "POSIX" and unknown names,
 *    and bad categories, as glibc answers; "" is "C" (EriX's only locale);
 *  - localeconv: every field, as glibc's in the C locale;
 *  - signal, raise: random sequences of handler/SIG_IGN installs and
 *    raises, with handlers that raise their own signal (held back until
 *    they return) or another one (nested), the log of handler runs and
 *    every result compared with glibc's real signals; the errors; the
 *    default action in a child process (exit status 128 + sig);
 *  - __assert_fail: the message and the abort, in a child process;
 *  - freopen: a stream moved between files and modes beside a glibc
 *    stream doing the same, the files compared; its failures;
 *  - tmpnam: distinct names of the promised form, none of an existing
 *    file (one made in its way is skipped); tmpfile: a working, already
 *    unlinked file; remove: files, empty and full directories, missing
 *    names, as glibc's remove; system: no command processor.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

Suite *libc_lua_suite(void);

/* ---- the library under test (user/libc, renamed) ---------------------- */

extern int lc_errno;

struct lc_lconv { /* user/libc/include/locale.h's struct lconv */
	char *decimal_point, *thousands_sep, *grouping, *mon_decimal_point, *mon_thousands_sep,
		*mon_grouping, *positive_sign, *negative_sign, *currency_symbol;
	char frac_digits, p_cs_precedes, n_cs_precedes, p_sep_by_space, n_sep_by_space,
		p_sign_posn, n_sign_posn;
	char *int_curr_symbol;
	char int_frac_digits, int_p_cs_precedes, int_n_cs_precedes, int_p_sep_by_space,
		int_n_sep_by_space, int_p_sign_posn, int_n_sign_posn;
};
extern char *lc_setlocale(int category, const char *locale);
extern struct lc_lconv *lc_localeconv(void);

typedef void (*handler_fn)(int);
extern handler_fn lc_signal(int sig, handler_fn handler);
extern int lc_raise(int sig);

extern _Noreturn void lc___assert_fail(const char *expr, const char *file, int line,
				       const char *func);

extern void *lc_fopen(const char *path, const char *mode);
extern void *lc_freopen(const char *path, const char *mode, void *f);
extern int lc_fclose(void *f);
extern int lc_fputs(const char *s, void *f);
extern char *lc_fgets(char *s, int n, void *f);
extern size_t lc_fread(void *p, size_t size, size_t n, void *f);
extern size_t lc_fwrite(const void *p, size_t size, size_t n, void *f);
extern int lc_fgetc(void *f);
extern int lc_feof(void *f);
extern long lc_ftell(void *f);
extern void lc_rewind(void *f);
extern int lc_fileno(void *f);
extern int lc_remove(const char *path);
extern char *lc_tmpnam(char *s);
extern void *lc_tmpfile(void);
extern int lc_system(const char *command);

#define LC_L_TMPNAM 20 /* stdio.h's L_tmpnam */
#define LC_NSIG 32     /* signal.h's NSIG */

/* ---- random inputs ------------------------------------------------------ */

#define ROUNDS 8

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint64_t rnd(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return rng;
}

/* seed: a different sequence for each round of a loop test. */
static void seed(int round)
{
	rng = 0x9e3779b97f4a7c15ull ^ ((uint64_t)(round + 1) * 0x2545f4914f6cdd1dull);
}

static size_t below(size_t n)
{
	return (size_t)(rnd() % n);
}

/* scratch_dir: a new empty directory under TMPDIR (or /tmp), in dir. */
static void scratch_dir(char dir[128])
{
	const char *t = getenv("TMPDIR");
	snprintf(dir, 128, "%s/libc-lua-XXXXXX", t && strlen(t) < 80 ? t : "/tmp");
	ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp %s: %s", dir, strerror(errno));
}

/* slurp: the contents of the file at path (at most n - 1 bytes, then a
 * NUL) into buf; "" if it cannot be read. */
static void slurp(const char *path, char *buf, size_t n)
{
	buf[0] = '\0';
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	ssize_t r = read(fd, buf, n - 1);
	buf[r > 0 ? r : 0] = '\0';
	close(fd);
}

/* ---- locale --------------------------------------------------------------- */

static const int categories[] = { LC_CTYPE,    LC_NUMERIC,  LC_TIME, LC_COLLATE,
				  LC_MONETARY, LC_MESSAGES, LC_ALL };

START_TEST(test_setlocale)
{
	static const char *const names[] = { NULL, "C", "POSIX", "xx_XX.bogus", "C.bogus", "de" };
	for (size_t c = 0; c < sizeof categories / sizeof categories[0]; c++) {
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			char *want = setlocale(categories[c], names[i]);
			char *got = lc_setlocale(categories[c], names[i]);
			EXPECT((want == NULL) == (got == NULL) && (!want || strcmp(want, got) == 0),
			       "setlocale(%d, \"%s\"): \"%s\", glibc \"%s\"", categories[c],
			       names[i] ? names[i] : "(null)", got ? got : "(null)",
			       want ? want : "(null)");
			setlocale(LC_ALL, "C");
		}
		/* The environment's locale is always the C locale here. */
		char *got = lc_setlocale(categories[c], "");
		EXPECT(got && strcmp(got, "C") == 0, "setlocale(%d, \"\"): \"%s\", want \"C\"",
		       categories[c], got ? got : "(null)");
		got = lc_setlocale(categories[c], NULL);
		EXPECT(got && strcmp(got, "C") == 0, "setlocale(%d, NULL) after \"\": \"%s\"",
		       categories[c], got ? got : "(null)");
	}
	static const int bad[] = { -1, 99, INT_MIN, INT_MAX };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		EXPECT(setlocale(bad[i], "C") == NULL && lc_setlocale(bad[i], "C") == NULL &&
			       lc_setlocale(bad[i], NULL) == NULL,
		       "setlocale(%d, ...): not NULL", bad[i]);
	}
}
END_TEST

START_TEST(test_localeconv)
{
	setlocale(LC_ALL, "C");
	const struct lconv *h = localeconv();
	const struct lc_lconv *l = lc_localeconv();
	ck_assert_ptr_eq(l, lc_localeconv());
#define SAME_STR(field) \
	EXPECT(strcmp(h->field, l->field) == 0, #field ": \"%s\", glibc \"%s\"", l->field, h->field)
#define SAME_CHAR(field) EXPECT(h->field == l->field, #field ": %d, glibc %d", l->field, h->field)
	SAME_STR(decimal_point);
	SAME_STR(thousands_sep);
	SAME_STR(grouping);
	SAME_STR(mon_decimal_point);
	SAME_STR(mon_thousands_sep);
	SAME_STR(mon_grouping);
	SAME_STR(positive_sign);
	SAME_STR(negative_sign);
	SAME_STR(currency_symbol);
	SAME_STR(int_curr_symbol);
	SAME_CHAR(frac_digits);
	SAME_CHAR(p_cs_precedes);
	SAME_CHAR(n_cs_precedes);
	SAME_CHAR(p_sep_by_space);
	SAME_CHAR(n_sep_by_space);
	SAME_CHAR(p_sign_posn);
	SAME_CHAR(n_sign_posn);
	SAME_CHAR(int_frac_digits);
	SAME_CHAR(int_p_cs_precedes);
	SAME_CHAR(int_n_cs_precedes);
	SAME_CHAR(int_p_sep_by_space);
	SAME_CHAR(int_n_sep_by_space);
	SAME_CHAR(int_p_sign_posn);
	SAME_CHAR(int_n_sign_posn);
#undef SAME_STR
#undef SAME_CHAR
}
END_TEST

/* ---- signal and raise ----------------------------------------------------- */

/* The signals the sequences use; each has a behaviour for its handler. */
static const int sigs[] = { SIGHUP, SIGINT, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM };
#define NSIGS (sizeof sigs / sizeof sigs[0])
enum behaviour { PLAIN, RAISE_SELF, RAISE_NEXT };
enum action { DFL, IGN, HANDLER };

/* One side of the comparison: the host's signals or the library's. */
struct side {
	int (*raise)(int);
	enum action act[NSIGS];   /* what is installed (the same on both sides) */
	int runs[NSIGS];          /* handler runs since the last top-level raise */
	int depth;                /* handlers running now */
	char log[512];            /* each run: "sig@depth " */
	size_t log_len;
};
static struct side host_side = { .raise = raise }, lc_side = { .raise = lc_raise };
static enum behaviour behave[NSIGS];

static int index_of(int sig)
{
	for (size_t i = 0; i < NSIGS; i++)
		if (sigs[i] == sig)
			return (int)i;
	return -1;
}

/* on_signal: both sides' handler body: logs the run, then behaves. */
static void on_signal(struct side *s, int sig)
{
	int i = index_of(sig);
	s->depth++;
	s->runs[i]++;
	if (s->log_len < sizeof s->log - 16)
		s->log_len += (size_t)snprintf(s->log + s->log_len, sizeof s->log - s->log_len,
					       "%d@%d ", sig, s->depth);
	if (behave[i] == RAISE_SELF && s->runs[i] == 1)
		s->raise(sig); /* held back: runs again once this returns */
	int next = (i + 1) % (int)NSIGS;
	if (behave[i] == RAISE_NEXT && s->depth < 3 && s->act[next] != DFL)
		s->raise(sigs[next]); /* runs at once, nested */
	s->depth--;
}
static void host_handler(int sig) { on_signal(&host_side, sig); }
static void lc_handler(int sig) { on_signal(&lc_side, sig); }

/* action_of: which action a signal() result is, for either side. */
static int action_of(handler_fn h, handler_fn mine)
{
	return h == SIG_DFL ? DFL : h == SIG_IGN ? IGN : h == mine ? HANDLER : -1;
}

START_TEST(test_signal_sequences)
{
	seed(_i);
	memset(host_side.act, 0, sizeof host_side.act);
	memset(lc_side.act, 0, sizeof lc_side.act);
	host_side.log_len = lc_side.log_len = 0;
	for (size_t i = 0; i < NSIGS; i++) {
		behave[i] = (enum behaviour)below(3);
		signal(sigs[i], SIG_DFL);
		lc_signal(sigs[i], SIG_DFL);
	}
	for (int op = 0; op < 300; op++) {
		size_t i = below(NSIGS);
		int sig = sigs[i];
		if (below(3) == 0 || host_side.act[i] == DFL) {
			enum action a = below(4) == 0 ? IGN : HANDLER;
			handler_fn hh = signal(sig, a == IGN ? SIG_IGN : host_handler);
			handler_fn lh = lc_signal(sig, a == IGN ? SIG_IGN : lc_handler);
			int want = action_of(hh, host_handler), got = action_of(lh, lc_handler);
			EXPECT(want == got && got == (int)lc_side.act[i],
			       "op %d: signal(%d, ...) returned action %d, glibc %d, installed %d", op,
			       sig, got, want, lc_side.act[i]);
			host_side.act[i] = lc_side.act[i] = a;
		} else {
			memset(host_side.runs, 0, sizeof host_side.runs);
			memset(lc_side.runs, 0, sizeof lc_side.runs);
			host_side.log_len = lc_side.log_len = 0;
			host_side.log[0] = lc_side.log[0] = '\0';
			int want = raise(sig), got = lc_raise(sig);
			EXPECT(want == got && strcmp(host_side.log, lc_side.log) == 0,
			       "op %d: raise(%d) returned %d and ran \"%s\"; glibc %d and \"%s\"", op,
			       sig, got, lc_side.log, want, host_side.log);
		}
	}
	for (size_t i = 0; i < NSIGS; i++) {
		signal(sigs[i], SIG_DFL);
		lc_signal(sigs[i], SIG_DFL);
	}
}
END_TEST

START_TEST(test_signal_errors)
{
	static const int bad[] = { 0, -1, SIGKILL, SIGSTOP, LC_NSIG, INT_MAX };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		lc_errno = 0;
		handler_fn r = lc_signal(bad[i], lc_handler);
		EXPECT(r == SIG_ERR && lc_errno == EINVAL, "signal(%d, handler): %p, errno %d",
		       bad[i], (void *)r, lc_errno);
		if (bad[i] != LC_NSIG) /* glibc has more signals: 32 is one */
			EXPECT(signal(bad[i], host_handler) == SIG_ERR, "glibc's signal(%d) worked",
			       bad[i]);
	}
	/* The null signal does nothing; a bad number is EINVAL, as glibc's. */
	EXPECT(lc_raise(0) == 0 && raise(0) == 0, "raise(0) is not 0");
	static const int bad_raise[] = { -1, INT_MIN };
	for (size_t i = 0; i < sizeof bad_raise / sizeof bad_raise[0]; i++) {
		lc_errno = 0;
		int r = lc_raise(bad_raise[i]);
		EXPECT(r == -1 && lc_errno == EINVAL && raise(bad_raise[i]) == -1,
		       "raise(%d): %d, errno %d", bad_raise[i], r, lc_errno);
	}
	lc_errno = 0;
	EXPECT(lc_raise(LC_NSIG) == -1 && lc_errno == EINVAL, "raise(NSIG) is not EINVAL");
	/* SIGCHLD's default action is to do nothing, on both. */
	EXPECT(lc_raise(SIGCHLD) == 0 && raise(SIGCHLD) == 0, "raise(SIGCHLD) did not return 0");
	/* A handler stays installed after it ran (glibc's signal()). */
	lc_side.act[index_of(SIGUSR1)] = HANDLER;
	behave[index_of(SIGUSR1)] = PLAIN;
	lc_signal(SIGUSR1, lc_handler);
	lc_side.log_len = 0;
	lc_raise(SIGUSR1);
	lc_raise(SIGUSR1);
	EXPECT(lc_side.log_len > 0 && lc_signal(SIGUSR1, SIG_DFL) == lc_handler,
	       "the handler was not kept");
}
END_TEST

/* in_child: runs fn(arg) in a child process with its stderr on a pipe;
 * returns its wait status, what it wrote to stderr in err. */
static int in_child(void (*fn)(int), int arg, char *err, size_t n)
{
	int p[2];
	ck_assert_int_eq(pipe(p), 0);
	fflush(NULL);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], 2);
		fn(arg);
		_exit(0);
	}
	close(p[1]);
	size_t len = 0;
	ssize_t r;
	while (len < n - 1 && (r = read(p[0], err + len, n - 1 - len)) > 0)
		len += (size_t)r;
	err[len] = '\0';
	close(p[0]);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return status;
}

static void raise_default(int sig)
{
	lc_signal(sig, SIG_DFL);
	lc_raise(sig);
}

static void raise_ignored(int sig)
{
	lc_signal(sig, SIG_IGN);
	if (lc_raise(sig) == 0)
		_exit(7);
}

START_TEST(test_raise_default)
{
	char err[64];
	static const int ends[] = { SIGHUP, SIGINT, SIGABRT, SIGUSR1, SIGTERM, SIGPIPE };
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		int st = in_child(raise_default, ends[i], err, sizeof err);
		EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 128 + ends[i],
		       "raise(%d) with SIG_DFL: wait status %#x, want exit status %d", ends[i], st,
		       128 + ends[i]);
	}
	int st = in_child(raise_default, SIGCHLD, err, sizeof err);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "raise(SIGCHLD) ended the process: %#x", st);
	st = in_child(raise_ignored, SIGTERM, err, sizeof err);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 7, "an ignored SIGTERM: wait status %#x", st);
}
END_TEST

/* ---- assert --------------------------------------------------------------- */

static void fail_assert(int line)
{
	lc___assert_fail("x == 1 && \"why\"", "dir/file.c", line, "some_function");
}

START_TEST(test_assert_fail)
{
	char err[256];
	int st = in_child(fail_assert, 1234, err, sizeof err);
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT, "__assert_fail did not abort: %#x", st);
	const char *want = "dir/file.c:1234: some_function: Assertion `x == 1 && \"why\"' failed.\n";
	EXPECT(strcmp(err, want) == 0, "__assert_fail wrote \"%s\", want \"%s\"", err, want);
}
END_TEST

/* ---- freopen -------------------------------------------------------------- */

START_TEST(test_freopen)
{
	char dir[128], a[2][160], b[2][160], text[256];
	scratch_dir(dir);
	for (int s = 0; s < 2; s++) {
		snprintf(a[s], sizeof a[s], "%s/%s-a", dir, s ? "lc" : "host");
		snprintf(b[s], sizeof b[s], "%s/%s-b", dir, s ? "lc" : "host");
	}

	FILE *h = fopen(a[0], "w");
	void *l = lc_fopen(a[1], "w");
	ck_assert(h && l);
	int lfd = lc_fileno(l);
	fputs("first", h), lc_fputs("first", l);
	/* Pending output goes to the old file; the stream is the same one. */
	ck_assert_ptr_eq(freopen(b[0], "w", h), h);
	ck_assert_ptr_eq(lc_freopen(b[1], "w", l), l);
	EXPECT(lc_fileno(l) == lfd, "reopened on fd %d, not the freed %d", lc_fileno(l), lfd);
	fputs("second\nline", h), lc_fputs("second\nline", l);
	for (int s = 0; s < 2; s++) {
		slurp(a[s], text, sizeof text);
		EXPECT(strcmp(text, "first") == 0, "%s: \"%s\" after freopen", a[s], text);
	}

	/* To reading: input starts at the start; EOF is cleared by the next. */
	ck_assert_ptr_eq(freopen(b[0], "r", h), h);
	ck_assert_ptr_eq(lc_freopen(b[1], "r", l), l);
	char hl[64], ll[64];
	EXPECT(fgets(hl, sizeof hl, h) && lc_fgets(ll, sizeof ll, l) && strcmp(hl, ll) == 0 &&
		       strcmp(ll, "second\n") == 0,
	       "reading back after freopen: \"%s\", glibc \"%s\"", ll, hl);
	while (fgetc(h) != EOF) {
	}
	while (lc_fgetc(l) != EOF) {
	}
	EXPECT(feof(h) && lc_feof(l), "no end of file");
	ck_assert_ptr_eq(freopen(a[0], "r", h), h);
	ck_assert_ptr_eq(lc_freopen(a[1], "r", l), l);
	EXPECT(!feof(h) && !lc_feof(l) && ftell(h) == 0 && lc_ftell(l) == 0,
	       "freopen kept the end-of-file indicator or the position");

	/* Appending with reading ("a+"): writes at the end. */
	ck_assert_ptr_eq(freopen(a[0], "a+", h), h);
	ck_assert_ptr_eq(lc_freopen(a[1], "a+", l), l);
	fputs("+more", h), lc_fputs("+more", l);
	rewind(h), lc_rewind(l);
	size_t hn = fread(hl, 1, sizeof hl - 1, h), ln = lc_fread(ll, 1, sizeof ll - 1, l);
	hl[hn] = ll[ln] = '\0';
	EXPECT(strcmp(hl, ll) == 0 && strcmp(ll, "first+more") == 0, "\"a+\": \"%s\", glibc \"%s\"",
	       ll, hl);

	/* Changing only the mode is not supported: the stream is left alone. */
	lc_errno = 0;
	EXPECT(lc_freopen(NULL, "r", l) == NULL && lc_errno == EINVAL, "freopen(NULL, ...) worked");
	lc_rewind(l);
	EXPECT(lc_fgetc(l) == 'f', "the stream did not survive freopen(NULL, ...)");
	lc_errno = 0;
	EXPECT(lc_freopen(a[1], "q", l) == NULL && lc_errno == EINVAL, "freopen with mode \"q\"");

	/* A file that cannot be opened: NULL, and the stream is closed (its
	 * slot free again: the next fopen may take it). (Not tried on glibc's,
	 * whose failed freopen leaves its FILE allocated.) */
	fclose(h);
	char missing[200];
	snprintf(missing, sizeof missing, "%s/no/such", dir);
	EXPECT(lc_freopen(missing, "r", l) == NULL, "freopen of a missing file did not fail");
	void *again = lc_fopen(a[1], "r");
	EXPECT(again == l, "the failed freopen's slot was not freed");
	if (again)
		lc_fclose(again);

	for (int s = 0; s < 2; s++)
		unlink(a[s]), unlink(b[s]);
	rmdir(dir);
}
END_TEST

/* ---- tmpnam, tmpfile, remove, system ---------------------------------- */

START_TEST(test_tmpnam)
{
	char names[50][LC_L_TMPNAM];
	for (int i = 0; i < 50; i++) {
		ck_assert_ptr_eq(lc_tmpnam(names[i]), names[i]);
		EXPECT(strncmp(names[i], "/tmp/tmp_", 9) == 0 && strlen(names[i]) == 14,
		       "tmpnam gave \"%s\"", names[i]);
		EXPECT(access(names[i], F_OK) < 0, "tmpnam gave the existing %s", names[i]);
		for (int j = 0; j < i; j++)
			EXPECT(strcmp(names[i], names[j]) != 0, "tmpnam gave %s twice", names[i]);
	}
	char *s1 = lc_tmpnam(NULL), *s2 = lc_tmpnam(NULL);
	EXPECT(s1 && s1 == s2, "tmpnam(NULL): not the one static buffer");

	/* The next name in the sequence, taken by a file, is skipped. */
	char last[LC_L_TMPNAM], next[LC_L_TMPNAM], got[LC_L_TMPNAM];
	lc_tmpnam(last);
	lc_tmpnam(next); /* the name after last: make it exist, go back */
	int fd = open(next, O_CREAT | O_EXCL | O_WRONLY, 0600);
	if (fd < 0)
		return; /* taken meanwhile by someone else: nothing to test */
	close(fd);
	lc_tmpnam(got);
	EXPECT(strcmp(got, next) != 0 && access(got, F_OK) < 0, "tmpnam gave %s, which exists",
	       got);
	unlink(next);
}
END_TEST

START_TEST(test_tmpfile)
{
	static char data[10000], back[10000];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (char)rnd();
	void *f[4];
	for (int i = 0; i < 4; i++) {
		f[i] = lc_tmpfile();
		ck_assert_msg(f[i] != NULL, "tmpfile %d failed", i);
		struct stat st;
		ck_assert_int_eq(fstat(lc_fileno(f[i]), &st), 0);
		EXPECT(st.st_nlink == 0 && S_ISREG(st.st_mode), "tmpfile's file is linked (%ld)",
		       (long)st.st_nlink);
		for (int j = 0; j < i; j++)
			EXPECT(lc_fileno(f[i]) != lc_fileno(f[j]), "two tmpfiles on one fd");
	}
	for (int i = 0; i < 4; i++) {
		EXPECT(lc_fwrite(data, 1, sizeof data, f[i]) == sizeof data, "tmpfile: short write");
		lc_rewind(f[i]);
		EXPECT(lc_fread(back, 1, sizeof back, f[i]) == sizeof back &&
			       memcmp(data, back, sizeof data) == 0,
		       "tmpfile: read back differs");
		EXPECT(lc_fclose(f[i]) == 0, "tmpfile: fclose failed");
	}
}
END_TEST

START_TEST(test_remove)
{
	char dir[128], path[2][200], sub[2][200], inner[2][260];
	scratch_dir(dir);
	for (int s = 0; s < 2; s++) {
		snprintf(path[s], sizeof path[s], "%s/%s-file", dir, s ? "lc" : "host");
		snprintf(sub[s], sizeof sub[s], "%s/%s-dir", dir, s ? "lc" : "host");
		snprintf(inner[s], sizeof inner[s], "%s/inner", sub[s]);
		close(open(path[s], O_CREAT | O_WRONLY, 0600));
		mkdir(sub[s], 0700);
		close(open(inner[s], O_CREAT | O_WRONLY, 0600));
	}
	/* Each step on the host's twin with glibc's remove, then on ours. */
	const char *steps[][2] = {
		{ path[0], path[1] },   /* a file */
		{ path[0], path[1] },   /* gone now */
		{ sub[0], sub[1] },     /* a directory with a file in it */
		{ inner[0], inner[1] }, /* that file */
		{ sub[0], sub[1] },     /* the directory, empty now */
		{ sub[0], sub[1] },     /* gone */
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		int want = remove(steps[i][0]), got = lc_remove(steps[i][1]);
		EXPECT(want == got, "step %zu: remove(%s) returned %d, glibc %d", i, steps[i][1], got,
		       want);
		EXPECT((access(steps[i][1], F_OK) < 0) == (access(steps[i][0], F_OK) < 0),
		       "step %zu: %s is there: %d, glibc's twin: %d", i, steps[i][1],
		       access(steps[i][1], F_OK) == 0, access(steps[i][0], F_OK) == 0);
	}
	rmdir(dir);
}
END_TEST

START_TEST(test_system)
{
	lc_errno = 0;
	EXPECT(lc_system(NULL) == 0, "system(NULL): a command processor?");
	EXPECT(lc_system("echo this must not run") == -1 && lc_errno == ENOSYS,
	       "system(command): not -1 with ENOSYS (errno %d)", lc_errno);
}
END_TEST

Suite *libc_lua_suite(void)
{
	Suite *s = suite_create("libc_lua");
	TCase *tc = tcase_create("locale");
	tcase_add_test(tc, test_setlocale);
	tcase_add_test(tc, test_localeconv);
	suite_add_tcase(s, tc);

	tc = tcase_create("signal");
	tcase_add_loop_test(tc, test_signal_sequences, 0, ROUNDS);
	tcase_add_test(tc, test_signal_errors);
	tcase_add_test(tc, test_raise_default);
	tcase_add_test(tc, test_assert_fail);
	suite_add_tcase(s, tc);

	tc = tcase_create("stdio");
	tcase_add_test(tc, test_freopen);
	tcase_add_test(tc, test_tmpnam);
	tcase_add_test(tc, test_tmpfile);
	tcase_add_test(tc, test_remove);
	tcase_add_test(tc, test_system);
	suite_add_tcase(s, tc);
	return s;
}
