/* The volunteer passport's catalogue and completions in the database (statements in stmt_campaign.def). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "store/training.h"

/* The next module of catalogue c, with the row's code and title (columns 0 and 1); NULL when c is full. */
static struct training_module *add_module(struct training_catalogue *c, const struct store_row *r)
{
	if (c->n >= TRAINING_MODULES_MAX)
		return NULL;
	struct training_module *m = &c->m[c->n];
	snprintf(m->code, sizeof m->code, "%s", store_row_text(r, 0));
	snprintf(m->title, sizeof m->title, "%s", store_row_text(r, 1));
	c->codes[c->n++] = m->code;
	return m;
}

static int module_row(void *ctx, const struct store_row *r)
{
	struct training_module *m = add_module(ctx, r);
	if (!m)
		return 1;
	m->required = (int)store_row_int(r, 2);
	m->completed_on[0] = 0;
	return 0;
}

static int done_row(void *ctx, const struct store_row *r)
{
	struct training_module *m = add_module(ctx, r);
	if (!m)
		return 1;
	m->required = 0;
	dt_format_date(store_row_int(r, 2), m->completed_on);
	return 0;
}

int training_catalogue_load(struct store *st, struct training_catalogue *out)
{
	out->n = 0;
	return store_exec(st, STMT_TRAINING_MODULES, module_row, out, "") < 0 ? -1 : 0;
}

int training_done_load(struct store *st, int64_t volunteer_id, struct training_catalogue *out)
{
	out->n = 0;
	return store_exec(st, STMT_TRAINING_DONE_OF, done_row, out, "i", volunteer_id) < 0 ? -1 : 0;
}

int training_done_put(struct store *st, int64_t volunteer_id, const char *code, int64_t day, int64_t by_user_id,
		      int64_t now)
{
	if (store_exec(st, STMT_TRAINING_DONE_CLEAR, NULL, NULL, "is", volunteer_id, code) < 0 ||
	    store_exec(st, STMT_TRAINING_DONE_ADD, NULL, NULL, "isiIi", volunteer_id, code, day, by_user_id, now) < 0)
		return -1;
	return 0;
}

int training_missing_load(struct store *st, int64_t volunteer_id, struct training_catalogue *out)
{
	out->n = 0;
	struct training_catalogue *cat = malloc(sizeof *cat), *done = malloc(sizeof *done);
	int rc = -1;
	if (!cat || !done || training_catalogue_load(st, cat) || training_done_load(st, volunteer_id, done))
		goto out;
	int required[TRAINING_MODULES_MAX];
	size_t missing[TRAINING_MODULES_MAX];
	for (size_t i = 0; i < cat->n; i++)
		required[i] = cat->m[i].required;
	size_t k = training_required_missing(cat->codes, required, cat->n, done->codes, done->n, missing);
	for (size_t i = 0; i < k; i++) {
		out->m[i] = cat->m[missing[i]];
		out->codes[i] = out->m[i].code;
	}
	out->n = k;
	rc = 0;
out:
	free(cat);
	free(done);
	return rc;
}
