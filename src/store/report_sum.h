/* The reports' summaries in the database (071): kept up to date inside each write that changes a referral's or
 * a triage decision's measures, read for a period, rebuilt, and checked against a recount from raw rows. */
#ifndef WAYMARK_STORE_REPORT_SUM_H
#define WAYMARK_STORE_REPORT_SUM_H
#include "core/report_sum.h"
#include "store/store.h"

/*
 * Around a write that may change what a referral adds to the reports (its triage, contacts, status, home
 * check, its person's area), inside the same transaction: rptsum_before() takes its contribution away in
 * memory (*out, NULL when out of memory: -1), rptsum_after() adds it again as it now is and writes the
 * difference, and frees before. A referral just created: rptsum_after() with before NULL. 0 or -1.
 */
int rptsum_before(struct store *st, int64_t referral_id, struct report_sum_acc **out);
int rptsum_after(struct store *st, int64_t referral_id, struct report_sum_acc *before);
/* The same around a change to a task (a home check done): the task's referral. 0 or -1. */
int rptsum_task_referral(struct store *st, int64_t task_id, int64_t *referral_id);
/* Adds the referrals first_id..last_id just stored (an import batch). 0 or -1. */
int rptsum_ids(struct store *st, int64_t first_id, int64_t last_id);
/* Takes away (-1) or adds (1) every referral of a person, around a change of their area. 0 or -1. */
int rptsum_person(struct store *st, int64_t person_id, int sign);

/*
 * The same for the case-side summaries (report_dim_sums: cases, sessions, onward referrals, unmet needs, outcome
 * pairs, volunteer tasks of the referral), around any write that may change them. The snapshots nest: inside an
 * open one, before gives *out NULL and after does nothing (the outer pair counts the whole change). 0 or -1.
 */
int rptcase_before(struct store *st, int64_t referral_id, struct report_sum_acc **out);
int rptcase_after(struct store *st, int64_t referral_id, struct report_sum_acc *before);
/* Ends a snapshot without writing (the write failed and its transaction will roll back). */
void rptcase_abandon(struct store *st, struct report_sum_acc *before);
/* Takes away (-1) or adds (1) the case-side facts of every referral of a person, around a change to them. 0 or -1. */
int rptcase_person(struct store *st, int64_t person_id, int sign);
/* Writes the rows of a (added to the stored ones). 0 or -1. */
int rptsum_write(struct store *st, struct report_sum_acc *a);

/* Each summary row of London days from_day..to_day (whole months from month rows). 0 or -1. */
int rptsum_read(struct store *st, int64_t from_day, int64_t to_day,
		int (*fn)(void *ctx, const struct report_sum_row *r), void *ctx);
/* Each report_dim_sums row (table 1) of stored dimension dim for days from_day..to_day (whole months from month
 * rows): every measure but `measure` (only 0) or only it (only 1). 0 or -1. */
int rptdsum_read(struct store *st, const char *dim, int64_t from_day, int64_t to_day, const char *measure, int only,
		 int (*fn)(void *ctx, const struct report_sum_row *r), void *ctx);
/* Deletes the summaries and computes them again from raw rows. 0 or -1. */
int rptsum_rebuild(struct store *st);
/* Recounts from raw rows and compares; fn gets each difference as a line. Differences, or -1. */
long rptsum_check(struct store *st, void (*fn)(void *ctx, const char *line), void *ctx);
#endif
