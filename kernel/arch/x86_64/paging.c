/*
 * paging.c: walking and editing x86-64 page tables (see paging.h).
 * Pure code over pt_env: the host unit tests run it on fake memory.
 */
#include "paging.h"
#include "memlayout.h"
#include <erix/errors.h>

struct pt_env pt_env;

/* table: the virtual address of the table an entry points to. */
static uint64_t *table(uint64_t entry)
{
	return pt_env.p2v(entry & PTE_ADDR);
}

/*
 * pt_walk (LAB 2 exercise).
 *
 * Requirements:
 *  - return a pointer to the entry that maps va at `level`, in the tables
 *    rooted at the PML4 at physical root: level 1 is a 4 KiB page's entry
 *    in its page table, level 2 a 2 MiB page's entry in its page directory
 *    (4 and 3 work the same way);
 *  - go down from level 4. At each level l above the target, take the
 *    entry pt_index(va, l):
 *      - not present: without create, return NULL; with create, get a
 *        table from pt_env.alloc() (0 means failure: return NULL) and
 *        point the entry at it with PTE_P | PTE_W | PTE_U and no other
 *        flag;
 *      - present with PTE_PS: a large page maps this range already:
 *        return NULL;
 *      - otherwise go on in the table it points to;
 *  - return NULL for a non-canonical va or a level outside 1..4, before
 *    making any table;
 *  - do not look at the target entry itself: present or not, the caller
 *    decides what to do with it.
 * Hint: table(entry) gives the next table's address; pt_env.p2v(root)
 * the PML4's.
 */
uint64_t *pt_walk(paddr_t root, vaddr_t va, int level, bool create)
{
#if LAB2_SOLUTION
	if (!va_canonical(va) || level < 1 || level > 4)
		return NULL;
	uint64_t *t = pt_env.p2v(root);
	for (int l = 4; l > level; l--) {
		uint64_t *e = &t[pt_index(va, l)];
		if (!(*e & PTE_P)) {
			if (!create)
				return NULL;
			paddr_t next = pt_env.alloc();
			if (!next)
				return NULL;
			*e = next | PTE_P | PTE_W | PTE_U;
		} else if (*e & PTE_PS) {
			return NULL;
		}
		t = table(*e);
	}
	return &t[pt_index(va, level)];
#else
	/* LAB 2: your code here. Until then no address can be mapped. */
	(void)root, (void)va, (void)level, (void)create, (void)table;
	return NULL;
#endif
}

/* map_at: the common part of pt_map and pt_map_large. */
static int map_at(paddr_t root, vaddr_t va, paddr_t pa, uint64_t flags,
		  int level, uint64_t size)
{
	if (va % size || pa % size || !va_canonical(va) || (pa & ~PTE_ADDR))
		return -ERR_INVALID;
	uint64_t *e = pt_walk(root, va, level, true);
	if (!e) {
		/* A large page in the way, or no memory for a table. */
		uint64_t *big = level == 1 ? pt_walk(root, va, 2, false) : NULL;
		return big && (*big & PTE_PS) ? -ERR_EXISTS : -ERR_NO_MEMORY;
	}
	if (*e & PTE_P)
		return -ERR_EXISTS;
	*e = pa | (flags & PTE_FLAGS) | PTE_P | (level == 2 ? PTE_PS : 0);
	return 0;
}

int pt_map(paddr_t root, vaddr_t va, paddr_t pa, uint64_t flags)
{
	return map_at(root, va, pa, flags & ~PTE_PS, 1, PAGE_SIZE);
}

int pt_map_large(paddr_t root, vaddr_t va, paddr_t pa, uint64_t flags)
{
	return map_at(root, va, pa, flags, 2, LARGE_PAGE_SIZE);
}

int pt_unmap(paddr_t root, vaddr_t va)
{
	if (!va_canonical(va))
		return -ERR_INVALID;
	uint64_t *e = pt_walk(root, va, 2, false);
	if (e && (*e & PTE_P) && (*e & PTE_PS)) {
		if (va % LARGE_PAGE_SIZE)
			return -ERR_INVALID;
		*e = 0;
		return 0;
	}
	if (va % PAGE_SIZE)
		return -ERR_INVALID;
	e = pt_walk(root, va, 1, false);
	if (!e || !(*e & PTE_P))
		return -ERR_NOT_MAPPED;
	*e = 0;
	return 0;
}

bool pt_translate(paddr_t root, vaddr_t va, paddr_t *pa, uint64_t *flags)
{
	if (!va_canonical(va))
		return false;
	uint64_t eff = PTE_P | PTE_W | PTE_U;
	uint64_t *t = pt_env.p2v(root);
	for (int l = 4; l >= 1; l--) {
		uint64_t e = t[pt_index(va, l)];
		if (!(e & PTE_P))
			return false;
		eff &= (e & (PTE_W | PTE_U)) | PTE_P | PTE_NX;
		eff |= e & PTE_NX;
		if (l == 1 || (l == 2 && (e & PTE_PS))) {
			uint64_t size = l == 1 ? PAGE_SIZE : LARGE_PAGE_SIZE;
			*pa = (e & PTE_ADDR & ~(size - 1)) + va % size;
			*flags = eff | (l == 2 ? PTE_PS : 0);
			return true;
		}
		t = table(e);
	}
	return false;
}
