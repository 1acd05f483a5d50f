/*
 * erix.h: helpers for tests of the EriX kernel itself, over vm.h.
 *
 * The kernel has a side door for the grader (kernel/ktest.c):
 * ktest_request (a test name the grader writes before kmain looks for
 * one), ktest_scratch (4 KiB the grader fills with inputs for the kernel
 * functions it calls through GDB) and ktest_ready() (an empty function
 * kmain calls once boot is done: the usual place to stop).
 */
#ifndef GRADER_ERIX_H
#define GRADER_ERIX_H

#include "vm.h"

/* Offsets inside ktest_scratch the helpers use. */
#define SCRATCH_IN 0      /* inputs: format strings, command lines */
#define SCRATCH_IN2 1024  /* second input (a %s argument, a key) */
#define SCRATCH_OUT 2048  /* outputs: formatted text */
#define SCRATCH_OUT_SIZE 1024
#define SCRATCH_SIZE 4096

/* erix_boot: boot and stop at kmain; if ktest is not NULL, ask for that
 * in-kernel test (it runs after ktest_ready). */
struct vm *erix_boot(const struct vm_config *cfg, const char *ktest);

/* erix_scratch: the kernel address of ktest_scratch + offset. */
uint64_t erix_scratch(struct vm *vm, unsigned offset);

/* erix_put_string: write s (with its NUL) at ktest_scratch + offset. */
void erix_put_string(struct vm *vm, unsigned offset, const char *s);

/* erix_format: have the kernel's ksnprintf() format fmt with the arguments
 * given as a GDB expression list (e.g. "(int)-5, (unsigned long)7"), into
 * ktest_scratch; returns the text (freed with the vm) and sets *ret to
 * ksnprintf's return value. */
const char *erix_format(struct vm *vm, const char *fmt, const char *args,
			int64_t *ret);

/* erix_string_at: the string at the kernel pointer held by expression
 * expr (e.g. "cmdline_opts[0].key"), or NULL if the pointer is NULL. */
const char *erix_string_at(struct vm *vm, const char *expr);

#endif /* GRADER_ERIX_H */
