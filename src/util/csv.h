/* Streaming RFC 4180 CSV reader for imports of any size, in constant memory. */
#ifndef WAYMARK_UTIL_CSV_H
#define WAYMARK_UTIL_CSV_H
#include <stddef.h>
#include <stdio.h>

/*
 * Limits. A record's decoded fields plus one NUL per field must fit in
 * CSV_RECORD_MAX bytes (so a record of about 64 KiB); more than CSV_FIELDS_MAX
 * fields is also an error. Either is reported for that record alone and the
 * reader carries on at the next one, so one bad row cannot stop an import.
 */
#define CSV_RECORD_MAX 65536
#define CSV_FIELDS_MAX 4096
#define CSV_BLOCK_SIZE 65536 /* bytes read from a FILE* at a time */

/*
 * What csv_next found. CSV_RECORD and CSV_END are the normal results; the
 * CSV_E* record errors describe one record, which is skipped (call csv_next
 * again to go on); CSV_EIO is fatal and sticks.
 */
enum csv_status {
	CSV_RECORD,           /* a record is ready */
	CSV_END,              /* no more records */
	CSV_EQUOTE_EOF,       /* a quoted field was still open at the end of the input */
	CSV_ESTRAY_QUOTE,     /* a quote inside an unquoted field, e.g. ab"c */
	CSV_EAFTER_QUOTE,     /* text after a closing quote, e.g. "ab"c */
	CSV_ETOO_LONG,        /* the record needs more than CSV_RECORD_MAX bytes */
	CSV_ETOO_MANY_FIELDS, /* the record has more than CSV_FIELDS_MAX fields */
	CSV_EIO,              /* reading the FILE* failed */
	CSV__MAX
};

/* A field's bytes, NUL-terminated; len excludes the NUL (a field may hold NULs). */
struct csv_field {
	const char *str;
	size_t len;
};

/*
 * The record last returned by csv_next; everything in it (fields included)
 * is borrowed from the reader and valid until the next csv_next or csv_free.
 */
struct csv_record {
	unsigned long line;             /* physical line the record starts on; the first line is 1 */
	size_t nfields;                 /* 0 when the status is an error */
	const struct csv_field *fields;
	/* Only meaningful with a CSV_E* record error: */
	size_t err_field;               /* 0-based index of the field where the problem was found */
	unsigned long err_line;         /* physical line of the problem; for CSV_EQUOTE_EOF where the
	                                   quote opened, for CSV_ETOO_LONG where the record starts */
};

struct csv_reader;

/*
 * Returns a new reader over fp (borrowed: not closed by csv_free, and must stay
 * open while the reader is used), or NULL if out of memory. A UTF-8 byte order
 * mark at the start of the input is skipped.
 */
struct csv_reader *csv_open_file(FILE *fp);

/*
 * Returns a new reader over len bytes at data (borrowed: must outlive the
 * reader), or NULL if out of memory. data need not be NUL-terminated.
 */
struct csv_reader *csv_open_mem(const void *data, size_t len);

/* Frees the reader and its buffers; NULL is allowed. */
void csv_free(struct csv_reader *r);

/*
 * Reads the next record into *rec (borrowed, see struct csv_record). Rules:
 * fields are separated by ',' and records by LF or CRLF; a field wholly in
 * double quotes may hold commas, line breaks (kept byte for byte, CRLF
 * included) and "" for one quote; a CR not followed by LF is data. Lines that
 * are completely empty are skipped (they still count for line numbers), so a
 * trailing newline never makes an empty record; write "" for a record that is
 * one empty field. After an error status *rec carries line, err_field and
 * err_line; the reader has already moved past the bad record.
 */
enum csv_status csv_next(struct csv_reader *r, const struct csv_record **rec);

/* Returns a static English description of status, e.g. "record too long". */
const char *csv_strerror(enum csv_status status);
#endif
