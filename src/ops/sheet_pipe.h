/* A worksheet written on its own thread: the extract's reader hands over
 * rows of cells in blocks, and a second thread writes them with
 * libxlsxwriter (whose XML and deflate work is about half the extract's
 * time), so the two cores share the work. */
#ifndef WAYMARK_OPS_SHEET_PIPE_H
#define WAYMARK_OPS_SHEET_PIPE_H
#include <stddef.h>
#include <xlsxwriter.h>

struct sheet_pipe;

/* Starts the writer thread for ws (ncols cells a row, rows from first_row). NULL on failure. */
struct sheet_pipe *sheet_pipe_start(lxw_worksheet *ws, size_t ncols, lxw_row_t first_row);

/* Adds the next cell of the current row: text (copied; "" leaves it empty) or, when number, value. */
int sheet_pipe_cell(struct sheet_pipe *p, const char *text, int number, double value);
/* Ends the current row. */
int sheet_pipe_row_end(struct sheet_pipe *p);

/* Writes what is left, joins the thread and frees p. 0, or -1 if anything failed. */
int sheet_pipe_finish(struct sheet_pipe *p);
#endif
