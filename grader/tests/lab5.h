/*
 * tests/lab5.h: lab 5's shared grader helpers (lab5_support.c), for the
 * public and hidden tests.
 */
#ifndef GRADER_TESTS_LAB5_H
#define GRADER_TESTS_LAB5_H

#include "lab3.h"
#include "lab4.h"
#include "../../user/tests/lab5.h"
#include "../../user/root/init.h"

/* lab5_run: boot with test program `name` (args planted), run until
 * every thread waits (sched_quiet: the console server waits for COM1,
 * so the kernel never powers off); the VM. */
struct vm *lab5_run(const char *name, const uint64_t args[8]);

/* lab5_get: the test program's report tag into v[4]; the test fails
 * (saying so) if the program never made it. */
void lab5_get(struct vm *vm, uint64_t tag, uint64_t v[4]);

/* lab5_hex: x in the 16 hex digits the test program writes it with,
 * lowest first (its say_nonce), into out. */
void lab5_hex(uint64_t x, char out[17]);

/* lab5_err: an error code as its name. */
const char *lab5_err(uint64_t e);

/* lab5_server_state: server k's thread's state (enum tcb_state), after
 * checking that init's record of it holds a TCB. */
uint64_t lab5_server_state(struct vm *vm, unsigned k);

#endif /* GRADER_TESTS_LAB5_H */
