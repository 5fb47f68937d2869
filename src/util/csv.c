/* Streaming RFC 4180 CSV reader: a resumable state machine over a fixed input block and a fixed record buffer. */
#include "util/csv.h"

#include <stdlib.h>
#include <string.h>

/* Where the parser stands; kept in the reader so a block boundary can fall anywhere. */
enum csv_state {
	CSV_ST_RECORD, /* between records, skipping blank lines */
	CSV_ST_FIELD,  /* at the first byte of a field: a quote here opens a quoted field */
	CSV_ST_PLAIN,  /* inside an unquoted field */
	CSV_ST_QUOTED, /* inside a quoted field */
	CSV_ST_QUOTE,  /* just after a quote in a quoted field: "" or the closing quote */
	CSV_ST_DONE    /* the input is used up */
};

struct csv_reader {
	FILE *fp;                /* borrowed; NULL when reading memory */
	unsigned char *blk;      /* owned block buffer for fp, NULL when reading memory */
	const unsigned char *in; /* the block buffer, or the caller's bytes */
	size_t pos, end;         /* unread input is in[pos..end) */
	int eof;                 /* nothing more can be read beyond end */
	int failed;              /* fread failed: every later call reports CSV_EIO */
	unsigned long line;      /* physical line of in[pos] */
	unsigned long quote_line; /* where the current quoted field opened */
	enum csv_state state;

	/* The record being built. */
	enum csv_status err;     /* CSV_RECORD while the record is good */
	int discard;             /* after an error nothing more is stored */
	size_t rlen;             /* bytes used in rbuf */
	size_t fstart;           /* offset in rbuf where the open field starts */
	size_t nfields;          /* completed fields stored */
	size_t nbegun;           /* fields begun, stored or not: names the field in errors */
	struct csv_record rec;
	struct csv_field fields[CSV_FIELDS_MAX];
	char rbuf[CSV_RECORD_MAX];
};

static const char *const csv_messages[CSV__MAX] = {
	[CSV_RECORD] = "record",
	[CSV_END] = "end of input",
	[CSV_EQUOTE_EOF] = "quoted field not closed before the end of the file",
	[CSV_ESTRAY_QUOTE] = "quote inside an unquoted field (a field with quotes must be wholly in quotes)",
	[CSV_EAFTER_QUOTE] = "text after the closing quote of a field",
	[CSV_ETOO_LONG] = "record too long",
	[CSV_ETOO_MANY_FIELDS] = "too many fields in the record",
	[CSV_EIO] = "read error",
};

const char *csv_strerror(enum csv_status status)
{
	if ((unsigned)status >= CSV__MAX)
		return "unknown CSV status";
	return csv_messages[status];
}

/* Returns a new reader with no input attached, or NULL. */
static struct csv_reader *csv_alloc(void)
{
	struct csv_reader *r = calloc(1, sizeof *r);

	if (r == NULL)
		return NULL;
	r->line = 1;
	r->state = CSV_ST_RECORD;
	r->rec.fields = r->fields;
	return r;
}

/*
 * Moves the unread tail to the front of the block and reads more after it.
 * Returns 1 if bytes arrived, 0 at the end of input, -1 on a read error.
 */
static int csv_refill(struct csv_reader *r)
{
	size_t keep, n;

	if (r->eof || r->failed)
		return r->failed ? -1 : 0;
	keep = r->end - r->pos;
	if (keep > 0 && r->pos > 0)
		memmove(r->blk, r->blk + r->pos, keep);
	r->pos = 0;
	r->end = keep;
	n = fread(r->blk + keep, 1, CSV_BLOCK_SIZE - keep, r->fp);
	if (n == 0) {
		if (ferror(r->fp)) {
			r->failed = 1;
			return -1;
		}
		r->eof = 1;
		return 0;
	}
	r->end += n;
	return 1;
}

static void csv_skip_bom(struct csv_reader *r)
{
	if (r->end - r->pos >= 3 && memcmp(r->in + r->pos, "\xEF\xBB\xBF", 3) == 0)
		r->pos += 3;
}

struct csv_reader *csv_open_file(FILE *fp)
{
	struct csv_reader *r = csv_alloc();

	if (r == NULL)
		return NULL;
	r->blk = malloc(CSV_BLOCK_SIZE);
	if (r->blk == NULL) {
		free(r);
		return NULL;
	}
	r->fp = fp;
	r->in = r->blk;
	/* A pipe may deliver fewer than three bytes at first; the BOM check needs them all. */
	while (r->end - r->pos < 3 && csv_refill(r) > 0)
		;
	csv_skip_bom(r);
	return r;
}

struct csv_reader *csv_open_mem(const void *data, size_t len)
{
	struct csv_reader *r = csv_alloc();

	if (r == NULL)
		return NULL;
	r->in = data;
	r->end = len;
	r->eof = 1;
	csv_skip_bom(r);
	return r;
}

void csv_free(struct csv_reader *r)
{
	if (r == NULL)
		return;
	free(r->blk);
	free(r);
}

/* Records the first problem in the record; later ones would only be consequences of it. */
static void csv_fail(struct csv_reader *r, enum csv_status err)
{
	if (r->err != CSV_RECORD)
		return;
	r->err = err;
	r->discard = 1;
	r->rec.err_field = r->nbegun > 0 ? r->nbegun - 1 : 0;
	/* Bytes are stored a span at a time, so the line of overflow is not known exactly; the start is. */
	r->rec.err_line = err == CSV_ETOO_LONG ? r->rec.line : r->line;
}

/* Keeps one byte free after the data so the field can always be NUL-terminated. */
static inline void csv_put(struct csv_reader *r, const unsigned char *s, size_t n)
{
	if (r->discard)
		return;
	if (n >= CSV_RECORD_MAX - r->rlen) {
		csv_fail(r, CSV_ETOO_LONG);
		return;
	}
	memcpy(r->rbuf + r->rlen, s, n);
	r->rlen += n;
}

static inline void csv_field_begin(struct csv_reader *r)
{
	r->nbegun++;
	if (r->discard)
		return;
	if (r->nfields == CSV_FIELDS_MAX) {
		csv_fail(r, CSV_ETOO_MANY_FIELDS);
		return;
	}
	r->fstart = r->rlen;
}

static inline void csv_field_end(struct csv_reader *r)
{
	if (r->discard)
		return;
	if (r->rlen >= CSV_RECORD_MAX) {
		csv_fail(r, CSV_ETOO_LONG);
		return;
	}
	r->rbuf[r->rlen] = '\0';
	r->fields[r->nfields].str = r->rbuf + r->fstart;
	r->fields[r->nfields].len = r->rlen - r->fstart;
	r->rlen++;
	r->nfields++;
}

/* Closes the record and says how it went; next is where the parser goes after it. */
static enum csv_status csv_finish(struct csv_reader *r, enum csv_state next)
{
	csv_field_end(r);
	r->state = next;
	r->rec.nfields = r->err == CSV_RECORD ? r->nfields : 0;
	return r->err;
}

/*
 * For the CR at in[pos] outside quotes: returns how many bytes of line break
 * start there (2 for CRLF, 1 for a CR that ends the input, 0 when the CR is
 * data), or -1 on a read error. May refill, so callers re-read pos.
 */
static int csv_cr(struct csv_reader *r)
{
	if (r->pos + 1 == r->end) {
		int rc = csv_refill(r);

		if (rc < 0)
			return -1;
		if (rc == 0)
			return 1;
	}
	return r->in[r->pos + 1] == '\n' ? 2 : 0;
}

/*
 * After a field: a comma begins the next one (0); a line break ends the
 * record (1, *out what csv_next returns); anything else, a lone CR
 * included, is not a separator (2, nothing consumed). 1 with *out CSV_EIO
 * on a read error.
 */
static int csv_separator(struct csv_reader *r, enum csv_status *out)
{
	int rc = 2;
	switch (r->in[r->pos]) {
	case ',':
		r->pos++;
		csv_field_end(r);
		csv_field_begin(r);
		r->state = CSV_ST_FIELD;
		return 0;
	case '\n':
		rc = 1;
		break;
	case '\r':
		rc = csv_cr(r);
		if (rc < 0)
			*out = CSV_EIO;
		if (rc <= 0)
			return rc < 0 ? 1 : 2;
		break;
	default:
		return 2;
	}
	r->pos += (size_t)rc;
	r->line++;
	*out = csv_finish(r, CSV_ST_RECORD);
	return 1;
}

/* The input ran out in the middle of whatever state we are in. */
static enum csv_status csv_at_end(struct csv_reader *r)
{
	switch (r->state) {
	case CSV_ST_RECORD:
	case CSV_ST_DONE:
		r->state = CSV_ST_DONE;
		return CSV_END;
	case CSV_ST_QUOTED:
		/* An open quote explains any other error in this record (it swallowed the rest of the file). */
		r->err = CSV_RECORD;
		csv_fail(r, CSV_EQUOTE_EOF);
		r->rec.err_line = r->quote_line;
		break;
	default:
		break;
	}
	return csv_finish(r, CSV_ST_DONE);
}

enum csv_status csv_next(struct csv_reader *r, const struct csv_record **rec)
{
	/* Bytes that end a run of ordinary bytes in an unquoted field. */
	static const unsigned char plain_stop[256] = {
		[','] = 1, ['"'] = 1, ['\n'] = 1, ['\r'] = 1,
	};
	const unsigned char *in = r->in; /* fixed: refills move bytes within it, never the buffer */
	int rc;
	enum csv_status done;

	*rec = &r->rec;
	if (r->failed)
		return CSV_EIO;
	if (r->state == CSV_ST_DONE)
		return CSV_END;
	r->err = CSV_RECORD;
	r->discard = 0;
	r->rlen = 0;
	r->nfields = 0;
	r->nbegun = 0;
	r->rec.nfields = 0;
	r->rec.err_field = 0;
	r->rec.err_line = 0;
	r->state = CSV_ST_RECORD;

	for (;;) {
		if (r->pos == r->end) {
			rc = csv_refill(r);
			if (rc < 0)
				return CSV_EIO;
			if (rc == 0)
				return csv_at_end(r);
		}
		switch (r->state) {
		case CSV_ST_RECORD:
			if (in[r->pos] == '\n') {
				r->pos++;
				r->line++;
				continue;
			}
			if (in[r->pos] == '\r') {
				rc = csv_cr(r);
				if (rc < 0)
					return CSV_EIO;
				if (rc > 0) {
					r->pos += rc;
					r->line++;
					continue;
				}
			}
			r->rec.line = r->line;
			r->state = CSV_ST_FIELD;
			csv_field_begin(r);
			/* fall through */
		case CSV_ST_FIELD:
			if (in[r->pos] == '"') {
				r->pos++;
				r->quote_line = r->line;
				r->state = CSV_ST_QUOTED;
				continue;
			}
			r->state = CSV_ST_PLAIN;
			/* fall through */
		case CSV_ST_PLAIN: {
			const unsigned char *s = in + r->pos, *p = s, *e = in + r->end;

			while (p < e && !plain_stop[*p])
				p++;
			csv_put(r, s, (size_t)(p - s));
			r->pos = (size_t)(p - in);
			if (p == e)
				continue;
			if (*p == '"') {
				/* Go on as if it were data so the reader resynchronises at the line break. */
				csv_fail(r, CSV_ESTRAY_QUOTE);
				r->pos++;
				continue;
			}
			rc = csv_separator(r, &done);
			if (rc == 1)
				return done;
			if (rc == 2) { /* a lone CR is data */
				csv_put(r, in + r->pos, 1);
				r->pos++;
			}
			continue;
		}
		case CSV_ST_QUOTED: {
			const unsigned char *s = in + r->pos, *e = in + r->end;
			const unsigned char *q = memchr(s, '"', (size_t)(e - s));
			const unsigned char *stop = q != NULL ? q : e;
			const unsigned char *nl;

			for (nl = s; (nl = memchr(nl, '\n', (size_t)(stop - nl))) != NULL; nl++)
				r->line++;
			csv_put(r, s, (size_t)(stop - s));
			r->pos = (size_t)(stop - in);
			if (q != NULL) {
				r->pos++;
				r->state = CSV_ST_QUOTE;
			}
			continue;
		}
		case CSV_ST_QUOTE:
			if (in[r->pos] == '"') {
				csv_put(r, in + r->pos, 1);
				r->pos++;
				r->state = CSV_ST_QUOTED;
				continue;
			}
			rc = csv_separator(r, &done);
			if (rc == 1)
				return done;
			if (rc == 2) {
				/* Treat the rest as unquoted text so the reader resynchronises at the line break. */
				csv_fail(r, CSV_EAFTER_QUOTE);
				r->state = CSV_ST_PLAIN;
			}
			continue;
		case CSV_ST_DONE:
			return CSV_END;
		}
	}
}
