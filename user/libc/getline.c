/*
 * getline.c: reading a whole line, however long (POSIX getline and
 * getdelim; stdio.h), over getc and realloc.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/*
 * getdelim: reads from f up to and including the next delim byte (or to
 * the end of the file) into *line, a malloc'd buffer of *cap bytes that
 * it grows with realloc as needed (*line NULL: a new one), and ends it
 * with a NUL. Returns the bytes read, delim included, NUL not (a line
 * may hold NUL bytes: use the count, not strlen); -1 at the end of the
 * file with nothing read, or on an error (errno: EINVAL for a NULL line
 * or cap, ENOMEM, or the read's), the bytes read so far in *line.
 * getline: getdelim(line, cap, '\n', f).
 */
ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f)
{
	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	if (!*line)
		*cap = 0;
	size_t n = 0;
	bool eof = false;
	for (;;) {
		if (n + 2 > *cap) { /* room for one more byte and the NUL */
			size_t want = *cap < 64 ? 128 : *cap * 2;
			char *p = realloc(*line, want);
			if (!p) {
				errno = ENOMEM;
				return -1;
			}
			*line = p, *cap = want;
		}
		int c = getc(f);
		if (c == EOF) {
			eof = true;
			break;
		}
		(*line)[n++] = (char)c;
		if (c == (unsigned char)delim)
			break;
	}
	(*line)[n] = '\0';
	if (n == 0 || (eof && ferror(f)))
		return -1;
	return (ssize_t)n;
}

ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
	return getdelim(line, cap, '\n', f);
}
