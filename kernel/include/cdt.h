/*
 * cdt.h: the capability derivation tree.
 *
 * Every capability except the boot ones was derived from another: retype
 * derives an object's first capability from the Untyped it was made from;
 * copy and mint derive a capability to the same object. The tree records
 * it: a slot's parent is what it was derived from; the boot capabilities
 * hang under cdt_root, a slot of the kernel's own.
 *
 *                     cdt_root
 *                  /            \
 *         Untyped A              (boot caps ...)
 *          /      \
 *   Endpoint E    CNode C          <- retyped from A: the originals
 *     /    \
 *   E'     E'' (badge 7)           <- copied / minted from E
 *            \
 *            E''' (badge 7, read only)
 *
 * The rules, which cdt_check() verifies:
 *  - An object lives as long as its original capability (the one retype
 *    made, whose parent is an Untyped or cdt_root). Derived capabilities
 *    never outlive their parent: deleting a capability deletes everything
 *    derived from it first. So deleting the original is deleting the last
 *    capability, and destroys the object.
 *  - A capability derived from a capability to the same object has at most
 *    its rights, and the same badge once one is set.
 *  - An object made from an Untyped lies inside it, below its watermark.
 *
 * Deleting a capability can destroy a CNode full of capabilities, whose
 * deletion can destroy more CNodes: the kernel never recurses on that (a
 * user could make the chain as long as memory allows). A destroyed CNode
 * goes on a list instead (cdt_cnode_dying), and cdt_reap() empties it,
 * slot by slot, until the list is empty.
 */
#ifndef KERNEL_CDT_H
#define KERNEL_CDT_H

#include "cap.h"

/* The root of the tree: parent of the boot capabilities. Never empty of
 * meaning, never in a CNode, type ERIX_OBJ_NULL. */
extern struct cte cdt_root;

/* cap_derive: the capability a copy (mint false) or a mint of src with
 * `rights` (and for a mint, a badge or guard) makes, in *out: 0, or
 * -ERR_WRONG_TYPE (an Untyped is never copied), -ERR_INVALID. (Lab 3
 * exercise: the requirements are above it in cnode.c.) */
int cap_derive(const struct cap *src, unsigned rights, bool mint, uint64_t badge,
	       struct cap *out);

/* cdt_insert_child: put cap into the empty slot `slot` as the newest child
 * of parent. */
void cdt_insert_child(struct cte *parent, struct cte *slot, struct cap cap);

/* cdt_move: move the capability in src (with its place in the tree: its
 * parent and children follow) to the empty slot dest; src becomes empty. */
void cdt_move(struct cte *dest, struct cte *src);

/* cdt_is_final: is c the original capability of its object (its parent
 * does not name the same object), whose removal destroys the object? */
bool cdt_is_final(const struct cte *c);

/* cdt_remove_leaf: remove c, which must have no children: undo what the
 * capability itself holds (a frame's mapping), unlink it, empty the slot,
 * and destroy the object if c was its original capability. */
void cdt_remove_leaf(struct cte *c);

/* cdt_hoist: y's parent x is a copy (x names the same object as its own
 * parent p): move y, with its subtree, from the head of x's children to
 * the head of p's. y stays derived from a capability to the same object,
 * with at most its rights, so every rule holds. O(1). */
void cdt_hoist(struct cte *y);

/* cdt_remove_descendants: remove every capability derived from c,
 * however deep, leaving c itself; no reaping. 0 when c has no children
 * left, or -ERR_PREEMPTED (preempt.h) when the entry's budget ran out:
 * call it again, with the same c, to go on. (Lab 3 exercise: the
 * requirements are above it in cdt.c.) */
int cdt_remove_descendants(struct cte *c);

/* cdt_revoke: cdt_remove_descendants, then an Untyped's watermark goes
 * back to 0. 0 or -ERR_PREEMPTED, as above. (Lab 3 exercise: the
 * requirements are above it in cdt.c.) */
int cdt_revoke(struct cte *c);

/* cdt_delete: remove c and every capability derived from it. 0, or
 * -ERR_PREEMPTED with c still there (and fewer descendants). (Lab 3
 * exercise: the requirements are above it in cdt.c.) */
int cdt_delete(struct cte *c);

/* cdt_preorder_next: the capability after c in a preorder walk of the
 * whole tree (down, else across, else up and across; NULL after the
 * last). Walk with `for (c = cdt_root.child; c; c = cdt_preorder_next(c))`:
 * no stack, however deep the tree. The tree must be well linked
 * (cdt_check checks the links as it goes, and stops at a bad one). */
struct cte *cdt_preorder_next(const struct cte *c);

/* The dying list: CNodes whose original capability is gone and whose
 * slots cdt_reap has not emptied yet, linked through their headers (slot
 * 0: struct cnode_header, cap.h), each marked dying and holding the next
 * slot to look at. Global, so that GDB finds it. */
extern struct cnode_header *cdt_dying_head;

/* cdt_cnode_dying: the CNode whose header this is has lost its original
 * capability: put it on the dying list for cdt_reap (object_destroy). */
void cdt_cnode_dying(struct cnode_header *h);

/* cdt_reap: empty the CNodes on the dying list, deleting what is in
 * their slots (which can put more CNodes on it), until it is empty: 0; or
 * -ERR_PREEMPTED, with the list as far as it got. Revoke and delete do
 * not reap (the slot they are working on could be in a dying CNode); the
 * system call layer does, before each call's work and after it
 * (syscall.c): a call that runs out of budget while reaping after its
 * work still returns its result, and the next kernel entry finishes the
 * reaping before any other work. So no call ever sees a dying CNode, and
 * no memory is retyped while a dying CNode still lies in it. */
int cdt_reap(void);

/*
 * cdt_check (cdt_check.c): check every rule above and the tree's links,
 * walking the whole tree from cdt_root (without recursion), and that the
 * dying list is well formed (between calls it holds what a call left
 * when its budget ran out; see cdt_reap). Returns the number of problems found (0: all is
 * well) and describes the first in cdt_check_error. The unit tests and
 * the .gdbinit command `cdt` call it; the grader checks the same rules
 * with its own reading of the tree (grader/tests/captree.c).
 */
int cdt_check(void);
extern char cdt_check_error[160];
extern uint64_t cdt_check_nodes; /* capabilities the last check visited */

#endif /* KERNEL_CDT_H */
