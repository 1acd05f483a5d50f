/*
 * locale.c: the one locale, "C" (C11 7.11; locale.h). Nothing to switch:
 * the rest of the libc is written for the C locale only (ctype.c's
 * classes, strcoll = strcmp, '.' in printf and strtod).
 */
#include <limits.h>
#include <locale.h>
#include <string.h>

/* setlocale: locale.h has the contract. */
char *setlocale(int category, const char *locale)
{
	static char c_name[] = "C";

	if (category < LC_CTYPE || category > LC_ALL)
		return NULL;
	if (locale != NULL && strcmp(locale, "C") != 0 && strcmp(locale, "POSIX") != 0 &&
	    locale[0] != '\0')
		return NULL;
	return c_name;
}

/* localeconv: locale.h has the contract. C11 7.11.2.1 gives the C
 * locale's values. */
struct lconv *localeconv(void)
{
	static char dot[] = ".", empty[] = "";
	static struct lconv c_conv = {
		.decimal_point = dot,
		.thousands_sep = empty,
		.grouping = empty,
		.mon_decimal_point = empty,
		.mon_thousands_sep = empty,
		.mon_grouping = empty,
		.positive_sign = empty,
		.negative_sign = empty,
		.currency_symbol = empty,
		.frac_digits = CHAR_MAX,
		.p_cs_precedes = CHAR_MAX,
		.n_cs_precedes = CHAR_MAX,
		.p_sep_by_space = CHAR_MAX,
		.n_sep_by_space = CHAR_MAX,
		.p_sign_posn = CHAR_MAX,
		.n_sign_posn = CHAR_MAX,
		.int_curr_symbol = empty,
		.int_frac_digits = CHAR_MAX,
		.int_p_cs_precedes = CHAR_MAX,
		.int_n_cs_precedes = CHAR_MAX,
		.int_p_sep_by_space = CHAR_MAX,
		.int_n_sep_by_space = CHAR_MAX,
		.int_p_sign_posn = CHAR_MAX,
		.int_n_sign_posn = CHAR_MAX,
	};
	return &c_conv;
}
