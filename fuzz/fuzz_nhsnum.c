/* Fuzzes NHS number normalisation: accepted numbers come out as ten digits
 * with a matching check digit and normalise to themselves; the problem text
 * agrees with the result. */
#include "core/nhsnum.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_cstr(data, size);
	if (!in)
		return 0;
	char out[NHSNUM_LEN], again[NHSNUM_LEN];
	memset(out, 'x', sizeof out);
	int rc = nhsnum_normalise(in, out);
	const char *problem = nhsnum_problem(in);
	FUZZ_CHECK(rc == 0 || rc == -1);
	FUZZ_CHECK((rc == 0) == (problem == NULL));
	if (rc == 0) {
		FUZZ_CHECK(strlen(out) == 10);
		for (int i = 0; i < 10; i++)
			FUZZ_CHECK(out[i] >= '0' && out[i] <= '9');
		FUZZ_CHECK(nhsnum_check_digit(out) == out[9] - '0');
		FUZZ_CHECK(nhsnum_normalise(out, again) == 0 && strcmp(out, again) == 0);
	} else {
		FUZZ_CHECK(out[0] == '\0');
	}
	/* The check digit function reads at most nine characters of whatever it is given. */
	if (size >= 9) {
		int c = nhsnum_check_digit(in);
		FUZZ_CHECK(c >= -1 && c <= 9);
	}
	free(in);
	return 0;
}
