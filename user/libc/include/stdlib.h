/* stdlib.h: general utilities (C11 7.22; user/libc/stdlib.c).
 *
 * So far number conversions, integer arithmetic, sorting and searching
 * (stdlib.c) and the heap (malloc.c). exit/abort/atexit and getenv come
 * next. */
#ifndef _ERIX_STDLIB_H
#define _ERIX_STDLIB_H

#include <stddef.h>

typedef struct {
	int quot, rem;
} div_t;
typedef struct {
	long quot, rem;
} ldiv_t;
typedef struct {
	long long quot, rem;
} lldiv_t;

long strtol(const char *restrict nptr, char **restrict endptr, int base);
long long strtoll(const char *restrict nptr, char **restrict endptr, int base);
unsigned long strtoul(const char *restrict nptr, char **restrict endptr, int base);
unsigned long long strtoull(const char *restrict nptr, char **restrict endptr, int base);
int atoi(const char *nptr);
long atol(const char *nptr);
long long atoll(const char *nptr);

int abs(int n);
long labs(long n);
long long llabs(long long n);
div_t div(int numer, int denom);
ldiv_t ldiv(long numer, long denom);
lldiv_t lldiv(long long numer, long long denom);

void qsort(void *base, size_t n, size_t size, int (*compar)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*compar)(const void *, const void *));

/* The heap (malloc.c). Every block is aligned to 16 bytes. malloc(0)
 * and realloc(p, 0) return a unique smallest block (NULL only when out of
 * memory, with errno ENOMEM); aligned_alloc takes any power of two. */
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *ptr, size_t size);
void *aligned_alloc(size_t alignment, size_t size);
void free(void *ptr);

#endif
