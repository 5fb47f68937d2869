/* Fuzzes the streaming CSV reader over memory, and over the same bytes as a
 * FILE* (fmemopen): both must give exactly the same records and statuses.
 * No field is longer than the input or than a record may be, fields are
 * NUL-terminated, line numbers never go backwards, and the reader always
 * reaches CSV_END (every record or error consumes input). */
#include "util/csv.h"
#include "fuzz.h"

/* One record as seen, for comparing the two readers. */
struct seen {
	enum csv_status st;
	unsigned long line, err_line;
	size_t nfields, err_field;
	uint64_t hash; /* of every field's length and bytes */
};

static uint64_t hash_record(const struct csv_record *rec)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < rec->nfields; i++) {
		const unsigned char *p = (const unsigned char *)rec->fields[i].str;
		h = (h ^ rec->fields[i].len) * 1099511628211u;
		for (size_t k = 0; k < rec->fields[i].len; k++)
			h = (h ^ p[k]) * 1099511628211u;
	}
	return h;
}

static void check_record(enum csv_status st, const struct csv_record *rec, size_t size, unsigned long *last_line)
{
	FUZZ_CHECK((unsigned)st < CSV__MAX);
	FUZZ_CHECK(st != CSV_EIO);
	FUZZ_CHECK(csv_strerror(st) != NULL);
	if (st == CSV_END)
		return;
	FUZZ_CHECK(rec != NULL);
	FUZZ_CHECK(rec->line >= 1 && rec->line >= *last_line);
	*last_line = rec->line;
	if (st == CSV_RECORD) {
		FUZZ_CHECK(rec->nfields >= 1 && rec->nfields <= CSV_FIELDS_MAX);
		size_t total = 0;
		for (size_t i = 0; i < rec->nfields; i++) {
			const struct csv_field *f = &rec->fields[i];
			FUZZ_CHECK(f->str != NULL);
			FUZZ_CHECK(f->len <= size);
			FUZZ_CHECK(f->str[f->len] == '\0');
			total += f->len + 1;
		}
		FUZZ_CHECK(total <= CSV_RECORD_MAX);
		FUZZ_CHECK(total <= size + rec->nfields);
	} else {
		FUZZ_CHECK(rec->nfields == 0);
		FUZZ_CHECK(rec->err_field <= CSV_FIELDS_MAX);
		FUZZ_CHECK(rec->err_line >= rec->line);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The reader must not need a terminator: give it exactly size bytes. */
	struct csv_reader *m = csv_open_mem(data, size);
	if (!m)
		return 0;
	struct seen *seen = NULL;
	size_t nseen = 0, cap = 0;
	unsigned long last_line = 0;
	const struct csv_record *rec;
	enum csv_status st;
	do {
		rec = NULL;
		st = csv_next(m, &rec);
		check_record(st, rec, size, &last_line);
		FUZZ_CHECK(nseen <= size + 1);
		if (nseen == cap) {
			cap = cap ? cap * 2 : 16;
			struct seen *p = realloc(seen, cap * sizeof *seen);
			if (!p)
				goto out;
			seen = p;
		}
		struct seen *s = &seen[nseen++];
		memset(s, 0, sizeof *s);
		s->st = st;
		if (st != CSV_END) {
			s->line = rec->line;
			s->nfields = rec->nfields;
			s->hash = hash_record(rec);
			if (st != CSV_RECORD) {
				s->err_line = rec->err_line;
				s->err_field = rec->err_field;
			}
		}
	} while (st != CSV_END);
	/* At the end it stays at the end. */
	FUZZ_CHECK(csv_next(m, &rec) == CSV_END);

	/* The FILE* reader sees the same records (fmemopen refuses size 0). */
	if (size > 0) {
		FILE *fp = fmemopen((void *)data, size, "r");
		if (fp) {
			struct csv_reader *f = csv_open_file(fp);
			for (size_t i = 0; f && i < nseen; i++) {
				const struct csv_record *a = NULL;
				enum csv_status sa = csv_next(f, &a);
				FUZZ_CHECK(sa == seen[i].st);
				if (sa == CSV_END)
					break;
				FUZZ_CHECK(a->line == seen[i].line && a->nfields == seen[i].nfields);
				FUZZ_CHECK(hash_record(a) == seen[i].hash);
				if (sa != CSV_RECORD)
					FUZZ_CHECK(a->err_line == seen[i].err_line && a->err_field == seen[i].err_field);
			}
			csv_free(f);
			fclose(fp);
		}
	}
out:
	free(seen);
	csv_free(m);
	return 0;
}
