/* The generic checks of an entity's fields described once (core/record.h), pure. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "core/record.h"

const char *rec_vocab_label(const char *const *vocab, const char *code)
{
	for (size_t i = 0; vocab && vocab[i]; i += 2)
		if (strcmp(vocab[i], code) == 0)
			return vocab[i + 1];
	return code;
}

static int in_vocab(const char *const *vocab, const char *code)
{
	for (size_t i = 0; vocab[i]; i += 2)
		if (strcmp(vocab[i], code) == 0)
			return 1;
	return 0;
}

static size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static int bad_control(const char *s, int lines)
{
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && !(lines && (*s == '\n' || *s == '\r' || *s == '\t'))) || *s == 0x7f)
			return 1;
	return 0;
}

int rec_phone_ok(const char *s)
{
	int digits = 0;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (!strchr(" +()-", *s))
			return 0;
	}
	return digits >= 3 && digits <= 15;
}

int rec_email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.' || s[strlen(s) - 1] == '.')
		return 0;
	for (; *s; s++)
		if (isspace((unsigned char)*s) || strchr("<>\"(),;:", *s))
			return 0;
	return 1;
}

/* The codes in a comma-separated list, each trimmed, repeats dropped; -1 naming the first unknown one. */
static int codes(const struct rec_field *f, const char *in, char out[REC_VALUE_MAX], struct field_errors *fe)
{
	size_t n = 0;
	out[0] = '\0';
	while (*in) {
		while (*in == ',' || isspace((unsigned char)*in))
			in++;
		const char *e = in;
		while (*e && *e != ',')
			e++;
		size_t len = (size_t)(e - in);
		while (len && isspace((unsigned char)in[len - 1]))
			len--;
		if (len) {
			char code[80];
			if (len >= sizeof code)
				return fielderr_add(fe, f->key, "%s: \"%.40s...\" is too long for a code", f->label, in);
			memcpy(code, in, len);
			code[len] = '\0';
			if (f->vocab && !in_vocab(f->vocab, code))
				return fielderr_add(fe, f->key, "%s: \"%s\" is not one of the choices", f->label, code);
			char probe[84];
			snprintf(probe, sizeof probe, ",%s,", code);
			char have[REC_VALUE_MAX + 2];
			snprintf(have, sizeof have, ",%s,", out);
			if (!strstr(have, probe)) {
				if (n + len + 2 >= REC_VALUE_MAX)
					return fielderr_add(fe, f->key, "%s: too many choices", f->label);
				if (n)
					out[n++] = ',';
				memcpy(out + n, code, len + 1);
				n += len;
			}
		}
		in = e;
	}
	return 0;
}

int rec_check(const struct rec_field *f, const char *given, char out[REC_VALUE_MAX], struct field_errors *fe)
{
	out[0] = '\0';
	const char *s = given ? given : "";
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= REC_VALUE_MAX)
		return fielderr_add(fe, f->key, "%s is too long", f->label);
	char v[REC_VALUE_MAX];
	memcpy(v, s, n);
	v[n] = '\0';
	if (!v[0])
		return f->required ? fielderr_add(fe, f->key, "Enter %s", f->label) : 0;
	if (bad_control(v, f->kind == RK_LONGTEXT))
		return fielderr_add(fe, f->key, "%s must be %s", f->label, f->kind == RK_LONGTEXT ? "text" : "one line of text");
	int64_t day;
	long h;
	char *end;
	switch (f->kind) {
	case RK_TEXT:
	case RK_LONGTEXT:
		if (f->max && utf8_len(v) > (size_t)f->max)
			return fielderr_add(fe, f->key, "%s must be %d characters or fewer", f->label, f->max);
		break;
	case RK_PHONE:
		if (!rec_phone_ok(v) || strlen(v) > 32)
			return fielderr_add(fe, f->key, "%s must be a telephone number, like 01603 123456", f->label);
		break;
	case RK_EMAIL:
		if (!rec_email_ok(v) || strlen(v) > 254)
			return fielderr_add(fe, f->key, "%s must be an email address, like name@example.org", f->label);
		break;
	case RK_DATE:
		if (dh_parse_date(v, &day))
			return fielderr_add(fe, f->key, "%s must be a real date, for example 1 4 2027", f->label);
		dt_format_date(day, v);
		break;
	case RK_CODE:
		if (f->vocab && !in_vocab(f->vocab, v))
			return fielderr_add(fe, f->key, "%s: \"%.60s\" is not one of the choices", f->label, v);
		break;
	case RK_CODES:
		return codes(f, v, out, fe);
	case RK_BOOL:
		if (!strcasecmp(v, "1") || !strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcasecmp(v, "on"))
			snprintf(v, sizeof v, "1");
		else if (!strcasecmp(v, "0") || !strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcasecmp(v, "off"))
			snprintf(v, sizeof v, "0");
		else
			return fielderr_add(fe, f->key, "%s must be yes or no", f->label);
		break;
	case RK_FTE: {
		/* 0.5, .5, 1, 1.0, 0.25: at most two decimals */
		const char *p = v;
		h = 0;
		if (isdigit((unsigned char)*p))
			h = strtol(p, &end, 10) * 100, p = end;
		if (*p == '.') {
			p++;
			int places = 0;
			long frac = 0;
			while (isdigit((unsigned char)*p) && places < 3)
				frac = frac * 10 + (*p++ - '0'), places++;
			if (places == 0 || places > 2)
				h = -1;
			else
				h += places == 1 ? frac * 10 : frac;
		}
		if (*p || h < 1 || h > 100 || !isdigit((unsigned char)v[v[0] == '.'])) /* digits at the start */
			return fielderr_add(fe, f->key, "%s must be a fraction of full time from 0.01 to 1, like 0.5", f->label);
		snprintf(v, sizeof v, "%ld", h);
		break;
	}
	}
	memcpy(out, v, strlen(v) + 1);
	return 0;
}

void rec_fte_text(const char *hundredths, char *out, size_t len)
{
	int h = (int)(strtol(hundredths, NULL, 10) % 1000);
	snprintf(out, len, "%d.%02d", h / 100, h % 100);
	size_t n = strlen(out);
	while (n > 3 && out[n - 1] == '0') /* 0.50 -> 0.5 */
		out[--n] = '\0';
}
