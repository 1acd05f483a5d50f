/*
 * proc.h: how a process starts (lab 5): the page it is given, the fixed
 * slots of its CSpace, and where things sit in its address space.
 *
 * Every process but the root task is made by a spawner (init for the
 * servers, the process server for programs: user/lib/spawn.h) in a VSpace
 * and CSpace of its own. It starts at its ELF entry with RDI holding
 * PROC_INFO_ADDR, a read-only page with a struct proc_info, RSP at
 * PROC_STACK_TOP, and an IPC buffer (struct erix_ipc_buffer) mapped at
 * PROC_IPC_BUFFER. Its CNode has 2^PROC_CNODE_BITS slots, with a zero
 * guard so that CPtrs are slot numbers, as in the root task.
 */
#ifndef USER_PROC_H
#define USER_PROC_H

#include <stdint.h>

#define PROC_INFO_MAGIC 0x4f464e49434f5250ull /* "PROCINFO" */
#define PROC_INFO_ADDR 0x00007fffffffd000ull
#define PROC_IPC_BUFFER 0x00007fffffffc000ull
#define PROC_STACK_TOP 0x00007fffffff0000ull
#define PROC_STACK_PAGES 32
#define PROC_CNODE_BITS 10

/* The fixed slots of a process's CNode. A slot the spawner had nothing
 * for stays empty. */
enum proc_slot {
	P_NULL = 0,       /* reserved in every CNode */
	P_CNODE = 1,      /* its own CNode */
	P_VSPACE = 2,     /* its address space */
	P_TCB = 3,        /* its thread */
	P_IPC_BUFFER = 4, /* the Frame of its IPC buffer */
	P_INFO = 5,       /* the Frame of its proc_info page (read-only) */
	P_MEMORY = 6,     /* the memory server (memory.h), badged: this client */
	P_NAME = 7,       /* the name server (name.h) */
	P_CONSOLE = 8,    /* the console server (console.h) */
	P_FILE = 9,       /* the file server's name space (file.h) */
	P_PROCESS = 10,   /* the process server (process.h), badged with this
			     pid (unbadged, as init's, for init's test program) */
	P_EVENTS = 11,    /* a Notification of its own: servers signal it when
			     something it waits for may have happened */
	P_ENDPOINT = 12,  /* a server: the endpoint it serves (unbadged) */
	P_UNTYPED = 13,   /* memory of its own to make objects from, if any */
	P_REPLY = 14,     /* free for the library: a slot to receive into */
	P_PIPE = 15,      /* the pipe server (pipe.h), its PIPE_CREATE
			     capability (lab 6; the process server gives it) */
	P_EXTRA = 16,     /* from here, info->extra_count server-specific
			     capabilities (init's table says which) */
	P_FDS = 32,       /* a libc program's (lab 6): the capabilities of its
			     open files and pipe ends, PROC_FD_MAX slots, kept
			     in place by fork and execve (no extras then) */
	P_FIRST_FREE = 64 /* the free slots start here at the latest */
};

#define PROC_MAX_EXTRA 48
#define PROC_NAME_MAX 32
/* argv_text's room: the argument strings, each with its NUL. The process
 * server takes them from one PROC_SPAWN message, so that for now at most
 * MSG_DATA_MAX (224) bytes of path and arguments arrive; the room is
 * larger for a later protocol (a second message or a shared page). */
#define PROC_ARGV_MAX 3072
#define PROC_FD_MAX 32    /* a libc program's fds */
#define PROC_CWD_MAX 224  /* its current directory's path (FS_PATH_MAX) */

struct proc_info {
	uint64_t magic;        /* PROC_INFO_MAGIC */
	uint64_t pid;          /* its process number (servers: 1..) */
	uint64_t cnode_bits;   /* its CNode has 2^cnode_bits slots */
	uint64_t free_start;   /* free slots [free_start, free_end) */
	uint64_t free_end;
	uint64_t extra_count;  /* capabilities at P_EXTRA.. */
	uint64_t extra_words[PROC_MAX_EXTRA]; /* one word about each (memory
						 server: an Untyped's size_bits) */
	uint64_t args[8];      /* its inputs (a test's, the spawner's) */
	uint64_t untyped_bits; /* P_UNTYPED's size, 2^untyped_bits bytes */
	char name[PROC_NAME_MAX];  /* its program's name */
	char test[PROC_NAME_MAX];  /* the test it runs, if a test program */
	uint64_t image_size;   /* file server: the boot image's bytes, */
	uint64_t image_first;  /* in the Frames (read-only) at slots */
	uint64_t image_frames; /* [image_first, image_first + image_frames) */
	/* its command line (lab 6; the process server's programs): argc
	 * strings, one after another in argv_text, each ending in a NUL;
	 * argv[0] first. argc 0: none was given (the libc's start then uses
	 * name as argv[0]). The page is read-only: a program copies them. */
	uint32_t argc;
	/* what execve and fork pass on (lab 6): envc environment strings
	 * after the argc ones in argv_text; with has_fds, the fd table
	 * (one word per fd, the libc's encoding: user/libc/erix/fd.c), whose
	 * capabilities are at P_FDS..; the current directory (empty: "/") */
	uint64_t tsc_hz;       /* the clock (lab 6): the time-stamp counter's */
	uint64_t epoch;        /*   rate (0: unknown), and the calendar time */
	uint64_t epoch_tsc;    /*   (seconds since 1970, UTC; 0: unknown) when
				  the counter read epoch_tsc (init, at boot) */
	uint32_t envc;
	uint32_t has_fds;
	uint32_t fds[PROC_FD_MAX];
	char cwd[PROC_CWD_MAX];
	char argv_text[PROC_ARGV_MAX];
};

_Static_assert(sizeof(struct proc_info) <= 4096, "proc_info fits one page");
_Static_assert(__builtin_offsetof(struct proc_info, argv_text) + PROC_ARGV_MAX <= 4096,
	       "proc_info's argv_text fits its page");

#endif /* USER_PROC_H */
