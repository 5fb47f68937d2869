/* Fuzzes referral reference parsing: an accepted reference gives a year in
 * 2000-2099 and a sequence that refcode_make writes back into a reference
 * that parses to the same values; a rejected one leaves the outputs alone. */
#include "core/refcode.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_cstr(data, size);
	if (!in)
		return 0;
	int year = -7;
	int64_t seq = -7;
	int rc = refcode_parse(in, &year, &seq);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc == 0) {
		FUZZ_CHECK(year >= 2000 && year <= 2099);
		FUZZ_CHECK(seq >= 0);
		char ref[REFCODE_MAX];
		FUZZ_CHECK(refcode_make(year, seq, ref, sizeof ref) == 0);
		FUZZ_CHECK(strlen(ref) < REFCODE_MAX);
		int y2 = 0;
		int64_t s2 = 0;
		FUZZ_CHECK(refcode_parse(ref, &y2, &s2) == 0 && y2 == year && s2 == seq);
		/* Too small a buffer is refused with an empty string, never overrun. */
		char small[12];
		FUZZ_CHECK(refcode_make(year, seq, small, sizeof small) == -1 && small[0] == '\0');
	} else {
		FUZZ_CHECK(year == -7 && seq == -7);
	}
	/* refcode_make on arbitrary values taken from the input. */
	if (size >= 12) {
		int y;
		int64_t s;
		memcpy(&y, data, sizeof y);
		memcpy(&s, data + 4, sizeof s);
		char ref[REFCODE_MAX];
		int mrc = refcode_make(y, s, ref, sizeof ref);
		FUZZ_CHECK(mrc == ((y >= 2000 && y <= 2099 && s >= 0) ? 0 : -1));
		if (mrc == 0) {
			int y2 = 0;
			int64_t s2 = 0;
			FUZZ_CHECK(refcode_parse(ref, &y2, &s2) == 0 && y2 == y && s2 == s);
		} else {
			FUZZ_CHECK(ref[0] == '\0');
		}
	}
	free(in);
	return 0;
}
