/* Writing CSV cells that a spreadsheet cannot run as formulas. */
#ifndef WAYMARK_UTIL_CSV_CELL_H
#define WAYMARK_UTIL_CSV_CELL_H
#include <stdio.h>

/* Writes s as one CSV cell: quoted when it holds a comma, quote or line
 * break; a leading =, +, -, @, tab or carriage return gets a ' in front so
 * that Excel, LibreOffice and Google Sheets show it as text. */
void csv_cell_write(FILE *f, const char *s);
#endif
