/* The store suite: the same tests against SQLite and a real PostgreSQL
 * server. WAYMARK_TEST_DB is "sqlite" (a temporary file) or a postgres://
 * URL (scripts/with-postgres starts a throwaway cluster). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "store/account.h"
#include "store/audit.h"
#include "store/calendar.h"
#include "store/refdata.h"
#include "store/store.h"

static char db_url[512];
static char sqlite_path[256];

static struct store *open_db(void)
{
	char err[512];
	struct store *st = store_open(db_url, err, sizeof err);
	if (!st)
		fail_msg("cannot open %s: %s", db_url, err);
	return st;
}

/* Each test starts from an empty, freshly migrated database. */
static int setup(void **state)
{
	if (sqlite_path[0]) {
		unlink(sqlite_path);
		char side[300];
		snprintf(side, sizeof side, "%s-wal", sqlite_path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", sqlite_path);
		unlink(side);
	}
	struct store *st = open_db();
	if (store_kind(st) == STORE_POSTGRES)
		assert_int_equal(store_exec_script(st, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"), 0);
	char err[512];
	if (store_migrate(st, err, sizeof err))
		fail_msg("migrate: %s", err);
	if (refdata_load(st, err, sizeof err))
		fail_msg("refdata: %s", err);
	*state = st;
	return 0;
}

static int teardown(void **state)
{
	store_close(*state);
	return 0;
}

#include "store_triage.inc"
#include "store_casework.inc"

static void test_schema_current(void **state)
{
	struct store *st = *state;
	char err[256];
	assert_int_equal(store_schema_version(st), store_latest_version());
	assert_int_equal(store_check_schema(st, err, sizeof err), 0);
	/* Migrating again is a no-op. */
	assert_int_equal(store_migrate(st, err, sizeof err), 0);
	assert_int_equal(store_schema_version(st), store_latest_version());
}

static void test_refdata_counts(void **state)
{
	struct store *st = *state;
	int64_t n = 0;
	assert_int_equal(store_get_int(st, STMT_PRACTICE_COUNT, &n, ""), 1);
	assert_int_equal(n, 42); /* every row of Appendix C */
	char err[256];
	/* Loading twice keeps one copy of each row. */
	assert_int_equal(refdata_load(st, err, sizeof err), 0);
	assert_int_equal(store_get_int(st, STMT_PRACTICE_COUNT, &n, ""), 1);
	assert_int_equal(n, 42);
}

struct practice_seen {
	int n;
	int null_size;
	int range_text;
};

static int practice_row(void *ctx, const struct store_row *r)
{
	struct practice_seen *p = ctx;
	p->n++;
	if (store_row_isnull(r, 3))
		p->null_size++;
	if (strcmp(store_row_text(r, 4), "12,000 - 15,000") == 0) {
		assert_int_equal(store_row_int(r, 3), 13500);
		p->range_text++;
	}
	return 0;
}

static void test_nulls_and_text(void **state)
{
	struct store *st = *state;
	struct practice_seen p = { 0, 0, 0 };
	assert_int_equal(store_exec(st, STMT_PRACTICE_LIST, practice_row, &p, ""), 42);
	assert_int_equal(p.n, 42);
	assert_int_equal(p.null_size, 1);
	assert_int_equal(p.range_text, 1);
}

static void test_calendar(void **state)
{
	struct store *st = *state;
	struct calendar cal;
	assert_int_equal(calendar_load(st, &cal), 0);
	assert_true(cal.wc.n_holidays >= 100);
	assert_true(cal.wc.use_holidays);
	/* Thursday 24 Dec 2026 16:00 UTC -> Tuesday 29 Dec 16:00 UTC. */
	assert_int_equal(calendar_due(&cal, 1798128000), 1798560000);
	calendar_free(&cal);
	assert_int_equal(store_exec(st, STMT_SETTING_PUT, NULL, NULL, "ss", "sla_bank_holidays", "off"), 1);
	assert_int_equal(calendar_load(st, &cal), 0);
	assert_false(cal.wc.use_holidays);
	assert_int_equal(calendar_due(&cal, 1798128000), 1798214400); /* Friday 25 Dec 16:00 */
	calendar_free(&cal);
}

static void test_transaction_rollback(void **state)
{
	struct store *st = *state;
	int64_t id = 0, found = 0;
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(account_org_add(st, "Rolled Back Org", "provider", NULL, 1, &id), 0);
	assert_int_equal(store_rollback(st), 0);
	assert_int_equal(account_org_find(st, "Rolled Back Org", &found), 0);
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(account_org_add(st, "Committed Org", "provider", NULL, 1, &id), 0);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(account_org_find(st, "Committed Org", &found), 1);
	assert_int_equal(found, id);
}

static void test_constraints_classified(void **state)
{
	struct store *st = *state;
	int64_t id;
	assert_int_equal(account_org_add(st, "Same Name", "provider", NULL, 1, &id), 0);
	assert_int_equal(account_org_add(st, "Same Name", "provider", NULL, 1, &id), -1);
	assert_int_equal(store_errcode(st), STORE_CONSTRAINT);
	/* CHECK constraint on the kind. */
	assert_int_equal(account_org_add(st, "Odd Kind", "not_a_kind", NULL, 1, &id), -1);
	assert_int_equal(store_errcode(st), STORE_CONSTRAINT);
	/* Foreign key: an unknown area. */
	assert_int_equal(account_org_add(st, "Bad Area", "provider", "atlantis", 1, &id), -1);
	assert_int_equal(store_errcode(st), STORE_CONSTRAINT);
	/* The connection is still usable afterwards. */
	assert_int_equal(account_org_add(st, "Fine Org", "provider", "breckland", 1, &id), 0);
}

static void test_sql_metacharacters_are_data(void **state)
{
	struct store *st = *state;
	int64_t id, found;
	const char *name = "O'Brien\"; DROP TABLE orgs; -- ? $1";
	assert_int_equal(account_org_add(st, name, "provider", NULL, 1, &id), 0);
	assert_int_equal(account_org_find(st, name, &found), 1);
	assert_int_equal(found, id);
}

static void test_accounts_and_login(void **state)
{
	struct store *st = *state;
	int64_t org, uid;
	assert_int_equal(account_org_add(st, "Acme", "provider", NULL, 1, &org), 0);
	assert_int_equal(account_user_add(st, "a@example.org", "A Person", ROLE_LINK_WORKER, org, "correct horse battery", 1, &uid), 0);
	struct account_user u;
	assert_int_equal(account_login(st, "a@example.org", "correct horse battery", "127.0.0.1", 1000, &u), LOGIN_OK);
	assert_int_equal(u.id, uid);
	assert_int_equal(u.role, ROLE_LINK_WORKER);
	assert_int_equal(account_login(st, "nobody@example.org", "x", "127.0.0.2", 1000, &u), LOGIN_BAD);
	assert_int_equal(u.id, 0);
	for (int i = 0; i < LOGIN_THROTTLE_FREE; i++) {
		assert_int_equal(account_login(st, "a@example.org", "wrong", "127.0.0.3", 1000, &u), LOGIN_BAD);
		assert_int_equal(u.id, uid);
	}
	/* That address waits now, whatever it asks about; the account is not
	 * locked: it signs in from elsewhere at once. */
	assert_int_equal(account_login(st, "a@example.org", "correct horse battery", "127.0.0.3", 1000, &u), LOGIN_THROTTLED);
	assert_int_equal(account_login(st, "nobody@example.org", "x", "127.0.0.3", 1000, &u), LOGIN_THROTTLED);
	assert_int_equal(account_login(st, "a@example.org", "correct horse battery", "127.0.0.4", 1000, &u), LOGIN_OK);
	assert_int_equal(account_login(st, "a@example.org", "correct horse battery", "127.0.0.3", 1001, &u), LOGIN_OK);
}

static void test_sessions_and_tokens(void **state)
{
	struct store *st = *state;
	int64_t org, uid, tid;
	assert_int_equal(account_org_add(st, "Acme", "provider", NULL, 1, &org), 0);
	assert_int_equal(account_user_add(st, "s@example.org", "S", ROLE_HUB_COORDINATOR, org, "correct horse battery", 1, &uid), 0);
	char token[SECRET_TOKEN_HEX], csrf[SECRET_TOKEN_HEX];
	assert_int_equal(account_session_start(st, uid, 1000, token, csrf), 0);
	struct account_session s;
	assert_int_equal(account_session_load(st, token, 1500, 1800, 43200, &s), 1);
	assert_string_equal(s.csrf, csrf);
	assert_int_equal(s.user.id, uid);
	/* Idle too long: ended, and stays ended. */
	assert_int_equal(account_session_load(st, token, 1500 + 1801, 1800, 43200, &s), 0);
	assert_int_equal(account_session_load(st, token, 1500 + 10, 1800, 43200, &s), 0);
	char tok[SECRET_TOKEN_HEX + 4];
	assert_int_equal(account_token_create(st, uid, "integration", 1000, 3000, tok, &tid), 0);
	struct account_grant g;
	assert_int_equal(account_token_load(st, tok, 2000, &g), 1);
	assert_int_equal(g.token_id, tid);
	assert_int_equal(g.user.id, uid);
	assert_int_equal(g.expires_at, 3000);
	assert_int_equal(account_token_load(st, "wm_not_a_token", 2000, &g), 0);
	/* Expired at its time; revoked at once; a password's new sessions survive the cut only if kept. */
	assert_int_equal(account_token_load(st, tok, 3000, &g), 0);
	assert_int_equal(account_token_create(st, uid, "second", 1000, 9000, tok, &tid), 0);
	/* The cut moves the auth generation that token caches compare (migration 160). */
	int64_t gen0 = 0, gen1 = 0;
	assert_int_equal(account_auth_generation(st, &gen0), 1);
	assert_int_equal(account_credentials_cut(st, uid, 0), 0);
	assert_int_equal(account_auth_generation(st, &gen1), 1);
	assert_true(gen1 > gen0);
	assert_int_equal(account_token_load(st, tok, 2000, &g), 0);
}

static void test_audit_chain(void **state)
{
	struct store *st = *state;
	for (int i = 0; i < 25; i++) {
		struct audit_event ev = { .at = 1000 + i, .user_id = i, .role = "hub_coordinator", .org_id = 1,
					  .action = "referral.read", .entity = "referral", .entity_id = i, .person_id = i % 3,
					  .addr = "127.0.0.1", .request_id = "r", .detail = "" };
		assert_int_equal(audit_append(st, &ev), 0);
	}
	int64_t bad = 0, checked = 0;
	assert_int_equal(audit_verify(st, &bad, &checked), 0);
	assert_int_equal(checked, 25);
	assert_int_equal(store_exec_script(st, "UPDATE audit_events SET detail = 'edited' WHERE id = 17"), 0);
	assert_int_equal(audit_verify(st, &bad, &checked), 1);
	assert_int_equal(bad, 17);
}

static void test_audit_tail_deletion(void **state)
{
	struct store *st = *state;
	for (int i = 0; i < 5; i++) {
		struct audit_event ev = { .at = 1, .action = "x" };
		assert_int_equal(audit_append(st, &ev), 0);
	}
	assert_int_equal(store_exec_script(st, "DELETE FROM audit_events WHERE id = 5"), 0);
	int64_t bad = 0, checked = 0;
	assert_int_equal(audit_verify(st, &bad, &checked), 1);
	assert_int_equal(bad, 5);
}

static int count_listed(void *ctx, const struct audit_listed *ev)
{
	(void)ev;
	++*(int *)ctx;
	return 0;
}

/* A list read names its people: the person filter finds the event, the hash
 * covers the list, and an edited list breaks the chain. */
static void test_audit_people(void **state)
{
	struct store *st = *state;
	const int64_t shown[] = { 7, 11, 7, 40 };
	struct audit_event plain = { .at = 1, .action = "referral.read", .person_id = 11 };
	struct audit_event list = { .at = 2, .action = "triage.queue.read", .people = shown, .npeople = 4 };
	assert_int_equal(audit_append(st, &plain), 0);
	assert_int_equal(audit_append(st, &list), 0);
	int n = 0;
	struct audit_filter f = { .person_id = 11, .before_id = INT64_MAX, .limit = 10 };
	assert_int_equal(audit_list(st, &f, count_listed, &n), 2);
	f.person_id = 40, n = 0;
	assert_int_equal(audit_list(st, &f, count_listed, &n), 1);
	f.person_id = 99, n = 0;
	assert_int_equal(audit_list(st, &f, count_listed, &n), 0);
	int64_t bad = 0, checked = 0;
	assert_int_equal(audit_verify(st, &bad, &checked), 0);
	char first[64];
	assert_int_equal(audit_unknown_actions(st, first, sizeof first), 0);
	struct audit_event odd = { .at = 3, .action = "referral.teleport" };
	assert_int_equal(audit_append(st, &odd), 0);
	assert_int_equal(audit_unknown_actions(st, first, sizeof first), 1);
	assert_string_equal(first, "referral.teleport");
	assert_int_equal(store_exec_script(st, "UPDATE audit_events SET people = '7,11' WHERE id = 2"), 0);
	assert_int_equal(audit_verify(st, &bad, &checked), 1);
	assert_int_equal(bad, 2);
}

/* The person index in runs (migration 180): the person filter finds the
 * same events whether they are in a run or after the runs, and a run is
 * made only once it is full. */
static void test_audit_person_runs(void **state)
{
	struct store *st = *state;
	assert_int_equal(store_begin(st), 0);
	for (int i = 0; i < AUDIT_RUN + 300; i++) {
		struct audit_event ev = { .at = 1, .action = "referral.read", .person_id = i % 7 == 0 ? 70 : 1 + i % 5 };
		assert_int_equal(audit_append(st, &ev), 0);
	}
	assert_int_equal(store_commit(st), 0);
	int want[3] = { 0, 0, 0 }, n = 0;
	int64_t persons[3] = { 70, 3, 99 };
	struct audit_filter f = { .before_id = INT64_MAX, .limit = 100000 };
	for (int k = 0; k < 3; k++) {
		f.person_id = persons[k], want[k] = 0;
		assert_true(audit_list(st, &f, count_listed, &want[k]) >= 0);
	}
	assert_int_equal(want[0], (AUDIT_RUN + 300 + 6) / 7);
	assert_int_equal(want[2], 0);
	int64_t runs = 0;
	assert_int_equal(audit_index_people(st, 10, &runs), 1); /* one full run; the 300 after it wait */
	assert_int_equal(audit_index_people(st, 10, &runs), 0);
	assert_int_equal(runs, AUDIT_RUN);
	for (int k = 0; k < 3; k++) {
		f.person_id = persons[k], n = 0;
		assert_true(audit_list(st, &f, count_listed, &n) >= 0);
		assert_int_equal(n, want[k]);
	}
	int64_t bad = 0, checked = 0;
	assert_int_equal(audit_verify(st, &bad, &checked), 0);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	setenv("WAYMARK_PWHASH_FAST", "1", 1);
	const char *env = getenv("WAYMARK_TEST_DB");
	if (!env || strcmp(env, "sqlite") == 0) {
		snprintf(sqlite_path, sizeof sqlite_path, "/tmp/waymark-store-%d.db", (int)getpid());
		snprintf(db_url, sizeof db_url, "%s", sqlite_path);
	} else {
		snprintf(db_url, sizeof db_url, "%s", env);
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_schema_current, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refdata_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nulls_and_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calendar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transaction_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_constraints_classified, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sql_metacharacters_are_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accounts_and_login, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions_and_tokens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_tail_deletion, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_people, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_person_runs, setup, teardown),
		STORE_TRIAGE_TESTS
		STORE_CASEWORK_TESTS
	};
	char group[64];
	snprintf(group, sizeof group, "store suite (%s)", sqlite_path[0] ? "sqlite" : "postgres");
	int r = cmocka_run_group_tests_name(group, tests, NULL, NULL);
	if (sqlite_path[0]) {
		unlink(sqlite_path);
		char side[300];
		snprintf(side, sizeof side, "%s-wal", sqlite_path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", sqlite_path);
		unlink(side);
	}
	return r;
}
