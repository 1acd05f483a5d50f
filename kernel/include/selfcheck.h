/*
 * selfcheck.h: the kernel checking itself while a fuzzer hammers it
 * (selfcheck.c; make fuzz).
 */
#ifndef KERNEL_SELFCHECK_H
#define KERNEL_SELFCHECK_H

#include "invocation.h"

/* selfcheck_after_call: count the outcome of system call inv (err: its
 * result); with check_every=N on the command line, run the invariant
 * checks after every N-th call and panic at the first problem. */
void selfcheck_after_call(const struct invocation *inv, int err);

/* selfcheck_woken: count a wait that ended with err (a system call's
 * result that the call's own entry could not log: ipc_wake). */
void selfcheck_woken(int err);

/* selfcheck_final: with check_every=N, when no thread is left: the checks
 * once more, then the coverage table (each label's results). */
void selfcheck_final(void);

#endif /* KERNEL_SELFCHECK_H */
