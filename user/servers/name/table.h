/*
 * table.h: the name server's table of names (lab 5), and its two rules
 * about who may do what.
 *
 * Pure: no system calls. The server (main.c) keeps the capabilities, one
 * pair of slots per entry index; this table only maps names to indexes.
 * The host unit tests (grader/unit/test_names.c) use it directly.
 *
 * A name is a byte string of 1 to NAME_MAX bytes, none of them NUL, given
 * with its length (it is not NUL-terminated). Names match on their exact
 * bytes: "a" and "ab" are different names, and neither finds the other.
 */
#ifndef NAME_TABLE_H
#define NAME_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "name.h"

struct name_entry {
	bool used;
	uint8_t len;          /* 1..NAME_MAX when used */
	char name[NAME_MAX];  /* its bytes, not NUL-terminated */
};

struct name_table {
	struct name_entry e[NAME_ENTRIES];
};

/* name_table_init: an empty table. */
void name_table_init(struct name_table *t);

/* name_insert: add name (len bytes). Returns its entry's index (0 ..
 * NAME_ENTRIES - 1), or, checked in this order:
 *   -ERR_INVALID   len is 0
 *   -ERR_TOO_LONG  len is over NAME_MAX
 *   -ERR_INVALID   the name holds a NUL byte
 *   -ERR_EXISTS    the name is in the table
 *   -ERR_NO_SPACE  every entry is used */
int name_insert(struct name_table *t, const char *name, uint64_t len);

/* name_find: the index of the entry named exactly name (len bytes), or
 * -ERR_NOT_FOUND (for any name not in the table, valid or not). */
int name_find(const struct name_table *t, const char *name, uint64_t len);

/* name_remove: remove the entry named name; its index (now free), or
 * -ERR_NOT_FOUND. */
int name_remove(struct name_table *t, const char *name, uint64_t len);

/* name_rights_for: the rights a lookup's copy gets when the registrant
 * asked for `registered` and gave a capability with `given`: only those
 * both have, and only ERIX_RIGHTS_ALL's bits (rights never widen). */
unsigned name_rights_for(uint64_t registered, uint64_t given);

/* may_register: may a caller whose capability has this badge register
 * and unregister names? Only NAME_BADGE_REGISTER may; every other badge
 * (NAME_BADGE_LOOKUP, none, anything) looks up only. */
bool may_register(uint64_t badge);

#endif /* NAME_TABLE_H */
