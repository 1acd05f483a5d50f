/* ctype.h: character classes (C11 7.4; user/libc/ctype.c), in the C
 * locale: ASCII, and no byte above 127 is in any class. Each takes EOF or
 * an unsigned char's value (so a plain char must be cast first), returns
 * nonzero if c is in the class (tolower/toupper: c mapped, or c). */
#ifndef _ERIX_CTYPE_H
#define _ERIX_CTYPE_H

int isalnum(int c);
int isalpha(int c);
int isblank(int c);
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);
int tolower(int c);
int toupper(int c);

#endif
