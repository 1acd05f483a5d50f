/*
 * ctype.c: character classes (ctype.h) of the C locale, ASCII.
 *
 * Each class is written as the ranges that define it, from which the
 * others follow (isalpha is islower or isupper, ...). EOF (-1) and every
 * byte above 127 are in no class.
 */
#include <ctype.h>

int isdigit(int c)
{
	return c >= '0' && c <= '9';
}

int islower(int c)
{
	return c >= 'a' && c <= 'z';
}

int isupper(int c)
{
	return c >= 'A' && c <= 'Z';
}

int isalpha(int c)
{
	return islower(c) || isupper(c);
}

int isalnum(int c)
{
	return isalpha(c) || isdigit(c);
}

int isxdigit(int c)
{
	return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* isblank: space and horizontal tab, the separators within a line. */
int isblank(int c)
{
	return c == ' ' || c == '\t';
}

/* isspace: space, \t \n \v \f \r. */
int isspace(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* iscntrl: the control characters, 0-31 and DEL. */
int iscntrl(int c)
{
	return (c >= 0 && c < ' ') || c == 0x7f;
}

/* isprint: the printing characters, space to '~'. */
int isprint(int c)
{
	return c >= ' ' && c <= '~';
}

/* isgraph: the printing characters but space. */
int isgraph(int c)
{
	return isprint(c) && c != ' ';
}

/* ispunct: the printing characters that are neither space nor alphanumeric. */
int ispunct(int c)
{
	return isgraph(c) && !isalnum(c);
}

/* tolower: c's lower-case letter if c is upper case, else c. */
int tolower(int c)
{
	return isupper(c) ? c - 'A' + 'a' : c;
}

/* toupper: c's upper-case letter if c is lower case, else c. */
int toupper(int c)
{
	return islower(c) ? c - 'a' + 'A' : c;
}
