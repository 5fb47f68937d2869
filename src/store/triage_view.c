/* A referral as a full read shows it to triage (subject, latest decision,
 * case) from one statement instead of four. */
#include <stdio.h>
#include <string.h>
#include "store/triage.h"
#include "store/triage_int.h"

#define VIEW_DECISION_COL 25 /* after TRIAGE_SUBJECT_COLUMNS */
#define VIEW_CASE_COL 39     /* after TRIAGE_DECISION_COLUMNS */

struct view_ctx {
	struct triage_view *v;
	struct subject_flags f;
};

static int view_row(void *ctx, const struct store_row *r)
{
	struct view_ctx *c = ctx;
	struct triage_view *v = c->v;
	triage_subject_row_read(r, &v->s, &c->f);
	v->has_decision = !store_row_isnull(r, VIEW_DECISION_COL);
	if (v->has_decision)
		triage_decision_read(r, VIEW_DECISION_COL, &v->d);
	v->has_case = !store_row_isnull(r, VIEW_CASE_COL);
	if (v->has_case)
		triage_case_read(r, VIEW_CASE_COL, &v->c);
	return 1;
}

int triage_view_get(struct store *st, int64_t id, int64_t now, const char *const *reasons, size_t nreasons,
		    struct triage_view *v)
{
	struct view_ctx c = { v, { 0, 0, 0 } };
	v->has_decision = v->has_case = 0;
	int n = store_exec(st, STMT_TRIAGE_VIEW_GET, view_row, &c, "i", id);
	if (n <= 0)
		return n;
	for (size_t i = 0; i < nreasons && v->s.nreasons < TRIAGE_SUBJECT_REASONS; i++)
		snprintf(v->s.reasons[v->s.nreasons++], sizeof v->s.reasons[0], "%s", reasons[i]);
	triage_subject_input(&v->s, now, c.f.safeguarding, c.f.lives_alone, c.f.discharge);
	return 1;
}
