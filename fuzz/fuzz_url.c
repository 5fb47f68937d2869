/* Fuzzes request routing: a method and a path (the input, split at its first
 * space) matched against every module's route table by http_route_match,
 * then each path parameter read as a record id the way handlers read it.
 * Parameters are non-empty path segments, copied into the caller's scratch
 * buffer and never beyond it. */
#include "http/http.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" };
	char *in = fuzz_cstr(data, size);
	if (!in)
		return 0;
	const char *method = methods[size ? data[0] % (sizeof methods / sizeof methods[0]) : 0];
	char *path = in;
	char *sp = strchr(in, ' ');
	if (sp) {
		*sp = '\0';
		method = in;
		path = sp + 1;
	}

	const char *params[HTTP_MAX_PARAMS];
	int nparams = -1, mismatch = -1;
	/* A small scratch buffer so that running out of it is exercised too. */
	size_t scratchlen = size ? 1 + data[size - 1] % 64 : 1;
	char *scratch = malloc(scratchlen);
	if (!scratch) {
		free(in);
		return 0;
	}
	const struct route *r = http_route_match(method, path, params, &nparams, &mismatch, scratch, scratchlen);
	FUZZ_CHECK(nparams >= 0 && nparams <= HTTP_MAX_PARAMS);
	FUZZ_CHECK(mismatch == 0 || mismatch == 1);
	if (r) {
		FUZZ_CHECK(strcmp(r->method, method) == 0);
		FUZZ_CHECK(http_route_index(r) >= 0 && http_route_index(r) < http_route_total());
		size_t plen = strlen(path);
		struct http_req req;
		memset(&req, 0, sizeof req);
		req.method = method;
		req.path = path;
		req.route = r;
		req.nparams = nparams;
		for (int i = 0; i < nparams; i++) {
			const char *p = params[i];
			FUZZ_CHECK(p >= scratch && p < scratch + scratchlen);
			size_t l = strlen(p);
			FUZZ_CHECK(l > 0 && l <= plen && p + l < scratch + scratchlen);
			FUZZ_CHECK(strchr(p, '/') == NULL && strstr(path, p) != NULL);
			req.params[i] = p;
		}
		for (int i = 0; i < nparams; i++) {
			struct http_resp resp;
			memset(&resp, 0, sizeof resp);
			resp.fd = -1;
			buf_init(&resp.body, BUF_MAX_JSON);
			int64_t id = http_param_id_or_respond(&req, &resp, i);
			if (id < 0)
				FUZZ_CHECK(id == -1 && resp.status == 404);
			else
				FUZZ_CHECK(id > 0 && resp.status == 0);
			buf_free(&resp.body);
		}
	} else {
		FUZZ_CHECK(nparams == 0);
	}
	free(scratch);
	free(in);
	return 0;
}
