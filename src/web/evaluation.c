/* The outcomes page for the programme lead and commissioners: choose an
 * instrument, period and breakdown; a table of the paired statistics (the
 * same figures as GET /api/v1/evaluation/outcomes), without JavaScript. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "http/ops_reply.h"
#include "ops/evaluation.h"
#include "web/form.h"
#include "web/form_date.h"
#include "web/web.h"

static const struct form_option instruments[] = {
	{ "swemwbs", "SWEMWBS (wellbeing, metric score)" },
	{ "ons4", "ONS4 (personal well-being; choose a question)" },
	{ "gse", "General Self-Efficacy Scale" },
	{ "eqvas", "EQ-VAS (self-rated health)" },
	{ NULL, NULL },
};

static const struct form_option items[] = {
	{ "", "Not ONS4" },
	{ "life_satisfaction", "Life satisfaction" },
	{ "worthwhile", "Things done are worthwhile" },
	{ "happiness", "Happiness yesterday" },
	{ "anxiety", "Anxiety yesterday (lower is better)" },
	{ NULL, NULL },
};

static const struct form_option *breakdowns(void)
{
	static struct form_option o[COHORT_DIM__MAX + 2];
	o[0] = (struct form_option){ "", "None (the whole cohort)" };
	for (int i = 0; i < COHORT_DIM__MAX; i++)
		o[i + 1] = (struct form_option){ cohort_dim_code((enum cohort_dim)i), cohort_dim_label((enum cohort_dim)i) };
	o[COHORT_DIM__MAX + 1] = (struct form_option){ NULL, NULL };
	return o;
}

static const char *const heads[] = {
	"Group", "People with both scores", "Baseline mean", "Follow-up mean", "Mean change", "95% confidence interval",
	"Median change", "Wilcoxon W", "Wilcoxon p", "Effect size", "Improved", "No meaningful change", "Worse",
	"Started, no follow-up",
};
#define NHEADS (sizeof heads / sizeof heads[0])

/* One cell with its heading for the stacked (narrow screen) layout. */
static void cell(struct html *h, size_t col, const char *text)
{
	html_open(h, "td", "class", col ? "nhsuk-table__cell nhsuk-table__cell--numeric" : "nhsuk-table__cell", "role",
		  "cell", NULL);
	html_elem(h, "span", heads[col], "class", "nhsuk-table-responsive__heading", "aria-hidden", "true", NULL);
	html_text(h, text);
	html_close(h);
}

static void fmt(char *b, size_t n, double v, int withheld)
{
	if (withheld)
		snprintf(b, n, "withheld");
	else if (isnan(v))
		snprintf(b, n, "none");
	else
		snprintf(b, n, "%.2f", v);
}

static void row(struct html *h, const struct cohort_group *g, int suppressed)
{
	const struct stats_paired *s = &g->stats;
	int w = g->stats_withheld;
	char b[96], lo[32], hi[32];
	html_open(h, "tr", "class", "nhsuk-table__row", "role", "row", NULL);
	cell(h, 0, g->label);
	const struct sup_cell *c = g->cell;
#define COUNT(k) (suppressed && c[k].withheld ? snprintf(b, sizeof b, "withheld") \
		  : snprintf(b, sizeof b, "%lld", (long long)(suppressed ? c[k].shown : g->count[k])))
	COUNT(COHORT_N_PAIRED);
	cell(h, 1, b);
	fmt(b, sizeof b, s->baseline_mean, w);
	cell(h, 2, b);
	fmt(b, sizeof b, s->followup_mean, w);
	cell(h, 3, b);
	fmt(b, sizeof b, s->mean_change, w);
	cell(h, 4, b);
	fmt(lo, sizeof lo, s->ci95_low, w);
	fmt(hi, sizeof hi, s->ci95_high, w);
	if (w || isnan(s->ci95_low))
		snprintf(b, sizeof b, "%s", w ? "withheld" : "none");
	else
		snprintf(b, sizeof b, "%s to %s", lo, hi);
	cell(h, 5, b);
	fmt(b, sizeof b, s->median_change, w);
	cell(h, 6, b);
	if (w)
		snprintf(b, sizeof b, "withheld");
	else if (isnan(s->wilcoxon_w))
		snprintf(b, sizeof b, "none");
	else
		snprintf(b, sizeof b, "%.1f", s->wilcoxon_w);
	cell(h, 7, b);
	if (w)
		snprintf(b, sizeof b, "withheld");
	else if (isnan(s->wilcoxon_p))
		snprintf(b, sizeof b, "none");
	else if (s->wilcoxon_p < 0.001)
		snprintf(b, sizeof b, "<0.001 (%s)", s->wilcoxon_method == STATS_WILCOXON_EXACT ? "exact" : "normal");
	else
		snprintf(b, sizeof b, "%.3f (%s)", s->wilcoxon_p, s->wilcoxon_method == STATS_WILCOXON_EXACT ? "exact" : "normal");
	cell(h, 8, b);
	fmt(b, sizeof b, s->effect_size, w);
	cell(h, 9, b);
	COUNT(COHORT_IMPROVED);
	cell(h, 10, b);
	COUNT(COHORT_UNCHANGED);
	cell(h, 11, b);
	COUNT(COHORT_WORSENED);
	cell(h, 12, b);
	COUNT(COHORT_NO_FOLLOWUP);
	cell(h, 13, b);
#undef COUNT
	html_close(h);
}

static void table(struct html *h, const struct ops_eval_outcomes *o, const char *caption)
{
	const struct cohort *c = &o->cohort;
	html_open(h, "table", "class", "nhsuk-table-responsive", "role", "table", "id", "outcomes-table", NULL);
	html_elem(h, "caption", caption, "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", "role", "rowgroup", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", "role", "row", NULL);
	for (size_t i = 0; i < NHEADS; i++)
		html_elem(h, "th", heads[i], "class", i ? "nhsuk-table__header nhsuk-table__header--numeric" : "nhsuk-table__header",
			  "scope", "col", "role", "columnheader", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	for (size_t i = 0; i < c->ngroups; i++)
		row(h, &c->groups[i], o->suppressed);
	row(h, &c->total, o->suppressed);
	html_close(h);
	html_close(h);
}

static void explain(struct html *h, const struct ops_eval_outcomes *o)
{
	const struct cohort *c = &o->cohort;
	html_elem(h, "h2", "How these figures are worked out", NULL);
	html_open(h, "ul", "class", "nhsuk-list nhsuk-list--bullet", NULL);
	html_elem(h, "li", "Each person counts once, in the period of their first baseline there, paired with the "
			   "follow-up of the same case. Change is the follow-up score minus the baseline score.", NULL);
	html_elem(h, "li", "The 95% confidence interval is the paired t interval; the Wilcoxon signed-rank test drops "
			   "zero changes, and uses the exact distribution for up to 25 changes without ties, else the "
			   "normal approximation with the tie correction. Effect size is the mean change over the SD of "
			   "the changes.", NULL);
	if (c->measure.id == INSTRUMENT_ONS4)
		html_elem(h, "li", "Improved or worse means moving between the ONS reporting bands (for anxiety, a lower "
				   "band is the improvement).", NULL);
	else {
		int t = c->measure.id == INSTRUMENT_SWEMWBS ? c->thresholds.swemwbs_x100
			: c->measure.id == INSTRUMENT_GSE   ? c->thresholds.gse_x100
							    : c->thresholds.eqvas_x100;
		html_open(h, "li", NULL);
		html_textf(h, "Improved or worse means a change of at least %d.%02d points (a setting).", t / 100, t % 100);
		html_close(h);
	}
	if (o->suppressed) {
		html_open(h, "li", NULL);
		html_textf(h, "Counts from 1 to %d are withheld and the others rounded to the nearest 5, with the "
			      "figures of a withheld group; another count may be withheld so that none can be worked out.",
			   o->threshold);
		html_close(h);
	}
	html_close(h);
}

static int outcomes_page(struct http_req *req, struct http_resp *resp)
{
	struct field_errors *fe = ops_fielderr_new();
	struct ops_eval_outcomes *o = malloc(sizeof *o);
	if (!fe || !o) {
		free(fe);
		free(o);
		return -1;
	}
	const char *qi = http_query(req, "instrument");
	struct ops_ctx c = http_ops_ctx(req);
	char from[96], to[96];
	enum ops_result r = ops_evaluation_outcomes(&c, qi && *qi ? qi : "swemwbs", http_query(req, "item"),
						    form_date_text(req, "from", 1, from, sizeof from),
						    form_date_text(req, "to", 1, to, sizeof to), http_query(req, "by"), o, fe);
	if (r == OPS_ERROR) {
		ops_evaluation_outcomes_free(o);
		free(fe);
		free(o);
		return http_store_failed(req, resp);
	}
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Outcomes", fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", "Outcomes: change between baseline and follow-up", NULL);
	char f[DH_DATE_LEN], t[DH_DATE_LEN];
	dh_format_date(o->from_day, f);
	dh_format_date(o->to_day, t);
	html_open(h, "form", "method", "get", "action", "/evaluation/outcomes", "novalidate", "", NULL);
	form_select(h, &(struct form_field){ .name = "instrument", .label = "Measure", .value = qi, .errors = fe },
		    instruments);
	form_select(h, &(struct form_field){ .name = "item", .label = "ONS4 question", .value = http_query(req, "item"),
					     .errors = fe },
		    items);
	form_date(h, req, &(struct form_field){ .name = "from", .label = "Baselines from", .hint = "For example, 1 4 2026", .errors = fe },
		  fe->n ? DT_DAYS_MIN - 1 : o->from_day, 1);
	form_date(h, req, &(struct form_field){ .name = "to", .label = "Baselines to", .hint = "For example, 31 3 2027", .errors = fe },
		  fe->n ? DT_DAYS_MIN - 1 : o->to_day, 1);
	form_select(h, &(struct form_field){ .name = "by", .label = "Break down by", .value = http_query(req, "by"), .errors = fe },
		    breakdowns());
	html_elem(h, "button", "Show outcomes", "class", "nhsuk-button nhsuk-button--secondary", "type", "submit", NULL);
	html_close(h);
	if (!fe->n) {
		char cap[200];
		const struct cohort *co = &o->cohort;
		const char *item = outcome_ons4_item_code(co->measure.item);
		snprintf(cap, sizeof cap, "%s%s%s, baselines %s to %s%s%s", instrument_get(co->measure.id)->label,
			 item ? ": " : "", item ? item : "", f, t, o->dim >= 0 ? ", by " : "",
			 o->dim >= 0 ? cohort_dim_label((enum cohort_dim)o->dim) : "");
		table(h, o, cap);
		explain(h, o);
		if (authz_allows(req->auth.role, PERM_EVALUATION_EXTRACT)) {
			html_open(h, "p", NULL);
			html_elem(h, "a", "The evaluation extract", "href", "/evaluation/extract", NULL);
			html_close(h);
		}
	}
	ops_evaluation_outcomes_free(o);
	int status = fe->n ? 422 : 200;
	free(fe);
	free(o);
	return web_end(&pg, resp, status);
}

const struct route web_evaluation_routes[] = {
	{ "GET", "/evaluation/outcomes", outcomes_page, PERM_EVALUATION_READ,
	  "Outcomes: paired statistics of an instrument by period and breakdown", NULL,
	  "instrument item from to by from.day from.month from.year to.day to.month to.year" },
	{ 0 },
};
