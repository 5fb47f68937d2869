/* Reference data for the referral harnesses, built once from the CSV files
 * embedded in the library (data/vocab/NAME.csv, data/practices.csv,
 * data/postcode_districts.csv) with the library's own CSV reader, so the
 * validator sees the same codes as the server without a database. */
#ifndef WAYMARK_FUZZ_REFS_H
#define WAYMARK_FUZZ_REFS_H
#include <stdio.h>
#include "core/referral_refs.h"
#include "util/csv.h"
#include "util/embed.h"

/* Column of name in a header record, or -1. */
static int fuzz_refs_col(const struct csv_record *hdr, const char *name)
{
	for (size_t i = 0; i < hdr->nfields; i++)
		if (strcmp(hdr->fields[i].str, name) == 0)
			return (int)i;
	return -1;
}

static const char *fuzz_refs_at(const struct csv_record *rec, int col)
{
	return col >= 0 && (size_t)col < rec->nfields ? rec->fields[col].str : "";
}

/* Calls row(ctx, cols, rec) for each record after the header of an embedded
 * CSV file, with cols[i] the column of names[i]. Aborts if the file is
 * missing, since a harness without its data would test nothing. */
static void fuzz_refs_each(const char *file, const char *const *names, int ncols,
			   void (*row)(struct referral_refs *, const int *, const struct csv_record *),
			   struct referral_refs *refs)
{
	const struct embed_file *ef = embed_find(file);
	if (!ef) {
		fprintf(stderr, "fuzz: %s is not embedded\n", file);
		abort();
	}
	struct csv_reader *r = csv_open_mem(ef->data, ef->len);
	if (!r)
		abort();
	const struct csv_record *rec;
	int cols[8];
	int have_header = 0;
	enum csv_status st;
	while ((st = csv_next(r, &rec)) != CSV_END) {
		if (st != CSV_RECORD)
			continue;
		if (!have_header) {
			for (int i = 0; i < ncols && i < 8; i++)
				cols[i] = fuzz_refs_col(rec, names[i]);
			have_header = 1;
			continue;
		}
		row(refs, cols, rec);
	}
	csv_free(r);
}

static const char *fuzz_refs_vocab_name;

static void fuzz_refs_vocab_row(struct referral_refs *refs, const int *c, const struct csv_record *rec)
{
	referral_refs_add_vocab(refs, fuzz_refs_vocab_name, fuzz_refs_at(rec, c[0]), fuzz_refs_at(rec, c[1]),
				fuzz_refs_at(rec, c[2]));
}

static void fuzz_refs_practice_row(struct referral_refs *refs, const int *c, const struct csv_record *rec)
{
	referral_refs_add_practice(refs, fuzz_refs_at(rec, c[0]), fuzz_refs_at(rec, c[1]), fuzz_refs_at(rec, c[2]),
				   fuzz_refs_at(rec, c[3]));
}

static void fuzz_refs_district_row(struct referral_refs *refs, const int *c, const struct csv_record *rec)
{
	referral_refs_add_district(refs, fuzz_refs_at(rec, c[0]), fuzz_refs_at(rec, c[1]));
}

/* The process-wide reference data (built on first use, never freed: it is
 * reachable, so LeakSanitizer does not count it). */
static const struct referral_refs *fuzz_refs(void)
{
	static struct referral_refs refs;
	static int built;
	if (built)
		return &refs;
	referral_refs_init(&refs);
	for (int v = 0; v < RV__MAX; v++) {
		static const char *const names[] = { "code", "label", "discharge" };
		char file[128];
		snprintf(file, sizeof file, "data/vocab/%s.csv", referral_vocab_name[v]);
		fuzz_refs_vocab_name = referral_vocab_name[v];
		fuzz_refs_each(file, names, 3, fuzz_refs_vocab_row, &refs);
		if (refs.vocab[v].n == 0) {
			fprintf(stderr, "fuzz: no codes in %s\n", file);
			abort();
		}
	}
	static const char *const pnames[] = { "code", "name", "cluster", "postcode" };
	fuzz_refs_each("data/practices.csv", pnames, 4, fuzz_refs_practice_row, &refs);
	static const char *const dnames[] = { "outcode", "area" };
	fuzz_refs_each("data/postcode_districts.csv", dnames, 2, fuzz_refs_district_row, &refs);
	if (refs.failed || refs.npractices == 0 || refs.ndistricts == 0)
		abort();
	built = 1;
	return &refs;
}
#endif
