/* Application start-up around the daemon: caches read once (bank holidays)
 * and the background jobs thread. */
#include "http/internal.h"

int http_app_start(struct store *st)
{
	(void)st;
	return 0;
}

void http_app_stop(void)
{
}
