/* Who is the same person, and which referrals are still open: the rules for
 * finding an existing person record and flagging possible duplicates. */
#ifndef WAYMARK_CORE_REFERRAL_MATCH_H
#define WAYMARK_CORE_REFERRAL_MATCH_H
#include <stddef.h>
#include <stdint.h>
#include "model/referral_sql.h"

/* Longest key with its NUL (two 100-character names of up to 4 bytes each). */
#define REFERRAL_MATCH_KEY_MAX 840

/*
 * Writes the key under which a person without a matching NHS number is
 * found again: "family|given|date of birth|postcode". Names keep their
 * letters and digits, ASCII folded to lower case, dropping spaces, hyphens,
 * apostrophes and other ASCII punctuation (so "O'Brien-Smith" equals
 * "obrien smith"); other UTF-8 is kept byte for byte. The postcode loses its
 * spaces and is upper-cased. Returns 0, or -1 if the key would not fit.
 */
int referral_match_key(const char *given, const char *family, int64_t dob_days, const char *postcode, char *out,
		       size_t outlen);

/*
 * 1 if a referral with this status is still open (received, triaged,
 * allocated, in_progress): a new referral for the same person is then
 * flagged as a possible duplicate of it. Keep in step with
 * REFERRAL_OPEN_STATUSES_SQL.
 */
int referral_status_is_open(const char *status);

/* 1 if the status is one the lifecycle knows. */
int referral_status_is_known(const char *status);
#endif
