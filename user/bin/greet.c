/*
 * bin/greet.c: what `make qemu` shows once the servers are up (init
 * starts it when there is no test to run): the message of the day read
 * through the file server, then every line typed on the console comes
 * back through the console server, until QEMU is quit (Ctrl-A X).
 */
#include "consclient.h"
#include "fsclient.h"
#include "ulib.h"

int main(void)
{
	static char buf[2048];
	erix_cptr_t f = 0;
	long n = fs_open(P_FILE, "/motd", 0, &f, NULL);
	if (n == 0)
		n = fs_read(f, buf, sizeof(buf) - 1);
	if (n > 0)
		cons_write(buf, (size_t)n);
	uprintf("greet: type a line and it comes back (Ctrl-A X quits QEMU)\n");
	for (;;) {
		long len = cons_readline(buf, 200);
		if (len < 0)
			return 1;
		uprintf("greet: you typed %ld bytes: ", len);
		cons_write(buf, (size_t)len);
	}
}
