/*
 * nameclient.h: a client's side of the name server (lab 5; the protocol
 * is user/include/name.h). ns is the name server's capability (P_NAME for
 * a process init or the process server started); names are C strings.
 *
 * Each returns 0 or the negative of an error code: the server's status,
 * or the kernel's when the call itself failed.
 */
#ifndef USER_LIB_NAMECLIENT_H
#define USER_LIB_NAMECLIENT_H

#include <erix/caps.h>

/* name_register: register cap under name; lookups get a copy with the
 * rights `rights` (ERIX_RIGHT_*) and cap's own, whichever both have.
 * ns must carry the registering badge (else -ERR_RIGHTS). */
long name_register(erix_cptr_t ns, const char *name, erix_cptr_t cap, unsigned rights);

/* name_lookup: a copy of the capability registered under name, into the
 * empty slot `slot`. -ERR_NOT_FOUND if there is none; -ERR_EMPTY_SLOT if
 * the server answered but no capability arrived (slot was not empty). */
long name_lookup(erix_cptr_t ns, const char *name, erix_cptr_t slot);

/* name_unregister: remove name (every copy lookups gave goes with it). */
long name_unregister(erix_cptr_t ns, const char *name);

#endif /* USER_LIB_NAMECLIENT_H */
