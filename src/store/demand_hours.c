/* Reads when referrals arrived and first contacts were made, into week grids (store/demand_hours.h). */
#include <string.h>
#include "store/demand_hours.h"

static int add_row(void *ctx, const struct store_row *r)
{
	demand_hours_add(ctx, store_row_int(r, 0));
	return 0;
}

int demand_hours_load(struct store *st, int64_t from_utc, int64_t to_utc, struct demand_grid *received,
		      struct demand_grid *contacts)
{
	memset(received, 0, sizeof *received);
	memset(contacts, 0, sizeof *contacts);
	if (store_exec(st, STMT_DEMAND_RECEIVED, add_row, received, "ii", from_utc, to_utc) < 0)
		return -1;
	return store_exec(st, STMT_DEMAND_FIRST_CONTACTS, add_row, contacts, "ii", from_utc, to_utc) < 0 ? -1 : 0;
}
