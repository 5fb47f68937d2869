/* SQL column lists of people and referrals built from model/referral.def at
 * compile time, for the statements in store/stmt_referral.def. Each list
 * ends with ", " so a statement appends its own fixed columns after it. */
#ifndef WAYMARK_MODEL_REFERRAL_SQL_H
#define WAYMARK_MODEL_REFERRAL_SQL_H
#include "model/referral.def"

#define REFERRAL_SQL_COL_P_P(col) #col ", "
#define REFERRAL_SQL_COL_P_PI(col) #col ", "
#define REFERRAL_SQL_COL_R_PI(col)
#define REFERRAL_SQL_COL_P_R(col)
#define REFERRAL_SQL_COL_P_X(col)
#define REFERRAL_SQL_COL_R_P(col)
#define REFERRAL_SQL_COL_R_R(col) #col ", "
#define REFERRAL_SQL_COL_R_X(col)
#define REFERRAL_SQL_QM_P_P "?, "
#define REFERRAL_SQL_QM_P_PI "?, "
#define REFERRAL_SQL_QM_R_PI
#define REFERRAL_SQL_QM_P_R
#define REFERRAL_SQL_QM_P_X
#define REFERRAL_SQL_QM_R_P
#define REFERRAL_SQL_QM_R_R "?, "
#define REFERRAL_SQL_QM_R_X
#define REFERRAL_SQL_SET_P_P(col) #col " = COALESCE(?, " #col "), "
#define REFERRAL_SQL_SET_P_PI(col) #col " = COALESCE(" #col ", ?), "
#define REFERRAL_SQL_SET_P_R(col)
#define REFERRAL_SQL_SET_P_X(col)

#define REFERRAL_SQL_PCOL(id, path, where, col, ...) REFERRAL_SQL_COL_P_##where(col)
#define REFERRAL_SQL_RCOL(id, path, where, col, ...) REFERRAL_SQL_COL_R_##where(col)
#define REFERRAL_SQL_PQM(id, path, where, ...) REFERRAL_SQL_QM_P_##where
#define REFERRAL_SQL_RQM(id, path, where, ...) REFERRAL_SQL_QM_R_##where
#define REFERRAL_SQL_PSET(id, path, where, col, ...) REFERRAL_SQL_SET_P_##where(col)

/* "given_name, family_name, ..., " in model order. */
#define REFERRAL_SQL_PERSON_COLUMNS REFERRAL_FIELDS(REFERRAL_SQL_PCOL)
#define REFERRAL_SQL_PERSON_PARAMS REFERRAL_FIELDS(REFERRAL_SQL_PQM)
/* "phone = COALESCE(?, phone), ...": a newer answer replaces an older one,
 * except for what identifies the person ("nhs_number = COALESCE(nhs_number, ?)"),
 * which is only filled in when it was not known. */
#define REFERRAL_SQL_PERSON_UPDATE REFERRAL_FIELDS(REFERRAL_SQL_PSET)
#define REFERRAL_SQL_REFERRAL_COLUMNS REFERRAL_FIELDS(REFERRAL_SQL_RCOL)
#define REFERRAL_SQL_REFERRAL_PARAMS REFERRAL_FIELDS(REFERRAL_SQL_RQM)
/* "r, r" ... sixteen times: the VALUES rows of a multi-row INSERT. */
#define REFERRAL_SQL_X2(r) r ", " r
#define REFERRAL_SQL_X4(r) REFERRAL_SQL_X2(r) ", " REFERRAL_SQL_X2(r)
#define REFERRAL_SQL_X8(r) REFERRAL_SQL_X4(r) ", " REFERRAL_SQL_X4(r)
#define REFERRAL_SQL_X16(r) REFERRAL_SQL_X8(r) ", " REFERRAL_SQL_X8(r)
#define REFERRAL_SQL_X32(r) REFERRAL_SQL_X16(r) ", " REFERRAL_SQL_X16(r)

/* Statuses of open referrals (core/referral_match.c says the same). */
#define REFERRAL_OPEN_STATUSES_SQL "('received', 'triaged', 'allocated', 'in_progress')"
/* Every status: "status IN" this list lets a range on sla_due_at use the
 * (status, sla_due_at) index, so no index of sla_due_at alone is kept. */
#define REFERRAL_ALL_STATUSES_SQL "('received', 'triaged', 'allocated', 'in_progress', 'closed', 'rejected', 'withdrawn')"
#endif
