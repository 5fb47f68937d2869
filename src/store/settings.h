/* The settings (core/settings.def) in the database: a value or its default, and a change with its
 * history row (setting_changes: who set what when). */
#ifndef WAYMARK_STORE_SETTINGS_H
#define WAYMARK_STORE_SETTINGS_H
#include <stdint.h>
#include "core/settings.h"
#include "store/store.h"

/* The stored value of key (a settings.def key), or its default: 0, or -1 on a store error. */
int settings_get(struct store *st, const char *key, char out[SETTING_VALUE_MAX]);
/* The value read as a number (booleans 1/0), or the default when absent or unreadable (also on error). */
long settings_get_int(struct store *st, const char *key);
/* Stores value (already checked) and its history row; inside the caller's transaction. 0 / -1. */
int settings_put(struct store *st, const char *key, const char *value, int64_t user_id, int64_t now);
#endif
