/* Application start-up around the daemon: caches read once (bank holidays),
 * the background jobs thread and the group commit writer. */
#include <stdio.h>
#include <stdlib.h>
#include "http/internal.h"
#include "jobs/jobs.h"
#include "store/calendar.h"
#include "store/gcommit.h"

struct http_settings http_settings = { 30 * 60, 12 * 3600, 0, 10, 3 };

/* A whole number from the environment within min..max, else def. */
static long env_long(const char *name, long def, long min, long max)
{
	const char *s = getenv(name);
	if (!s || !*s)
		return def;
	char *end;
	long v = strtol(s, &end, 10);
	return *end == '\0' && v >= min && v <= max ? v : def;
}

static int64_t setting_int(struct store *st, const char *key, int64_t def)
{
	int64_t v = 0;
	return store_get_int(st, STMT_SETTING_GET, &v, "s", key) == 1 && v > 0 ? v : def;
}

int http_app_start(struct store *st)
{
	http_settings.session_idle = setting_int(st, "session_idle_seconds", http_settings.session_idle);
	http_settings.session_max = setting_int(st, "session_max_seconds", http_settings.session_max);
	http_settings.behind_tls = http_cfg->behind_tls || setting_int(st, "behind_tls", 0);
	http_settings.self_referral_limit =
		env_long("WAYMARK_SELF_REFERRAL_LIMIT", http_settings.self_referral_limit, 1, 1000000);
	http_settings.self_referral_min_seconds =
		env_long("WAYMARK_SELF_REFERRAL_MIN_SECONDS", http_settings.self_referral_min_seconds, 0, 3600);
	if (calendar_app_load(st)) {
		fprintf(stderr, "waymark: cannot read the bank holidays: %s\n", store_errmsg(st));
		return -1;
	}
	if (jobs_start(st, http_cfg->db_url))
		return -1;
	if (gcommit_start(http_cfg->db_url)) {
		jobs_stop();
		return -1;
	}
	return 0;
}

void http_app_stop(void)
{
	gcommit_stop();
	jobs_stop();
	calendar_app_free();
}
