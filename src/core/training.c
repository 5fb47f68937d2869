/* The rules of recording a volunteer's training completions against the module catalogue. */
#include <stdio.h>
#include <string.h>
#include "core/datehuman.h"
#include "core/training.h"
#include "util/text.h"

#define TRAINING_EARLIEST_DAY 7305 /* 1990-01-01 */

int training_validate(struct training_item *items, size_t n, const char *const *codes, size_t ncodes, int64_t today,
		      struct field_errors *fe)
{
	size_t before = fe->n;
	if (n == 0 || n > TRAINING_ITEMS_MAX)
		fielderr_add(fe, "modules", "Choose between 1 and %d training modules", TRAINING_ITEMS_MAX);
	for (size_t i = 0; i < n && i < TRAINING_ITEMS_MAX; i++) {
		char kc[40], kd[48];
		snprintf(kc, sizeof kc, "modules[%zu].code", i);
		snprintf(kd, sizeof kd, "modules[%zu].completed_on", i);
		const char *code = items[i].code;
		size_t k = 0;
		while (code && k < ncodes && strcmp(codes[k], code) != 0)
			k++;
		if (text_blank(code))
			fielderr_add(fe, kc, "Choose the training module");
		else if (k == ncodes)
			fielderr_add(fe, kc, "%.40s is not a training module of the catalogue", code);
		else
			for (size_t j = 0; j < i; j++)
				if (items[j].code && strcmp(items[j].code, code) == 0) {
					fielderr_add(fe, kc, "%.40s is given twice", code);
					break;
				}
		if (!items[i].completed_on || dh_parse_date(items[i].completed_on, &items[i].day))
			fielderr_add(fe, kd, "Enter the date the module was completed, for example 2 11 2026");
		else if (items[i].day > today)
			fielderr_add(fe, kd, "The completion date cannot be in the future");
		else if (items[i].day < TRAINING_EARLIEST_DAY)
			fielderr_add(fe, kd, "The completion date must be in 1990 or later");
	}
	return (int)(fe->n - before);
}

size_t training_required_missing(const char *const *codes, const int *required, size_t n, const char *const *done,
				 size_t ndone, size_t *missing)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!required[i])
			continue;
		size_t j = 0;
		while (j < ndone && strcmp(done[j], codes[i]) != 0)
			j++;
		if (j == ndone) {
			if (missing)
				missing[k] = i;
			k++;
		}
	}
	return k;
}
