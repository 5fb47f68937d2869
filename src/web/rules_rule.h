/* One triage rule as a form: the page and its save (web/rules_rule.c), reached from the triage rules editor. */
#ifndef WAYMARK_WEB_RULES_RULE_H
#define WAYMARK_WEB_RULES_RULE_H
#include "http/http.h"

/* The form for rule number which (1-based, as text); 404 for no such rule. */
int web_rule_form(struct http_req *req, struct http_resp *resp, const char *which);
/* Saves the posted rule at index which (0-based, as text) as a new version of
 * the rule set, then back to the editor; the form with its problems (422). */
int web_rule_save(struct http_req *req, struct http_resp *resp, const char *which);
#endif
