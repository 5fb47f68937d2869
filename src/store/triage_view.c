/* What a referral's full read shows of triage (subject, latest decision,
 * case), read from its part of the read's one statement (store/referral_read.c). */
#include <stdio.h>
#include <string.h>
#include "store/triage.h"
#include "store/triage_int.h"

#define VIEW_DECISION_COL 25 /* after TRIAGE_SUBJECT_COLUMNS */
#define VIEW_CASE_COL 39     /* after TRIAGE_DECISION_COLUMNS */
#define VIEW_CASE_NCOLS 13   /* TRIAGE_CASE_COLUMNS */

int triage_view_row_read(const struct store_row *r, int64_t now, const char *const *reasons, size_t nreasons,
			 struct triage_view *v)
{
	struct subject_flags f = { 0, 0, 0 };
	triage_subject_row_read(r, &v->s, &f);
	v->has_decision = !store_row_isnull(r, VIEW_DECISION_COL);
	if (v->has_decision)
		triage_decision_read(r, VIEW_DECISION_COL, &v->d);
	v->has_case = !store_row_isnull(r, VIEW_CASE_COL);
	if (v->has_case)
		triage_case_read(r, VIEW_CASE_COL, &v->c);
	for (size_t i = 0; i < nreasons && v->s.nreasons < TRIAGE_SUBJECT_REASONS; i++)
		snprintf(v->s.reasons[v->s.nreasons++], sizeof v->s.reasons[0], "%s", reasons[i]);
	triage_subject_input(&v->s, now, f.safeguarding, f.lives_alone, f.discharge);
	return VIEW_CASE_COL + VIEW_CASE_NCOLS;
}
