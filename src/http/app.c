/* Application start-up around the daemon: caches read once (bank holidays)
 * and the background jobs thread. */
#include <stdio.h>
#include "http/internal.h"
#include "store/calendar.h"

int http_app_start(struct store *st)
{
	if (calendar_app_load(st)) {
		fprintf(stderr, "waymark: cannot read the bank holidays: %s\n", store_errmsg(st));
		return -1;
	}
	return 0;
}

void http_app_stop(void)
{
	calendar_app_free();
}
