/* Checks a directory service's fields and builds the text a search looks in
 * and the LIKE patterns of a free-text query (pure: no I/O). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/directory.h"
#include "core/postcode.h"
#include "core/referral_validate.h"

#define DESC_COLUMN(c) c, 0
#define DESC_CONTACT(c) c, 1
#define DESC_NOCOL NULL, 0
const struct service_field_desc service_fields[SF__MAX] = {
#define F(id, key, kind, max, req, label, hint, st) { key, kind, max, req, label, hint, DESC_##st },
	SERVICE_FIELDS(F)
#undef F
};

int directory_may_edit(enum role role, int64_t org_id, int64_t owner_org_id)
{
	if (role == ROLE_HUB_COORDINATOR || role == ROLE_PROGRAMME_LEAD)
		return 1;
	return authz_allows(role, PERM_DIRECTORY_EDIT) && org_id > 0 && org_id == owner_org_id;
}

int64_t directory_suggestion_id(const char *text)
{
	char *end;
	long long v = text && *text && strlen(text) <= 18 ? strtoll(text, &end, 10) : -1;
	return v > 0 && !*end ? (int64_t)v : -1;
}

void service_input_from_record(const struct service_record *rec, struct service_input *in)
{
	memset(in, 0, sizeof *in);
	for (int f = 0; f < SF__MAX; f++) {
		if (!service_field_is_list(f)) {
			in->v[f] = rec->v[f];
			continue;
		}
		int w = f == SF_CATEGORIES ? SERVICE_LIST_CATEGORIES : SERVICE_LIST_AREAS;
		for (size_t i = 0; i < rec->nlist[w]; i++)
			in->items[f][i] = rec->list[w][i];
		in->nitems[f] = rec->nlist[w];
	}
}

int service_field_by_key(const char *key)
{
	for (int f = 0; key && f < SF__MAX; f++)
		if (strcmp(service_fields[f].key, key) == 0)
			return f;
	return -1;
}

int service_field_is_list(enum service_field f)
{
	return f < SF__MAX && (service_fields[f].kind == SK_CATEGORIES || service_fields[f].kind == SK_AREAS);
}

const char *directory_vocab_label(const struct directory_vocab *v, const char *code)
{
	for (size_t i = 0; code && i < v->n; i++)
		if (strcmp(v->code[i], code) == 0)
			return v->label[i];
	return NULL;
}

static const char *keep(struct service_record *rec, const char *s, size_t n)
{
	if (rec->used + n + 1 > sizeof rec->arena)
		return NULL;
	char *p = rec->arena + rec->used;
	memcpy(p, s, n);
	p[n] = '\0';
	rec->used += n + 1;
	return p;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void lower_first(const char *label, char *out, size_t n)
{
	snprintf(out, n, "%s", label);
	if (out[0] >= 'A' && out[0] <= 'Z')
		out[0] = (char)(out[0] - 'A' + 'a');
}

/* An http(s) address with a host holding a dot and no spaces or quotes. */
static int url_ok(const char *s)
{
	const char *host = !strncmp(s, "https://", 8) ? s + 8 : !strncmp(s, "http://", 7) ? s + 7 : NULL;
	if (!host)
		return 0;
	size_t hl = strcspn(host, "/?#");
	if (hl == 0 || !memchr(host, '.', hl) || host[0] == '.' || host[hl - 1] == '.')
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || strchr("\"<>\\^`{|}", *p))
			return 0;
	for (size_t i = 0; i < hl; i++) {
		char c = host[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		      c == ':'))
			return 0;
	}
	return 1;
}

static void check_list(const struct service_input *in, enum service_field f, const struct directory_vocab *v,
		       struct service_record *rec, int which, struct field_errors *fe)
{
	const struct service_field_desc *d = &service_fields[f];
	if (in->too_many[f]) {
		fielderr_add(fe, d->key, "%s: choose up to %d", d->label, DIRECTORY_LIST_MAX);
		return;
	}
	/* Kept in vocabulary order, each once. */
	int want[DIRECTORY_LIST_MAX] = { 0 };
	for (size_t i = 0; i < in->nitems[f]; i++) {
		const char *c = in->items[f][i];
		size_t k = 0;
		while (k < v->n && (!c || strcmp(v->code[k], c) != 0))
			k++;
		if (k == v->n) {
			fielderr_add(fe, d->key, "Choose %s from the list", d->label);
			return;
		}
		want[k] = 1;
	}
	rec->nlist[which] = 0;
	for (size_t k = 0; k < v->n; k++)
		if (want[k])
			snprintf(rec->list[which][rec->nlist[which]++], DIRECTORY_CODE_MAX, "%s", v->code[k]);
	if (d->required && rec->nlist[which] == 0) {
		char low[64];
		lower_first(d->label, low, sizeof low);
		fielderr_add(fe, d->key, "Choose at least one of the %s", low);
	}
}

/* Checks one text field that was given (trimmed, not empty). */
static void check_text(enum service_field f, const char *s, size_t n, const struct directory_refs *refs,
		       struct service_record *rec, struct field_errors *fe)
{
	const struct service_field_desc *d = &service_fields[f];
	long chars = referral_text_chars(s, n, d->kind == SK_LONGTEXT);
	if (chars == -1 || strlen(s) != n) {
		fielderr_add(fe, d->key, "%s must be text (UTF-8) without NUL bytes", d->label);
		return;
	}
	if (chars == -2) {
		fielderr_add(fe, d->key,
			     d->kind == SK_LONGTEXT ? "%s must not contain control characters"
						    : "%s must be one line of text, without tabs or control characters",
			     d->label);
		return;
	}
	if (d->max && chars > d->max) {
		fielderr_add(fe, d->key, "%s must be %d characters or fewer (it has %ld)", d->label, d->max, chars);
		return;
	}
	const char *keep_as = s;
	char pc[POSTCODE_LEN];
	switch (d->kind) {
	case SK_PHONE:
		if (!referral_phone_ok(s)) {
			fielderr_add(fe, d->key, "%s must have 10 to 15 digits, like 01603 123 456", d->label);
			return;
		}
		break;
	case SK_EMAIL:
		if (!referral_email_ok(s)) {
			fielderr_add(fe, d->key, "%s must be in the correct format, like name@example.com", d->label);
			return;
		}
		break;
	case SK_URL:
		if (!url_ok(s)) {
			fielderr_add(fe, d->key, "%s must be a web address starting https://, like https://example.org.uk",
				     d->label);
			return;
		}
		break;
	case SK_POSTCODE:
		if (postcode_normalise(s, pc)) {
			fielderr_add(fe, d->key, "Postcode %s", postcode_problem(s));
			return;
		}
		keep_as = pc;
		break;
	case SK_CAPACITY:
		if (!directory_vocab_label(&refs->capacity, s)) {
			fielderr_add(fe, d->key, "Choose %s from the list", d->label);
			return;
		}
		break;
	case SK_STATUS:
		if (strcmp(s, "active") && strcmp(s, "inactive")) {
			fielderr_add(fe, d->key, "%s must be active (shown in searches) or inactive", d->label);
			return;
		}
		break;
	default:
		break;
	}
	const char *k = keep(rec, keep_as, strlen(keep_as));
	if (!k)
		fielderr_add(fe, d->key, "%s is too long", d->label);
	else
		rec->v[f] = k;
}

int service_validate(const struct service_input *in, const struct directory_refs *refs, struct service_record *rec,
		     struct field_errors *fe)
{
	size_t before = fe->n + fe->dropped;
	memset(rec->nlist, 0, sizeof rec->nlist);
	rec->used = 0;
	for (int f = 0; f < SF__MAX; f++) {
		const struct service_field_desc *d = &service_fields[f];
		rec->v[f] = "";
		if (d->kind == SK_CATEGORIES) {
			check_list(in, f, &refs->categories, rec, SERVICE_LIST_CATEGORIES, fe);
			continue;
		}
		if (d->kind == SK_AREAS) {
			check_list(in, f, &refs->areas, rec, SERVICE_LIST_AREAS, fe);
			continue;
		}
		const char *s = in->v[f] ? in->v[f] : "";
		size_t n = strlen(s);
		while (n && is_space(*s)) {
			s++;
			n--;
		}
		while (n && is_space(s[n - 1]))
			n--;
		if (n == 0) {
			if (d->kind == SK_STATUS) {
				rec->v[f] = "active";
			} else if (d->required) {
				char low[64];
				lower_first(d->label, low, sizeof low);
				fielderr_add(fe, d->key, d->kind == SK_CAPACITY ? "Choose the %s" : "Enter the %s", low);
			}
			continue;
		}
		char tmp[4 * 2000 + 1];
		if (n >= sizeof tmp) {
			fielderr_add(fe, d->key, "%s must be %d characters or fewer", d->label, d->max ? d->max : 64);
			continue;
		}
		memcpy(tmp, s, n);
		tmp[n] = '\0';
		/* A NUL inside the value shortens tmp; check_text sees the difference. */
		check_text(f, tmp, n, refs, rec, fe);
	}
	if (!*rec->v[SF_PHONE] && !*rec->v[SF_EMAIL] && !*rec->v[SF_WEBSITE] && !fielderr_for(fe, "phone") &&
	    !fielderr_for(fe, "email") && !fielderr_for(fe, "website"))
		fielderr_add(fe, "phone", "Give at least one way to contact the service: a phone number, email address or website");
	return fe->n + fe->dropped > before ? -1 : 0;
}

char *directory_search_text(const char *org, const char *name, const char *description, const char *eligibility,
			    char *out, size_t outlen)
{
	const char *parts[4] = { org, name, description, eligibility };
	size_t len = 0;
	if (!outlen)
		return out;
	for (int i = 0; i < 4; i++) {
		const char *p = parts[i] ? parts[i] : "";
		if (i && len + 1 < outlen)
			out[len++] = ' ';
		for (; *p && len + 1 < outlen; p++) {
			char c = *p;
			out[len++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
		}
	}
	/* Never end inside a multi-byte character. */
	while (len && ((unsigned char)out[len - 1] & 0xc0) == 0x80)
		len--;
	if (len && (unsigned char)out[len - 1] >= 0xc0)
		len--;
	out[len] = '\0';
	return out;
}

int directory_query_patterns(const char *q, char pats[DIRECTORY_QUERY_WORDS][DIRECTORY_PATTERN_MAX])
{
	for (int i = 0; i < DIRECTORY_QUERY_WORDS; i++)
		snprintf(pats[i], DIRECTORY_PATTERN_MAX, "%%");
	if (!q)
		return 0;
	if (strlen(q) > DIRECTORY_QUERY_MAX)
		return -1;
	int words = 0;
	const char *p = q;
	for (;;) {
		while (*p && is_space(*p))
			p++;
		if (!*p)
			break;
		if (words == DIRECTORY_QUERY_WORDS)
			return -1;
		char *o = pats[words++];
		size_t len = 0;
		o[len++] = '%';
		for (; *p && !is_space(*p); p++) {
			char c = *p;
			if (c == '%' || c == '_' || c == '\\')
				o[len++] = '\\';
			o[len++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
		}
		o[len++] = '%';
		o[len] = '\0';
	}
	return words;
}

static void number_param(const char *s, const char *name, long lo, long hi, int *out, struct field_errors *fe)
{
	if (!s || !*s)
		return;
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		fielderr_add(fe, name, "%s must be a whole number from %ld to %ld", name, lo, hi);
	else
		*out = (int)v;
}

static const char *code_param(const char *s, const char *name, const struct directory_vocab *v, const char *example,
			      struct field_errors *fe)
{
	if (!s || !*s)
		return "";
	if (!directory_vocab_label(v, s)) {
		fielderr_add(fe, name, "%s must be one of the %s codes, like %s", name, name, example);
		return "";
	}
	return s;
}

void directory_query_parse(const char *(*param)(void *ctx, const char *name), void *ctx,
			   const struct directory_refs *refs, struct directory_query *q, struct field_errors *fe)
{
	memset(q, 0, sizeof *q);
	q->limit = DIRECTORY_SEARCH_LIMIT;
	q->category = code_param(param(ctx, "category"), "category", &refs->categories, "befriending", fe);
	q->area = code_param(param(ctx, "area"), "area", &refs->areas, "breckland", fe);
	q->capacity = code_param(param(ctx, "capacity"), "capacity", &refs->capacity, "open", fe);
	q->text = param(ctx, "q");
	char pats[DIRECTORY_QUERY_WORDS][DIRECTORY_PATTERN_MAX];
	if (q->text && directory_query_patterns(q->text, pats) < 0)
		fielderr_add(fe, "q", "Search for up to %d words (%d characters)", DIRECTORY_QUERY_WORDS,
			     DIRECTORY_QUERY_MAX);
	number_param(param(ctx, "limit"), "limit", 1, DIRECTORY_SEARCH_MAX, &q->limit, fe);
	number_param(param(ctx, "offset"), "offset", 0, 1000000, &q->offset, fe);
	const char *inactive = param(ctx, "include_inactive");
	q->include_inactive = inactive && (strcmp(inactive, "true") == 0 || strcmp(inactive, "1") == 0);
}
