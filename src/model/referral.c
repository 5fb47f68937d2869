/* The referral model's descriptor table, generated from model/referral.def. */
#include <string.h>
#include "model/referral.h"

const struct referral_field_desc referral_fields[RF__MAX] = {
#define F(id, path, where, col, kind, max, vocab, rule, ch, sec, ac, label, hint) \
	{ path, W_##where, #col, kind, max, vocab, rule, ch, sec, ac, label, hint },
	REFERRAL_FIELDS(F)
#undef F
};

const char *const referral_vocab_name[RV__MAX] = {
#define V(id, name) name,
	REFERRAL_VOCABS(V)
#undef V
};

const char *const referral_section_title[S__MAX] = {
	"The person", "Contact details", "About them", "The referral", "Hospital or community bed discharge",
	"Who is referring", "Consent", "Other",
};

int referral_field_by_path(const char *path)
{
	for (int i = 0; i < RF__MAX; i++)
		if (strcmp(referral_fields[i].path, path) == 0)
			return i;
	return -1;
}

int referral_kind_is_int(enum referral_kind kind)
{
	return kind == K_DOB || kind == K_DAY || kind == K_INSTANT || kind == K_BOOL;
}
