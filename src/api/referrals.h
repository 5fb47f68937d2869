/* Referral intake over JSON: the route tables, and who may see a referral
 * for the API's other handlers (which ask ops/referrals_access.h). */
#ifndef WAYMARK_API_REFERRALS_H
#define WAYMARK_API_REFERRALS_H
#include "http/http.h"
#include "ops/referrals_access.h"
#include "store/referral.h"

extern const struct route api_referrals_routes[];
extern const struct route api_practices_routes[];
#endif
