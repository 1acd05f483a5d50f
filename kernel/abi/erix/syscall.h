/*
 * erix/syscall.h: the system calls and their registers.
 *
 * Part of the public ABI; includes nothing kernel-internal.
 *
 * A thread enters the kernel with the `syscall` instruction:
 *
 *   rax  the system call number (below)
 *   rdi  a CPtr (ERIX_SYS_CALL and IPC) or the first argument
 *   rsi  the invocation label (ERIX_SYS_CALL), the message info (IPC,
 *        erix/ipc.h) or the second argument
 *   rdx, r10, r8, r9   message registers mr0..mr3
 *
 * and comes back with
 *
 *   rax  0, or the negative of an erix/errors.h code
 *   rdx  the operation's result word, if it has one (else unchanged)
 *
 * rcx and r11 are destroyed (the CPU keeps the return address and the flags
 * there); every other register is preserved, except that the IPC calls
 * that receive a message return it in rsi, rdi and mr0..mr3 (erix/ipc.h).
 */
#ifndef ERIX_SYSCALL_H
#define ERIX_SYSCALL_H

/* X(name, number, what) */
#define ERIX_SYSCALLS(X)                                                        \
	X(ERIX_SYS_CALL, 1, "invoke the capability rdi with label rsi (invocation.h)") \
	X(ERIX_SYS_YIELD, 2, "let another thread run; the null system call")          \
	X(ERIX_SYS_DEBUG_PUTS, 3, "print rsi bytes at user address rdi on the console") \
	/* Lab 4: IPC (erix/ipc.h). */                                        \
	X(ERIX_SYS_SEND, 4, "send on Endpoint rdi, waiting for a receiver; Signal a Notification") \
	X(ERIX_SYS_NBSEND, 5, "send only if a receiver waits (else ERR_WOULD_BLOCK)") \
	X(ERIX_SYS_RECV, 6, "wait for a message on Endpoint rdi; Wait on a Notification") \
	X(ERIX_SYS_NBRECV, 7, "receive only if a sender waits; Poll a Notification") \
	X(ERIX_SYS_REPLY, 8, "reply to the thread whose Call this thread received last") \
	X(ERIX_SYS_REPLY_RECV, 9, "Reply, then Recv on Endpoint rdi")           \
	X(ERIX_SYS_IPC_CALL, 10, "send on Endpoint rdi, then wait for the receiver's Reply")

#define ERIX_SYSCALL_ENUM(name, number, what) name = number,
enum erix_syscall { ERIX_SYSCALLS(ERIX_SYSCALL_ENUM) ERIX_SYS_END };
#undef ERIX_SYSCALL_ENUM

/* ERIX_SYS_DEBUG_PUTS prints at most this many bytes per call. */
#define ERIX_DEBUG_PUTS_MAX 4096

/*
 * User space: addresses [ERIX_USER_MIN, ERIX_USER_TOP). The page at 0 stays
 * unmapped (NULL faults); the last page below the canonical hole is never
 * user space either, so that no instruction can end at a non-canonical
 * address (which `sysret` would fault on, in kernel mode).
 */
#define ERIX_USER_MIN 0x1000ull
#define ERIX_USER_TOP 0x00007ffffffff000ull

#endif /* ERIX_SYSCALL_H */
