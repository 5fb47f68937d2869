/* The settings' one write: check every value against core/settings.def, store the changed ones with their
 * history, one audit event per change with its old and new value. */
#ifndef WAYMARK_OPS_SETTINGS_H
#define WAYMARK_OPS_SETTINGS_H
#include <stddef.h>
#include "ops/ops.h"

struct ops_setting_change {
	const char *key;
	const char *value; /* as given (NULL: missing) */
};

/* All or nothing: an unknown key or a bad value is OPS_INVALID with the problem under the key, and
 * nothing is stored. *changed (may be NULL): how many values differed from those in force. */
enum ops_result ops_settings_set(const struct ops_ctx *c, const struct ops_setting_change *in, size_t n,
				 size_t *changed, struct field_errors *fe);
#endif
