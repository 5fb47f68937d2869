/* Multi-row INSERTs for a bulk import's people, referrals and reasons (see
 * referral_group.h): rows are held back as bound values and written by one
 * statement for their number (up to 16 rows; 32 for reasons). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/referral_validate.h"
#include "model/referral_sql.h"
#include "store/referral_group.h"

/* How many model fields the column lists of people and of referrals hold. */
#define REFERRAL_SQL_PN(id, path, where, ...) REFERRAL_SQL_P_##where(+1)
#define REFERRAL_SQL_RN(id, path, where, ...) REFERRAL_SQL_R_##where(+1, +1)
enum {
	REFERRAL_SQL_PERSON_NFIELDS = 0 REFERRAL_FIELDS(REFERRAL_SQL_PN),
	REFERRAL_SQL_REFERRAL_NFIELDS = 0 REFERRAL_FIELDS(REFERRAL_SQL_RN),
};

#define PERSON_COLS (REFERRAL_SQL_PERSON_NFIELDS + 6)     /* + outcode, area, match_key, created, updated, id */
#define REFERRAL_COLS (REFERRAL_SQL_REFERRAL_NFIELDS + 12) /* + reference, person, channel, referrer user and org, received, due, created, created by, updated, duplicate, id */
#define REASONS_MAX (REFERRAL_GROUP_ROWS * REFERRAL_REASONS_MAX)

struct referral_group {
	int people, referrals, reasons;
	struct store_param person[REFERRAL_GROUP_ROWS * PERSON_COLS];
	struct store_param referral[REFERRAL_GROUP_ROWS * REFERRAL_COLS];
	struct store_param reason[REASONS_MAX * 2];
	char refs[REFERRAL_GROUP_ROWS][REFCODE_MAX];
};

struct referral_group *referral_group_new(void)
{
	return calloc(1, sizeof(struct referral_group));
}

void referral_group_free(struct referral_group *g)
{
	free(g);
}

int referral_group_person(struct referral_group *g, const struct store_param *p, int n)
{
	if (n != PERSON_COLS || g->people == REFERRAL_GROUP_ROWS)
		return -1;
	memcpy(&g->person[g->people++ * PERSON_COLS], p, sizeof *p * PERSON_COLS);
	return 0;
}

int referral_group_referral(struct referral_group *g, const struct store_param *p, int n, const char *reference)
{
	if (n != REFERRAL_COLS || g->referrals == REFERRAL_GROUP_ROWS || p[0].is_int)
		return -1;
	struct store_param *row = &g->referral[g->referrals * REFERRAL_COLS];
	memcpy(row, p, sizeof *p * REFERRAL_COLS);
	snprintf(g->refs[g->referrals], REFCODE_MAX, "%s", reference);
	row[0].s = g->refs[g->referrals];
	g->referrals++;
	return 0;
}

int referral_group_reason(struct referral_group *g, int64_t referral_id, const char *code)
{
	if (g->reasons == REASONS_MAX)
		return -1;
	g->reason[g->reasons * 2] = (struct store_param){ .is_int = 1, .i = referral_id };
	g->reason[g->reasons * 2 + 1] = (struct store_param){ .s = code, .is_null = code == NULL };
	g->reasons++;
	return 0;
}

int referral_group_full(const struct referral_group *g)
{
	return g->referrals == REFERRAL_GROUP_ROWS;
}

/* Runs rows rows of cols values each through the statement for that many
 * (by_size[n - 1] inserts n rows, up to max a statement). */
static int insert_rows(struct store *st, const enum stmt *by_size, int max, const struct store_param *p, int cols,
		       int rows)
{
	for (int done = 0; done < rows;) {
		int n = rows - done < max ? rows - done : max;
		st->errcode = STORE_OK;
		if (st->ops->exec(st, by_size[n - 1], &p[done * cols], n * cols, NULL, NULL) != n)
			return -1;
		done += n;
	}
	return 0;
}

/* The statements for 2 to 16 (and 17 to 32) rows, from the sizes the
 * statement list was made from (model/referral_sql.h). */
#define PERSON_SIZE(n, xn) STMT_REFERRAL_PERSON_INSERT_ID##n,
#define REFERRAL_SIZE(n, xn) STMT_REFERRAL_INSERT_ID##n,
#define REASON_SIZE(n, xn) STMT_REFERRAL_REASON_INSERT##n,
#define REASON_BULK_SIZE(n, xn) STMT_REFERRAL_REASON_INSERT_BULK##n,

int referral_reasons_insert(struct store *st, const struct store_param *p, int rows)
{
	static const enum stmt plain[] = { STMT_REFERRAL_REASON_INSERT, REFERRAL_SQL_SIZES_2_16(REASON_SIZE)
					   REFERRAL_SQL_SIZES_17_32(REASON_SIZE) };
	return insert_rows(st, plain, 32, p, 2, rows);
}

int referral_group_flush(struct store *st, struct referral_group *g)
{
	static const enum stmt people[] = { STMT_REFERRAL_PERSON_INSERT_ID, REFERRAL_SQL_SIZES_2_16(PERSON_SIZE) };
	static const enum stmt referrals[] = { STMT_REFERRAL_INSERT_ID, REFERRAL_SQL_SIZES_2_16(REFERRAL_SIZE) };
	static const enum stmt reasons[] = { STMT_REFERRAL_REASON_INSERT_BULK, REFERRAL_SQL_SIZES_2_16(REASON_BULK_SIZE)
					     REFERRAL_SQL_SIZES_17_32(REASON_BULK_SIZE) };
	_Static_assert(sizeof people / sizeof *people == REFERRAL_GROUP_ROWS, "a statement for every number of people");
	if (!g)
		return 0;
	int r = insert_rows(st, people, 16, g->person, PERSON_COLS, g->people);
	if (r == 0)
		r = insert_rows(st, referrals, 16, g->referral, REFERRAL_COLS, g->referrals);
	if (r == 0)
		r = insert_rows(st, reasons, 32, g->reason, 2, g->reasons);
	g->people = g->referrals = g->reasons = 0;
	return r;
}
