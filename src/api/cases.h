/* Shared by the case API files (cases.c reads, cases_write.c writes): who may
 * touch a case, and the JSON of a case. */
#ifndef WAYMARK_API_CASES_H
#define WAYMARK_API_CASES_H
#include <jansson.h>
#include "http/http.h"
#include "store/casework.h"

/* The case in the path ({id}) if the user's organisation holds it: the id,
 * or -1 after answering 404 (or 5xx). Staff of the holding organisation
 * only; everyone else is told there is no such case. */
int64_t cases_id_or_respond(struct http_req *req, struct http_resp *resp);

/* A second id in the path (param i, naming what): the id, or -1 after
 * answering 400 when it is not a whole number. */
int64_t cases_sub_id_or_respond(struct http_req *req, struct http_resp *resp, int i, const char *what);

/* A score in points from hundredths (null for INSTRUMENT_NO_TOTAL). */
json_t *cases_points(int x100);
/* raw and score of a scored measure: {"raw":25,"score":22.35}; ONS4 gives raw
 * null and score {"life_satisfaction":..,"worthwhile":..,"happiness":..,"anxiety":..}. */
void cases_score_json(json_t *obj, const struct instrument_score *s);

/* The caseload row of a case, and the whole case (summary plus every section, measures and paired changes). */
json_t *cases_summary_json(const struct casework_summary *s);
json_t *cases_case_json(const struct casework_case *c);
#endif
