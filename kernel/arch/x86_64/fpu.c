/*
 * fpu.c: the x87, MMX and SSE registers, per thread.
 *
 * The kernel never uses them (it is built with -mgeneral-regs-only), so
 * whatever they hold belongs to the last user thread that ran: fpu_owner.
 * When user_exit() is about to run another thread, the owner's registers
 * go into its TCB (FXSAVE) and the next thread's come out of its own
 * (FXRSTOR). A thread that has just run and runs again costs nothing.
 *
 * Why eager and not lazy (CR0.TS, a #NM fault on the first FPU
 * instruction, the switch done then): with one CPU and switches only at
 * user_exit, eager is a few lines and no trap path; and lazy switching
 * leaked the previous owner's registers through speculative execution on
 * real CPUs (CVE-2018-3665, "LazyFP"). The price, 512 bytes each way when
 * the thread changes, is small next to a system call under emulation.
 */
#include "arch.h"
#include "cpu.h"
#include "tcb.h"

/* The registers a new thread starts with: everything zero, the x87
 * control word 0x37f (as FNINIT leaves it: all exceptions masked, double
 * extended precision), MXCSR 0x1f80 (all SSE exceptions masked). */
static struct fpu_state fpu_initial;

static struct tcb *fpu_owner; /* whose registers the CPU holds; NULL: none */

void fpu_init(void)
{
	write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	fpu_initial.fxsave[0] = 0x7f; /* FCW, little-endian: 0x037f */
	fpu_initial.fxsave[1] = 0x03;
	fpu_initial.fxsave[24] = 0x80; /* MXCSR: 0x00001f80 */
	fpu_initial.fxsave[25] = 0x1f;
	fxrstor(&fpu_initial); /* also clears what firmware left */
}

void fpu_thread_init(struct tcb *t)
{
	t->fpu = fpu_initial;
}

void fpu_switch_to(struct tcb *t)
{
	if (fpu_owner == t)
		return;
	if (fpu_owner)
		fxsave(&fpu_owner->fpu);
	fxrstor(&t->fpu);
	fpu_owner = t;
}

void fpu_release(struct tcb *t)
{
	if (fpu_owner == t)
		fpu_owner = NULL; /* its registers die with it, unsaved */
}
