/*
 * backtrace.h: walking and printing the chain of frame pointers.
 *
 * The kernel is compiled with frame pointers (-fno-omit-frame-pointer), so
 * every function starts with `push %rbp; mov %rsp, %rbp`. A frame then
 * looks like this (the stack grows down):
 *
 *          |  ...                |  caller's frame
 *          +---------------------+
 *   rbp+8  |  return address     |  into the caller
 *   rbp    |  caller's rbp  -----+--> next frame up
 *          |  locals ...         |
 *
 * boot.S calls kmain() with rbp = 0, which ends every chain.
 */
#ifndef KERNEL_BACKTRACE_H
#define KERNEL_BACKTRACE_H

#include "types.h"

#define BACKTRACE_MAX 32

/*
 * backtrace_walk: follow the frame-pointer chain that starts at frame
 * pointer `fp`, storing the return address of each frame in pcs[0..max-1].
 * It reads nothing outside the stack [lo, hi), and stops at the first
 * frame that looks wrong. Returns the number of return addresses stored.
 * (Lab 1 exercise: the requirements are above it in backtrace.c.)
 */
int backtrace_walk(uintptr_t fp, uintptr_t lo, uintptr_t hi, uintptr_t *pcs,
		   int max);

/* The most recent walk backtrace_print() made, kept for the grader. */
extern uintptr_t backtrace_last[BACKTRACE_MAX];
extern int backtrace_last_count;

/* backtrace_print_from: print the chain starting at frame pointer fp, one
 * line per frame: "#N 0xADDRESS function+0xOFFSET". */
void backtrace_print_from(uintptr_t fp);

/* backtrace_print: print the chain of whoever called it (frame #0 is the
 * caller of backtrace_print). */
void backtrace_print(void);

#endif /* KERNEL_BACKTRACE_H */
