/*
 * test_stdio.c: user/libc/stdio.c (FILE streams) and scanf.c (sscanf)
 * against the host's C library.
 *
 * The libc is built for the host with its functions renamed lc_NAME
 * (grader/Makefrag); the POSIX calls under its streams (read, write,
 * lseek, open, close) are not its own, so they stay unrenamed and are the
 * host's: lc_fopen opens real files. Its FILE type cannot be named here
 * beside the host's, so its streams are void pointers.
 *
 * Streams: two temporary files get the same contents; the host's stdio
 * opens one and ours the other, with the same mode and buffering, and both
 * then go through the same random sequence of writes, reads, seeks,
 * ungetc, fgets, ftell and feof (at a fixed seed, so a failure
 * reproduces). Every result must agree, and so must the files, byte for
 * byte, once both are closed. The sequences keep to what C defines: a
 * seek between writing and reading, one ungetc after a read.
 *
 * sscanf: random formats over random inputs, into the same buffers; the
 * results and every byte of the buffers must agree.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

extern void *lc_fopen(const char *path, const char *mode);
extern void *lc_fdopen(int fd, const char *mode);
extern int lc_fclose(void *f);
extern int lc_fflush(void *f);
extern int lc_setvbuf(void *f, char *buf, int mode, size_t size);
extern size_t lc_fread(void *p, size_t size, size_t n, void *f);
extern size_t lc_fwrite(const void *p, size_t size, size_t n, void *f);
extern int lc_fgetc(void *f);
extern int lc_ungetc(int c, void *f);
extern char *lc_fgets(char *s, int n, void *f);
extern int lc_fputc(int c, void *f);
extern int lc_fputs(const char *s, void *f);
extern int lc_fprintf(void *f, const char *fmt, ...);
extern int lc_printf(const char *fmt, ...);
extern int lc_puts(const char *s);
extern int lc_fseek(void *f, long offset, int whence);
extern long lc_ftell(void *f);
extern void lc_rewind(void *f);
extern int lc_feof(void *f);
extern int lc_ferror(void *f);
extern void lc_clearerr(void *f);
extern int lc_fileno(void *f);
extern void lc_perror(const char *s);
extern int lc_sscanf(const char *s, const char *fmt, ...);
extern int lc_fscanf(void *f, const char *fmt, ...);
extern void *lc_stdout;
extern void *lc_stderr;
extern int lc_errno;

Suite *stdio_suite(void);

/* ---- random numbers: xorshift64*, one fixed seed per test ---------------- */

static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static unsigned rng_below(unsigned n)
{
	return (unsigned)(rng() % n);
}

/* ---- temporary files -------------------------------------------------------- */

/* temp_file: a new empty file's name, in path (at least 64 bytes). */
static void temp_file(char *path)
{
	const char *dir = getenv("TMPDIR");

	snprintf(path, 64, "%s/stdio-XXXXXX", dir && strlen(dir) < 40 ? dir : "/tmp");
	int fd = mkstemp(path);
	ck_assert_msg(fd >= 0, "mkstemp %s: %s", path, strerror(errno));
	close(fd);
}

static void put_file(const char *path, const unsigned char *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	ck_assert(f != NULL);
	ck_assert(fwrite(p, 1, n, f) == n);
	fclose(f);
}

/* get_file: the contents of path into p (cap bytes); returns their size. */
static size_t get_file(const char *path, unsigned char *p, size_t cap)
{
	FILE *f = fopen(path, "rb");
	ck_assert(f != NULL);
	size_t n = fread(p, 1, cap, f);
	fclose(f);
	return n;
}

/* ---- one random sequence on two streams ------------------------------------- */

#define MAX_IO 10000 /* the largest single read or write: over two buffers */
#define FILE_CAP (1 << 20)

static const char *const modes[] = { "r", "w", "a", "r+", "w+", "a+b" };
#define N_MODES (sizeof(modes) / sizeof(modes[0]))

/* Buffering: default, line, none, full in a 13-byte buffer of the caller.
 * The host's _IO*BF values are the same as ours (C leaves them free;
 * both are glibc's). */
#define N_BUFFERINGS 4

static void set_buffering(FILE *h, void *l, int which, char *hbuf, char *lbuf)
{
	switch (which) {
	case 1:
		ck_assert(setvbuf(h, NULL, _IOLBF, BUFSIZ) == 0);
		ck_assert(lc_setvbuf(l, NULL, _IOLBF, BUFSIZ) == 0);
		break;
	case 2:
		ck_assert(setvbuf(h, NULL, _IONBF, 0) == 0);
		ck_assert(lc_setvbuf(l, NULL, _IONBF, 0) == 0);
		break;
	case 3:
		ck_assert(setvbuf(h, hbuf, _IOFBF, 13) == 0);
		ck_assert(lc_setvbuf(l, lbuf, _IOFBF, 13) == 0);
		break;
	}
}

/* random_bytes: n bytes, one in eight a newline. */
static void random_bytes(unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = rng_below(8) == 0 ? '\n' : (unsigned char)rng();
}

/* random_size: mostly small, sometimes over a buffer or two. */
static size_t random_size(void)
{
	switch (rng_below(4)) {
	case 0: return rng_below(4);
	case 1: return rng_below(100);
	case 2: return rng_below(5000);
	default: return rng_below(MAX_IO);
	}
}

enum dir { NONE, READ, WRITE };

/*
 * run_sequence: opens hpath (host) and lpath (ours) with mode and
 * buffering, does ops random operations on both, comparing every result,
 * and closes them. seq names the sequence in failure messages.
 */
static void run_sequence(const char *hpath, const char *lpath, const char *mode,
			 int buffering, int ops, int seq)
{
	static unsigned char data[MAX_IO], hgot[MAX_IO], lgot[MAX_IO];
	static char hbuf[13], lbuf[13];
	int can_read = mode[0] == 'r' || strchr(mode, '+');
	int can_write = mode[0] != 'r' || strchr(mode, '+');
	enum dir dir = NONE;
	int may_unget = 0;

	FILE *h = fopen(hpath, mode);
	void *l = lc_fopen(lpath, mode);
	ck_assert_msg(h != NULL && l != NULL, "fopen %s", mode);
	set_buffering(h, l, buffering, hbuf, lbuf);

	for (int op = 0; op < ops; op++) {
		unsigned kind = rng_below(12);
		int is_write = kind <= 3, is_read = kind >= 4 && kind <= 7;
		if ((is_write && !can_write) || (is_read && !can_read))
			continue;
		/* C 7.21.5.3: a seek between output and input. */
		if ((is_write && dir == READ) || (is_read && dir == WRITE)) {
			EXPECT(fseek(h, 0, SEEK_CUR) == lc_fseek(l, 0, SEEK_CUR),
			       "seq %d op %d: fseek(0, SEEK_CUR)", seq, op);
			dir = NONE;
		}
		if (is_write)
			dir = WRITE, may_unget = 0;
		if (is_read)
			dir = READ;

		switch (kind) {
		case 0: { /* fwrite */
			size_t n = random_size();
			random_bytes(data, n);
			EXPECT(fwrite(data, 1, n, h) == lc_fwrite(data, 1, n, l),
			       "seq %d op %d: fwrite %zu", seq, op, n);
			break;
		}
		case 1: { /* fputc */
			int c = (int)rng_below(256);
			EXPECT(fputc(c, h) == lc_fputc(c, l), "seq %d op %d: fputc", seq, op);
			break;
		}
		case 2: { /* fputs */
			size_t n = rng_below(300);
			random_bytes(data, n);
			for (size_t i = 0; i < n; i++)
				data[i] = data[i] ? data[i] : 'z';
			data[n] = '\0';
			EXPECT((fputs((char *)data, h) >= 0) == (lc_fputs((char *)data, l) >= 0),
			       "seq %d op %d: fputs", seq, op);
			break;
		}
		case 3: { /* fprintf */
			int v = (int)rng();
			EXPECT(fprintf(h, "%d|%x|%s\n", v, v, "text") ==
				       lc_fprintf(l, "%d|%x|%s\n", v, v, "text"),
			       "seq %d op %d: fprintf", seq, op);
			break;
		}
		case 4: { /* fread */
			size_t n = random_size(), size = 1 + rng_below(3);
			size_t hn = fread(hgot, size, n / size, h);
			size_t ln = lc_fread(lgot, size, n / size, l);
			EXPECT(hn == ln, "seq %d op %d: fread %zu x %zu: %zu, ours %zu", seq, op,
			       n / size, size, hn, ln);
			EXPECT(memcmp(hgot, lgot, hn * size) == 0, "seq %d op %d: fread bytes", seq,
			       op);
			may_unget = 0;
			break;
		}
		case 5: { /* fgetc */
			int hc = fgetc(h), lc = lc_fgetc(l);
			EXPECT(hc == lc, "seq %d op %d: fgetc %d, ours %d", seq, op, hc, lc);
			may_unget = hc != EOF;
			break;
		}
		case 6: { /* ungetc, once after a byte read */
			if (!may_unget)
				break;
			int c = (int)rng_below(256);
			EXPECT(ungetc(c, h) == lc_ungetc(c, l), "seq %d op %d: ungetc", seq, op);
			may_unget = 0;
			break;
		}
		case 7: { /* fgets, short and long */
			int n = rng_below(2) ? 1 + (int)rng_below(20) : 1 + (int)rng_below(MAX_IO);
			char *hr = fgets((char *)hgot, n, h);
			char *lr = lc_fgets((char *)lgot, n, l);
			EXPECT((hr == NULL) == (lr == NULL), "seq %d op %d: fgets %d", seq, op, n);
			if (hr)
				EXPECT(memcmp(hgot, lgot, strlen((char *)hgot) + 1) == 0,
				       "seq %d op %d: fgets %d text", seq, op, n);
			may_unget = 0;
			break;
		}
		case 8: { /* fseek */
			int whence = (int)rng_below(3);
			long off = (long)rng_below(3 * BUFSIZ) - (whence == SEEK_SET ? 0 : BUFSIZ);
			int hr = fseek(h, off, whence), lr = lc_fseek(l, off, whence);
			EXPECT(hr == lr, "seq %d op %d: fseek %ld %d: %d, ours %d", seq, op, off,
			       whence, hr, lr);
			dir = NONE, may_unget = 0;
			break;
		}
		case 9: { /* ftell */
			long hp = ftell(h), lp = lc_ftell(l);
			EXPECT(hp == lp, "seq %d op %d: ftell %ld, ours %ld", seq, op, hp, lp);
			break;
		}
		case 10: /* feof, ferror */
			EXPECT(!feof(h) == !lc_feof(l), "seq %d op %d: feof", seq, op);
			EXPECT(!ferror(h) == !lc_ferror(l), "seq %d op %d: ferror", seq, op);
			break;
		default:
			if (rng_below(2)) {
				rewind(h), lc_rewind(l);
				dir = NONE, may_unget = 0;
			} else if (dir == WRITE) {
				EXPECT(fflush(h) == lc_fflush(l), "seq %d op %d: fflush", seq, op);
			}
			break;
		}
	}
	EXPECT(fclose(h) == lc_fclose(l), "seq %d: fclose", seq);
}

/* test_streams: one row per (mode, buffering); a few sequences each, from
 * random initial contents, then the files compared. */
START_TEST(test_streams)
{
	static unsigned char init[3 * BUFSIZ], hfile[FILE_CAP], lfile[FILE_CAP];
	const char *mode = modes[_i / N_BUFFERINGS];
	int buffering = _i % N_BUFFERINGS;
	char hpath[64], lpath[64];

	rng_state = 0x5eed0000u + (uint64_t)_i;
	temp_file(hpath);
	temp_file(lpath);
	for (int seq = 0; seq < 12; seq++) {
		size_t n = rng_below(sizeof(init));
		random_bytes(init, n);
		put_file(hpath, init, n);
		put_file(lpath, init, n);
		run_sequence(hpath, lpath, mode, buffering, 300, seq);
		size_t hn = get_file(hpath, hfile, FILE_CAP), ln = get_file(lpath, lfile, FILE_CAP);
		EXPECT(hn == ln, "mode %s buffering %d seq %d: file size %zu, ours %zu", mode,
		       buffering, seq, hn, ln);
		for (size_t i = 0; i < hn; i++)
			EXPECT(hfile[i] == lfile[i], "mode %s buffering %d seq %d: byte %zu", mode,
			       buffering, seq, i);
	}
	unlink(hpath);
	unlink(lpath);
}
END_TEST

/* ---- the modes' meanings, fixed cases ---------------------------------------- */

static void expect_file(const char *path, const char *want)
{
	static unsigned char got[256];
	size_t n = get_file(path, got, sizeof(got));

	ck_assert_msg(n == strlen(want) && memcmp(got, want, n) == 0, "file is \"%.*s\", want \"%s\"",
		      (int)n, got, want);
}

START_TEST(test_modes)
{
	char path[64];
	char line[32];
	void *f;

	temp_file(path);
	put_file(path, (const unsigned char *)"hello\nworld\n", 12);

	/* w truncates. */
	f = lc_fopen(path, "w");
	ck_assert(f != NULL);
	ck_assert(lc_fclose(f) == 0);
	expect_file(path, "");

	/* a appends, even after a seek to the start. */
	put_file(path, (const unsigned char *)"abc", 3);
	f = lc_fopen(path, "a");
	ck_assert(lc_fputs("de", f) == 0);
	ck_assert(lc_fseek(f, 0, SEEK_SET) == 0);
	ck_assert(lc_fputs("f", f) == 0);
	ck_assert(lc_ftell(f) == 6);
	ck_assert(lc_fclose(f) == 0);
	expect_file(path, "abcdef");

	/* a+ reads from anywhere, writes at the end. */
	f = lc_fopen(path, "a+");
	ck_assert(lc_fseek(f, 1, SEEK_SET) == 0);
	ck_assert_int_eq(lc_fgetc(f), 'b');
	ck_assert(lc_fseek(f, 0, SEEK_CUR) == 0);
	ck_assert(lc_fputc('g', f) == 'g');
	ck_assert(lc_fclose(f) == 0);
	expect_file(path, "abcdefg");

	/* r+ reads and writes in place. */
	f = lc_fopen(path, "r+");
	ck_assert(lc_fgets(line, sizeof(line), f) == line);
	ck_assert_str_eq(line, "abcdefg");
	ck_assert(lc_feof(f));
	ck_assert(lc_fseek(f, 2, SEEK_SET) == 0);
	ck_assert(lc_fwrite("XY", 1, 2, f) == 2);
	ck_assert(lc_fseek(f, -1, SEEK_END) == 0);
	ck_assert_int_eq(lc_fgetc(f), 'g');
	ck_assert_int_eq(lc_fgetc(f), EOF);
	ck_assert(lc_feof(f) && !lc_ferror(f));
	lc_clearerr(f);
	ck_assert(!lc_feof(f));
	ck_assert(lc_fclose(f) == 0);
	expect_file(path, "abXYefg");

	/* r cannot write; a missing file cannot be read. */
	f = lc_fopen(path, "r");
	ck_assert(lc_fputc('x', f) == EOF && lc_ferror(f));
	ck_assert(lc_fclose(f) == 0);
	expect_file(path, "abXYefg");
	unlink(path);
	ck_assert(lc_fopen(path, "r") == NULL);
	ck_assert(lc_fopen(path, "q") == NULL);

	/* ungetc: read again, at the position before. */
	put_file(path, (const unsigned char *)"12", 2);
	f = lc_fopen(path, "r");
	ck_assert_int_eq(lc_fgetc(f), '1');
	ck_assert_int_eq(lc_ungetc('9', f), '9');
	ck_assert_int_eq(lc_ftell(f), 0);
	ck_assert_int_eq(lc_fgetc(f), '9');
	ck_assert_int_eq(lc_fgetc(f), '2');
	ck_assert_int_eq(lc_fgetc(f), EOF);
	ck_assert_int_eq(lc_ungetc('3', f), '3');
	ck_assert(!lc_feof(f));
	ck_assert_int_eq(lc_fgetc(f), '3');
	ck_assert(lc_fclose(f) == 0);

	/* fdopen over an fd of ours. */
	FILE *hf = fopen(path, "r");
	f = lc_fdopen(dup(fileno(hf)), "r");
	fclose(hf);
	ck_assert(f != NULL);
	ck_assert_int_eq(lc_fgetc(f), '1');
	ck_assert(lc_fclose(f) == 0);
	unlink(path);
}
END_TEST

/* with_fd_to_file: runs fn with fd (1 or 2) sent to a temporary file, and
 * returns the file's contents in out. */
static void with_fd_to_file(int fd, void (*fn)(void), char *out, size_t cap)
{
	char path[64];

	temp_file(path);
	FILE *f = fopen(path, "w");
	int saved = dup(fd);
	fflush(stdout);
	fflush(stderr);
	dup2(fileno(f), fd);
	fn();
	dup2(saved, fd);
	close(saved);
	fclose(f);
	size_t n = get_file(path, (unsigned char *)out, cap - 1);
	out[n] = '\0';
	unlink(path);
}

static char stdout_seen[64];

static void write_stdout(void)
{
	char path[64];

	/* Line buffered: each line goes at its newline, the rest waits. */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", lc_fileno(lc_stdout));
	ck_assert(lc_printf("n=%d\n", 42) == 5);
	ck_assert(lc_fputs("tail", lc_stdout) == 0);
	size_t n = get_file(path, (unsigned char *)stdout_seen, sizeof(stdout_seen) - 1);
	stdout_seen[n] = '\0';
	ck_assert(lc_fflush(lc_stdout) == 0);
	ck_assert(lc_puts("!") == 0);
}

static void write_stderr(void)
{
	lc_errno = ENOENT;
	lc_perror("open x");
	lc_errno = EBADF;
	lc_perror(NULL);
}

START_TEST(test_std_streams)
{
	char got[128];

	with_fd_to_file(1, write_stdout, got, sizeof(got));
	ck_assert_str_eq(stdout_seen, "n=42\n");
	ck_assert_str_eq(got, "n=42\ntail!\n");
	with_fd_to_file(2, write_stderr, got, sizeof(got));
	ck_assert_str_eq(got, "open x: No such file or directory\nBad file descriptor\n");
}
END_TEST

/* ---- sscanf ---------------------------------------------------------------- */

/* The conversions a random format draws from (no l with s, c or [: those
 * would be wide). */
static const char *const scan_convs[] = {
	"d", "i", "u", "x", "X", "o", "s", "c", "[a-f0-9]", "[^ ,]", "[]x-]", "n", "%",
};
static const char *const scan_lengths[] = { "", "", "hh", "h", "l", "ll", "j", "z", "t" };
static const char *const scan_between[] = { "", " ", ",", "x", " ,", "-" };

static void random_scan_input(char *s, size_t cap)
{
	static const char alphabet[] = "0123456789012345678abcdefxX+- ,]\t";
	size_t n = rng_below((unsigned)cap);

	for (size_t i = 0; i < n; i++)
		s[i] = alphabet[rng_below(sizeof(alphabet) - 1)];
	s[n] = '\0';
}

static void random_scan_format(char *fmt, size_t cap)
{
	size_t len = 0;
	unsigned k = 1 + rng_below(4);

	fmt[0] = '\0';
	for (unsigned i = 0; i < k; i++) {
		const char *conv = scan_convs[rng_below(sizeof(scan_convs) / sizeof(scan_convs[0]))];
		int textual = conv[0] == 's' || conv[0] == 'c' || conv[0] == '[';
		const char *lenmod = textual || conv[0] == '%' ? "" :
			scan_lengths[rng_below(sizeof(scan_lengths) / sizeof(scan_lengths[0]))];
		char width[8] = "";
		if (conv[0] != 'n' && conv[0] != '%' && rng_below(2))
			snprintf(width, sizeof(width), "%u", 1 + rng_below(12));
		const char *star = conv[0] != 'n' && conv[0] != '%' && rng_below(5) == 0 ? "*" : "";
		len += (size_t)snprintf(fmt + len, cap - len, "%s%%%s%s%s%s",
					scan_between[rng_below(sizeof(scan_between) / sizeof(scan_between[0]))],
					star, width, lenmod, conv);
	}
}

START_TEST(test_sscanf_random)
{
	char input[48], fmt[128];
	static unsigned char hout[4][64], lout[4][64];

	rng_state = 0x5ca4f00dULL;
	for (int iter = 0; iter < 200000; iter++) {
		random_scan_input(input, sizeof(input));
		random_scan_format(fmt, sizeof(fmt));
		memset(hout, 0xa5, sizeof(hout));
		memset(lout, 0xa5, sizeof(lout));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		int hr = sscanf(input, fmt, hout[0], hout[1], hout[2], hout[3]);
#pragma GCC diagnostic pop
		int lr = lc_sscanf(input, fmt, lout[0], lout[1], lout[2], lout[3]);
		EXPECT(hr == lr, "sscanf(\"%s\", \"%s\"): %d, ours %d", input, fmt, hr, lr);
		for (int a = 0; a < 4; a++)
			EXPECT(memcmp(hout[a], lout[a], 64) == 0,
			       "sscanf(\"%s\", \"%s\"): argument %d differs", input, fmt, a);
	}
}
END_TEST

/* Fixed cases: the return values at the edges (C11 7.21.6.2p16). */
static const struct {
	const char *input, *fmt;
} scan_cases[] = {
	{ "", "%d" },       { "  ", "%d" },     { "a", "a%d" },    { "a", "a%n" },
	{ "1 ", "%d %d" },  { "-", "%d" },      { "0x", "%x" },    { "0xg", "%i%n" },
	{ "x", "%[^x]" },   { "ab", "%5c" },    { "%", "%%" },     { " %", "%%" },
	{ "", "%%" },       { "1", "%*d%d" },   { "12", "%1d%n" }, { "99999999999999999999", "%d" },
	{ "-1", "%u" },     { "-99999999999999999999", "%lld" }, { "077", "%i" }, { "0X1F", "%i" },
};

START_TEST(test_sscanf_table)
{
	static unsigned char hout[3][64], lout[3][64];
	const char *input = scan_cases[_i].input, *fmt = scan_cases[_i].fmt;

	memset(hout, 0, sizeof(hout));
	memset(lout, 0, sizeof(lout));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	int hr = sscanf(input, fmt, hout[0], hout[1], hout[2]);
#pragma GCC diagnostic pop
	int lr = lc_sscanf(input, fmt, lout[0], lout[1], lout[2]);
	ck_assert_msg(hr == lr, "sscanf(\"%s\", \"%s\"): %d, ours %d", input, fmt, hr, lr);
	ck_assert_msg(memcmp(hout, lout, sizeof(hout)) == 0, "sscanf(\"%s\", \"%s\"): values differ",
		      input, fmt);
}
END_TEST

/* fscanf and the float conversions against the host's: the same file
 * read by both, a value of each kind per line, random values; then the
 * rest of the stream, which must go on exactly where the host's does
 * (the one character looked at is given back). */
START_TEST(test_fscanf)
{
	char path[64];
	rng_state = 0x5ca9f00dull + (uint64_t)_i;
	temp_file(path);
	char text[4096];
	size_t n = 0;
	for (int line = 0; line < 40; line++) {
		double d = (double)(int64_t)(rng() % 2000001 - 1000000) / (double)(1 + rng_below(1000));
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%ld %.*g %c%s word%u\n",
				      (long)(rng() % 100000) - 50000, 1 + (int)rng_below(15), d,
				      rng_below(2) ? 'e' : 'x', rng_below(2) ? "+3" : "", rng_below(100));
	}
	n += (size_t)snprintf(text + n, sizeof(text) - n, "1.5e 2.x tail");
	put_file(path, (const unsigned char *)text, n);
	FILE *h = fopen(path, "r");
	void *l = lc_fopen(path, "r");
	ck_assert(h != NULL && l != NULL);
	for (int k = 0; k < 45; k++) {
		long hi = 0, li = 0;
		double hd = 0, ld = 0;
		char hs[64] = "", ls[64] = "", hw[64] = "", lw[64] = "";
		int hr = fscanf(h, "%ld %lf %63s %63s", &hi, &hd, hs, hw);
		int lr = lc_fscanf(l, "%ld %lf %63s %63s", &li, &ld, ls, lw);
		ck_assert_msg(hr == lr && hi == li && memcmp(&hd, &ld, sizeof(hd)) == 0 &&
				      strcmp(hs, ls) == 0 && strcmp(hw, lw) == 0,
			      "item %d: lc_fscanf gave %d: %ld %.17g \"%s\" \"%s\"; the host's %d: %ld "
			      "%.17g \"%s\" \"%s\"", k, lr, li, ld, ls, lw, hr, hi, hd, hs, hw);
		if (hr < 4)
			break;
	}
	fclose(h);
	lc_fclose(l);
	unlink(path);
}
END_TEST

Suite *stdio_suite(void)
{
	Suite *s = suite_create("stdio");
	TCase *tc = tcase_create("lc_ streams vs the host's");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_streams, 0, (int)(N_MODES * N_BUFFERINGS));
	tcase_add_test(tc, test_modes);
	tcase_add_test(tc, test_std_streams);
	suite_add_tcase(s, tc);

	tc = tcase_create("lc_sscanf vs sscanf");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_sscanf_table, 0, sizeof(scan_cases) / sizeof(scan_cases[0]));
	tcase_add_test(tc, test_sscanf_random);
	tcase_add_loop_test(tc, test_fscanf, 0, 4);
	suite_add_tcase(s, tc);
	return s;
}
