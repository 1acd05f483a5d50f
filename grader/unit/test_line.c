/*
 * test_line.c: the console's line discipline (user/servers/console/line.c:
 * line_feed, line_take), against line.h's rules.
 *
 *  - cases[]: typed input, each row checked for the exact echo, the lines
 *    queued (in order, byte for byte), what line_feed returned for each
 *    character, and the lines dropped: CR, LF, CR LF as one line end, LF
 *    CR as two, backspace (DEL and BS) in a line and at its start;
 *  - long lines: cut at CONS_LINE_MAX with their '\n', the rest dropped
 *    and not echoed, the line still ending at the newline;
 *  - the queue: a full queue drops new lines and keeps the old, and wraps
 *    around as lines are taken; line_take on an empty queue, with a small
 *    buffer (AddressSanitizer watches: buffers are allocated to size);
 *  - a model: random typing and reading, against a second implementation
 *    written here, step by step.
 */
#include "unit.h"
#include "../../user/servers/console/line.h"

#include <erix/errors.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Suite *line_suite(void);

#define DEL "\x7f"
#define BS "\x08"
#define RUB "\b \b"

/* What feeding a string did. */
struct fed {
	char echo[4096];
	size_t echo_len;
	unsigned trues;  /* line_feed returned true */
};

/* feed: feed n bytes of s to ld, checking at each one that line_feed's
 * result says whether the queue grew (and echo lengths stay in bounds). */
static void feed(struct line_disc *ld, const char *s, size_t n, struct fed *f)
{
	for (size_t i = 0; i < n; i++) {
		struct line_echo e = { .len = 99 };
		unsigned before = ld->count;
		uint64_t dropped = ld->dropped;
		bool r = line_feed(ld, (uint8_t)s[i], &e);
		EXPECT(e.len <= 3, "byte %zu (0x%02x): echo of %u bytes", i, (uint8_t)s[i], e.len);
		EXPECT(r == (ld->count == before + 1),
		       "byte %zu (0x%02x): line_feed returned %d, the queue went from %u to %u",
		       i, (uint8_t)s[i], r, before, ld->count);
		EXPECT(ld->dropped == dropped || !r, "byte %zu: a line both queued and dropped", i);
		EXPECT(ld->count <= LINE_QUEUE, "the queue holds %u lines", ld->count);
		EXPECT(f->echo_len + e.len <= sizeof(f->echo), "test echo buffer");
		memcpy(f->echo + f->echo_len, e.bytes, e.len);
		f->echo_len += e.len;
		f->trues += r;
	}
}

/* take: line_take into a buffer of exactly max bytes (ASan sees any write
 * past it); the result, and the bytes in out (NUL-terminated). */
static long take(struct line_disc *ld, size_t max, char *out)
{
	char *buf = malloc(max ? max : 1);
	long n = line_take(ld, buf, max);
	if (n > 0) {
		EXPECT((size_t)n <= max, "line_take returned %ld for a buffer of %zu", n, max);
		memcpy(out, buf, (size_t)n);
	}
	out[n > 0 ? n : 0] = 0;
	free(buf);
	return n;
}

/* ---- cases: short input, the whole result checked ---------------------- */

static const struct line_case {
	const char *name;
	const char *in;
	const char *echo;
	const char *lines[LINE_QUEUE + 1]; /* NULL-terminated */
	unsigned dropped;
} cases[] = {
	{ "nothing typed", "", "", { NULL }, 0 },
	{ "no line end yet", "abc", "abc", { NULL }, 0 },
	{ "CR ends a line", "abc\r", "abc\n", { "abc\n", NULL }, 0 },
	{ "LF ends a line", "abc\n", "abc\n", { "abc\n", NULL }, 0 },
	{ "CR LF is one line end", "abc\r\n", "abc\n", { "abc\n", NULL }, 0 },
	{ "CR LF twice: two lines", "a\r\nb\r\n", "a\nb\n", { "a\n", "b\n", NULL }, 0 },
	{ "LF CR is two line ends", "a\n\r", "a\n\n", { "a\n", "\n", NULL }, 0 },
	{ "CR CR: two lines", "\r\r", "\n\n", { "\n", "\n", NULL }, 0 },
	{ "LF LF: two lines", "\n\n", "\n\n", { "\n", "\n", NULL }, 0 },
	{ "CR LF LF: the second LF is a line", "\r\n\n", "\n\n", { "\n", "\n", NULL }, 0 },
	{ "CR x LF: the LF is not part of the CR", "\rx\n", "\nx\n", { "\n", "x\n", NULL }, 0 },
	{ "CR DEL LF: the DEL ends the pair", "\r" DEL "\n", "\n\n", { "\n", "\n", NULL }, 0 },
	{ "an empty line", "\r", "\n", { "\n", NULL }, 0 },
	{ "DEL rubs out", "ab" DEL "c\n", "ab" RUB "c\n", { "ac\n", NULL }, 0 },
	{ "BS rubs out", "ab" BS "c\n", "ab" RUB "c\n", { "ac\n", NULL }, 0 },
	{ "DEL at the start does nothing", DEL "a\n", "a\n", { "a\n", NULL }, 0 },
	{ "BS at the start does nothing", BS BS "a\n", "a\n", { "a\n", NULL }, 0 },
	{ "DEL past the start", "a" DEL DEL DEL "b\n", "a" RUB "b\n", { "b\n", NULL }, 0 },
	{ "everything rubbed out", "ab" DEL DEL "\r", "ab" RUB RUB "\n", { "\n", NULL }, 0 },
	{ "DEL after a line end does not reach into it", "ab\r" DEL "c\r",
	  "ab\nc\n", { "ab\n", "c\n", NULL }, 0 },
	{ "other bytes are kept as they are", "\t\x01\xff \x1b[A\n", "\t\x01\xff \x1b[A\n",
	  { "\t\x01\xff \x1b[A\n", NULL }, 0 },
	{ "a queue's worth", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\n5\n6\n7\n8\n",
	  { "1\n", "2\n", "3\n", "4\n", "5\n", "6\n", "7\n", "8\n", NULL }, 0 },
	{ "a full queue drops new lines", "1\n2\n3\n4\n5\n6\n7\n8\n9\nA\r\n",
	  "1\n2\n3\n4\n5\n6\n7\n8\n9\nA\n",
	  { "1\n", "2\n", "3\n", "4\n", "5\n", "6\n", "7\n", "8\n", NULL }, 2 },
	{ "a dropped line does not leak into the next", "1\n2\n3\n4\n5\n6\n7\n8\nxyz\n",
	  "1\n2\n3\n4\n5\n6\n7\n8\nxyz\n",
	  { "1\n", "2\n", "3\n", "4\n", "5\n", "6\n", "7\n", "8\n", NULL }, 1 },
};

START_TEST(test_case)
{
	const struct line_case *c = &cases[_i];
	struct line_disc ld;
	struct fed f = { .echo_len = 0 };
	line_init(&ld);
	feed(&ld, c->in, strlen(c->in), &f);
	EXPECT(f.echo_len == strlen(c->echo) && !memcmp(f.echo, c->echo, f.echo_len),
	       "%s: echo \"%.*s\" (%zu bytes), expected \"%s\"", c->name, (int)f.echo_len, f.echo,
	       f.echo_len, c->echo);
	unsigned n = 0;
	while (c->lines[n])
		n++;
	EXPECT(f.trues == n, "%s: line_feed returned true %u times, expected %u", c->name, f.trues, n);
	EXPECT(ld.dropped == c->dropped, "%s: %llu lines dropped, expected %u", c->name,
	       (unsigned long long)ld.dropped, c->dropped);
	for (unsigned i = 0; i < n; i++) {
		char got[CONS_LINE_MAX + 1];
		EXPECT(line_ready(&ld), "%s: line %u not ready", c->name, i);
		long r = take(&ld, CONS_LINE_MAX, got);
		EXPECT(r == (long)strlen(c->lines[i]) && !strcmp(got, c->lines[i]),
		       "%s: line %u is \"%s\" (%ld), expected \"%s\"", c->name, i, got, r,
		       c->lines[i]);
	}
	char got[CONS_LINE_MAX + 1];
	long r = take(&ld, CONS_LINE_MAX, got);
	EXPECT(r == -ERR_WOULD_BLOCK, "%s: line_take after the last line: %ld", c->name, r);
	EXPECT(!line_ready(&ld), "%s: still ready after the last line", c->name);
}
END_TEST

/* ---- long lines ---------------------------------------------------------- */

/* A line of `typed` 'a's then `tail` (e.g. DEL "b\n"); expected: `kept`
 * 'a's then `kept_tail`. */
static const struct long_case {
	unsigned typed;
	const char *tail, *kept_tail;
	unsigned kept;
} long_cases[] = {
	{ CONS_LINE_MAX - 2, "\n", "\n", CONS_LINE_MAX - 2 },
	{ CONS_LINE_MAX - 1, "\n", "\n", CONS_LINE_MAX - 1 }, /* exactly full */
	{ CONS_LINE_MAX, "\n", "\n", CONS_LINE_MAX - 1 },
	{ CONS_LINE_MAX + 1, "\r", "\n", CONS_LINE_MAX - 1 },
	{ 300, "\r\n", "\n", CONS_LINE_MAX - 1 },
	{ 300, "bcd\n", "\n", CONS_LINE_MAX - 1 },
	{ 300, DEL "b\n", "b\n", CONS_LINE_MAX - 2 }, /* rub-out makes room again */
	{ 300, BS BS "bcd\n", "bc\n", CONS_LINE_MAX - 3 }, /* the d finds it full */
};

START_TEST(test_long)
{
	const struct long_case *c = &long_cases[_i];
	struct line_disc ld;
	struct fed f = { .echo_len = 0 };
	char in[512], want[CONS_LINE_MAX + 1], got[CONS_LINE_MAX + 1];
	line_init(&ld);
	memset(in, 'a', c->typed);
	strcpy(in + c->typed, c->tail);
	feed(&ld, in, strlen(in), &f);
	memset(want, 'a', c->kept);
	strcpy(want + c->kept, c->kept_tail);
	EXPECT(f.trues == 1, "%u typed: %u lines", c->typed, f.trues);
	long r = take(&ld, CONS_LINE_MAX, got);
	EXPECT(r == (long)strlen(want) && !strcmp(got, want),
	       "%u typed + \"%s\": line of %ld bytes \"%s\", expected %zu", c->typed, c->tail, r,
	       got, strlen(want));
	/* The echo: what was kept, as typed; nothing for dropped bytes. */
	size_t echoed_a = 0;
	while (echoed_a < f.echo_len && f.echo[echoed_a] == 'a')
		echoed_a++;
	unsigned visible = c->typed < CONS_LINE_MAX - 1 ? c->typed : CONS_LINE_MAX - 1;
	EXPECT(echoed_a == visible, "%u typed: %zu echoed, expected %u", c->typed, echoed_a,
	       visible);
	EXPECT(f.echo[f.echo_len - 1] == '\n', "the line end is echoed");
	size_t extra = f.echo_len - echoed_a - 1; /* rub-outs and the tail's kept bytes */
	size_t want_extra = (c->kept < visible ? (visible - c->kept) * 3 : 0) +
			    strlen(c->kept_tail) - 1;
	EXPECT(extra == want_extra, "%u typed + \"%s\": echo \"%.*s\"", c->typed, c->tail,
	       (int)extra, f.echo + echoed_a);
	EXPECT(take(&ld, CONS_LINE_MAX, got) == -ERR_WOULD_BLOCK, "one line only");
	/* The next line starts empty. */
	struct fed g = { .echo_len = 0 };
	feed(&ld, "z\n", 2, &g);
	EXPECT(take(&ld, CONS_LINE_MAX, got) == 2 && !strcmp(got, "z\n"), "next line \"%s\"", got);
}
END_TEST

/* ---- the queue ----------------------------------------------------------- */

START_TEST(test_take_empty)
{
	struct line_disc ld;
	char got[CONS_LINE_MAX + 1];
	line_init(&ld);
	EXPECT(take(&ld, CONS_LINE_MAX, got) == -ERR_WOULD_BLOCK, "empty: not -ERR_WOULD_BLOCK");
	EXPECT(ld.count == 0 && ld.head == 0, "empty take changed the queue (%u, %u)", ld.count,
	       ld.head);
	struct fed f = { .echo_len = 0 };
	feed(&ld, "abc", 3, &f);
	EXPECT(take(&ld, CONS_LINE_MAX, got) == -ERR_WOULD_BLOCK, "a line not ended is not taken");
	feed(&ld, "\n", 1, &f);
	EXPECT(take(&ld, CONS_LINE_MAX, got) == 4 && !strcmp(got, "abc\n"), "took \"%s\"", got);
	EXPECT(take(&ld, CONS_LINE_MAX, got) == -ERR_WOULD_BLOCK, "taken twice");
}
END_TEST

/* A line taken into a smaller buffer: its start, and the line is gone. */
static const unsigned small_max[] = { 0, 1, 3, 9, 10, 11 };

START_TEST(test_take_small)
{
	struct line_disc ld;
	struct fed f = { .echo_len = 0 };
	char got[CONS_LINE_MAX + 1];
	size_t max = small_max[_i];
	line_init(&ld);
	feed(&ld, "123456789\nnext\n", 15, &f);
	long r = take(&ld, max, got);
	size_t want = max < 10 ? max : 10;
	EXPECT(r == (long)want && !memcmp(got, "123456789\n", want),
	       "max %zu: took %ld bytes \"%s\"", max, r, got);
	r = take(&ld, CONS_LINE_MAX, got);
	EXPECT(r == 5 && !strcmp(got, "next\n"), "max %zu: then \"%s\" (%ld)", max, got, r);
}
END_TEST

/* The queue wraps: lines taken and added, several times around. */
START_TEST(test_wrap)
{
	struct line_disc ld;
	char got[CONS_LINE_MAX + 1], want[16];
	unsigned next_in = 0, next_out = 0;
	line_init(&ld);
	for (unsigned round = 0; round < 5; round++) {
		unsigned add = round % 2 ? LINE_QUEUE : 3 + round;
		for (unsigned k = 0; k < add; k++) {
			struct fed f = { .echo_len = 0 };
			char s[16];
			int len = snprintf(s, sizeof(s), "L%u\r\n", next_in);
			bool room = next_in - next_out < LINE_QUEUE;
			feed(&ld, s, (size_t)len, &f);
			EXPECT(f.trues == (room ? 1u : 0u), "line %u: queued %u", next_in, f.trues);
			if (room)
				next_in++;
		}
		unsigned out = round % 3 == 2 ? LINE_QUEUE : 2 + round;
		for (unsigned k = 0; k < out && next_out < next_in; k++, next_out++) {
			snprintf(want, sizeof(want), "L%u\n", next_out);
			long r = take(&ld, CONS_LINE_MAX, got);
			EXPECT(r == (long)strlen(want) && !strcmp(got, want),
			       "round %u: took \"%s\" (%ld), expected \"%s\"", round, got, r, want);
		}
		EXPECT(ld.count == next_in - next_out, "round %u: %u queued, expected %u", round,
		       ld.count, next_in - next_out);
	}
}
END_TEST

/* ---- the model ------------------------------------------------------------ */

/* A second line discipline, written plainly: lines in a growing list. */
struct model {
	char cur[1024];
	size_t cur_len;
	int prev; /* the previous byte fed, -1 none */
	char lines[64][CONS_LINE_MAX + 1];
	size_t first, last; /* lines[first..last) wait */
	uint64_t dropped;
};

static void model_feed(struct model *m, uint8_t c, char *echo, size_t *echo_len, bool *queued)
{
	int prev = m->prev;
	m->prev = c;
	*echo_len = 0;
	*queued = false;
	if (c == '\n' && prev == '\r')
		return;
	if (c == '\r' || c == '\n') {
		echo[(*echo_len)++] = '\n';
		if (m->last - m->first == LINE_QUEUE) {
			m->dropped++;
		} else {
			size_t keep = m->cur_len > CONS_LINE_MAX - 1 ? CONS_LINE_MAX - 1 : m->cur_len;
			memcpy(m->lines[m->last % 64], m->cur, keep);
			m->lines[m->last % 64][keep] = '\n';
			m->lines[m->last % 64][keep + 1] = 0;
			m->last++;
			*queued = true;
		}
		m->cur_len = 0;
		return;
	}
	if (c == 0x7f || c == 0x08) {
		if (m->cur_len) {
			m->cur_len--;
			memcpy(echo, "\b \b", 3);
			*echo_len = 3;
		}
		return;
	}
	if (m->cur_len < CONS_LINE_MAX - 1) {
		m->cur[m->cur_len++] = (char)c;
		echo[(*echo_len)++] = (char)c;
	}
}

START_TEST(test_model)
{
	static const char alphabet[] = "ab\r\n\r\n\x7f\x08 z";
	uint64_t rng = 0x243f6a8885a308d3ull + (uint64_t)_i * 7919;
	struct line_disc ld;
	struct model *m = calloc(1, sizeof(*m));
	m->prev = -1;
	line_init(&ld);
	for (unsigned step = 0; step < 200000; step++) {
		rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
		unsigned what = (unsigned)(rng >> 32) % 100;
		if (what < 8) {
			/* read a line, into a buffer of a random size */
			char got[CONS_LINE_MAX + 1];
			size_t max = (rng >> 8) % 4 ? CONS_LINE_MAX : (rng >> 16) % (CONS_LINE_MAX + 1);
			long r = take(&ld, max, got);
			if (m->first == m->last) {
				EXPECT(r == -ERR_WOULD_BLOCK, "step %u: took %ld from an empty queue",
				       step, r);
			} else {
				const char *w = m->lines[m->first++ % 64];
				size_t n = strlen(w) < max ? strlen(w) : max;
				EXPECT(r == (long)n && !memcmp(got, w, n),
				       "step %u: took \"%s\" (%ld), expected \"%.*s\"", step, got, r,
				       (int)n, w);
			}
			continue;
		}
		/* type: mostly letters in bursts that overflow lines now and then */
		uint8_t c = what < 60 ? 'a' + (uint8_t)(rng % 26)
				      : (uint8_t)alphabet[(rng >> 20) % (sizeof(alphabet) - 1)];
		char echo[4];
		size_t elen;
		bool q;
		struct line_echo e = { .len = 99 };
		model_feed(m, c, echo, &elen, &q);
		bool r = line_feed(&ld, c, &e);
		EXPECT(r == q, "step %u byte 0x%02x: line_feed returned %d, expected %d", step, c, r,
		       q);
		EXPECT(e.len == elen && !memcmp(e.bytes, echo, elen),
		       "step %u byte 0x%02x: echo of %u bytes, expected %zu", step, c, e.len, elen);
		EXPECT(ld.count == m->last - m->first, "step %u: %u lines wait, expected %zu", step,
		       ld.count, m->last - m->first);
		EXPECT(ld.dropped == m->dropped, "step %u: %llu dropped, expected %llu", step,
		       (unsigned long long)ld.dropped, (unsigned long long)m->dropped);
	}
	free(m);
}
END_TEST

Suite *line_suite(void)
{
	Suite *s = suite_create("line");
	TCase *tc = tcase_create("cases");
	tcase_add_loop_test(tc, test_case, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_loop_test(tc, test_long, 0, (int)(sizeof(long_cases) / sizeof(long_cases[0])));
	tcase_add_test(tc, test_take_empty);
	tcase_add_loop_test(tc, test_take_small, 0, (int)(sizeof(small_max) / sizeof(small_max[0])));
	tcase_add_test(tc, test_wrap);
	suite_add_tcase(s, tc);
	TCase *model = tcase_create("model");
	tcase_set_timeout(model, 60);
	tcase_add_loop_test(model, test_model, 0, 4);
	suite_add_tcase(s, model);
	return s;
}
