/* Unit tests for core/referral_contact: which submitted contact details differ. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/referral_contact.h"

static void set(struct referral_value *v, int f, const char *s)
{
	v[f] = (struct referral_value){ .s = s, .set = 1 };
}

static void test_diff(void **state)
{
	(void)state;
	struct referral_value person[RF__MAX], sub[RF__MAX];
	memset(person, 0, sizeof person);
	memset(sub, 0, sizeof sub);
	/* Nothing submitted (a referral from before they were kept): no difference. */
	set(person, RF_PERSON_PHONE, "01603 555 0100");
	assert_int_equal(referral_contact_diff(person, sub), 0);
	/* The same text is no difference; other text, or a value the person lacks, is. */
	set(sub, RF_PERSON_PHONE, "01603 555 0100");
	set(sub, RF_PERSON_POSTCODE, "NR1 3SR");
	set(person, RF_PERSON_POSTCODE, "NR1 3SR");
	assert_int_equal(referral_contact_diff(person, sub), 0);
	set(sub, RF_PERSON_PHONE, "07700 900 982");
	set(sub, RF_PERSON_EMAIL, "a@example.org");
	unsigned bits = referral_contact_diff(person, sub);
	for (int i = 0; i < REFERRAL_CONTACT_N; i++) {
		int f = referral_contact_field[i];
		assert_int_equal(!!(bits & (1u << i)), f == RF_PERSON_PHONE || f == RF_PERSON_EMAIL);
	}
	/* Names are kept as submitted but are not contact details. */
	set(sub, RF_PERSON_GIVEN_NAME, "Someone");
	assert_int_equal(referral_contact_diff(person, sub), bits);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
