/* Account subcommands: org add, user add, user passwd, token create, audit verify. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "cli/cli.h"
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

int cmd_user_add(int argc, char **argv, struct cli_opt *opts)
{
	(void)argc;
	(void)argv;
	if (need(opts, "user add", (const char *const[]){ "email", "name", "role", "org", NULL }))
		return 2;
	enum role role = role_from_code(cli_get(opts, "role"));
	if (role == ROLE_NONE) {
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
	if (!st)
		return 1;
	int64_t org = 0, id = 0;
	int r = account_org_find(st, cli_get(opts, "org"), &org);
	if (r != 1) {
		fprintf(stderr, "waymark user add: no organisation called '%s' (add it with `waymark org add`)\n",
			cli_get(opts, "org"));
		store_close(st);
		return 1;
	}
	r = account_user_add(st, cli_get(opts, "email"), cli_get(opts, "name"), role, org, pw, (int64_t)time(NULL), &id);
	sodium_memzero(pw, sizeof pw);
	return cli_report_created(st, "user add", r, id, "an account with that email already exists");
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
	int r = account_user_passwd(st, cli_get(opts, "email"), pw);
	sodium_memzero(pw, sizeof pw);
	if (r)
		fprintf(stderr, "waymark user passwd: no account with email %s\n", cli_get(opts, "email"));
	else
		printf("Password changed for %s.\n", cli_get(opts, "email"));
	store_close(st);
	return r ? 1 : 0;
}

int cmd_token_create(int argc, char **argv, struct cli_opt *opts)
{
	(void)argc;
	(void)argv;
	if (need(opts, "token create", (const char *const[]){ "user", "name", NULL }))
		return 2;
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	struct account_user u;
	memset(&u, 0, sizeof u);
	int64_t uid = 0, tid = 0;
	/* The user by email, through the sign-in lookup (no password involved). */
	if (store_get_int(st, STMT_USER_BY_EMAIL, &uid, "s", cli_get(opts, "user")) != 1) {
		fprintf(stderr, "waymark token create: no account with email %s\n", cli_get(opts, "user"));
		store_close(st);
		return 1;
	}
	char token[SECRET_TOKEN_HEX + 4];
	int r = account_token_create(st, uid, cli_get(opts, "name"), (int64_t)time(NULL), token, &tid);
	if (r)
		fprintf(stderr, "waymark token create: %s\n", store_errmsg(st));
	else
		printf("%s\n", token);
	store_close(st);
	return r ? 1 : 0;
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
