/* Forms made from an entity's description (core/record.h), and the posts that save them: fields out, posted
 * values in, and the answer to a page's post (redirect, the form again with its errors, or the failure page). */
#ifndef WAYMARK_WEB_REC_FORM_H
#define WAYMARK_WEB_REC_FORM_H
#include "core/record.h"
#include "http/http.h"
#include "ops/ops.h"
#include "web/form.h"
#include "web/post.h"

/* Writes the n fields of req's form; vals[f]: the value to show (stored form; a date's boxes show what req
 * posted, if anything). opts[f], when opts and it are not NULL, are the choices of a field of codes (else its
 * vocabulary). */
void rec_form_fields(struct html *h, struct http_req *req, const struct rec_field *fields, int n, char (*vals)[REC_VALUE_MAX],
		     const struct form_option *const *opts, const struct field_errors *fe);
/* The posted values of the n fields into given ("" when not sent); a field of codes is every checked box,
 * comma-separated, in buf[f]; a date its day, month and year boxes (web/form_date.h) as one text in buf[f]. */
void rec_form_posted(struct http_req *req, const struct rec_field *fields, int n, const char **given,
		     char (*buf)[REC_VALUE_MAX]);

/* The answer to a page's post of record id: OPS_OK is a redirect to done (a format with one %lld, given
 * done_id); OPS_INVALID shows the form again, again(req, resp, id, vals, fe) answering 422; anything else is
 * web_ops_reply titled failed. */
typedef int (*web_again_fn)(struct http_req *req, struct http_resp *resp, int64_t id, char (*vals)[REC_VALUE_MAX],
			    const struct field_errors *fe);
int web_post_answer(struct http_req *req, struct http_resp *resp, enum ops_result r, int64_t id, const char *done,
		    int64_t done_id, web_again_fn again, char (*vals)[REC_VALUE_MAX], const char *failed,
		    const struct field_errors *fe);

/* A post to the record named by the path's {id}: op(req, p) does it (p->id, p->fe, p->c), then web_post_answer
 * (again with no values). Returns what a handler returns. */
int web_id_post(struct http_req *req, struct http_resp *resp, enum ops_result (*op)(struct http_req *req, struct web_post *p),
		web_again_fn again, const char *done, const char *failed);

/* Saving a record's form: the description, the operation (p->id 0: adding; writes the record's id to *nid), the
 * form again, where to go when done and the titles of the failures (adding, changing). */
struct web_rec_save {
	const struct rec_field *fields;
	int n;
	enum ops_result (*op)(struct http_req *req, struct web_post *p, const char *const *given, int64_t *nid);
	web_again_fn again;
	const char *done;
	const char *add_failed, *change_failed;
};
/* Reads the posted fields of s, runs s->op for the record the path's {id} names (change), or a new one, and
 * answers the post. */
int web_rec_save(struct http_req *req, struct http_resp *resp, int change, const struct web_rec_save *s);
#endif
