/*
 * report.c: writing a grading run's results (see report.h).
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#define MAX_LAB 7

void report_table(FILE *f, const struct result *r, int n, double seconds)
{
	int got[MAX_LAB + 1] = { 0 }, max[MAX_LAB + 1] = { 0 };
	int total = 0, total_max = 0, failed = 0;

	fprintf(f, "\n%-4s %-30s %-7s %7s %-5s %6s\n", "lab", "test", "", "points",
		"", "time");
	for (int i = 0; i < n; i++) {
		const struct grader_test *t = r[i].test;
		int pts = r[i].passed ? t->points : 0;
		fprintf(f, "%-4d %-30s %-7s %3d/%-3d %-5s %5.1fs\n", t->lab, t->name,
			t->hidden ? "hidden" : "", pts, t->points,
			r[i].passed ? "PASS" : "FAIL", r[i].seconds);
		if (!r[i].passed) {
			failed++;
			fprintf(f, "     reason: %s\n", r[i].reason);
			if (r[i].output && r[i].output[0]) {
				for (const char *p = r[i].output; *p;) {
					const char *nl = strchr(p, '\n');
					int len = nl ? (int)(nl - p) : (int)strlen(p);
					fprintf(f, "     %.*s\n", len, p);
					p += len + (nl ? 1 : 0);
				}
			}
		}
		if (t->lab >= 0 && t->lab <= MAX_LAB) {
			got[t->lab] += pts;
			max[t->lab] += t->points;
		}
		total += pts;
		total_max += t->points;
	}
	fprintf(f, "\n");
	for (int lab = 0; lab <= MAX_LAB; lab++)
		if (max[lab])
			fprintf(f, "lab %d: %d/%d\n", lab, got[lab], max[lab]);
	fprintf(f, "total: %d/%d points, %d of %d tests passed, %.1f s\n", total,
		total_max, n - failed, n, seconds);
}

/* json_string: s as a JSON string. */
static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else if (*p >= 0x80)
				fputc('?', f); /* keep the file valid UTF-8 whatever the kernel printed */
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

void report_gradescope(FILE *f, const struct result *r, int n, double seconds)
{
	int total = 0;
	for (int i = 0; i < n; i++)
		total += r[i].passed ? r[i].test->points : 0;
	fprintf(f, "{\n  \"score\": %d,\n  \"execution_time\": %.0f,\n", total,
		seconds);
	fprintf(f, "  \"output\": \"EriX grader: %d tests\",\n", n);
	fprintf(f, "  \"stdout_visibility\": \"hidden\",\n  \"tests\": [\n");
	for (int i = 0; i < n; i++) {
		const struct grader_test *t = r[i].test;
		fprintf(f, "    {\n      \"name\": ");
		json_string(f, t->name);
		int in_lab = 1;
		for (int k = 0; k < i; k++)
			in_lab += r[k].test->lab == t->lab;
		fprintf(f, ",\n      \"number\": \"%d.%d\",\n", t->lab, in_lab);
		fprintf(f, "      \"score\": %d,\n      \"max_score\": %d,\n",
			r[i].passed ? t->points : 0, t->points);
		fprintf(f, "      \"status\": \"%s\",\n", r[i].passed ? "passed" : "failed");
		fprintf(f, "      \"visibility\": \"%s\",\n",
			t->hidden ? "after_due_date" : "visible");
		fprintf(f, "      \"tags\": [\"lab%d\"],\n      \"output\": ", t->lab);
		char *out = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&out, &len);
		fprintf(m, "%s\n", t->title ? t->title : "");
		if (!r[i].passed)
			fprintf(m, "reason: %s\n%s", r[i].reason,
				r[i].output ? r[i].output : "");
		fclose(m);
		json_string(f, out);
		free(out);
		fprintf(f, "\n    }%s\n", i + 1 < n ? "," : "");
	}
	fprintf(f, "  ]\n}\n");
}

/* xml_text: s with XML's special characters escaped. */
static void xml_text(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p >= 0x7f)
				fputc('?', f);
			else
				fputc(*p, f);
		}
	}
}

void report_junit(FILE *f, const struct result *r, int n, double seconds)
{
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	int failed = 0;
	for (int i = 0; i < n; i++)
		failed += !r[i].passed;
	fprintf(f, "<testsuites name=\"erix-grader\" tests=\"%d\" failures=\"%d\" time=\"%.3f\">\n",
		n, failed, seconds);
	for (int lab = 0; lab <= MAX_LAB; lab++) {
		int tests = 0, fails = 0;
		double t = 0;
		for (int i = 0; i < n; i++)
			if (r[i].test->lab == lab) {
				tests++;
				fails += !r[i].passed;
				t += r[i].seconds;
			}
		if (!tests)
			continue;
		fprintf(f, "  <testsuite name=\"lab%d\" tests=\"%d\" failures=\"%d\" time=\"%.3f\">\n",
			lab, tests, fails, t);
		for (int i = 0; i < n; i++) {
			if (r[i].test->lab != lab)
				continue;
			fprintf(f, "    <testcase classname=\"lab%d\" name=\"%s\" time=\"%.3f\"",
				lab, r[i].test->name, r[i].seconds);
			if (r[i].passed) {
				fprintf(f, "/>\n");
				continue;
			}
			fprintf(f, ">\n      <failure message=\"");
			xml_text(f, r[i].reason);
			fprintf(f, "\">");
			xml_text(f, r[i].output);
			fprintf(f, "</failure>\n    </testcase>\n");
		}
		fprintf(f, "  </testsuite>\n");
	}
	fprintf(f, "</testsuites>\n");
}
