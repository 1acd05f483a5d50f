/*
 * spawn.c: starting a program in a process of its own (see spawn.h).
 *
 * The steps, each on capabilities the spawner holds:
 *
 *   1. check the image: elf_parse (kernel/elf.c, the same code and checks
 *      the kernel uses for the root task);
 *   2. retype the process's objects from its Untyped into the window: a
 *      CNode (then minted with a zero guard, so that its CPtrs are slot
 *      numbers), a VSpace, a TCB;
 *   3. load each segment (elf_load_segment, elfload.c): fresh Frames, filled through the
 *      spawner's scratch mapping, then mapped into the new VSpace with the
 *      segment's rights; then the stack, the IPC buffer and the proc_info
 *      page;
 *   4. fill the new CNode: its own objects at P_CNODE.., and what the
 *      spawner gives (s->give[]);
 *   5. configure the TCB (CSpace, VSpace, IPC buffer, fault handler,
 *      registers) and resume it.
 */
#include "spawn.h"
#include "elf.h"
#include "elfload.h"
#include "status.h"

#define PAGE 4096ull
#define SPAWN_SCRATCH 0x00007f0000000000ull /* where new frames are filled */

static erix_cptr_t own_vspace, scratch_frame;

long spawn_init(erix_cptr_t vspace, erix_cptr_t untyped)
{
	own_vspace = vspace;
	/* Map a frame at the scratch address once, so that the page tables
	 * on its path exist (made from the spawner's own memory, never from
	 * a process's, which a revoke takes away); then unmap it. */
	scratch_frame = retype_new(untyped, ERIX_OBJ_FRAME, 0);
	if (!scratch_frame)
		return -ERR_NO_MEMORY;
	long err = map_page(untyped, vspace, scratch_frame, SPAWN_SCRATCH,
			    ERIX_RIGHT_READ | ERIX_RIGHT_WRITE);
	if (err < 0)
		return err;
	return frame_unmap(scratch_frame);
}

/* take: the next slot of the window, or 0 when it is used up. */
static erix_cptr_t take(struct spawn *s)
{
	return s->slots_used < s->window_size ? s->window + s->slots_used++ : 0;
}

/* make: retype one object of type (size_bits) from the process's Untyped
 * into the next slot of the window; its slot, or 0. */
static erix_cptr_t make(struct spawn *s, unsigned type, unsigned size_bits)
{
	erix_cptr_t slot = take(s);
	if (!slot || untyped_retype(s->untyped, type, size_bits, slot) != 0)
		return 0;
	if (type == ERIX_OBJ_FRAME)
		s->frames++;
	return slot;
}

/* map_in: map frame at va in the new VSpace, with rights (and exec),
 * making the page tables its path lacks. */
static long map_in(struct spawn *s, erix_cptr_t frame, uint64_t va, unsigned rights, bool exec)
{
	long err;
	while ((err = frame_map(frame, s->vspace, va, rights, exec ? ERIX_MAP_EXEC : 0)) ==
	       -ERR_NO_TABLE) {
		erix_cptr_t pt = make(s, ERIX_OBJ_PAGE_TABLE, 0);
		if (!pt)
			return -ERR_NO_MEMORY;
		if ((err = page_table_map(pt, s->vspace, va)) < 0)
			return err;
	}
	return err;
}

/* scratch: map frame at the scratch address; the page, or NULL. The
 * caller calls unscratch before mapping the frame anywhere else. */
static uint8_t *scratch(erix_cptr_t frame)
{
	if (frame_map(frame, own_vspace, SPAWN_SCRATCH, ERIX_RIGHT_READ | ERIX_RIGHT_WRITE, 0) < 0)
		return NULL;
	return (uint8_t *)SPAWN_SCRATCH;
}
static void unscratch(erix_cptr_t frame) { frame_unmap(frame); }

/* new_page: a fresh Frame for the new process, holding len bytes of src
 * (the rest zero) and mapped at va with rights; its slot, or 0. */
static erix_cptr_t new_page(struct spawn *s, const void *src, uint64_t len, uint64_t va,
			    unsigned rights, bool exec)
{
	erix_cptr_t f = make(s, ERIX_OBJ_FRAME, 0);
	uint8_t *page = f ? scratch(f) : NULL;
	if (!page)
		return 0;
	memset(page, 0, PAGE);
	if (len)
		memcpy(page, src, len);
	unscratch(f);
	if (map_in(s, f, va, rights, exec) != 0)
		return 0;
	if (s->page_va)
		s->page_va[f - s->window] = va | SPAWN_VA_FRAME |
					    (rights & ERIX_RIGHT_WRITE ? SPAWN_VA_WRITE : 0) |
					    (exec ? SPAWN_VA_EXEC : 0);
	return f;
}

erix_cptr_t spawn_page(struct spawn *s, const void *src, uint64_t len, uint64_t va,
		       unsigned rights, bool exec)
{
	return new_page(s, src, len, va, rights, exec);
}

/* pager_page: elfload.h's pager callback: one page through new_page. */
static long pager_page(void *ctx, const void *src, uint64_t len, uint64_t va, unsigned rights,
		       bool exec)
{
	return new_page(ctx, src, len, va, rights, exec) ? 0 : -ERR_NO_MEMORY;
}

/* give: copy (or mint) src from the spawner's CSpace into slot dest of the
 * new CNode. */
static long give(struct spawn *s, const struct spawn_give *g)
{
	uint64_t what = 0;
	if (g->mint)
		return cnode_mint(s->cnode, g->dest, g->src, g->rights, g->badge);
	if (g->move)
		return cnode_move(s->cnode, g->dest, g->src);
	if (cap_identify(g->src, &what) == 0 && ERIX_IDENTIFY_TYPE(what) == ERIX_OBJ_UNTYPED)
		return cnode_move(s->cnode, g->dest, g->src);
	return cnode_copy(s->cnode, g->dest, g->src, g->rights);
}

void spawn_give_cap(struct spawn *s, uint64_t dest, erix_cptr_t src, unsigned rights)
{
	if (s->ngive < SPAWN_MAX_GIVE)
		s->give[s->ngive++] = (struct spawn_give){ dest, src, rights, false, 0, false };
}

void spawn_give_badged(struct spawn *s, uint64_t dest, erix_cptr_t src, unsigned rights,
		       uint64_t badge)
{
	if (s->ngive < SPAWN_MAX_GIVE)
		s->give[s->ngive++] = (struct spawn_give){ dest, src, rights, true, badge, false };
}

void spawn_give_move(struct spawn *s, uint64_t dest, erix_cptr_t src)
{
	if (s->ngive < SPAWN_MAX_GIVE)
		s->give[s->ngive++] = (struct spawn_give){ dest, src, 0, false, 0, true };
}

/* own_cnode: the spawner's CNode (the root task's or a process's). */
static erix_cptr_t own_cnode(void) { return procinfo ? P_CNODE : ERIX_ROOT_CNODE; }

/* TRY, MADE: a step of spawn(); on its failure, *why names it. */
#define TRY(e)                               \
	do {                                     \
		long err_ = (e);                     \
		if (err_ < 0) {                      \
			*why = #e;                       \
			return err_;                     \
		}                                    \
	} while (0)
#define MADE(slot)                           \
	do {                                     \
		if (!(slot)) {                       \
			*why = #slot;                    \
			return -ERR_NO_MEMORY;           \
		}                                    \
	} while (0)

long spawn_objects(struct spawn *s, const char **why)
{
	*why = "";
	s->slots_used = s->frames = 0;
	if (s->page_va)
		memset(s->page_va, 0, s->window_size * sizeof(*s->page_va));
	unsigned bits = s->cnode_bits ? s->cnode_bits : PROC_CNODE_BITS;
	erix_cptr_t raw = make(s, ERIX_OBJ_CNODE, bits);
	MADE(raw);
	MADE(s->cnode = take(s));
	TRY(cnode_mint(own_cnode(), s->cnode, raw, ERIX_RIGHTS_ALL,
		       ERIX_GUARD(ERIX_WORD_BITS - bits, 0)));
	MADE(s->vspace = make(s, ERIX_OBJ_VSPACE, 0));
	MADE(s->tcb = make(s, ERIX_OBJ_TCB, 0));
	return 0;
}

long spawn_finish(struct spawn *s, uint64_t rip, uint64_t rsp, uint64_t rdi, const char **why)
{
	const unsigned rw = ERIX_RIGHT_READ | ERIX_RIGHT_WRITE;
	unsigned bits = s->cnode_bits ? s->cnode_bits : PROC_CNODE_BITS;
	*why = "";
	erix_cptr_t buffer = new_page(s, NULL, 0, PROC_IPC_BUFFER, rw, false);
	MADE(buffer);
	s->info.magic = PROC_INFO_MAGIC;
	s->info.cnode_bits = bits;
	if (!s->info.free_start)
		s->info.free_start = P_FIRST_FREE;
	s->info.free_end = 1ull << bits;
	erix_cptr_t info = new_page(s, &s->info, sizeof(s->info), PROC_INFO_ADDR,
				    ERIX_RIGHT_READ, false);
	MADE(info);

	/* Its CSpace. */
	TRY(cnode_copy(s->cnode, P_CNODE, s->cnode, ERIX_RIGHTS_ALL));
	TRY(cnode_copy(s->cnode, P_VSPACE, s->vspace, ERIX_RIGHTS_ALL));
	TRY(cnode_copy(s->cnode, P_TCB, s->tcb, ERIX_RIGHTS_ALL));
	TRY(cnode_copy(s->cnode, P_IPC_BUFFER, buffer, rw));
	TRY(cnode_copy(s->cnode, P_INFO, info, ERIX_RIGHT_READ));
	for (unsigned i = 0; i < s->ngive; i++)
		TRY(give(s, &s->give[i]));
	for (uint64_t i = 0; i < s->copy_count; i++)
		TRY(cnode_copy(s->cnode, s->copy_dest + i, s->copy_src + i, s->copy_rights));

	/* Its thread. */
	TRY(tcb_configure(s->tcb, s->cnode, s->vspace, buffer, PROC_IPC_BUFFER));
	if (s->fault_ep)
		TRY(tcb_set_fault_handler(s->tcb, s->fault_ep));
	if (s->bind)
		TRY(tcb_bind_notification(s->tcb, s->bind));
	TRY(tcb_set_registers(s->tcb, rip, rsp, rdi));
	return s->hold ? 0 : tcb_resume(s->tcb);
}

long spawn(struct spawn *s, const char **why)
{
	struct elf_image img;
	enum elf_status st = elf_parse(s->elf, s->elf_size, PROC_IPC_BUFFER - PAGE, &img);
	*why = "";
	if (st != ELF_OK) {
		*why = elf_strerror(st);
		return -ERR_BAD_IMAGE;
	}
	long err = spawn_objects(s, why);
	if (err < 0)
		return err;

	/* The pages: the program and its stack (spawn_finish adds the IPC
	 * buffer and the proc_info page). */
	const struct elf_pager pager = { pager_page, s };
	for (unsigned i = 0; i < img.nsegments; i++)
		TRY(elf_load_segment(s->elf, &img.seg[i], &pager));
	const unsigned rw = ERIX_RIGHT_READ | ERIX_RIGHT_WRITE;
	for (unsigned i = 1; i <= PROC_STACK_PAGES; i++)
		MADE(new_page(s, NULL, 0, PROC_STACK_TOP - i * PAGE, rw, false));
	return spawn_finish(s, img.entry, PROC_STACK_TOP, PROC_INFO_ADDR, why);
}
