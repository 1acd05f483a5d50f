/*
 * root/tests.h: the root task's test programs (tests.c), selected with
 * test=NAME on the kernel command line (or, in a graded run, planted by
 * the grader through GDB), and what the grader needs to know to check
 * them from machine state (grader/tests/lab3*.c and grader/hidden/lab3*.c
 * include this).
 *
 * Expected results live here, and only here: the grader reads them. A
 * program whose system calls the grader checks one by one, in order, has
 * its calls as one list below, NAME_CALLS(X), an entry X(call, result)
 * for each, result 0 or -ERR_* (erix/errors.h). tests.c expands the list
 * with TEST_CALL, which makes the calls; the grader with TEST_RESULT,
 * which makes the array of what each must return. The call text is
 * compiled in tests.c only, so it may use tests.c's helpers and locals
 * (S(), ROOT, retype, ut, what, args, ...).
 *
 * Slots: a test puts the capabilities it makes in slots S(0), S(1), ...
 * where S(i) = bootinfo->empty.start + i, as each test's comment says;
 * the page tables and other incidentals go to slots from S(TEST_SCRATCH)
 * on. "ut" is the largest Untyped (untyped_find), untouched before.
 * Inputs come in bootinfo->test_args[]: the kernel command line's
 * arg0=... arg7= options (make qemu ARGS="test=caps_retype arg0=8 ..."),
 * or the random values the grader plants in their place.
 */
#ifndef USER_ROOT_TESTS_H
#define USER_ROOT_TESTS_H

#include <erix/errors.h>

#define TEST_SCRATCH 64          /* incidental slots start at S(64) */
#define TEST_VADDR 0x10000000ull /* where tests map frames */
#define TEST_CHILD_STACK_PAGES 2
#define TEST_FAR_SLOT 4000       /* a root slot no test fills (caps_empty_cspace) */

/*
 * caps_retype        args[0] = n (<= 16) objects retyped from ut into
 *                    S(0..n-1); args[1], args[2]: one byte per object,
 *                    low nibble the type, high nibble h a size code:
 *                    Untyped 2^(6 + h) bytes, CNode 2^(2 + h % 4) slots.
 * caps_retype_full   S(0): a 2^14-byte Untyped from ut; S(1..5): five
 *                    Frames asked of it (the fifth does not fit); then a
 *                    bad type, a bad size, a full destination; then an
 *                    Endpoint from ut into S(6).
 * caps_copy_mint     S(0) Endpoint; S(1) copy of S(0) with R|W; S(2) mint
 *                    of S(1) asking all rights; S(3) copy of S(2) with R;
 *                    S(4) mint of S(0) with R|G and badge args[0]; S(5)
 *                    copy of S(4) asking all; S(6) a copy of ut (refused);
 *                    S(7) a copy of S(0) with a bad rights mask (refused).
 * caps_badge_once    S(0) Endpoint; S(1) mint badge args[0]; S(2) mint of
 *                    S(1) with badge args[1] (refused); S(3) mint of S(1)
 *                    with badge 0; S(4) mint of S(1) with badge args[0];
 *                    S(5) mint of S(0) with bad rights bits (refused);
 *                    S(6) Frame; S(7) mint of S(6) with a badge (refused).
 * caps_revoke_untyped S(0) 2^16-byte Untyped U from ut; from U: S(1)
 *                    Endpoint, S(2) CNode (16 slots) holding copies of
 *                    S(1) in its slots 1 and 2, S(3) TCB configured with
 *                    S(2) and the root VSpace, S(4) Frame mapped at
 *                    TEST_VADDR holding args[0], S(5) Notification; S(6)
 *                    a mint of S(1); then revoke U; then S(7): a Frame
 *                    from U.
 * caps_revoke_endpoint S(0) Endpoint E; S(1) CNode C (16 slots); S(2)
 *                    copy of E; C[1] copy of E; C[2] mint of S(2) badge
 *                    9; C[3] copy of S(2); S(3) mint of E badge 4; C[4]
 *                    copy of S(3); S(4) another Endpoint, copied to C[5];
 *                    then revoke E.
 * caps_delete_last   S(0) VSpace V, S(1) copy of V, S(2) CNode C (8
 *                    slots), S(3) Endpoint E copied into C[1] and C[2],
 *                    S(4) VSpace W, S(5) copy of W; then delete S(1),
 *                    delete S(4), delete S(2).
 * caps_lookup        errors, in order (CAPS_LOOKUP_CALLS): the grader
 *                    checks each invocation's result. S(0) a guardless
 *                    mint of the root CNode (radix 12); S(1) CNode C2 (16
 *                    slots); S(2) guardless mint of C2; S(3) mint of C2
 *                    with a 4-bit guard 0xa; S(4) Endpoint; S(5) the root
 *                    TCB, read only; C2[5] a copy of S(4) made through a
 *                    two-level CPtr.
 * caps_empty_cspace  S(0) empty CNode; S(1) TCB T1 with CSpace S(0);
 *                    S(2) TCB T2; S(3) CNode, T2's CSpace, then deleted:
 *                    T2 runs with no CSpace root. Both try things, then
 *                    fault (ud2).
 * caps_frame_ro      S(0) Frame F; S(1) copy of F, read only; mapping
 *                    S(1) writable at TEST_VADDR is refused; S(1) mapped
 *                    read-only at TEST_VADDR; F read-write at TEST_VADDR +
 *                    4096; args[0] written there; then a write through
 *                    TEST_VADDR, which faults.
 * caps_user_pointers ERIX_SYS_DEBUG_PUTS and TCB_SET_REGISTERS with bad
 *                    addresses (CAPS_USER_POINTERS_PUTS, _REGS); then
 *                    prints "user pointers: nonce <args[0] in hex>"
 *                    (CAPS_USER_POINTERS_NONCE).
 * caps_syscall_abi   S(0) Endpoint; a call on it with label 0x7fff and
 *                    mr0..mr3 = args[0..3]; system calls 0 and 999; a
 *                    CAP_IDENTIFY of S(0); a yield with every register
 *                    set, then a call with label 0x7ffe whose mr0 is 1 if
 *                    every register but rax, rcx, r11 came back intact.
 * caps_revoke_deep   S(0) a 1 MiB Untyped U from the largest one; S(1)
 *                    Endpoint from U; S(2 .. n+1): a chain of n =
 *                    args[0] (<= 1000) mints, each of the one before;
 *                    S(n+2): a CNode holding a CNode holding ... m =
 *                    args[1] (<= 500) deep, each also holding a copy from
 *                    the chain; then revoke U.
 * caps_pt_levels     S(0) VSpace V; S(1) PageTable P; S(2) Frame F; S(3),
 *                    S(4) PageTables; S(3), S(4), P mapped at TEST_VADDR
 *                    in V (PDPT, PD, PT); F mapped there through P; S(5)
 *                    a copy of P, whose map (at TEST_VADDR + 1 GiB) is
 *                    refused; P unmapped, then mapped at TEST_VADDR + 1 GiB
 *                    (a PD now).
 * caps_irq           IRQHandler for line 4 in S(0); line 4 again, line 2
 *                    and line 16 (refused); delete S(0); line 4 into S(2);
 *                    line 0 (the timer's) into S(3), unmasked with Ack
 *                    until it has arrived once.
 * caps_fuzz          args[1] random system calls, seed args[0], on a
 *                    pool S(0..47) and a 1 MiB Untyped in S(48); no
 *                    I/O ports (they are the hardware's, not the kernel's);
 *                    every 64th call a CAP_IDENTIFY of the root CNode.
 * caps_move          S(0) Endpoint E; S(1) copy of E; S(2) copy of S(1);
 *                    move S(1) to S(5); a move onto S(0) (refused); then
 *                    revoke S(5).
 * caps_retype_fill   S(0): an Untyped U of 2^args[0] bytes from ut; then
 *                    n = args[1] (<= 24) objects retyped from U into
 *                    S(1..n), coded as in caps_retype, one byte each in
 *                    args[2..4]; then revoke U; then the same n objects
 *                    again into S(32..31+n).
 * caps_delete_subtree S(0) Untyped U (2^16) from ut; from U: S(1)
 *                    Endpoint E, S(2) CNode C (16 slots), S(3)
 *                    Notification N. S(4) mint of E (R|W, badge args[0]),
 *                    S(5) copy of S(4) (R), C[1] copy of S(5); revoke S(4).
 *                    S(6) copy of E, C[2] mint of S(6) (badge args[1]);
 *                    delete S(6). S(8) mint of N (badge args[2]), S(9)
 *                    copy of S(8) (R), C[3] copy of S(9); delete S(3). S(11)
 *                    Untyped V (2^12) from U, S(12) Endpoint from V;
 *                    delete S(12), revoke S(11). S(13) mint of C with
 *                    guard_bits 8 and guard args[3] & 0xff, C[4] copy of
 *                    S(13); revoke S(13).
 * caps_delete_dying  S(0) Untyped U (2^16) from ut; from U: S(1) CNode X,
 *                    S(2) CNode Y (16 slots each), S(3) Endpoint E; E
 *                    copied into X[2] and Y[2] (R); X copied into Y[3], Y
 *                    into X[3], X into S(4); X's original moved to Y[4],
 *                    Y's to X[4], U to X[1]; then U deleted through S(4)
 *                    (13 invocations, all succeed; nothing of U is left).
 * caps_delete_nested S(0) Untyped U (2^20) from ut; S(1) Endpoint from U;
 *                    S(2): CNode C_0 (4 slots) holding C_1's original in
 *                    slot 1, which holds C_2's ..., m = args[0] (<= 1000)
 *                    deep, each with a read-only copy of S(1) in slot 2;
 *                    then delete S(2).
 * caps_revoke_chain  S(0) Untyped (2^12) from ut; S(1) Endpoint from it;
 *                    S(2 .. n+1): a chain of n = args[0] (<= 3900)
 *                    copies, each of the one before, except that S(2 +
 *                    args[1]) is a mint with badge args[2]; revoke S(1).
 */

/* TEST_CALL: an entry of a list below as a statement (tests.c);
 * TEST_RESULT: as an element of an array of expected results (the
 * grader). */
#define TEST_CALL(call, result) call;
#define TEST_RESULT(call, result) result,

/* caps_retype_full (lab3_retype_full). */
#define CAPS_RETYPE_FULL_CALLS(X)                                                          \
	X(retype(ut, ERIX_OBJ_UNTYPED, 14, S(0)), 0)                                       \
	X(retype(S(0), ERIX_OBJ_FRAME, 0, S(1)), 0)                                        \
	X(retype(S(0), ERIX_OBJ_FRAME, 0, S(2)), 0)                                        \
	X(retype(S(0), ERIX_OBJ_FRAME, 0, S(3)), 0)                                        \
	X(retype(S(0), ERIX_OBJ_FRAME, 0, S(4)), 0)                                        \
	X(retype(S(0), ERIX_OBJ_FRAME, 0, S(5)), -ERR_NO_MEMORY)    /* 16 KiB hold four */ \
	X(retype(S(0), 99, 0, S(7)), -ERR_INVALID)                  /* no such type */     \
	X(retype(S(0), ERIX_OBJ_CNODE, 30, S(7)), -ERR_INVALID)     /* too many slots */   \
	X(retype(S(0), ERIX_OBJ_ENDPOINT, 0, S(1)), -ERR_SLOT_FULL) /* S(1) is full */     \
	X(retype(ut, ERIX_OBJ_ENDPOINT, 0, S(6)), 0)

/* caps_copy_mint (lab3_copy_mint_rights). */
#define CAPS_COPY_MINT_CALLS(X)                                                         \
	X(retype(ut, ERIX_OBJ_ENDPOINT, 0, S(0)), 0)                                    \
	X(cnode_copy(ROOT, S(1), S(0), ERIX_RIGHT_READ | ERIX_RIGHT_WRITE), 0)          \
	X(cnode_mint(ROOT, S(2), S(1), ERIX_RIGHTS_ALL, 0), 0) /* gets R|W only */      \
	X(cnode_copy(ROOT, S(3), S(2), ERIX_RIGHT_READ), 0)                             \
	X(cnode_mint(ROOT, S(4), S(0), ERIX_RIGHT_READ | ERIX_RIGHT_GRANT, args[0]), 0) \
	X(cnode_copy(ROOT, S(5), S(4), ERIX_RIGHTS_ALL), 0)    /* gets R|G only */      \
	/* An Untyped capability is never copied; nor are rights outside                \
	 * ERIX_RIGHTS_ALL asked for. */                                                \
	X(cnode_copy(ROOT, S(6), ut, ERIX_RIGHTS_ALL), -ERR_WRONG_TYPE)                 \
	X(cnode_copy(ROOT, S(7), S(0), 0x80), -ERR_INVALID)

/* caps_badge_once (lab3_badge_once). */
#define CAPS_BADGE_ONCE_CALLS(X)                                                                  \
	X(retype(ut, ERIX_OBJ_ENDPOINT, 0, S(0)), 0)                                              \
	X(cnode_mint(ROOT, S(1), S(0), ERIX_RIGHTS_ALL, args[0]), 0)                              \
	/* A badge is set once: a different one is refused; badge 0 or the                        \
	 * same badge keeps it. */                                                                \
	X(cnode_mint(ROOT, S(2), S(1), ERIX_RIGHTS_ALL, args[1]), -ERR_INVALID)                   \
	X(cnode_mint(ROOT, S(3), S(1), ERIX_RIGHTS_ALL, 0), 0)                                    \
	X(cnode_mint(ROOT, S(4), S(1), ERIX_RIGHTS_ALL, args[0]), 0)                              \
	X(cnode_mint(ROOT, S(5), S(0), 0x88, 7), -ERR_INVALID) /* rights outside the mask */      \
	X(retype(ut, ERIX_OBJ_FRAME, 0, S(6)), 0)                                                 \
	X(cnode_mint(ROOT, S(7), S(6), ERIX_RIGHTS_ALL, 5), -ERR_INVALID) /* a Frame: no badge */

/* caps_move (lab3_move). */
#define CAPS_MOVE_CALLS(X)                                                      \
	X(retype(ut, ERIX_OBJ_ENDPOINT, 0, S(0)), 0)                            \
	X(cnode_copy(ROOT, S(1), S(0), ERIX_RIGHTS_ALL), 0)                     \
	X(cnode_copy(ROOT, S(2), S(1), ERIX_RIGHTS_ALL), 0)                     \
	X(cnode_move(ROOT, S(5), S(1)), 0)                                      \
	X(cnode_move(ROOT, S(0), S(5)), -ERR_SLOT_FULL) /* S(0) holds E */      \
	X(cnode_revoke(ROOT, S(5)), 0)

/* caps_lookup (lab3_lookup_errors); delete_at(cnode, index, depth) is a
 * CNode delete with an explicit depth. */
#define CAPS_LOOKUP_CALLS(X)                                                                     \
	X(cap_identify(0, &what), -ERR_INVALID)                                                  \
	X(cap_identify(S(10), &what), -ERR_EMPTY_SLOT)                                           \
	X(cap_identify(1ull << 63 | ERIX_ROOT_TCB, &what), -ERR_GUARD)                           \
	X(cnode_mint(ROOT, S(0), ROOT, ERIX_RIGHTS_ALL, 0), 0) /* guard_bits 0 */                \
	X(retype(ut, ERIX_OBJ_CNODE, 4, S(1)), 0)                                                \
	X(cnode_mint(ROOT, S(2), S(1), ERIX_RIGHTS_ALL, 0), 0)                                   \
	X(cnode_mint(ROOT, S(3), S(1), ERIX_RIGHTS_ALL, ERIX_GUARD(4, 0xa)), 0)                  \
	X(retype(ut, ERIX_OBJ_ENDPOINT, 0, S(4)), 0)                                             \
	/* Through S(0) (12 bits a level, no guard); first, bits left at a TCB: */               \
	X(delete_at(S(0), (uint64_t)ERIX_ROOT_TCB << 52 | 5, 64), -ERR_DEPTH)                    \
	X(delete_at(S(0), S(10) << 4 | 5, 16), -ERR_EMPTY_SLOT)           /* bits left, empty */ \
	X(delete_at(S(0), 3, 8), -ERR_DEPTH)                              /* 8 < 12 */           \
	X(delete_at(S(0), S(2) << 4 | 5, 16), -ERR_EMPTY_SLOT)            /* C2[5] is empty */   \
	X(erix_call(S(0), ERIX_CNODE_COPY, S(2) << 4 | 5, S(4), 16, ERIX_RIGHTS_ALL, NULL), 0)   \
	X(delete_at(S(0), S(3) << 8 | 0xb << 4 | 5, 20), -ERR_GUARD)      /* 0xb is not 0xa */   \
	X(delete_at(S(0), S(3) << 8 | 0xa << 4 | 6, 20), -ERR_EMPTY_SLOT) /* guard ok */         \
	X(delete_at(S(0), S(3) << 8 | 0xa << 4 | 0, 20), -ERR_INVALID)    /* index 0 */          \
	X(delete_at(S(0), 0, 65), -ERR_DEPTH)                             /* depth 65 */         \
	X(tcb_configure(ERIX_ROOT_TCB, S(4), ERIX_ROOT_VSPACE, 0, 0), -ERR_WRONG_TYPE)           \
	X(cnode_copy(ROOT, S(5), ERIX_ROOT_TCB, ERIX_RIGHT_READ), 0)                             \
	X(tcb_suspend(S(5)), -ERR_RIGHTS)                                                        \
	X(erix_call(S(4), ERIX_UNTYPED_RETYPE, 0, 0, 0, 0, NULL), -ERR_BAD_LABEL)

/* caps_frame_ro (lab3_frame_read_only): its first three invocations
 * only; the mappings after them retype what page tables they need
 * (map_page), as many as that is. */
#define CAPS_FRAME_RO_CALLS(X)                                                                  \
	X(retype(ut, ERIX_OBJ_FRAME, 0, S(0)), 0)                                               \
	X(cnode_copy(ROOT, S(1), S(0), ERIX_RIGHT_READ), 0)                                     \
	/* A read-only capability is never mapped writable. */                                  \
	X(frame_map(S(1), ERIX_ROOT_VSPACE, TEST_VADDR, ERIX_RIGHT_READ | ERIX_RIGHT_WRITE, 0), \
	  -ERR_RIGHTS)

/* caps_user_pointers (lab3_user_pointers): its debug prints of bad
 * addresses (the grader finds the first by its address); its
 * invocations; and last its good print (text[0..n-1], the nonce line). */
#define CAPS_USER_POINTERS_PUTS(X)                                                     \
	/* The kernel image; the direct map; unmapped; runs out of user space: */      \
	X(erix_debug_puts((void *)0xffffffff80100000ull, 16), -ERR_BAD_ADDRESS)        \
	X(erix_debug_puts((void *)0xffff800000100000ull, 16), -ERR_BAD_ADDRESS)        \
	X(erix_debug_puts((void *)(TEST_VADDR + 0x100000), 8), -ERR_BAD_ADDRESS)       \
	X(erix_debug_puts((void *)(ERIX_USER_TOP - 8), 64), -ERR_BAD_ADDRESS)          \
	X(erix_debug_puts((void *)0x1000, ~0ull - 0xfff), -ERR_INVALID) /* too long */ \
	X(erix_debug_puts((void *)0, 8), -ERR_BAD_ADDRESS)              /* page 0 */
#define CAPS_USER_POINTERS_REGS(X)                                                       \
	X(retype(ut, ERIX_OBJ_TCB, 0, S(0)), 0)                                          \
	/* A kernel rip, the last page, a non-canonical rip, a kernel rsp: */            \
	X(tcb_set_registers(S(0), 0xffff800000000000ull, 0x1000, 0), -ERR_BAD_ADDRESS)   \
	X(tcb_set_registers(S(0), ERIX_USER_TOP, 0x1000, 0), -ERR_BAD_ADDRESS)           \
	X(tcb_set_registers(S(0), 0x0000800000000000ull, 0x1000, 0), -ERR_BAD_ADDRESS)   \
	X(tcb_set_registers(S(0), 0x400000, 0xffff800000000000ull, 0), -ERR_BAD_ADDRESS)
#define CAPS_USER_POINTERS_NONCE(X)                                             \
	X(erix_debug_puts(text, (uint64_t)n), 0)

/* caps_pt_levels (lab3_page_table_levels); gib is 1 GiB. */
#define CAPS_PT_LEVELS_CALLS(X)                                                               \
	X(retype(ut, ERIX_OBJ_VSPACE, 0, S(0)), 0)                                            \
	X(retype(ut, ERIX_OBJ_PAGE_TABLE, 0, S(1)), 0)                                        \
	X(retype(ut, ERIX_OBJ_FRAME, 0, S(2)), 0)                                             \
	X(retype(ut, ERIX_OBJ_PAGE_TABLE, 0, S(3)), 0)                                        \
	X(retype(ut, ERIX_OBJ_PAGE_TABLE, 0, S(4)), 0)                                        \
	X(page_table_map(S(3), S(0), TEST_VADDR), 0)                  /* a PDPT */            \
	X(page_table_map(S(4), S(0), TEST_VADDR), 0)                  /* a PD */              \
	X(page_table_map(S(1), S(0), TEST_VADDR), 0)                  /* P: a PT */           \
	X(frame_map(S(2), S(0), TEST_VADDR, ERIX_RIGHT_READ | ERIX_RIGHT_WRITE, 0), 0)        \
	X(cnode_copy(ROOT, S(5), S(1), ERIX_RIGHTS_ALL), 0)                                   \
	X(page_table_map(S(5), S(0), TEST_VADDR + gib), -ERR_INVALID) /* refused: a copy */   \
	X(erix_call(S(1), ERIX_PAGE_TABLE_UNMAP, 0, 0, 0, 0, NULL), 0)                        \
	X(page_table_map(S(1), S(0), TEST_VADDR + gib), 0)            /* P again: now a PD */

/* caps_irq (lab3_irq_lines): up to its first Ack; more Acks follow, as
 * many as it takes for the timer's interrupt to arrive. */
#define CAPS_IRQ_CALLS(X)                                                       \
	X(irq_get(4, S(0)), 0)                                                  \
	X(irq_get(4, S(1)), -ERR_IN_USE)                                        \
	X(irq_get(2, S(1)), -ERR_INVALID)     /* the cascade */                 \
	X(irq_get(16, S(1)), -ERR_INVALID)    /* no such line */                \
	X(cnode_delete(ROOT, S(0)), 0)        /* line 4 is free again */        \
	X(irq_get(4, S(2)), 0)                                                  \
	X(irq_get(0, S(3)), 0)                /* the timer's line */            \
	X(irq_handler_ack(S(3), &arrived), 0) /* unmasked */

/* The kernel-hardening regression tests (harden.c; grader/boot-test.sh). */
void harden_resume(void);
void harden_ioport(void);
void harden_fpu(void);
void harden_stale_frame(void);
void harden_revoke_chain(void);

/* The system-call fuzzer (fuzz.c): test_args[0] seed, [1] calls. */
void fuzz(void);

#endif /* USER_ROOT_TESTS_H */
