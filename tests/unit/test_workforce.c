/* Unit tests for core/workforce: the worker record's fields and the rules across them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/workforce.h"

static char vals[WORKER_F__COUNT][REC_VALUE_MAX];

static int check(struct field_errors *fe)
{
	fielderr_init(fe);
	return workforce_check(vals, fe);
}

static void test_rules(void **state)
{
	(void)state;
	struct field_errors fe;
	memset(vals, 0, sizeof vals);
	strcpy(vals[WORKER_F_KIND], "link_worker");
	strcpy(vals[WORKER_F_FTE], "50");
	assert_int_equal(check(&fe), -1);
	assert_string_equal(fe.e[0].field, "clusters");
	strcpy(vals[WORKER_F_CLUSTERS], "Breckland");
	assert_int_equal(check(&fe), 0);
	strcpy(vals[WORKER_F_KIND], "support_worker");
	assert_int_equal(check(&fe), -1);
	assert_string_equal(fe.e[0].field, "areas");
	strcpy(vals[WORKER_F_AREAS], "breckland,waveney");
	strcpy(vals[WORKER_F_START_DATE], "2027-04-01");
	strcpy(vals[WORKER_F_END_DATE], "2027-03-31");
	assert_int_equal(check(&fe), -1);
	assert_string_equal(fe.e[0].field, "end_date");
	strcpy(vals[WORKER_F_END_DATE], "2027-04-01");
	assert_int_equal(check(&fe), 0);
	strcpy(vals[WORKER_F_DBS_LEVEL], "enhanced");
	assert_int_equal(check(&fe), -1);
	assert_string_equal(fe.e[0].field, "dbs_issue_date");
	strcpy(vals[WORKER_F_DBS_ISSUE_DATE], "2026-05-01");
	strcpy(vals[WORKER_F_DBS_RENEWAL_DATE], "2026-05-01");
	assert_int_equal(check(&fe), -1);
	assert_string_equal(fe.e[0].field, "dbs_renewal_date");
	strcpy(vals[WORKER_F_DBS_RENEWAL_DATE], "2029-05-01");
	assert_int_equal(check(&fe), 0);
}

static void test_fields(void **state)
{
	(void)state;
	struct field_errors fe;
	char out[REC_VALUE_MAX];
	fielderr_init(&fe);
	assert_int_equal(rec_check(&worker_fields[WORKER_F_QUALIFICATIONS], "coaching, level3_basic_skills", out, &fe), 0);
	assert_string_equal(out, "coaching,level3_basic_skills");
	assert_int_equal(rec_check(&worker_fields[WORKER_F_QUALIFICATIONS], "juggling", out, &fe), -1);
	assert_string_equal(fe.e[0].field, "qualifications");
	assert_int_equal(rec_check(&worker_fields[WORKER_F_KIND], "volunteer", out, &fe), -1);
	assert_int_equal(rec_check(&worker_fields[WORKER_F_FTE], "", out, &fe), -1);
	assert_int_equal(worker_field_storage[WORKER_F_FTE], 'i');
	assert_int_equal(worker_field_storage[WORKER_F_START_DATE], 'd');
	assert_int_equal(worker_field_storage[WORKER_F_CLUSTERS], 0);
	assert_int_equal(worker_field_storage[WORKER_F_KIND], 't');
	/* 100 a year per 0.5 FTE at the default 200 per FTE */
	assert_int_equal(workforce_capacity(50, 200), 100);
	assert_int_equal(workforce_capacity(33, 200), 66);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
