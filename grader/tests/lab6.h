/*
 * tests/lab6.h: lab 6's shared grader helpers (lab6_support.c), for the
 * public and hidden tests: driving the shell on the serial console, and
 * reading the file server's file system out of its memory.
 *
 * A lab-6 test boots the normal system (init starts the servers and then
 * /bin/sh on the console), types command lines as a user would, and takes
 * its verdict from the file server's state, never from what the shell or
 * the commands print (a student's code could print anything):
 *
 *   the file server's thread      init's record of it, a TCB in the root
 *                                 task's CNode (user/root/init.h)
 *   its address space             the PML4 of that TCB's VSpace capability,
 *                                 walked here with the x86-64 page tables
 *                                 (physical reads, no guest code runs)
 *   its file system               its `struct ramfs` global (fs.h), found
 *                                 in the symbol table of the build's
 *                                 user/servers/file ELF, beside the ISO
 *
 * Every function either succeeds or ends the test with a reason that says
 * what went wrong (like vm.h), except where a result says "no such file".
 */
#ifndef GRADER_TESTS_LAB6_H
#define GRADER_TESTS_LAB6_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm.h"

/* A directory entry's name fits here, with its NUL (FS_NAME_MAX + 1). */
#define LAB6_NAME_SIZE 64

/* ---- the shell ------------------------------------------------------------ */

/* lab6_shell: boot the normal system (no test program; args: more of the
 * kernel's command line, or NULL) and run until the shell waits for input
 * at its first prompt: the kernel is quiet (sched_quiet: the console
 * server waits for COM1, so the kernel never powers off) and the serial
 * output ends with "$ ". Fails the test, saying so, if the prompt never
 * comes (the bounds of lab6_type's waiting, from boot). */
struct vm *lab6_shell(const char *args);

/* lab6_type: type one command line (line, without its "\n", which is
 * added; no control characters) at the prompt, and run until the shell is
 * back at a new prompt: quiet, with the console's echo of the line and
 * then "$ " at the end of the serial output. Returns what was printed in
 * between (the command's output; valid until the next lab6_type), for the
 * test's messages only. Fails the test, saying so, if the line is not
 * echoed, if the machine ends, if the system stays idle for 3 s of the
 * machine's time with no new output and no prompt (a command that waits
 * for input, or a server that never answers), or if there is no prompt
 * after 20 s of the machine's time in all (a command that never ends:
 * `sleep` yields while it waits, so the system is busy, not quiet, until
 * it ends). Must be called at a prompt (after lab6_shell or lab6_type).
 * A command whose own output ends with "$ " looks like the prompt. The
 * console keeps lines of CONS_LINE_MAX bytes (console.h), the newline
 * included: a longer line fails the test (a grader's error). */
const char *lab6_type(struct vm *vm, const char *line);

/* ---- the file server's memory --------------------------------------------- */

/* lab6_fs_pml4: the physical address of the file server's PML4, from
 * the VSpace capability of the TCB init recorded for it. Fails the test
 * if init recorded no TCB, or the TCB has no VSpace. */
uint64_t lab6_fs_pml4(struct vm *vm);

/* lab6_uread: len bytes of the user address space whose PML4 is at
 * physical address pml4 (lab6_fs_pml4), from virtual address va, into
 * buf: a walk of the 4-level page tables (4 KiB, 2 MiB and 1 GiB pages)
 * and physical reads, page by page. Fails the test, naming the address
 * and the level, if any byte of the range is not mapped (an entry on the
 * way without its present bit) or va is not a canonical user address. */
void lab6_uread(struct vm *vm, uint64_t pml4, uint64_t va, void *buf, size_t len);

/* lab6_fs_ramfs: the file server's address of its `struct ramfs`, from
 * the symbol table of its ELF in the build (lab6_fs_elf), whose code is
 * checked to be what the file server runs. Fails the test if the ELF is
 * missing, has no such symbol, or does not match. */
uint64_t lab6_fs_ramfs(struct vm *vm);

/* lab6_fs_elf: the path of the file server's ELF in the build: the ISO's
 * directory + /user/servers/file.elf (user/Makefrag puts it there). */
const char *lab6_fs_elf(void);

/* ---- the file system, read from the file server --------------------------- */

/* In these, path is absolute ("/", "/a/b"); repeated slashes are one; no
 * "." or ".." (they name nothing in this file system). The tree is read
 * afresh at each call: the machine must be stopped (it is, after
 * lab6_shell and lab6_type). A tree the file server has broken (an inode
 * number out of range, a directory with more entries than a page holds, a
 * name without its NUL, a page pointer to unmapped memory) fails the test
 * with a reason that says so. */

/* lab6_file: the bytes of the file at path: *data (malloc'd, with a NUL
 * after the last byte; the caller frees it) and *len. Holes read as
 * zeros. Returns false, with *data NULL and *len 0, if no file has that
 * path (nothing there, or a directory). */
bool lab6_file(struct vm *vm, const char *path, char **data, size_t *len);

/* lab6_dir: the names of the directory at path's entries, in its order,
 * into names[0..max-1]; returns how many it has (which may be more than
 * max: only max are stored), or -1 if no directory has that path. */
int lab6_dir(struct vm *vm, const char *path, char names[][LAB6_NAME_SIZE], int max);

/* lab6_is_dir: is there a directory at path? */
bool lab6_is_dir(struct vm *vm, const char *path);

/* lab6_handles: how many of the file server's handles (its open files:
 * struct ramfs's handles[], each an FS_OPEN not yet FS_CLOSE'd) are open
 * on the file or directory at path; -1 if nothing has that path. */
int lab6_handles(struct vm *vm, const char *path);


/* ---- the test programs' observations -------------------------------------- */

/* Lab 6's test programs (user/tests/posix/NAME.c, /tests/NAME in the boot
 * image) write what they observe into a file named on their command line,
 * a line each: a key, then numbers as 16 hex digits each, separated by
 * single spaces ("child pid ppid 00000000000003f2 00000000000003f1"), or
 * a key and text ("arg hello"). Never verdicts: the grader compares them
 * with what it computes itself from the seed it gave (user/tests/lab6.h). */

/* A test program's file, read a line at a time, in order. */
struct lab6_obs {
	char path[128]; /* the file, for messages */
	char *text;     /* its bytes, a NUL after them (malloc'd) */
	size_t len;
	size_t pos;     /* where the next line starts */
	int line;       /* the number of the last line taken, from 1 */
};

/* lab6_run: lab6_type of the line printf would make of fmt and its
 * arguments (at most 1023 bytes); what the command printed. */
const char *lab6_run(struct vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* lab6_obs_read: the file at path, which `line` (the command typed,
 * whose output was `out`: for the message) should have written, into
 * *o. Fails the test, quoting line and out, if the file server has no
 * file there. */
void lab6_obs_read(struct vm *vm, const char *path, const char *line, const char *out,
		   struct lab6_obs *o);

/* lab6_obs_next: the next line of o must be key followed by exactly n
 * numbers (16 hex digits each): they go to v[0..n-1]. Fails the test,
 * quoting the line (or saying the file ended) and what was expected, if
 * it is anything else; `why` (or NULL) is added to that reason: what the
 * program did just before writing that line. */
void lab6_obs_next(struct lab6_obs *o, const char *key, int n, uint64_t *v, const char *why);

/* lab6_obs_text: the next line of o must start with prefix: returns the
 * rest of it (without the newline; valid until the next call on o).
 * Fails the test as lab6_obs_next does. */
const char *lab6_obs_text(struct lab6_obs *o, const char *prefix, const char *why);

/* lab6_obs_end: o must have no line left (fails the test, quoting the
 * first extra one); frees o's text. */
void lab6_obs_end(struct lab6_obs *o);

/* lab6_name: a random name of 6 to 12 lower-case letters that directory
 * dir (in the file server) does not have yet, into s (16 bytes); with
 * avoid (or NULL) a name not in it either (names picked before, of files
 * not made yet, separated by spaces). */
void lab6_name(struct vm *vm, const char *dir, const char *avoid, char s[16]);

/* lab6_first_diff: the offset of the first byte where a (alen bytes) and
 * b (blen) differ, or -1 if they are the same. */
long lab6_first_diff(const char *a, size_t alen, const char *b, size_t blen);

/* lab6_quote: up to max bytes of s (n bytes) from offset at, printable,
 * with \n, \t and \xHH escapes, into a static buffer (for messages;
 * valid until the next call, two buffers in turn so that a message may
 * quote two texts). */
const char *lab6_quote(const char *s, size_t n, size_t at, size_t max);

#endif /* GRADER_TESTS_LAB6_H */
