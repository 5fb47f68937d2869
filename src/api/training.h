/* The volunteer passport over JSON: the catalogue completions a volunteer's
 * answer lists under training, and PUT /api/v1/volunteers/{id}/training. */
#ifndef WAYMARK_API_TRAINING_H
#define WAYMARK_API_TRAINING_H
#include <jansson.h>
#include <stdint.h>
#include "store/store.h"

/* Appends volunteer id's catalogue completions to arr as {code, title,
 * completed_on} (and module, completed as the free-text entries have). 0, or -1. */
int api_training_append(struct store *st, int64_t id, json_t *arr);
/* Adds to compliance (a volunteer's) the required modules not completed:
 * training_complete and required_training_missing (the codes). 0, or -1. */
int api_training_compliance(struct store *st, int64_t id, json_t *compliance);
#endif
