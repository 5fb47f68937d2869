/* The forms of a case as data: each names its page, fields and save (web/case_forms.c serves them all). */
#ifndef WAYMARK_WEB_CASE_FORMS_H
#define WAYMARK_WEB_CASE_FORMS_H
#include "core/audit_action.h"
#include <stdlib.h>
#include "web/case_web.h"

/* What a successful save tells the handler: where on the case page to go
 * back to, and the audit event's detail. */
struct case_saved {
	const char *anchor;
	char detail[160];
};

struct case_form {
	const char *slug;   /* the page is /cases/{id}/<slug> */
	const char *title, *button;
	const char *anchor; /* the section of the case page to go back to */
	enum audit_action audit; /* the audit event's action */
	int closed_ok;      /* may be used on a closed case */
	const char *conflict_field; /* a conflict is shown as this field's error (NULL: as a notice) */
	/* Writes the fields (fe: the problems to show, NULL on first showing).
	 * Returns 0, 1 when there is nothing to submit (no button), -1 on a store error. */
	int (*fields)(struct html *h, struct http_req *req, const struct casework_summary *s, const struct field_errors *fe);
	/* Reads the posted form and writes inside the open transaction. */
	enum casework_result (*save)(struct http_req *req, const struct casework_who *w, struct field_errors *fe,
				     struct casework_conflict *cf, struct case_saved *out);
	/* Optional, for GET: answers the request itself (returns 1 with *rc set),
	 * e.g. the choice of instrument before a questionnaire. */
	int (*pre)(struct http_req *req, struct http_resp *resp, const struct casework_summary *s, int *rc);
};

/* The forms (web/case_form_work.c, web/case_form_record.c). */
extern const struct case_form case_form_session, case_form_measure, case_form_assessment, case_form_goal,
	case_form_goal_progress, case_form_onward, case_form_onward_status, case_form_unmet, case_form_safeguarding,
	case_form_consent, case_form_study, case_form_close, case_form_dropout;

/* Adds store's problems to fe (those of a field fe has no problem with yet);
 * a write that passed the store's checks but not the page's is INVALID. */
enum casework_result case_merge_errors(enum casework_result r, struct field_errors *fe, const struct field_errors *store);
/* A posted whole number in lo..hi into *out; "" gives dflt. 0, or -1 (not a number or out of range). */
int case_form_int(struct http_req *req, const char *name, int lo, int hi, int dflt, int *out);
/* Runs a store write with its own error list and merges it into fe. */
#define CASE_STORE_WRITE(r, fe, call)                                      \
	do {                                                               \
		struct field_errors *sfe = malloc(sizeof *sfe);            \
		if (!sfe)                                                  \
			return CASEWORK_ERROR;                             \
		fielderr_init(sfe);                                        \
		(r) = (call);                                              \
		(r) = case_merge_errors((r), (fe), sfe);                   \
		free(sfe);                                                 \
	} while (0)

/* The id of the record a form is about: the posted field, else the query parameter; 0 when neither. */
int64_t case_record_id(struct http_req *req, const char *field, const char *param);

/* A pre hook for a form about one record of the case (id from the query or
 * the form; 0: the form asks which): 404 when the case has no record id. */
int case_pre_record(struct http_req *req, struct http_resp *resp, const struct casework_summary *s, int *rc,
		    int64_t id, int (*has)(const struct casework_case *c, int64_t id));

/* The posted value of name, or dflt when the form has none (a first showing). */
const char *case_posted(struct http_req *req, const char *name, const char *dflt);
/* A date field (YYYY-MM-DD, today by default) and reading it back (a problem goes to fe; *at is now then). */
void case_date_field(struct html *h, struct http_req *req, const char *name, const char *label,
		     const struct field_errors *fe);
int case_date_posted(struct http_req *req, const char *name, struct field_errors *fe, int64_t *at);
#endif
