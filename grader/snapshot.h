/*
 * snapshot.h: boot snapshots. Boot once, start every test from the saved
 * machine.
 *
 * Of a test machine's first 0.6 s, about 0.4 s is SeaBIOS and GRUB, the
 * same for every test of one build. So, per configuration, the first test
 * that needs it boots once through the real path (firmware, GRUB, the
 * multiboot2 hand-over) to the kernel's first instruction (its ELF entry
 * point, before any of the kernel's code has run), saves the machine there
 * into a file (QEMU's migration stream), and every test of that
 * configuration starts QEMU from the file instead (qemu.sh --incoming).
 * Everything the kernel does, it still does in every test.
 *
 * A snapshot belongs to one configuration, its key: the ISO's contents
 * (SHA-256), qemu.sh's (the machine: devices, CPU model), the RAM size, the kernel command line, the CPU model, QEMU's
 * version, the entry point and this format's version. The key is written
 * beside the state (NAME.meta) with the state's size and checksum; a
 * snapshot whose key or checksum does not match is never used: it is made
 * again. Tests that check the boot path itself, or boot a configuration
 * they choose at random (a snapshot would serve once), declare .full_boot
 * and boot through the firmware every time.
 *
 * Files, in the snapshot directory (--snapshot-dir; by default
 * "snapshots" beside the ISO): KEYHASH.state, KEYHASH.meta, KEYHASH.lock
 * (held while one test checks or makes the snapshot, so that tests running
 * at once make it once), KEYHASH.failed (making it failed: later tests of
 * this run boot in full, the old way). Only the most recent few snapshots
 * are kept.
 */
#ifndef GRADER_SNAPSHOT_H
#define GRADER_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

#include "vm.h"

/* snapshot_init: in the grader's main process, before any test: learn
 * what every key holds (the SHA-256 of the ISO and of qemu.sh, QEMU's
 * version, the kernel's entry point) and where snapshots live (dir; NULL:
 * "snapshots" beside the ISO). Returns false, with the reason in why, if snapshots cannot be used
 * here; tests then boot in full. */
bool snapshot_init(const char *iso, const char *kernel, const char *qemu_sh,
		   const char *dir, char *why, size_t whylen);

/* snapshot_for: in a test, the state file to start a machine of
 * configuration cfg from (valid until the next call), made now if there
 * is none yet or the one there is stale or corrupt; NULL when the machine
 * must boot in full (snapshots are off, or making one failed: the reason
 * is noted in the test's output). */
const char *snapshot_for(const struct vm_config *cfg);

/* snapshot_check: whether state (a path from a replay file) is a sound
 * snapshot of configuration cfg of the ISO given to snapshot_init (make
 * qemu-gdb TEST=... replays from it only then). Prints the reason on
 * stderr when it is not. */
bool snapshot_check(const char *state, const struct vm_config *cfg);

#endif /* GRADER_SNAPSHOT_H */
