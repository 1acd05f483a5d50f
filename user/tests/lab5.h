/*
 * tests/lab5.h: what the lab-5 test program (lab5.c) reports, for the
 * grader (grader/tests/lab5.c), which includes this header too.
 *
 * The program runs one test (its proc_info's test name, from the kernel
 * command line's test=), as a client of the servers, and at its end
 * leaves its results in the kernel's system-call log: each report an
 * invocation of the null CPtr with label LAB5_REPORT + tag and four
 * values (it fails, and does nothing else).
 */
#ifndef USER_TESTS_LAB5_H
#define USER_TESTS_LAB5_H

#include <stdint.h>

#define LAB5_REPORT 0x15000

/* lab5_rand: the inputs' generator, the same on both sides. */
static inline uint64_t lab5_rand(uint64_t *s)
{
	*s ^= *s << 13, *s ^= *s >> 7, *s ^= *s << 17;
	return *s;
}

/* lab5_fnv: FNV-1a over n bytes, from h (start with LAB5_FNV_START). */
#define LAB5_FNV_START 0xcbf29ce484222325ull
static inline uint64_t lab5_fnv(uint64_t h, const uint8_t *p, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

/* The reports' tags: each test's, in order. */
enum lab5_tag {
	/* lab5_files (args: seed, bytes) */
	T_FILE_WRITE = 1,  /* bytes written, error, -, - */
	T_FILE_READ,       /* bytes read, FNV of them, error, - */
	T_FILE_GAP,        /* size after the gap write, nonzero bytes in the gap, -, - */
	T_FILE_DIR,        /* entries in /t, sum of FNV of their names, -, - */
	T_FILE_ERRORS,     /* rename, stat old, unlink /t, open under a file */
	T_FILE_CLOSE,      /* a read after close, fstat of another open, -, - */
	T_FILE_MOTD,       /* /motd's size, FNV of its bytes, /bin/hello's type, - */
	T_FILE_UNLINKED,   /* read of an unlinked-but-open file: bytes, FNV, stat, - */
	/* lab5_memory (args: seed) */
	T_MEM_START = 20,  /* free, used, quota, - */
	T_MEM_FILL,        /* pieces of 1 MiB got, the error that ended it, page after, - */
	T_MEM_FRAME,       /* frame error, the word read back, retype from a piece, - */
	T_MEM_BAD,         /* free of a made-up handle, double free, bits 11, bits 25 */
	T_MEM_END,         /* free, used, quota after freeing all, - */
	/* lab5_names (args: nonce) */
	T_NAME_CONSOLE = 40, /* lookup error, type, rights, - */
	T_NAME_MISSING,      /* "nosuch", a prefix "con", register with a lookup badge, - */
	T_NAME_OWN,          /* register, lookup, its rights, duplicate register */
	T_NAME_GONE,         /* unregister, lookup after, unregister again, - */
	T_NAME_CALL,         /* a Call through the looked-up capability: error, word */
	/* lab5_spawn (args: status) */
	T_SPAWN_START = 60,  /* free before, -, -, - */
	T_SPAWN_HELLO,       /* spawn error, wait error, how, status */
	T_SPAWN_BAD,         /* no such file, not an ELF, a directory, - */
	T_SPAWN_END,         /* free after, alive, spawned, reaped */
	/* lab5_fault (args: address) */
	T_FAULT_READ = 80,   /* how, status (vector), address, - */
	T_FAULT_RODATA,      /* how, status, -, - */
	T_FAULT_NX,          /* how, status, -, - */
	T_FAULT_HOG,         /* how, status (pieces), -, - */
	T_FAULT_END,         /* free before, free after, a spawn after: error, status */
	/* lab5_kill */
	T_KILL = 100,        /* kill, wait: how, wait again, kill again */
	T_KILL_OTHERS,       /* wait with no child, kill of pid 1, wait any: error, both reaped */
	T_KILL_STRANGER,     /* wait for another's child, kill of it, kill of the parent, - */
	T_KILL_ORPHAN,       /* then the wait for that child: error, how, status, - */
	/* lab5_restart (args: nonce) */
	T_RESTART = 120,     /* crash error, write after: error, stats chars written, - */
	/* lab5_console (args: nonce) */
	T_CONSOLE = 140,     /* write error, bytes written (stats), read error, - */
	/* lab5_input: two lines typed on the serial console */
	T_INPUT = 160,       /* first line's length, its FNV, the second's, its FNV */
};

#endif /* USER_TESTS_LAB5_H */
