/* The follow-up KPI's summaries in the database: kept up to date inside each
 * write that changes a KPI input, read for a period, rebuilt and checked
 * against a recount from raw rows. */
#ifndef WAYMARK_STORE_KPISUM_H
#define WAYMARK_STORE_KPISUM_H
#include <stdint.h>
#include "core/kpisum.h"
#include "core/kpisum_acc.h"
#include "store/store.h"
#include "store/triage.h"

/*
 * Around a write that may change a referral's KPI inputs (its contacts, its
 * status, its person's area), inside the same transaction:
 * kpisum_before() reads its contribution, kpisum_after() reads it again and
 * writes the difference. A referral just created: kpisum_after() with
 * before = NULL. 0 or -1 (the error is on st).
 */
int kpisum_before(struct store *st, int64_t referral_id, struct kpisum_contrib *before);
int kpisum_after(struct store *st, int64_t referral_id, const struct kpisum_contrib *before);

/* Takes away (sign -1) or adds (sign 1) every referral of a person, around a
 * change of the person's area. 0 or -1. */
int kpisum_person(struct store *st, int64_t person_id, int sign);
/* Before a person's area is set to new_area (NULL: none): when it changes,
 * *moved is 1 and the person's referrals are taken away (add them back with
 * kpisum_person(st, id, 1) after the change). 0 or -1. */
int kpisum_person_leave(struct store *st, int64_t person_id, const char *new_area, int *moved);

/* Writes tallied rows as additions to the stored ones. 0 or -1. */
int kpisum_acc_write(struct store *st, const struct kpisum_acc *acc);
/* Stores one referral's counted time (elapsed >= 0) for the exact median. 0 or -1. */
int kpisum_first_put(struct store *st, int64_t referral_id, const struct kpisum_contrib *c);

/*
 * The follow-up figures for referrals received on London days
 * from_day..to_day in area (NULL or "": all), at now, from the summaries:
 * the same figures as triage_kpi_followup() over the same days. 0 or -1.
 */
int kpisum_followup(struct store *st, const struct workclock *wc, int64_t from_day, int64_t to_day,
		    const char *area, int64_t now, struct triage_kpi *out);

/* Deletes the summaries and computes them again from raw rows. 0 or -1. */
int kpisum_rebuild(struct store *st, const struct workclock *wc);

/*
 * Recounts the summaries from raw rows and compares them with the stored
 * ones; each difference is passed to fn (a line of text). Returns the number
 * of differences, or -1.
 */
long kpisum_check(struct store *st, const struct workclock *wc, void (*fn)(void *ctx, const char *line), void *ctx);
#endif
