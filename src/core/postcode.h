/* UK postcode validation (formats and BS 7666 letter rules) and normalisation. */
#ifndef WAYMARK_CORE_POSTCODE_H
#define WAYMARK_CORE_POSTCODE_H

/* Lengths with the NUL: "AA9A 9AA" and "AA9A". */
#define POSTCODE_LEN 9
#define POSTCODE_OUTCODE_LEN 5

/*
 * Accepts the UK formats A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA,
 * AA9A 9AA and GIR 0AA, in any case, with any spaces or tabs anywhere
 * ("sw1a1aa", " Sw1A  1aA "). Letter rules: position 1 never Q, V, X;
 * position 2 never I, J, Z; the letter of A9A one of ABCDEFGHJKPSTUW; the
 * letter of AA9A one of ABEHMNPRVWXY; the inward letters never C, I, K, M,
 * O, V. (P is allowed in A9A for the real district N1P, which older lists
 * of the rule omit.) Whether the postcode exists is not checked; BFPO and
 * overseas-territory codes (e.g. "ASCN 1ZZ") are rejected.
 * Returns 0 and writes upper case with one space ("SW1A 1AA"), or -1 and
 * writes an empty string.
 */
int postcode_normalise(const char *in, char out[POSTCODE_LEN]);

/*
 * Writes the outward code ("SW1A", "NR1", "GIR") of a postcode. Takes any
 * spelling postcode_normalise accepts. Returns 0, or -1 and an empty string.
 */
int postcode_outcode(const char *postcode, char out[POSTCODE_OUTCODE_LEN]);

/*
 * NULL if in is a valid postcode, else a short message for the person who
 * typed it (static storage): "must be a full UK postcode, like SW1A 1AA" or
 * "is not a real UK postcode: please check the letters".
 */
const char *postcode_problem(const char *in);
#endif
