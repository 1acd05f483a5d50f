/*
 * tcb_offsets.h: where two fields of struct tcb (tcb.h) are, for the
 * assembly of syscall.S's fast Yield; tcb.h checks them.
 */
#ifndef KERNEL_TCB_OFFSETS_H
#define KERNEL_TCB_OFFSETS_H

#define TCB_RUN_NEXT 424 /* struct tcb *run_next */
#define TCB_SYSCALLS 552 /* uint64_t syscalls */

#endif /* KERNEL_TCB_OFFSETS_H */
