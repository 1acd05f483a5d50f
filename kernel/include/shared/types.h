/*
 * types.h: the basic types every kernel file uses.
 *
 * kernel/include/shared/ holds the headers of the freestanding code both
 * sides share (types.h, kstring.h, format.h, elf.h: kernel/kstring.c,
 * format.c and elf.c are built for the kernel and for user space): user
 * programs see these and the ABI (kernel/abi/erix/), nothing else of the
 * kernel's.
 *
 * Only GCC's freestanding headers are used, so the same sources also compile
 * for the host (the host unit tests in grader/unit/ build several kernel
 * files with the host compiler).
 */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t paddr_t; /* a physical address */
typedef uint64_t vaddr_t; /* a virtual address */

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))

#define __noreturn __attribute__((noreturn))
#define __printf(f, a) __attribute__((format(printf, f, a)))
#define __unused __attribute__((unused))

#endif /* KERNEL_TYPES_H */
