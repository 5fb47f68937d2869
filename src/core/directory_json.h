/* A directory service's fields as JSON (model/service.def keys): read from
 * a request body or a stored suggestion, and the fields two records differ in. */
#ifndef WAYMARK_CORE_DIRECTORY_JSON_H
#define WAYMARK_CORE_DIRECTORY_JSON_H
#include <jansson.h>
#include "core/directory.h"

/* Copies obj's keys over in (strings borrowed from obj); a key that is not
 * a field, or a value of the wrong type, is a field error. */
void service_input_from_json(json_t *obj, struct service_input *in, struct field_errors *fe);

/* The fields of to that differ from from, as {key: value} (lists as arrays
 * of codes). New reference; an empty object when none differ. */
json_t *service_changes_json(const struct service_record *from, const struct service_record *to);
#endif
