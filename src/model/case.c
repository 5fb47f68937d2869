/* The case records' field table (model/case.def) and the check that walks it. */
#include <stdio.h>
#include <string.h>
#include "model/case.h"
#include "util/text.h"

#define FIELD(R, name, kind, req, lo, hi, vocab, what, label, hint, rows) \
	[CF_##R##_##name] = { CR_##R, #name, CK_##kind, req, lo, hi, vocab, what, label, hint, rows },
#define RECORD(R) CASE_##R(FIELD)
const struct case_field_def case_fields[CF__MAX] = { CASE_RECORDS(RECORD) };

size_t case_record_fields(enum case_rec r, int *first)
{
	size_t n = 0;
	*first = -1;
	for (int f = 0; f < CF__MAX; f++)
		if (case_fields[f].rec == r && case_fields[f].name) {
			if (*first < 0)
				*first = f;
			n++;
		}
	return n;
}

const struct case_field_def *case_field_base(int f)
{
	return case_fields[f].kind == CK_SAME ? &case_fields[case_fields[f].lo] : &case_fields[f];
}

static int check_one(const struct case_field_def *d, int required, struct case_value *v, const char *field,
		     int64_t now, struct field_errors *fe, case_vocab_fn vocab, void *ctx)
{
	if (!v->given && d->kind == CK_TIME)
		v->n = now;
	if (!v->given && !required)
		return 0;
	switch (d->kind) {
	case CK_TEXT:
		if (!v->given)
			fielderr_add(fe, field, "Give %s", d->what);
		else if (text_utf8_len(v->s) > (size_t)d->hi)
			fielderr_add(fe, field, "%s must be %lld characters or fewer", d->name, (long long)d->hi);
		break;
	case CK_CODE: {
		char codes[600] = "";
		int has = vocab(ctx, d->vocab, v->given ? v->s : "", codes, sizeof codes);
		if (has < 0)
			return -1;
		if (!has)
			fielderr_add(fe, field, "Choose %s", d->what);
		break;
	}
	case CK_INT:
		if (!v->given || v->n < d->lo || v->n > d->hi)
			fielderr_add(fe, field, "Give %s as a whole number from %lld to %lld", d->what, (long long)d->lo,
				     (long long)d->hi);
		break;
	case CK_TIME:
		if (v->n > now + CASE_TIME_SKEW)
			fielderr_add(fe, field, "%s cannot be in the future", d->name);
		break;
	case CK_BOOL:
		if (!v->given || v->n < d->lo || v->n > d->hi)
			fielderr_add(fe, field, d->lo ? "Confirm %s" : "Say whether %s", d->what);
		break;
	case CK_ID:
	case CK_SAME:
		if (v->n <= 0)
			fielderr_add(fe, field, "%s must be the id of %s", d->name, d->what);
		break;
	}
	return 0;
}

int case_check(enum case_rec r, struct case_value *v, const char *prefix, int64_t now, struct field_errors *fe,
	       case_vocab_fn vocab, void *ctx)
{
	int first;
	size_t n = case_record_fields(r, &first);
	for (size_t i = 0; i < n; i++) {
		char field[64];
		snprintf(field, sizeof field, "%s%s", prefix, case_fields[first + (int)i].name);
		if (fielderr_for(fe, field))
			continue;
		if (check_one(case_field_base(first + (int)i), case_fields[first + (int)i].required, &v[i], field, now, fe,
			      vocab, ctx))
			return -1;
	}
	return 0;
}
