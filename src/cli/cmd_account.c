/* Account subcommands: org add, user add, user passwd, token create, list and
 * revoke, audit verify. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "cli/cli.h"
#include "core/account_rules.h"
#include "ops/accounts.h"
#include "store/account.h"
#include "store/audit.h"

/* Reads one line from stdin as the password (trailing newline removed). */
static int read_password(char *out, size_t len)
{
	if (!fgets(out, (int)len, stdin))
		return -1;
	out[strcspn(out, "\r\n")] = '\0';
	return strlen(out) >= 12 ? 0 : -1;
}

static int need(const struct cli_opt *opts, const char *cmd, const char *const *names)
{
	for (; *names; names++)
		if (!cli_get(opts, *names)) {
			fprintf(stderr, "waymark %s: --%s is required (see --help)\n", cmd, *names);
			return -1;
		}
	return 0;
}

int cmd_org_add(int argc, char **argv, struct cli_opt *opts)
{
	(void)argc;
	(void)argv;
	if (need(opts, "org add", (const char *const[]){ "name", "kind", NULL }))
		return 2;
	const char *kind = cli_get(opts, "kind");
	int ok = 0;
	for (const char *const *k = org_kinds; *k; k++)
		ok |= strcmp(*k, kind) == 0;
	if (!ok) {
		fprintf(stderr, "waymark org add: --kind must be one of lead_provider, provider, referrer_org, commissioner\n");
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	int64_t id;
	int r = account_org_add(st, cli_get(opts, "name"), kind, cli_get(opts, "area"), (int64_t)time(NULL), &id);
	return cli_report_created(st, "org add", r, id,
				  "an organisation with that name already exists (or --area is unknown)");
}

/* The operator at the command line: user 0, who may do any account write. */
static struct ops_ctx operator_ctx(struct store *st)
{
	return (struct ops_ctx){ .db = st, .role = ROLE_NONE, .now = (int64_t)time(NULL), .addr = "", .request_id = "" };
}

/* Says what went wrong with an account write (none for OPS_OK); returns the exit status. */
static int report(struct store *st, const char *cmd, enum ops_result r, const char *not_found)
{
	if (r == OPS_NOT_FOUND)
		fprintf(stderr, "waymark %s: %s\n", cmd, not_found);
	else if (r == OPS_ERROR)
		fprintf(stderr, "waymark %s: %s\n", cmd, store_errmsg(st));
	else if (r != OPS_OK)
		fprintf(stderr, "waymark %s: not done (see --help)\n", cmd);
	store_close(st);
	return r == OPS_OK ? 0 : 1;
}

int cmd_user_add(int argc, char **argv, struct cli_opt *opts)
{
	(void)argc;
	(void)argv;
	if (need(opts, "user add", (const char *const[]){ "email", "name", "role", "org", NULL }))
		return 2;
	if (role_from_code(cli_get(opts, "role")) == ROLE_NONE) {
		fprintf(stderr, "waymark user add: --role must be one of:");
		for (int r = 1; r < ROLE__MAX; r++)
			fprintf(stderr, " %s", role_code[r]);
		fprintf(stderr, "\n");
		return 2;
	}
	if (!cli_get(opts, "password-stdin")) {
		fprintf(stderr, "waymark user add: give the password on standard input with --password-stdin\n");
		return 2;
	}
	char pw[1100];
	if (read_password(pw, sizeof pw)) {
		fprintf(stderr, "waymark user add: the password must be at least 12 characters\n");
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	struct field_errors *fe = ops_fielderr_new();
	if (!st || !fe) {
		free(fe);
		return 1;
	}
	struct ops_ctx c = operator_ctx(st);
	struct ops_user_new in = { cli_get(opts, "name"), cli_get(opts, "email"), cli_get(opts, "role"),
				   cli_get(opts, "org"), pw };
	int64_t id = 0;
	char unused[SECRET_TOKEN_HEX];
	enum ops_result r = ops_user_add(&c, &in, fe, &id, unused);
	sodium_memzero(pw, sizeof pw);
	for (size_t i = 0; i < fe->n; i++)
		fprintf(stderr, "waymark user add: --%s: %s%s\n", fe->e[i].field, fe->e[i].message,
			strcmp(fe->e[i].field, "org") == 0 ? " (add it with `waymark org add`)" : "");
	free(fe);
	if (r == OPS_OK)
		printf("%lld\n", (long long)id);
	if (r != OPS_INVALID)
		return report(st, "user add", r, "");
	store_close(st);
	return 1;
}

int cmd_user_passwd(int argc, char **argv, struct cli_opt *opts)
{
	(void)argc;
	(void)argv;
	if (need(opts, "user passwd", (const char *const[]){ "email", NULL }))
		return 2;
	char pw[1100];
	fprintf(stderr, "New password (at least 12 characters), then Enter:\n");
	if (read_password(pw, sizeof pw)) {
		fprintf(stderr, "waymark user passwd: the password must be at least 12 characters\n");
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	struct ops_ctx c = operator_ctx(st);
	enum ops_result r = ops_password_set(&c, cli_get(opts, "email"), pw);
	sodium_memzero(pw, sizeof pw);
	if (r == OPS_OK)
		printf("Password changed for %s; their sessions are ended and their API tokens revoked.\n",
		       cli_get(opts, "email"));
	return report(st, "user passwd", r, "no account with that email address");
}

int cmd_token_create(int argc, char **argv, struct cli_opt *opts)
{
	(void)argc;
	(void)argv;
	if (need(opts, "token create", (const char *const[]){ "user", "name", NULL }))
		return 2;
	int days = atoi(cli_get_or(opts, "days", "90"));
	if (days < 1 || days > ACCOUNT_TOKEN_DAYS_MAX) {
		fprintf(stderr, "waymark token create: --days must be 1 to %d\n", ACCOUNT_TOKEN_DAYS_MAX);
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	struct ops_ctx c = operator_ctx(st);
	char token[SECRET_TOKEN_HEX + 4];
	int64_t id = 0;
	enum ops_result r = ops_token_create(&c, cli_get(opts, "user"), cli_get(opts, "name"), days, token, &id);
	if (r == OPS_OK)
		printf("%s\n", token);
	return report(st, "token create", r, "no account with that email address");
}

static void when(int64_t t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!t || !gmtime_r(&tt, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, 32, "-");
}

static int token_line(void *ctx, const struct account_token *t)
{
	char made[32], used[32], ends[32];
	when(t->created_at, made);
	when(t->last_used, used);
	when(t->expires_at, ends);
	printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)t->id, t->email, t->name, made, used, ends,
	       t->revoked ? "revoked" : t->expires_at <= *(int64_t *)ctx ? "expired" : "live");
	return 0;
}

int cmd_token_list(int argc, char **argv, struct cli_opt *opts)
{
	(void)argc;
	(void)argv;
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	int64_t uid = 0, now = (int64_t)time(NULL);
	const char *email = cli_get(opts, "user");
	int r = email ? account_user_find(st, email, &uid) : 1;
	if (r == 1) {
		printf("id\tuser\tname\tcreated\tlast used\texpires\tstate\n");
		r = account_token_list(st, uid, token_line, &now) ? -1 : 1;
	}
	return report(st, "token list", r == 1 ? OPS_OK : r ? OPS_ERROR : OPS_NOT_FOUND,
		      "no account with that email address");
}

int cmd_token_revoke(int argc, char **argv, struct cli_opt *opts)
{
	char *end = NULL;
	long long id = argc == 1 ? strtoll(argv[0], &end, 10) : 0;
	if (id <= 0 || !end || *end) {
		fprintf(stderr, "waymark token revoke: give the token's id (from `waymark token list`)\n");
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	struct ops_ctx c = operator_ctx(st);
	enum ops_result r = ops_token_revoke(&c, (int64_t)id);
	if (r == OPS_OK)
		printf("Token %lld revoked.\n", id);
	return report(st, "token revoke", r, "no token with that id");
}

int cmd_audit_verify(int argc, char **argv, struct cli_opt *opts)
{
	(void)argc;
	(void)argv;
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	int64_t bad = 0, checked = 0;
	int r = audit_verify(st, &bad, &checked);
	if (r < 0)
		fprintf(stderr, "waymark audit verify: %s\n", store_errmsg(st));
	else if (r == 1)
		printf("audit chain BROKEN at event %lld (%lld events checked before it)\n", (long long)bad,
		       (long long)(checked ? checked - 1 : 0));
	else
		printf("audit chain intact: %lld events verified\n", (long long)checked);
	char first[64];
	int unknown = r < 0 ? 0 : audit_unknown_actions(st, first, sizeof first);
	if (unknown > 0)
		printf("%d action code%s not on the list of audit actions (first: %s)\n", unknown, unknown == 1 ? "" : "s",
		       first);
	store_close(st);
	return r == 0 ? 0 : 1;
}
