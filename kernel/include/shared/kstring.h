/*
 * kstring.h: the few string and memory functions the kernel uses.
 * The standard ones (memset, memcpy, ...) have their standard meaning and
 * are defined in kstring.c; GCC may also emit calls to them.
 */
#ifndef KERNEL_KSTRING_H
#define KERNEL_KSTRING_H

#include "types.h"

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/*
 * str_copy: copy src into dst[0..size-1], truncating, always
 * NUL-terminating when size > 0. Returns false if src was truncated.
 */
static inline bool str_copy(char *dst, const char *src, size_t size)
{
	size_t i = 0;

	if (size == 0)
		return src[0] == '\0';
	for (; i + 1 < size && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
	return src[i] == '\0';
}

#endif /* KERNEL_KSTRING_H */
