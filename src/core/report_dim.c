/* The reports' names and dimensions: looking them up, and the row key and label of a fact for a dimension
 * (areas, boards, practices, age bands, NHS Data Dictionary ethnic groups, months and financial quarters). */
#include <stdio.h>
#include <string.h>
#include "core/datetime.h"
#include "core/londontime.h"
#include "core/report.h"

const char *const report_names[REPORT__N] = {
	"activity", "followup", "casework", "onward", "unmet-needs", "outcomes", "discharge", "volunteers", "workforce", "hours",
};

const struct report_dim report_dims[] = {
#define DIM(key, label, kinds, detail, source) { #key, label, kinds, detail, source },
#include "core/report_dims.def"
#undef DIM
};
const size_t report_dim_count = sizeof report_dims / sizeof report_dims[0];

int report_by_name(const char *code)
{
	for (int i = 0; code && i < REPORT__N; i++)
		if (strcmp(code, report_names[i]) == 0)
			return i;
	return -1;
}

int report_dim_by_name(const char *key)
{
	if (!key || !*key)
		return -2;
	for (size_t i = 0; i < report_dim_count; i++)
		if (strcmp(key, report_dims[i].key) == 0)
			return (int)i;
	return -1;
}

size_t report_measures_of(enum report_id r, size_t *idx, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < report_measure_count && n < max; i++)
		if (report_measures[i].report == r)
			idx[n++] = i;
	return n;
}

unsigned report_kinds_of(enum report_id r)
{
	unsigned k = 0;
	for (size_t i = 0; i < report_measure_count; i++)
		if (report_measures[i].report == r)
			k |= 1u << report_measures[i].kind;
	return k;
}

int report_dim_fits(enum report_id r, int d)
{
	if (d == -2)
		return 1;
	if (d < 0 || (size_t)d >= report_dim_count)
		return 0;
	return (report_dims[d].kinds & report_kinds_of(r)) != 0;
}

static void put(char key[REPORT_KEY_MAX], const char *s)
{
	snprintf(key, REPORT_KEY_MAX, "%s", s && *s ? s : "unknown");
}

static const char *age_band(int64_t dob, int64_t day)
{
	static const struct {
		int upto;
		const char *key;
	} bands[] = { { 17, "0_17" },	{ 24, "18_24" }, { 34, "25_34" }, { 44, "35_44" }, { 54, "45_54" },
		      { 64, "55_64" }, { 74, "65_74" }, { 84, "75_84" }, { 999, "85_plus" } };
	if (dob == REPORT_NONE)
		return "unknown";
	int age = dt_age_years(dob, day);
	for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++)
		if (age <= bands[i].upto)
			return bands[i].key;
	return "unknown";
}

/* NHS Data Dictionary ethnic category codes grouped: A-C White, D-G Mixed, H-L Asian, M-P Black, R-S Other, Z. */
static const char *ethnic_group(const char *code)
{
	if (!code || !*code || code[1])
		return "not_stated";
	char c = code[0];
	if (c >= 'A' && c <= 'C')
		return "white";
	if (c >= 'D' && c <= 'G')
		return "mixed";
	if (c >= 'H' && c <= 'L')
		return "asian";
	if (c >= 'M' && c <= 'P')
		return "black";
	if (c == 'R' || c == 'S')
		return "other";
	return "not_stated";
}

static const char *area_of(const struct report_fact *f)
{
	return f->area && *f->area ? f->area : NULL;
}

void report_dim_key(int d, const struct report_fact *f, int64_t at, const struct report_ref *ref,
		    char key[REPORT_KEY_MAX])
{
	if (d < 0) {
		put(key, "all");
		return;
	}
	const char *k = report_dims[d].key;
	if (!(report_dims[d].kinds & (1u << f->kind))) {
		put(key, "not_applicable");
		return;
	}
	int64_t day = london_local_days(at);
	int y, m, dd;
	dt_civil_from_days(day, &y, &m, &dd);
	int fy = m >= 4 ? y : y - 1;
	if (strcmp(k, "hwp_area") == 0)
		put(key, area_of(f));
	else if (strcmp(k, "place_board") == 0)
		put(key, area_of(f) ? report_ref_get(ref, "place_board", f->area) : NULL);
	else if (strcmp(k, "pcn") == 0)
		put(key, report_ref_get(ref, "pcn", f->practice));
	else if (strcmp(k, "gp_cluster") == 0)
		put(key, report_ref_get(ref, "cluster", f->practice));
	else if (strcmp(k, "practice") == 0)
		put(key, f->practice);
	else if (strcmp(k, "provider_org") == 0) {
		if (f->org_id > 0)
			snprintf(key, REPORT_KEY_MAX, "%lld", (long long)f->org_id);
		else
			put(key, "not_allocated");
	} else if (strcmp(k, "hospital") == 0)
		put(key, f->hospital && *f->hospital ? f->hospital : "none");
	else if (strcmp(k, "rurality") == 0)
		put(key, report_ref_get(ref, "rurality", f->outcode));
	else if (strcmp(k, "waveney") == 0)
		put(key, !area_of(f) ? NULL : strcmp(f->area, "waveney") == 0 ? "waveney" : "rest_of_norfolk");
	else if (strcmp(k, "age_band") == 0)
		put(key, age_band(f->dob, day));
	else if (strcmp(k, "gender") == 0)
		put(key, f->gender);
	else if (strcmp(k, "ethnicity") == 0)
		put(key, ethnic_group(f->ethnicity));
	else if (strcmp(k, "disability") == 0)
		put(key, f->disability);
	else if (strcmp(k, "month") == 0)
		snprintf(key, REPORT_KEY_MAX, "%04d-%02d", y, m);
	else if (strcmp(k, "quarter") == 0)
		snprintf(key, REPORT_KEY_MAX, "%04d-%02d-Q%d", fy, (fy + 1) % 100, ((m + 8) % 12) / 3 + 1);
	else if (strcmp(k, "financial_year") == 0)
		snprintf(key, REPORT_KEY_MAX, "%04d-%02d", fy, (fy + 1) % 100);
	else if (strcmp(k, "source") == 0)
		put(key, f->source);
	else if (strcmp(k, "channel") == 0)
		put(key, f->channel);
	else if (strcmp(k, "tier") == 0)
		put(key, f->tier && *f->tier ? f->tier : "not_triaged");
	else if (strcmp(k, "triage_outcome") == 0 || strcmp(k, "closure_reason") == 0 ||
		 strcmp(k, "session_mode") == 0 || strcmp(k, "service_category") == 0 || strcmp(k, "instrument") == 0)
		put(key, f->d1 && *f->d1 ? f->d1 : "none");
	else if (strcmp(k, "rejection_reason") == 0 || strcmp(k, "ward") == 0)
		put(key, f->d2 && *f->d2 ? f->d2 : "none");
	else if (strcmp(k, "service") == 0)
		put(key, f->d3);
	else
		put(key, NULL);
}

void report_dim_label(int d, const char *key, const struct report_ref *ref, char label[REPORT_LABEL_MAX])
{
	static const struct {
		const char *key, *label;
	} fixed[] = {
		{ "all", "All" },
		{ "unknown", "Not known" },
		{ "not_applicable", "Not applicable" },
		{ "not_allocated", "Not allocated" },
		{ "none", "None" },
		{ "not_triaged", "Not triaged" },
		{ "waveney", "Waveney" },
		{ "rest_of_norfolk", "Rest of Norfolk" },
		{ "white", "White" },
		{ "mixed", "Mixed or multiple ethnic groups" },
		{ "asian", "Asian or Asian British" },
		{ "black", "Black or Black British" },
		{ "other", "Other ethnic groups" },
		{ "not_stated", "Not stated" },
		{ "85_plus", "85 and over" },
		{ "urban_city_town", "Urban: city and town" },
		{ "rural_town_fringe", "Rural: town and fringe" },
		{ "rural_village_dispersed", "Rural: village and dispersed" },
	};
	label[0] = '\0';
	if (d >= 0) {
		char map[80];
		snprintf(map, sizeof map, "label:%s", report_dims[d].key);
		const char *l = report_ref_get(ref, map, key);
		if (l) {
			snprintf(label, REPORT_LABEL_MAX, "%s", l);
			return;
		}
		int y, m;
		char extra;
		static const char *const months[12] = { "January", "February", "March",	    "April",   "May",	   "June",
							"July",	   "August",   "September", "October", "November", "December" };
		if (strcmp(report_dims[d].key, "month") == 0 && sscanf(key, "%d-%d%c", &y, &m, &extra) == 2 && m >= 1 &&
		    m <= 12) {
			snprintf(label, REPORT_LABEL_MAX, "%s %d", months[m - 1], y);
			return;
		}
		if (strcmp(report_dims[d].key, "age_band") == 0 && strchr(key, '_') && key[0] >= '0' && key[0] <= '9' &&
		    strcmp(key, "85_plus") != 0) {
			int a = 0, b = 0;
			if (sscanf(key, "%d_%d", &a, &b) == 2) {
				snprintf(label, REPORT_LABEL_MAX, "%d to %d", a, b);
				return;
			}
		}
	}
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		if (strcmp(key, fixed[i].key) == 0) {
			snprintf(label, REPORT_LABEL_MAX, "%s", fixed[i].label);
			return;
		}
	snprintf(label, REPORT_LABEL_MAX, "%s", key);
}
