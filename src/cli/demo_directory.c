/* Demo data for the community service directory: thirty fictional Norfolk
 * and Waveney community services in data/demo_services.json (model keys;
 * flagged demo; names, numbers and addresses are made up: Ofcom drama phone
 * numbers, example.org addresses), each checked by the same rules as one
 * typed in. */
#include <stdlib.h>
#include <string.h>
#include "cli/demo.h"
#include "core/directory_json.h"
#include "store/directory.h"
#include "util/embed.h"

#define DEMO_SERVICES "data/demo_services.json"

int demo_load_directory(struct store *st, int64_t now)
{
	const struct embed_file *f = embed_find(DEMO_SERVICES);
	json_t *all = f ? json_loadb((const char *)f->data, f->len, 0, NULL) : NULL;
	struct directory_refs_buf *b = directory_refs_new(st);
	struct service_input *in = malloc(sizeof *in);
	struct service_record *rec = malloc(sizeof *rec);
	struct field_errors *fe = malloc(sizeof *fe);
	int rc = -1;
	if (!json_is_array(all) || !b || !in || !rec || !fe) {
		store_set_error(st, STORE_ERROR, "%s: not loaded", DEMO_SERVICES);
		goto done;
	}
	size_t i;
	json_t *s;
	json_array_foreach(all, i, s) {
		int64_t id;
		memset(in, 0, sizeof *in);
		fielderr_init(fe);
		service_input_from_json(s, in, fe);
		if (service_validate(in, &b->refs, rec, fe) || fe->n) {
			store_set_error(st, STORE_ERROR, "demo service %zu: %s: %s", i, fe->e[0].field, fe->e[0].message);
			goto done;
		}
		if (directory_service_create(st, rec, 1, 0, 0, now, &id))
			goto done;
	}
	rc = 0;
done:
	json_decref(all);
	free(b);
	free(in);
	free(rec);
	free(fe);
	return rc;
}
