/* A directory service's fields as JSON: reading them into an input and
 * writing the fields one record changes in another (pure: no I/O). */
#include <string.h>
#include "core/directory_json.h"

static void list_from_json(json_t *v, int f, struct service_input *in, struct field_errors *fe)
{
	in->nitems[f] = 0;
	in->too_many[f] = 0;
	if (json_is_null(v))
		return;
	if (!json_is_array(v)) {
		fielderr_add(fe, service_fields[f].key, "%s must be a list of codes", service_fields[f].label);
		return;
	}
	size_t i;
	json_t *e;
	json_array_foreach(v, i, e) {
		if (!json_is_string(e)) {
			fielderr_add(fe, service_fields[f].key, "%s must be a list of codes (strings)", service_fields[f].label);
			return;
		}
		if (in->nitems[f] == DIRECTORY_LIST_MAX) {
			in->too_many[f] = 1;
			return;
		}
		in->items[f][in->nitems[f]++] = json_string_value(e);
	}
}

void service_input_from_json(json_t *obj, struct service_input *in, struct field_errors *fe)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		int f = service_field_by_key(key);
		if (f < 0)
			fielderr_add(fe, key, "%s is not a field of a service", key);
		else if (service_field_is_list(f))
			list_from_json(v, f, in, fe);
		else if (json_is_null(v))
			in->v[f] = "";
		else if (json_is_string(v))
			in->v[f] = json_string_value(v);
		else
			fielderr_add(fe, key, "%s must be a string", service_fields[f].label);
	}
}

json_t *service_changes_json(const struct service_record *from, const struct service_record *to)
{
	json_t *j = json_object();
	for (int f = 0; f < SF__MAX; f++) {
		if (!service_field_is_list(f)) {
			if (strcmp(from->v[f], to->v[f]) != 0)
				json_object_set_new(j, service_fields[f].key, json_string(to->v[f]));
			continue;
		}
		int w = f == SF_CATEGORIES ? SERVICE_LIST_CATEGORIES : SERVICE_LIST_AREAS;
		/* The same codes in any order (the store keeps them in byte order). */
		int same = from->nlist[w] == to->nlist[w];
		for (size_t i = 0; same && i < to->nlist[w]; i++) {
			same = 0;
			for (size_t k = 0; !same && k < from->nlist[w]; k++)
				same = strcmp(from->list[w][k], to->list[w][i]) == 0;
		}
		if (same)
			continue;
		json_t *a = json_array();
		for (size_t i = 0; i < to->nlist[w]; i++)
			json_array_append_new(a, json_string(to->list[w][i]));
		json_object_set_new(j, service_fields[f].key, a);
	}
	return j;
}
