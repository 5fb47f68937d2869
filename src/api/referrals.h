/* Referral intake shared by the JSON API and the pages: checking and storing
 * a referral in one audited transaction, and who may see what of one. */
#ifndef WAYMARK_API_REFERRALS_H
#define WAYMARK_API_REFERRALS_H
#include "core/referral_validate.h"
#include "http/http.h"
#include "store/referral.h"

enum referral_submit_result {
	REFERRAL_SUBMIT_OK,
	REFERRAL_SUBMIT_INVALID, /* fe says why; nothing was stored */
	REFERRAL_SUBMIT_ERROR,   /* the store failed (rolled back); nothing was stored */
};

/*
 * Checks raw as input from channel (CH_FORM, CH_SELF or CH_API) and, when
 * it is good, stores it with the received and due times, the referrer and
 * an audit event, all in one transaction. A signed-in referrer's missing
 * name, email and organisation are taken from their account first. The hub
 * (coordinators and the programme lead) may back-date receipt.
 * The work area (about 33 KB) is allocated here, not on the stack.
 */
enum referral_submit_result referral_submit(struct http_req *req, struct referral_raw *raw, unsigned channel,
					    struct field_errors *fe, struct referral_created *out);

/* What the signed-in user may see of a referral. */
enum referral_access {
	REFERRAL_ACCESS_NONE,   /* answer 404, so ids cannot be probed */
	REFERRAL_ACCESS_STATUS, /* they made it: status and dates only */
	REFERRAL_ACCESS_FULL,   /* the hub, or staff whose organisation holds the case */
};
/* Returns the access, or -1 on a store error. */
int referral_access(struct http_req *req, int64_t id);

/* 1 for hub coordinators and the programme lead. */
int referral_is_hub(const struct http_req *req);

extern const struct route api_referrals_routes[];
extern const struct route api_practices_routes[];
#endif
