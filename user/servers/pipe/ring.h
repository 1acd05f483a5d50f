/*
 * ring.h: a pipe's buffer (lab 6): a ring of RING_SIZE bytes, pure (no
 * system calls), so that it could be tested on the host.
 */
#ifndef PIPE_RING_H
#define PIPE_RING_H

#include <stddef.h>
#include <stdint.h>

#define RING_SIZE 4096

struct ring {
	uint8_t bytes[RING_SIZE];
	size_t head;  /* the oldest byte's index */
	size_t count; /* bytes held */
};

static inline void ring_init(struct ring *r) { r->head = 0, r->count = 0; }
static inline size_t ring_used(const struct ring *r) { return r->count; }
static inline size_t ring_room(const struct ring *r) { return RING_SIZE - r->count; }

/* ring_put: up to n bytes of src appended, as many as there is room for;
 * the number taken. */
size_t ring_put(struct ring *r, const void *src, size_t n);

/* ring_get: up to n of the oldest bytes moved to dst; the number moved. */
size_t ring_get(struct ring *r, void *dst, size_t n);

#endif
