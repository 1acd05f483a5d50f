/*
 * stdio.c: buffered FILE streams (C11 7.21.2-7.21.10) over the POSIX calls
 * read, write, lseek, open and close.
 *
 * A stream is a slot of a fixed table (FOPEN_MAX of them, stdin, stdout
 * and stderr the first three), each with its own static buffer, so that
 * nothing here needs malloc. At any moment a stream is doing one of three
 * things, and its buffer means what that says:
 *
 *   IDLE     the buffer is empty; the fd's offset is the stream's position.
 *   READING  buf[pos..len) holds bytes read from the fd but not yet
 *            delivered (and ungot[] bytes pushed back by ungetc before
 *            them); the stream's position is the fd's offset minus both.
 *   WRITING  buf[0..len) holds bytes not yet written to the fd; the
 *            stream's position is the fd's offset plus len.
 *
 * Switching from one to the other goes through IDLE: writing out pending
 * bytes (flush), or seeking the fd back over the bytes read ahead (drop).
 * C asks programs to fflush or fseek between writing and reading; we do the
 * same ourselves when they do not.
 *
 * An unbuffered stream (_IONBF) has a buffer of one byte: large reads and
 * writes go straight to the fd, single bytes are written at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum state { IDLE, READING, WRITING };

enum {
	S_READ = 1,   /* opened for reading */
	S_WRITE = 2,  /* opened for writing */
	S_EOF = 4,    /* the end-of-file indicator */
	S_ERROR = 8,  /* the error indicator */
	S_IN_USE = 16 /* the slot holds a stream */
};

#define UNGET_MAX 4 /* bytes ungetc can push back (C asks for one) */

struct __file {
	int fd;
	int flags;   /* S_* */
	int mode;    /* _IOFBF, _IOLBF or _IONBF */
	enum state state;
	unsigned char *buf; /* this stream's storage, or the setvbuf caller's */
	size_t size;        /* of buf; 1 when unbuffered */
	size_t pos, len;    /* see the top of the file */
	unsigned char ungot[UNGET_MAX];
	int nungot;         /* bytes in ungot; the last pushed is read first */
};

static struct __file streams[FOPEN_MAX] = {
	{ .fd = 0, .flags = S_IN_USE | S_READ, .mode = _IOFBF },
	{ .fd = 1, .flags = S_IN_USE | S_WRITE, .mode = _IOLBF },
	{ .fd = 2, .flags = S_IN_USE | S_WRITE, .mode = _IONBF },
};

/* Each stream's own buffer, apart from the initialised table, so that it
 * takes no room in the program's file (.bss, not .data). */
static unsigned char storage[FOPEN_MAX][BUFSIZ];

FILE *stdin = &streams[0];
FILE *stdout = &streams[1];
FILE *stderr = &streams[2];

/* setup: gives f its buffer, on its first use (a static initializer
 * cannot point a slot at its storage without naming each slot). */
static void setup(FILE *f)
{
	if (f->buf == NULL) {
		f->buf = storage[f - streams];
		f->size = f->mode == _IONBF ? 1 : BUFSIZ;
	}
}

/* ---- switching between reading and writing ------------------------------ */

/* write_all: writes n bytes at p to f's fd, retrying short writes.
 * Returns 0, or EOF (error indicator set) if write fails. */
static int write_all(FILE *f, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t r = write(f->fd, p, n);
		if (r <= 0) {
			f->flags |= S_ERROR;
			return EOF;
		}
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

/* flush: when f is WRITING, writes its pending bytes and makes it IDLE.
 * Returns 0, or EOF if the write failed (the bytes are then dropped). */
static int flush(FILE *f)
{
	int r = 0;

	if (f->state == WRITING)
		r = write_all(f, f->buf, f->len);
	if (f->state == WRITING)
		f->state = IDLE, f->len = 0;
	return r;
}

/* drop: when f is READING, forgets the bytes read ahead and pushed back,
 * seeking the fd back over those read ahead (which fails harmlessly on a
 * pipe or console: they are then lost, as C allows). f becomes IDLE. */
static void drop(FILE *f)
{
	if (f->state == READING && f->len > f->pos)
		lseek(f->fd, -(off_t)(f->len - f->pos), SEEK_CUR);
	f->state = IDLE;
	f->pos = f->len = 0;
	f->nungot = 0;
}

/* to_idle: flush or drop, whichever f's state needs. */
static int to_idle(FILE *f)
{
	if (f->state == WRITING)
		return flush(f);
	drop(f);
	return 0;
}

/* flush_line_buffered: C 7.21.3: input that must come from the
 * environment on an unbuffered or line-buffered stream first writes out
 * every line-buffered stream (so that a prompt shows before it is answered). */
static void flush_line_buffered(void)
{
	for (int i = 0; i < FOPEN_MAX; i++)
		if ((streams[i].flags & S_IN_USE) && streams[i].mode == _IOLBF)
			flush(&streams[i]);
}

/* start_reading: readies f for reading. Returns 0, or EOF (error indicator
 * set) if f is not open for reading or pending output cannot be written. */
static int start_reading(FILE *f)
{
	if (!(f->flags & S_READ)) {
		f->flags |= S_ERROR;
		errno = EBADF;
		return EOF;
	}
	setup(f);
	if (f->state == WRITING && flush(f) == EOF)
		return EOF;
	f->state = READING;
	return 0;
}

/* start_writing: readies f for writing; as start_reading. */
static int start_writing(FILE *f)
{
	if (!(f->flags & S_WRITE)) {
		f->flags |= S_ERROR;
		errno = EBADF;
		return EOF;
	}
	setup(f);
	if (f->state == READING)
		drop(f);
	f->state = WRITING;
	return 0;
}

/* ---- reading --------------------------------------------------------------- */

/* refill: reads into f's empty buffer, up to its size. Returns the number
 * of bytes now there, or 0 at the end of the file (end-of-file indicator
 * set) or on an error (error indicator set). */
static size_t refill(FILE *f)
{
	if (f->mode != _IOFBF)
		flush_line_buffered();
	ssize_t r = read(f->fd, f->buf, f->size);
	f->pos = 0;
	f->len = r > 0 ? (size_t)r : 0;
	if (r == 0)
		f->flags |= S_EOF;
	else if (r < 0)
		f->flags |= S_ERROR;
	return f->len;
}

/* read_bytes: copies up to n bytes of f's input to p; fewer only at the
 * end of the file or on an error. Requires start_reading. */
static size_t read_bytes(FILE *f, unsigned char *p, size_t n)
{
	size_t done = 0;

	while (done < n && f->nungot > 0)
		p[done++] = f->ungot[--f->nungot];
	while (done < n) {
		if (f->pos < f->len) {
			size_t k = f->len - f->pos;
			if (k > n - done)
				k = n - done;
			memcpy(p + done, f->buf + f->pos, k);
			f->pos += k;
			done += k;
		} else if (f->flags & S_EOF) {
			/* C11 7.21.7.1: the indicator sticks until cleared. */
			break;
		} else if (n - done >= f->size) {
			/* As much as a bufferful: straight into the caller's memory. */
			if (f->mode != _IOFBF)
				flush_line_buffered();
			ssize_t r = read(f->fd, p + done, n - done);
			if (r <= 0) {
				f->flags |= r == 0 ? S_EOF : S_ERROR;
				break;
			}
			done += (size_t)r;
		} else if (refill(f) == 0) {
			break;
		}
	}
	return done;
}

/* fread: reads up to n items of size bytes into p. Returns the number of
 * whole items read; fewer than n at the end of the file or on an error
 * (feof and ferror tell which). */
size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	if (size == 0 || n == 0 || start_reading(f) == EOF)
		return 0;
	return read_bytes(f, p, size * n) / size;
}

/* fgetc: the next byte of f, as an unsigned char, or EOF at the end of the
 * file or on an error. */
int fgetc(FILE *f)
{
	unsigned char c;

	if (start_reading(f) == EOF || read_bytes(f, &c, 1) == 0)
		return EOF;
	return c;
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

/* ungetc: pushes c back onto f, to be read next; up to UNGET_MAX bytes.
 * Clears the end-of-file indicator. Returns c, or EOF if c is EOF or no
 * more can be pushed back. */
int ungetc(int c, FILE *f)
{
	if (c == EOF || start_reading(f) == EOF || f->nungot == UNGET_MAX)
		return EOF;
	f->ungot[f->nungot++] = (unsigned char)c;
	f->flags &= ~S_EOF;
	return (unsigned char)c;
}

/* fgets: reads a line into s: up to n - 1 bytes, stopping after a newline,
 * then a NUL. Returns s, or NULL if the file ended before any byte was
 * read, or on an error (s's contents are then indeterminate). */
char *fgets(char *restrict s, int n, FILE *restrict f)
{
	int i = 0;

	if (n <= 0 || start_reading(f) == EOF)
		return NULL;
	while (i < n - 1) {
		unsigned char c;
		if (read_bytes(f, &c, 1) == 0) {
			if (i == 0 || (f->flags & S_ERROR))
				return NULL;
			break;
		}
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	s[i] = '\0';
	return s;
}

/* ---- writing --------------------------------------------------------------- */

/* write_bytes: hands n bytes at p to f, writing out what its buffering
 * mode says must go now. Returns the number of bytes accepted: n, or fewer
 * on an error. Requires start_writing. */
static size_t write_bytes(FILE *f, const unsigned char *p, size_t n)
{
	size_t done = 0;

	while (done < n) {
		if (f->len == 0 && n - done >= f->size) {
			/* As much as a bufferful: straight from the caller's memory. */
			if (write_all(f, p + done, n - done) == EOF)
				return done;
			done = n;
			break;
		}
		size_t k = f->size - f->len;
		if (k > n - done)
			k = n - done;
		memcpy(f->buf + f->len, p + done, k);
		f->len += k;
		done += k;
		if (f->len == f->size && flush(f) == EOF)
			return done;
		f->state = WRITING;
	}
	if (f->mode == _IOLBF && memchr(p, '\n', n) != NULL)
		flush(f);
	return done;
}

/* fwrite: writes n items of size bytes from p. Returns the number of whole
 * items written; fewer than n on an error. */
size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	if (size == 0 || n == 0 || start_writing(f) == EOF)
		return 0;
	return write_bytes(f, p, size * n) / size;
}

/* fputc: writes c as an unsigned char. Returns it, or EOF on an error. */
int fputc(int c, FILE *f)
{
	unsigned char b = (unsigned char)c;

	if (start_writing(f) == EOF || write_bytes(f, &b, 1) != 1 || (f->flags & S_ERROR))
		return EOF;
	return b;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

/* fputs: writes the string s (without its NUL). Returns 0, or EOF. */
int fputs(const char *restrict s, FILE *restrict f)
{
	size_t n = strlen(s);

	return fwrite(s, 1, n, f) == n ? 0 : EOF;
}

/* puts: writes s and a newline to stdout. Returns 0, or EOF. */
int puts(const char *s)
{
	if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
		return EOF;
	return 0;
}

/* ---- formatted output ------------------------------------------------------ */

static void stream_put(void *ctx, const char *s, size_t n)
{
	write_bytes(ctx, (const unsigned char *)s, n);
}

/* vfprintf: formats as vsnprintf does, onto f. Returns the number of bytes
 * written, or a negative value on an error. */
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	if (start_writing(f) == EOF)
		return -1;
	int had_error = f->flags & S_ERROR;
	int r = __vformat(stream_put, f, fmt, ap);
	return (f->flags & S_ERROR) && !had_error ? -1 : r;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

/* perror: writes "s: " (if s is neither NULL nor empty), the message for
 * errno, and a newline to stderr. */
void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s != NULL && *s != '\0')
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}

/* ---- opening and closing ---------------------------------------------------- */

/* parse_mode: the open flags and stream flags for an fopen mode: "r", "w"
 * or "a", then in any order "+" (reading and writing), "b" (ignored), "x"
 * (with "w": fail if the file exists) or "e" (close on exec). Returns 0, or
 * -1 for a mode that does not begin with r, w or a. */
static int parse_mode(const char *mode, int *oflags, int *sflags)
{
	int plus = 0;

	switch (mode[0]) {
	case 'r': *oflags = 0, *sflags = S_READ; break;
	case 'w': *oflags = O_CREAT | O_TRUNC, *sflags = S_WRITE; break;
	case 'a': *oflags = O_CREAT | O_APPEND, *sflags = S_WRITE; break;
	default: return -1;
	}
	for (const char *m = mode + 1; *m; m++) {
		if (*m == '+')
			plus = 1;
		else if (*m == 'x')
			*oflags |= O_EXCL;
		else if (*m == 'e')
			*oflags |= O_CLOEXEC;
	}
	if (plus)
		*oflags |= O_RDWR, *sflags = S_READ | S_WRITE;
	else
		*oflags |= mode[0] == 'r' ? O_RDONLY : O_WRONLY;
	return 0;
}

/* stream_new: a free slot made a fully buffered stream over fd, or NULL
 * (errno EMFILE) when all FOPEN_MAX are in use. */
static FILE *stream_new(int fd, int sflags)
{
	for (int i = 0; i < FOPEN_MAX; i++) {
		FILE *f = &streams[i];
		if (!(f->flags & S_IN_USE)) {
			memset(f, 0, sizeof(*f));
			f->fd = fd;
			f->flags = S_IN_USE | sflags;
			f->mode = _IOFBF;
			return f;
		}
	}
	errno = EMFILE;
	return NULL;
}

/* fopen: opens the file path with mode (see parse_mode). Returns the
 * stream, or NULL (errno EINVAL for a bad mode, EMFILE when no slot is
 * free, or open's error). */
/* open_for_stream: opens path with fopen's open flags oflags; returns
 * the fd, or -1 (errno from open or lseek). */
static int open_for_stream(const char *path, int oflags)
{
	int fd = open(path, oflags, 0666);
	if (fd < 0)
		return -1;
	/* "a" starts at the end and "a+" (which reads) at the start, as
	 * glibc's do (C leaves it open): ftell on "a" tells where writes go. */
	if ((oflags & O_ACCMODE) == O_WRONLY && (oflags & O_APPEND) &&
	    lseek(fd, 0, SEEK_END) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	int oflags, sflags;

	if (parse_mode(mode, &oflags, &sflags) < 0) {
		errno = EINVAL;
		return NULL;
	}
	int fd = open_for_stream(path, oflags);
	if (fd < 0)
		return NULL;
	FILE *f = stream_new(fd, sflags);
	if (f == NULL)
		close(fd);
	return f;
}

/* fdopen: a stream over the open fd with mode (as fopen's, though "w"
 * does not truncate). Returns the stream, or NULL (errno as fopen). */
FILE *fdopen(int fd, const char *mode)
{
	int oflags, sflags;

	if (parse_mode(mode, &oflags, &sflags) < 0) {
		errno = EINVAL;
		return NULL;
	}
	return stream_new(fd, sflags);
}

/*
 * freopen: closes f's file (its pending output written out; failures
 * ignored) and opens path with mode (as fopen's) on the same stream,
 * which keeps its buffering mode and buffer; the end-of-file and error
 * indicators are cleared. Returns f, or NULL (errno as fopen's) with f
 * then closed. The new fd is open's lowest free one, so reopening stdin,
 * stdout or stderr gives fd 0, 1 or 2 back, as POSIX says.
 * Changing only the mode of the open file (path NULL) is not supported:
 * NULL with errno EINVAL, f left as it was.
 */
FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
	int oflags, sflags;

	if (path == NULL || parse_mode(mode, &oflags, &sflags) < 0) {
		errno = EINVAL;
		return NULL;
	}
	to_idle(f);
	close(f->fd);
	int fd = open_for_stream(path, oflags);
	if (fd < 0) {
		f->flags = 0;
		f->buf = NULL;
		return NULL;
	}
	f->fd = fd;
	f->flags = S_IN_USE | sflags;
	f->state = IDLE;
	f->pos = f->len = 0;
	f->nungot = 0;
	return f;
}

/* fclose: writes out f's pending output, closes its fd and frees its slot
 * (even when those fail). Returns 0, or EOF if either failed. */
int fclose(FILE *f)
{
	int r = to_idle(f);

	if (close(f->fd) < 0)
		r = EOF;
	f->flags = 0;
	f->buf = NULL;
	return r;
}

/* fflush: writes out f's pending output; a stream being read forgets what
 * it read ahead, its fd seeking back to the stream's position. With f
 * NULL, flushes every stream. Returns 0, or EOF on a write error. */
int fflush(FILE *f)
{
	int r = 0;

	if (f != NULL)
		return to_idle(f);
	for (int i = 0; i < FOPEN_MAX; i++)
		if ((streams[i].flags & S_IN_USE) && streams[i].state == WRITING)
			if (flush(&streams[i]) == EOF)
				r = EOF;
	return r;
}

/* setvbuf: sets f's buffering mode and buffer (buf, of size bytes; or, buf
 * NULL, the stream's own); only before the first read or write. Returns 0,
 * or nonzero for a bad mode, a used stream or a zero size. */
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
		return -1;
	if (f->state != IDLE || f->nungot > 0)
		return -1;
	f->mode = mode;
	if (mode == _IONBF) {
		f->buf = storage[f - streams], f->size = 1;
	} else if (buf != NULL) {
		if (size == 0)
			return -1;
		f->buf = (unsigned char *)buf, f->size = size;
	} else {
		f->buf = storage[f - streams], f->size = BUFSIZ;
	}
	return 0;
}

/* setbuf: setvbuf fully buffered in buf (BUFSIZ bytes), or unbuffered when
 * buf is NULL. */
void setbuf(FILE *restrict f, char *restrict buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

/* ---- positioning ------------------------------------------------------------ */

/* ftell: f's position, in bytes from the start of the file, or -1 (errno
 * from lseek, ESPIPE on a pipe or console). Writes out pending output. */
long ftell(FILE *f)
{
	if (f->state == WRITING && flush(f) == EOF)
		return -1;
	off_t at = lseek(f->fd, 0, SEEK_CUR);
	if (at < 0)
		return -1;
	if (f->state == READING)
		at -= (off_t)(f->len - f->pos) + f->nungot;
	if (at < 0) {
		errno = EIO;
		return -1;
	}
	return at;
}

/* fseek: moves f to offset from whence (SEEK_SET, SEEK_CUR, SEEK_END),
 * writing out pending output and forgetting input read ahead or pushed
 * back, and clears the end-of-file indicator. Returns 0, or -1 (errno). */
int fseek(FILE *f, long offset, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
		errno = EINVAL;
		return -1;
	}
	if (whence == SEEK_CUR) {
		/* From the stream's position, not the fd's. */
		long at = ftell(f);
		if (at < 0)
			return -1;
		offset += at, whence = SEEK_SET;
	}
	if (to_idle(f) == EOF)
		return -1;
	if (lseek(f->fd, offset, whence) < 0)
		return -1;
	f->flags &= ~S_EOF;
	return 0;
}

/* rewind: fseek to the start, and clears the error indicator too. */
void rewind(FILE *f)
{
	fseek(f, 0, SEEK_SET);
	f->flags &= ~S_ERROR;
}

int feof(FILE *f)
{
	return (f->flags & S_EOF) != 0;
}

int ferror(FILE *f)
{
	return (f->flags & S_ERROR) != 0;
}

void clearerr(FILE *f)
{
	f->flags &= ~(S_EOF | S_ERROR);
}

int fileno(FILE *f)
{
	return f->fd;
}
