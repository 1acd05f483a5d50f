/*
 * string.c: strings and memory (string.h).
 *
 * Byte at a time, as simple as the definitions in C11 7.24: clarity over
 * speed. Bytes are compared as unsigned char, as the standard says. Only
 * the C locale exists, so strcoll is strcmp and strxfrm a copy.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- memory ----------------------------------------------------------- */

/* memcpy: copies n bytes from src to dst, which must not overlap. Returns dst. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	while (n--)
		*d++ = *s++;
	return dst;
}

/* memmove: copies n bytes from src to dst, which may overlap: forwards
 * when dst is below src, backwards otherwise. Returns dst. */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if ((uintptr_t)d < (uintptr_t)s) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

/* memset: sets n bytes at s to (unsigned char)c. Returns s. */
void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;
	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

/* memcmp: compares n bytes; <0, 0 or >0 as the first differing byte of a
 * is below, equal to or above b's. */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

/* memchr: the first of n bytes at s equal to (unsigned char)c, or NULL. */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

/* ---- lengths, copies and comparisons ------------------------------------ */

/* strlen: the number of bytes before s's terminating NUL. */
size_t strlen(const char *s)
{
	const char *p = s;
	while (*p)
		p++;
	return (size_t)(p - s);
}

/* strnlen: strlen(s), but at most maxlen; reads no byte past s[maxlen-1]. */
size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;
	while (n < maxlen && s[n])
		n++;
	return n;
}

/* strcpy: copies src with its NUL to dst. Returns dst. */
char *strcpy(char *restrict dst, const char *restrict src)
{
	char *d = dst;
	while ((*d++ = *src++))
		;
	return dst;
}

/* strncpy: copies at most n bytes of src to dst, then pads dst with NULs
 * to n bytes. dst is not terminated if src has n or more bytes. Returns dst. */
char *strncpy(char *restrict dst, const char *restrict src, size_t n)
{
	size_t i = 0;
	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = 0;
	return dst;
}

/* strcat: appends src (with its NUL) to the string at dst. Returns dst. */
char *strcat(char *restrict dst, const char *restrict src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

/* strncat: appends at most n bytes of src (which need not be terminated
 * within them) to the string at dst, then a NUL. Returns dst. */
char *strncat(char *restrict dst, const char *restrict src, size_t n)
{
	char *d = dst + strlen(dst);
	for (; n && *src; n--)
		*d++ = *src++;
	*d = 0;
	return dst;
}

/* strcmp: compares two strings; <0, 0 or >0 as a sorts before, with or
 * after b, byte by byte as unsigned char. */
int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	while (*p && *p == *q)
		p++, q++;
	return *p - *q;
}

/* strncmp: strcmp on at most the first n bytes of each. */
int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	for (; n; n--, p++, q++)
		if (*p != *q || !*p)
			return *p - *q;
	return 0;
}

/* strcoll: strcmp, the C locale's collation. */
int strcoll(const char *a, const char *b)
{
	return strcmp(a, b);
}

/* strxfrm: the C locale's transformation, the identity: copies src with
 * its NUL to dst if that fits in n bytes (else dst's contents are
 * unspecified; here its first n bytes of src). Returns strlen(src), so
 * that a result >= n says dst was too small. dst may be NULL if n is 0. */
size_t strxfrm(char *restrict dst, const char *restrict src, size_t n)
{
	size_t len = strlen(src);
	if (n > len)
		memcpy(dst, src, len + 1);
	else if (n)
		memcpy(dst, src, n);
	return len;
}

/* ---- searches ------------------------------------------------------------ */

/* strchr: the first byte of s (its NUL included) equal to (char)c, or NULL. */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

/* strrchr: the last byte of s (its NUL included) equal to (char)c, or NULL. */
char *strrchr(const char *s, int c)
{
	const char *last = NULL;
	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

/* strstr: the first occurrence of needle in haystack, or NULL; haystack
 * itself if needle is empty. Tries each position in turn: O(n*m). */
char *strstr(const char *haystack, const char *needle)
{
	size_t m = strlen(needle);
	for (; *haystack; haystack++)
		if (strncmp(haystack, needle, m) == 0)
			return (char *)haystack;
	return m == 0 ? (char *)haystack : NULL;
}

/* strspn: the length of s's longest prefix made only of bytes in accept. */
size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;
	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

/* strcspn: the length of s's longest prefix made of no byte in reject. */
size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;
	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}

/* strpbrk: the first byte of s that is in accept, or NULL. */
char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

/* strtok_r: splits a string into tokens separated by runs of bytes in
 * delim, writing a NUL over the byte that ends each token. The first call
 * passes the string as s, later ones NULL, with the same *save, which
 * holds where the next search starts. delim may change between calls.
 * Returns the next token, or NULL when none is left (and again after). */
char *strtok_r(char *restrict s, const char *restrict delim, char **restrict save)
{
	if (!s && !(s = *save))
		return NULL; /* no string given yet: nothing to split */
	s += strspn(s, delim);
	if (!*s) {
		*save = s;
		return NULL;
	}
	char *end = s + strcspn(s, delim);
	if (*end)
		*end++ = 0;
	*save = end;
	return s;
}

/* strtok: strtok_r with one hidden *save for the whole program, so not for
 * two strings at once. */
char *strtok(char *restrict s, const char *restrict delim)
{
	static char *save;
	return strtok_r(s, delim, &save);
}

/* ---- copies on the heap ------------------------------------------------ */

/* strndup: a malloc'd copy of the first n bytes of s (fewer if s ends
 * before), NUL-terminated; NULL if malloc fails (errno ENOMEM). */
char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *copy = malloc(len + 1);
	if (!copy)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/* strdup: a malloc'd copy of s; NULL if malloc fails (errno ENOMEM). */
char *strdup(const char *s)
{
	return strndup(s, SIZE_MAX);
}
