/* Discharge support's states and labels (pure: no I/O). */
#include <string.h>
#include "core/discharge.h"
#include "core/londontime.h"

const char *discharge_state_code(const char *task_status, int requested)
{
	if (task_status && *task_status) {
		if (!strcmp(task_status, "open"))
			return "needed";
		if (!strcmp(task_status, "accepted"))
			return "taken";
		return task_status; /* offered, done, missed, cancelled */
	}
	return requested ? "requested" : "not_needed";
}

static const char *label_of(const char *const (*map)[2], size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(map[i][0], code))
			return map[i][1];
	return code;
}

const char *discharge_state_label(const char *code)
{
	static const char *const map[][2] = {
		{ "not_needed", "Not needed" },
		{ "requested", "Asked for: waiting for triage and a complex support worker" },
		{ "needed", "Needed: nobody has taken it yet" },
		{ "offered", "Offered to a volunteer" },
		{ "taken", "Taken" },
		{ "done", "Done" },
		{ "missed", "Missed" },
		{ "cancelled", "Cancelled" },
	};
	return label_of(map, sizeof map / sizeof map[0], code);
}

const char *discharge_status_label(const char *status)
{
	static const char *const map[][2] = {
		{ "received", "Awaiting triage" }, { "triaged", "Triaged" },	 { "allocated", "Allocated" },
		{ "in_progress", "In progress" },  { "closed", "Closed" },	 { "rejected", "Not accepted" },
		{ "withdrawn", "Withdrawn" },
	};
	return label_of(map, sizeof map / sizeof map[0], status);
}

int64_t discharge_days_to(int64_t expected_day, int64_t now)
{
	return expected_day == DISCHARGE_NO_DAY ? INT64_MIN : expected_day - london_local_days(now);
}
