/* Forms made from an entity's description (core/record.h) and the page posts that save them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/ops_reply.h"
#include "core/datehuman.h"
#include "web/form_date.h"
#include "web/rec_form.h"
#include "web/post.h"
#include "web/web.h"

#define CHECKED_MAX 64

/* Splits a comma-separated list in place into out (NULL-terminated). */
static void split(char *list, const char **out, size_t max)
{
	size_t n = 0;
	for (char *p = list; *p && n + 1 < max;) {
		out[n++] = p;
		p += strcspn(p, ",");
		if (*p)
			*p++ = '\0';
	}
	out[n] = NULL;
}

/* An FTE in hundredths ("50") as a fraction ("0.5"). */
/* The vocabulary's choices into o (at most max - 1 and the terminator), after a prompt when prompt is not NULL. */
static void vocab_options(const char *const *vocab, const char *prompt, struct form_option *o, size_t max)
{
	size_t n = 0;
	if (prompt)
		o[n++] = (struct form_option){ "", prompt };
	for (size_t i = 0; vocab && vocab[i] && n + 1 < max; i += 2)
		o[n++] = (struct form_option){ vocab[i], vocab[i + 1] };
	o[n] = (struct form_option){ NULL, NULL };
}

void rec_form_fields(struct html *h, struct http_req *req, const struct rec_field *fields, int n, char (*vals)[REC_VALUE_MAX],
		     const struct form_option *const *opts, const struct field_errors *fe)
{
	for (int f = 0; f < n; f++) {
		const struct rec_field *d = &fields[f];
		struct form_field ff = { .name = d->key, .label = d->label, .hint = d->hint, .value = vals[f], .errors = fe,
					 .required = d->required };
		struct form_option o[16];
		if (d->kind == RK_BOOL) {
			o[0] = (struct form_option){ "1", "Yes" };
			o[1] = (struct form_option){ "0", "No" };
			o[2] = (struct form_option){ NULL, NULL };
			if (!vals[f][0])
				ff.value = "0";
			form_select(h, &ff, o);
		} else if (d->kind == RK_CODE) {
			vocab_options(d->vocab, d->required ? "Choose one" : "None", o, 16);
			form_select(h, &ff, o);
		} else if (d->kind == RK_CODES) {
			char list[REC_VALUE_MAX];
			const char *checked[CHECKED_MAX + 1];
			snprintf(list, sizeof list, "%s", vals[f]);
			split(list, checked, CHECKED_MAX + 1);
			const struct form_option *choices = opts ? opts[f] : NULL;
			if (!choices) {
				vocab_options(d->vocab, NULL, o, 16);
				choices = o;
			}
			form_checkboxes(h, &ff, choices, checked);
		} else if (d->kind == RK_DATE) {
			int64_t day;
			form_date(h, req, &ff, dh_parse_date(vals[f], &day) ? DT_DAYS_MIN - 1 : day, 0);
		} else if (d->kind == RK_LONGTEXT) {
			form_textarea(h, &ff, 3);
		} else {
			char fte[24];
			if (d->kind == RK_FTE && vals[f][0] && !strchr(vals[f], '.') && strtol(vals[f], NULL, 10) > 1) {
				rec_fte_text(vals[f], fte, sizeof fte);
				ff.value = fte;
			}
			ff.type = d->kind == RK_EMAIL ? "email" : d->kind == RK_PHONE ? "tel" : NULL;
			ff.width = d->kind == RK_FTE ? "nhsuk-input--width-4" : NULL;
			form_input(h, &ff);
		}
	}
}

void rec_form_posted(struct http_req *req, const struct rec_field *fields, int n, const char **given,
		     char (*buf)[REC_VALUE_MAX])
{
	for (int f = 0; f < n; f++) {
		given[f] = http_form(req, fields[f].key); /* parses the form */
		if (fields[f].kind == RK_DATE) {
			given[f] = form_date_text(req, fields[f].key, 0, buf[f], REC_VALUE_MAX);
			continue;
		}
		if (fields[f].kind != RK_CODES) {
			if (!given[f])
				given[f] = "";
			continue;
		}
		size_t len = 0;
		buf[f][0] = '\0';
		for (int i = 0; i < req->nform; i++)
			if (strcmp(req->form[i].name, fields[f].key) == 0 && len + strlen(req->form[i].value) + 2 < REC_VALUE_MAX)
				len += (size_t)snprintf(buf[f] + len, REC_VALUE_MAX - len, "%s%s", len ? "," : "", req->form[i].value);
		given[f] = buf[f];
	}
}

int web_post_answer(struct http_req *req, struct http_resp *resp, enum ops_result r, int64_t id, const char *done,
		    int64_t done_id, web_again_fn again, char (*vals)[REC_VALUE_MAX], const char *failed,
		    const struct field_errors *fe)
{
	if (r == OPS_OK) {
		char to[160];
		snprintf(to, sizeof to, done, (long long)done_id);
		return http_redirect(resp, to);
	}
	if (r == OPS_INVALID)
		return again(req, resp, id, vals, fe);
	return web_ops_reply(req, resp, r, failed, fe);
}

int web_id_post(struct http_req *req, struct http_resp *resp, enum ops_result (*op)(struct http_req *req, struct web_post *p),
		web_again_fn again, const char *done, const char *failed)
{
	struct web_post p;
	if (!web_post_id(&p, req, resp))
		return p.rc;
	enum ops_result r = op(req, &p);
	return web_post_end(&p, web_post_answer(req, resp, r, p.id, done, p.id, again, NULL, failed, p.fe));
}

int web_rec_save(struct http_req *req, struct http_resp *resp, int change, const struct web_rec_save *s)
{
	struct web_post p;
	if (!(change ? web_post_id(&p, req, resp) : web_post_fe(&p, req)))
		return p.rc;
	const char **given = calloc((size_t)s->n, sizeof *given);
	char (*buf)[REC_VALUE_MAX] = calloc((size_t)s->n, sizeof *buf);
	int rc = -1;
	if (!given || !buf)
		goto done;
	rec_form_posted(req, s->fields, s->n, given, buf);
	int64_t nid = p.id;
	enum ops_result r = s->op(req, &p, given, &nid);
	if (r == OPS_INVALID)
		for (int f = 0; f < s->n; f++)
			if (given[f] != buf[f])
				snprintf(buf[f], REC_VALUE_MAX, "%s", given[f]);
	rc = web_post_answer(req, resp, r, p.id, s->done, nid, s->again, buf, change ? s->change_failed : s->add_failed, p.fe);
done:
	free(given);
	free(buf);
	return web_post_end(&p, rc);
}
