/* Quarterly performance: the pro-rata client target, quarter boundaries and RAG ratings by thresholds held as data. */
#ifndef WAYMARK_CORE_PERF_H
#define WAYMARK_CORE_PERF_H
#include <stdint.h>

/* "No date" for an optional day number. */
#define PERF_NO_DATE INT64_MIN
/* The year the target is spread over, in days (documented in docs/COMMISSIONING.md). */
#define PERF_YEAR_DAYS 365

/*
 * The client target for the days from_day..to_day (inclusive), in hundredths
 * of a client, rounded half up: per_year clients a year for each of posts
 * 0.5 FTE posts, pro rata by days; each day up to and including mob_end_day
 * (PERF_NO_DATE: no mobilisation) counts only mob_pct percent (0..100).
 * Returns -1 for a period that ends before it starts or bad arguments.
 */
int64_t perf_target_x100(int per_year, int posts, int64_t from_day, int64_t to_day, int64_t mob_end_day, int mob_pct);

/* Quarter q (1, 2, ...) of an agreement starting on start_day: from
 * start + 3(q-1) months to the day before start + 3q months (calendar
 * months, month-end rule). Returns 0, or -1 for q < 1 or out of range. */
int perf_quarter(int64_t start_day, int q, int64_t *from_day, int64_t *to_day);

enum rag { RAG_GREEN, RAG_AMBER, RAG_RED };
#define RAG_MEASURES 3
enum rag_measure { RAG_CLIENTS, RAG_COMPLETENESS, RAG_FOLLOWUP };

/* Thresholds per measure, in whole percent: green at or above green_from,
 * amber at or above amber_from, red below. */
struct rag_thresholds {
	int green_from[RAG_MEASURES];
	int amber_from[RAG_MEASURES];
};

/* "green", "amber", "red". */
const char *rag_name(enum rag r);
/* "clients", "completeness", "followup"; NULL outside. */
const char *rag_measure_name(int m);

/* The rating of an achieved percentage given as hundredths (9050 = 90.50%). */
enum rag rag_rate(const struct rag_thresholds *t, enum rag_measure m, int64_t pct_x100);

/* Percentage in hundredths of num/den, rounded down; 10000 when den <= 0 (nothing was expected). */
int64_t perf_pct_x100(int64_t num, int64_t den);

/* The worse of two ratings. */
enum rag rag_worst(enum rag a, enum rag b);
#endif
