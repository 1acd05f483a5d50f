/*
 * ring.c: a pipe's buffer (see ring.h).
 */
#include "ring.h"
#include "ulib.h"

size_t ring_put(struct ring *r, const void *src, size_t n)
{
	const uint8_t *s = src;
	if (n > ring_room(r))
		n = ring_room(r);
	size_t tail = (r->head + r->count) % RING_SIZE, first = RING_SIZE - tail;
	if (first > n)
		first = n;
	memcpy(r->bytes + tail, s, first);
	memcpy(r->bytes, s + first, n - first);
	r->count += n;
	return n;
}

size_t ring_get(struct ring *r, void *dst, size_t n)
{
	uint8_t *d = dst;
	if (n > r->count)
		n = r->count;
	size_t first = RING_SIZE - r->head;
	if (first > n)
		first = n;
	memcpy(d, r->bytes + r->head, first);
	memcpy(d + first, r->bytes, n - first);
	r->head = (r->head + n) % RING_SIZE;
	r->count -= n;
	if (!r->count)
		r->head = 0;
	return n;
}
