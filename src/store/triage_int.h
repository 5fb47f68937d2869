/* Shared inside the triage store (triage.c, triage_view.c); not for other callers. */
#ifndef WAYMARK_STORE_TRIAGE_INT_H
#define WAYMARK_STORE_TRIAGE_INT_H
#include "store/triage.h"

/* Flags read with a subject's row, used once the reasons are in. */
struct subject_flags {
	int safeguarding, lives_alone, discharge;
};

/* Reads TRIAGE_SUBJECT_COLUMNS (columns 0-24 of r) into s (zeroed first). */
void triage_subject_row_read(const struct store_row *r, struct triage_subject *s, struct subject_flags *f);
/* Fills s->in from s, its reasons and the flags, for the rules. */
void triage_subject_input(struct triage_subject *s, int64_t now, int safeguarding, int lives_alone, int discharge);
/* Read TRIAGE_DECISION_COLUMNS / TRIAGE_CASE_COLUMNS starting at column c0 of r. */
void triage_decision_read(const struct store_row *r, int c0, struct triage_decision_view *d);
void triage_case_read(const struct store_row *r, int c0, struct triage_case *c);
/* Chooses a worker for tier with core/allocate: out->alloc and, when one is
 * found, out's worker and organisation. 0 or -1. */
int triage_choose_worker(struct store *st, const struct triage_subject *s, enum triage_tier tier, int64_t now,
			 struct triage_outcome *out);
#endif
