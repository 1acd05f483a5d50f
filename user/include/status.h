/*
 * status.h: the servers' own error codes (lab 5), after the kernel's
 * (erix/errors.h), and the convention every server protocol follows.
 *
 * A request is a Call on a server's endpoint: its label is the operation,
 * its words the arguments (the protocol header of each server says which).
 * The reply's label is the result: 0 for success, else an error code, from
 * erix/errors.h or from the list below; its words carry the results.
 * Bytes (names, paths, file data) travel in the IPC buffer's words
 * mr[4..31], MSG_DATA_MAX of them (user/lib/rpc.h), their count in a
 * register word.
 */
#ifndef USER_STATUS_H
#define USER_STATUS_H

#define SRV_ERRORS(X)                                                          \
	X(ERR_NOT_FOUND, 32, "no such name, file or process")                  \
	X(ERR_NOT_DIR, 33, "not a directory")                                   \
	X(ERR_IS_DIR, 34, "is a directory")                                     \
	X(ERR_NOT_EMPTY, 35, "the directory is not empty")                      \
	X(ERR_QUOTA, 36, "over this client's memory quota")                    \
	X(ERR_TOO_LONG, 37, "a name or path is too long")                      \
	X(ERR_NO_SPACE, 38, "the server's table or store is full")              \
	X(ERR_BAD_IMAGE, 39, "a malformed program image (ELF)")                \
	X(ERR_BROKEN_PIPE, 40, "a write to a pipe with no read end open")

#define SRV_ERROR_ENUM(name, number, text) name = number,
enum srv_error { SRV_ERRORS(SRV_ERROR_ENUM) SRV_ERROR_END };
#undef SRV_ERROR_ENUM

#endif /* USER_STATUS_H */
