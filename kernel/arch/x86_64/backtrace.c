/*
 * backtrace.c: the x86-64 frame-pointer walker (see backtrace.h for the
 * frame layout). Pure code: the host unit tests run it on fake stacks.
 */
#include "backtrace.h"

/*
 * backtrace_walk (LAB 1 exercise).
 *
 * Requirements:
 *  - frame k (k = 0, 1, ...) lives at fp_k, with fp_0 = fp; its return
 *    address is the word at fp_k + 8 and fp_{k+1} is the word at fp_k;
 *  - store each return address in pcs[k] and return how many you stored;
 *    write nothing in pcs[] beyond them;
 *  - before reading a frame, stop if its frame pointer is 0, is not 8-byte
 *    aligned, or if its two words do not lie wholly inside [lo, hi);
 *  - after a frame, stop if its saved frame pointer is not above its own
 *    address (frames must climb the stack, or a corrupt chain could loop
 *    forever);
 *  - stop at a return address of 0 (without storing it), and after `max`
 *    frames (`max` may be 0).
 * Never read memory outside [lo, hi): this runs inside panic(), where the
 * stack may be corrupt.
 * Hint: a loop over `const uintptr_t *frame = (const uintptr_t *)fp`;
 * frame[0] is the saved frame pointer and frame[1] the return address.
 */
int backtrace_walk(uintptr_t fp, uintptr_t lo, uintptr_t hi, uintptr_t *pcs,
		   int max)
{
#if LAB1_SOLUTION
	int n = 0;

	while (n < max && fp != 0 && fp % 8 == 0 && fp >= lo && hi >= 16 &&
	       fp <= hi - 16) {
		const uintptr_t *frame = (const uintptr_t *)fp;
		uintptr_t next = frame[0];
		uintptr_t ret = frame[1];

		if (ret == 0)
			break;
		pcs[n++] = ret;
		if (next <= fp)
			break;
		fp = next;
	}
	return n;
#else
	/* LAB 1: your code here. Until then, backtraces are empty. */
	(void)fp, (void)lo, (void)hi, (void)pcs, (void)max;
	return 0;
#endif
}
