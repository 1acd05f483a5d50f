/*
 * root/lab4_lib.c: what the lab-4 test programs share (see lab4_lib.h).
 */
#include "lab4_lib.h"
#include "lab4.h"

const uint64_t *lab4_args;
erix_cptr_t lab4_ut;

void lab4_start(void)
{
	lab4_args = bootinfo->test_args;
	lab4_ut = untyped_find(20);
}

erix_cptr_t lab4_S(uint64_t i) { return bootinfo->empty.start + i; }

void lab4_report(uint64_t tag, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	erix_call(ERIX_CPTR_NULL, tag, a, b, c, d, NULL);
}

void lab4_settle(void)
{
	for (int i = 0; i < 4; i++)
		erix_yield();
}

struct erix_ipc_buffer *lab4_buffer(unsigned k)
{
	return (struct erix_ipc_buffer *)LAB4_BUFFER(k);
}

erix_cptr_t lab4_map_buffer(unsigned k)
{
	erix_cptr_t f = retype_new(lab4_ut, ERIX_OBJ_FRAME, 0);
	map_page(lab4_ut, ERIX_ROOT_VSPACE, f, LAB4_BUFFER(k), ERIX_RIGHT_READ | ERIX_RIGHT_WRITE);
	return f;
}

void lab4_root_buffer(void)
{
	erix_cptr_t f = lab4_map_buffer(LAB4_ROOT_BUFFER);
	tcb_configure(ERIX_ROOT_TCB, ERIX_ROOT_CNODE, ERIX_ROOT_VSPACE, f,
		      LAB4_BUFFER(LAB4_ROOT_BUFFER));
}

static uint8_t stacks[LAB4_STACKS][8192] __attribute__((aligned(16)));

uint64_t lab4_stack(unsigned k) { return (uint64_t)(stacks[k] + sizeof(stacks[k])); }

void lab4_thread(erix_cptr_t slot, unsigned k, void (*fn)(uint64_t), uint64_t arg,
		 bool with_buffer)
{
	untyped_retype(lab4_ut, ERIX_OBJ_TCB, 0, slot);
	erix_cptr_t f = with_buffer ? lab4_map_buffer(k) : 0;
	tcb_configure(slot, ERIX_ROOT_CNODE, ERIX_ROOT_VSPACE, f, with_buffer ? LAB4_BUFFER(k) : 0);
	tcb_set_registers(slot, (uint64_t)fn, lab4_stack(k), arg);
	tcb_resume(slot);
}

void lab4_stop(void)
{
	for (;;)
		__builtin_trap();
}
