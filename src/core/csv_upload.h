/* Whether an uploaded file is a CSV text file the import can read, judged
 * from its name, the type the browser gave and its bytes; the refusal says
 * what the file is and what to do. */
#ifndef WAYMARK_CORE_CSV_UPLOAD_H
#define WAYMARK_CORE_CSV_UPLOAD_H
#include <stddef.h>

/* 0 when it is CSV text (UTF-8, no NUL bytes; a name ending .csv or .txt, or
 * none, and a text type or one browsers give CSV files), otherwise -1 with
 * the reason in why (a sentence naming the file). */
int csv_upload_check(const char *name, const char *type, const char *data, size_t len, char *why, size_t why_len);
#endif
