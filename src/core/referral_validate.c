/* Checking a referral field by field from its model description, then the
 * rules that join fields (contact, discharge, referrer, practice). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "core/datetime.h"
#include "core/londontime.h"
#include "core/nhsnum.h"
#include "core/postcode.h"
#include "core/referral_match.h"
#include "core/referral_validate.h"

#define FD(f) (&referral_fields[f])

int referral_parse_bool(const char *s)
{
	static const char *const yes[] = { "yes", "true", "y", "1" };
	static const char *const no[] = { "no", "false", "n", "0" };
	if (!s)
		return -1;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

void referral_label_lower(const char *label, char *out, size_t outlen)
{
	snprintf(out, outlen, "%s", label);
	if (out[0] >= 'A' && out[0] <= 'Z' && !(out[1] >= 'A' && out[1] <= 'Z'))
		out[0] = (char)(out[0] - 'A' + 'a');
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Copies s without surrounding white space into the scratch area; NULL when
 * it is blank or there is no room (the scratch is sized for the longest
 * input, so only over-long input that is about to be refused runs out). */
static const char *keep_trimmed(struct referral_rec *rec, const char *s, size_t *lenp)
{
	while (is_space(*s))
		s++;
	size_t n = strlen(s);
	while (n && is_space(s[n - 1]))
		n--;
	*lenp = n;
	if (n == 0 || rec->used + n + 1 > sizeof rec->scratch)
		return NULL;
	char *d = rec->scratch + rec->used;
	memcpy(d, s, n);
	d[n] = '\0';
	rec->used += n + 1;
	return d;
}

static const char *keep(struct referral_rec *rec, const char *s)
{
	size_t n = strlen(s);
	if (rec->used + n + 1 > sizeof rec->scratch)
		return NULL;
	char *d = rec->scratch + rec->used;
	memcpy(d, s, n + 1);
	rec->used += n + 1;
	return d;
}

static int is_blank(const char *s)
{
	if (!s)
		return 1;
	while (is_space(*s))
		s++;
	return *s == '\0';
}

/*
 * Checks s as UTF-8 text: well-formed (no overlong forms, surrogates or
 * values past U+10FFFF), no control characters except tab and line breaks
 * when multiline is set. Returns the number of characters, or -1 for bad
 * UTF-8, -2 for a control character.
 */
static long text_chars(const char *s, size_t n, int multiline)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	long chars = 0;
	while (p < end) {
		unsigned c = *p;
		if (c < 0x80) {
			if ((c < 0x20 && !(multiline && (c == '\t' || c == '\n' || c == '\r'))) || c == 0x7f)
				return -2;
			p++;
		} else {
			int len;
			unsigned cp, min;
			if (c >= 0xc2 && c <= 0xdf) {
				len = 2;
				cp = c & 0x1f;
				min = 0x80;
			} else if (c >= 0xe0 && c <= 0xef) {
				len = 3;
				cp = c & 0x0f;
				min = 0x800;
			} else if (c >= 0xf0 && c <= 0xf4) {
				len = 4;
				cp = c & 0x07;
				min = 0x10000;
			} else {
				return -1;
			}
			if (end - p < len)
				return -1;
			for (int i = 1; i < len; i++) {
				if ((p[i] & 0xc0) != 0x80)
					return -1;
				cp = (cp << 6) | (p[i] & 0x3f);
			}
			if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
				return -1;
			/* C1 controls (U+0080..U+009F) and the bidirectional overrides
			 * that can disguise text (U+202A..U+202E, U+2066..U+2069). */
			if (cp <= 0x9f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
				return -2;
			p += len;
		}
		chars++;
	}
	return chars;
}

int referral_utf8_ok(const char *s)
{
	/* Control characters are allowed here; only the encoding matters. */
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t run = 0;
		while (p[run] >= 0x80)
			run++;
		if (run && text_chars((const char *)p, run, 1) == -1)
			return 0;
		p += run ? run : 1;
	}
	return 1;
}

static int check_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || at - s > 64)
		return -1;
	for (const char *p = s; p < at; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= ' ' || strchr("\"(),:;<>[\\]", c))
			return -1;
	}
	if (s[0] == '.' || at[-1] == '.' || strstr(s, ".."))
		return -1;
	const char *d = at + 1;
	size_t label = 0, labels = 0;
	const char *last_label = d;
	for (const char *p = d;; p++) {
		char c = *p;
		if (c == '.' || c == '\0') {
			if (label == 0 || p[-1] == '-' || *last_label == '-')
				return -1;
			labels++;
			if (c == '\0')
				break;
			label = 0;
			last_label = p + 1;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
			return -1;
		if (++label > 63)
			return -1;
	}
	if (labels < 2)
		return -1;
	/* The top-level domain is letters, at least two. */
	size_t tld = 0;
	for (const char *p = last_label; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return -1;
		tld++;
	}
	return tld >= 2 ? 0 : -1;
}

/* A phone number: digits with spaces, hyphens, dots and brackets, an
 * optional leading +, and 10 to 15 digits in all. */
static int check_phone(const char *s)
{
	int digits = 0;
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (c >= '0' && c <= '9')
			digits++;
		else if (c == '+' && p == s)
			continue;
		else if (!strchr(" -.()", c))
			return -1;
	}
	return digits >= 10 && digits <= 15 ? 0 : -1;
}


static void vocab_problem(const struct referral_check *chk, struct field_errors *fe, int f, const char *given)
{
	const struct referral_field_desc *d = FD(f);
	char shown[48];
	/* Echo at most a short, printable prefix of what was given. */
	size_t k = 0;
	for (const char *p = given; *p && k + 4 < sizeof shown; p++)
		shown[k++] = (*p >= ' ' && *p < 0x7f && *p != '"') ? *p : '?';
	if (given[k] && k + 4 >= sizeof shown)
		shown[k++] = '.', shown[k++] = '.', shown[k++] = '.';
	shown[k] = '\0';
	/* Plain words for people; the API adds the allowed codes to its problem (api/referrals.c). */
	(void)chk;
	fielderr_add(fe, d->path, "%s: \"%s\" is not allowed; choose one of the options", d->label, shown);
}

static void missing(struct field_errors *fe, int f)
{
	const struct referral_field_desc *d = FD(f);
	char low[128];
	referral_label_lower(d->label, low, sizeof low);
	switch (d->kind) {
	case K_VOCAB:
	case K_BOOL:
		fielderr_add(fe, d->path, "Select %s", low);
		break;
	case K_VOCABS:
		fielderr_add(fe, d->path, "Select at least one of the %s", low);
		break;
	default:
		fielderr_add(fe, d->path, "Enter %s", low);
		break;
	}
}

/* Checks one field that was given (not blank). Returns 0 or -1. */
static int check_field(const struct referral_check *chk, const struct referral_raw *raw, struct referral_rec *rec,
		       struct field_errors *fe, int f, int64_t today)
{
	const struct referral_field_desc *d = FD(f);
	struct referral_value *out = &rec->v[f];
	size_t n;
	const char *s = keep_trimmed(rec, raw->v[f], &n);
	if (!s) /* no room: only an input far past every limit gets here */
		return fielderr_add(fe, d->path, "%s is too long", d->label);
	long chars = text_chars(s, n, d->kind == K_LONGTEXT);
	if (chars == -1)
		return fielderr_add(fe, d->path, "%s must be text (UTF-8); it holds bytes that are not", d->label);
	if (chars == -2)
		return fielderr_add(fe, d->path,
				    d->kind == K_LONGTEXT ? "%s must not contain control characters"
							  : "%s must be one line of text, without tabs or control characters",
				    d->label);
	if (strlen(s) != n) /* an embedded NUL cut the copy short */
		return fielderr_add(fe, d->path, "%s must not contain NUL bytes", d->label);
	switch (d->kind) {
	case K_TEXT:
	case K_LONGTEXT:
		if (chars > d->max)
			return fielderr_add(fe, d->path, "%s must be %d characters or fewer (it has %ld)", d->label, d->max,
					    chars);
		out->s = s;
		break;
	case K_PHONE:
		if (chars > d->max || check_phone(s))
			return fielderr_add(fe, d->path,
					    "%s must have 10 to 15 digits, like 01603 123 456 or +44 7700 900 982",
					    d->label);
		out->s = s;
		break;
	case K_EMAIL:
		if (chars > d->max || check_email(s))
			return fielderr_add(fe, d->path, "%s must be in the correct format, like name@example.com", d->label);
		out->s = s;
		break;
	case K_NHSNUM: {
		char nn[NHSNUM_LEN];
		if (nhsnum_normalise(s, nn))
			return fielderr_add(fe, d->path, "NHS number %s", nhsnum_problem(s));
		out->s = keep(rec, nn);
		break;
	}
	case K_POSTCODE: {
		char pc[POSTCODE_LEN], oc[POSTCODE_OUTCODE_LEN];
		if (postcode_normalise(s, pc) || postcode_outcode(pc, oc))
			return fielderr_add(fe, d->path, "Postcode %s", postcode_problem(s));
		out->s = keep(rec, pc);
		rec->outcode = keep(rec, oc);
		rec->area = referral_refs_area(chk->refs, rec->outcode);
		break;
	}
	case K_DOB: {
		int64_t day;
		if (dt_parse_date(s, &day))
			return fielderr_add(fe, d->path, "%s must be a real date, like 1984-03-15", d->label);
		if (day > today)
			return fielderr_add(fe, d->path, "%s must be today or in the past", d->label);
		int age = dt_age_years(day, today);
		if (age < 0 || age > REFERRAL_AGE_MAX)
			return fielderr_add(fe, d->path, "%s must make the person between 0 and %d years old",
					    d->label, REFERRAL_AGE_MAX);
		rec->age = age;
		out->i = day;
		break;
	}
	case K_DAY: {
		int64_t day;
		if (dt_parse_date(s, &day))
			return fielderr_add(fe, d->path, "%s must be a real date, like 2026-03-27", d->label);
		if (day < today - REFERRAL_DAY_RANGE || day > today + REFERRAL_DAY_RANGE)
			return fielderr_add(fe, d->path, "%s must be within a year of today", d->label);
		out->i = day;
		break;
	}
	case K_INSTANT: {
		int64_t t;
		if (!chk->may_set_received_at)
			return fielderr_add(fe, d->path, "%s can only be given by the hub; leave it out and the time of "
					    "receipt is now", d->label);
		if (dt_parse_iso8601(s, &t))
			return fielderr_add(fe, d->path, "%s must be a date and time like 2026-03-15T09:30:00Z", d->label);
		if (t > chk->now + REFERRAL_RECEIVED_SKEW)
			return fielderr_add(fe, d->path, "%s must not be in the future", d->label);
		if (t < dt_days_from_civil(2000, 1, 1) * 86400)
			return fielderr_add(fe, d->path, "%s must be in the year 2000 or later", d->label);
		out->i = t;
		break;
	}
	case K_BOOL: {
		int b = referral_parse_bool(s);
		if (b < 0)
			return fielderr_add(fe, d->path, "%s must be yes or no", d->label);
		out->i = b;
		break;
	}
	case K_VOCAB: {
		const struct referral_vocab_entry *e = referral_refs_vocab(chk->refs, d->vocab, s);
		if (!e) {
			vocab_problem(chk, fe, f, s);
			return -1;
		}
		out->s = e->code;
		if (f == RF_SOURCE)
			rec->is_discharge = strcmp(e->extra, "1") == 0;
		break;
	}
	case K_PRACTICE: {
		const struct referral_practice *p = referral_refs_practice(chk->refs, s);
		if (!p)
			return fielderr_add(fe, d->path,
					    "%s must be the name or code of a practice we work with (see /api/v1/practices)",
					    d->label);
		rec->practice = p;
		out->s = p->code;
		break;
	}
	case K_VOCABS:
		break; /* handled by check_reasons */
	}
	out->set = 1;
	return 0;
}

/* Adds one reason code, ignoring repeats. */
static int add_reason(const struct referral_check *chk, struct referral_rec *rec, struct field_errors *fe,
		      const char *s, size_t n)
{
	char code[64];
	const struct referral_field_desc *d = FD(RF_REASONS);
	while (n && is_space(*s))
		s++, n--;
	while (n && is_space(s[n - 1]))
		n--;
	if (n == 0)
		return 0;
	if (n >= sizeof code || memchr(s, '\0', n)) {
		vocab_problem(chk, fe, RF_REASONS, n >= sizeof code ? "(a very long value)" : "(a value with NUL)");
		return -1;
	}
	memcpy(code, s, n);
	code[n] = '\0';
	const struct referral_vocab_entry *e = referral_refs_vocab(chk->refs, d->vocab, code);
	if (!e) {
		vocab_problem(chk, fe, RF_REASONS, code);
		return -1;
	}
	for (size_t i = 0; i < rec->nreasons; i++)
		if (rec->reasons[i] == e->code)
			return 0;
	if (rec->nreasons == REFERRAL_REASONS_MAX)
		return fielderr_add(fe, d->path, "%s: give at most %d", d->label, REFERRAL_REASONS_MAX);
	rec->reasons[rec->nreasons++] = e->code;
	return 0;
}

static void check_reasons(const struct referral_check *chk, const struct referral_raw *raw,
			  struct referral_rec *rec, struct field_errors *fe)
{
	int bad = 0;
	if (raw->has_list) {
		for (size_t i = 0; i < raw->nlist && !bad; i++)
			if (raw->list[i])
				bad = add_reason(chk, rec, fe, raw->list[i], strlen(raw->list[i])) != 0;
	} else if (raw->v[RF_REASONS]) {
		const char *p = raw->v[RF_REASONS];
		while (!bad) {
			const char *semi = strchr(p, ';');
			size_t n = semi ? (size_t)(semi - p) : strlen(p);
			bad = add_reason(chk, rec, fe, p, n) != 0;
			if (!semi)
				break;
			p = semi + 1;
		}
	}
	if (!bad && rec->nreasons == 0)
		missing(fe, RF_REASONS);
	if (!bad && rec->nreasons)
		rec->v[RF_REASONS].set = 1;
}

/* 1 if the field was given (valid or not), so rules across fields do not
 * add "enter X" on top of "X is wrong". */
static int given(const struct referral_raw *raw, int f)
{
	return raw->bad[f] || !is_blank(raw->v[f]) || (f == RF_REASONS && raw->has_list && raw->nlist);
}

static int have(const struct referral_rec *rec, int f)
{
	return rec->v[f].set;
}

static void cross_rules(const struct referral_raw *raw, struct referral_rec *rec, struct field_errors *fe)
{
	/* The hub must be able to reach the person within the day. */
	if (!given(raw, RF_PERSON_PHONE) && !given(raw, RF_PERSON_EMAIL))
		fielderr_add(fe, FD(RF_PERSON_PHONE)->path,
			     "Enter a phone number or an email address, so the person can be contacted");
	if (have(rec, RF_PERSON_PREFERRED_CONTACT)) {
		const char *m = rec->v[RF_PERSON_PREFERRED_CONTACT].s;
		if ((strcmp(m, "phone") == 0 || strcmp(m, "text") == 0) && !given(raw, RF_PERSON_PHONE))
			fielderr_add(fe, FD(RF_PERSON_PREFERRED_CONTACT)->path,
				     "Preferred way to be contacted is %s: enter a phone number too",
				     strcmp(m, "text") == 0 ? "text message" : "phone");
		else if (strcmp(m, "email") == 0 && !given(raw, RF_PERSON_EMAIL))
			fielderr_add(fe, FD(RF_PERSON_PREFERRED_CONTACT)->path,
				     "Preferred way to be contacted is email: enter an email address too");
		else if (strcmp(m, "letter") == 0 && !given(raw, RF_PERSON_ADDRESS))
			fielderr_add(fe, FD(RF_PERSON_PREFERRED_CONTACT)->path,
				     "Preferred way to be contacted is letter: enter an address too");
	}
	if (have(rec, RF_SOURCE)) {
		static const int discharge_fields[] = { RF_DISCHARGE_HOSPITAL, RF_DISCHARGE_EXPECTED_DATE };
		static const int all_discharge[] = { RF_DISCHARGE_HOSPITAL, RF_DISCHARGE_WARD, RF_DISCHARGE_EXPECTED_DATE };
		const char *src = rec->v[RF_SOURCE].s;
		if (rec->is_discharge) {
			for (size_t i = 0; i < sizeof discharge_fields / sizeof discharge_fields[0]; i++)
				if (!given(raw, discharge_fields[i])) {
					char low[128];
					referral_label_lower(FD(discharge_fields[i])->label, low, sizeof low);
					fielderr_add(fe, FD(discharge_fields[i])->path, "Enter %s: it is needed for a discharge referral",
						     low);
				}
		} else {
			for (size_t i = 0; i < sizeof all_discharge / sizeof all_discharge[0]; i++)
				if (have(rec, all_discharge[i]))
					fielderr_add(fe, FD(all_discharge[i])->path,
						     "%s is only for referrals from a hospital or community bed discharge team; "
						     "leave it empty or choose that source",
						     FD(all_discharge[i])->label);
			if (have(rec, RF_DISCHARGE_HOME_CHECK_NEEDED) && rec->v[RF_DISCHARGE_HOME_CHECK_NEEDED].i)
				fielderr_add(fe, FD(RF_DISCHARGE_HOME_CHECK_NEEDED)->path,
					     "%s is only for discharge referrals; answer no or choose a discharge source",
					     FD(RF_DISCHARGE_HOME_CHECK_NEEDED)->label);
		}
		if (strcmp(src, "self") != 0) {
			int carer = strcmp(src, "family_carer") == 0;
			if (!given(raw, RF_REFERRER_NAME))
				fielderr_add(fe, FD(RF_REFERRER_NAME)->path, "Enter the referrer's name");
			if (!carer && !given(raw, RF_REFERRER_ORGANISATION))
				fielderr_add(fe, FD(RF_REFERRER_ORGANISATION)->path, "Enter the referrer's organisation");
			if (!given(raw, RF_REFERRER_PHONE) && !given(raw, RF_REFERRER_EMAIL))
				fielderr_add(fe, FD(RF_REFERRER_PHONE)->path,
					     "Enter the referrer's phone number or email address, so the hub can reply");
		}
		if (strcmp(src, "gp_practice") == 0 && !given(raw, RF_PERSON_PRACTICE))
			fielderr_add(fe, FD(RF_PERSON_PRACTICE)->path, "Enter the GP practice making the referral");
	}
}

int referral_validate(const struct referral_check *chk, const struct referral_raw *raw, struct referral_rec *rec,
		      struct field_errors *fe)
{
	size_t before = fe->n + fe->dropped;
	memset(rec->v, 0, sizeof rec->v);
	rec->nreasons = 0;
	rec->outcode = rec->area = rec->match_key = NULL;
	rec->practice = NULL;
	rec->is_discharge = 0;
	rec->age = -1;
	rec->used = 0;
	int64_t today = london_local_days(chk->now);

	for (int f = 0; f < RF__MAX; f++) {
		const struct referral_field_desc *d = FD(f);
		if (raw->bad[f])
			continue;
		int is_given = f == RF_REASONS ? given(raw, f) : !is_blank(raw->v[f]);
		if (is_given && !(d->channels & chk->channel)) {
			fielderr_add(fe, d->path, "%s cannot be given here", d->label);
			continue;
		}
		if (f == RF_REASONS) {
			if (d->channels & chk->channel)
				check_reasons(chk, raw, rec, fe);
			continue;
		}
		if (is_given) {
			if (check_field(chk, raw, rec, fe, f, today) == 0 && d->rule == Q_TRUE && rec->v[f].i != 1)
				fielderr_add(fe, d->path, "The person must agree to %s before the referral can be made",
					     f == RF_CONSENT_REFERRAL ? "this referral" : "their information being shared");
		} else if (d->rule != Q_OPT && (d->channels & chk->channel)) {
			if (d->rule == Q_TRUE)
				fielderr_add(fe, d->path, "Confirm that the person %s", f == RF_CONSENT_REFERRAL
					     ? "agrees to this referral"
					     : "agrees to their information being shared");
			else
				missing(fe, f);
		}
	}
	if (chk->channel == CH_SELF) {
		const struct referral_vocab_entry *e = referral_refs_vocab(chk->refs, RV_REFERRAL_SOURCES, "self");
		rec->v[RF_SOURCE].s = e ? e->code : "self";
		rec->v[RF_SOURCE].set = 1;
	}
	cross_rules(raw, rec, fe);

	if (!have(rec, RF_URGENCY)) {
		const struct referral_vocab_entry *e = referral_refs_vocab(chk->refs, RV_URGENCIES, "routine");
		rec->v[RF_URGENCY].s = e ? e->code : "routine";
		rec->v[RF_URGENCY].set = 1;
	}
	static const int default_no[] = { RF_SAFEGUARDING, RF_DISCHARGE_HOME_CHECK_NEEDED };
	for (size_t i = 0; i < sizeof default_no / sizeof default_no[0]; i++)
		if (!have(rec, default_no[i])) {
			rec->v[default_no[i]].i = 0;
			rec->v[default_no[i]].set = 1;
		}

	if (fe->n + fe->dropped != before)
		return -1;
	char key[REFERRAL_MATCH_KEY_MAX];
	if (referral_match_key(rec->v[RF_PERSON_GIVEN_NAME].s, rec->v[RF_PERSON_FAMILY_NAME].s,
			       rec->v[RF_PERSON_DATE_OF_BIRTH].i, rec->v[RF_PERSON_POSTCODE].s, key, sizeof key) ||
	    !(rec->match_key = keep(rec, key)))
		return fielderr_add(fe, FD(RF_PERSON_FAMILY_NAME)->path, "Names are too long");
	return 0;
}

long referral_text_chars(const char *s, size_t n, int multiline)
{
	return text_chars(s, n, multiline);
}

int referral_phone_ok(const char *s)
{
	return check_phone(s) == 0;
}

int referral_email_ok(const char *s)
{
	return check_email(s) == 0;
}
