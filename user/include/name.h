/*
 * name.h: the name server's protocol (lab 5; status.h has the
 * conventions).
 *
 * Servers register endpoint capabilities under names; clients look a name
 * up and receive a copy of the capability, with the rights the registrant
 * allowed (never more than the capability it gave). A name is 1 to
 * NAME_MAX bytes of the message data, without NUL.
 *
 * Registering needs the capability init gives servers (badge
 * NAME_BADGE_REGISTER); any holder may look up.
 */
#ifndef USER_NAME_H
#define USER_NAME_H

#define NAME_MAX 32
#define NAME_ENTRIES 64
#define NAME_BADGE_REGISTER 1 /* may register and unregister */
#define NAME_BADGE_LOOKUP 2   /* may look up only */

enum name_op {
	/* mr0 name length, mr1 the rights lookups get (ERIX_RIGHT_*),
	 * data the name, 1 capability -> ok; ERR_EXISTS if taken,
	 * ERR_NO_SPACE if the table is full, ERR_TOO_LONG, ERR_INVALID (no
	 * capability, an empty name), ERR_RIGHTS (a lookup-only badge). */
	NAME_REGISTER = 1,
	/* mr0 name length, data the name -> 1 capability; ERR_NOT_FOUND. */
	NAME_LOOKUP = 2,
	/* mr0 name length, data the name -> ok; ERR_NOT_FOUND, ERR_RIGHTS. */
	NAME_UNREGISTER = 3,
};

#endif /* USER_NAME_H */
