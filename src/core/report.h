/* Reports for boards and commissioners: the reports, their measures (core/report_measures.def) and dimensions
 * (core/report_dims.def), the fact rows they are counted from, the tally of facts into rows by a dimension, and
 * small-number suppression of the result. Pure: the store supplies facts and reference maps. */
#ifndef WAYMARK_CORE_REPORT_H
#define WAYMARK_CORE_REPORT_H
#include <stddef.h>
#include <stdint.h>
#include "core/suppress.h"

#define REPORT_NONE INT64_MIN
#define REPORT_KEY_MAX 64
#define REPORT_LABEL_MAX 160

enum report_id {
	REPORT_ACTIVITY,
	REPORT_FOLLOWUP,
	REPORT_CASEWORK,
	REPORT_ONWARD,
	REPORT_UNMET_NEEDS,
	REPORT_OUTCOMES,
	REPORT_DISCHARGE,
	REPORT_VOLUNTEERS,
	REPORT_WORKFORCE,
	REPORT_HOURS,
	REPORT__N
};

/* What kind of row a fact is (one statement each in store/stmt_report.def). */
enum report_fact_kind {
	RF_REFERRAL,
	RF_TRIAGE,
	RF_CASE,
	RF_SESSION,
	RF_ONWARD,
	RF_UNMET,
	RF_OUTCOME,
	RF_TASK,
	RF_VOLUNTEER,
	RF_WORKER,
	RF__N
};

/* How a measure's contributions add up. */
enum report_agg {
	RA_COUNT,   /* facts counted (suppressed as counts for commissioners) */
	RA_MEAN,    /* mean of the values (null when the count is suppressed) */
	RA_MEAN100, /* mean of values in hundredths, shown in units */
	RA_PERCENT, /* values are 0 or 1: the share that are 1, in percent */
	RA_HOURS,   /* values are minutes, shown as hours */
	RA_FTE,     /* values are hundredths, shown as units */
};

/*
 * One fact: a referral, a triage decision, a case, a session, ... with the
 * person's and the referral's attributes. Times are UTC seconds and days are
 * day numbers, REPORT_NONE when absent; texts are "" when absent. What at, t2..t4,
 * value, flag and d1..d3 hold depends on the kind (store/stmt_report.def says).
 */
struct report_fact {
	enum report_fact_kind kind;
	int64_t at, t2, t3, t4;
	int64_t org_id, dob, value, flag;
	const char *area, *outcode, *practice, *hospital, *gender, *ethnicity, *disability, *source, *channel, *tier;
	const char *d1, *d2, *d3;
};

/* The period: London days from_day..to_day, their UTC bounds, and today (for snapshots). */
struct report_period {
	int64_t from_day, to_day, from_utc, to_utc, today;
};
void report_period_make(int64_t from_day, int64_t to_day, int64_t today, struct report_period *p);

/* What a fact adds to a measure: 1 and *at (the deciding time) and *value, or 0. */
typedef int (*report_measure_fn)(const struct report_fact *f, const struct report_period *p, int64_t *at,
				 int64_t *value);

struct report_measure {
	enum report_id report;
	const char *key;
	enum report_fact_kind kind;
	report_measure_fn fn;
	enum report_agg agg;
	const char *definition;
	const char *decided_by;
};

struct report_dim {
	const char *key;
	const char *label;
	unsigned kinds; /* bit per fact kind that carries it; others fall in "not_applicable" */
	int detail;     /* 1 when it breaks down only its own kinds (closure reason, ...) */
	const char *source;
};

extern const struct report_measure report_measures[];
extern const size_t report_measure_count;
extern const struct report_dim report_dims[];
extern const size_t report_dim_count;
extern const char *const report_names[REPORT__N];

/* The report named code ("activity", "unmet-needs", ...), or -1. */
int report_by_name(const char *code);
/* The dimension named key, or -1. "" and NULL mean none (totals only): -2. */
int report_dim_by_name(const char *key);
/* Measures of a report: their indexes into report_measures, in order; returns how many. */
size_t report_measures_of(enum report_id r, size_t *idx, size_t max);
/* 1 when dimension d can break down report r (some measure's kind carries it). */
int report_dim_fits(enum report_id r, int d);
/* The fact kinds a report reads, as a bit set. */
unsigned report_kinds_of(enum report_id r);

/* Reference maps the dimensions need (practice -> cluster, practice -> pcn,
 * area -> place board, outcode -> rurality, and labels), filled by the store. */
struct report_ref;
struct report_ref *report_ref_new(void);
void report_ref_free(struct report_ref *r);
/* map names: "cluster" (practice), "pcn" (practice), "place_board" (area), "rurality" (outcode),
 * "label:DIM" (row key -> label). 0 or -1 (out of memory). */
int report_ref_put(struct report_ref *r, const char *map, const char *key, const char *value);
const char *report_ref_get(const struct report_ref *r, const char *map, const char *key);

/* The row key of a fact for dimension d at time at (the measure's deciding time), into key. */
void report_dim_key(int d, const struct report_fact *f, int64_t at, const struct report_ref *ref,
		    char key[REPORT_KEY_MAX]);
/* The label of a row key ("" when none is known: the key itself is shown). */
void report_dim_label(int d, const char *key, const struct report_ref *ref, char label[REPORT_LABEL_MAX]);

/* A cell: facts counted and the sum of their values (and, for percentages, the sum is the numerator). */
struct report_cell {
	int64_t n, sum;
};

#define REPORT_MEASURES_MAX 16

struct report_row {
	char key[REPORT_KEY_MAX];
	struct report_cell c[REPORT_MEASURES_MAX];
	struct sup_cell s[REPORT_MEASURES_MAX]; /* after report_suppress */
	int withheld[REPORT_MEASURES_MAX];
};

/* A report's table: rows by the dimension's key (sorted), and the total. */
struct report_table {
	enum report_id report;
	int dim; /* -2: totals only */
	size_t nm;
	size_t m[REPORT_MEASURES_MAX]; /* indexes into report_measures */
	struct report_row *rows;
	size_t nrows, cap;
	struct report_row total;
	int64_t org_only; /* 0: all organisations; else only facts of this organisation */
	int rounded;      /* counts are shown rounded to 5 (report_suppress with a threshold) */
	char area_only[REPORT_KEY_MAX]; /* "": every area; else only facts of this HWP area or Place Board */
	int area_is_board;              /* area_only names a Place Board */
};

void report_table_init(struct report_table *t, enum report_id r, int dim, int64_t org_only);
void report_table_free(struct report_table *t);
/* 1 when a fact in HWP area `area` belongs to the table's area (report_table.area_only). */
int report_table_area_ok(const struct report_table *t, const char *area, const struct report_ref *ref);
/* Adds one fact to every measure of the table that it counts for. 0 or -1 (out of memory). */
int report_table_add(struct report_table *t, const struct report_fact *f, const struct report_period *p,
		     const struct report_ref *ref);
/* Adds n facts with values summing to sum to measure column j of the row keyed key. 0 or -1. */
int report_table_add_cell(struct report_table *t, size_t j, const char *key, int64_t n, int64_t sum);
/* Sorts the rows by key. */
void report_table_sort(struct report_table *t);

/* Withholds small numbers (threshold > 0) down each column, with secondary suppression against the
 * total; threshold 0 shows every figure exactly. */
void report_suppress(struct report_table *t, int threshold);

/* The figure of measure column j of a row as shown: 1 and *v, or 0 when withheld or undefined (null).
 * *is_int is 1 for counts. */
int report_value(const struct report_table *t, const struct report_row *row, size_t j, double *v, int *is_int);
#endif
