/*
 * stdio.h: input and output (C11 7.21): the printf engine and formatting
 * to memory (user/libc/printf.c), buffered FILE streams over the POSIX
 * calls read/write/lseek/open/close (user/libc/stdio.c), and reading
 * formatted input from strings (user/libc/scanf.c).
 *
 * Operations on files by name: remove, tmpnam, tmpfile (user/libc/
 * fileops.c) and rename (the POSIX layer's, user/libc/erix/fsops.c).
 *
 * Not yet: fgetpos/fsetpos, wide-character
 * functions.
 */
#ifndef _ERIX_STDIO_H
#define _ERIX_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

#define BUFSIZ    4096 /* the size of a stream's buffer */
#define FOPEN_MAX 32   /* streams open at once, stdin/stdout/stderr included */
#define FILENAME_MAX 4096

#define _IOFBF 0 /* fully buffered: written when the buffer fills */
#define _IOLBF 1 /* line buffered: also written at each newline */
#define _IONBF 2 /* unbuffered: written at once */

/* Temporary files (fileops.c): their directory, the size of a tmpnam
 * buffer ("/tmp/tmp_" and five base-36 digits, a NUL), and how many
 * different names tmpnam gives. */
#define P_tmpdir "/tmp"
#define L_tmpnam 20
#define TMP_MAX  238328

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

/* A stream; its fields are stdio.c's own. */
typedef struct __file FILE;

extern FILE *stdin;  /* fd 0, fully buffered */
extern FILE *stdout; /* fd 1, line buffered (on EriX, the console) */
extern FILE *stderr; /* fd 2, unbuffered */

FILE *fopen(const char *restrict path, const char *restrict mode);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f);
int fclose(FILE *f);
int fflush(FILE *f);
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size);
void setbuf(FILE *restrict f, char *restrict buf);

size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f);
size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *restrict s, int n, FILE *restrict f);
/* getdelim, getline (POSIX; user/libc/getline.c): a whole line (up to a
 * delim byte), however long, into a buffer they grow with realloc. */
#ifndef _ERIX_SSIZE_T
#define _ERIX_SSIZE_T
typedef long ssize_t;
#endif
ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f);
ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);

int fseek(FILE *f, long offset, int whence);
long ftell(FILE *f);
void rewind(FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fileno(FILE *f);
void perror(const char *s);

/* Operations on files (fileops.c; rename: erix/fsops.c); each
 * function's contract is above its definition. */
int remove(const char *path);
int rename(const char *old, const char *new);
char *tmpnam(char *s);
FILE *tmpfile(void);

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap);
int fprintf(FILE *restrict f, const char *restrict fmt, ...)
	__attribute__((format(printf, 2, 3)));
int vprintf(const char *restrict fmt, va_list ap);
int printf(const char *restrict fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * vsscanf, sscanf: read s as C11 7.21.6.2 says, for the conversions
 * d i u o x X c s [ n % (with width, * and the lengths hh h l ll j z t),
 * and f e g a (and their capitals: decimal numbers only, read by strtod;
 * float, double with l, long double with L). Integers are read as
 * strtoll (signed) or strtoull (unsigned) read them and cut to the
 * argument's size. Returns the number of items assigned, or EOF if the
 * input ends before the first conversion. As glibc does, %Nc that finds
 * fewer than N characters stores those and counts.
 * vfscanf, fscanf, scanf (stdin): the same from a stream, read a
 * character at a time; the one character looked at past the input used
 * goes back with ungetc.
 */
int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap);
int sscanf(const char *restrict s, const char *restrict fmt, ...)
	__attribute__((format(scanf, 2, 3)));
int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap);
int fscanf(FILE *restrict f, const char *restrict fmt, ...)
	__attribute__((format(scanf, 2, 3)));
int scanf(const char *restrict fmt, ...) __attribute__((format(scanf, 1, 2)));

/*
 * __vformat: the printf engine. Formats fmt with the arguments ap, as C11
 * 7.21.6.1 says, handing the text to put(ctx, s, n) piece by piece (n bytes
 * at s, not NUL-terminated, never n == 0). Returns the number of bytes
 * handed over, or -1 if that exceeds INT_MAX.
 *
 * Conversions: d i u o x X c s p n % f F e E g G a A; flags - + space # 0;
 * width and precision, also as *; length modifiers hh h l ll j z t L (L
 * reads a long double and formats it as the nearest double). Floating
 * output is correctly rounded (ties to even), as glibc prints it. %p prints
 * as %#lx does, and "(nil)" for NULL; %s of NULL prints "(null)". %lc and
 * %ls (wide characters) are not supported; an unknown conversion is copied
 * to the output as written.
 */
int __vformat(void (*put)(void *ctx, const char *s, size_t n), void *ctx,
	      const char *fmt, va_list ap);

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vsprintf(char *buf, const char *fmt, va_list ap);
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
