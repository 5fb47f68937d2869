/* The volunteer passport in the database: the module catalogue (loaded at
 * init from data/training_modules.csv) and each volunteer's completions. */
#ifndef WAYMARK_STORE_TRAINING_H
#define WAYMARK_STORE_TRAINING_H
#include <stddef.h>
#include <stdint.h>
#include "core/training.h"
#include "store/store.h"

#define TRAINING_MODULES_MAX 64

struct training_module {
	char code[TRAINING_CODE_MAX], title[120];
	int required;
	char completed_on[11]; /* "" when not done (training_done_load) */
};

struct training_catalogue {
	struct training_module m[TRAINING_MODULES_MAX];
	const char *codes[TRAINING_MODULES_MAX];
	size_t n;
};

/* The catalogue in order. 0, or -1. */
int training_catalogue_load(struct store *st, struct training_catalogue *out);
/* The modules volunteer id has completed, in catalogue order (completed_on set). 0, or -1. */
int training_done_load(struct store *st, int64_t volunteer_id, struct training_catalogue *out);
/* The catalogue's required modules volunteer id has not completed, in
 * catalogue order (core/training's rule): a volunteer with any is not
 * compliant and is offered no task. 0, or -1. */
int training_missing_load(struct store *st, int64_t volunteer_id, struct training_catalogue *out);
/* Records (or replaces) volunteer id's completion of a module. 0, or -1. */
int training_done_put(struct store *st, int64_t volunteer_id, const char *code, int64_t day, int64_t by_user_id,
		      int64_t now);
#endif
