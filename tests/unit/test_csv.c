/* Unit tests for the streaming CSV reader (src/util/csv.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/csv.h"

/* Output of reading a whole input, as one string the tests can compare. */
struct dump {
	char *buf;
	size_t len, cap;
};

static void dump_add(struct dump *d, const char *s, size_t n)
{
	if (d->len + n + 1 > d->cap) {
		d->cap = (d->len + n + 1) * 2;
		d->buf = realloc(d->buf, d->cap);
		assert_non_null(d->buf);
	}
	memcpy(d->buf + d->len, s, n);
	d->len += n;
	d->buf[d->len] = '\0';
}

static void dump_addf(struct dump *d, const char *fmt, ...)
{
	char tmp[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < sizeof tmp);
	dump_add(d, tmp, (size_t)n);
}

/*
 * Reads everything from r; each record becomes "line[f1][f2]\n" and each
 * error "line!status@err_field/err_line\n". Returns a new string (caller frees).
 */
static char *read_all(struct csv_reader *r)
{
	struct dump d = { 0 };
	const struct csv_record *rec;
	enum csv_status st;

	dump_add(&d, "", 0);
	while ((st = csv_next(r, &rec)) != CSV_END) {
		if (st == CSV_EIO) {
			dump_addf(&d, "EIO\n");
			break;
		}
		if (st != CSV_RECORD) {
			dump_addf(&d, "%lu!%d@%zu/%lu\n", rec->line, (int)st, rec->err_field, rec->err_line);
			continue;
		}
		dump_addf(&d, "%lu", rec->line);
		for (size_t i = 0; i < rec->nfields; i++) {
			/* Fields promise a NUL after their bytes. */
			assert_int_equal(rec->fields[i].str[rec->fields[i].len], '\0');
			dump_add(&d, "[", 1);
			dump_add(&d, rec->fields[i].str, rec->fields[i].len);
			dump_add(&d, "]", 1);
		}
		dump_add(&d, "\n", 1);
	}
	/* End is sticky. */
	if (st == CSV_END)
		assert_int_equal(csv_next(r, &rec), CSV_END);
	return d.buf;
}

static char *parse_mem(const char *s, size_t len)
{
	struct csv_reader *r = csv_open_mem(s, len);
	char *out;

	assert_non_null(r);
	out = read_all(r);
	csv_free(r);
	return out;
}

static char *parse_file(const char *s, size_t len)
{
	FILE *fp = tmpfile();
	struct csv_reader *r;
	char *out;

	assert_non_null(fp);
	assert_int_equal(fwrite(s, 1, len, fp), len);
	rewind(fp);
	r = csv_open_file(fp);
	assert_non_null(r);
	out = read_all(r);
	csv_free(r);
	fclose(fp);
	return out;
}

/* Checks memory and FILE* reading give the expected dump. */
static void check_len(const char *in, size_t len, const char *want)
{
	char *m = parse_mem(in, len), *f = parse_file(in, len);

	assert_string_equal(m, want);
	assert_string_equal(f, want);
	free(m);
	free(f);
}

static void check(const char *in, const char *want)
{
	check_len(in, strlen(in), want);
}

static void test_simple_lf(void **state)
{
	(void)state;
	check("name,age\nAda,36\nAlan,41\n", "1[name][age]\n2[Ada][36]\n3[Alan][41]\n");
}

static void test_crlf_and_no_final_newline(void **state)
{
	(void)state;
	check("a,b\r\nc,d\r\n", "1[a][b]\n2[c][d]\n");
	check("a,b\r\nc,d", "1[a][b]\n2[c][d]\n");
	check("a,b\nc,d", "1[a][b]\n2[c][d]\n");
	check("a,b\r\nc,\"d\"\r\n", "1[a][b]\n2[c][d]\n");
	/* A CR that ends the input ends the record rather than becoming data. */
	check("a,b\r", "1[a][b]\n");
}

static void test_empty_input_and_blank_lines(void **state)
{
	(void)state;
	check("", "");
	check("\n\r\n\n", "");
	check("a\n\n\r\nb\n\n", "1[a]\n4[b]\n");
	/* A record that is one empty field has to be written as "". */
	check("a\n\"\"\nb\n", "1[a]\n2[]\n3[b]\n");
}

static void test_empty_fields(void **state)
{
	(void)state;
	check(",,\n", "1[][][]\n");
	check("a,\n", "1[a][]\n");
	check("a,", "1[a][]\n");
	check(",a\n", "1[][a]\n");
	check("\"\",\"\"\n", "1[][]\n");
}

static void test_quoted_fields(void **state)
{
	(void)state;
	check("\"Smith, John\",x\n", "1[Smith, John][x]\n");
	check("\"say \"\"hi\"\"\",\"\"\"\"\n", "1[say \"hi\"][\"]\n");
	/* Line breaks inside quotes are data and count towards the next record's line. */
	check("id,note\n1,\"two\nlines\"\n2,\"crlf\r\nkept\"\r\n3,x\n",
	      "1[id][note]\n2[1][two\nlines]\n4[2][crlf\r\nkept]\n6[3][x]\n");
	check("\"a\n\n\nb\"\nz\n", "1[a\n\n\nb]\n5[z]\n");
	/* A quote only opens a quoted field at its very start. */
	check("\"\"\"a\",b\n", "1[\"a][b]\n");
}

static void test_lone_cr_is_data(void **state)
{
	(void)state;
	check("a\rb,c\n", "1[a\rb][c]\n");
	check("\r,x\n", "1[\r][x]\n");
}

static void test_bom_skipped(void **state)
{
	(void)state;
	check("\xEF\xBB\xBFname,age\n1,2\n", "1[name][age]\n2[1][2]\n");
	check("\xEF\xBB\xBF", "");
	/* Only at the very start. */
	check("a\n\xEF\xBB\xBF" "b\n", "1[a]\n2[\xEF\xBB\xBF" "b]\n");
	/* A partial BOM is data. */
	check("\xEF\xBB", "1[\xEF\xBB]\n");
}

static void test_unterminated_quote(void **state)
{
	char want[64];

	(void)state;
	snprintf(want, sizeof want, "1[a][b]\n2[c][]\n3!%d@0/3\n", CSV_EQUOTE_EOF);
	check("a,b\nc,\n\"d,e\nf\n", want);
	snprintf(want, sizeof want, "1!%d@0/1\n", CSV_EQUOTE_EOF);
	check("\"abc", want);
	check("\"abc\"\"", want);
}

static void test_stray_quote(void **state)
{
	char want[64];

	(void)state;
	/* The reader resynchronises at the line break even with a lone quote in the field. */
	snprintf(want, sizeof want, "1!%d@1/1\n2[x][y]\n", CSV_ESTRAY_QUOTE);
	check("a,b\"c,d\nx,y\n", want);
	snprintf(want, sizeof want, "1[h]\n2!%d@0/2\n3[x]\n", CSV_ESTRAY_QUOTE);
	check("h\nab\"\nx\n", want);
}

static void test_text_after_quote(void **state)
{
	char want[64];

	(void)state;
	snprintf(want, sizeof want, "1!%d@0/1\n2[x]\n", CSV_EAFTER_QUOTE);
	check("\"ab\"c,d\nx\n", want);
	check("\"ab\" ,d\r\nx\r\n", want);
	check("\"ab\"\rc\nx\n", want);
	snprintf(want, sizeof want, "1[a]\n2!%d@2/4\n5[x]\n", CSV_EAFTER_QUOTE);
	check("a\n1,\"2\n\",\"3\n\"\"\"x\nx\n", want);
}

/* Builds a record of one field of n 'a's (optionally quoted), then "next\n". */
static char *long_record(size_t n, int quoted, size_t *len)
{
	char *s = malloc(n + 16);
	size_t k = 0;

	assert_non_null(s);
	if (quoted)
		s[k++] = '"';
	memset(s + k, 'a', n);
	k += n;
	if (quoted)
		s[k++] = '"';
	memcpy(s + k, "\nnext\n", 6);
	k += 6;
	*len = k;
	return s;
}

static void test_record_limit(void **state)
{
	size_t len;
	char *s, *m, *want;

	(void)state;
	/* Exactly at the limit: the field's bytes plus its NUL fill the buffer. */
	s = long_record(CSV_RECORD_MAX - 1, 0, &len);
	m = parse_mem(s, len);
	assert_int_equal(strlen(m), 1 + 2 + (CSV_RECORD_MAX - 1) + 1 + strlen("2[next]\n"));
	assert_string_equal(m + strlen(m) - 8, "2[next]\n");
	free(m);
	m = parse_file(s, len);
	assert_string_equal(m + strlen(m) - 8, "2[next]\n");
	free(m);
	free(s);

	want = malloc(64);
	assert_non_null(want);
	snprintf(want, 64, "1!%d@0/1\n2[next]\n", CSV_ETOO_LONG);
	s = long_record(CSV_RECORD_MAX, 0, &len);
	check_len(s, len, want);
	free(s);
	s = long_record(3 * CSV_RECORD_MAX + 17, 1, &len);
	check_len(s, len, want);
	free(s);
	free(want);
}

static void test_too_long_resyncs_after_quoted_newlines(void **state)
{
	size_t n = CSV_RECORD_MAX + 100, len = 0;
	char *s = malloc(n + 64);
	char want[64];

	(void)state;
	assert_non_null(s);
	/* The oversized record holds quoted line breaks that must not be taken as record ends. */
	len += (size_t)sprintf(s, "h\nx,\"");
	for (size_t i = 0; i < n; i++)
		s[len++] = (i % 1000 == 999) ? '\n' : 'b';
	len += (size_t)sprintf(s + len, "\"\nok\n");
	snprintf(want, sizeof want, "1[h]\n2!%d@1/2\n%zu[ok]\n", CSV_ETOO_LONG, 3 + n / 1000);
	check_len(s, len, want);
	free(s);
}

static void test_field_count_limit(void **state)
{
	size_t cap = 2 * CSV_FIELDS_MAX + 32, len;
	char *s = malloc(cap);
	char *out;
	char want[64];
	const struct csv_record *rec;
	struct csv_reader *r;

	(void)state;
	assert_non_null(s);
	/* CSV_FIELDS_MAX fields: fine. */
	memset(s, ',', CSV_FIELDS_MAX - 1);
	len = CSV_FIELDS_MAX - 1;
	s[len++] = '\n';
	r = csv_open_mem(s, len);
	assert_non_null(r);
	assert_int_equal(csv_next(r, &rec), CSV_RECORD);
	assert_int_equal(rec->nfields, CSV_FIELDS_MAX);
	assert_int_equal(csv_next(r, &rec), CSV_END);
	csv_free(r);

	/* One more is an error naming field CSV_FIELDS_MAX (0-based). */
	memset(s, ',', CSV_FIELDS_MAX);
	len = CSV_FIELDS_MAX;
	memcpy(s + len, "\na\n", 3);
	len += 3;
	out = parse_mem(s, len);
	snprintf(want, sizeof want, "1!%d@%d/1\n2[a]\n", CSV_ETOO_MANY_FIELDS, CSV_FIELDS_MAX);
	assert_string_equal(out, want);
	free(out);
	free(s);
}

/* Puts a CRLF, a doubled quote and a BOM-like sequence across every position of a block boundary. */
static void test_block_boundaries(void **state)
{
	static const char *tails[] = {
		"x,y\r\nz\r\n", "\"q\"\"r\",s\r\nz\n", "\"a\r\nb\",c\nz\n", "p\"q\nz\n", "\"m\"n\nz\n",
	};

	(void)state;
	for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
		for (size_t pad = CSV_BLOCK_SIZE - 12; pad <= CSV_BLOCK_SIZE + 2; pad++) {
			size_t tl = strlen(tails[t]), len = pad + 1 + tl;
			char *s = malloc(len);
			char *m, *f;

			assert_non_null(s);
			memset(s, 'p', pad);
			s[pad] = '\n';
			memcpy(s + pad + 1, tails[t], tl);
			m = parse_mem(s, len);
			f = parse_file(s, len);
			assert_string_equal(m, f);
			free(m);
			free(f);
			free(s);
		}
	}
}

/* Many records of mixed shapes across many blocks: memory and FILE* agree, and lines add up. */
static void test_file_matches_memory(void **state)
{
	struct dump d = { 0 };
	char *m, *f;
	unsigned long line = 1;

	(void)state;
	dump_add(&d, "", 0);
	for (int i = 0; i < 20000; i++) {
		switch (i % 5) {
		case 0: dump_addf(&d, "%d,plain,\"quoted, comma\"\n", i); line += 1; break;
		case 1: dump_addf(&d, "%d,\"multi\nline\",\"\"\"\"\r\n", i); line += 2; break;
		case 2: dump_addf(&d, "%d,,\n\n", i); line += 2; break;
		case 3: dump_addf(&d, "%d,bad\"quote\n", i); line += 1; break;
		default: dump_addf(&d, "%d,\"a\"\"b\r\nc\"\n", i); line += 2; break;
		}
	}
	dump_addf(&d, "last");
	m = parse_mem(d.buf, d.len);
	f = parse_file(d.buf, d.len);
	assert_string_equal(m, f);
	{
		char want[32];

		snprintf(want, sizeof want, "\n%lu[last]\n", line);
		assert_non_null(strstr(m, want));
	}
	free(m);
	free(f);
	free(d.buf);
}

/* A stream whose reads fail: the reader reports CSV_EIO and keeps doing so. */
static ssize_t failing_read(void *cookie, char *buf, size_t size)
{
	int *calls = cookie;

	(void)buf;
	(void)size;
	(*calls)++;
	return -1;
}

static void test_read_error(void **state)
{
	int calls = 0;
	cookie_io_functions_t io = { .read = failing_read };
	FILE *fp = fopencookie(&calls, "r", io);
	struct csv_reader *r;
	const struct csv_record *rec;

	(void)state;
	assert_non_null(fp);
	r = csv_open_file(fp);
	assert_non_null(r);
	assert_int_equal(csv_next(r, &rec), CSV_EIO);
	assert_int_equal(csv_next(r, &rec), CSV_EIO);
	assert_true(calls >= 1);
	csv_free(r);
	fclose(fp);
}

static void test_strerror(void **state)
{
	(void)state;
	for (int i = 0; i < CSV__MAX; i++)
		assert_non_null(csv_strerror((enum csv_status)i));
	assert_string_equal(csv_strerror(CSV_ETOO_LONG), "record too long");
	assert_string_equal(csv_strerror((enum csv_status)999), "unknown CSV status");
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads a whole input, checking record count, line numbers and a checksum; returns seconds taken. */
static double read_big(struct csv_reader *r, unsigned long nlines, unsigned long long want_sum)
{
	const struct csv_record *rec;
	unsigned long n = 0;
	unsigned long long sum = 0;
	double t0 = now_s();
	enum csv_status st;

	while ((st = csv_next(r, &rec)) == CSV_RECORD) {
		n++;
		if (rec->line != n)
			fail_msg("record %lu on line %lu", n, rec->line);
		for (size_t i = 0; i < rec->nfields; i++)
			sum += rec->fields[i].len * (i + 1);
	}
	assert_int_equal(st, CSV_END);
	assert_int_equal(n, nlines);
	assert_int_equal(sum, want_sum);
	return now_s() - t0;
}

static void test_million_lines(void **state)
{
	enum { LINES = 1000000 };
	struct dump d = { 0 };
	unsigned long long sum = 0;
	struct csv_reader *r;
	FILE *fp;
	double t;

	(void)state;
	d.cap = (size_t)LINES * 100;
	d.buf = malloc(d.cap);
	assert_non_null(d.buf);
	dump_addf(&d, "id,name,nhs_number,postcode,date,note\n");
	sum += 2 * 1 + 4 * 2 + 10 * 3 + 8 * 4 + 4 * 5 + 4 * 6;
	for (unsigned long i = 1; i < LINES; i++) {
		char id[24];
		int idlen = snprintf(id, sizeof id, "%lu", i);

		/* The name is quoted with a comma and doubled quotes; some notes are quoted with a comma. */
		dump_addf(&d, "%s,\"Smith, J \"\"Jo\"\"\",9434765919,NR1 1AA,2024-01-%02lu,%s\n", id,
			  i % 28 + 1, i % 3 ? "ok" : "\"needs a call back, after 5pm\"");
		sum += (unsigned long long)idlen + strlen("Smith, J \"Jo\"") * 2 + 10 * 3 + 7 * 4 + 10 * 5 +
		       (i % 3 ? 2 : strlen("needs a call back, after 5pm")) * 6;
	}

	r = csv_open_mem(d.buf, d.len);
	assert_non_null(r);
	t = read_big(r, LINES, sum);
	csv_free(r);
	print_message("csv: %zu bytes, %d lines from memory in %.3f s: %.0f MB/s\n", d.len, LINES, t,
		      (double)d.len / t / 1e6);

	fp = tmpfile();
	assert_non_null(fp);
	assert_int_equal(fwrite(d.buf, 1, d.len, fp), d.len);
	rewind(fp);
	r = csv_open_file(fp);
	assert_non_null(r);
	t = read_big(r, LINES, sum);
	csv_free(r);
	fclose(fp);
	print_message("csv: %zu bytes, %d lines from a file in %.3f s: %.0f MB/s\n", d.len, LINES, t,
		      (double)d.len / t / 1e6);
	free(d.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple_lf),
		cmocka_unit_test(test_crlf_and_no_final_newline),
		cmocka_unit_test(test_empty_input_and_blank_lines),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_quoted_fields),
		cmocka_unit_test(test_lone_cr_is_data),
		cmocka_unit_test(test_bom_skipped),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_stray_quote),
		cmocka_unit_test(test_text_after_quote),
		cmocka_unit_test(test_record_limit),
		cmocka_unit_test(test_too_long_resyncs_after_quoted_newlines),
		cmocka_unit_test(test_field_count_limit),
		cmocka_unit_test(test_block_boundaries),
		cmocka_unit_test(test_file_matches_memory),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_million_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
