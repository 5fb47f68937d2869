/* The board pack of one HWP area or Place Board for a period (a quarter): each report by month for the area, the
 * same totals for the previous period and for the whole county, and the workbooks (XLSX) of a pack and of a
 * single report's view, written with libxlsxwriter. */
#ifndef WAYMARK_OPS_REPORT_PACK_H
#define WAYMARK_OPS_REPORT_PACK_H
#include "ops/reports.h"

#define REPORT_PACK_SECTIONS 9

struct report_pack {
	char area[REPORT_KEY_MAX], area_name[REPORT_LABEL_MAX];
	int64_t from_day, to_day, prev_from_day, prev_to_day;
	size_t n;
	enum report_id section[REPORT_PACK_SECTIONS];
	struct ops_report by_month[REPORT_PACK_SECTIONS]; /* the area, by month */
	struct ops_report prev[REPORT_PACK_SECTIONS];     /* the area, the period before of the same length */
	struct ops_report county[REPORT_PACK_SECTIONS];   /* every area, the period */
};

/* Reads the pack for area (an HWP area or Place Board code) and from..to (YYYY-MM-DD; the first must not be
 * after the last, at most 366 days). Field errors name "area", "from", "to". Free with ops_report_pack_free. */
enum ops_result ops_report_pack(const struct ops_ctx *c, const char *area, const char *from, const char *to,
				struct report_pack *out, struct field_errors *fe);
void ops_report_pack_free(struct report_pack *p);

/* The title of a report ("Activity", ...). */
const char *report_title(enum report_id r);

/* Writes the pack as a workbook at path: a contents sheet, one sheet per section, a definitions sheet. 0 or -1. */
int report_pack_xlsx(const struct report_pack *p, const char *path);
/* Writes one report's view (its table, the 13-month trend when given, definitions) at path. 0 or -1. */
int report_view_xlsx(const struct ops_report *o, const struct ops_report *trend, const char *path);
#endif
