/* The forms of a case as data: each names its page, fields and save (web/case_forms.c serves them all). */
#ifndef WAYMARK_WEB_CASE_FORMS_H
#define WAYMARK_WEB_CASE_FORMS_H
#include "ops/casework.h"
#include "web/case_web.h"

struct case_form {
	const char *slug;   /* the page is /cases/{id}/<slug> */
	const char *title, *button;
	const char *anchor; /* the section of the case page to go back to */
	enum ops_case_op op;
	/* Writes the fields (fe: the problems to show, NULL on first showing);
	 * NULL: the record's fields (case_form_out). Returns 0, 1 when there is
	 * nothing to submit (no button), -1 on a store error. */
	int (*fields)(struct html *h, struct http_req *req, const struct casework_summary *s, const struct field_errors *fe);
	/* Optional: reads what the record's fields do not say. 0, 1 when fe
	 * already says why nothing can be saved, -1 on a store error. */
	int (*read)(struct http_req *req, struct ops_case_in *in, struct field_errors *fe);
	/* Optional, for GET: answers the request itself (returns 1 with *rc set),
	 * e.g. the choice of instrument before a questionnaire. */
	int (*pre)(struct http_req *req, struct http_resp *resp, const struct casework_summary *s, int *rc);
};

/* The posted fields of record r into v (model/case.def); a date that is not one goes to fe. */
void case_form_in(struct http_req *req, enum case_rec r, struct case_value *v, struct field_errors *fe);
/* The fields of record r as form components (but those whose running index
 * is a bit of skip), each filled with the posted value, else value[i]
 * (value may be NULL), else the default. Returns 0 or -1. */
int case_form_out(struct html *h, struct http_req *req, enum case_rec r, const struct field_errors *fe,
		  const char *const *value, unsigned skip);

/* The forms (web/case_form_work.c, web/case_form_record.c). */
extern const struct case_form case_form_session, case_form_measure, case_form_assessment, case_form_goal,
	case_form_goal_progress, case_form_onward, case_form_onward_status, case_form_unmet, case_form_safeguarding,
	case_form_consent, case_form_study, case_form_close, case_form_dropout;

/* The id of the record a form is about: the posted field, else the query parameter; 0 when neither. */
int64_t case_record_id(struct http_req *req, const char *field, const char *param);

/* A pre hook for a form about one record of the case (id from the query or
 * the form; 0: the form asks which): 404 when the case has no record id. */
int case_pre_record(struct http_req *req, struct http_resp *resp, const struct casework_summary *s, int *rc,
		    int64_t id, int (*has)(const struct casework_case *c, int64_t id));

#endif
