/*
 * erix/errors.h: the error codes of EriX, one list for kernel and user space.
 *
 * Part of the public ABI; includes nothing kernel-internal. A kernel
 * function that can fail on its input returns 0 or the negative of one of
 * these (-ERR_NO_MEMORY); a system call returns the same value in RAX. The
 * list grows lab by lab; numbers never change.
 */
#ifndef ERIX_ERRORS_H
#define ERIX_ERRORS_H

/* X(name, number, text) */
#define ERIX_ERRORS(X)                                                        \
	X(ERR_OK, 0, "no error")                                                  \
	X(ERR_INVALID, 1, "invalid argument")                                     \
	X(ERR_NO_MEMORY, 2, "out of memory")                                      \
	X(ERR_EXISTS, 3, "already mapped or present")                             \
	X(ERR_NOT_MAPPED, 4, "nothing mapped there")                              \
	/* Lab 3: capability lookups, in the order a lookup can fail. */          \
	X(ERR_INVALID_ROOT, 5, "the CSpace root is not a CNode capability")      \
	X(ERR_GUARD, 6, "the CPtr's bits do not match a CNode's guard")           \
	X(ERR_DEPTH, 7, "the CPtr's depth does not end at a slot")                \
	X(ERR_EMPTY_SLOT, 8, "no capability in that slot")                        \
	X(ERR_WRONG_TYPE, 9, "the capability is of the wrong type")               \
	X(ERR_RIGHTS, 10, "the capability lacks a right the operation needs")    \
	/* Lab 3: operations. */                                                  \
	X(ERR_SLOT_FULL, 11, "the destination slot is not empty")                 \
	X(ERR_NO_TABLE, 12, "a page table on the way is missing: map it first")  \
	X(ERR_BAD_ADDRESS, 13, "a user address outside user space or unmapped")  \
	X(ERR_NO_SYSCALL, 14, "no such system call")                              \
	X(ERR_BAD_LABEL, 15, "no such operation on this kind of object")         \
	X(ERR_IN_USE, 16, "already claimed, or still in use")                     \
	X(ERR_NOT_IMPLEMENTED, 17, "not implemented yet (a lab stub)")           \
	/* Lab 4: IPC. */                                                         \
	X(ERR_WOULD_BLOCK, 18, "no partner is waiting (a non-blocking call)")     \
	X(ERR_NO_REPLY, 19, "no caller is waiting for this thread's reply")       \
	X(ERR_CANCELLED, 20, "the wait ended: the object or the partner went away")

#define ERIX_ERROR_ENUM(name, number, text) name = number,
enum erix_error { ERIX_ERRORS(ERIX_ERROR_ENUM) };
#undef ERIX_ERROR_ENUM

#define ERIX_ERROR_COUNT 21

#endif /* ERIX_ERRORS_H */
