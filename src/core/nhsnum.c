/* NHS number validation (modulus 11 check digit) and normalisation to ten digits. */
#include "core/nhsnum.h"

#include <stddef.h>

static const char msg_digits[] = "must be 10 digits";
static const char msg_check[] = "is not valid: check it against a letter from the NHS or the NHS App";

enum nhsnum_result {
	NHSNUM_OK,
	NHSNUM_NOT_TEN_DIGITS,
	NHSNUM_BAD_CHECK,
};

int
nhsnum_check_digit(const char *d)
{
	int sum = 0, check;

	if (d == NULL)
		return -1;
	for (int i = 0; i < 9; i++) {
		if (d[i] < '0' || d[i] > '9')
			return -1;
		sum += (d[i] - '0') * (10 - i);
	}
	check = 11 - sum % 11;
	if (check == 11)
		return 0;
	if (check == 10)
		return -1;
	return check;
}

/* Collects the digits into out (always terminated) and classifies the input. */
static enum nhsnum_result
classify(const char *in, char out[NHSNUM_LEN])
{
	int n = 0, check;

	out[0] = '\0';
	if (in == NULL)
		return NHSNUM_NOT_TEN_DIGITS;
	for (const char *p = in; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		/* Stop at the eleventh digit so out cannot overflow. */
		if (*p < '0' || *p > '9' || n == 10)
			return NHSNUM_NOT_TEN_DIGITS;
		out[n++] = *p;
	}
	if (n != 10)
		return NHSNUM_NOT_TEN_DIGITS;
	out[10] = '\0';
	check = nhsnum_check_digit(out);
	if (check < 0 || out[9] - '0' != check)
		return NHSNUM_BAD_CHECK;
	return NHSNUM_OK;
}

int
nhsnum_normalise(const char *in, char out[NHSNUM_LEN])
{
	if (classify(in, out) != NHSNUM_OK) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

const char *
nhsnum_problem(const char *in)
{
	char digits[NHSNUM_LEN];

	switch (classify(in, digits)) {
	case NHSNUM_OK:
		return NULL;
	case NHSNUM_NOT_TEN_DIGITS:
		return msg_digits;
	case NHSNUM_BAD_CHECK:
		break;
	}
	return msg_check;
}
