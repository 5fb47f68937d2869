/* SQL column lists of people and referrals built from model/referral.def at
 * compile time, for the statements in store/stmt_referral.def. Each list
 * ends with ", " so a statement appends its own fixed columns after it. */
#ifndef WAYMARK_MODEL_REFERRAL_SQL_H
#define WAYMARK_MODEL_REFERRAL_SQL_H
#include "model/referral.def"

/* REFERRAL_SQL_P_<where>(x): x for a column of people, else nothing.
 * REFERRAL_SQL_R_<where>(x, s): for a column of referrals, x for its own and
 * s for a person's kept as submitted; else nothing. */
#define REFERRAL_SQL_P_P(x) x
#define REFERRAL_SQL_P_PS(x) x
#define REFERRAL_SQL_P_R(x)
#define REFERRAL_SQL_P_X(x)
#define REFERRAL_SQL_R_P(x, s)
#define REFERRAL_SQL_R_PS(x, s) s
#define REFERRAL_SQL_R_R(x, s) x
#define REFERRAL_SQL_R_X(x, s)

#define REFERRAL_SQL_PCOL(id, path, where, col, ...) REFERRAL_SQL_P_##where(#col ", ")
#define REFERRAL_SQL_RCOL(id, path, where, col, ...) REFERRAL_SQL_R_##where(#col ", ", "submitted_" #col ", ")
/* The same columns qualified by the aliases p (people) and r (referrals), for reads that join more tables. */
#define REFERRAL_SQL_PQCOL(id, path, where, col, ...) REFERRAL_SQL_P_##where("p." #col ", ")
#define REFERRAL_SQL_RQCOL(id, path, where, col, ...) REFERRAL_SQL_R_##where("r." #col ", ", "r.submitted_" #col ", ")
#define REFERRAL_SQL_PQM(id, path, where, ...) REFERRAL_SQL_P_##where("?, ")
#define REFERRAL_SQL_RQM(id, path, where, ...) REFERRAL_SQL_R_##where("?, ", "?, ")
#define REFERRAL_SQL_PSET(id, path, where, col, ...) REFERRAL_SQL_P_##where(#col " = COALESCE(" #col ", ?), ")
#define REFERRAL_SQL_PFILLV(id, path, where, col, ...) REFERRAL_SQL_P_##where(" UNION ALL SELECT '" #col "', CAST(? AS TEXT)")
#define REFERRAL_SQL_PFILLW(id, path, where, col, ...) REFERRAL_SQL_P_##where(" WHEN '" #col "' THEN p." #col " IS NULL")

/* "given_name, family_name, ..., " in model order (referrals': their own
 * columns and "submitted_given_name, ..." for the person's kept as submitted). */
#define REFERRAL_SQL_PERSON_COLUMNS REFERRAL_FIELDS(REFERRAL_SQL_PCOL)
#define REFERRAL_SQL_PERSON_PARAMS REFERRAL_FIELDS(REFERRAL_SQL_PQM)
/* "phone = COALESCE(phone, ?), ...": a later referral only fills what was
 * not known; it never overwrites a person's details (finding 1,
 * docs/SECURITY.md). */
#define REFERRAL_SQL_PERSON_UPDATE REFERRAL_FIELDS(REFERRAL_SQL_PSET)
/* " UNION ALL SELECT 'phone', CAST(? AS TEXT) ...": each person column and
 * its value on a referral; " WHEN 'phone' THEN p.phone IS NULL ...": which of
 * them the person lacks (the history of what a referral filled in). */
#define REFERRAL_SQL_PERSON_FILL_VALUES REFERRAL_FIELDS(REFERRAL_SQL_PFILLV)
#define REFERRAL_SQL_PERSON_FILL_EMPTY REFERRAL_FIELDS(REFERRAL_SQL_PFILLW)
#define REFERRAL_SQL_REFERRAL_COLUMNS REFERRAL_FIELDS(REFERRAL_SQL_RCOL)
#define REFERRAL_SQL_PERSON_QCOLUMNS REFERRAL_FIELDS(REFERRAL_SQL_PQCOL)
#define REFERRAL_SQL_REFERRAL_QCOLUMNS REFERRAL_FIELDS(REFERRAL_SQL_RQCOL)
#define REFERRAL_SQL_REFERRAL_PARAMS REFERRAL_FIELDS(REFERRAL_SQL_RQM)
/* "r, r, ..., r" n times (REFERRAL_SQL_Xn, n = 2..32): the VALUES rows of a
 * multi-row INSERT. */
#define REFERRAL_SQL_X1(r) r
#define REFERRAL_SQL_X2(r) REFERRAL_SQL_X1(r) ", " r
#define REFERRAL_SQL_X3(r) REFERRAL_SQL_X2(r) ", " r
#define REFERRAL_SQL_X4(r) REFERRAL_SQL_X3(r) ", " r
#define REFERRAL_SQL_X5(r) REFERRAL_SQL_X4(r) ", " r
#define REFERRAL_SQL_X6(r) REFERRAL_SQL_X5(r) ", " r
#define REFERRAL_SQL_X7(r) REFERRAL_SQL_X6(r) ", " r
#define REFERRAL_SQL_X8(r) REFERRAL_SQL_X7(r) ", " r
#define REFERRAL_SQL_X9(r) REFERRAL_SQL_X8(r) ", " r
#define REFERRAL_SQL_X10(r) REFERRAL_SQL_X9(r) ", " r
#define REFERRAL_SQL_X11(r) REFERRAL_SQL_X10(r) ", " r
#define REFERRAL_SQL_X12(r) REFERRAL_SQL_X11(r) ", " r
#define REFERRAL_SQL_X13(r) REFERRAL_SQL_X12(r) ", " r
#define REFERRAL_SQL_X14(r) REFERRAL_SQL_X13(r) ", " r
#define REFERRAL_SQL_X15(r) REFERRAL_SQL_X14(r) ", " r
#define REFERRAL_SQL_X16(r) REFERRAL_SQL_X15(r) ", " r
#define REFERRAL_SQL_X17(r) REFERRAL_SQL_X16(r) ", " r
#define REFERRAL_SQL_X18(r) REFERRAL_SQL_X17(r) ", " r
#define REFERRAL_SQL_X19(r) REFERRAL_SQL_X18(r) ", " r
#define REFERRAL_SQL_X20(r) REFERRAL_SQL_X19(r) ", " r
#define REFERRAL_SQL_X21(r) REFERRAL_SQL_X20(r) ", " r
#define REFERRAL_SQL_X22(r) REFERRAL_SQL_X21(r) ", " r
#define REFERRAL_SQL_X23(r) REFERRAL_SQL_X22(r) ", " r
#define REFERRAL_SQL_X24(r) REFERRAL_SQL_X23(r) ", " r
#define REFERRAL_SQL_X25(r) REFERRAL_SQL_X24(r) ", " r
#define REFERRAL_SQL_X26(r) REFERRAL_SQL_X25(r) ", " r
#define REFERRAL_SQL_X27(r) REFERRAL_SQL_X26(r) ", " r
#define REFERRAL_SQL_X28(r) REFERRAL_SQL_X27(r) ", " r
#define REFERRAL_SQL_X29(r) REFERRAL_SQL_X28(r) ", " r
#define REFERRAL_SQL_X30(r) REFERRAL_SQL_X29(r) ", " r
#define REFERRAL_SQL_X31(r) REFERRAL_SQL_X30(r) ", " r
#define REFERRAL_SQL_X32(r) REFERRAL_SQL_X31(r) ", " r
/* S(n, REFERRAL_SQL_Xn) for n = 2..16, and on to 32. */
#define REFERRAL_SQL_SIZES_2_16(S) S(2, REFERRAL_SQL_X2) S(3, REFERRAL_SQL_X3) S(4, REFERRAL_SQL_X4) S(5, REFERRAL_SQL_X5) S(6, REFERRAL_SQL_X6) S(7, REFERRAL_SQL_X7) S(8, REFERRAL_SQL_X8) S(9, REFERRAL_SQL_X9) S(10, REFERRAL_SQL_X10) S(11, REFERRAL_SQL_X11) S(12, REFERRAL_SQL_X12) S(13, REFERRAL_SQL_X13) S(14, REFERRAL_SQL_X14) S(15, REFERRAL_SQL_X15) S(16, REFERRAL_SQL_X16)
#define REFERRAL_SQL_SIZES_17_32(S) S(17, REFERRAL_SQL_X17) S(18, REFERRAL_SQL_X18) S(19, REFERRAL_SQL_X19) S(20, REFERRAL_SQL_X20) S(21, REFERRAL_SQL_X21) S(22, REFERRAL_SQL_X22) S(23, REFERRAL_SQL_X23) S(24, REFERRAL_SQL_X24) S(25, REFERRAL_SQL_X25) S(26, REFERRAL_SQL_X26) S(27, REFERRAL_SQL_X27) S(28, REFERRAL_SQL_X28) S(29, REFERRAL_SQL_X29) S(30, REFERRAL_SQL_X30) S(31, REFERRAL_SQL_X31) S(32, REFERRAL_SQL_X32)

/* Statuses of open referrals (core/referral_match.c says the same). */
#define REFERRAL_OPEN_STATUSES_SQL "('received', 'triaged', 'allocated', 'in_progress')"
/* Every status: "status IN" this list lets a range on sla_due_at use the
 * (status, sla_due_at) index, so no index of sla_due_at alone is kept. */
#define REFERRAL_ALL_STATUSES_SQL "('received', 'triaged', 'allocated', 'in_progress', 'closed', 'rejected', 'withdrawn')"
#endif
