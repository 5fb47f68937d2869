/* Checking a volunteer's record as entered, weekly availability as text, and dates. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "core/volunteer.h"
#include "core/volunteer_task.h"

static const char *const status_codes[VOLUNTEER__STATUS_MAX] = { "applicant", "active", "paused", "left" };
static const char *const status_labels[VOLUNTEER__STATUS_MAX] = { "Applicant", "Active", "Paused", "Left" };
const char *const volunteer_day_code[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
const char *const volunteer_day_name[7] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
					    "Sunday" };

#define VOLUNTEER_FIELD_DESC(ID, key_, where, col, kind_, member, lo_, hi_, req, sec, label_, hint_, what_, bad_) \
	[VF_##ID] = { .key = key_, .column = VOLUNTEER_SQL_##where(1) + 0, .kind = kind_, \
		      .offset = offsetof(struct volunteer_rec, member), \
		      .size = sizeof(((struct volunteer_rec *)0)->member), .lo = lo_, .hi = hi_, .required = req, \
		      .section = sec, .label = label_, .hint = hint_, .what = what_, .bad = bad_ },
const struct volunteer_field_desc volunteer_fields[VF__MAX] = { VOLUNTEER_FIELDS(VOLUNTEER_FIELD_DESC) };
#undef VOLUNTEER_FIELD_DESC

const char *volunteer_status_code(enum volunteer_status s)
{
	return (unsigned)s < VOLUNTEER__STATUS_MAX ? status_codes[s] : "";
}

const char *volunteer_status_label(enum volunteer_status s)
{
	return (unsigned)s < VOLUNTEER__STATUS_MAX ? status_labels[s] : "";
}

int volunteer_status_from_code(const char *code)
{
	for (int i = 0; code && i < VOLUNTEER__STATUS_MAX; i++)
		if (strcmp(code, status_codes[i]) == 0)
			return i;
	return -1;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Copies s trimmed into out (size n); returns its length, or -1 if it does not fit. */
static int trim_copy(const char *s, char *out, size_t n)
{
	while (is_space((unsigned char)*s))
		s++;
	size_t len = strlen(s);
	while (len && is_space((unsigned char)s[len - 1]))
		len--;
	if (len + 1 > n)
		return -1;
	memcpy(out, s, len);
	out[len] = '\0';
	return (int)len;
}

static int blank(const char *s)
{
	if (!s)
		return 1;
	while (is_space((unsigned char)*s))
		s++;
	return *s == '\0';
}

/* Characters (not bytes) of valid UTF-8 text without control characters
 * other than line breaks and tabs (when multiline); -1 if invalid. */
static long text_chars(const char *s, int multiline)
{
	long n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		int extra = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1;
		if (extra < 0 || (c >= 0xc0 && c < 0xc2) || c > 0xf4)
			return -1;
		if (c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t')))
			return -1;
		if (c == 0x7f)
			return -1;
		p++;
		for (int i = 0; i < extra; i++, p++)
			if ((*p & 0xc0) != 0x80)
				return -1;
		n++;
	}
	return n;
}

static int check_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || at - s > 64 || !strchr(at, '.'))
		return -1;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= ' ' || c >= 0x7f || strchr("\"(),:;<>[\\]", c))
			return -1;
	}
	const char *dot = strrchr(at, '.');
	return at[1] == '.' || dot[1] == '\0' || strlen(dot + 1) < 2 ? -1 : 0;
}

static int check_phone(const char *s)
{
	int digits = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!(*p == '+' && p == s) && !strchr(" -.()", *p))
			return -1;
	}
	return digits >= 10 && digits <= 15 ? 0 : -1;
}

/* yes/no answers: 1, 0, or -1 when neither. Absent or blank is no. */
static int parse_bool(const char *s)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	char t[8];
	if (blank(s))
		return 0;
	if (trim_copy(s, t, sizeof t) < 0)
		return -1;
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(t, yes[i]) == 0)
			return 1;
		if (strcasecmp(t, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* A whole number in lo..hi written with digits only; 0 or -1. */
static int parse_int(const char *s, long lo, long hi, long *out)
{
	char t[16];
	if (blank(s) || trim_copy(s, t, sizeof t) < 0)
		return -1;
	long v = 0;
	for (const char *p = t; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
		if (v > 1000000000L)
			return -1;
	}
	if (v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* Kilometres with at most one decimal place ("7", "7.5", "12.0"), as metres. */
static int parse_km(const char *s, long *metres)
{
	char t[16];
	if (blank(s) || trim_copy(s, t, sizeof t) < 0)
		return -1;
	long whole = 0, tenths = 0;
	const char *p = t;
	if (!isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		whole = whole * 10 + (*p - '0');
		if (whole > 100000)
			return -1;
	}
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		tenths = *p++ - '0';
	}
	if (*p)
		return -1;
	*metres = whole * 1000 + tenths * 100;
	return 0;
}

int volunteer_parse_date(const char *s, int64_t *day)
{
	return blank(s) ? -1 : dh_parse_date(s, day);
}

/* Reads a clock time at *pp: H, HH, H:MM, H.MM, optionally followed by am/pm. */
static int parse_clock(const char **pp, int *minute)
{
	const char *p = *pp;
	int h = 0, m = 0, hd = 0;
	while (is_space((unsigned char)*p))
		p++;
	if (strncasecmp(p, "midnight", 8) == 0) {
		*pp = p + 8;
		*minute = 1440;
		return 0;
	}
	if (strncasecmp(p, "noon", 4) == 0 || strncasecmp(p, "midday", 6) == 0) {
		*pp = p + (tolower((unsigned char)*p) == 'n' ? 4 : 6);
		*minute = 720;
		return 0;
	}
	for (; isdigit((unsigned char)*p) && hd < 2; p++, hd++)
		h = h * 10 + (*p - '0');
	if (!hd || isdigit((unsigned char)*p))
		return -1;
	if ((*p == ':' || *p == '.') && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2])) {
		m = (p[1] - '0') * 10 + (p[2] - '0');
		p += 3;
		if (isdigit((unsigned char)*p) || m > 59)
			return -1;
	}
	const char *q = p;
	while (*q == ' ')
		q++;
	if ((tolower((unsigned char)q[0]) == 'a' || tolower((unsigned char)q[0]) == 'p') &&
	    tolower((unsigned char)q[1]) == 'm' && !isalpha((unsigned char)q[2])) {
		if (h < 1 || h > 12)
			return -1;
		int pm = tolower((unsigned char)q[0]) == 'p';
		h = h % 12 + (pm ? 12 : 0);
		p = q + 2;
	}
	if (h > 24 || (h == 24 && m))
		return -1;
	*minute = h * 60 + m;
	*pp = p;
	return 0;
}

/* Skips a range separator: "-", an en dash, or "to". */
static int skip_dash(const char **pp)
{
	const char *p = *pp;
	while (is_space((unsigned char)*p))
		p++;
	if (*p == '-')
		p++;
	else if (strncmp(p, "\xe2\x80\x93", 3) == 0)
		p += 3;
	else if (strncasecmp(p, "to", 2) == 0 && !isalpha((unsigned char)p[2]))
		p += 2;
	else
		return -1;
	*pp = p;
	return 0;
}

static int slot_cmp(const void *a, const void *b)
{
	const struct volunteer_slot *x = a, *y = b;
	if (x->weekday != y->weekday)
		return x->weekday < y->weekday ? -1 : 1;
	return x->start_minute < y->start_minute ? -1 : x->start_minute > y->start_minute;
}

int volunteer_parse_day(const char *text, int weekday, struct volunteer_slot *out, char *msg, size_t msglen)
{
	static const char example[] = "like 10:00-12:00 or 9:30-12:00, 14:00-16:00";
	char t[256];
	if (blank(text))
		return 0;
	if (trim_copy(text, t, sizeof t) < 0) {
		snprintf(msg, msglen, "%s: too long; write up to %d time ranges, %s", volunteer_day_name[weekday],
			 VOLUNTEER_SLOTS_PER_DAY, example);
		return -1;
	}
	if (strcasecmp(t, "none") == 0 || strcasecmp(t, "no") == 0)
		return 0;
	if (strcasecmp(t, "all day") == 0 || strcasecmp(t, "any time") == 0) {
		out[0] = (struct volunteer_slot){ weekday, 0, 1440 };
		return 1;
	}
	int n = 0;
	const char *p = t;
	for (;;) {
		int a, b;
		if (parse_clock(&p, &a) || skip_dash(&p) || parse_clock(&p, &b)) {
			snprintf(msg, msglen, "%s: write each time range as start and end, %s", volunteer_day_name[weekday],
				 example);
			return -1;
		}
		if (a >= 1440 || b <= a) {
			snprintf(msg, msglen, "%s: each time range must end after it starts, on the same day, %s",
				 volunteer_day_name[weekday], example);
			return -1;
		}
		if (n == VOLUNTEER_SLOTS_PER_DAY) {
			snprintf(msg, msglen, "%s: write up to %d time ranges", volunteer_day_name[weekday],
				 VOLUNTEER_SLOTS_PER_DAY);
			return -1;
		}
		out[n++] = (struct volunteer_slot){ weekday, a, b };
		while (is_space((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		if (*p == ',' || *p == ';')
			p++;
		else if (strncasecmp(p, "and", 3) == 0 && !isalpha((unsigned char)p[3]))
			p += 3;
		else {
			snprintf(msg, msglen, "%s: separate time ranges with commas, %s", volunteer_day_name[weekday],
				 example);
			return -1;
		}
	}
	qsort(out, (size_t)n, sizeof *out, slot_cmp);
	for (int i = 1; i < n; i++)
		if (out[i].start_minute < out[i - 1].end_minute) {
			snprintf(msg, msglen, "%s: the time ranges overlap; write each free time once",
				 volunteer_day_name[weekday]);
			return -1;
		}
	return n;
}

static size_t put_clock(char *out, size_t n, int minute)
{
	return (size_t)snprintf(out, n, "%02d:%02d", minute / 60, minute % 60);
}

void volunteer_format_day(const struct volunteer_rec *r, int weekday, char out[VOLUNTEER_DAY_TEXT_MAX])
{
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < r->n_slots; i++) {
		const struct volunteer_slot *s = &r->slots[i];
		if (s->weekday != weekday || len + 16 > VOLUNTEER_DAY_TEXT_MAX)
			continue;
		if (len)
			len += (size_t)snprintf(out + len, VOLUNTEER_DAY_TEXT_MAX - len, ", ");
		len += put_clock(out + len, VOLUNTEER_DAY_TEXT_MAX - len, s->start_minute);
		out[len++] = '-';
		out[len] = '\0';
		len += put_clock(out + len, VOLUNTEER_DAY_TEXT_MAX - len, s->end_minute);
	}
}

static int day_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static void check_days_off(const char *text, struct volunteer_rec *out, struct field_errors *fe)
{
	if (blank(text))
		return;
	char *copy = strdup(text);
	if (!copy) {
		fielderr_add(fe, "days_off", "Days not available could not be read");
		return;
	}
	char *save = NULL;
	for (char *tok = strtok_r(copy, ",;\n", &save); tok; tok = strtok_r(NULL, ",;\n", &save)) {
		if (blank(tok))
			continue;
		int64_t d;
		if (volunteer_parse_date(tok, &d)) {
			char shown[40];
			if (trim_copy(tok, shown, sizeof shown) < 0)
				snprintf(shown, sizeof shown, "one of them");
			fielderr_add(fe, "days_off",
				     "Days not available must be dates like 24/12/2026 or 24 Dec 2026, separated by commas (\"%s\" is not)",
				     shown);
			break;
		}
		if (out->n_days_off == VOLUNTEER_DAYS_OFF_MAX) {
			fielderr_add(fe, "days_off", "Enter up to %d days not available", VOLUNTEER_DAYS_OFF_MAX);
			break;
		}
		out->days_off[out->n_days_off++] = d;
	}
	free(copy);
	qsort(out->days_off, (size_t)out->n_days_off, sizeof out->days_off[0], day_cmp);
	int k = 0;
	for (int i = 0; i < out->n_days_off; i++)
		if (k == 0 || out->days_off[k - 1] != out->days_off[i])
			out->days_off[k++] = out->days_off[i];
	out->n_days_off = k;
}

/* A one-line text field within max characters; required or not. */
static int check_text(struct field_errors *fe, const char *field, const char *label, const char *s, int required,
		      long max, int multiline, char *out, size_t outlen)
{
	out[0] = '\0';
	if (blank(s)) {
		if (required)
			fielderr_add(fe, field, "Enter %s", label);
		return required ? -1 : 0;
	}
	long chars = text_chars(s, multiline);
	if (chars < 0)
		return fielderr_add(fe, field, "%c%s contains characters that cannot be stored", toupper((unsigned char)label[0]),
				    label + 1);
	if (trim_copy(s, out, outlen) < 0 || text_chars(out, multiline) > max)
		return fielderr_add(fe, field, "%c%s must be %ld characters or fewer", toupper((unsigned char)label[0]),
				    label + 1, max);
	return 0;
}

static void check_skills(const struct volunteer_input *in, struct volunteer_rec *out, struct field_errors *fe)
{
	if (in->n_skills > VOLUNTEER_SKILLS_MAX) {
		fielderr_add(fe, "skills", "Choose each skill at most once");
		return;
	}
	volunteer_skills_read(in->skills, in->n_skills, &out->skills, fe);
}

/* The DBS check's dates against its level (fields read already). */
static void check_dbs(const struct volunteer_rec *out, int64_t today, struct field_errors *fe)
{
	const struct dbs_check *d = &out->dbs;
	if (d->level == DBS_NONE) {
		if (d->certificate_day != COMPLIANCE_NO_DAY || d->renewal_day != COMPLIANCE_NO_DAY)
			fielderr_add(fe, "dbs.level", "Choose the level of the DBS check these dates belong to");
		return;
	}
	const char *field;
	const char *problem = compliance_dbs_problem(d, today, &field);
	if (problem) {
		char path[40];
		snprintf(path, sizeof path, "dbs.%s", field);
		fielderr_add(fe, path, "%s", problem);
	}
}

static void check_training(const struct volunteer_input *in, int64_t today, struct volunteer_rec *out,
			   struct field_errors *fe)
{
	if (in->n_training > VOLUNTEER_TRAINING_MAX) {
		fielderr_add(fe, "training", "Enter up to %d training modules", VOLUNTEER_TRAINING_MAX);
		return;
	}
	for (size_t i = 0; i < in->n_training; i++) {
		const char *m = in->training[i].module, *c = in->training[i].completed;
		if (blank(m) && blank(c))
			continue;
		char fm[64], fc[64];
		snprintf(fm, sizeof fm, "training[%zu].module", i);
		snprintf(fc, sizeof fc, "training[%zu].completed", i);
		struct volunteer_training *t = &out->training[out->n_training];
		int ok = check_text(fe, fm, "the name of the training module", m, 1, VOLUNTEER_MODULE_MAX, 0, t->module,
				    sizeof t->module) == 0;
		if (blank(c)) {
			fielderr_add(fe, fc, "Enter the date the training module was completed");
			ok = 0;
		} else if (volunteer_parse_date(c, &t->completed_day)) {
			fielderr_add(fe, fc, "Date completed must be a real date, like 15/3/2025 or 15 Mar 2025");
			ok = 0;
		} else if (t->completed_day > today) {
			fielderr_add(fe, fc, "Date completed must be today or in the past");
			ok = 0;
		}
		if (ok)
			out->n_training++;
	}
}

/* Reads and checks field f of in into out: 0, or -1 with the problem in fe. */
static int check_field(const struct volunteer_input *in, enum volunteer_field f, struct volunteer_rec *out,
		       struct field_errors *fe)
{
	const struct volunteer_field_desc *d = &volunteer_fields[f];
	const char *s = in->f[f];
	void *m = (char *)out + d->offset;
	long v;
	int b;
	if (blank(s) && d->required && d->kind != VK_TEXT)
		return fielderr_add(fe, d->key, "Enter %s", d->what);
	switch (d->kind) {
	case VK_TEXT:
	case VK_EMAIL:
	case VK_PHONE:
	case VK_ACCOUNT:
	case VK_NOTES:
		if (check_text(fe, d->key, d->what, s, d->required, d->hi, d->kind == VK_NOTES, m, d->size))
			return -1;
		if (*(char *)m && ((d->kind == VK_PHONE && check_phone(m)) ||
				   ((d->kind == VK_EMAIL || d->kind == VK_ACCOUNT) && check_email(m))))
			return fielderr_add(fe, d->key, "%s", d->bad);
		return 0;
	case VK_POSTCODE: {
		if (blank(s))
			return 0;
		const char *problem = postcode_problem(s);
		if (!problem && (postcode_normalise(s, m) || postcode_outcode(m, out->outcode)))
			problem = "must be a full UK postcode, like NR1 3SR";
		return problem ? fielderr_add(fe, d->key, d->bad, problem) : 0;
	}
	case VK_STATUS:
	case VK_DBS_LEVEL:
	case VK_BOOL:
		b = d->kind == VK_BOOL ? parse_bool(s)
		    : blank(s)	       ? 0
		    : d->kind == VK_STATUS ? volunteer_status_from_code(s)
					   : dbs_level_from_code(s);
		if (b < 0)
			return fielderr_add(fe, d->key, "%s", d->bad);
		*(int *)m = b;
		return 0;
	case VK_KM:
	case VK_COUNT:
		if (blank(s))
			return 0;
		if ((d->kind == VK_KM ? parse_km(s, &v) : parse_int(s, d->lo, d->hi, &v)) || v < d->lo || v > d->hi)
			return fielderr_add(fe, d->key, "%s", d->bad);
		*(int *)m = (int)v;
		return 0;
	case VK_DATE:
		*(int64_t *)m = COMPLIANCE_NO_DAY;
		if (!blank(s) && volunteer_parse_date(s, m))
			return fielderr_add(fe, d->key, "%s", d->bad);
		return 0;
	}
	return 0;
}

int volunteer_validate(const struct volunteer_input *in, int64_t today, struct volunteer_rec *out,
		       struct field_errors *fe)
{
	size_t before = fe->n + fe->dropped;
	int dbs_bad = 0;
	memset(out, 0, sizeof *out);
	for (int f = 0; f < VF__MAX; f++)
		if (check_field(in, (enum volunteer_field)f, out, fe) && volunteer_fields[f].section == VS_DBS &&
		    volunteer_fields[f].kind != VK_BOOL)
			dbs_bad = 1; /* the check's level or a date: its dates are not compared */
	check_skills(in, out, fe);
	for (int d = 0; d < 7; d++) {
		char msg[256], field[24];
		int n = volunteer_parse_day(in->availability[d], d, out->slots + out->n_slots, msg, sizeof msg);
		snprintf(field, sizeof field, "availability.%s", volunteer_day_code[d]);
		if (n < 0)
			fielderr_add(fe, field, "%s", msg);
		else
			out->n_slots += n;
	}
	check_days_off(in->days_off, out, fe);
	if (!dbs_bad)
		check_dbs(out, today, fe);
	check_training(in, today, out, fe);
	return fe->n + fe->dropped > before ? -1 : 0;
}

int volunteer_input_add(struct volunteer_input *in, const char *name, const char *value)
{
	for (int f = 0; f < VF__MAX; f++)
		if (strcmp(name, volunteer_fields[f].key) == 0)
			return in->f[f] = value, 1;
	for (int d = 0; d < 7; d++)
		if (strncmp(name, "availability.", 13) == 0 && strcmp(name + 13, volunteer_day_code[d]) == 0)
			return in->availability[d] = value, 1;
	if (strcmp(name, "days_off") == 0)
		return in->days_off = value, 1;
	if (strcmp(name, "skills") == 0) {
		if (in->n_skills <= VOLUNTEER_SKILLS_MAX)
			in->skills[in->n_skills++] = value;
		return 1;
	}
	unsigned i;
	int end = 0;
	char part[12];
	if (sscanf(name, "training[%u].%11[a-z]%n", &i, part, &end) != 2 || name[end] ||
	    (strcmp(part, "module") && strcmp(part, "completed")))
		return 0;
	if (i > VOLUNTEER_TRAINING_MAX) {
		in->n_training = VOLUNTEER_TRAINING_MAX + 1; /* too many */
		return 1;
	}
	*(part[0] == 'm' ? &in->training[i].module : &in->training[i].completed) = value;
	if (in->n_training < i + 1)
		in->n_training = i + 1;
	return 1;
}

void volunteer_field_text(const struct volunteer_rec *r, enum volunteer_field f, char *out, size_t n)
{
	enum volunteer_kind kind = volunteer_fields[f].kind;
	int64_t i = 0;
	const char *s = "";
	int k = volunteer_field_stored(r, f, &i, &s);
	if (k != 1 || n < DT_DATE_LEN)
		snprintf(out, n, "%s", k == 2 ? s : "");
	else if (kind == VK_DATE)
		dt_format_date(i, out);
	else if (kind == VK_BOOL)
		snprintf(out, n, "%s", i ? "yes" : "no");
	else if (kind == VK_KM)
		snprintf(out, n, "%g", (double)i / 1000.0);
	else
		snprintf(out, n, "%lld", (long long)i);
}

int volunteer_field_stored(const struct volunteer_rec *r, enum volunteer_field f, int64_t *i, const char **s)
{
	const struct volunteer_field_desc *d = &volunteer_fields[f];
	const void *m = (const char *)r + d->offset;
	switch (d->kind) {
	case VK_STATUS:
		*s = volunteer_status_code(*(const enum volunteer_status *)m);
		return 2;
	case VK_DBS_LEVEL:
		*s = *(const int *)m ? dbs_level_code(*(const enum dbs_level *)m) : NULL;
		return *s ? 2 : 0;
	case VK_BOOL:
	case VK_KM:
	case VK_COUNT:
		*i = *(const int *)m;
		return 1;
	case VK_DATE:
		*i = *(const int64_t *)m;
		return *i == COMPLIANCE_NO_DAY ? 0 : 1;
	default:
		*s = m;
		return *s[0] ? 2 : 0; /* blank text is NULL */
	}
}

void volunteer_field_load(struct volunteer_rec *r, enum volunteer_field f, int is_null, int64_t i, const char *text)
{
	const struct volunteer_field_desc *d = &volunteer_fields[f];
	void *m = (char *)r + d->offset;
	int c;
	switch (d->kind) {
	case VK_STATUS:
	case VK_DBS_LEVEL:
		c = is_null ? -1 : d->kind == VK_STATUS ? volunteer_status_from_code(text) : dbs_level_from_code(text);
		*(int *)m = c < 0 ? 0 : c;
		break;
	case VK_BOOL:
	case VK_KM:
	case VK_COUNT:
		*(int *)m = (int)i;
		break;
	case VK_DATE:
		*(int64_t *)m = is_null ? COMPLIANCE_NO_DAY : i;
		break;
	default:
		snprintf(m, d->size, "%s", is_null || !text ? "" : text);
	}
}

int volunteer_match_avail(const struct volunteer_rec *r, struct match_interval out[VOLUNTEER_SLOTS_MAX])
{
	int n = 0;
	for (int i = 0; i < r->n_slots && n < VOLUNTEER_SLOTS_MAX; i++) {
		const struct volunteer_slot *s = &r->slots[i];
		if (s->weekday < 0 || s->weekday > 6)
			continue;
		out[n].start = (int32_t)(s->weekday * 86400 + s->start_minute * 60);
		out[n].end = (int32_t)(s->weekday * 86400 + s->end_minute * 60);
		n++;
	}
	return n;
}

int volunteer_match_days_off(const struct volunteer_rec *r, int64_t from_day, int64_t to_day, int64_t *out, int max)
{
	int n = 0;
	for (int i = 0; i < r->n_days_off && n < max; i++)
		if (r->days_off[i] >= from_day && r->days_off[i] <= to_day)
			out[n++] = r->days_off[i];
	return n;
}
