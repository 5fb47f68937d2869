/* Shared pieces of the commissioning use cases: the reference data, JSON input readers, visibility and lapsed criteria. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "core/londontime.h"
#include "ops/commission_int.h"
#include "util/embed.h"

static struct commission_data data;
static int data_ok;
static pthread_once_t data_once = PTHREAD_ONCE_INIT;

static void data_load(void)
{
	const struct embed_file *f = embed_find("data/commissioning.json");
	char err[200];
	if (f && commission_data_parse((const char *)f->data, f->len, &data, err, sizeof err) == 0)
		data_ok = 1;
	else
		fprintf(stderr, "waymark: data/commissioning.json: %s\n", f ? err : "missing");
}

int comm_exec(struct store *st, enum stmt id, store_row_fn fn, void *ctx, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = store_vexec(st, id, fn, ctx, fmt, ap);
	va_end(ap);
	return n < 0 ? -1 : 0;
}

const struct commission_data *ops_comm_data(void)
{
	pthread_once(&data_once, data_load);
	return data_ok ? &data : NULL;
}

const char *cj_text(json_t *in, const char *key, size_t max, int required, struct field_errors *fe)
{
	json_t *v = json_object_get(in, key);
	if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
		if (required)
			fielderr_add(fe, key, "Enter the %s", key);
		return NULL;
	}
	if (!json_is_string(v)) {
		fielderr_add(fe, key, "must be text");
		return NULL;
	}
	if (json_string_length(v) > max || strlen(json_string_value(v)) != json_string_length(v)) {
		fielderr_add(fe, key, "must be at most %zu characters", max);
		return NULL;
	}
	return json_string_value(v);
}

int cj_int(json_t *in, const char *key, int64_t lo, int64_t hi, int required, int64_t def, int64_t *out,
	   struct field_errors *fe)
{
	json_t *v = json_object_get(in, key);
	if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
		if (required)
			return fielderr_add(fe, key, "Enter the %s, a whole number from %lld to %lld", key, (long long)lo, (long long)hi);
		*out = def;
		return 0;
	}
	int64_t n;
	if (json_is_integer(v)) {
		n = json_integer_value(v);
	} else if (json_is_string(v)) {
		const char *s = json_string_value(v);
		char *end;
		if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 12)
			return fielderr_add(fe, key, "must be a whole number from %lld to %lld", (long long)lo, (long long)hi);
		n = strtoll(s, &end, 10);
	} else {
		return fielderr_add(fe, key, "must be a whole number from %lld to %lld", (long long)lo, (long long)hi);
	}
	if (n < lo || n > hi)
		return fielderr_add(fe, key, "must be a whole number from %lld to %lld", (long long)lo, (long long)hi);
	*out = n;
	return 0;
}

int cj_date(json_t *in, const char *key, int required, int64_t *day, struct field_errors *fe)
{
	json_t *v = json_object_get(in, key);
	if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
		*day = COMM_NO_DAY;
		return required ? fielderr_add(fe, key, "Enter the %s as a date, YYYY-MM-DD", key) : 0;
	}
	if (!json_is_string(v) || dt_parse_date(json_string_value(v), day)) {
		*day = COMM_NO_DAY;
		return fielderr_add(fe, key, "must be a real date, YYYY-MM-DD");
	}
	return 0;
}

int64_t comm_today(const struct ops_ctx *c)
{
	return london_local_days(c->now);
}

int comm_sees_all(const struct ops_ctx *c)
{
	return c->role != ROLE_PROVIDER_MANAGER;
}

int64_t comm_org_filter(const struct ops_ctx *c)
{
	return comm_sees_all(c) ? 0 : c->org_id;
}

struct lapse_scan {
	const struct commission_data *cd;
	int64_t latest[CD_MAX_ITEMS];
};

static int lapse_row(void *ctx, const struct store_row *r)
{
	struct lapse_scan *s = ctx;
	int i = commission_criterion_index(s->cd, store_row_text(r, 1));
	int64_t review = store_row_int(r, 4);
	if (i >= 0 && review > s->latest[i])
		s->latest[i] = review;
	return 0;
}

int comm_org_lapsed(const struct ops_ctx *c, int64_t org_id, char *crit, size_t len)
{
	const struct commission_data *cd = ops_comm_data();
	if (!cd)
		return -1;
	struct lapse_scan s = { .cd = cd };
	for (int i = 0; i < CD_MAX_ITEMS; i++)
		s.latest[i] = COMM_NO_DAY;
	if (comm_exec(c->db, STMT_COMM_EVIDENCE_LIST, lapse_row, &s, "i", org_id))
		return -1;
	int64_t today = comm_today(c);
	for (size_t i = 0; i < cd->n_criteria; i++)
		if (s.latest[i] != COMM_NO_DAY && s.latest[i] < today) {
			snprintf(crit, len, "%s", cd->criteria[i].label);
			return 1;
		}
	return 0;
}

static int text_row(void *ctx, const struct store_row *r)
{
	snprintf(ctx, 16, "%s", store_row_text(r, 0));
	return 0;
}

int comm_lapsed_may_receive(const struct ops_ctx *c)
{
	char v[16] = "0";
	comm_exec(c->db, STMT_SETTING_GET, text_row, v, "s", "commission_lapsed_may_receive_work");
	return strcmp(v, "1") == 0;
}

/* Rounds are published to every provider: any that exists. */
int ops_comm_round_rel(const struct ops_ctx *c, int64_t id)
{
	int64_t got = 0;
	return store_get_int(c->db, STMT_COMM_ROUND_EXISTS, &got, "i", id);
}

int ops_comm_sla_rel(const struct ops_ctx *c, int64_t id)
{
	int64_t org = 0;
	int n = store_get_int(c->db, STMT_COMM_SLA_ORG, &org, "i", id);
	if (n < 0)
		return -1;
	return n == 1 && (comm_sees_all(c) || org == c->org_id);
}

static int kind_row(void *ctx, const struct store_row *r)
{
	snprintf(ctx, 32, "%s", store_row_text(r, 0));
	return 0;
}

/* A provider organisation: a provider manager's own, anyone's for the lead provider and commissioners. */
int ops_comm_provider_rel(const struct ops_ctx *c, int64_t id)
{
	char kind[32] = "";
	int n = store_exec(c->db, STMT_COMM_ORG_KIND, kind_row, kind, "i", id);
	if (n < 0)
		return -1;
	return n == 1 && (comm_sees_all(c) || id == c->org_id);
}
