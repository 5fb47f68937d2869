/* UK postcode validation (formats and BS 7666 letter rules) and normalisation. */
#include "core/postcode.h"

#include <stddef.h>
#include <string.h>

static const char msg_format[] = "must be a full UK postcode, like SW1A 1AA";
static const char msg_letter[] = "is not a real UK postcode: please check the letters";

enum postcode_result {
	POSTCODE_OK,
	POSTCODE_BAD_FORMAT,
	POSTCODE_BAD_LETTER,
};

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int
in_set(char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

/*
 * Squeezes out spaces and upper-cases into s (at most 7 characters, always
 * terminated), then checks shape before letters, so that "wrong shape" and
 * "right shape, impossible letter" get different messages.
 */
static enum postcode_result
classify(const char *in, char s[8], size_t *outlen)
{
	size_t n = 0, o;
	char shape[5];

	s[0] = '\0';
	if (in == NULL)
		return POSTCODE_BAD_FORMAT;
	for (const char *p = in; *p != '\0'; p++) {
		char c = *p;

		if (c == ' ' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (n == 7 || (!is_digit(c) && !is_upper(c)))
			return POSTCODE_BAD_FORMAT;
		s[n++] = c;
	}
	s[n] = '\0';
	if (n < 5)
		return POSTCODE_BAD_FORMAT;
	o = n - 3;
	*outlen = o;
	if (!is_digit(s[o]) || !is_upper(s[o + 1]) || !is_upper(s[o + 2]))
		return POSTCODE_BAD_FORMAT;
	/* GIR 0AA (Girobank) breaks the position-2 rule; it is the one exception. */
	if (strcmp(s, "GIR0AA") == 0)
		return POSTCODE_OK;
	for (size_t i = 0; i < o; i++)
		shape[i] = is_digit(s[i]) ? '9' : 'A';
	shape[o] = '\0';
	if (strcmp(shape, "A9") != 0 && strcmp(shape, "A99") != 0 &&
	    strcmp(shape, "AA9") != 0 && strcmp(shape, "AA99") != 0 &&
	    strcmp(shape, "A9A") != 0 && strcmp(shape, "AA9A") != 0)
		return POSTCODE_BAD_FORMAT;
	if (in_set(s[0], "QVX"))
		return POSTCODE_BAD_LETTER;
	if (shape[1] == 'A' && in_set(s[1], "IJZ"))
		return POSTCODE_BAD_LETTER;
	if (strcmp(shape, "A9A") == 0 && !in_set(s[2], "ABCDEFGHJKPSTUW"))
		return POSTCODE_BAD_LETTER;
	if (strcmp(shape, "AA9A") == 0 && !in_set(s[3], "ABEHMNPRVWXY"))
		return POSTCODE_BAD_LETTER;
	if (in_set(s[o + 1], "CIKMOV") || in_set(s[o + 2], "CIKMOV"))
		return POSTCODE_BAD_LETTER;
	return POSTCODE_OK;
}

int
postcode_normalise(const char *in, char out[POSTCODE_LEN])
{
	char s[8];
	size_t o = 0;

	if (classify(in, s, &o) != POSTCODE_OK) {
		out[0] = '\0';
		return -1;
	}
	memcpy(out, s, o);
	out[o] = ' ';
	memcpy(out + o + 1, s + o, 3);
	out[o + 4] = '\0';
	return 0;
}

int
postcode_outcode(const char *postcode, char out[POSTCODE_OUTCODE_LEN])
{
	char s[8];
	size_t o = 0;

	if (classify(postcode, s, &o) != POSTCODE_OK) {
		out[0] = '\0';
		return -1;
	}
	memcpy(out, s, o);
	out[o] = '\0';
	return 0;
}

const char *
postcode_problem(const char *in)
{
	char s[8];
	size_t o;

	switch (classify(in, s, &o)) {
	case POSTCODE_OK:
		return NULL;
	case POSTCODE_BAD_LETTER:
		return msg_letter;
	case POSTCODE_BAD_FORMAT:
		break;
	}
	return msg_format;
}
