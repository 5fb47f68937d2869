/* Fuzzes referral import rows: a CSV whose first record names the columns
 * by the model's dotted paths (as `waymark import referrals` reads them),
 * each later row mapped into a struct referral_raw and checked by
 * referral_validate() for the CSV channel, the way cmd_import.c does it
 * (a field holding a NUL byte is the adapter's problem). */
#include "fuzz_referral.h"
#include "util/csv.h"

#define ROWS_MAX 64
#define COLUMNS_MAX 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader *r = csv_open_mem(data, size);
	if (!r)
		return 0;
	int col_field[COLUMNS_MAX];
	size_t ncols = 0;
	int have_header = 0, rows = 0;
	const struct csv_record *rec;
	enum csv_status st;
	static struct referral_raw raw;
	while ((st = csv_next(r, &rec)) != CSV_END && rows < ROWS_MAX) {
		if (st != CSV_RECORD)
			continue;
		if (!have_header) {
			int seen[RF__MAX];
			for (int f = 0; f < RF__MAX; f++)
				seen[f] = 0;
			ncols = rec->nfields < COLUMNS_MAX ? rec->nfields : COLUMNS_MAX;
			for (size_t c = 0; c < ncols; c++) {
				int f = referral_field_by_path(rec->fields[c].str);
				if (f >= 0 && (!(referral_fields[f].channels & CH_CSV) || seen[f]))
					f = -1;
				if (f >= 0)
					seen[f] = 1;
				col_field[c] = f;
			}
			have_header = 1;
			continue;
		}
		rows++;
		memset(&raw, 0, sizeof raw);
		size_t problems = 0;
		for (size_t c = 0; c < ncols && c < rec->nfields; c++) {
			int f = col_field[c];
			if (f < 0)
				continue;
			raw.v[f] = rec->fields[c].str;
			if (strlen(rec->fields[c].str) != rec->fields[c].len) {
				raw.bad[f] = 1;
				problems++;
			}
		}
		fuzz_referral_validate(&raw, CH_CSV, 1, problems);
	}
	csv_free(r);
	return 0;
}
