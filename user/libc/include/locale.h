/*
 * locale.h: localization (C11 7.11; user/libc/locale.c).
 *
 * EriX has one locale, "C" (also called "POSIX"): one byte a character,
 * ASCII's classes (ctype.h), strcmp's collation, '.' as the decimal
 * point. setlocale accepts it under those names, and "" (the
 * environment's choice, which is always it); any other name fails.
 */
#ifndef _ERIX_LOCALE_H
#define _ERIX_LOCALE_H

#include <stddef.h>

/* The categories, Linux's numbers. */
#define LC_CTYPE    0
#define LC_NUMERIC  1
#define LC_TIME     2
#define LC_COLLATE  3
#define LC_MONETARY 4
#define LC_MESSAGES 5
#define LC_ALL      6

/* The formatting of numbers and money (C11 7.11.2.1). In the C locale
 * every string is "" but decimal_point (".") and every char is CHAR_MAX
 * ("not available"). */
struct lconv {
	char *decimal_point;
	char *thousands_sep;
	char *grouping;
	char *mon_decimal_point;
	char *mon_thousands_sep;
	char *mon_grouping;
	char *positive_sign;
	char *negative_sign;
	char *currency_symbol;
	char frac_digits;
	char p_cs_precedes;
	char n_cs_precedes;
	char p_sep_by_space;
	char n_sep_by_space;
	char p_sign_posn;
	char n_sign_posn;
	char *int_curr_symbol;
	char int_frac_digits;
	char int_p_cs_precedes;
	char int_n_cs_precedes;
	char int_p_sep_by_space;
	char int_n_sep_by_space;
	char int_p_sign_posn;
	char int_n_sign_posn;
};

/*
 * setlocale: with locale NULL, the name of category's current locale
 * ("C"); with "C", "POSIX" or "" (the environment's default), selects the
 * C locale for category and returns "C". Returns NULL, changing nothing,
 * for another name or a category not among the LC_* above.
 */
char *setlocale(int category, const char *locale);

/* localeconv: the current locale's (the C locale's) formatting
 * conventions; the program must not change them. */
struct lconv *localeconv(void);

#endif
