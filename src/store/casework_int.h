/* Shared inside the case-work store (casework.c, casework_get.c); not for other callers. */
#ifndef WAYMARK_STORE_CASEWORK_INT_H
#define WAYMARK_STORE_CASEWORK_INT_H
#include <stddef.h>

#define CASEWORK_SCAN_MAX 5000 /* cases read for one caseload (sorted and filtered in C) */

/* Copies src into dst (n bytes), cut on a UTF-8 character boundary. */
void casework_copy(char *dst, size_t n, const char *src);
#endif
