/*
 * syscall.c: system calls, from the registers to the operation: decode
 * them (syscall_decode.c), carry them out, log what each returned.
 */
#include "syscall.h"
#include "kprintf.h"
#include "selfcheck.h"
#include "tcb.h"
#include "uaccess.h"
#include "vspace.h"
#include <erix/errors.h>
#include <erix/syscall.h>

struct syscall_record syscall_log[SYSCALL_LOG_SIZE];
uint64_t syscall_count;

/* debug_puts: ERIX_SYS_DEBUG_PUTS: print len bytes at user address addr. */
static int debug_puts(struct tcb *t, uint64_t addr, uint64_t len)
{
	if (len > ERIX_DEBUG_PUTS_MAX)
		return -ERR_INVALID;
	int err = user_check_range(vspace_root(&t->slots[TCB_VSPACE].cap), addr, len, false);
	if (err)
		return err;
	char s[256];
	for (uint64_t done = 0; done < len; done += sizeof(s)) {
		uint64_t n = len - done < sizeof(s) ? len - done : sizeof(s);
		user_copy_in(s, addr + done, n); /* checked: mapped, user, readable */
		for (uint64_t i = 0; i < n; i++)
			kprintf("%c", s[i]);
	}
	return 0;
}

/*
 * syscall_handle: see syscall.h. Every call, whatever its outcome, is
 * logged in syscall_log: the grader reads what the kernel answered there,
 * so the log is kept in this file and not beside the exercise.
 */
void __noreturn syscall_handle(struct user_regs *r)
{
	struct tcb *t = current;
	struct invocation inv = { 0 };
	uint64_t out = r->rdx; /* rdx is preserved unless there is a result */
	t->by_syscall = 1;
	t->syscalls++;

	int err = syscall_decode(r, &inv);
	if (!err) {
		switch (inv.nr) {
		case ERIX_SYS_CALL:
			err = invoke(t, &inv, &out);
			break;
		case ERIX_SYS_YIELD:
			sched_yield();
			break;
		case ERIX_SYS_DEBUG_PUTS:
			err = debug_puts(t, inv.cptr, inv.label);
			break;
		default:
			err = -ERR_NO_SYSCALL;
			break;
		}
	}
	static bool stub_seen;
	if (err == -ERR_NOT_IMPLEMENTED && !stub_seen) { /* say it once */
		stub_seen = true;
		kprintf("syscall: a lab stub answered ERR_NOT_IMPLEMENTED (system call %lu); "
			"user space cannot do much until it is written\n", (unsigned long)r->rax);
	}
	syscall_log[syscall_count++ % SYSCALL_LOG_SIZE] = (struct syscall_record){
		.nr = inv.nr, .cptr = inv.cptr, .label = inv.label,
		.mr = { inv.mr[0], inv.mr[1], inv.mr[2], inv.mr[3] },
		.result = err, .out = out, .thread = (uint64_t)t,
	};
	selfcheck_after_call(&inv, err);
	/* t may be gone (it deleted its own TCB): its memory stays until
	 * its Untyped is revoked and retyped, which this call did not do. */
	r->rax = (uint64_t)(int64_t)err;
	r->rdx = out;
	sched_exit();
}
