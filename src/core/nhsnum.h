/* NHS number validation (modulus 11 check digit) and normalisation to ten digits. */
#ifndef WAYMARK_CORE_NHSNUM_H
#define WAYMARK_CORE_NHSNUM_H

/* Length of a normalised NHS number with its NUL. */
#define NHSNUM_LEN 11

/*
 * Accepts ten ASCII digits with any number of spaces or tabs before, after
 * and between them ("943 476 5919", "9434765919", " 943 4765 919 "); no
 * hyphens or other characters. The tenth digit must be the modulus 11 check
 * (weights 10..2 on digits 1-9; 11 - sum mod 11; 11 means 0; 10 means no
 * number with those first nine digits is valid).
 * Returns 0 and writes the ten digits and a NUL to out, or -1 leaving out
 * as an empty string. Only the check is applied: no range of issued numbers.
 */
int nhsnum_normalise(const char *in, char out[NHSNUM_LEN]);

/*
 * NULL if in is a valid NHS number, else a short message for the person who
 * typed it (static storage): "must be 10 digits" or
 * "is not valid: check it against a letter from the NHS or the NHS App".
 */
const char *nhsnum_problem(const char *in);

/*
 * The check digit (0-9) for nine digits d[0..8] (ASCII), or -1 if no check
 * digit can make them valid (remainder gives 10) or d is not nine digits.
 * For generating test and demo data.
 */
int nhsnum_check_digit(const char *nine_digits);
#endif
