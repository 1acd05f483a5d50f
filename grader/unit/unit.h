/*
 * unit.h: the suites of the host unit tests (grader/unit/).
 *
 * Each test_*.c file tests one kernel file (or, test_mi.c, one grader file), compiled for the host with
 * AddressSanitizer and UBSan, and exports one Check suite. main.c runs them
 * all. A suite's tests are named tables where that fits: one row per case,
 * each row run (and reported) on its own through tcase_add_loop_test().
 */
#ifndef GRADER_UNIT_H
#define GRADER_UNIT_H

#include <check.h>

/* EXPECT: ck_assert_msg, but Check is told only of a failure: it logs
 * every passing ck_assert (a write to its message file), and the model
 * tests' loops make millions of checks. */
#define EXPECT(cond, ...)                          \
	do {                                       \
		if (!(cond))                       \
			ck_abort_msg(__VA_ARGS__); \
	} while (0)

/* Rights, short (erix/caps.h), for the tables of cases. */
#define R ERIX_RIGHT_READ
#define W ERIX_RIGHT_WRITE
#define G ERIX_RIGHT_GRANT
#define ALL ERIX_RIGHTS_ALL

Suite *format_suite(void);    /* kernel/format.c: ksnprintf vs snprintf */
Suite *multiboot_suite(void); /* kernel/multiboot.c: mb2_parse */
Suite *cmdline_suite(void);   /* kernel/cmdline.c: cmdline_parse, _get */
Suite *backtrace_suite(void); /* kernel/arch/x86_64/backtrace.c */
Suite *frame_suite(void);     /* kernel/frame.c: frame_table_* */
Suite *paging_suite(void);    /* kernel/arch/x86_64/paging.c: pt_* */
Suite *bootimage_suite(void); /* user/lib/bootimage.c, user/tools/bootimage_build.c */
Suite *elf_suite(void);       /* kernel/elf.c: elf_parse */
Suite *cspace_suite(void);    /* kernel/cspace.c: cspace_lookup, _cap, _empty */
Suite *cdt_suite(void);       /* kernel/cdt.c: the capability derivation tree */
Suite *derive_suite(void);   /* kernel/cnode.c, untyped.c: cap_derive, untyped_place */
Suite *uaccess_suite(void);  /* kernel/uaccess.c: user_check_range */
Suite *mi_suite(void);        /* grader/mi.c: the grader's GDB/MI parser */
Suite *sched_suite(void);     /* kernel/sched.c: ready queues, priority bitmap */
Suite *ipc_suite(void);       /* kernel/ipc.c, notification.c, fault.c */
Suite *fs_suite(void);        /* user/servers/file/fs.c: the file system */
Suite *mempool_suite(void);   /* user/servers/memory/pool.c: the buddy pool */
Suite *line_suite(void);      /* user/servers/console/line.c: the line discipline */
Suite *names_suite(void);     /* user/servers/name/table.c: the name table */
Suite *elfload_suite(void);   /* user/lib/elfload.c: loading ELF segments */
Suite *libc_suite(void);      /* user/libc: strings, ctype, conversions, qsort */
Suite *printf_suite(void);    /* user/libc/printf.c, strtod.c: against the host's */
Suite *malloc_suite(void);    /* user/libc/malloc.c: the heap and its invariants */
Suite *stdio_suite(void);     /* user/libc/stdio.c, scanf.c: against the host's */
Suite *libc2_suite(void);     /* user/libc: setjmp, time, environment, atexit, rand */
Suite *math_suite(void);      /* user/libc/math*.c: against the host's libm */
Suite *shparse_suite(void);   /* user/posix/sh/parse.c: the shell's parser */
Suite *libc_lua_suite(void);  /* user/libc: locale, signal, assert, freopen, tmpnam/tmpfile/remove, system */

/* unit_err_name: "0", "-ERR_DEPTH", ... for a kernel result, or the
 * number (main.c; for failure messages). */
const char *unit_err_name(int r);

#endif /* GRADER_UNIT_H */
