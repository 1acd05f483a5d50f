/*
 * erix.c: helpers for tests of the EriX kernel (see erix.h).
 */
#define _GNU_SOURCE
#include "erix.h"
#include "grader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vm *erix_boot(const struct vm_config *cfg, const char *ktest)
{
	struct vm *vm = vm_boot(cfg);
	vm_run_to(vm, "kmain");
	if (ktest)
		vm_write(vm, vm_symbol(vm, "ktest_request"), ktest, strlen(ktest) + 1);
	return vm;
}

uint64_t erix_scratch(struct vm *vm, unsigned offset)
{
	return vm_symbol(vm, "ktest_scratch") + offset;
}

void erix_put_string(struct vm *vm, unsigned offset, const char *s)
{
	size_t len = strlen(s) + 1;
	ck_assert_msg(offset + len <= SCRATCH_SIZE, "grader: string too long");
	vm_write(vm, erix_scratch(vm, offset), s, len);
}

const char *erix_format(struct vm *vm, const char *fmt, const char *args,
			int64_t *ret)
{
	erix_put_string(vm, SCRATCH_IN, fmt);
	*ret = (int64_t)vm_eval(vm,
				"(long)ksnprintf(ktest_scratch + %d, %d, ktest_scratch%s%s)",
				SCRATCH_OUT, SCRATCH_OUT_SIZE, args && args[0] ? ", " : "",
				args ? args : "");
	return vm_read_string(vm, erix_scratch(vm, SCRATCH_OUT), SCRATCH_OUT_SIZE - 1);
}

const char *erix_string_at(struct vm *vm, const char *expr)
{
	uint64_t p = vm_eval(vm, "(unsigned long)(%s)", expr);
	if (p == 0)
		return NULL;
	return vm_read_string(vm, p, 255);
}
