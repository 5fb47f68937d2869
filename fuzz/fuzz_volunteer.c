/* Fuzzes a volunteer's record as typed (core/volunteer.h): the input's lines
 * are the fields in order (model/volunteer.def's, then the lists). An accepted record is within every limit
 * (slots sorted, in the day, not overlapping, at most 4 a day; days off
 * sorted and distinct; postcode normalised), each day's slots format back to
 * text that parses to the same slots, dates format back and re-parse; a
 * refused one names only known fields; a second run agrees. Also the hours a
 * volunteer logs and formula-safe CSV cells (core/recruit.h). */
#include "core/volunteer_task.h"
#include "core/datetime.h"
#include "core/recruit.h"
#include "core/volunteer.h"
#include "fuzz.h"

static const char *const known_prefix[] = { "name", "email", "phone", "postcode", "travel_radius_km", "car",
					    "max_tasks_per_week", "consent_to_share", "status", "skills",
					    "availability.", "days_off", "dbs.", "training", "account_email", "notes",
					    NULL };

static int known_field(const char *f)
{
	for (const char *const *k = known_prefix; *k; k++)
		if (strncmp(f, *k, strlen(*k)) == 0)
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_cstr(data, size);
	if (!in)
		return 0;
	/* Up to 40 lines: the scalar fields, the seven days, days off, skills, training pairs. */
	const char *line[40] = { 0 };
	int n = 0;
	for (char *p = in; n < 40;) {
		line[n++] = p;
		char *nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	struct volunteer_input vi;
	memset(&vi, 0, sizeof vi);
	int k = 0;
	for (int f = 0; f < VF__MAX; f++, k++)
		vi.f[f] = line[k];
	for (int d = 0; d < 7; d++, k++)
		vi.availability[d] = line[k];
	vi.days_off = line[k++];
	char skills[256] = "";
	if (line[k])
		snprintf(skills, sizeof skills, "%s", line[k]);
	k++;
	char *save = NULL;
	for (char *s = strtok_r(skills, " ", &save); s && vi.n_skills <= VOLUNTEER_SKILLS_MAX; s = strtok_r(NULL, " ", &save))
		vi.skills[vi.n_skills++] = s;
	for (; k + 1 < 40 && vi.n_training <= VOLUNTEER_TRAINING_MAX; k += 2) {
		vi.training[vi.n_training].module = line[k];
		vi.training[vi.n_training].completed = line[k + 1];
		vi.n_training++;
	}

	int64_t today = dt_days_from_civil(2026, 11, 22);
	struct volunteer_rec *r = malloc(sizeof *r), *r2 = malloc(sizeof *r2);
	struct field_errors *fe = malloc(sizeof *fe), *fe2 = malloc(sizeof *fe2);
	if (!r || !r2 || !fe || !fe2)
		goto done;
	fielderr_init(fe);
	fielderr_init(fe2);
	int rc = volunteer_validate(&vi, today, r, fe);
	int rc2 = volunteer_validate(&vi, today, r2, fe2);
	FUZZ_CHECK(rc == rc2 && fe->n == fe2->n);
	FUZZ_CHECK((rc == 0) == (fe->n == 0 && fe->dropped == 0));
	for (size_t i = 0; i < fe->n; i++) {
		FUZZ_CHECK(known_field(fe->e[i].field));
		FUZZ_CHECK(strcmp(fe->e[i].field, fe2->e[i].field) == 0 && strcmp(fe->e[i].message, fe2->e[i].message) == 0);
	}
	if (rc == 0) {
		FUZZ_CHECK(r->name[0] && r->postcode[0]);
		char again[POSTCODE_LEN];
		FUZZ_CHECK(postcode_normalise(r->postcode, again) == 0 && strcmp(again, r->postcode) == 0);
		FUZZ_CHECK(r->travel_radius_m >= VOLUNTEER_RADIUS_MIN_M && r->travel_radius_m <= VOLUNTEER_RADIUS_MAX_M);
		FUZZ_CHECK(r->max_tasks_per_week >= 0 && r->max_tasks_per_week <= VOLUNTEER_TASKS_WEEK_MAX);
		FUZZ_CHECK((r->skills & ~MATCH_SKILLS_ALL) == 0);
		FUZZ_CHECK(r->n_slots >= 0 && r->n_slots <= VOLUNTEER_SLOTS_MAX);
		int per_day[7] = { 0 };
		for (int i = 0; i < r->n_slots; i++) {
			const struct volunteer_slot *s = &r->slots[i];
			FUZZ_CHECK(s->weekday >= 0 && s->weekday < 7);
			FUZZ_CHECK(s->start_minute >= 0 && s->start_minute < s->end_minute && s->end_minute <= 1440);
			FUZZ_CHECK(++per_day[s->weekday] <= VOLUNTEER_SLOTS_PER_DAY);
			if (i > 0 && r->slots[i - 1].weekday == s->weekday)
				FUZZ_CHECK(r->slots[i - 1].end_minute <= s->start_minute);
			if (i > 0)
				FUZZ_CHECK(r->slots[i - 1].weekday <= s->weekday);
		}
		for (int d = 0; d < 7; d++) {
			char text[VOLUNTEER_DAY_TEXT_MAX], msg[256];
			struct volunteer_slot back[VOLUNTEER_SLOTS_PER_DAY];
			volunteer_format_day(r, d, text);
			int m = volunteer_parse_day(text, d, back, msg, sizeof msg);
			FUZZ_CHECK(m == per_day[d]);
			int j = 0;
			for (int i = 0; i < r->n_slots; i++)
				if (r->slots[i].weekday == d) {
					FUZZ_CHECK(back[j].start_minute == r->slots[i].start_minute &&
						   back[j].end_minute == r->slots[i].end_minute);
					j++;
				}
		}
		for (int i = 1; i < r->n_days_off; i++)
			FUZZ_CHECK(r->days_off[i - 1] < r->days_off[i]);
		for (int i = 0; i < r->n_training; i++)
			FUZZ_CHECK(r->training[i].module[0] && r->training[i].completed_day <= today);
		if (r->dbs.level != DBS_NONE) {
			const char *field;
			FUZZ_CHECK(compliance_dbs_problem(&r->dbs, today, &field) == NULL);
		}
		struct match_interval iv[VOLUNTEER_SLOTS_MAX];
		int na = volunteer_match_avail(r, iv);
		FUZZ_CHECK(na == r->n_slots);
		int64_t off[VOLUNTEER_DAYS_OFF_MAX];
		int no = volunteer_match_days_off(r, today, today + 7, off, VOLUNTEER_DAYS_OFF_MAX);
		FUZZ_CHECK(no >= 0 && no <= r->n_days_off);
		for (int i = 0; i < no; i++)
			FUZZ_CHECK(off[i] >= today && off[i] <= today + 7);
		for (int i = 0; i < na; i++)
			FUZZ_CHECK(iv[i].start >= 0 && iv[i].start < iv[i].end && iv[i].end <= MATCH_WEEK_SECONDS);
	}

	/* A date that parses formats back to text that parses to the same day. */
	int64_t day, day2;
	if (line[0] && volunteer_parse_date(line[0], &day) == 0) {
		char iso[DT_DATE_LEN];
		dt_format_date(day, iso);
		FUZZ_CHECK(volunteer_parse_date(iso, &day2) == 0 && day2 == day);
	}
	/* Hours logged are 0 to 24 hours. */
	int minutes = -1;
	if (line[1] && volunteer_parse_hours(line[1], &minutes) == 0)
		FUZZ_CHECK(minutes >= 0 && minutes <= 1440);
	/* A CSV cell never starts a formula, and reads back to the text with at most a guard added. */
	char cell[512];
	if (line[2] && recruit_csv_cell(line[2], cell, sizeof cell) >= 0) {
		const char *c = cell[0] == '"' ? cell + 1 : cell;
		FUZZ_CHECK(!(c[0] == '=' || c[0] == '+' || c[0] == '-' || c[0] == '@' || c[0] == '\t' || c[0] == '\r'));
		FUZZ_CHECK(strlen(cell) >= strlen(line[2]));
	}
done:
	free(r);
	free(r2);
	free(fe);
	free(fe2);
	free(in);
	return 0;
}
