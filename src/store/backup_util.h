/* File handling shared by the backup and restore writers: refuse to
 * overwrite, write beside the target as FILE.partial, sync and rename. */
#ifndef WAYMARK_STORE_BACKUP_UTIL_H
#define WAYMARK_STORE_BACKUP_UTIL_H
#include <stddef.h>

/* Refuses a dest that exists; writes dest.partial into out after removing
 * any left by an earlier failed run. 0 or -1 with err. */
int backup_partial_path(const char *dest, char *out, size_t outlen, char *err, size_t errlen);

/* When r is 0, syncs partial and renames it to dest (then syncs the
 * folder); otherwise removes partial. Returns r, or -1 when the sync or
 * rename fails (err set). */
int backup_finish(const char *partial, const char *dest, int r, char *err, size_t errlen);
#endif
