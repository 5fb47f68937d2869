/* Fuzzes the matching instance reader (JSON, given by length with no
 * terminator). A rejected text reports a problem and leaves the instance
 * empty; an accepted one passes the matcher's own validity checks, writes
 * back to a text that reads to the same text again, and, when small, is
 * matched: every result names a real volunteer the task may go to (or
 * none), no volunteer gets more tasks than their capacity, and each pair
 * can be explained. */
#include "core/match.h"
#include "core/match_instance.h"
#include "fuzz.h"

/* Keep solving cheap: the fuzzer should spend its time on the parser. */
#define SOLVE_PAIRS_MAX 2048

static void check_match(const struct match_instance *in)
{
	struct match_result *res = calloc(in->n_tasks ? in->n_tasks : 1, sizeof *res);
	int *load = calloc(in->n_vols ? in->n_vols : 1, sizeof *load);
	if (!res || !load)
		goto out;
	int64_t total = 0;
	FUZZ_CHECK(match_run(in->tasks, in->n_tasks, in->vols, in->n_vols, &in->params, res, &total) == 0);
	for (size_t t = 0; t < in->n_tasks; t++) {
		FUZZ_CHECK(memchr(res[t].reason, '\0', sizeof res[t].reason) != NULL);
		int32_t v = res[t].volunteer;
		FUZZ_CHECK(v >= -1 && v < (int32_t)in->n_vols);
		if (v < 0)
			continue;
		FUZZ_CHECK(match_check(&in->tasks[t], &in->vols[v], &in->params, NULL) == 0);
		load[v]++;
		FUZZ_CHECK(load[v] <= in->vols[v].capacity);
		char why[MATCH_EXPLAIN_MAX];
		FUZZ_CHECK(match_explain(&in->tasks[t], &in->vols[v], &in->params, why, sizeof why) == 0);
	}
	/* Explanations of a few pairs, eligible or not, into a tiny buffer too. */
	for (size_t t = 0; t < in->n_tasks && t < 4; t++)
		for (size_t v = 0; v < in->n_vols && v < 4; v++) {
			char small[16];
			int rc = match_explain(&in->tasks[t], &in->vols[v], &in->params, small, sizeof small);
			FUZZ_CHECK(rc == 0 || rc == 1);
			FUZZ_CHECK(strlen(small) < sizeof small);
		}
out:
	free(load);
	free(res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct match_instance in, back;
	struct field_errors *fe = malloc(sizeof *fe);
	if (!fe)
		return 0;
	fielderr_init(fe);
	memset(&in, 0x5a, sizeof in);
	/* libFuzzer's data has no terminator after it: the reader must not need one. */
	int rc = match_instance_parse_json((const char *)data, size, &in, fe);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc != 0) {
		FUZZ_CHECK(fe->n > 0);
		FUZZ_CHECK(in.tasks == NULL && in.vols == NULL && in.n_tasks == 0 && in.n_vols == 0);
		match_instance_free(&in);
		free(fe);
		return 0;
	}
	FUZZ_CHECK(fe->n == 0);
	FUZZ_CHECK(match_params_valid(&in.params) == 0);
	for (size_t i = 0; i < in.n_tasks; i++)
		FUZZ_CHECK(match_task_valid(&in.tasks[i]) == 0);
	for (size_t i = 0; i < in.n_vols; i++)
		FUZZ_CHECK(match_volunteer_valid(&in.vols[i]) == 0);

	char *text = match_instance_to_json(&in);
	FUZZ_CHECK(text != NULL);
	fielderr_init(fe);
	FUZZ_CHECK(match_instance_parse_json(text, strlen(text), &back, fe) == 0);
	FUZZ_CHECK(back.n_tasks == in.n_tasks && back.n_vols == in.n_vols);
	char *text2 = match_instance_to_json(&back);
	FUZZ_CHECK(text2 != NULL && strcmp(text, text2) == 0);
	free(text2);
	free(text);
	match_instance_free(&back);

	if ((in.n_tasks + 1) * (in.n_vols + 1) <= SOLVE_PAIRS_MAX)
		check_match(&in);
	match_instance_free(&in);
	match_instance_free(&in); /* documented as safe on the emptied struct */
	free(fe);
	return 0;
}
