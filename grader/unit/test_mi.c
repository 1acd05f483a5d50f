/*
 * test_mi.c: grader/mi.c, the grader's parser of GDB/MI output records.
 *
 * Lines as GDB 13 prints them: results with nested tuples and lists,
 * asynchronous records, streams with escapes, the prompt; and lines that
 * are not MI at all, which must be refused without harm.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "mi.h"

START_TEST(test_mi_result_value)
{
	struct mi_record r;
	ck_assert(mi_parse_record("12^done,value=\"133692416\"", &r));
	ck_assert_int_eq(r.type, '^');
	ck_assert_str_eq(r.cls, "done");
	ck_assert_str_eq(mi_str(r.results, "value"), "133692416");
	ck_assert_ptr_null(mi_str(r.results, "missing"));
	mi_record_free(&r);
}
END_TEST

START_TEST(test_mi_stack_frames)
{
	struct mi_record r;
	const char *line =
		"7^done,stack=[frame={level=\"0\",addr=\"0xffffffff801075d9\","
		"func=\"bootinfo_print\",file=\"kernel/bootinfo.c\",line=\"56\"},"
		"frame={level=\"1\",addr=\"0xffffffff8010746b\",func=\"kmain\"}]";
	ck_assert(mi_parse_record(line, &r));
	const struct mi_value *stack = mi_get(r.results, "stack");
	ck_assert_ptr_nonnull(stack);
	ck_assert_int_eq(stack->kind, MI_LIST);
	const struct mi_value *f0 = stack->child, *f1 = f0->next;
	ck_assert_str_eq(f0->name, "frame");
	ck_assert_str_eq(mi_str(f0, "func"), "bootinfo_print");
	ck_assert_str_eq(mi_str(f1, "addr"), "0xffffffff8010746b");
	ck_assert_ptr_null(f1->next);
	mi_record_free(&r);
}
END_TEST

START_TEST(test_mi_async_stopped)
{
	struct mi_record r;
	ck_assert(mi_parse_record("*stopped,reason=\"breakpoint-hit\",disp=\"del\","
				  "bkptno=\"2\",frame={addr=\"0x1\",func=\"ktest_ready\","
				  "args=[]},thread-id=\"1\",stopped-threads=\"all\"",
				  &r));
	ck_assert_int_eq(r.type, '*');
	ck_assert_str_eq(r.cls, "stopped");
	ck_assert_str_eq(mi_str(r.results, "reason"), "breakpoint-hit");
	ck_assert_str_eq(mi_str(mi_get(r.results, "frame"), "func"), "ktest_ready");
	ck_assert_int_eq(mi_get(mi_get(r.results, "frame"), "args")->kind, MI_LIST);
	ck_assert_str_eq(mi_str(r.results, "stopped-threads"), "all");
	mi_record_free(&r);
}
END_TEST

START_TEST(test_mi_stream_escapes)
{
	struct mi_record r;
	ck_assert(mi_parse_record("~\"a \\\"quoted\\\"\\tb\\\\c\\n\\033d\"", &r));
	ck_assert_int_eq(r.type, '~');
	ck_assert_str_eq(r.results->child->str, "a \"quoted\"\tb\\c\n\033d");
	mi_record_free(&r);
}
END_TEST

START_TEST(test_mi_error_and_prompt)
{
	struct mi_record r;
	ck_assert(mi_parse_record("3^error,msg=\"No symbol \\\"x\\\" in current context.\"", &r));
	ck_assert_str_eq(r.cls, "error");
	ck_assert_str_eq(mi_str(r.results, "msg"), "No symbol \"x\" in current context.");
	mi_record_free(&r);
	ck_assert(mi_parse_record("(gdb) ", &r));
	ck_assert_int_eq(r.type, '(');
	mi_record_free(&r);
}
END_TEST

/* Lines that are not MI, or are cut short: refused or parsed partially,
 * never a crash (ASan watches). */
static const char *const broken[] = {
	"", "hello", "12", "^", "^done,", "^done,value=", "^done,value=\"open",
	"^done,a={b=[c=\"1\",{", "*stopped,frame={addr=\"0x1\"", "~\"\\", "=x,y",
	"^done,=\"v\"", "^done,[\"a\",\"b\"]",
};

START_TEST(test_mi_broken)
{
	struct mi_record r;
	if (mi_parse_record(broken[_i], &r))
		mi_record_free(&r);
}
END_TEST

START_TEST(test_mi_quote)
{
	char *q = mi_quote("a \"b\" \\c\nd");
	ck_assert_str_eq(q, "\"a \\\"b\\\" \\\\c\\nd\"");
	free(q);
}
END_TEST

Suite *mi_suite(void)
{
	Suite *s = suite_create("mi");
	TCase *tc = tcase_create("records");
	tcase_add_test(tc, test_mi_result_value);
	tcase_add_test(tc, test_mi_stack_frames);
	tcase_add_test(tc, test_mi_async_stopped);
	tcase_add_test(tc, test_mi_stream_escapes);
	tcase_add_test(tc, test_mi_error_and_prompt);
	tcase_add_loop_test(tc, test_mi_broken, 0, sizeof(broken) / sizeof(broken[0]));
	tcase_add_test(tc, test_mi_quote);
	suite_add_tcase(s, tc);
	return s;
}
