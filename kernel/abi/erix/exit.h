/*
 * erix/exit.h: how the kernel ends the machine, seen from both sides.
 *
 * Part of EriX's public ABI: included by the kernel, by user space and by the
 * host-side grader. Includes nothing kernel-internal.
 *
 * Under QEMU the kernel writes one byte V to the isa-debug-exit device
 * (-device isa-debug-exit,iobase=0xf4,iosize=0x04); QEMU then exits with
 * status (V << 1) | 1. The two codes below are chosen so that their statuses
 * (33 and 35) can never be confused with QEMU's own 0 (quit, or a triple
 * fault under -no-reboot) and 1 (error).
 */
#ifndef ERIX_EXIT_H
#define ERIX_EXIT_H

#define ERIX_DEBUG_EXIT_PORT 0xf4

/* Values written to the debug-exit port. */
#define ERIX_EXIT_POWEROFF 0x10 /* normal end of the run */
#define ERIX_EXIT_PANIC 0x11    /* panic(), or a failed boot check */

/* The host-side exit status QEMU reports for a value V. */
#define ERIX_QEMU_STATUS(v) ((((v) & 0xff) << 1) | 1)

#endif /* ERIX_EXIT_H */
