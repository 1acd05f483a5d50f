/*
 * spawn.h: starting a program in a process of its own (lab 5), for init
 * and the process server.
 *
 * A process is a CNode, a VSpace, a TCB, an IPC buffer, a proc_info page,
 * a stack and its program's segments, every object made from one Untyped
 * the spawner names: revoking that Untyped ends the process and gives all
 * its memory back. The spawner keeps its capabilities to these objects in
 * a window of its own slots, emptied by that revoke.
 */
#ifndef USER_LIB_SPAWN_H
#define USER_LIB_SPAWN_H

#include "ulib.h"
#include "proc.h"

#define SPAWN_MAX_GIVE 48

/* A capability the new process gets: a copy (or, with mint, a badged
 * copy) of src, from the spawner's CSpace, in its slot dest; an Untyped,
 * which is never copied, is moved there. */
struct spawn_give {
	uint64_t dest;
	erix_cptr_t src;
	unsigned rights;
	bool mint;
	uint64_t badge;
	bool move;      /* moved, not copied (the spawner's slot emptied) */
};

struct spawn {
	/* in */
	const void *elf;       /* the program image, in the spawner's memory */
	uint64_t elf_size;
	erix_cptr_t untyped;   /* every object comes from here ... */
	unsigned untyped_bits; /* ... of 2^untyped_bits bytes */
	erix_cptr_t window;    /* the spawner's slots [window, window + */
	unsigned window_size;  /*   window_size) for the objects */
	erix_cptr_t fault_ep;  /* the TCB's fault handler (0: none) */
	erix_cptr_t bind;      /* a Notification to bind to the TCB (0: none) */
	unsigned cnode_bits;   /* its CNode's size (0: PROC_CNODE_BITS) */
	struct proc_info info; /* its proc_info; magic, cnode_bits and the
				  free range are filled in here */
	unsigned ngive;
	struct spawn_give give[SPAWN_MAX_GIVE];
	/* and a run of capabilities: copies of the spawner's slots
	 * [copy_src, copy_src + copy_count) in its slots from copy_dest */
	erix_cptr_t copy_src;
	uint64_t copy_count, copy_dest;
	unsigned copy_rights;
	/* optional: window_size words the spawner keeps; spawn notes in
	 * page_va[i] where the Frame in slot window + i is mapped (the
	 * address | SPAWN_VA_FRAME, | SPAWN_VA_WRITE, | SPAWN_VA_EXEC), 0 for
	 * a slot that holds no mapped Frame (the process server copies a
	 * process's pages for fork from this record) */
	uint64_t *page_va;
	bool hold;             /* spawn_finish leaves the thread stopped (the
				  spawner resumes it: the process server's
				  fork, which gives it capabilities first) */
	/* out: the spawner's capabilities to the process's objects */
	erix_cptr_t cnode, vspace, tcb;
	unsigned slots_used;   /* of the window */
	unsigned frames;       /* Frames made: segments, stack, buffer, info */
};

/*
 * spawn_init: get ready to spawn: the spawner's own VSpace, and an
 * Untyped of its own for the page tables of its scratch window (where it
 * maps each new frame to fill it). Call once. 0 or a negative error.
 */
long spawn_init(erix_cptr_t own_vspace, erix_cptr_t own_untyped);

/*
 * spawn: check the ELF image (kernel/elf.c's elf_parse: bounds, W^X,
 * alignment, overlap, entry), make the process's objects from s->untyped
 * into the window, load its segments, give it its capabilities, and
 * start it. Returns 0, or a negative error (-ERR_BAD_IMAGE for a
 * malformed program, with *why saying what is wrong); on an error the
 * spawner revokes s->untyped to clean up.
 */
long spawn(struct spawn *s, const char **why);

/* What page_va[] notes with a mapped Frame's (page-aligned) address. */
#define SPAWN_VA_FRAME 1ull
#define SPAWN_VA_WRITE 2ull
#define SPAWN_VA_EXEC 4ull
#define SPAWN_VA_ADDR(v) ((v) & ~0xfffull)

/*
 * The steps of spawn, for a spawner that builds a process other than from
 * an ELF image (the process server's fork):
 *  - spawn_objects: the CNode, VSpace and TCB, into the window;
 *  - spawn_page: one more Frame, holding len bytes of src (the rest zero),
 *    mapped at va with rights (and exec); its slot, or 0;
 *  - spawn_finish: the IPC buffer and proc_info pages, the CSpace (its own
 *    objects, s->give, the copy run), the TCB configured with registers
 *    rip, rsp, rdi and resumed.
 * Each returns 0 or a negative error (*why naming the failed step), but
 * spawn_page.
 */
long spawn_objects(struct spawn *s, const char **why);
erix_cptr_t spawn_page(struct spawn *s, const void *src, uint64_t len, uint64_t va,
		       unsigned rights, bool exec);
long spawn_finish(struct spawn *s, uint64_t rip, uint64_t rsp, uint64_t rdi, const char **why);

/* spawn_give_cap: add one capability for the new process to s. */
void spawn_give_cap(struct spawn *s, uint64_t dest, erix_cptr_t src, unsigned rights);
void spawn_give_badged(struct spawn *s, uint64_t dest, erix_cptr_t src, unsigned rights,
		       uint64_t badge);
/* spawn_give_move: src itself, moved into the new process's slot dest. */
void spawn_give_move(struct spawn *s, uint64_t dest, erix_cptr_t src);

#endif /* USER_LIB_SPAWN_H */
