/* A matching instance (parameters, tasks, volunteers) as JSON, for `waymark match --instance`, tests and the benchmark. */
#ifndef WAYMARK_CORE_MATCH_INSTANCE_H
#define WAYMARK_CORE_MATCH_INSTANCE_H

#include <stddef.h>

#include "core/fielderr.h"
#include "core/match.h"

/* Bigger texts are refused before parsing: a 10,000 x 5,000 instance is about 4 MB. */
#define MATCH_INSTANCE_BYTES_MAX ((size_t)64 << 20)

struct match_instance {
	struct match_params params;
	struct match_task *tasks;
	size_t n_tasks;
	struct match_volunteer *vols;
	size_t n_vols;
};

/*
 * Parses the format in docs/MATCHING.md ("Instance file"). On success returns
 * 0 and fills *inst with new arrays, released with match_instance_free(). On
 * failure returns -1, leaves *inst empty and adds {field, message} problems
 * to fe (paths like "tasks[3].priority"), several when there are several.
 */
int match_instance_parse_json(const char *text, size_t len, struct match_instance *inst, struct field_errors *fe);

/* Releases what match_instance_parse_json() filled; safe on a zeroed struct. */
void match_instance_free(struct match_instance *inst);

/*
 * Writes inst in the same format, one task or volunteer per line. Returns a
 * new NUL-terminated string the caller free()s, or NULL when out of memory.
 */
char *match_instance_to_json(const struct match_instance *inst);

#endif
