/*
 * table.c: the name server's table of names (see table.h).
 */
#include "table.h"
#include "status.h"

#include <erix/caps.h>
#include <erix/errors.h>

#ifdef HOST_TEST
#include <string.h>
#else
#include "kstring.h"
#endif

void name_table_init(struct name_table *t)
{
	memset(t, 0, sizeof(*t));
}

/*
 * name_insert, name_find, name_remove (LAB 5 exercise).
 *
 * Requirements: table.h's contracts, errors in the order listed there.
 *  - An entry matches a name when it is used, has the same length, and
 *    the same bytes: compare lengths first, so that a prefix ("a" against
 *    "ab") never matches.
 *  - name_insert takes the first unused entry (lowest index).
 *  - name_remove marks the entry unused; a later insert may reuse it.
 * Hint: memcmp compares bytes; memchr is not in kstring.h.
 */
#if LAB5_SOLUTION
/* entry_is: does entry e hold exactly name (len bytes)? */
static bool entry_is(const struct name_entry *e, const char *name, uint64_t len)
{
	return e->used && e->len == len && memcmp(e->name, name, len) == 0;
}
#endif

int name_insert(struct name_table *t, const char *name, uint64_t len)
{
#if LAB5_SOLUTION
	if (len == 0)
		return -ERR_INVALID;
	if (len > NAME_MAX)
		return -ERR_TOO_LONG; /* longer than NAME_MAX */
	for (uint64_t i = 0; i < len; i++) /* no NUL inside */
		if (name[i] == '\0')
			return -ERR_INVALID;
	if (name_find(t, name, len) >= 0)
		return -ERR_EXISTS;
	for (int i = 0; i < NAME_ENTRIES; i++) { /* a taken name? */
		struct name_entry *e = &t->e[i];
		if (!e->used) {
			e->used = true;
			e->len = (uint8_t)len;
			memcpy(e->name, name, len);
			return i;
		}
	}
	return -ERR_NO_SPACE;
#else
	/* LAB 5: your code here. Until then, nothing can be registered. */
	(void)t, (void)name, (void)len;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

int name_find(const struct name_table *t, const char *name, uint64_t len)
{
#if LAB5_SOLUTION
	for (int i = 0; i < NAME_ENTRIES; i++) /* the entry of that name */
		if (entry_is(&t->e[i], name, len))
			return i;
	return -ERR_NOT_FOUND;
#else
	/* LAB 5: your code here. Until then, no name is ever found. */
	(void)t, (void)name, (void)len;
	return -ERR_NOT_FOUND;
#endif
}

int name_remove(struct name_table *t, const char *name, uint64_t len)
{
#if LAB5_SOLUTION
	int i = name_find(t, name, len);
	if (i < 0)
		return i;
	t->e[i].used = false;
	return i;
#else
	/* LAB 5: your code here. Until then, no name is ever found. */
	(void)t, (void)name, (void)len;
	return -ERR_NOT_FOUND;
#endif
}

/*
 * name_rights_for, may_register (LAB 5 exercise).
 *
 * Requirements: table.h's contracts. The server copies a registered
 * capability for a lookup with name_rights_for's rights, and refuses
 * NAME_REGISTER and NAME_UNREGISTER with ERR_RIGHTS when may_register
 * says no. A badge is whatever the caller's capability was minted with:
 * compare it to the one badge that grants the right, not to the others.
 */
unsigned name_rights_for(uint64_t registered, uint64_t given)
{
#if LAB5_SOLUTION
	return (unsigned)(registered & given & ERIX_RIGHTS_ALL);
#else
	/* LAB 5: your code here. Until then, lookups get no rights. */
	(void)registered, (void)given;
	return 0;
#endif
}

bool may_register(uint64_t badge)
{
#if LAB5_SOLUTION
	return badge == NAME_BADGE_REGISTER;
#else
	/* LAB 5: your code here. Until then, nobody may register. */
	(void)badge;
	return false;
#endif
}
