/* Commissioning pages: rounds (open one, send an EOI, score, accept the proposal, issue SLAs) and SLAs (posts, payments, reviews). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "http/audit_req.h"
#include "http/ops_reply.h"
#include "ops/commission.h"
#include "web/form.h"
#include "web/form_date.h"
#include "web/commission_web.h"
#include "web/post.h"
#include "web/web.h"

static const char *csrf(struct http_req *req)
{
	return req->auth.csrf[0] ? req->auth.csrf : NULL;
}

static void summary_row(struct html *h, const char *key, const char *value)
{
	html_open(h, "div", "class", "nhsuk-summary-list__row", NULL);
	html_elem(h, "dt", key, "class", "nhsuk-summary-list__key", NULL);
	html_elem(h, "dd", value, "class", "nhsuk-summary-list__value", NULL);
	html_close(h);
}

/* A percentage (a JSON number) as "97.50%", or none when it is null (nothing to measure). */
static void pct_text(char *out, size_t len, json_t *v, const char *none)
{
	if (json_is_number(v))
		snprintf(out, len, "%.2f%%", json_number_value(v));
	else
		snprintf(out, len, "%s", none);
}

static const char *rag_class(const char *rag)
{
	return !strcmp(rag, "green") ? "nhsuk-tag nhsuk-tag--green" : !strcmp(rag, "amber") ? "nhsuk-tag nhsuk-tag--orange"
							     : !strcmp(rag, "red") ? "nhsuk-tag nhsuk-tag--red" : "nhsuk-tag nhsuk-tag--grey";
}

/* The posted form as a JSON object of strings (a repeated name becomes a list); "scores.x" nests. */
static json_t *form_json(struct http_req *req)
{
	http_form(req, "csrf_token"); /* parses the body */
	json_t *o = json_object();
	for (int i = 0; i < req->nform; i++) {
		const char *n = req->form[i].name, *v = req->form[i].value;
		const char *dot = strrchr(n, '.');
		if (!strcmp(n, "csrf_token") || (dot && (!strcmp(dot, ".day") || !strcmp(dot, ".month") || !strcmp(dot, ".year"))))
			continue; /* a date's boxes: read by dates_into */
		if (!strncmp(n, "scores.", 7)) {
			json_t *s = json_object_get(o, "scores");
			if (!s)
				json_object_set_new(o, "scores", s = json_object());
			json_object_set_new(s, n + 7, json_string(v));
			continue;
		}
		json_t *old = json_object_get(o, n);
		if (!strcmp(n, "clusters")) {
			if (!old)
				json_object_set_new(o, n, old = json_array());
			json_array_append_new(old, json_string(v));
		} else {
			json_object_set_new(o, n, json_string(v));
		}
	}
	return o;
}

/* A date of a form: its name, what it is called in its errors, and whether it must be given. */
struct date_field {
	const char *name, *what;
	int required;
};

/* The posted dates d (up to one with a NULL name) into in as ISO "YYYY-MM-DD", as the use cases and the
 * API take them; one not given, or not a date, is an error in fe naming it. Returns fe->n. */
static size_t dates_into(struct http_req *req, json_t *in, const struct date_field *d, struct field_errors *fe)
{
	for (; d && d->name; d++) {
		char iso[DT_DATE_LEN];
		if (form_date_iso(req, d->name, d->what, d->required, iso, fe) == 0)
			json_object_set_new(in, d->name, json_string(iso));
	}
	return fe->n;
}

/* The commissioning home: rounds, SLAs, and the lead provider's "open a round" form. */
static int home_page(struct http_req *req, struct http_resp *resp, json_t *in, const struct field_errors *fe, unsigned status)
{
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	json_t *rounds = ops_comm_rounds(&c, &r), *slas = rounds ? ops_comm_slas(&c, &r) : NULL;
	if (!rounds || !slas) {
		json_decref(rounds);
		return web_ops_reply(req, resp, r, "Commissioning", NULL);
	}
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Commissioning", fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", "Commissioning", NULL);
	static const char *const rcols[] = { "Round", "Lot value", "EOI deadline", "Status", NULL };
	size_t i;
	json_t *x;
	if (json_array_size(json_object_get(rounds, "rounds"))) {
		cw_table_head(h, "Rounds", rcols);
		json_array_foreach(json_object_get(rounds, "rounds"), i, x) {
			char href[64];
			snprintf(href, sizeof href, "/commissioning/rounds/%lld", (long long)json_integer_value(json_object_get(x, "id")));
			html_open(h, "tr", "class", "nhsuk-table__row", NULL);
			html_open(h, "td", "class", "nhsuk-table__cell", NULL);
			html_elem(h, "a", cw_js(x, "title"), "href", href, NULL);
			html_close(h);
			cw_cell(h, cw_js(x, "lot_value_display"));
			char dl[CW_DATE_LEN];
			cw_cell(h, cw_date(x, "eoi_deadline", dl));
			cw_cell(h, cw_js(x, "status"));
			html_close(h);
		}
		cw_table_end(h);
	} else {
		html_elem(h, "p", "There are no rounds yet.", NULL);
	}
	static const char *const scols[] = { "Provider", "Round", "Total", "Rating", NULL };
	if (json_array_size(json_object_get(slas, "slas"))) {
		cw_table_head(h, "Service level agreements", scols);
		json_array_foreach(json_object_get(slas, "slas"), i, x) {
			char href[64];
			snprintf(href, sizeof href, "/commissioning/slas/%lld", (long long)json_integer_value(json_object_get(x, "id")));
			html_open(h, "tr", "class", "nhsuk-table__row", NULL);
			html_open(h, "td", "class", "nhsuk-table__cell", NULL);
			html_elem(h, "a", cw_js(json_object_get(x, "organisation"), "name"), "href", href, NULL);
			if (json_is_string(json_object_get(x, "lapsed_criterion")))
				html_elem(h, "strong", "Minimum criterion lapsed", "class", "nhsuk-tag nhsuk-tag--red", NULL);
			html_close(h);
			cw_cell(h, cw_js(json_object_get(x, "round"), "title"));
			cw_cell(h, cw_js(x, "total_display"));
			cw_cell(h, "see the agreement");
			html_close(h);
		}
		cw_table_end(h);
	}
	if (req->auth.role == ROLE_PROVIDER_MANAGER) {
		char href[80];
		snprintf(href, sizeof href, "/commissioning/providers/%lld/evidence", (long long)req->auth.org_id);
		html_open(h, "p", NULL);
		html_elem(h, "a", "Your organisation's Appendix B evidence", "href", href, NULL);
		html_close(h);
	}
	web_comm_reminders(h, req);
	if (req->auth.role == ROLE_PROGRAMME_LEAD) {
		html_elem(h, "h2", "Open a round", NULL);
		form_begin(h, "/commissioning/rounds", csrf(req));
		form_input(h, &(struct form_field){ .name = "title", .label = "Title", .value = cw_js(in, "title"), .errors = fe });
		form_input(h, &(struct form_field){ .name = "lot_value", .label = "Value of one Lot (pounds)", .hint = "For example, 14000.00",
						    .value = in ? cw_js(in, "lot_value") : "14000.00", .width = "nhsuk-input--width-10",
						    .errors = fe });
		form_date(h, req,
			  &(struct form_field){ .name = "eoi_deadline", .label = "Deadline for expressions of interest: date",
						.hint = "For example, 26 2 2027", .errors = fe },
			  DT_DAYS_MIN - 1, 0);
		form_input(h, &(struct form_field){ .name = "eoi_deadline_time", .label = "Deadline: time (UK time, 24-hour)",
						    .hint = "For example, 09:00 (or 09:00:30)", .value = in ? cw_js(in, "eoi_deadline_time") : "09:00",
						    .width = "nhsuk-input--width-5", .errors = fe });
		form_input(h, &(struct form_field){ .name = "areas[0].lots", .label = "Lots in Breckland", .type = "number",
						    .value = in ? cw_js(in, "areas[0].lots") : "6", .width = "nhsuk-input--width-3", .errors = fe });
		form_input(h, &(struct form_field){ .name = "areas[1].lots", .label = "Lots in King's Lynn and West Norfolk",
						    .type = "number", .value = in ? cw_js(in, "areas[1].lots") : "6",
						    .width = "nhsuk-input--width-3", .errors = fe });
		form_button(h, "Open the round");
		form_end(h);
	}
	json_decref(rounds);
	json_decref(slas);
	return web_end(&pg, resp, status);
}

static int home_get(struct http_req *req, struct http_resp *resp)
{
	return home_page(req, resp, NULL, NULL, 200);
}

/* The deadline's date (ISO, from dates_into) and its time ("09:00", "09:00:30" or "9am", London) as UTC
 * ISO 8601 in in; a time that is not one is an error naming it. */
static void deadline_from_form(json_t *in, struct field_errors *fe)
{
	const char *t = cw_js(in, "eoi_deadline_time");
	int64_t day, secs;
	unsigned hh, mm, ss;
	int minutes;
	if (sscanf(t, "%2u:%2u:%2u", &hh, &mm, &ss) == 3 && hh < 24 && mm < 60 && ss < 60 && strlen(t) == 8)
		secs = hh * 3600 + mm * 60 + ss;
	else if (dh_parse_time(t, &minutes) == 0)
		secs = minutes * 60;
	else {
		fielderr_add(fe, "eoi_deadline_time", "Enter the time of the deadline, for example 09:00 or 9am");
		return;
	}
	if (dt_parse_date(cw_js(in, "eoi_deadline"), &day))
		return;
	int64_t utc = london_midnight_utc(day) + secs;
	utc -= london_offset(utc) - london_offset(london_midnight_utc(day)); /* the clocks may change that night */
	char iso[DT_UTC_LEN];
	dt_format_utc(utc, iso);
	json_object_set_new(in, "eoi_deadline", json_string(iso));
}

static int round_post(struct http_req *req, struct http_resp *resp)
{
	json_t *form = form_json(req), *in = json_deep_copy(form);
	static const struct date_field dates[] = { { "eoi_deadline", "deadline for expressions of interest", 1 }, { 0 } };
	struct field_errors *fe = ops_fielderr_new();
	if (fe) {
		dates_into(req, in, dates, fe);
		deadline_from_form(in, fe);
	}
	if (fe && fe->n) {
		int rc = home_page(req, resp, form, fe, 422);
		free(fe);
		json_decref(form);
		json_decref(in);
		return rc;
	}
	json_t *areas = json_array();
	const char *codes[2] = { "breckland", "kings_lynn_west_norfolk" }, *keys[2] = { "areas[0].lots", "areas[1].lots" };
	for (int i = 0; i < 2; i++) {
		const char *v = cw_js(form, keys[i]);
		json_t *lots = *v && strspn(v, "0123456789") == strlen(v) && strlen(v) < 6 ? json_integer(atoi(v)) : json_string(v);
		json_array_append_new(areas, json_pack("{s:s,s:o}", "area", codes[i], "lots", lots));
	}
	json_object_set_new(in, "areas", areas);
	struct ops_ctx c = http_ops_ctx(req);
	int64_t id = 0;
	enum ops_result r = fe ? ops_comm_round_create(&c, in, fe, &id) : OPS_ERROR;
	int rc;
	if (r == OPS_OK) {
		char loc[64];
		snprintf(loc, sizeof loc, "/commissioning/rounds/%lld", (long long)id);
		rc = http_redirect(resp, loc);
	} else if (r == OPS_INVALID) {
		rc = home_page(req, resp, form, fe, 422);
	} else {
		rc = web_ops_reply(req, resp, r, "Commissioning", fe);
	}
	free(fe);
	json_decref(form);
	json_decref(in);
	return rc;
}

static void eoi_form(struct html *h, struct http_req *req, json_t *round, const struct field_errors *fe)
{
	char action[80];
	snprintf(action, sizeof action, "/commissioning/rounds/%lld/eoi", (long long)json_integer_value(json_object_get(round, "id")));
	html_elem(h, "h2", "Send your expression of interest", NULL);
	form_begin(h, action, csrf(req));
	form_input(h, &(struct form_field){ .name = "min_lots", .label = "Smallest number of Lots you would take", .type = "number",
					    .width = "nhsuk-input--width-3", .errors = fe });
	form_input(h, &(struct form_field){ .name = "max_lots", .label = "Largest number of Lots you would take", .type = "number",
					    .width = "nhsuk-input--width-3", .errors = fe });
	struct form_option opts[40];
	size_t n = 0, i, j;
	json_t *a, *c;
	json_array_foreach(json_object_get(round, "areas"), i, a) json_array_foreach(json_object_get(a, "clusters"), j, c) {
		if (n < 39)
			opts[n++] = (struct form_option){ json_string_value(c), json_string_value(c) };
	}
	opts[n] = (struct form_option){ NULL, NULL };
	form_checkboxes(h, &(struct form_field){ .name = "clusters", .label = "GP clusters you will cover", .errors = fe }, opts, NULL);
	form_textarea(h, &(struct form_field){ .name = "specialisms", .label = "Client specialisms", .errors = fe }, 3);
	form_textarea(h, &(struct form_field){ .name = "experience", .label = "Experience of delivering similar services", .errors = fe }, 4);
	form_textarea(h, &(struct form_field){ .name = "track_record", .label = "Your organisation's track record", .errors = fe }, 4);
	form_button(h, "Send the expression of interest");
	form_end(h);
}

static void score_form(struct html *h, struct http_req *req, int64_t round, json_t *eoi, const struct commission_data *cd)
{
	char action[80], id[24];
	snprintf(action, sizeof action, "/commissioning/rounds/%lld/scores", (long long)round);
	snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(eoi, "id")));
	html_elem(h, "h3", cw_js(json_object_get(eoi, "organisation"), "name"), NULL);
	html_open(h, "p", NULL);
	html_textf(h, "%lld to %lld Lots. Specialisms: %s", (long long)json_integer_value(json_object_get(eoi, "min_lots")),
		   (long long)json_integer_value(json_object_get(eoi, "max_lots")), cw_js(eoi, "specialisms"));
	html_close(h);
	form_begin(h, action, csrf(req));
	html_void(h, "input", "type", "hidden", "name", "eoi", "value", id, NULL);
	static const struct form_option marks[] = { { "0", "0" }, { "1", "1" }, { "2", "2" }, { "3", "3" }, { "4", "4" }, { "5", "5" },
						    { NULL, NULL } };
	for (size_t k = 0; k < cd->n_selection; k++) {
		char name[64], label[220];
		snprintf(name, sizeof name, "scores.%s", cd->selection[k].code);
		snprintf(label, sizeof label, "%s (weight %d)", cd->selection[k].label, cd->selection[k].weight);
		json_t *have = json_object_get(json_object_get(eoi, "scores"), cd->selection[k].code);
		char hv[8] = "";
		if (json_is_integer(have))
			snprintf(hv, sizeof hv, "%lld", (long long)json_integer_value(have));
		form_select(h, &(struct form_field){ .name = name, .label = label, .value = hv }, marks);
	}
	static const struct form_option yn[] = { { "yes", "Shortlisted" }, { "no", "Not shortlisted" }, { NULL, NULL } };
	form_radios(h, &(struct form_field){ .name = "shortlisted", .label = "Shortlist", .value = "yes" }, yn);
	form_button(h, "Save the scores");
	form_end(h);
}

static void awards_table(struct html *h, json_t *awards, int proposal)
{
	static const char *const cols[] = { "Provider", "GP cluster", "Lots", "Reason", "Next best", NULL };
	cw_table_head(h, proposal ? "Proposed allocation" : "Lots awarded", cols);
	size_t i;
	json_t *a;
	json_array_foreach(awards, i, a) {
		char lots[16];
		snprintf(lots, sizeof lots, "%lld", (long long)json_integer_value(json_object_get(a, "lots")));
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		json_t *org = json_object_get(a, "organisation");
		cw_cell(h, org ? cw_js(org, "name") : cw_js(a, "provider"));
		cw_cell(h, cw_js(a, "cluster"));
		cw_cell(h, lots);
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_text(h, cw_js(a, "reason"));
		if (json_is_string(json_object_get(a, "override_reason")))
			html_elem(h, "span", cw_js(a, "override_reason"), "class", "nhsuk-body-s nhsuk-u-display-block", NULL);
		if (json_is_true(json_object_get(a, "lapsed")))
			html_elem(h, "strong", "Minimum criterion lapsed", "class", "nhsuk-tag nhsuk-tag--red", NULL);
		html_close(h);
		cw_cell(h, json_is_string(json_object_get(a, "runner_up")) ? cw_js(a, "runner_up") : "None");
		html_close(h);
	}
	cw_table_end(h);
}

static int round_page(struct http_req *req, struct http_resp *resp, int64_t id, const struct field_errors *fe, unsigned status)
{
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	json_t *round = ops_comm_round(&c, id, &r);
	if (!round)
		return web_ops_reply(req, resp, r, "Round", NULL);
	const struct commission_data *cd = ops_comm_data();
	struct web_page pg;
	web_begin_errors(&pg, req, resp, cw_js(round, "title"), fe);
	struct html *h = &pg.h;
	html_open(h, "p", NULL);
	html_elem(h, "a", "Back to commissioning", "href", "/commissioning", NULL);
	html_close(h);
	html_elem(h, "h1", cw_js(round, "title"), NULL);
	html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
	summary_row(h, "Value of one Lot", cw_js(round, "lot_value_display"));
	char day[CW_DATE_LEN];
	summary_row(h, "Deadline for expressions of interest", cw_date(round, "eoi_deadline", day));
	summary_row(h, "Status", cw_js(round, "status"));
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(round, "areas"), i, x) {
		char v[200];
		snprintf(v, sizeof v, "%lld Lots", (long long)json_integer_value(json_object_get(x, "lots")));
		summary_row(h, cw_js(x, "area"), v);
	}
	json_array_foreach(json_object_get(round, "milestones"), i, x) summary_row(h, cw_js(x, "label"), cw_date(x, "at", day));
	html_close(h);
	int open = json_is_true(json_object_get(round, "eoi_open"));
	const char *st = cw_js(round, "status");
	json_t *eois = json_object_get(round, "eois");
	if (req->auth.role == ROLE_PROVIDER_MANAGER) {
		if (json_array_size(eois)) {
			html_elem(h, "p", "Your organisation has sent its expression of interest.", "class", "nhsuk-inset-text", NULL);
		} else if (open || fe) {
			eoi_form(h, req, round, fe);
		} else {
			html_elem(h, "p", "The deadline for expressions of interest has passed.", "class", "nhsuk-inset-text", NULL);
		}
	}
	if (req->auth.role == ROLE_PROGRAMME_LEAD && cd) {
		html_elem(h, "h2", "Expressions of interest", NULL);
		if (!json_array_size(eois))
			html_elem(h, "p", "None yet.", NULL);
		static const char *const ecols[] = { "Provider", "Lots", "GP clusters", "Shortlisted", "Score (%)", NULL };
		if (json_array_size(eois))
			cw_table_head(h, "Expressions of interest", ecols);
		json_t *next = NULL;
		json_array_foreach(eois, i, x) {
			char lots[48], cl[400] = "", sc[24] = "Not scored";
			size_t k, len = 0;
			json_t *y;
			snprintf(lots, sizeof lots, "%lld to %lld", (long long)json_integer_value(json_object_get(x, "min_lots")),
				 (long long)json_integer_value(json_object_get(x, "max_lots")));
			json_array_foreach(json_object_get(x, "clusters"), k, y) if (len < sizeof cl)
				len += (size_t)snprintf(cl + len, sizeof cl - len, "%s%s", k ? ", " : "", json_string_value(y));
			json_t *score = json_object_get(x, "score_x100");
			if (json_is_integer(score))
				snprintf(sc, sizeof sc, "%.2f", (double)json_integer_value(score) / 100.0);
			else if (!next)
				next = x;
			html_open(h, "tr", "class", "nhsuk-table__row", NULL);
			cw_cell(h, cw_js(json_object_get(x, "organisation"), "name"));
			cw_cell(h, lots);
			cw_cell(h, cl);
			cw_cell(h, json_is_true(json_object_get(x, "shortlisted")) ? "Yes" : "No");
			cw_cell(h, sc);
			html_close(h);
		}
		if (json_array_size(eois))
			cw_table_end(h);
		if (next && !strcmp(st, "open")) {
			html_elem(h, "h2", "Score the next expression of interest", NULL);
			score_form(h, req, id, next, cd);
		}
		if (!strcmp(st, "open") && !open && json_array_size(eois)) {
			struct field_errors *pfe = ops_fielderr_new();
			json_t *prop = pfe ? ops_comm_proposal(&c, id, NULL, pfe, &r) : NULL;
			if (prop && !strcmp(cw_js(prop, "status"), "optimal")) {
				awards_table(h, json_object_get(prop, "awards"), 1);
				char action[80];
				snprintf(action, sizeof action, "/commissioning/rounds/%lld/awards", (long long)id);
				html_elem(h, "h2", "Accept the proposal", NULL);
				form_begin(h, action, csrf(req));
				struct form_option opts[66];
				char ids[66][24];
				size_t n = 0;
				opts[n++] = (struct form_option){ "", "No override" };
				json_array_foreach(json_object_get(prop, "providers"), i, x) {
					if (n >= 66 - 1)
						break;
					snprintf(ids[n], sizeof ids[n], "%lld", (long long)json_integer_value(json_object_get(x, "eoi")));
					opts[n] = (struct form_option){ ids[n], cw_js(x, "provider") };
					n++;
				}
				opts[n] = (struct form_option){ NULL, NULL };
				form_select(h, &(struct form_field){ .name = "override_eoi", .label = "Override for one provider (optional)",
								     .errors = fe }, opts);
				static const struct form_option aw[] = { { "yes", "Award it at least its minimum" },
									 { "no", "Award it nothing" }, { NULL, NULL } };
				form_radios(h, &(struct form_field){ .name = "override_award", .label = "The override", .errors = fe }, aw);
				form_textarea(h, &(struct form_field){ .name = "override_reason", .label = "The panel's reason for the override",
								       .errors = fe }, 3);
				form_button(h, "Accept and award the Lots");
				form_end(h);
			} else if (prop) {
				html_elem(h, "p", cw_js(prop, "reason"), "class", "nhsuk-inset-text", NULL);
			}
			json_decref(prop);
			free(pfe);
		}
	}
	json_t *awards = json_object_get(round, "awards");
	if (json_array_size(awards))
		awards_table(h, awards, 0);
	if (req->auth.role == ROLE_PROGRAMME_LEAD && !strcmp(st, "awarded")) {
		char action[80];
		snprintf(action, sizeof action, "/commissioning/rounds/%lld/slas", (long long)id);
		html_elem(h, "h2", "Issue the service level agreements", NULL);
		form_begin(h, action, csrf(req));
		form_date(h, req, &(struct form_field){ .name = "signed", .label = "Date signed", .hint = "For example, 1 4 2027", .errors = fe },
			  DT_DAYS_MIN - 1, 0);
		form_date(h, req,
			  &(struct form_field){ .name = "mobilisation_end", .label = "Last day of mobilisation (optional)",
						.hint = "The client target is halved until then. For example, 30 6 2027", .errors = fe },
			  DT_DAYS_MIN - 1, 0);
		form_button(h, "Issue the SLAs");
		form_end(h);
	}
	json_decref(round);
	return web_end(&pg, resp, status);
}

static int round_get(struct http_req *req, struct http_resp *resp)
{
	return web_id_show(req, resp, round_page);
}

typedef enum ops_result (*id_write)(const struct ops_ctx *c, int64_t id, json_t *in, struct field_errors *fe);

/* A form posted to a round's or SLA's page (done: its address, a format given the id), with its dates (NULL:
 * none): redirect there, or show it again with the errors. */
static int id_post(struct http_req *req, struct http_resp *resp, id_write fn, web_id_page page, const char *done,
		   json_t *in, const struct date_field *dates)
{
	struct web_post p;
	int ok = web_post_id(&p, req, resp);
	enum ops_result r = !ok ? OPS_ERROR : dates_into(req, in, dates, p.fe) ? OPS_INVALID : fn(&p.c, p.id, in, p.fe);
	json_decref(in);
	return ok ? web_post_done(&p, req, resp, r, done, page, "Commissioning") : p.rc;
}

static enum ops_result eoi_write(const struct ops_ctx *c, int64_t id, json_t *in, struct field_errors *fe)
{
	int64_t eoi;
	return ops_comm_eoi_submit(c, id, in, fe, &eoi);
}

static int eoi_post(struct http_req *req, struct http_resp *resp)
{
	return id_post(req, resp, eoi_write, round_page, "/commissioning/rounds/%lld", form_json(req), NULL);
}

static int scores_post(struct http_req *req, struct http_resp *resp)
{
	return id_post(req, resp, ops_comm_score, round_page, "/commissioning/rounds/%lld", form_json(req), NULL);
}

static int awards_post(struct http_req *req, struct http_resp *resp)
{
	json_t *f = form_json(req), *in = json_object();
	const char *e = cw_js(f, "override_eoi");
	if (*e) {
		json_t *o = json_pack("{s:I,s:b,s:s}", "eoi", (json_int_t)atoll(e), "award", !strcmp(cw_js(f, "override_award"), "yes"), "reason",
				      cw_js(f, "override_reason"));
		if (!*cw_js(f, "override_award"))
			json_object_set_new(o, "award", json_null());
		json_object_set_new(in, "overrides", json_pack("[o]", o));
	}
	json_decref(f);
	return id_post(req, resp, ops_comm_award, round_page, "/commissioning/rounds/%lld", in, NULL);
}

static int slas_post(struct http_req *req, struct http_resp *resp)
{
	static const struct date_field dates[] = { { "signed", "date signed", 1 }, { "mobilisation_end", "last day of mobilisation", 0 },
						   { 0 } };
	return id_post(req, resp, ops_comm_sla_issue, round_page, "/commissioning/rounds/%lld", form_json(req), dates);
}

static int sla_page(struct http_req *req, struct http_resp *resp, int64_t id, const struct field_errors *fe, unsigned status)
{
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	json_t *sla = ops_comm_sla(&c, id, &r);
	if (!sla)
		return web_ops_reply(req, resp, r, "Service level agreement", NULL);
	json_t *workers = ops_comm_sla_workers(&c, id, &r);
	struct web_page pg;
	char title[300];
	snprintf(title, sizeof title, "SLA: %s", cw_js(json_object_get(sla, "organisation"), "name"));
	web_begin_errors(&pg, req, resp, title, fe);
	struct html *h = &pg.h;
	html_open(h, "p", NULL);
	html_elem(h, "a", "Back to commissioning", "href", "/commissioning", NULL);
	html_close(h);
	html_elem(h, "h1", title, NULL);
	if (json_is_string(json_object_get(sla, "lapsed_criterion"))) {
		html_open(h, "div", "class", "nhsuk-warning-callout", NULL);
		html_elem(h, "h2", "A minimum criterion has lapsed", "class", "nhsuk-warning-callout__label", NULL);
		html_elem(h, "p", cw_js(sla, "lapsed_criterion"), NULL);
		html_close(h);
	}
	const char *rag = json_is_string(json_object_get(sla, "rag")) ? cw_js(sla, "rag") : "not reviewed";
	html_open(h, "p", NULL);
	html_text(h, "Rating: ");
	html_elem(h, "strong", rag, "class", rag_class(rag), NULL);
	html_close(h);
	char ev_href[80];
	snprintf(ev_href, sizeof ev_href, "/commissioning/providers/%lld/evidence",
		 (long long)json_integer_value(json_object_get(json_object_get(sla, "organisation"), "id")));
	html_open(h, "p", NULL);
	html_elem(h, "a", "Appendix B evidence of this provider", "href", ev_href, NULL);
	html_close(h);
	html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
	summary_row(h, "Round", cw_js(json_object_get(sla, "round"), "title"));
	summary_row(h, "Total", cw_js(sla, "total_display"));
	char day[CW_DATE_LEN], day2[CW_DATE_LEN];
	summary_row(h, "Signed", cw_date(sla, "signed", day));
	summary_row(h, "Runs", cw_date(sla, "start", day));
	summary_row(h, "Ends", cw_date(sla, "end", day));
	html_close(h);
	static const char *const pcols[] = { "Post", "GP cluster", "Living Well Worker", "In place", NULL };
	cw_table_head(h, "Living Well Worker posts (0.5 FTE each)", pcols);
	size_t i;
	json_t *x;
	int unfilled = 0;
	json_array_foreach(json_object_get(sla, "posts"), i, x) {
		char n[24];
		snprintf(n, sizeof n, "%zu", i + 1);
		json_t *w = json_object_get(x, "worker");
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		cw_cell(h, n);
		cw_cell(h, cw_js(x, "cluster"));
		cw_cell(h, w && !json_is_null(w) ? cw_js(w, "name") : "Not yet filled");
		cw_cell(h, cw_date(x, "in_place", day));
		html_close(h);
		unfilled |= !w || json_is_null(w);
	}
	cw_table_end(h);
	int manage = req->auth.role == ROLE_PROGRAMME_LEAD;
	if (unfilled && workers && (manage || req->auth.role == ROLE_PROVIDER_MANAGER)) {
		char action[80];
		snprintf(action, sizeof action, "/commissioning/slas/%lld/in-place", (long long)id);
		html_elem(h, "h2", "Put a Living Well Worker in place", NULL);
		form_begin(h, action, csrf(req));
		struct form_option po[64], wo[64];
		char pid[64][24], wid[64][24], plabel[64][120];
		size_t np = 0, nw = 0;
		json_array_foreach(json_object_get(sla, "posts"), i, x) {
			json_t *w = json_object_get(x, "worker");
			if ((w && !json_is_null(w)) || np >= 63)
				continue;
			snprintf(pid[np], sizeof pid[np], "%lld", (long long)json_integer_value(json_object_get(x, "id")));
			snprintf(plabel[np], sizeof plabel[np], "Post %zu, %s", i + 1, cw_js(x, "cluster"));
			po[np] = (struct form_option){ pid[np], plabel[np] };
			np++;
		}
		po[np] = (struct form_option){ NULL, NULL };
		json_array_foreach(workers, i, x) {
			if (nw >= 63)
				break;
			snprintf(wid[nw], sizeof wid[nw], "%lld", (long long)json_integer_value(json_object_get(x, "id")));
			wo[nw] = (struct form_option){ wid[nw], cw_js(x, "name") };
			nw++;
		}
		wo[nw] = (struct form_option){ NULL, NULL };
		form_select(h, &(struct form_field){ .name = "post", .label = "Post", .errors = fe }, po);
		form_select(h, &(struct form_field){ .name = "worker", .label = "Living Well Worker", .errors = fe }, wo);
		form_date(h, req, &(struct form_field){ .name = "in_place", .label = "In place from", .hint = "For example, 3 5 2027", .errors = fe },
			  DT_DAYS_MIN - 1, 0);
		form_button(h, "Record the worker in place");
		form_end(h);
	}
	static const char *const paycols[] = { "Payment", "Amount", "Due", "State", "Detail", NULL };
	cw_table_head(h, "Payments", paycols);
	json_array_foreach(json_object_get(sla, "payments"), i, x) {
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		cw_cell(h, cw_js(x, "label"));
		cw_cell(h, cw_js(x, "amount_display"));
		cw_cell(h, json_is_string(json_object_get(x, "due")) ? cw_date(x, "due", day) : "When a worker is in place");
		cw_cell(h, cw_js(x, "state"));
		char d[1200] = "";
		if (json_is_string(json_object_get(x, "hold_reason")))
			snprintf(d, sizeof d, "Held: %s. %s", cw_js(x, "hold_reason"), cw_js(x, "hold_note"));
		else if (json_is_string(json_object_get(x, "finance_ref")))
			snprintf(d, sizeof d, "Paid %s, %s", cw_date(x, "paid_on", day), cw_js(x, "finance_ref"));
		cw_cell(h, d);
		html_close(h);
	}
	cw_table_end(h);
	json_t *reviews = json_object_get(sla, "reviews");
	if (json_array_size(reviews)) {
		static const char *const rcols[] = { "Quarter", "Clients (target)", "Data complete", "Follow-up", "Rating", "Notes", NULL };
		cw_table_head(h, "Quarterly reviews", rcols);
		json_array_foreach(reviews, i, x) {
			char q[80], cl[80], cp[32], fu[32];
			snprintf(q, sizeof q, "%lld: %s to %s", (long long)json_integer_value(json_object_get(x, "quarter")),
				 cw_date(x, "from", day), cw_date(x, "to", day2));
			snprintf(cl, sizeof cl, "%lld (%.2f)", (long long)json_integer_value(json_object_get(x, "clients")),
				 json_number_value(json_object_get(x, "target")));
			pct_text(cp, sizeof cp, json_object_get(x, "completeness"), "no cases");
			pct_text(fu, sizeof fu, json_object_get(x, "followup"), "none due");
			html_open(h, "tr", "class", "nhsuk-table__row", NULL);
			cw_cell(h, q);
			cw_cell(h, cl);
			cw_cell(h, cp);
			cw_cell(h, fu);
			html_open(h, "td", "class", "nhsuk-table__cell", NULL);
			html_elem(h, "strong", cw_js(x, "rag"), "class", rag_class(cw_js(x, "rag")), NULL);
			if (json_is_string(json_object_get(x, "override_reason"))) {
				char ov[1200];
				snprintf(ov, sizeof ov, "Computed %s, overridden: %s", cw_js(x, "computed_rag"), cw_js(x, "override_reason"));
				html_elem(h, "span", ov, "class", "nhsuk-body-s nhsuk-u-display-block", NULL);
			}
			html_close(h);
			html_open(h, "td", "class", "nhsuk-table__cell", NULL);
			html_text(h, cw_js(x, "notes"));
			if (*cw_js(x, "actions"))
				html_elem(h, "span", cw_js(x, "actions"), "class", "nhsuk-body-s nhsuk-u-display-block", NULL);
			html_close(h);
			html_close(h);
		}
		cw_table_end(h);
	}
	if (manage) {
		char action[80];
		snprintf(action, sizeof action, "/commissioning/slas/%lld/reviews", (long long)id);
		html_elem(h, "h2", "Record a quarterly review", NULL);
		form_begin(h, action, csrf(req));
		form_input(h, &(struct form_field){ .name = "quarter", .label = "Quarter (1 is the first three months)", .type = "number",
						    .width = "nhsuk-input--width-3", .errors = fe });
		html_elem(h, "p", "The clients supported, the Appendix D data completeness, the follow-up KPI and the outcomes are "
				  "computed from the provider's own cases for the quarter when the review is recorded, and rated by "
				  "the thresholds. You may override the rating with a reason.", NULL);
		form_textarea(h, &(struct form_field){ .name = "outcomes", .label = "Outcomes (your comments)", .errors = fe }, 2);
		form_textarea(h, &(struct form_field){ .name = "notes", .label = "Reviewer's notes", .errors = fe }, 3);
		form_textarea(h, &(struct form_field){ .name = "actions", .label = "Actions", .errors = fe }, 2);
		static const struct form_option ratings[] = { { "", "Keep the computed rating" }, { "green", "Green" }, { "amber", "Amber" },
							      { "red", "Red" }, { NULL, NULL } };
		form_select(h, &(struct form_field){ .name = "rag_override", .label = "Override the rating (optional)", .errors = fe }, ratings);
		form_input(h, &(struct form_field){ .name = "override_reason", .label = "Reason for the override", .errors = fe });
		form_button(h, "Record the review");
		form_end(h);
		snprintf(action, sizeof action, "/commissioning/slas/%lld/payments", (long long)id);
		html_elem(h, "h2", "Change a payment", NULL);
		form_begin(h, action, csrf(req));
		struct form_option pay[6], rv[42];
		char pid[4][24], rid[40][24], rl[40][80];
		size_t n = 0;
		json_array_foreach(json_object_get(sla, "payments"), i, x) {
			if (n >= 4)
				break;
			snprintf(pid[n], sizeof pid[n], "%lld", (long long)json_integer_value(json_object_get(x, "id")));
			pay[n] = (struct form_option){ pid[n], cw_js(x, "label") };
			n++;
		}
		pay[n] = (struct form_option){ NULL, NULL };
		form_select(h, &(struct form_field){ .name = "payment", .label = "Payment", .errors = fe }, pay);
		static const struct form_option states[] = { { "due", "Due" }, { "approved", "Approve" }, { "held", "Hold" },
							     { "paid", "Paid" }, { NULL, NULL } };
		form_radios(h, &(struct form_field){ .name = "state", .label = "Make it", .errors = fe }, states);
		static const struct form_option reasons[] = { { "", "Choose a reason" }, { "performance", "Performance" },
							      { "missing_data", "Missing data returns" }, { "other", "Other" }, { NULL, NULL } };
		form_select(h, &(struct form_field){ .name = "reason", .label = "Reason for holding", .errors = fe }, reasons);
		n = 0;
		rv[n++] = (struct form_option){ "", "Choose the review" };
		json_array_foreach(reviews, i, x) {
			if (n >= 40)
				break;
			snprintf(rid[n], sizeof rid[n], "%lld", (long long)json_integer_value(json_object_get(x, "id")));
			snprintf(rl[n], sizeof rl[n], "Quarter %lld (%s)", (long long)json_integer_value(json_object_get(x, "quarter")),
				 cw_js(x, "rag"));
			rv[n] = (struct form_option){ rid[n], rl[n] };
			n++;
		}
		rv[n] = (struct form_option){ NULL, NULL };
		form_select(h, &(struct form_field){ .name = "review", .label = "Review that justifies holding it", .errors = fe }, rv);
		form_textarea(h, &(struct form_field){ .name = "note", .label = "Note (optional)", .errors = fe }, 2);
		form_date(h, req,
			  &(struct form_field){ .name = "paid_on", .label = "Date paid (when it is paid)", .hint = "For example, 14 5 2027",
						.errors = fe },
			  DT_DAYS_MIN - 1, 0);
		form_input(h, &(struct form_field){ .name = "finance_ref", .label = "Finance reference", .width = "nhsuk-input--width-10",
						    .errors = fe });
		form_button(h, "Change the payment");
		form_end(h);
	}
	json_decref(workers);
	json_decref(sla);
	return web_end(&pg, resp, status);
}

static int sla_get(struct http_req *req, struct http_resp *resp)
{
	return web_id_show(req, resp, sla_page);
}

static int in_place_post(struct http_req *req, struct http_resp *resp)
{
	static const struct date_field dates[] = { { "in_place", "date the worker was in place from", 1 }, { 0 } };
	return id_post(req, resp, ops_comm_in_place, sla_page, "/commissioning/slas/%lld", form_json(req), dates);
}

static enum ops_result review_write(const struct ops_ctx *c, int64_t id, json_t *in, struct field_errors *fe)
{
	int64_t rid;
	return ops_comm_review(c, id, in, fe, &rid);
}

static int review_post(struct http_req *req, struct http_resp *resp)
{
	return id_post(req, resp, review_write, sla_page, "/commissioning/slas/%lld", form_json(req), NULL);
}

static int payment_post(struct http_req *req, struct http_resp *resp)
{
	const char *state = http_form(req, "state");
	const struct date_field dates[] = { { "paid_on", "date paid", state && !strcmp(state, "paid") }, { 0 } };
	return id_post(req, resp, ops_comm_payment, sla_page, "/commissioning/slas/%lld", form_json(req), dates);
}

const struct route web_commission_routes[] = {
	{ "GET", "/commissioning", home_get, PERM_COMMISSION_READ, "Commissioning: rounds and SLAs; the lead provider opens a round" },
	{ "POST", "/commissioning/rounds", round_post, PERM_COMMISSION_MANAGE, "Open a round (form)" },
	{ "GET", "/commissioning/rounds/{id}", round_get, PERM_COMMISSION_READ,
	  "A round: the EOI form, scores, the proposal and awards, issuing SLAs", "round" },
	{ "POST", "/commissioning/rounds/{id}/eoi", eoi_post, PERM_COMMISSION_EOI, "Send an expression of interest (form)", "round" },
	{ "POST", "/commissioning/rounds/{id}/scores", scores_post, PERM_COMMISSION_MANAGE, "Score an EOI (form)", "round" },
	{ "POST", "/commissioning/rounds/{id}/awards", awards_post, PERM_COMMISSION_MANAGE,
	  "Accept the proposal with an optional override (form)", "round" },
	{ "POST", "/commissioning/rounds/{id}/slas", slas_post, PERM_COMMISSION_MANAGE, "Issue the SLAs (form)", "round" },
	{ "GET", "/commissioning/slas/{id}", sla_get, PERM_COMMISSION_READ, "An SLA: posts, payments, reviews", "sla" },
	{ "POST", "/commissioning/slas/{id}/in-place", in_place_post, PERM_COMMISSION_PROVIDER, "Put a worker in place (form)", "sla" },
	{ "POST", "/commissioning/slas/{id}/reviews", review_post, PERM_COMMISSION_MANAGE, "Record a quarterly review (form)", "sla" },
	{ "POST", "/commissioning/slas/{id}/payments", payment_post, PERM_COMMISSION_MANAGE, "Change a payment (form)", "sla" },
	{ 0 },
};
