/* Fuzzes postcode normalisation: an accepted postcode is upper case with one
 * space, normalises to itself, and its outward code is the part before the
 * space; the problem text and the outward code agree with the result. */
#include <ctype.h>
#include "core/postcode.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_cstr(data, size);
	if (!in)
		return 0;
	char out[POSTCODE_LEN], again[POSTCODE_LEN], outcode[POSTCODE_OUTCODE_LEN];
	memset(out, 'x', sizeof out);
	int rc = postcode_normalise(in, out);
	int orc = postcode_outcode(in, outcode);
	const char *problem = postcode_problem(in);
	FUZZ_CHECK(rc == 0 || rc == -1);
	FUZZ_CHECK(orc == rc);
	FUZZ_CHECK((rc == 0) == (problem == NULL));
	if (rc == 0) {
		size_t len = strlen(out);
		FUZZ_CHECK(len >= 6 && len <= 8);
		const char *sp = strchr(out, ' ');
		FUZZ_CHECK(sp && strchr(sp + 1, ' ') == NULL);
		FUZZ_CHECK(strlen(sp + 1) == 3); /* the inward code is always 9AA */
		for (const char *p = out; *p; p++)
			FUZZ_CHECK(*p == ' ' || isdigit((unsigned char)*p) || isupper((unsigned char)*p));
		FUZZ_CHECK(postcode_normalise(out, again) == 0 && strcmp(out, again) == 0);
		FUZZ_CHECK((size_t)(sp - out) == strlen(outcode) && strncmp(out, outcode, strlen(outcode)) == 0);
	} else {
		FUZZ_CHECK(out[0] == '\0');
		FUZZ_CHECK(outcode[0] == '\0');
	}
	free(in);
	return 0;
}
