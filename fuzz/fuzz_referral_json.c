/* Fuzzes a referral given as a JSON body through validation. The body is
 * read as the API reads bodies (jansson, duplicate keys refused, an object
 * at the top), its members are taken into a struct referral_raw, and
 * referral_validate() checks it as it would for each channel. No crash, no
 * leak, and the outcome obeys the checks in fuzz_referral.h.
 *
 * The JSON-to-raw step follows json_to_raw() in src/api/referrals.c, which
 * is static there: top-level fields by path, the groups (person, discharge,
 * referrer, consent) one level down, unknown names and wrong types reported
 * as problems, true/false as yes/no for yes/no fields, reasons as a list.
 * When that function is exported, call it here instead of this copy. */
#include <jansson.h>
#include "fuzz_referral.h"

struct adapt {
	struct referral_raw raw;
	size_t problems;
};

static void leaf(struct adapt *a, int f, json_t *v)
{
	const struct referral_field_desc *d = &referral_fields[f];
	if (json_is_null(v))
		return;
	if (d->kind == K_VOCABS) {
		if (!json_is_array(v) || json_array_size(v) > REFERRAL_REASONS_MAX) {
			a->raw.bad[f] = 1;
			a->problems++;
			return;
		}
		a->raw.has_list = 1;
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) {
			if (!json_is_string(e)) {
				a->raw.bad[f] = 1;
				a->problems++;
				return;
			}
			a->raw.list[a->raw.nlist++] = json_string_value(e);
		}
		return;
	}
	if (d->kind == K_BOOL && json_is_boolean(v)) {
		a->raw.v[f] = json_is_true(v) ? "yes" : "no";
		return;
	}
	if (!json_is_string(v)) {
		a->raw.bad[f] = 1;
		a->problems++;
		return;
	}
	a->raw.v[f] = json_string_value(v);
}

static void to_raw(struct adapt *a, json_t *body)
{
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		int f = referral_field_by_path(key);
		if (f >= 0) {
			leaf(a, f, v);
			continue;
		}
		size_t klen = strlen(key);
		int group = 0;
		for (int i = 0; i < RF__MAX && !group; i++)
			group = strncmp(referral_fields[i].path, key, klen) == 0 && referral_fields[i].path[klen] == '.';
		if (!group) {
			a->problems++;
			continue;
		}
		if (!json_is_object(v)) {
			if (!json_is_null(v))
				a->problems++;
			continue;
		}
		const char *k2;
		json_t *v2;
		json_object_foreach(v, k2, v2) {
			char path[96];
			snprintf(path, sizeof path, "%s.%s", key, k2);
			int g = strlen(k2) < 48 ? referral_field_by_path(path) : -1;
			if (g < 0)
				a->problems++;
			else
				leaf(a, g, v2);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t err;
	json_t *doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);
	if (!doc)
		return 0;
	if (!json_is_object(doc)) {
		json_decref(doc);
		return 0;
	}
	static struct adapt a;
	memset(&a, 0, sizeof a);
	to_raw(&a, doc);
	if (a.problems > 8)
		a.problems = 8;
	static const unsigned channels[] = { CH_API, CH_FORM, CH_SELF, CH_CSV };
	for (size_t i = 0; i < sizeof channels / sizeof channels[0]; i++)
		fuzz_referral_validate(&a.raw, channels[i], i == 0 || i == 3, a.problems);
	/* The API without the hub's right to back-date receipt. */
	fuzz_referral_validate(&a.raw, CH_API, 0, a.problems);
	json_decref(doc);
	return 0;
}
