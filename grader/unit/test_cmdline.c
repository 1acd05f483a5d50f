/*
 * test_cmdline.c: kernel/cmdline.c (cmdline_parse, cmdline_get and the
 * cmdline_opts[] / cmdline_count it fills).
 *
 * Every row of cmdline_cases[] is one command line with the return value,
 * the options (in order) and a few cmdline_get() answers it must give.
 * Lines too long for a readable row (17 options, more than 255 characters)
 * have their own tests below the table.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"

#include "cmdline.h"

struct kv {
	const char *key;
	const char *value; /* in gets[]: NULL means cmdline_get returns NULL */
};

struct cmdline_case {
	const char *name;
	const char *line; /* NULL: cmdline_parse(NULL) */
	int ret;          /* cmdline_parse's return value */
	int count;        /* cmdline_count afterwards */
	struct kv opts[6];
	struct kv gets[4]; /* ends at the first key == NULL */
};

static const struct cmdline_case cmdline_cases[] = {
	{ "empty line", "", 0, 0, {}, { { "a", NULL } } },
	{ "blanks only", "   ", 0, 0, {}, { { "a", NULL } } },
	{ "NULL line is like \"\"", NULL, 0, 0, {}, { { "a", NULL } } },
	{ "one option", "a=b", 1, 1, { { "a", "b" } },
	  { { "a", "b" }, { "b", NULL } } },
	{ "blanks around and between", "  a=b   c  ", 2, 2,
	  { { "a", "b" }, { "c", "" } }, { { "a", "b" }, { "c", "" } } },
	{ "tabs are blanks", "\ta=1\t\tb=2 \t c\t", 3, 3,
	  { { "a", "1" }, { "b", "2" }, { "c", "" } },
	  { { "b", "2" }, { "c", "" } } },
	{ "empty value", "k=", 1, 1, { { "k", "" } }, { { "k", "" } } },
	{ "word without '=' has value \"\"", "flag", 1, 1, { { "flag", "" } },
	  { { "flag", "" }, { "fla", NULL } } },
	{ "word starting with '=' is ignored", "=x a=1 =", 1, 1,
	  { { "a", "1" } }, { { "a", "1" }, { "", NULL }, { "x", NULL } } },
	{ "split at the first '='", "a=b=c", 1, 1, { { "a", "b=c" } },
	  { { "a", "b=c" }, { "a=b", NULL } } },
	{ "duplicate key: get returns the last", "k=1 x=2 k=3", 3, 3,
	  { { "k", "1" }, { "x", "2" }, { "k", "3" } },
	  { { "k", "3" }, { "x", "2" } } },
	{ "keys match whole, not as prefixes", "test=caps verbose nonce=42", 3, 3,
	  { { "test", "caps" }, { "verbose", "" }, { "nonce", "42" } },
	  { { "test", "caps" }, { "tes", NULL }, { "testx", NULL },
	    { "nonce", "42" } } },
};

/* show: a string or NULL, for messages. */
static const char *show(const char *s) { return s ? s : "(NULL)"; }

/*
 * expect_get: cmdline_get(key) must give want (NULL: must give NULL).
 * `what` names the case in the message.
 */
static void expect_get(const char *what, const char *key, const char *want)
{
	const char *v = cmdline_get(key);

	if (!want)
		ck_assert_msg(v == NULL,
			      "%s: cmdline_get(\"%s\") gave \"%s\", want NULL",
			      what, key, v);
	else
		ck_assert_msg(v && strcmp(v, want) == 0,
			      "%s: cmdline_get(\"%s\") gave %s%s%s, want \"%s\"",
			      what, key, v ? "\"" : "", show(v), v ? "\"" : "",
			      want);
}

START_TEST(test_cmdline_table)
{
	const struct cmdline_case *c = &cmdline_cases[_i];
	char what[128];

	snprintf(what, sizeof(what), "%s (\"%s\")", c->name, show(c->line));

	int ret = cmdline_parse(c->line);
	ck_assert_msg(ret == c->ret, "%s: cmdline_parse returned %d, want %d",
		      what, ret, c->ret);
	ck_assert_msg(cmdline_count == c->count,
		      "%s: cmdline_count %d, want %d", what, cmdline_count,
		      c->count);

	for (int i = 0; i < c->count; i++) {
		const struct cmdline_opt *o = &cmdline_opts[i];
		const struct kv *want = &c->opts[i];
		ck_assert_msg(o->key && o->value &&
				      strcmp(o->key, want->key) == 0 &&
				      strcmp(o->value, want->value) == 0,
			      "%s: option %d is %s=\"%s\", want %s=\"%s\"", what,
			      i, show(o->key), show(o->value), want->key,
			      want->value);
	}

	for (const struct kv *g = c->gets; g < c->gets + 4 && g->key; g++)
		expect_get(what, g->key, g->value);
}
END_TEST

/* A second parse replaces the first one's options. */
START_TEST(test_cmdline_reparse)
{
	const char *what = "\"c=4\" parsed after \"a=1 b=2 c=3\"";

	cmdline_parse("a=1 b=2 c=3");
	int ret = cmdline_parse("c=4");

	ck_assert_msg(ret == 1 && cmdline_count == 1,
		      "%s: returned %d, cmdline_count %d, want 1 and 1", what,
		      ret, cmdline_count);
	expect_get(what, "a", NULL);
	expect_get(what, "c", "4");
}
END_TEST

/* The options point into the kernel's own copy, not into the caller's line. */
START_TEST(test_cmdline_copies_line)
{
	char line[] = "key=value";

	cmdline_parse(line);
	memset(line, 'X', sizeof(line) - 1);
	expect_get("\"key=value\", then the caller's line overwritten", "key",
		   "value");
}
END_TEST

/* build_options: "o1 o2 ... on" into buf. */
static void build_options(char *buf, size_t size, int n)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 1; i <= n; i++)
		len += snprintf(buf + len, size - len, "%so%d",
				i > 1 ? " " : "", i);
}

/* Exactly CMDLINE_MAX_OPTS options fit. */
START_TEST(test_cmdline_max_options)
{
	char line[128];

	build_options(line, sizeof(line), CMDLINE_MAX_OPTS);
	int ret = cmdline_parse(line);
	ck_assert_msg(ret == CMDLINE_MAX_OPTS &&
			      cmdline_count == CMDLINE_MAX_OPTS,
		      "\"%s\": returned %d, cmdline_count %d, want %d and %d",
		      line, ret, cmdline_count, CMDLINE_MAX_OPTS,
		      CMDLINE_MAX_OPTS);
	ck_assert_msg(cmdline_get("o16") != NULL, "\"%s\": o16 is missing", line);
}
END_TEST

/* One option too many: -1, and the first CMDLINE_MAX_OPTS are kept. */
START_TEST(test_cmdline_too_many_options)
{
	char line[128], key[16];

	build_options(line, sizeof(line), CMDLINE_MAX_OPTS + 1);
	int ret = cmdline_parse(line);
	ck_assert_msg(ret == -1, "\"%s\": returned %d, want -1", line, ret);
	ck_assert_msg(cmdline_count == CMDLINE_MAX_OPTS,
		      "\"%s\": cmdline_count %d, want %d", line, cmdline_count,
		      CMDLINE_MAX_OPTS);
	for (int i = 0; i < CMDLINE_MAX_OPTS; i++) {
		snprintf(key, sizeof(key), "o%d", i + 1);
		ck_assert_msg(strcmp(cmdline_opts[i].key, key) == 0 &&
				      strcmp(cmdline_opts[i].value, "") == 0,
			      "\"%s\": option %d is %s=\"%s\", want %s=\"\"",
			      line, i, cmdline_opts[i].key,
			      cmdline_opts[i].value, key);
	}
	ck_assert_msg(cmdline_get("o17") == NULL,
		      "\"%s\": the 17th option should not be stored", line);
}
END_TEST

/*
 * A line longer than 255 characters is cut to its first 255:
 * "k=vvv...v" (300 v's) keeps 253 v's, and a word starting after the cut
 * is gone.
 */
START_TEST(test_cmdline_long_line)
{
	char line[400];

	memset(line, 0, sizeof(line));
	strcpy(line, "k=");
	memset(line + 2, 'v', 300);
	strcat(line, " after=1");

	int ret = cmdline_parse(line);
	ck_assert_msg(ret == 1, "a 310-character line: returned %d, want 1", ret);
	const char *v = cmdline_get("k");
	ck_assert_msg(v != NULL, "a 310-character line: k is missing");
	ck_assert_msg(strlen(v) == CMDLINE_MAX_LEN - 3 &&
			      strspn(v, "v") == CMDLINE_MAX_LEN - 3,
		      "k=<300 v's> cut at 255 characters: value has length %zu, "
		      "want %d v's",
		      strlen(v), CMDLINE_MAX_LEN - 3);
	ck_assert_msg(cmdline_get("after") == NULL,
		      "a word after the 255th character should be cut off");
}
END_TEST

Suite *cmdline_suite(void)
{
	Suite *s = suite_create("cmdline");
	TCase *tc = tcase_create("table");

	tcase_add_loop_test(tc, test_cmdline_table, 0, ARRAY_SIZE(cmdline_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_test(tc, test_cmdline_reparse);
	tcase_add_test(tc, test_cmdline_copies_line);
	tcase_add_test(tc, test_cmdline_max_options);
	tcase_add_test(tc, test_cmdline_too_many_options);
	tcase_add_test(tc, test_cmdline_long_line);
	suite_add_tcase(s, tc);
	return s;
}
