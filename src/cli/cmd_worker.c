/* `waymark worker add|list|edit`: workers' records from the command line, each option a field of
 * model/worker.def (--kind, --fte, --clusters, --areas, --start_date, ...), through the same writes as the
 * pages and the API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "ops/workforce.h"
#include "store/settings.h"
#include "store/workforce.h"

static struct ops_ctx operator_ctx(struct store *st)
{
	return (struct ops_ctx){ .db = st, .role = ROLE_NONE, .now = (int64_t)time(NULL), .addr = "", .request_id = "" };
}

static void given_from(const struct cli_opt *opts, const char *given[WORKER_F__COUNT])
{
	for (int f = 0; f < WORKER_F__COUNT; f++)
		given[f] = cli_get(opts, worker_fields[f].key);
}

static int report(struct store *st, const char *cmd, enum ops_result r, const struct field_errors *fe)
{
	if (r == OPS_INVALID || r == OPS_CONFLICT) {
		for (size_t i = 0; i < fe->n; i++)
			fprintf(stderr, "waymark %s: --%s: %s\n", cmd, strcmp(fe->e[i].field, "user_email") ? fe->e[i].field : "user",
				fe->e[i].message);
		return 1;
	}
	if (r == OPS_NOT_FOUND) {
		fprintf(stderr, "waymark %s: there is no such worker\n", cmd);
		return 1;
	}
	fprintf(stderr, "waymark %s: %s\n", cmd, store_errmsg(st));
	return 1;
}

/* Adds a worker (id 0) or changes worker id, from the options; says what was done. */
static int worker_save(struct cli_opt *opts, int64_t id)
{
	struct store *st = cli_open_db(opts, 1);
	struct field_errors *fe = st ? ops_fielderr_new() : NULL;
	if (!fe) {
		if (st)
			store_close(st);
		return 1;
	}
	const char *given[WORKER_F__COUNT];
	given_from(opts, given);
	struct ops_ctx c = operator_ctx(st);
	int64_t added = 0;
	enum ops_result r = id ? ops_worker_edit(&c, id, given, fe)
			       : ops_worker_add(&c, cli_get(opts, "user"), 0, given, &added, fe);
	int rc = 0;
	if (r == OPS_OK && id)
		printf("Worker %lld changed.\n", (long long)id);
	else if (r == OPS_OK)
		printf("%lld\n", (long long)added);
	else
		rc = report(st, id ? "worker edit" : "worker add", r, fe);
	free(fe);
	store_close(st);
	return rc;
}

int cmd_worker_add(int argc, char **argv, struct cli_opt *opts)
{
	if (cli_no_args("worker add", argc, argv))
		return 2;
	if (!cli_get(opts, "user")) {
		fprintf(stderr, "waymark worker add: --user EMAIL is required\n");
		return 2;
	}
	return worker_save(opts, 0);
}

int cmd_worker_edit(int argc, char **argv, struct cli_opt *opts)
{
	char *end = NULL;
	long long id = argc == 1 ? strtoll(argv[0], &end, 10) : 0;
	if (argc != 1 || !end || *end || id <= 0) {
		fprintf(stderr, "waymark worker edit: give the worker's id (from `waymark worker list`)\n");
		return 2;
	}
	return worker_save(opts, (int64_t)id);
}

static int list_row(void *ctx, const struct worker_record *w)
{
	long per = *(long *)ctx, fte = strtol(w->v[WORKER_F_FTE], NULL, 10);
	printf("%lld\t%s\t%s\t%s\t%s\t%ld.%02ld\t%s\t%lld\t%lld/%ld\t%s\n", (long long)w->id, w->name, w->email, w->org_name,
	       w->v[WORKER_F_KIND], fte / 100, fte % 100,
	       strcmp(w->v[WORKER_F_KIND], "link_worker") == 0 ? w->v[WORKER_F_CLUSTERS] : w->v[WORKER_F_AREAS],
	       (long long)w->open_cases, (long long)w->clients_12m, workforce_capacity(fte, per), w->active ? "active" : "ended");
	return 0;
}

int cmd_worker_list(int argc, char **argv, struct cli_opt *opts)
{
	if (argc > 0) {
		fprintf(stderr, "waymark worker list: unexpected argument '%s'\n", argv[0]);
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	long per = settings_get_int(st, "worker_clients_per_fte");
	printf("id\tname\temail\torganisation\tkind\tfte\tclusters_or_areas\topen_cases\tclients_12_months/capacity\tstatus\n");
	int rc = workforce_list(st, 0, (int64_t)time(NULL), list_row, &per) ? 1 : 0;
	if (rc)
		fprintf(stderr, "waymark worker list: %s\n", store_errmsg(st));
	store_close(st);
	return rc;
}
