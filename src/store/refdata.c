/* Loads the embedded reference data (the CSV files under data/) into the database: areas,
 * place boards, hospitals, clusters, practices, postcode districts, bank
 * holidays and vocabularies. Idempotent: rows are upserted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "store/refdata.h"
#include "util/csv.h"
#include "util/embed.h"

/* Degrees to integer millionths, so both backends store exact integers. */
static int64_t micro_degrees(const char *s)
{
	return (int64_t)(strtod(s, NULL) * 1e6 + (s[0] == '-' ? -0.5 : 0.5));
}

typedef int (*row_loader)(struct store *st, const struct csv_field *f, size_t n, const char *extra,
			  unsigned long line);

static int load_area(struct store *st, const struct csv_field *f, size_t n, const char *x, unsigned long line)
{
	(void)x;
	(void)line;
	return n < 4 ? -1 : store_exec(st, STMT_AREA_PUT, NULL, NULL, "ssss", f[0].str, f[1].str, f[2].str, f[3].str);
}

static int load_place_board(struct store *st, const struct csv_field *f, size_t n, const char *x, unsigned long line)
{
	(void)x;
	(void)line;
	return n < 2 ? -1 : store_exec(st, STMT_PLACE_BOARD_PUT, NULL, NULL, "ss", f[0].str, f[1].str);
}

static int load_hospital(struct store *st, const struct csv_field *f, size_t n, const char *x, unsigned long line)
{
	(void)x;
	(void)line;
	return n < 5 ? -1 : store_exec(st, STMT_HOSPITAL_PUT, NULL, NULL, "sssss", f[0].str, f[1].str, f[2].str,
				       f[3].str, f[4].str);
}

static int load_cluster(struct store *st, const struct csv_field *f, size_t n, const char *x, unsigned long line)
{
	(void)x;
	(void)line;
	return n < 4 ? -1 : store_exec(st, STMT_CLUSTER_PUT, NULL, NULL, "ssii", f[0].str, f[1].str,
				       micro_degrees(f[2].str), micro_degrees(f[3].str));
}

static int load_practice(struct store *st, const struct csv_field *f, size_t n, const char *x, unsigned long line)
{
	(void)x;
	(void)line;
	if (n < 6)
		return -1;
	int64_t size = f[3].len ? strtoll(f[3].str, NULL, 10) : INT64_MIN;
	return store_exec(st, STMT_PRACTICE_PUT, NULL, NULL, "sssIss", f[0].str, f[1].str, f[2].str, size, f[4].str,
			  f[5].str);
}

static int load_district(struct store *st, const struct csv_field *f, size_t n, const char *x, unsigned long line)
{
	(void)x;
	(void)line;
	return n < 4 ? -1 : store_exec(st, STMT_POSTCODE_DISTRICT_PUT, NULL, NULL, "ssii", f[0].str, f[1].str,
				       micro_degrees(f[2].str), micro_degrees(f[3].str));
}

static int load_holiday(struct store *st, const struct csv_field *f, size_t n, const char *x, unsigned long line)
{
	(void)x;
	(void)line;
	int64_t day;
	if (n < 2 || dt_parse_date(f[0].str, &day))
		return -1;
	return store_exec(st, STMT_BANK_HOLIDAY_PUT, NULL, NULL, "is", day, f[1].str);
}

static int load_vocab(struct store *st, const struct csv_field *f, size_t n, const char *vocab, unsigned long line)
{
	if (n < 2)
		return -1;
	return store_exec(st, STMT_VOCAB_PUT, NULL, NULL, "ssssd", vocab, f[0].str, f[1].str, n > 2 ? f[2].str : "",
			  (int)line);
}

static int load_training_module(struct store *st, const struct csv_field *f, size_t n, const char *x,
				unsigned long line)
{
	(void)x;
	if (n < 3 || (strcmp(f[2].str, "yes") != 0 && strcmp(f[2].str, "no") != 0))
		return -1;
	return store_exec(st, STMT_TRAINING_MODULE_PUT, NULL, NULL, "ssdd", f[0].str, f[1].str, f[2].str[0] == 'y',
			  (int)line);
}

static int load_file(struct store *st, const struct embed_file *ef, row_loader fn, const char *extra,
		     char *err, size_t errlen)
{
	struct csv_reader *r = csv_open_mem(ef->data, ef->len);
	if (!r) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	const struct csv_record *rec;
	enum csv_status s;
	int header = 1, rc = 0;
	while ((s = csv_next(r, &rec)) != CSV_END) {
		if (s != CSV_RECORD) {
			snprintf(err, errlen, "%s line %lu: %s", ef->name, rec->line, csv_strerror(s));
			rc = -1;
			break;
		}
		if (header) {
			header = 0;
			continue;
		}
		if (fn(st, rec->fields, rec->nfields, extra, rec->line) < 0) {
			snprintf(err, errlen, "%s line %lu: %s", ef->name, rec->line, store_errmsg(st));
			rc = -1;
			break;
		}
	}
	csv_free(r);
	return rc;
}

static int load_pcn(struct store *st, const struct csv_field *f, size_t n, const char *x, unsigned long line)
{
	(void)x;
	(void)line;
	return n < 2 ? -1 : store_exec(st, STMT_PCN_PUT, NULL, NULL, "ss", f[0].str, f[1].str);
}

static int load_rurality(struct store *st, const struct csv_field *f, size_t n, const char *x, unsigned long line)
{
	(void)x;
	(void)line;
	return n < 2 ? -1 : store_exec(st, STMT_RURALITY_PUT, NULL, NULL, "ss", f[0].str, f[1].str);
}

static int load_population(struct store *st, const struct csv_field *f, size_t n, const char *x, unsigned long line)
{
	(void)x;
	(void)line;
	return n < 3 ? -1 : store_exec(st, STMT_POPULATION_PUT, NULL, NULL, "sii", f[0].str,
				       (int64_t)strtoll(f[1].str, NULL, 10), (int64_t)strtoll(f[2].str, NULL, 10));
}

int refdata_load(struct store *st, char *err, size_t errlen)
{
	/* Order matters: foreign keys point at earlier files. */
	static const struct {
		const char *file;
		row_loader fn;
	} files[] = {
		{ "data/place_boards.csv", load_place_board }, { "data/areas.csv", load_area },
		{ "data/hospitals.csv", load_hospital },       { "data/clusters.csv", load_cluster },
		{ "data/practices.csv", load_practice },       { "data/postcode_districts.csv", load_district },
		{ "data/bank_holidays.csv", load_holiday },
		{ "data/pcns.csv", load_pcn },                 { "data/rurality.csv", load_rurality },
		{ "data/population.csv", load_population },
		{ "data/training_modules.csv", load_training_module },
	};
	if (store_begin(st)) {
		snprintf(err, errlen, "%s", store_errmsg(st));
		return -1;
	}
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		const struct embed_file *ef = embed_find(files[i].file);
		if (!ef) {
			snprintf(err, errlen, "%s is not built in", files[i].file);
			goto fail;
		}
		if (load_file(st, ef, files[i].fn, NULL, err, errlen))
			goto fail;
	}
	const char *prefix = "data/vocab/";
	for (const struct embed_file *ef = embed_files; ef->name; ef++) {
		if (strncmp(ef->name, prefix, strlen(prefix)) != 0)
			continue;
		char vocab[64];
		snprintf(vocab, sizeof vocab, "%s", ef->name + strlen(prefix));
		char *dot = strrchr(vocab, '.');
		if (dot)
			*dot = '\0';
		if (load_file(st, ef, load_vocab, vocab, err, errlen))
			goto fail;
	}
	if (store_commit(st)) {
		snprintf(err, errlen, "%s", store_errmsg(st));
		return -1;
	}
	return 0;
fail:
	store_rollback(st);
	return -1;
}
