/* Reading the evaluation extract: the referrals received in a period with
 * their person's coded details and their case's sessions, onward referrals,
 * unmet needs and outcome measures gathered beforehand in memory, one row at
 * a time in referral order. */
#ifndef WAYMARK_STORE_EVALUATION_EXTRACT_H
#define WAYMARK_STORE_EVALUATION_EXTRACT_H
#include "core/extract.h"
#include "store/store.h"

/* What the extract reader hands over with each row (borrowed until the next). */
struct extract_source {
	int64_t referral_id, person_id;
	const char *nhs_number; /* "" when none */
	const char *match_key;
	int consent;            /* 0: the person may not be shared (left out) */
};

typedef int (*extract_row_fn)(void *ctx, const struct extract_source *src, struct extract_row *row);

/* Calls fn for each referral received in [from_utc, to_utc), with the row
 * filled but for person_key and key_from_nhs. now decides whether an
 * uncontacted referral is late yet. Returns the rows seen or -1. */
long long extract_read(struct store *st, int64_t from_utc, int64_t to_utc, int64_t now, extract_row_fn fn, void *ctx);
#endif
