/* Loading of the embedded reference data into a database. */
#ifndef WAYMARK_STORE_REFDATA_H
#define WAYMARK_STORE_REFDATA_H
#include <stddef.h>
#include "store/store.h"

/* Upserts every reference file in one transaction; 0 or -1 with err. */
int refdata_load(struct store *st, char *err, size_t errlen);
#endif
