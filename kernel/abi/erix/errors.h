/*
 * erix/errors.h: the error codes of EriX, one list for kernel and user space.
 *
 * Part of the public ABI; includes nothing kernel-internal. A kernel
 * function that can fail on its input returns 0 or the negative of one of
 * these (-ERR_NO_MEMORY). The list grows lab by lab; numbers never change.
 */
#ifndef ERIX_ERRORS_H
#define ERIX_ERRORS_H

/* X(name, number, text) */
#define ERIX_ERRORS(X)                                             \
	X(ERR_OK, 0, "no error")                                       \
	X(ERR_INVALID, 1, "invalid argument")                          \
	X(ERR_NO_MEMORY, 2, "out of memory")                           \
	X(ERR_EXISTS, 3, "already mapped or present")                  \
	X(ERR_NOT_MAPPED, 4, "nothing mapped there")

#define ERIX_ERROR_ENUM(name, number, text) name = number,
enum erix_error { ERIX_ERRORS(ERIX_ERROR_ENUM) };
#undef ERIX_ERROR_ENUM

#endif /* ERIX_ERRORS_H */
