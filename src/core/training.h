/* The volunteer passport's training completions as a coordinator records
 * them: each a module code of the catalogue and the date it was completed. */
#ifndef WAYMARK_CORE_TRAINING_H
#define WAYMARK_CORE_TRAINING_H
#include <stddef.h>
#include <stdint.h>
#include "core/fielderr.h"

#define TRAINING_ITEMS_MAX 32
#define TRAINING_CODE_MAX 40

struct training_item {
	const char *code, *completed_on; /* as given */
	int64_t day;                     /* filled when valid */
};

/*
 * Checks items[0..n) under the API's keys modules[i].code (given, one of
 * codes[0..ncodes), not repeated) and modules[i].completed_on (a date as
 * core/datehuman reads it, "2026-11-02" or "2 Nov 2026"; not after today,
 * not before 1990-01-01); n from 1 to TRAINING_ITEMS_MAX
 * (fe "modules"). Fills each item's day. Returns the number of problems added.
 */
int training_validate(struct training_item *items, size_t n, const char *const *codes, size_t ncodes, int64_t today,
		      struct field_errors *fe);
/*
 * The catalogue's required modules (codes[i] where required[i]) that are not
 * among done[0..ndone): their indexes into codes go to missing (room for n;
 * may be NULL). Returns how many. A volunteer with any missing is not
 * compliant: matching offers them no task (core/match.c).
 */
size_t training_required_missing(const char *const *codes, const int *required, size_t n, const char *const *done,
				 size_t ndone, size_t *missing);
#endif
