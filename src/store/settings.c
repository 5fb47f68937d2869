/* The settings in the database: a value or its default, the value in force at a time, and a change. */
#include <stdio.h>
#include <string.h>
#include "store/settings.h"

static int text_row(void *ctx, const struct store_row *r)
{
	snprintf(ctx, SETTING_VALUE_MAX, "%s", store_row_text(r, 0));
	return 1;
}

int settings_get(struct store *st, const char *key, char out[SETTING_VALUE_MAX])
{
	const struct setting_def *d = setting_find(key);
	snprintf(out, SETTING_VALUE_MAX, "%s", d ? d->def : "");
	return store_exec(st, STMT_SETTING_GET, text_row, out, "s", key) < 0 ? -1 : 0;
}

long settings_get_int(struct store *st, const char *key)
{
	const struct setting_def *d = setting_find(key);
	char v[SETTING_VALUE_MAX];
	if (!d)
		return 0;
	if (settings_get(st, key, v))
		return setting_int_value(d, d->def);
	return setting_int_value(d, v);
}

int settings_put(struct store *st, const char *key, const char *value, int64_t user_id, int64_t now)
{
	if (store_exec(st, STMT_SETTING_PUT, NULL, NULL, "ss", key, value) < 0)
		return -1;
	return store_exec(st, STMT_SETTING_CHANGE_INSERT, NULL, NULL, "ssiI", key, value, now,
			  user_id ? user_id : INT64_MIN) < 0 ? -1 : 0;
}
