/*
 * vspace.c: VSpace, PageTable and Frame objects (see vspace.h).
 */
#include "vspace.h"
#include "arch.h"
#include "cspace.h"
#include "invocation.h"
#include "memlayout.h"
#include "paging.h"
#include "tcb.h"
#include "cdt.h"
#include "kstring.h"
#include <erix/errors.h>
#include <erix/invocation.h>
#include <erix/syscall.h>

paddr_t asid_table[ASID_COUNT];

/* asid_users[a]: the Frame and PageTable capabilities that record ASID a
 * (a mapping they made in VSpace a). An ASID goes back to the pool only
 * when its VSpace is gone *and* no capability records it: otherwise a
 * stale capability, whose VSpace died, would name the next VSpace given
 * that ASID, and its unmap remove a mapping of the same frame that
 * another capability made there. */
static uint32_t asid_users[ASID_COUNT];

/* asid_reusable: is ASID a free for a new VSpace? */
static bool asid_reusable(unsigned a) { return !asid_table[a] && !asid_users[a]; }

paddr_t vspace_root(const struct cap *vs) { return virt_to_phys(vs->obj); }

void vspace_activate(paddr_t root) { kvm_activate(root); }

bool vspace_asid_free(void)
{
	for (unsigned a = 1; a < ASID_COUNT; a++)
		if (asid_reusable(a))
			return true;
	return false;
}

uint32_t vspace_init(uintptr_t pml4)
{
	uint64_t *dst = (uint64_t *)pml4;
	const uint64_t *src = phys_to_virt(kernel_pml4);
	for (unsigned i = PT_ENTRIES / 2; i < PT_ENTRIES; i++)
		dst[i] = src[i];
	for (uint32_t a = 1; a < ASID_COUNT; a++) {
		if (asid_reusable(a)) {
			asid_table[a] = virt_to_phys(pml4);
			return a;
		}
	}
	return 0; /* not reached: the caller checked vspace_asid_free */
}

void vspace_destroy(const struct cap *c)
{
	paddr_t root = virt_to_phys(c->obj);
	if (c->asid < ASID_COUNT && asid_table[c->asid] == root)
		asid_table[c->asid] = 0;
	if (kvm_is_active(root)) /* off the dying tables, onto the kernel's */
		kvm_activate(kernel_pml4);
}

/* entry_of: the entry that capability c (a Frame or a PageTable that
 * records a mapping) made, if it is still in place: its VSpace alive, the
 * entry present and pointing at c's object; else NULL. A PageTable's
 * entry is one level above the level it became. */
static uint64_t *entry_of(const struct cap *c)
{
	paddr_t root = c->asid < ASID_COUNT ? asid_table[c->asid] : 0;
	if (!root)
		return NULL;
	uint64_t va = cap_mapped_vaddr(c), *e;
	if (c->type == ERIX_OBJ_FRAME) {
		e = pt_walk(root, va, 1, false);
	} else {
		int level = cap_table_level(c) + 1;
		e = level == 4 ? (uint64_t *)phys_to_virt(root) + pt_index(va, 4)
			       : pt_walk(root, va, level, false);
		if (e && (*e & PTE_PS))
			return NULL;
	}
	return e && (*e & PTE_P) && (*e & PTE_ADDR) == virt_to_phys(c->obj) ? e : NULL;
}

void vspace_unmap_cap(struct cap *c)
{
	if (!c->asid)
		return;
	uint64_t *e = entry_of(c);
	if (e) {
		*e = 0;
		kvm_flush(asid_table[c->asid]);
	}
	/* A PageTable is emptied: mapped again later, perhaps at another
	 * level, its old entries would be read as tables of the wrong kind (a
	 * frame of the user's taken for a page table: all of memory). */
	if (c->type == ERIX_OBJ_PAGE_TABLE)
		memset((void *)c->obj, 0, PAGE_SIZE);
	if (c->asid < ASID_COUNT && asid_users[c->asid])
		asid_users[c->asid]--;
	cap_record_mapping(c, 0, 0, 0);
}

void vspace_map_frame(const struct cap *vs, struct cap *f, uint64_t vaddr, bool write,
		      bool exec)
{
	uint64_t *pte = pt_walk(vspace_root(vs), vaddr, 1, false);
	*pte = virt_to_phys(f->obj) | PTE_P | PTE_U | (write ? PTE_W : 0) | (exec ? 0 : PTE_NX);
	cap_record_mapping(f, vs->asid, vaddr, 0);
	asid_users[vs->asid]++;
}

int vspace_map_table(const struct cap *vs, struct cap *pt, uint64_t vaddr)
{
	uint64_t *table = (uint64_t *)vs->obj;
	for (int level = 4; level >= 2; level--) {
		uint64_t *e = &table[pt_index(vaddr, level)];
		if ((*e & PTE_P) == 0) { /* missing: pt goes here */
			*e = virt_to_phys(pt->obj) | PTE_P | PTE_W | PTE_U;
			cap_record_mapping(pt, vs->asid, vaddr, level - 1);
			asid_users[vs->asid]++;
			return level - 1;
		}
		if (*e & PTE_PS)
			return 0;
		table = phys_to_virt(*e & PTE_ADDR);
	}
	return 0;
}

/*
 * The check (selfcheck.c, make fuzz): every mapping in every live VSpace
 * is one a capability records, and the capabilities' records are counted
 * right. First each Frame and PageTable capability that records a
 * mapping, and finds it in place, marks the entry with a bit the CPU
 * ignores (CHECK_MARK); then a walk of each VSpace's user half finds
 * every present entry marked (unmarking it as it goes). An unmarked one
 * is a mapping no capability accounts for: memory a user could still
 * reach after the capability that gave it is gone.
 */
#define CHECK_MARK (1ull << 9) /* "available to software" at every level */

/* unmarked: walk the table at pa (a level-`level` table of the user
 * half), unmarking; how many present entries were not marked. A level-1
 * table's entries are pages; the others' are tables, walked in turn
 * (three levels: bounded recursion). */
static uint64_t unmarked(paddr_t pa, int level, unsigned entries)
{
	uint64_t *t = phys_to_virt(pa), bad = 0;
	for (unsigned i = 0; i < entries; i++) {
		if (!(t[i] & PTE_P))
			continue;
		if (!(t[i] & CHECK_MARK) || (level > 1 && (t[i] & PTE_PS)))
			bad++;
		t[i] &= ~CHECK_MARK;
		if (level > 1 && !(t[i] & PTE_PS))
			bad += unmarked(t[i] & PTE_ADDR, level - 1, PT_ENTRIES);
	}
	return bad;
}

const char *vspace_check(void)
{
	static uint32_t users[ASID_COUNT];
	memset(users, 0, sizeof(users));
	for (struct cte *c = cdt_root.child; c; c = cdt_preorder_next(c)) {
		if ((c->cap.type != ERIX_OBJ_FRAME && c->cap.type != ERIX_OBJ_PAGE_TABLE) ||
		    !c->cap.asid)
			continue;
		if (c->cap.asid >= ASID_COUNT)
			return "a Frame or PageTable capability records an ASID out of range";
		users[c->cap.asid]++;
		uint64_t *e = entry_of(&c->cap);
		if (e)
			*e |= CHECK_MARK;
	}
	uint64_t bad = 0;
	for (unsigned a = 1; a < ASID_COUNT; a++)
		if (asid_table[a])
			bad += unmarked(asid_table[a], 4, PT_ENTRIES / 2); /* the user half */
	if (bad)
		return "a mapping in a VSpace that no Frame or PageTable capability records";
	for (unsigned a = 0; a < ASID_COUNT; a++)
		if (users[a] != asid_users[a])
			return "asid_users disagrees with the capabilities that record each ASID";
	return NULL;
}

/* user_page: is va a page-aligned address of user space? */
static bool user_page(uint64_t va)
{
	return va % PAGE_SIZE == 0 && va >= ERIX_USER_MIN && va < ERIX_USER_TOP;
}

int decode_frame_invocation(struct tcb *t, struct cte *c, const struct invocation *inv,
			    uint64_t *out)
{
	struct cte *vs;
	int err;
	switch (inv->label) {
	case ERIX_FRAME_MAP: {
		if ((err = cspace_lookup_cap(t, inv->mr[0], ERIX_OBJ_VSPACE, 0, &vs)))
			return err;
		uint64_t va = inv->mr[1], rights = inv->mr[2];
		if (!user_page(va))
			return -ERR_BAD_ADDRESS;
		if ((rights & ~(uint64_t)(ERIX_RIGHT_READ | ERIX_RIGHT_WRITE)) ||
		    (inv->mr[3] & ~(uint64_t)ERIX_MAP_EXEC) || !(rights & ERIX_RIGHT_READ))
			return -ERR_INVALID;
		if ((rights & ~(uint64_t)c->cap.rights))
			return -ERR_RIGHTS; /* a read-only frame is never mapped writable */
		if (c->cap.asid)
			return -ERR_EXISTS; /* one mapping per capability: copy it */
		uint64_t *pte = pt_walk(vspace_root(&vs->cap), va, 1, false);
		if (!pte)
			return -ERR_NO_TABLE;
		if (*pte & PTE_P)
			return -ERR_EXISTS;
		vspace_map_frame(&vs->cap, &c->cap, va, rights & ERIX_RIGHT_WRITE,
				 inv->mr[3] & ERIX_MAP_EXEC);
		return 0;
	}
	case ERIX_FRAME_UNMAP:
		if (!c->cap.asid)
			return -ERR_NOT_MAPPED; /* this capability mapped nothing */
		vspace_unmap_cap(&c->cap);
		return 0;
	case ERIX_FRAME_ADDRESS:
		*out = virt_to_phys(c->cap.obj);
		return 0;
	default:
		return -ERR_BAD_LABEL;
	}
}

int decode_page_table_invocation(struct tcb *t, struct cte *c, const struct invocation *inv,
				 uint64_t *out)
{
	struct cte *vs;
	int err;
	switch (inv->label) {
	case ERIX_PAGE_TABLE_MAP:
		/* One table, one place, one level: only its original capability
		 * maps it (two mappings at different levels would let entries
		 * of one kind be read as another). */
		if (!cdt_is_final(c))
			return -ERR_INVALID;
		if ((err = cspace_lookup_cap(t, inv->mr[0], ERIX_OBJ_VSPACE, 0, &vs)))
			return err;
		if (inv->mr[1] < ERIX_USER_MIN || inv->mr[1] >= ERIX_USER_TOP)
			return -ERR_BAD_ADDRESS;
		if (c->cap.asid)
			return -ERR_EXISTS;
		int level = vspace_map_table(&vs->cap, &c->cap, inv->mr[1]);
		if (!level)
			return -ERR_EXISTS; /* every table on the path is there */
		*out = (uint64_t)level;
		return 0;
	case ERIX_PAGE_TABLE_UNMAP:
		if (!c->cap.asid)
			return -ERR_NOT_MAPPED;
		vspace_unmap_cap(&c->cap);
		return 0;
	default:
		return -ERR_BAD_LABEL;
	}
}
