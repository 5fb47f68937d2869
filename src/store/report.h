/* The reports' reads: fact rows of each kind for a period over raw rows, the reference maps and labels, the
 * population by area and the suppression threshold setting. */
#ifndef WAYMARK_STORE_REPORT_H
#define WAYMARK_STORE_REPORT_H
#include "core/report.h"
#include "store/store.h"

typedef int (*report_fact_fn)(void *ctx, const struct report_fact *f);

/* Every fact of a kind that may count for period p (those of the period and, for snapshots, before it);
 * fn returns non-zero to stop. 0 or -1. */
int report_store_facts(struct store *st, enum report_fact_kind kind, const struct report_period *p, report_fact_fn fn,
		       void *ctx);
/* Facts of a kind read by statement id bound to no (nparams 0), one (1) or two int64 parameters. 0 or -1. */
int report_store_facts_by(struct store *st, enum report_fact_kind kind, enum stmt id, int nparams, int64_t a, int64_t b,
			  report_fact_fn fn, void *ctx);
/* Fills ref with the practice, area and district maps and the labels. 0 or -1. */
int report_store_ref(struct store *st, struct report_ref *ref);
/* Whether code is an HWP area (0) or a Place Board (1), with its name into name (may be NULL); -2 when it is
 * neither, -1 on a store error. */
int report_area_name(struct store *st, const char *code, char *name, size_t namelen);
#define report_area_kind(st, code) report_area_name((st), (code), NULL, 0)
/* Every HWP area (kind 0) and Place Board (kind 1) by name: fn(ctx, kind, code, name). 0 or -1. */
int report_store_areas(struct store *st, void (*fn)(void *ctx, int kind, const char *code, const char *name), void *ctx);
/* The threshold setting (SUPPRESS_THRESHOLD_DEFAULT when unset or unreadable as 1..99). */
int report_store_threshold(struct store *st);
/* Latest population estimate of each area: fn(ctx, area, population). 0 or -1. */
int report_store_population(struct store *st, void (*fn)(void *ctx, const char *area, int64_t population), void *ctx);
#endif
