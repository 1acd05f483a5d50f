/*
 * errno.h: error numbers (C11 7.5, POSIX; user/libc/errno.c).
 *
 * The numbers are Linux's, so that a program's messages read as they do
 * there and the host tests can compare strerror() with the host's. Their
 * texts are in errno.c's table, the one place to add a number's message.
 */
#ifndef _ERIX_ERRNO_H
#define _ERIX_ERRNO_H

/* The last error of the calling process. One variable is enough while a
 * process has a single thread; with threads it becomes per thread. */
extern int errno;

#define EPERM            1
#define ENOENT           2
#define ESRCH            3
#define EINTR            4
#define EIO              5
#define ENXIO            6
#define E2BIG            7
#define ENOEXEC          8
#define EBADF            9
#define ECHILD           10
#define EAGAIN           11
#define ENOMEM           12
#define EACCES           13
#define EFAULT           14
#define ENOTBLK          15
#define EBUSY            16
#define EEXIST           17
#define EXDEV            18
#define ENODEV           19
#define ENOTDIR          20
#define EISDIR           21
#define EINVAL           22
#define ENFILE           23
#define EMFILE           24
#define ENOTTY           25
#define ETXTBSY          26
#define EFBIG            27
#define ENOSPC           28
#define ESPIPE           29
#define EROFS            30
#define EMLINK           31
#define EPIPE            32
#define EDOM             33
#define ERANGE           34
#define EDEADLK          35
#define ENAMETOOLONG     36
#define ENOLCK           37
#define ENOSYS           38
#define ENOTEMPTY        39
#define ELOOP            40
#define ENOMSG           42
#define EIDRM            43
#define ENOSTR           60
#define ENODATA          61
#define ETIME            62
#define ENOSR            63
#define ENOLINK          67
#define EPROTO           71
#define EMULTIHOP        72
#define EBADMSG          74
#define EOVERFLOW        75
#define EILSEQ           84
#define ENOTSOCK         88
#define EDESTADDRREQ     89
#define EMSGSIZE         90
#define EPROTOTYPE       91
#define ENOPROTOOPT      92
#define EPROTONOSUPPORT  93
#define EOPNOTSUPP       95
#define EAFNOSUPPORT     97
#define EADDRINUSE       98
#define EADDRNOTAVAIL    99
#define ENETDOWN         100
#define ENETUNREACH      101
#define ENETRESET        102
#define ECONNABORTED     103
#define ECONNRESET       104
#define ENOBUFS          105
#define EISCONN          106
#define ENOTCONN         107
#define ETIMEDOUT        110
#define ECONNREFUSED     111
#define EHOSTUNREACH     113
#define EALREADY         114
#define EINPROGRESS      115
#define ESTALE           116
#define EDQUOT           122
#define ECANCELED        125
#define EOWNERDEAD       130
#define ENOTRECOVERABLE  131

/* POSIX's other names for the same numbers. */
#define EWOULDBLOCK EAGAIN
#define ENOTSUP EOPNOTSUPP
#define EDEADLOCK EDEADLK

#endif
