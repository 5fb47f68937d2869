/* `waymark match`: a dry run of volunteer matching on the database's open
 * tasks (each proposed offer with its reason), or an instance file solved,
 * written as a DIMACS network, or reduced to its optimal cost. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include "cli/cli.h"
#include "ops/ops.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "core/match_instance.h"
#include "core/mcf_dimacs.h"
#include "store/account.h"
#include "store/volunteer.h"

static char *read_file(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		if (n == cap) {
			if (cap > MATCH_INSTANCE_BYTES_MAX) {
				free(buf);
				buf = NULL;
				errno = EFBIG;
				break;
			}
			char *g = realloc(buf, cap * 2);
			if (!g) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = g;
			cap *= 2;
		}
		size_t r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	}
	if (f != stdin)
		fclose(f);
	*len = n;
	return buf;
}

static int run_instance(struct cli_opt *opts, const char *path)
{
	size_t len = 0;
	char *text = read_file(path, &len);
	if (!text) {
		fprintf(stderr, "waymark match: cannot read %s: %s\n", path, strerror(errno));
		return 1;
	}
	struct match_instance inst;
	struct field_errors *fe = ops_fielderr_new();
	int r = fe ? match_instance_parse_json(text, len, &inst, fe) : -1;
	free(text);
	if (r) {
		for (size_t i = 0; fe && i < fe->n; i++)
			fprintf(stderr, "%s: %s: %s\n", path, fe->e[i].field, fe->e[i].message);
		if (fe && fe->dropped)
			fprintf(stderr, "%s: and %zu more problems\n", path, fe->dropped);
		free(fe);
		return 1;
	}
	free(fe);
	int status = 0;
	struct mcf_problem net;
	if (match_network_build(inst.tasks, inst.n_tasks, inst.vols, inst.n_vols, &inst.params, &net)) {
		fprintf(stderr, "waymark match: cannot build the network: %s\n", strerror(errno));
		match_instance_free(&inst);
		return 1;
	}
	const char *dimacs = cli_get(opts, "dimacs");
	if (dimacs) {
		FILE *f = strcmp(dimacs, "-") == 0 ? stdout : fopen(dimacs, "w");
		char comment[256];
		snprintf(comment, sizeof comment, "waymark match instance %s: %zu tasks, %zu volunteers", path,
			 inst.n_tasks, inst.n_vols);
		if (!f || mcf_dimacs_write(f, &net, comment) || (f != stdout && fclose(f))) {
			fprintf(stderr, "waymark match: cannot write %s: %s\n", dimacs, strerror(errno));
			status = 1;
		}
	}
	if (!status && cli_get(opts, "cost-only")) {
		struct mcf_result res;
		if (mcf_solve(&net, &res)) {
			fprintf(stderr, "waymark match: cannot solve: %s\n", strerror(errno));
			status = 1;
		} else {
			printf("%lld\n", (long long)res.cost);
			mcf_result_free(&res);
		}
	} else if (!status && !dimacs) {
		struct match_result *out = calloc(inst.n_tasks + 1, sizeof *out);
		int64_t cost = 0;
		if (!out || match_run(inst.tasks, inst.n_tasks, inst.vols, inst.n_vols, &inst.params, out, &cost)) {
			fprintf(stderr, "waymark match: cannot solve: %s\n", strerror(errno));
			status = 1;
		} else {
			for (size_t i = 0; i < inst.n_tasks; i++) {
				if (out[i].volunteer >= 0)
					printf("task %lld -> volunteer %lld: %s\n", (long long)inst.tasks[i].id,
					       (long long)inst.vols[out[i].volunteer].id, out[i].reason);
				else
					printf("task %lld: %s\n", (long long)inst.tasks[i].id, out[i].reason);
			}
			printf("total cost %lld\n", (long long)cost);
		}
		free(out);
	}
	mcf_problem_free(&net);
	match_instance_free(&inst);
	return status;
}

static void task_line(char *out, size_t n, const struct task_view *t)
{
	char when[LONDON_FORMAT_LEN];
	london_format(t->window_from, when);
	snprintf(out, n, "task %lld (%s, %s, %s, priority %d%s, from %s)", (long long)t->id, t->reference, t->type,
		 t->postcode, t->priority, t->home_visit ? ", home visit" : "", when);
}

static int print_plan(struct store *st, int64_t org_id, const char *org_name, int64_t now, json_t *json)
{
	struct match_plan p;
	if (match_plan_load(st, org_id, now, 0, 0, &p) || match_plan_run(st, &p)) {
		fprintf(stderr, "waymark match: %s\n", store_errmsg(st));
		return -1;
	}
	json_t *offers = json ? json_array() : NULL;
	if (!json)
		printf("%s: %zu open task%s, %zu volunteer%s in the pool\n", org_name, p.n_tasks, p.n_tasks == 1 ? "" : "s",
		       p.n_vols, p.n_vols == 1 ? "" : "s");
	for (size_t i = 0; i < p.n_tasks; i++) {
		const struct match_result *r = &p.results[i];
		const struct task_view *t = &p.task_info[i];
		const struct match_vol_info *v = r->volunteer >= 0 ? &p.vol_info[r->volunteer] : NULL;
		if (json) {
			json_t *o = json_pack("{s:I,s:s,s:s,s:i,s:b,s:s}", "task_id", (json_int_t)t->id, "reference", t->reference,
					      "type", t->type, "priority", t->priority, "home_visit", t->home_visit, "reason",
					      r->reason);
			json_object_set_new(o, "volunteer_id", v ? json_integer(v->id) : json_null());
			json_object_set_new(o, "volunteer_name", v ? json_string(v->name) : json_null());
			json_object_set_new(o, "distance_m", v ? json_integer(r->distance_m) : json_null());
			json_object_set_new(o, "cost", json_integer(r->cost));
			json_array_append_new(offers, o);
			continue;
		}
		char line[256];
		task_line(line, sizeof line, t);
		if (v)
			printf("  %s: offer to %s (volunteer %lld, %s): %s\n", line, v->name, (long long)v->id, v->org_name,
			       r->reason);
		else
			printf("  %s: %s\n", line, r->reason);
	}
	if (json) {
		json_array_append_new(json, json_pack("{s:I,s:s,s:o,s:I,s:i,s:i,s:i}", "org_id", (json_int_t)org_id, "org",
						      org_name, "offers", offers, "total_cost", (json_int_t)p.total_cost,
						      "assigned", (int)p.n_assigned, "volunteers", (int)p.n_vols, "stopped",
						      (int)p.n_stopped));
	} else {
		printf("  %zu of %zu task%s would be offered; total cost %lld", p.n_assigned, p.n_tasks,
		       p.n_tasks == 1 ? "" : "s", (long long)p.total_cost);
		if (p.n_stopped)
			printf("; %zu past the 14-day stop left out", p.n_stopped);
		printf("\n");
	}
	match_plan_free(&p);
	return 0;
}

struct org_ids {
	int64_t ids[256];
	int n;
};

static int org_id_row(void *ctx, const struct store_row *r)
{
	struct org_ids *o = ctx;
	if (o->n < 256)
		o->ids[o->n++] = store_row_int(r, 0);
	return 0;
}

static int org_name_row(void *ctx, const struct store_row *r)
{
	snprintf(ctx, 200, "%s", store_row_text(r, 1));
	return 1;
}

static int run_dry(struct cli_opt *opts)
{
	int64_t now = (int64_t)time(NULL);
	const char *at = cli_get(opts, "at");
	if (at && dt_parse_iso8601(at, &now)) {
		fprintf(stderr, "waymark match: --at '%s' is not an ISO 8601 time, like 2026-12-01T09:00:00Z\n", at);
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	struct org_ids orgs = { .n = 0 };
	const char *org = cli_get(opts, "org");
	int status = 0;
	if (org) {
		if (account_org_find(st, org, &orgs.ids[0]) != 1) {
			fprintf(stderr, "waymark match: there is no organisation '%s'\n", org);
			store_close(st);
			return 1;
		}
		orgs.n = 1;
	} else if (store_exec(st, STMT_VTASK_OPEN_ORGS, org_id_row, &orgs, "ii", now, now + MATCH_HORIZON_SECONDS) < 0) {
		fprintf(stderr, "waymark match: %s\n", store_errmsg(st));
		store_close(st);
		return 1;
	}
	json_t *json = cli_get(opts, "json") ? json_array() : NULL;
	if (!json) {
		char when[LONDON_FORMAT_LEN];
		london_format(now, when);
		printf("Dry run at %s: nothing is offered or stored.\n", when);
		if (orgs.n == 0)
			printf("No open tasks to match.\n");
	}
	for (int i = 0; i < orgs.n && !status; i++) {
		char name[200] = "";
		if (store_exec(st, STMT_ORG_GET, org_name_row, name, "i", orgs.ids[i]) < 0 ||
		    print_plan(st, orgs.ids[i], name, now, json))
			status = 1;
	}
	if (json) {
		if (!status) {
			char *s = json_dumps(json, JSON_INDENT(2));
			printf("%s\n", s ? s : "[]");
			free(s);
		}
		json_decref(json);
	}
	store_close(st);
	return status;
}

int cmd_match(int argc, char **argv, struct cli_opt *opts)
{
	if (cli_no_args("match", argc, argv))
		return 2;
	const char *instance = cli_get(opts, "instance");
	if (instance)
		return run_instance(opts, instance);
	if (cli_get(opts, "dimacs") || cli_get(opts, "cost-only")) {
		fprintf(stderr, "waymark match: --dimacs and --cost-only work on an --instance file\n");
		return 2;
	}
	if (!cli_get(opts, "dry-run")) {
		fprintf(stderr, "waymark match: give --dry-run (a coordinator confirms offers on the Match volunteers page) "
				"or --instance FILE.json\n");
		return 2;
	}
	return run_dry(opts);
}
