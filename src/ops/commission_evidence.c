/* Appendix B evidence: a provider's document for a minimum criterion (file kept in the database), who checked it, and its download. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "ops/commission_int.h"

/* The content types taken, and the bytes such a file starts with ("" for text). */
static const struct {
	const char *type;
	const char *magic;
	size_t len;
	const char *name; /* as people know it, for messages */
} types[] = {
	{ "application/pdf", "%PDF-", 5, "PDF" },
	{ "image/png", "\x89PNG\r\n\x1a\n", 8, "PNG image" },
	{ "image/jpeg", "\xff\xd8\xff", 3, "JPEG image" },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\x03\x04", 4, "Word (.docx)" },
	{ "text/plain", "", 0, "plain text" },
};

static int type_index(const char *t)
{
	for (size_t i = 0; t && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(types[i].type, t) == 0)
			return (int)i;
	return -1;
}

enum ops_result ops_comm_evidence_add(const struct ops_ctx *c, int64_t org_id, json_t *in, struct field_errors *fe, int64_t *id)
{
	const struct commission_data *cd = ops_comm_data();
	if (!cd)
		return OPS_ERROR;
	if (!comm_sees_all(c) && org_id != c->org_id)
		return OPS_NOT_FOUND;
	const char *crit = cj_text(in, "criterion", 64, 1, fe);
	if (crit && commission_criterion_index(cd, crit) < 0)
		fielderr_add(fe, "criterion", "is not one of the Appendix B minimum criteria");
	const char *title = cj_text(in, "title", 200, 1, fe);
	const char *ref = cj_text(in, "reference", 200, 1, fe);
	int64_t review;
	cj_date(in, "review_date", 1, &review, fe);
	const char *fname = cj_text(in, "file_name", 200, 1, fe);
	const char *ctype = cj_text(in, "content_type", 100, 1, fe);
	const char *b64 = cj_text(in, "file_base64", COMM_FILE_MAX / 3 * 4 + 8, 0, fe);
	int ti = type_index(ctype);
	if (ctype && ti < 0)
		fielderr_add(fe, "content_type", "must be a PDF, PNG, JPEG, Word (.docx) or plain text file");
	if (!b64 && !fielderr_for(fe, "file_base64"))
		fielderr_add(fe, "file_base64", "Choose the file (at most 512 KB)");
	unsigned char *bin = NULL;
	size_t blen = 0;
	if (b64) {
		bin = malloc(COMM_FILE_MAX + 4);
		if (!bin)
			return OPS_ERROR;
		if (sodium_base642bin(bin, COMM_FILE_MAX + 4, b64, strlen(b64), " \r\n", &blen, NULL, sodium_base64_VARIANT_ORIGINAL)
		    || blen == 0)
			fielderr_add(fe, "file_base64", "is not a base64-encoded file of at most 512 KB");
		else if (blen > COMM_FILE_MAX)
			fielderr_add(fe, "file_base64", "The file must be at most 512 KB");
		else if (ti >= 0 && (blen < types[ti].len || memcmp(bin, types[ti].magic, types[ti].len) != 0))
			fielderr_add(fe, "content_type", "The file's contents are not those of a %s file", types[ti].name);
		else if (ti >= 0 && types[ti].len == 0 && memchr(bin, 0, blen))
			fielderr_add(fe, "content_type", "A plain text file cannot contain NUL bytes");
	}
	free(bin);
	if (fe->n)
		return OPS_INVALID;
	/* stored re-encoded without white space, so its size is known */
	size_t elen = sodium_base64_encoded_len(blen, sodium_base64_VARIANT_ORIGINAL);
	char *enc = malloc(elen);
	unsigned char *raw = malloc(blen + 1);
	size_t rl = 0;
	enum ops_result r = OPS_ERROR;
	if (enc && raw && sodium_base642bin(raw, blen + 1, b64, strlen(b64), " \r\n", &rl, NULL, sodium_base64_VARIANT_ORIGINAL) == 0) {
		sodium_bin2base64(enc, elen, raw, rl, sodium_base64_VARIANT_ORIGINAL);
		if ((r = ops_begin(c)) == OPS_OK) {
			if (store_get_int(c->db, STMT_COMM_EVIDENCE_INSERT, id, "isssissisiI", org_id, crit, title, ref, review, fname,
					  ctype, (int64_t)rl, enc, c->now, c->user_id ? c->user_id : INT64_MIN) != 1)
				r = ops_fail(c, OPS_ERROR);
			else
				r = ops_commit_audited(c, AUDIT_COMMISSION_EVIDENCE_ADD, "comm_evidence", *id, 0, crit);
		}
	}
	free(enc);
	free(raw);
	return r;
}

enum ops_result ops_comm_evidence_check(const struct ops_ctx *c, int64_t org_id, json_t *in, struct field_errors *fe)
{
	int64_t ev = 0;
	if (c->role != ROLE_PROGRAMME_LEAD) {
		fielderr_add(fe, "evidence", "Only the lead provider checks evidence");
		return OPS_FORBIDDEN;
	}
	if (cj_int(in, "evidence", 1, INT64_MAX / 2, 1, 0, &ev, fe))
		return OPS_INVALID;
	enum ops_result r = ops_begin(c);
	if (r != OPS_OK)
		return r;
	int64_t got = 0;
	int n = store_get_int(c->db, STMT_COMM_EVIDENCE_CHECK, &got, "Iiii", c->user_id ? c->user_id : INT64_MIN, c->now, ev, org_id);
	if (n < 0)
		return ops_fail(c, OPS_ERROR);
	if (n == 0) {
		fielderr_add(fe, "evidence", "is not evidence of this provider");
		return ops_fail(c, OPS_INVALID);
	}
	return ops_commit_audited(c, AUDIT_COMMISSION_EVIDENCE_CHECK, "comm_evidence", ev, 0, "");
}

struct file_row {
	int found;
	int64_t org;
	struct comm_file *f;
	char *b64_copy;
};

static int file_row_cb(void *ctx, const struct store_row *r)
{
	struct file_row *w = ctx;
	w->found = 1;
	snprintf(w->f->name, sizeof w->f->name, "%s", store_row_text(r, 0));
	int ti = type_index(store_row_text(r, 1));
	w->f->type = ti >= 0 ? types[ti].type : "application/octet-stream";
	w->b64_copy = strdup(store_row_text(r, 2));
	w->org = store_row_int(r, 3);
	return 0;
}

enum ops_result ops_comm_evidence_file(const struct ops_ctx *c, int64_t evidence_id, struct comm_file *out)
{
	memset(out, 0, sizeof *out);
	struct file_row w = { .f = out };
	if (comm_exec(c->db, STMT_COMM_EVIDENCE_FILE, file_row_cb, &w, "i", evidence_id)) {
		free(w.b64_copy);
		return OPS_ERROR;
	}
	if (!w.found || (!comm_sees_all(c) && w.org != c->org_id)) {
		free(w.b64_copy);
		return OPS_NOT_FOUND;
	}
	if (!w.b64_copy)
		return OPS_ERROR;
	size_t blen = strlen(w.b64_copy) / 4 * 3 + 3;
	out->data = malloc(blen);
	if (!out->data || sodium_base642bin(out->data, blen, w.b64_copy, strlen(w.b64_copy), NULL, &out->len, NULL,
					    sodium_base64_VARIANT_ORIGINAL)) {
		free(w.b64_copy);
		free(out->data);
		out->data = NULL;
		return OPS_ERROR;
	}
	free(w.b64_copy);
	if (ops_audit(c, AUDIT_COMMISSION_EVIDENCE_DOWNLOAD, "comm_evidence", evidence_id, 0, out->name)) {
		free(out->data);
		out->data = NULL;
		return OPS_ERROR;
	}
	return OPS_OK;
}

int ops_comm_evidence_rel(const struct ops_ctx *c, int64_t id)
{
	int64_t org = 0;
	int n = store_get_int(c->db, STMT_COMM_EVIDENCE_ORG, &org, "i", id);
	if (n < 0)
		return -1;
	return n == 1 && (comm_sees_all(c) || org == c->org_id);
}
