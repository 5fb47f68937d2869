/* The commissioning reference data (data/commissioning.json): Appendix B criteria, selection criteria and weights, RAG thresholds. */
#ifndef WAYMARK_CORE_COMMISSION_DATA_H
#define WAYMARK_CORE_COMMISSION_DATA_H
#include <stddef.h>
#include <stdint.h>
#include "core/perf.h"

#define CD_MAX_ITEMS 16
#define CD_CODE_LEN 32
#define CD_LABEL_LEN 160

struct cd_item {
	char code[CD_CODE_LEN];
	char label[CD_LABEL_LEN];
	int weight;  /* selection criteria only */
};

struct commission_data {
	int64_t lot_value_pence;
	int clients_per_year;
	int score_max;
	size_t n_criteria;              /* Appendix B minimum criteria */
	struct cd_item criteria[CD_MAX_ITEMS];
	size_t n_selection;             /* interview selection criteria with weights */
	struct cd_item selection[CD_MAX_ITEMS];
	int weight_total;
	struct rag_thresholds rag;
};

/* Parses the JSON text; returns 0, or -1 with a message in err. */
int commission_data_parse(const char *text, size_t len, struct commission_data *out, char *err, size_t errlen);

/* Index of the Appendix B criterion / selection criterion with this code, or -1. */
int commission_criterion_index(const struct commission_data *cd, const char *code);
int commission_selection_index(const struct commission_data *cd, const char *code);

/* The weighted interview score in hundredths of a percent of the maximum
 * (0..10000) from one score (0..score_max) per selection criterion. -1 if a
 * score is out of range. */
int64_t commission_weighted_score(const struct commission_data *cd, const int *scores);
#endif
