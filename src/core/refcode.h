/* Human-readable referral references ("WM-26-000123-K") with a check letter. */
#ifndef WAYMARK_CORE_REFCODE_H
#define WAYMARK_CORE_REFCODE_H
#include <stddef.h>
#include <stdint.h>

/* Longest reference with its NUL: "WM-" 2 "-" 19 digits "-" letter. */
#define REFCODE_MAX 28

/*
 * A reference is "WM-", the year's last two digits, "-", the sequence number
 * with at least six digits (zero-padded; more when above 999999), "-", and a
 * check letter from "ABCDEFGHJKLMNPQRSTUVWXZ" (23 letters: no I or O, which
 * read as digits, and no Y).
 *
 * The check is sum(digit x weight) mod 23, a prime. Sequence digits are
 * weighted 1, 2, 3, ... from the right (so leading zeros add nothing and a
 * reference reads the same with more or fewer of them), the year's units
 * digit 20 and its tens digit 21. All weights are non-zero mod 23 and each
 * differs from its neighbours', so every single mistyped digit and every
 * swap of two adjacent different digits changes the letter.
 */

/*
 * Writes the reference for year (2000-2099) and seq (>= 0) into out.
 * Returns 0, or -1 (out set to "" when outlen > 0) if year or seq is out of
 * range or outlen is too small; REFCODE_MAX is always enough.
 */
int refcode_make(int year, int64_t seq, char *out, size_t outlen);

/*
 * Reads a reference in any case, ignoring spaces and dashes wherever they
 * are ("wm 26 000123 k", "WM26000123K"). Needs the "WM", two year digits,
 * 6 to 19 sequence digits and the right check letter. Returns 0 and writes
 * *year (2000-2099) and *seq, or -1 leaving them alone.
 */
int refcode_parse(const char *s, int *year, int64_t *seq);
#endif
