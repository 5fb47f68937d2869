/* Writing CSV cells that a spreadsheet cannot run as formulas (export of
 * import problems; values there can be anything a file held). */
#include <string.h>
#include "util/csv_cell.h"

void csv_cell_write(FILE *f, const char *s)
{
	if (!s)
		s = "";
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', f);
	if (s[0] && strchr("=+-@\t\r", s[0]))
		fputc('\'', f);
	for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
		fwrite(s, 1, (size_t)(q - s) + 1, f); /* up to and with the quote, which is doubled */
		fputc('"', f);
	}
	fputs(s, f);
	if (quote)
		fputc('"', f);
}
