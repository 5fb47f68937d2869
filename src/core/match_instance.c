/* Reads and writes matching instances as JSON with jansson, reporting each bad field by its path. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/datetime.h"
#include "core/match_instance.h"

/* Paths fit struct field_error's 64 bytes: the longest prefix is "volunteers[4194303]." and the longest key 24 characters. */
#define PATH_MAX_LEN 64
#define PREFIX_MAX_LEN 36
#define FORMAT_KEY "waymark_match_instance"
#define FORMAT_VERSION 1

/* One parse: where errors go and how many so far, so a bad file reports several problems at once. */
struct parse {
	struct field_errors *fe;
	int bad;
};

static int add_error(struct parse *ps, const char *path, const char *msg)
{
	fielderr_add(ps->fe, path, "%s", msg);
	ps->bad = 1;
	return -1;
}

/*
 * Fetches an integer member. Absent members take dflt when optional; JSON
 * true and false read as 1 and 0 so flags can be written either way.
 */
static int get_int(struct parse *ps, json_t *obj, const char *key, const char *prefix, int optional, int64_t dflt,
		   int64_t lo, int64_t hi, int64_t *out)
{
	char path[PATH_MAX_LEN];
	json_t *j = json_object_get(obj, key);
	int64_t v;

	snprintf(path, sizeof(path), "%s%s", prefix, key);
	if (!j) {
		if (optional) {
			*out = dflt;
			return 0;
		}
		return add_error(ps, path, "is required");
	}
	if (json_is_boolean(j))
		v = json_is_true(j);
	else if (json_is_integer(j))
		v = (int64_t)json_integer_value(j);
	else
		return add_error(ps, path, "must be a whole number");
	if (v < lo || v > hi) {
		char msg[96];

		snprintf(msg, sizeof(msg), "must be between %lld and %lld", (long long)lo, (long long)hi);
		return add_error(ps, path, msg);
	}
	*out = v;
	return 0;
}

static int get_coord(struct parse *ps, json_t *obj, const char *key, const char *prefix, double lim, double *out)
{
	char path[PATH_MAX_LEN];
	json_t *j = json_object_get(obj, key);

	snprintf(path, sizeof(path), "%s%s", prefix, key);
	if (!j)
		return add_error(ps, path, "is required");
	if (!json_is_number(j) || !(fabs(json_number_value(j)) <= lim))
		return add_error(ps, path, lim < 100 ? "must be a latitude in degrees" : "must be a longitude in degrees");
	*out = json_number_value(j);
	return 0;
}

/* Unknown members are errors: a misspelt "home_vist" must not silently mean "no home visit". */
static void reject_unknown(struct parse *ps, json_t *obj, const char *prefix, const char *const *known)
{
	const char *key;
	json_t *val;

	json_object_foreach(obj, key, val) {
		int ok = 0;

		for (const char *const *k = known; *k; k++)
			if (strcmp(*k, key) == 0)
				ok = 1;
		if (!ok) {
			char path[PATH_MAX_LEN];

			snprintf(path, sizeof(path), "%s%s", prefix, key);
			add_error(ps, path, "is not a known field");
		}
	}
}

static void parse_params(struct parse *ps, json_t *root, struct match_params *p)
{
	static const char *const known[] = {"continuity_bonus_m", "cost_floor_m", "penalty_m", NULL};
	const int64_t lim = (int64_t)1 << 32;
	json_t *jp = json_object_get(root, "params");
	json_t *pen;
	int64_t v;

	if (!jp)
		return;
	if (!json_is_object(jp)) {
		add_error(ps, "params", "must be an object");
		return;
	}
	reject_unknown(ps, jp, "params.", known);
	if (get_int(ps, jp, "continuity_bonus_m", "params.", 1, p->continuity_bonus_m, 0, lim, &v) == 0)
		p->continuity_bonus_m = v;
	if (get_int(ps, jp, "cost_floor_m", "params.", 1, p->cost_floor_m, -lim, lim, &v) == 0)
		p->cost_floor_m = v;
	pen = json_object_get(jp, "penalty_m");
	if (!pen)
		return;
	if (!json_is_array(pen) || json_array_size(pen) != MATCH_PRIORITY_MAX) {
		add_error(ps, "params.penalty_m", "must be a list of 5 whole numbers, for priorities 1 to 5");
		return;
	}
	for (size_t i = 0; i < MATCH_PRIORITY_MAX; i++) {
		json_t *e = json_array_get(pen, i);

		if (!json_is_integer(e) || json_integer_value(e) < -lim || json_integer_value(e) > lim) {
			add_error(ps, "params.penalty_m", "must be a list of 5 whole numbers, for priorities 1 to 5");
			return;
		}
		p->penalty_m[i] = (int64_t)json_integer_value(e);
	}
}

static void parse_task(struct parse *ps, json_t *jt, size_t i, struct match_task *t)
{
	static const char *const known[] = {"id", "priority", "skills", "home_visit", "lat", "lon", "window_start",
					    "window_end", "duration", "person_id", "previous_volunteer_id",
					    "declined", NULL};
	char prefix[PREFIX_MAX_LEN];
	size_t errors_before = ps->fe->n + ps->fe->dropped;
	int64_t v;
	json_t *dec;

	snprintf(prefix, sizeof(prefix), "tasks[%zu].", i);
	if (!json_is_object(jt)) {
		prefix[strlen(prefix) - 1] = '\0';
		add_error(ps, prefix, "must be an object");
		return;
	}
	reject_unknown(ps, jt, prefix, known);
	if (get_int(ps, jt, "id", prefix, 0, 0, INT64_MIN, INT64_MAX, &v) == 0)
		t->id = v;
	if (get_int(ps, jt, "priority", prefix, 0, 0, MATCH_PRIORITY_MIN, MATCH_PRIORITY_MAX, &v) == 0)
		t->priority = (int)v;
	if (get_int(ps, jt, "skills", prefix, 1, 0, 0, MATCH_SKILLS_ALL, &v) == 0)
		t->skills = (uint32_t)v;
	if (get_int(ps, jt, "home_visit", prefix, 1, 0, 0, 1, &v) == 0)
		t->home_visit = (int)v;
	get_coord(ps, jt, "lat", prefix, 90, &t->lat);
	get_coord(ps, jt, "lon", prefix, 180, &t->lon);
	if (get_int(ps, jt, "window_start", prefix, 0, 0, DT_SECONDS_MIN, DT_SECONDS_MAX, &v) == 0)
		t->window_start = v;
	if (get_int(ps, jt, "window_end", prefix, 0, 0, DT_SECONDS_MIN, DT_SECONDS_MAX, &v) == 0)
		t->window_end = v;
	if (get_int(ps, jt, "duration", prefix, 1, 0, 0, MATCH_WINDOW_MAX_SECONDS, &v) == 0)
		t->duration = v;
	if (get_int(ps, jt, "person_id", prefix, 1, 0, INT64_MIN, INT64_MAX, &v) == 0)
		t->person_id = v;
	if (get_int(ps, jt, "previous_volunteer_id", prefix, 1, 0, INT64_MIN, INT64_MAX, &v) == 0)
		t->previous_volunteer_id = v;
	dec = json_object_get(jt, "declined");
	if (dec) {
		char path[PATH_MAX_LEN];

		snprintf(path, sizeof(path), "%sdeclined", prefix);
		if (!json_is_array(dec) || json_array_size(dec) > MATCH_DECLINED_MAX) {
			add_error(ps, path, "must be a list of at most 16 volunteer ids");
		} else {
			for (size_t k = 0; k < json_array_size(dec); k++) {
				json_t *e = json_array_get(dec, k);

				if (!json_is_integer(e)) {
					add_error(ps, path, "must be a list of volunteer ids");
					break;
				}
				t->declined[t->n_declined++] = (int64_t)json_integer_value(e);
			}
		}
	}
	/* Cross-field rules only when the fields themselves were fine, so one mistake is reported once. */
	if (ps->fe->n + ps->fe->dropped == errors_before) {
		char path[PATH_MAX_LEN];

		if (t->window_end <= t->window_start || t->window_end - t->window_start > MATCH_WINDOW_MAX_SECONDS) {
			snprintf(path, sizeof(path), "%swindow_end", prefix);
			add_error(ps, path, "must be after window_start, by at most 31 days");
		} else if (t->duration > t->window_end - t->window_start) {
			snprintf(path, sizeof(path), "%sduration", prefix);
			add_error(ps, path, "must fit in the window");
		}
	}
}

static void parse_vol(struct parse *ps, json_t *jv, size_t i, struct match_volunteer *v)
{
	static const char *const known[] = {"id", "skills", "dbs_enhanced_valid_until", "lat", "lon", "radius_m",
					    "car", "availability", "capacity", "training_missing", NULL};
	char prefix[PREFIX_MAX_LEN], path[PATH_MAX_LEN];
	int64_t x;
	json_t *av;

	snprintf(prefix, sizeof(prefix), "volunteers[%zu].", i);
	if (!json_is_object(jv)) {
		prefix[strlen(prefix) - 1] = '\0';
		add_error(ps, prefix, "must be an object");
		return;
	}
	reject_unknown(ps, jv, prefix, known);
	if (get_int(ps, jv, "id", prefix, 0, 0, INT64_MIN, INT64_MAX, &x) == 0)
		v->id = x;
	if (get_int(ps, jv, "skills", prefix, 1, 0, 0, MATCH_SKILLS_ALL, &x) == 0)
		v->skills = (uint32_t)x;
	if (get_int(ps, jv, "dbs_enhanced_valid_until", prefix, 1, 0, 0, DT_SECONDS_MAX, &x) == 0)
		v->dbs_enhanced_valid_until = x;
	get_coord(ps, jv, "lat", prefix, 90, &v->lat);
	get_coord(ps, jv, "lon", prefix, 180, &v->lon);
	if (get_int(ps, jv, "radius_m", prefix, 0, 0, 0, MATCH_RADIUS_MAX_M, &x) == 0)
		v->radius_m = (int32_t)x;
	if (get_int(ps, jv, "car", prefix, 1, 0, 0, 1, &x) == 0)
		v->car = (int)x;
	if (get_int(ps, jv, "capacity", prefix, 0, 0, 0, MATCH_CAPACITY_MAX, &x) == 0)
		v->capacity = (int)x;
	if (get_int(ps, jv, "training_missing", prefix, 1, 0, 0, MATCH_TRAINING_MAX, &x) == 0)
		v->training_missing = (int)x;
	av = json_object_get(jv, "availability");
	snprintf(path, sizeof(path), "%savailability", prefix);
	if (!av)
		return;
	if (!json_is_array(av) || json_array_size(av) > MATCH_AVAIL_MAX) {
		add_error(ps, path, "must be a list of at most 28 [start, end] pairs");
		return;
	}
	for (size_t k = 0; k < json_array_size(av); k++) {
		json_t *e = json_array_get(av, k);
		json_t *a = json_array_get(e, 0), *b = json_array_get(e, 1);

		if (!json_is_array(e) || json_array_size(e) != 2 || !json_is_integer(a) || !json_is_integer(b) ||
		    json_integer_value(a) < 0 || json_integer_value(b) <= json_integer_value(a) ||
		    json_integer_value(b) > MATCH_WEEK_SECONDS) {
			add_error(ps, path,
				  "each slot must be [start, end] in seconds since Monday 00:00, with start < end <= 604800");
			return;
		}
		v->avail[v->n_avail].start = (int32_t)json_integer_value(a);
		v->avail[v->n_avail].end = (int32_t)json_integer_value(b);
		v->n_avail++;
	}
}

void match_instance_free(struct match_instance *inst)
{
	free(inst->tasks);
	free(inst->vols);
	memset(inst, 0, sizeof(*inst));
}

int match_instance_parse_json(const char *text, size_t len, struct match_instance *inst, struct field_errors *fe)
{
	static const char *const known[] = {FORMAT_KEY, "now", "params", "tasks", "volunteers", NULL};
	struct parse ps = {.fe = fe};
	json_error_t jerr;
	json_t *root = NULL, *jt, *jv;
	int64_t v;

	memset(inst, 0, sizeof(*inst));
	if (len > MATCH_INSTANCE_BYTES_MAX) {
		add_error(&ps, "", "instance is larger than 64 MiB");
		return -1;
	}
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		char msg[FIELDERR_MSG];

		snprintf(msg, sizeof(msg), "not valid JSON at line %d: %.180s", jerr.line, jerr.text);
		add_error(&ps, "", msg);
		return -1;
	}
	if (!json_is_object(root)) {
		add_error(&ps, "", "must be a JSON object");
		goto fail;
	}
	reject_unknown(&ps, root, "", known);
	if (get_int(&ps, root, FORMAT_KEY, "", 0, 0, FORMAT_VERSION, FORMAT_VERSION, &v) < 0)
		goto fail;
	if (get_int(&ps, root, "now", "", 0, 0, DT_SECONDS_MIN, DT_SECONDS_MAX, &v) == 0)
		match_params_default(&inst->params, v);
	parse_params(&ps, root, &inst->params);
	jt = json_object_get(root, "tasks");
	jv = json_object_get(root, "volunteers");
	if (!json_is_array(jt))
		add_error(&ps, "tasks", "must be a list");
	else if (json_array_size(jt) > (size_t)MCF_TASKS_MAX)
		add_error(&ps, "tasks", "too many tasks");
	if (!json_is_array(jv))
		add_error(&ps, "volunteers", "must be a list");
	else if (json_array_size(jv) > (size_t)MCF_VOLS_MAX)
		add_error(&ps, "volunteers", "too many volunteers");
	if (ps.bad)
		goto fail;
	inst->n_tasks = json_array_size(jt);
	inst->n_vols = json_array_size(jv);
	inst->tasks = calloc(inst->n_tasks + 1, sizeof(*inst->tasks));
	inst->vols = calloc(inst->n_vols + 1, sizeof(*inst->vols));
	if (!inst->tasks || !inst->vols) {
		add_error(&ps, "", "out of memory");
		goto fail;
	}
	/* Stop after a screenful of problems: the rest are probably the same mistake. */
	for (size_t i = 0; i < inst->n_tasks && ps.fe->n < FIELDERR_MAX; i++)
		parse_task(&ps, json_array_get(jt, i), i, &inst->tasks[i]);
	for (size_t i = 0; i < inst->n_vols && ps.fe->n < FIELDERR_MAX; i++)
		parse_vol(&ps, json_array_get(jv, i), i, &inst->vols[i]);
	if (ps.bad)
		goto fail;
	json_decref(root);
	return 0;
fail:
	json_decref(root);
	match_instance_free(inst);
	return -1;
}

static json_t *task_json(const struct match_task *t)
{
	json_t *o = json_pack("{s:I, s:i, s:I, s:i, s:f, s:f, s:I, s:I, s:I, s:I, s:I}", "id", (json_int_t)t->id,
			      "priority", t->priority, "skills", (json_int_t)t->skills, "home_visit", t->home_visit ? 1 : 0,
			      "lat", t->lat, "lon", t->lon, "window_start", (json_int_t)t->window_start, "window_end",
			      (json_int_t)t->window_end, "duration", (json_int_t)t->duration, "person_id",
			      (json_int_t)t->person_id, "previous_volunteer_id", (json_int_t)t->previous_volunteer_id);
	json_t *dec = json_array();

	if (!o || !dec) {
		json_decref(o);
		json_decref(dec);
		return NULL;
	}
	for (int i = 0; i < t->n_declined; i++)
		json_array_append_new(dec, json_integer((json_int_t)t->declined[i]));
	json_object_set_new(o, "declined", dec);
	return o;
}

static json_t *vol_json(const struct match_volunteer *v)
{
	json_t *o = json_pack("{s:I, s:I, s:I, s:f, s:f, s:i, s:i, s:i}", "id", (json_int_t)v->id, "skills",
			      (json_int_t)v->skills, "dbs_enhanced_valid_until", (json_int_t)v->dbs_enhanced_valid_until,
			      "lat", v->lat, "lon", v->lon, "radius_m", (int)v->radius_m, "car", v->car ? 1 : 0,
			      "capacity", v->capacity);
	json_t *av = json_array();

	if (!o || !av) {
		json_decref(o);
		json_decref(av);
		return NULL;
	}
	for (int i = 0; i < v->n_avail; i++)
		json_array_append_new(av, json_pack("[i, i]", (int)v->avail[i].start, (int)v->avail[i].end));
	json_object_set_new(o, "availability", av);
	if (v->training_missing) /* only then: instances written before it read the same */
		json_object_set_new(o, "training_missing", json_integer(v->training_missing));
	return o;
}

/* Growable output for the writer; each piece is text jansson produced. */
struct out {
	char *s;
	size_t len, cap;
	int failed;
};

static void out_add(struct out *o, const char *piece)
{
	size_t n;

	if (o->failed)
		return;
	if (!piece) {
		o->failed = 1;
		return;
	}
	n = strlen(piece);
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 4096;
		char *s;

		while (cap < o->len + n + 1)
			cap *= 2;
		s = realloc(o->s, cap);
		if (!s) {
			o->failed = 1;
			return;
		}
		o->s = s;
		o->cap = cap;
	}
	memcpy(o->s + o->len, piece, n + 1);
	o->len += n;
}

/* Fifteen significant digits give back the very double a decimal of up to fifteen digits was read as. */
static void out_add_json(struct out *o, json_t *j)
{
	char *s = j ? json_dumps(j, JSON_REAL_PRECISION(15)) : NULL;

	out_add(o, s);
	free(s);
	json_decref(j);
}

char *match_instance_to_json(const struct match_instance *inst)
{
	struct out o = {0};
	const struct match_params *p = &inst->params;
	json_t *head = json_pack("{s:i, s:I, s:{s:I, s:I, s:[I, I, I, I, I]}}", FORMAT_KEY, FORMAT_VERSION, "now",
				 (json_int_t)p->now, "params", "continuity_bonus_m", (json_int_t)p->continuity_bonus_m,
				 "cost_floor_m", (json_int_t)p->cost_floor_m, "penalty_m", (json_int_t)p->penalty_m[0],
				 (json_int_t)p->penalty_m[1], (json_int_t)p->penalty_m[2], (json_int_t)p->penalty_m[3],
				 (json_int_t)p->penalty_m[4]);
	char *hs = head ? json_dumps(head, JSON_REAL_PRECISION(15)) : NULL;

	json_decref(head);
	/* The header object loses its closing brace so the two lists can follow inside it. */
	if (hs && strlen(hs) > 0)
		hs[strlen(hs) - 1] = '\0';
	out_add(&o, hs);
	free(hs);
	out_add(&o, ",\n\"tasks\": [\n");
	for (size_t i = 0; i < inst->n_tasks; i++) {
		if (i)
			out_add(&o, ",\n");
		out_add_json(&o, task_json(&inst->tasks[i]));
	}
	out_add(&o, "\n],\n\"volunteers\": [\n");
	for (size_t i = 0; i < inst->n_vols; i++) {
		if (i)
			out_add(&o, ",\n");
		out_add_json(&o, vol_json(&inst->vols[i]));
	}
	out_add(&o, "\n]}\n");
	if (o.failed) {
		free(o.s);
		return NULL;
	}
	return o.s;
}
