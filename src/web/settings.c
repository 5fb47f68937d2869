/* The settings page (programme lead and administrator): every setting of core/settings.def as a form
 * field, saved together; a bad value is shown in the error summary under its key and nothing is stored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/ops_reply.h"
#include "ops/settings.h"
#include "store/settings.h"
#include "web/form.h"
#include "web/post.h"
#include "web/web.h"

static const struct form_option on_off[] = { { "on", "On" }, { "off", "Off" }, { NULL, NULL } };

/* given: the values as posted (NULL: those stored). */
static int settings_form(struct http_req *req, struct http_resp *resp, const struct field_errors *fe,
			 const char *const *given, unsigned status, const char *notice)
{
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Settings", fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", "Settings", NULL);
	if (notice) {
		html_open(h, "div", "class", "nhsuk-inset-text", NULL);
		html_elem(h, "p", notice, NULL);
		html_close(h);
	}
	html_elem(h, "p", "Every change is recorded in the audit trail with its old and new value.", "class", "nhsuk-body", NULL);
	form_begin(h, "/settings", req->auth.csrf[0] ? req->auth.csrf : NULL);
	for (size_t i = 0; i < setting_count; i++) {
		const struct setting_def *d = &setting_defs[i];
		char v[SETTING_VALUE_MAX];
		if (given && given[i])
			snprintf(v, sizeof v, "%s", given[i]);
		else if (settings_get(req->db, d->key, v))
			return http_store_failed(req, resp);
		struct form_field f = { .name = d->key, .label = d->label, .hint = d->hint, .value = v, .errors = fe };
		if (d->kind == SETTING_BOOL) {
			if (!given || !given[i])
				snprintf(v, sizeof v, "%s", setting_int_value(d, v) ? "on" : "off");
			form_radios(h, &f, on_off);
			continue;
		}
		if (d->kind == SETTING_INT)
			f.width = "nhsuk-input--width-5";
		else if (d->kind == SETTING_PHONE) {
			f.type = "tel";
			f.width = "nhsuk-input--width-20";
		} else if (d->kind == SETTING_EMAIL) {
			f.type = "email";
		}
		form_input(h, &f);
	}
	form_button(h, "Save settings");
	form_end(h);
	return web_end(&pg, resp, status);
}

static int settings_page(struct http_req *req, struct http_resp *resp)
{
	return settings_form(req, resp, NULL, NULL, 200, http_query(req, "saved") ? "Settings saved." : NULL);
}

static int settings_post(struct http_req *req, struct http_resp *resp)
{
	struct ops_setting_change in[64];
	const char *given[64] = { 0 };
	size_t n = 0;
	for (size_t i = 0; i < setting_count && i < 64; i++) {
		const char *v = http_form(req, setting_defs[i].key);
		given[i] = v;
		if (v)
			in[n++] = (struct ops_setting_change){ setting_defs[i].key, v };
	}
	struct web_post p;
	if (!web_post_fe(&p, req))
		return p.rc;
	enum ops_result r = ops_settings_set(&p.c, in, n, NULL, p.fe);
	int rc;
	if (r == OPS_OK)
		rc = http_redirect(resp, "/settings?saved=1");
	else if (r == OPS_INVALID)
		rc = settings_form(req, resp, p.fe, given, 422, NULL);
	else
		rc = web_ops_reply(req, resp, r, "Settings", p.fe);
	return web_post_end(&p, rc);
}

const struct route web_settings_routes[] = {
	{ "GET", "/settings", settings_page, PERM_ADMIN_SETTINGS, "The settings page", NULL, "saved" },
	{ "POST", "/settings", settings_post, PERM_ADMIN_SETTINGS, "Save the settings (each change audited)" },
	{ 0 },
};
