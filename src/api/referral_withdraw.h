/* Withdrawing a referral, shared by the JSON API and the pages: its referrer
 * (while it is open) or the hub says why, and the referral, its case and its
 * unfinished volunteer tasks end in one audited transaction. */
#ifndef WAYMARK_API_REFERRAL_WITHDRAW_H
#define WAYMARK_API_REFERRAL_WITHDRAW_H
#include "core/fielderr.h"
#include "core/refcode.h"
#include "http/http.h"

#define REFERRAL_WITHDRAW_REASON_MAX 500 /* characters */

enum referral_withdraw_result {
	REFERRAL_WITHDRAW_OK,
	REFERRAL_WITHDRAW_NOT_FOUND, /* none, or not one this user may withdraw: answer 404 */
	REFERRAL_WITHDRAW_CONFLICT,  /* not open any more (out->status says what it is) */
	REFERRAL_WITHDRAW_INVALID,   /* fe says why */
	REFERRAL_WITHDRAW_ERROR,     /* the store failed; rolled back */
};

struct referral_withdrawal {
	char reference[REFCODE_MAX];
	char status[24];
	int64_t updated_at;
	int tasks_cancelled;
};

/* What the user may do with referral id: REFERRAL_WITHDRAW_OK (may withdraw
 * it now), _NOT_FOUND, _CONFLICT (visible but no longer open) or _ERROR;
 * out gets its reference and status. Reads only. */
enum referral_withdraw_result referral_withdraw_check(struct http_req *req, int64_t id,
						      struct referral_withdrawal *out);
/* Withdraws referral id for reason (required, at most
 * REFERRAL_WITHDRAW_REASON_MAX characters, line breaks allowed). */
enum referral_withdraw_result referral_withdraw(struct http_req *req, int64_t id, const char *reason,
						struct field_errors *fe, struct referral_withdrawal *out);

extern const struct route api_referral_withdraw_routes[];
#endif
