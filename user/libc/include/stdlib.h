/* stdlib.h: general utilities (C11 7.22; user/libc/stdlib.c).
 *
 * Number conversions, integer arithmetic, sorting and searching, rand
 * (stdlib.c), the heap (malloc.c), the environment (env.c) and atexit
 * (atexit.c). exit, _Exit and abort need the OS: the POSIX layer has
 * them. */
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
/* strtod, strtof: correctly rounded (strtod.c). */
double strtod(const char *restrict nptr, char **restrict endptr);
float strtof(const char *restrict nptr, char **restrict endptr);

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

/* rand: the C standard's example generator (stdlib.c), RAND_MAX 32767;
 * the same sequence for the same seed, srand(1) the first. */
#define RAND_MAX 32767
int rand(void);
void srand(unsigned seed);

/* The environment (env.c): "NAME=value" strings in environ. */
extern char **environ;
char *getenv(const char *name);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
int putenv(char *string);

/* The end of a program. exit calls the atexit functions (the last
 * registered first), then flushes and closes the streams; abort ends at
 * once, abnormally. Up to 32 atexit functions (atexit.c); the rest are
 * the POSIX layer's. */
#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
int atexit(void (*fn)(void));
_Noreturn void exit(int status);
_Noreturn void _Exit(int status);
_Noreturn void abort(void);

/* system (system.c): EriX has no command processor for programs yet:
 * system(NULL) is 0, and system(command) -1 with errno ENOSYS. */
int system(const char *command);

/* __libc_run_atexit: calls and drops the atexit functions (for exit). */
void __libc_run_atexit(void);

#endif
