/* Keyed BLAKE2b-256 person pseudonyms and the owner-only key file they need. */
#include "util/pseudonym.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int pseudonym_key_load(const char *path, struct pseudonym_key *key, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open the key file %s: %s", path, strerror(errno));
		return -1;
	}
	struct stat sb;
	int rc = -1;
	if (fstat(fd, &sb) != 0)
		snprintf(err, errlen, "cannot read the key file %s: %s", path, strerror(errno));
	else if (!S_ISREG(sb.st_mode))
		snprintf(err, errlen, "the key file %s is not a regular file", path);
	else if (sb.st_mode & 077)
		snprintf(err, errlen, "the key file %s may be read by others (mode %03o): make it owner-only (chmod 600)", path,
			 (unsigned)(sb.st_mode & 0777));
	else if (sb.st_size != PSEUDONYM_KEY_BYTES)
		snprintf(err, errlen, "the key file %s holds %lld bytes; it must hold exactly %d (e.g. head -c 32 /dev/urandom)",
			 path, (long long)sb.st_size, PSEUDONYM_KEY_BYTES);
	else if (read(fd, key->k, PSEUDONYM_KEY_BYTES) != PSEUDONYM_KEY_BYTES)
		snprintf(err, errlen, "cannot read the 32 bytes of the key file %s", path);
	else
		rc = 0;
	close(fd);
	if (rc)
		sodium_memzero(key->k, sizeof key->k);
	return rc;
}

void pseudonym_of(const struct pseudonym_key *key, const char *id, char out[PSEUDONYM_HEX])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)id, strlen(id), key->k, PSEUDONYM_KEY_BYTES);
	sodium_bin2hex(out, PSEUDONYM_HEX, h, sizeof h);
}

void pseudonym_key_id(const struct pseudonym_key *key, char out[17])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, key->k, PSEUDONYM_KEY_BYTES, NULL, 0);
	sodium_bin2hex(out, 17, h, 8);
}

void pseudonym_key_wipe(struct pseudonym_key *key)
{
	sodium_memzero(key->k, sizeof key->k);
}
