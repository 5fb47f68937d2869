/* File handling shared by the backup and restore writers: refuse to
 * overwrite, write beside the target as FILE.partial, sync and rename. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "store/backup_util.h"

static void remove_partial(const char *partial)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char path[4200];
	for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
		snprintf(path, sizeof path, "%s%s", partial, suffix[i]);
		unlink(path);
	}
}

int backup_partial_path(const char *dest, char *out, size_t outlen, char *err, size_t errlen)
{
	if (access(dest, F_OK) == 0) {
		snprintf(err, errlen, "%s already exists: give a new file name", dest);
		return -1;
	}
	if ((size_t)snprintf(out, outlen, "%s.partial", dest) >= outlen) {
		snprintf(err, errlen, "file name too long");
		return -1;
	}
	remove_partial(out);
	return 0;
}

static int sync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int r = fsync(fd);
	close(fd);
	return r;
}

int backup_finish(const char *partial, const char *dest, int r, char *err, size_t errlen)
{
	if (r == 0 && (sync_path(partial, O_RDONLY) || rename(partial, dest))) {
		snprintf(err, errlen, "cannot write %s: %s", dest, strerror(errno));
		r = -1;
	}
	if (r != 0) {
		remove_partial(partial);
		return r;
	}
	char dir[4200];
	snprintf(dir, sizeof dir, "%s", dest);
	sync_path(dirname(dir), O_RDONLY | O_DIRECTORY);
	return 0;
}
