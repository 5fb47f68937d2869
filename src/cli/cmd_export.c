/* `waymark export evaluation|linkage` and `waymark consent withdraw`: the
 * evaluation extract, the linkage partner's NHS number to person key table,
 * and recording that a person withdrew data-sharing consent (docs/EVALUATION.md). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "core/datetime.h"
#include "ops/evaluation_extract.h"
#include "store/account.h"

/* The acting account (--user), or the command line itself (user 0, no role). */
static int acting(struct store *st, const char *cmd, const char *email, struct ops_ctx *c)
{
	*c = (struct ops_ctx){ st, 0, 0, ROLE_NONE, (int64_t)time(NULL), "", "" };
	if (!email)
		return 0;
	int64_t id;
	struct account_listed a;
	if (account_user_find(st, email, &id) != 1 || account_user_get(st, id, &a) != 1 || !a.active) {
		fprintf(stderr, "waymark %s: no active account %s\n", cmd, email);
		return -1;
	}
	c->user_id = id;
	c->org_id = a.u.org_id;
	c->role = a.u.role;
	return 0;
}

static int need(const char *cmd, const struct cli_opt *opts, const char *name)
{
	if (cli_get(opts, name))
		return 0;
	fprintf(stderr, "waymark %s: --%s is required (see --help)\n", cmd, name);
	return -1;
}

/* Opens the database as --user (*c) with the pseudonym key of --key-file (*key); NULL after saying why. */
static struct store *open_keyed(const char *cmd, const struct cli_opt *opts, struct ops_ctx *c, struct pseudonym_key *key,
				char *err, size_t n)
{
	struct store *st = cli_open_db(opts, 1);
	if (!st || acting(st, cmd, cli_get(opts, "user"), c))
		goto fail;
	if (!pseudonym_key_load(cli_get(opts, "key-file"), key, err, n))
		return st;
	fprintf(stderr, "waymark %s: %s\n", cmd, err);
fail:
	if (st)
		store_close(st);
	return NULL;
}

int cmd_export_evaluation(int argc, char **argv, struct cli_opt *opts)
{
	const char *cmd = "export evaluation";
	if (cli_no_args(cmd, argc, argv))
		return 2;
	if (need(cmd, opts, "from") || need(cmd, opts, "to") || need(cmd, opts, "key-file") || need(cmd, opts, "out"))
		return 2;
	int64_t from, to;
	if (dt_parse_date(cli_get(opts, "from"), &from) || dt_parse_date(cli_get(opts, "to"), &to) || from > to) {
		fprintf(stderr, "waymark %s: --from and --to are days like 2026-04-01, the first not after the last\n", cmd);
		return 2;
	}
	struct ops_ctx c;
	struct pseudonym_key key;
	char err[600];
	struct store *st = open_keyed(cmd, opts, &c, &key, err, sizeof err);
	if (!st)
		return 1;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct extract_result r;
	enum ops_result rc = ops_evaluation_extract(&c, from, to, &key, cli_get(opts, "out"), &r, err, sizeof err);
	pseudonym_key_wipe(&key);
	store_close(st);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc != OPS_OK) {
		fprintf(stderr, "waymark %s: %s\n", cmd, err);
		return 1;
	}
	fprintf(stderr, "export evaluation: %lld referrals (%lld with a case), %lld people left out for lack of "
			"data-sharing consent, in %.2f s, into %s\n",
		r.referrals, r.cases, r.excluded_people,
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, cli_get(opts, "out"));
	return 0;
}

int cmd_export_linkage(int argc, char **argv, struct cli_opt *opts)
{
	const char *cmd = "export linkage";
	if (cli_no_args(cmd, argc, argv))
		return 2;
	if (need(cmd, opts, "key-file") || need(cmd, opts, "out") || need(cmd, opts, "user"))
		return 2;
	struct ops_ctx c;
	struct pseudonym_key key;
	char err[600];
	struct store *st = open_keyed(cmd, opts, &c, &key, err, sizeof err);
	if (!st)
		return 1;
	long long rows;
	enum ops_result rc = ops_evaluation_linkage(&c, &key, cli_get(opts, "out"), &rows, err, sizeof err);
	pseudonym_key_wipe(&key);
	store_close(st);
	if (rc != OPS_OK) {
		fprintf(stderr, "waymark %s: %s\n", cmd, err);
		return rc == OPS_FORBIDDEN ? 3 : 1;
	}
	fprintf(stderr, "export linkage: %lld NHS numbers with their person keys into %s\n", rows, cli_get(opts, "out"));
	return 0;
}

int cmd_consent_withdraw(int argc, char **argv, struct cli_opt *opts)
{
	const char *cmd = "consent withdraw";
	if (cli_no_args(cmd, argc, argv))
		return 2;
	if (need(cmd, opts, "referral"))
		return 2;
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	struct ops_ctx c;
	if (acting(st, cmd, cli_get(opts, "user"), &c)) {
		store_close(st);
		return 1;
	}
	enum ops_result rc = ops_data_sharing_withdraw(&c, cli_get(opts, "referral"), cli_get_or(opts, "note", ""));
	if (rc == OPS_NOT_FOUND)
		fprintf(stderr, "waymark %s: no referral %s\n", cmd, cli_get(opts, "referral"));
	else if (rc != OPS_OK)
		fprintf(stderr, "waymark %s: %s\n", cmd, store_errmsg(st));
	store_close(st);
	return rc == OPS_OK ? 0 : 1;
}
