/*
 * atexit.c: the functions a program asks to be called at its end
 * (atexit; stdlib.h). exit(), in the POSIX layer, calls
 * __libc_run_atexit() first.
 */
#include <stdlib.h>

#define ATEXIT_MAX 32 /* C11 7.22.4.2 asks for at least 32 */

static void (*handlers[ATEXIT_MAX])(void);
static int nhandlers;

/* atexit: registers fn to be called at exit. 0, or -1 if ATEXIT_MAX are
 * already registered. */
int atexit(void (*fn)(void))
{
	if (nhandlers == ATEXIT_MAX)
		return -1;
	handlers[nhandlers++] = fn;
	return 0;
}

/* __libc_run_atexit: calls the registered functions, the last registered
 * first, each once; one that a handler registers runs next. */
void __libc_run_atexit(void)
{
	while (nhandlers > 0)
		handlers[--nhandlers]();
}
