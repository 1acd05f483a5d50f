/*
 * invocation.h: a system call's arguments, decoded, and the decoders of
 * each object type's invocations (invoke.c dispatches to them).
 *
 * Each decode_* function does all the checking of what user space asked
 * (types, rights, slots, sizes, addresses) and returns its error; only
 * then does it call the operation itself (invoke_* or cdt_*), which
 * cannot fail on user input.
 */
#ifndef KERNEL_INVOCATION_H
#define KERNEL_INVOCATION_H

#include "cap.h"

struct tcb;

/* One system call, as syscall_decode read it from the registers. */
struct invocation {
	uint64_t nr;    /* enum erix_syscall */
	uint64_t cptr;  /* rdi: the capability invoked (ERIX_SYS_CALL) */
	uint64_t label; /* rsi: enum erix_invocation */
	uint64_t mr[4]; /* rdx, r10, r8, r9 */
};

/*
 * invoke: carry out the invocation inv by thread t: look up the
 * capability inv->cptr in t's CSpace and hand it to its type's decoder.
 * Returns 0 or an error; *out gets the result word, if there is one.
 */
int invoke(struct tcb *t, const struct invocation *inv, uint64_t *out);

int decode_untyped_invocation(struct tcb *t, struct cte *c, const struct invocation *inv);
int decode_cnode_invocation(struct tcb *t, struct cte *c, const struct invocation *inv);
int decode_frame_invocation(struct tcb *t, struct cte *c, const struct invocation *inv,
			    uint64_t *out);
int decode_page_table_invocation(struct tcb *t, struct cte *c, const struct invocation *inv,
				 uint64_t *out);
int decode_irq_control_invocation(struct tcb *t, struct cte *c, const struct invocation *inv);
int decode_irq_handler_invocation(struct tcb *t, struct cte *c, const struct invocation *inv,
				  uint64_t *out);
int decode_ioport_invocation(struct tcb *t, struct cte *c, const struct invocation *inv,
			     uint64_t *out);

#endif /* KERNEL_INVOCATION_H */
