/* Volunteer hours totals grouped in memory from the tasks done in a period (store/vol_hours.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "core/londontime.h"
#include "store/vol_hours.h"

static const char *const by_codes[] = { "volunteer", "organisation", "area", "month" };

int vol_hours_by_of(const char *code)
{
	for (int i = 0; code && i < 4; i++)
		if (strcmp(code, by_codes[i]) == 0)
			return i;
	return -1;
}

const char *vol_hours_by_code(enum vol_hours_by by)
{
	return by_codes[by];
}

struct loading {
	struct vol_hours *h;
	enum vol_hours_by by;
	int failed;
};

static int row(void *ctx, const struct store_row *r)
{
	struct loading *l = ctx;
	char key[32], label[404];
	switch (l->by) {
	case VOL_HOURS_VOLUNTEER:
		snprintf(key, sizeof key, "%lld", (long long)store_row_int(r, 0));
		snprintf(label, sizeof label, "%s", store_row_text(r, 1));
		break;
	case VOL_HOURS_ORGANISATION:
		snprintf(key, sizeof key, "%lld", (long long)store_row_int(r, 2));
		snprintf(label, sizeof label, "%s", store_row_text(r, 3));
		break;
	case VOL_HOURS_AREA:
		snprintf(key, sizeof key, "%s", store_row_text(r, 4));
		snprintf(label, sizeof label, "%s", *store_row_text(r, 5) ? store_row_text(r, 5) : "Area not known");
		break;
	case VOL_HOURS_MONTH: {
		int y, m, d;
		dt_civil_from_days(london_local_days(store_row_int(r, 6)), &y, &m, &d);
		snprintf(key, sizeof key, "%04d-%02d", y, m);
		snprintf(label, sizeof label, "%s", key);
		break;
	}
	}
	struct vol_hours *h = l->h;
	size_t i = 0;
	while (i < h->n && strcmp(h->g[i].key, key) != 0)
		i++;
	if (i == h->n) {
		if (h->n == VOL_HOURS_GROUPS_MAX)
			return 0; /* further groups are counted in the totals only */
		h->n++;
		memset(&h->g[i], 0, sizeof h->g[i]);
		snprintf(h->g[i].key, sizeof h->g[i].key, "%s", key);
		snprintf(h->g[i].label, sizeof h->g[i].label, "%s", label);
	}
	int64_t minutes = store_row_int(r, 7);
	h->g[i].tasks++;
	h->g[i].minutes += minutes;
	h->tasks++;
	h->minutes += minutes;
	return 0;
}

static int group_cmp(const void *a, const void *b)
{
	const struct vol_hours_group *x = a, *y = b;
	int c = strcmp(x->label, y->label);
	return c ? c : strcmp(x->key, y->key);
}

int vol_hours_load(struct store *st, int64_t org_id, int64_t from_utc, int64_t to_utc, enum vol_hours_by by,
		   struct vol_hours *out)
{
	memset(out, 0, sizeof *out);
	out->g = malloc(VOL_HOURS_GROUPS_MAX * sizeof *out->g);
	if (!out->g) {
		store_set_error(st, STORE_ERROR, "out of memory");
		return -1;
	}
	struct loading l = { out, by, 0 };
	if (store_exec(st, STMT_VOL_HOURS_DONE, row, &l, "iii", org_id, from_utc, to_utc) < 0) {
		vol_hours_free(out);
		return -1;
	}
	qsort(out->g, out->n, sizeof *out->g, group_cmp);
	return 0;
}

void vol_hours_free(struct vol_hours *h)
{
	free(h->g);
	memset(h, 0, sizeof *h);
}

static int lifetime_row(void *ctx, const struct store_row *r)
{
	int64_t *v = ctx;
	v[0] = store_row_int(r, 0);
	v[1] = store_row_int(r, 1);
	return 1;
}

int vol_hours_lifetime(struct store *st, int64_t volunteer_id, int64_t *tasks, int64_t *minutes)
{
	int64_t v[2] = { 0, 0 };
	if (store_exec(st, STMT_VOL_LIFETIME, lifetime_row, v, "i", volunteer_id) < 0)
		return -1;
	*tasks = v[0];
	*minutes = v[1];
	return 0;
}
