/* A referral's full read (GET /api/v1/referrals/{id}) in one statement. */
#ifndef WAYMARK_STORE_REFERRAL_READ_H
#define WAYMARK_STORE_REFERRAL_READ_H
#include "store/referral.h"
#include "store/triage.h"

/* Reads referral id, its person and reasons into v and what triage shows of
 * it (subject, latest decision, case; the follow-up clock as at now) into
 * tv, with one statement. Returns 1, 0 when there is none, -1 on error. */
int referral_store_read(struct store *st, int64_t id, int64_t now, struct referral_view *v, struct triage_view *tv);
#endif
