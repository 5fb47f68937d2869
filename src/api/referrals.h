/* Referral intake over JSON: the route tables, and who may see a referral
 * for the API's other handlers (which ask ops/referrals_access.h). */
#ifndef WAYMARK_API_REFERRALS_H
#define WAYMARK_API_REFERRALS_H
#include "http/http.h"
#include "ops/referrals_access.h"
#include "store/referral.h"

/* ops_referral_access for the request's user (OPS_REFERRAL_*), or -1. */
int referral_access(struct http_req *req, int64_t id);
#define REFERRAL_ACCESS_NONE OPS_REFERRAL_NONE
#define REFERRAL_ACCESS_STATUS OPS_REFERRAL_STATUS
#define REFERRAL_ACCESS_FULL OPS_REFERRAL_FULL

/* 1 for hub coordinators and the programme lead. */
int referral_is_hub(const struct http_req *req);

extern const struct route api_referrals_routes[];
extern const struct route api_practices_routes[];
#endif
