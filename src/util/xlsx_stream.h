/* A streaming XLSX writer for very large sheets (the evaluation extract's
 * million rows): cells go straight into the sheet's XML (numbers as numbers,
 * text as inline strings, so no shared-strings table is held), which a
 * second thread deflates at a fast level into the zip while the caller
 * carries on. Sheets are written one after another; the workbook's other
 * parts are added when it is closed. */
#ifndef WAYMARK_UTIL_XLSX_STREAM_H
#define WAYMARK_UTIL_XLSX_STREAM_H

#define XLSX_STREAM_SHEETS_MAX 8

struct xlsx_stream;

/* Creates path (mode 0600, replacing a file there). level: zlib's 1 (fastest) to 9. NULL on failure (errno). */
struct xlsx_stream *xlsx_stream_open(const char *path, int level);

/* Starts the next sheet, ending the one before. 0 or -1. */
int xlsx_stream_sheet(struct xlsx_stream *x, const char *name);

/* The next cell of the current row: text as it is ("" leaves the cell empty), or, when number, text is a
 * number written in decimal (digits, an optional '-' and '.'). 0 or -1. */
int xlsx_stream_cell(struct xlsx_stream *x, const char *text, int number);

/* Ends the current row. 0 or -1 (also past Excel's 1,048,576 rows). */
int xlsx_stream_row_end(struct xlsx_stream *x);

/* Ends the last sheet, writes the workbook's parts and the zip directory, and frees x.
 * 0, or -1 if anything failed since the open (the file is then incomplete). */
int xlsx_stream_close(struct xlsx_stream *x);
#endif
