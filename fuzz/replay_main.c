/* A stand-in for libFuzzer's driver so every harness builds with gcc alone
 * and `make test` can replay the committed corpora: feeds each file named on
 * the command line (directories are walked, one level, in name order) to
 * LLVMFuzzerTestOneInput, in an exactly sized buffer so that ASan catches
 * any read past the end. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* Reads the whole file into a new buffer of exactly its size (at least one
 * byte is allocated so an empty file is still a distinct pointer). */
static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	uint8_t *data = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			uint8_t *p = realloc(data, cap);
			if (!p)
				goto fail;
			data = p;
		}
		size_t got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	uint8_t *exact = malloc(n ? n : 1);
	if (!exact) {
		free(data);
		return NULL;
	}
	if (n)
		memcpy(exact, data, n);
	free(data);
	*len = n;
	return exact;
fail:
	free(data);
	fclose(f);
	return NULL;
}

static int run_file(const char *path)
{
	size_t len = 0;
	uint8_t *data = slurp(path, &len);
	if (!data) {
		fprintf(stderr, "replay: cannot read %s: %s\n", path, strerror(errno));
		return -1;
	}
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file in dir; returns how many, or -1. */
static long run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "replay: cannot open %s: %s\n", dir, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	long ran = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **p = realloc(names, cap * sizeof *names);
			if (!p)
				goto fail;
			names = p;
		}
		if (!(names[n] = strdup(e->d_name)))
			goto fail;
		n++;
	}
	closedir(d);
	d = NULL;
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		size_t plen = strlen(dir) + strlen(names[i]) + 2;
		char *path = malloc(plen);
		if (!path)
			goto fail;
		snprintf(path, plen, "%s/%s", dir, names[i]);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (run_file(path) < 0) {
				free(path);
				goto fail;
			}
			ran++;
		}
		free(path);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return ran;
fail:
	if (d)
		closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return -1;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
		return 2;
	}
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	long total = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		long ran = S_ISDIR(st.st_mode) ? run_dir(argv[i]) : (run_file(argv[i]) < 0 ? -1 : 1);
		if (ran < 0)
			return 1;
		total += ran;
	}
	if (total == 0) {
		fprintf(stderr, "replay: %s: no inputs found\n", argv[0]);
		return 1;
	}
	printf("%s: %ld inputs replayed\n", argv[0], total);
	return 0;
}
