/* Hours milestones: the list from its CSV, and where a volunteer's minutes stand (core/milestone.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/milestone.h"

int milestones_parse(const char *text, size_t len, struct milestones *out)
{
	memset(out, 0, sizeof *out);
	const char *p = text, *end = text + len;
	int line = 0, last = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char buf[160];
		if (n >= sizeof buf)
			return -1;
		memcpy(buf, p, n);
		buf[n] = '\0';
		if (n && buf[n - 1] == '\r')
			buf[n - 1] = '\0';
		p += n + (nl ? 1 : 0);
		if (line++ == 0) {
			if (strcmp(buf, "hours,title") != 0)
				return -1;
			continue;
		}
		if (!buf[0])
			continue;
		char *comma = strchr(buf, ','), *e;
		if (!comma || out->n == MILESTONES_MAX)
			return -1;
		*comma = '\0';
		long h = strtol(buf, &e, 10);
		if (*e || e == buf || h < 1 || h > 100000 || h <= last || !comma[1])
			return -1;
		out->m[out->n].hours = (int)h;
		snprintf(out->m[out->n].title, sizeof out->m[out->n].title, "%s", comma + 1);
		out->n++;
		last = (int)h;
	}
	return out->n ? 0 : -1;
}

const struct milestone *milestone_reached(const struct milestones *ms, int64_t minutes, const struct milestone **next)
{
	const struct milestone *got = NULL;
	*next = NULL;
	for (size_t i = 0; i < ms->n; i++) {
		if (minutes >= (int64_t)ms->m[i].hours * 60) {
			got = &ms->m[i];
		} else {
			*next = &ms->m[i];
			break;
		}
	}
	return got;
}
