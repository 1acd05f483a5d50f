/*
 * trapentry.S: the way into the kernel for every exception.
 *
 *   void trap(struct trap_frame *tf);          (trap.c, called from here)
 *   extern const uint64_t trap_vectors[64];    (the stubs, for the IDT)
 *
 * On an exception (or one of the PICs' interrupts, vectors 32..47) the CPU switches to the double fault's IST stack (for
 * vector 8) or stays on the current kernel stack, aligns it to 16 bytes
 * and pushes SS, RSP, RFLAGS, CS, RIP and, for some vectors, an error
 * code. Each stub below pushes a 0 where the CPU pushes no error code, then
 * its vector, so that every trap leaves the same frame; trap_common saves
 * the general registers, builds a fake call frame so that backtraces run
 * on into the interrupted code, and calls trap():
 *
 *   high   +------------------+
 *          | ss               |  pushed by the CPU
 *          | rsp              |
 *          | rflags           |
 *          | cs               |
 *          | rip              |
 *          | error code or 0  |  pushed by the stub
 *          | vector           |
 *          | rax ... r15      |  pushed by trap_common: struct trap_frame
 *          +------------------+  <- tf (rdi)
 *          | rip (copy)       |  a fake frame: "return address"
 *          | rbp              |  <- rbp: the interrupted code's frame
 *   low    +------------------+
 */
#define TF_RIP (17 * 8) /* offsetof(struct trap_frame, rip) */

.macro TRAP_NOERR n
trap_vector\n:
	pushq $0
	pushq $\n
	jmp trap_common
.endm

.macro TRAP_ERR n
trap_vector\n:
	pushq $\n
	jmp trap_common
.endm

	.text
TRAP_NOERR 0
TRAP_NOERR 1
TRAP_NOERR 2
TRAP_NOERR 3
TRAP_NOERR 4
TRAP_NOERR 5
TRAP_NOERR 6
TRAP_NOERR 7
TRAP_ERR 8
TRAP_NOERR 9
TRAP_ERR 10
TRAP_ERR 11
TRAP_ERR 12
TRAP_ERR 13
TRAP_ERR 14
TRAP_NOERR 15
TRAP_NOERR 16
TRAP_ERR 17
TRAP_NOERR 18
TRAP_NOERR 19
TRAP_NOERR 20
TRAP_ERR 21
TRAP_NOERR 22
TRAP_NOERR 23
TRAP_NOERR 24
TRAP_NOERR 25
TRAP_NOERR 26
TRAP_NOERR 27
TRAP_NOERR 28
TRAP_ERR 29
TRAP_ERR 30
TRAP_NOERR 31
/* 32..47: the PICs' interrupt lines (irq.c remaps them here); 48: the
 * local APIC's timer; 63: its spurious interrupt (timer.c); the others
 * between are not used. */
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
TRAP_NOERR \n
.endr
.irp n, 48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
TRAP_NOERR \n
.endr

trap_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	/* A user thread may set RFLAGS.AC (popf), which would open SMAP's
	 * window for the whole trap: close it (clac exists only with SMAP). */
	testb $1, smap_enabled(%rip)
	jz 1f
	clac
1:
	movq %rsp, %rdi
	pushq TF_RIP(%rdi)
	pushq %rbp
	movq %rsp, %rbp
	cld
	call trap
	addq $16, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp /* vector and error code */
	iretq

	.section .rodata
	.balign 8
	.globl trap_vectors
trap_vectors:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	.quad trap_vector\n
	.endr
