/* Fuzzes the application/x-www-form-urlencoded body decoder of
 * src/http/request.c through its public entry point, http_form(), on a
 * request that has only a body (no connection is needed for forms). Every
 * decoded name and value is shorter than the body, at most
 * HTTP_MAX_FORM_FIELDS fields are kept, lookups find the first field of a
 * name, and http_form_free releases everything. */
#include "http/http.h"
#include "http/internal.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_req req;
	memset(&req, 0, sizeof req);
	/* The server's body buffer is always NUL-terminated (struct buf's invariant). */
	char *body = fuzz_cstr(data, size);
	if (!body)
		return 0;
	req.body.data = body;
	req.body.len = size;
	req.body.cap = size + 1;

	const char *v = http_form(&req, "csrf_token");
	FUZZ_CHECK(req.form_parsed == 1);
	FUZZ_CHECK(req.nform >= 0 && req.nform <= HTTP_MAX_FORM_FIELDS);
	for (int i = 0; i < req.nform; i++) {
		const struct http_form_field *f = &req.form[i];
		FUZZ_CHECK(f->name && f->value);
		size_t nl = strlen(f->name), vl = strlen(f->value);
		/* Decoding never grows text, and a name and its value came from
		 * disjoint parts of the body separated by '='. */
		FUZZ_CHECK(nl + vl + 1 <= size);
		FUZZ_CHECK(vl <= HTTP_MAX_FIELD_LEN * 3);
	}
	/* The first field of a name wins; later lookups reuse the parse. */
	const char *first = NULL;
	for (int i = 0; i < req.nform && !first; i++)
		if (strcmp(req.form[i].name, "csrf_token") == 0)
			first = req.form[i].value;
	FUZZ_CHECK(v == first);
	if (req.nform > 0) {
		int n = req.nform;
		const char *name = req.form[n - 1].name;
		const char *got = http_form(&req, name);
		FUZZ_CHECK(got != NULL && req.nform == n);
	}
	http_form_free(&req);
	FUZZ_CHECK(req.form == NULL && req.nform == 0);
	free(body);
	return 0;
}
