/* Money in integer pence: parsing "28000.00" and showing "£14,000.00". */
#ifndef WAYMARK_CORE_MONEY_H
#define WAYMARK_CORE_MONEY_H
#include <stdint.h>

/* The largest amount accepted: £1,000,000,000.00 (keeps every sum far from overflow). */
#define MONEY_MAX_PENCE 100000000000LL
/* Room for "-£1,000,000,000.00" and a NUL, with a margin. */
#define MONEY_LEN 32

/*
 * Parses a non-negative amount in pounds: digits with optional thousands
 * commas in the usual places ("28,000.00"), an optional leading "£", and
 * either no decimals or exactly two ("28000", "28000.50"). Returns 0 and
 * writes *pence, or -1 leaving it alone (also above MONEY_MAX_PENCE).
 */
int money_parse(const char *s, int64_t *pence);

/* Writes "£14,000.00" (or "-£3.07" for a negative amount). */
void money_format(int64_t pence, char out[MONEY_LEN]);

/* Writes "14000.00" (no symbol, no commas: for CSV and machine reading). */
void money_format_plain(int64_t pence, char out[MONEY_LEN]);
#endif
