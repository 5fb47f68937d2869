/* The quarterly review's figures from counts of the provider's own cases: Appendix D completeness, the follow-up KPI, the client target, RAG. */
#include <string.h>
#include "core/review.h"

static const char *const field_codes[REVIEW_FIELDS] = {
#define X(name, code, label) code,
	REVIEW_APPX_D_FIELDS(X)
#undef X
};

static const char *const field_labels[REVIEW_FIELDS] = {
#define X(name, code, label) label,
	REVIEW_APPX_D_FIELDS(X)
#undef X
};

const char *review_field_code(int f)
{
	return f >= 0 && f < REVIEW_FIELDS ? field_codes[f] : NULL;
}

const char *review_field_label(int f)
{
	return f >= 0 && f < REVIEW_FIELDS ? field_labels[f] : NULL;
}

int review_fields_filled(review_fields_mask m)
{
	int n = 0;
	for (int f = 0; f < REVIEW_FIELDS; f++)
		n += (m >> f) & 1u;
	return n;
}

int review_figures(const struct rag_thresholds *t, const struct review_counts *n, int64_t target_x100,
		   struct review_figures *out)
{
	memset(out, 0, sizeof *out);
	if (n->clients < 0 || n->cases < 0 || n->fields_filled < 0 || n->followup_due < 0 || n->followup_within < 0 ||
	    n->followup_within > n->followup_due || n->fields_filled > n->cases * REVIEW_FIELDS || target_x100 < 0)
		return -1;
	out->target_x100 = target_x100;
	out->clients_x100 = perf_pct_x100(n->clients * 100, target_x100);
	out->completeness_x100 = n->cases ? perf_pct_x100(n->fields_filled, n->cases * REVIEW_FIELDS) : REVIEW_NONE;
	out->followup_x100 = n->followup_due ? perf_pct_x100(n->followup_within, n->followup_due) : REVIEW_NONE;
	const int64_t pct[RAG_MEASURES] = { out->clients_x100, out->completeness_x100, out->followup_x100 };
	out->rag = RAG_GREEN;
	for (int m = 0; m < RAG_MEASURES; m++) {
		out->rated[m] = pct[m] != REVIEW_NONE;
		out->measure[m] = out->rated[m] ? rag_rate(t, (enum rag_measure)m, pct[m]) : RAG_GREEN;
		if (out->rated[m])
			out->rag = rag_worst(out->rag, out->measure[m]);
	}
	return 0;
}

int rag_parse(const char *s, enum rag *out)
{
	static const enum rag all[] = { RAG_GREEN, RAG_AMBER, RAG_RED };
	for (int i = 0; s && i < 3; i++)
		if (strcmp(s, rag_name(all[i])) == 0) {
			*out = all[i];
			return 0;
		}
	return -1;
}
