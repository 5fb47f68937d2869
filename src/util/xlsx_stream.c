/* The streaming XLSX writer: sheet XML into a buffer, deflated on a second thread into a zip of the workbook's parts. */
#include "util/xlsx_stream.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define XML_BUF (1u << 20)
#define OUT_BUF (1u << 18)
#define ROWS_MAX 1048576u
#define ENTRIES_MAX (XLSX_STREAM_SHEETS_MAX + 6)
#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/"
#define CT_OOXML "application/vnd.openxmlformats-officedocument.spreadsheetml."
#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

struct entry {
	char name[64];
	uint32_t crc;
	uint64_t csize, usize, offset;
};

struct xlsx_stream {
	FILE *f;
	int level, failed;
	struct entry e[ENTRIES_MAX];
	size_t ne;
	char sheets[XLSX_STREAM_SHEETS_MAX][32];
	size_t nsheets;
	uint32_t row, col; /* 0-based: the row being written and its next cell */
	int row_open;
	z_stream z;
	char *buf, *spare; /* the buffer being filled; the other one, free or being deflated */
	size_t used;
	unsigned char *out;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	const char *job; /* handed to the thread: job_len bytes, finishing the entry when job_final */
	size_t job_len;
	int job_final, busy, quit;
	int deflate_failed; /* the thread's, read under lock */
};

/* The deflate thread's work: one chunk into the current entry. */
static int deflate_chunk(struct xlsx_stream *x, const char *data, size_t len, int final)
{
	struct entry *e = &x->e[x->ne - 1];
	e->crc = (uint32_t)crc32(e->crc, (const Bytef *)data, (uInt)len);
	e->usize += len;
	x->z.next_in = (Bytef *)(uintptr_t)data;
	x->z.avail_in = (uInt)len;
	int rc, bad = 0;
	do {
		x->z.next_out = x->out;
		x->z.avail_out = OUT_BUF;
		rc = deflate(&x->z, final ? Z_FINISH : Z_NO_FLUSH);
		size_t n = OUT_BUF - x->z.avail_out;
		if (rc == Z_STREAM_ERROR || (n && fwrite(x->out, 1, n, x->f) != n))
			bad = 1;
		e->csize += n;
	} while (!bad && (x->z.avail_out == 0 || (final && rc != Z_STREAM_END)));
	return bad;
}

static void *deflater(void *arg)
{
	struct xlsx_stream *x = arg;
	pthread_mutex_lock(&x->lock);
	for (;;) {
		while (!x->busy && !x->quit)
			pthread_cond_wait(&x->cond, &x->lock);
		if (!x->busy)
			break;
		pthread_mutex_unlock(&x->lock);
		int bad = deflate_chunk(x, x->job, x->job_len, x->job_final);
		pthread_mutex_lock(&x->lock);
		x->deflate_failed |= bad;
		x->busy = 0;
		pthread_cond_broadcast(&x->cond);
	}
	pthread_mutex_unlock(&x->lock);
	return NULL;
}

/* Waits until the thread has finished its chunk. */
static void drain(struct xlsx_stream *x)
{
	pthread_mutex_lock(&x->lock);
	while (x->busy)
		pthread_cond_wait(&x->cond, &x->lock);
	x->failed |= x->deflate_failed;
	pthread_mutex_unlock(&x->lock);
}

/* Hands the filled buffer to the thread and takes the other one. */
static void submit(struct xlsx_stream *x, int final)
{
	drain(x);
	pthread_mutex_lock(&x->lock);
	x->job = x->buf;
	x->job_len = x->used;
	x->job_final = final;
	x->busy = 1;
	char *t = x->buf;
	x->buf = x->spare;
	x->spare = t;
	x->used = 0;
	pthread_cond_broadcast(&x->cond);
	pthread_mutex_unlock(&x->lock);
}

static void put(struct xlsx_stream *x, const char *s, size_t n)
{
	while (n) {
		size_t k = XML_BUF - x->used < n ? XML_BUF - x->used : n;
		memcpy(x->buf + x->used, s, k);
		x->used += k;
		s += k;
		n -= k;
		if (x->used == XML_BUF)
			submit(x, 0);
	}
}

static void puts_(struct xlsx_stream *x, const char *s)
{
	put(x, s, strlen(s));
}

static void le16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void le32(unsigned char *p, uint32_t v)
{
	le16(p, v & 0xffff);
	le16(p + 2, v >> 16);
}

#define ZIP_FLAGS 0x0808 /* sizes in a data descriptor; UTF-8 names */
#define ZIP_DATE 0x0021  /* 1980-01-01 */

static void entry_begin(struct xlsx_stream *x, const char *name)
{
	if (x->ne == ENTRIES_MAX) {
		x->failed = 1;
		return;
	}
	struct entry *e = &x->e[x->ne++];
	memset(e, 0, sizeof *e);
	snprintf(e->name, sizeof e->name, "%s", name);
	off_t at = ftello(x->f);
	e->offset = at < 0 ? 0 : (uint64_t)at;
	size_t nl = strlen(e->name);
	unsigned char h[30] = { 0x50, 0x4b, 0x03, 0x04 };
	le16(h + 4, 20);
	le16(h + 6, ZIP_FLAGS);
	le16(h + 8, 8);
	le16(h + 12, ZIP_DATE);
	le16(h + 26, (unsigned)nl);
	if (at < 0 || fwrite(h, 1, sizeof h, x->f) != sizeof h || fwrite(e->name, 1, nl, x->f) != nl)
		x->failed = 1;
	if (deflateReset(&x->z) != Z_OK)
		x->failed = 1;
	e->crc = (uint32_t)crc32(0, NULL, 0);
}

static void entry_end(struct xlsx_stream *x)
{
	submit(x, 1);
	drain(x);
	struct entry *e = &x->e[x->ne - 1];
	unsigned char d[16] = { 0x50, 0x4b, 0x07, 0x08 };
	/* Without ZIP64 no part may pass 4 GiB (about four times the extract's million rows). */
	if (e->usize > UINT32_MAX || e->csize > UINT32_MAX || e->offset > UINT32_MAX)
		x->failed = 1;
	le32(d + 4, e->crc);
	le32(d + 8, (uint32_t)e->csize);
	le32(d + 12, (uint32_t)e->usize);
	if (fwrite(d, 1, sizeof d, x->f) != sizeof d)
		x->failed = 1;
}

static void part(struct xlsx_stream *x, const char *name, const char *body)
{
	entry_begin(x, name);
	puts_(x, XML_HEAD);
	puts_(x, body);
	entry_end(x);
}

struct xlsx_stream *xlsx_stream_open(const char *path, int level)
{
	struct xlsx_stream *x = calloc(1, sizeof *x);
	if (!x)
		return NULL;
	x->level = level < 1 || level > 9 ? 1 : level;
	x->buf = malloc(XML_BUF);
	x->spare = malloc(XML_BUF);
	x->out = malloc(OUT_BUF);
	int fd = x->buf && x->spare && x->out ? open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
	x->f = fd < 0 ? NULL : fdopen(fd, "wb");
	if (!x->f || deflateInit2(&x->z, x->level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
		if (x->f)
			fclose(x->f);
		else if (fd >= 0)
			close(fd);
		free(x->buf);
		free(x->spare);
		free(x->out);
		free(x);
		return NULL;
	}
	setvbuf(x->f, NULL, _IOFBF, 1 << 20);
	pthread_mutex_init(&x->lock, NULL);
	pthread_cond_init(&x->cond, NULL);
	if (pthread_create(&x->thread, NULL, deflater, x)) {
		deflateEnd(&x->z);
		fclose(x->f);
		free(x->buf);
		free(x->spare);
		free(x->out);
		free(x);
		return NULL;
	}
	return x;
}

static void sheet_end(struct xlsx_stream *x)
{
	if (x->row_open)
		xlsx_stream_row_end(x);
	puts_(x, "</sheetData></worksheet>");
	entry_end(x);
}

int xlsx_stream_sheet(struct xlsx_stream *x, const char *name)
{
	if (x->nsheets == XLSX_STREAM_SHEETS_MAX) {
		x->failed = 1;
		return -1;
	}
	if (x->nsheets)
		sheet_end(x);
	snprintf(x->sheets[x->nsheets], sizeof x->sheets[0], "%s", name);
	char part_name[64];
	snprintf(part_name, sizeof part_name, "xl/worksheets/sheet%zu.xml", ++x->nsheets);
	entry_begin(x, part_name);
	puts_(x, XML_HEAD "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>");
	x->row = x->col = 0;
	x->row_open = 0;
	return x->failed ? -1 : 0;
}

/* The cell reference (A1 style) of the next cell, with the row's opening tag first when needed. */
static void cell_open(struct xlsx_stream *x, char *p, size_t *n)
{
	char num[16];
	int k = snprintf(num, sizeof num, "%u", x->row + 1);
	if (!x->row_open) {
		put(x, "<row r=\"", 8);
		put(x, num, (size_t)k);
		put(x, "\">", 2);
		x->row_open = 1;
	}
	char letters[4];
	size_t nl = 0;
	for (uint32_t c = x->col + 1; c && nl < sizeof letters; c = (c - 1) / 26)
		letters[nl++] = (char)('A' + (c - 1) % 26);
	size_t m = 0;
	memcpy(p, "<c r=\"", 6);
	m = 6;
	while (nl)
		p[m++] = letters[--nl];
	memcpy(p + m, num, (size_t)k);
	m += (size_t)k;
	p[m++] = '"';
	*n = m;
}

static void put_escaped(struct xlsx_stream *x, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		const char *rep = ch == '&' ? "&amp;" : ch == '<' ? "&lt;" : ch == '>' ? "&gt;"
				: ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' ? "" : NULL;
		if (!rep)
			continue;
		put(x, run, (size_t)(s - run));
		puts_(x, rep);
		run = s + 1;
	}
	put(x, run, (size_t)(s - run));
}

int xlsx_stream_cell(struct xlsx_stream *x, const char *text, int number)
{
	if (!x->nsheets)
		return x->failed = 1, -1;
	if (text && *text) {
		char p[48];
		size_t n;
		cell_open(x, p, &n);
		put(x, p, n);
		if (number) {
			put(x, "><v>", 4);
			puts_(x, text);
			put(x, "</v></c>", 8);
		} else {
			size_t len = strlen(text);
			int keep = text[0] == ' ' || text[len - 1] == ' ';
			puts_(x, keep ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\"><is><t>");
			put_escaped(x, text);
			put(x, "</t></is></c>", 13);
		}
	}
	x->col++;
	return x->failed ? -1 : 0;
}

int xlsx_stream_row_end(struct xlsx_stream *x)
{
	if (x->row_open)
		put(x, "</row>", 6);
	x->row_open = 0;
	x->col = 0;
	if (++x->row > ROWS_MAX)
		x->failed = 1;
	return x->failed ? -1 : 0;
}

int xlsx_stream_close(struct xlsx_stream *x)
{
	if (x->nsheets)
		sheet_end(x);
	char body[4096];
	size_t n = (size_t)snprintf(body, sizeof body, "<Types xmlns=\"" NS_PKG "content-types\">"
				    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
				    "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
				    "<Override PartName=\"/xl/workbook.xml\" ContentType=\"" CT_OOXML "sheet.main+xml\"/>"
				    "<Override PartName=\"/xl/styles.xml\" ContentType=\"" CT_OOXML "styles+xml\"/>");
	for (size_t i = 0; i < x->nsheets; i++)
		n += (size_t)snprintf(body + n, sizeof body - n, "<Override PartName=\"/xl/worksheets/sheet%zu.xml\" "
					  "ContentType=\"" CT_OOXML "worksheet+xml\"/>", i + 1);
	snprintf(body + n, sizeof body - n, "</Types>");
	part(x, "[Content_Types].xml", body);
	part(x, "_rels/.rels", "<Relationships xmlns=\"" NS_PKG "relationships\"><Relationship Id=\"rId1\" Type=\"" NS_REL
			       "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
	n = (size_t)snprintf(body, sizeof body, "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>");
	for (size_t i = 0; i < x->nsheets; i++) /* sheet names are the caller's plain words */
		n += (size_t)snprintf(body + n, sizeof body - n, "<sheet name=\"%s\" sheetId=\"%zu\" r:id=\"rId%zu\"/>",
				      x->sheets[i], i + 1, i + 1);
	snprintf(body + n, sizeof body - n, "</sheets></workbook>");
	part(x, "xl/workbook.xml", body);
	n = (size_t)snprintf(body, sizeof body, "<Relationships xmlns=\"" NS_PKG "relationships\">");
	for (size_t i = 0; i < x->nsheets; i++)
		n += (size_t)snprintf(body + n, sizeof body - n, "<Relationship Id=\"rId%zu\" Type=\"" NS_REL
					  "/worksheet\" Target=\"worksheets/sheet%zu.xml\"/>", i + 1, i + 1);
	snprintf(body + n, sizeof body - n, "<Relationship Id=\"rId%zu\" Type=\"" NS_REL "/styles\" "
					    "Target=\"styles.xml\"/></Relationships>", x->nsheets + 1);
	part(x, "xl/_rels/workbook.xml.rels", body);
	part(x, "xl/styles.xml",
	     "<styleSheet xmlns=\"" NS_MAIN "\"><fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
	     "</fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill "
	     "patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/>"
	     "<diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
	     "borderId=\"0\"/></cellStyleXfs><cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
	     "borderId=\"0\" xfId=\"0\"/></cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" "
	     "builtinId=\"0\"/></cellStyles></styleSheet>");
	/* The central directory and its end. */
	off_t at = ftello(x->f);
	uint64_t cd = at < 0 ? 0 : (uint64_t)at, cd_len = 0;
	for (size_t i = 0; i < x->ne; i++) {
		const struct entry *e = &x->e[i];
		size_t nl = strlen(e->name);
		unsigned char h[46] = { 0x50, 0x4b, 0x01, 0x02 };
		le16(h + 4, 20);
		le16(h + 6, 20);
		le16(h + 8, ZIP_FLAGS);
		le16(h + 10, 8);
		le16(h + 14, ZIP_DATE);
		le32(h + 16, e->crc);
		le32(h + 20, (uint32_t)e->csize);
		le32(h + 24, (uint32_t)e->usize);
		le16(h + 28, (unsigned)nl);
		le32(h + 42, (uint32_t)e->offset);
		if (fwrite(h, 1, sizeof h, x->f) != sizeof h || fwrite(e->name, 1, nl, x->f) != nl)
			x->failed = 1;
		cd_len += sizeof h + nl;
	}
	unsigned char end[22] = { 0x50, 0x4b, 0x05, 0x06 };
	le16(end + 8, (unsigned)x->ne);
	le16(end + 10, (unsigned)x->ne);
	le32(end + 12, (uint32_t)cd_len);
	le32(end + 16, (uint32_t)cd);
	if (at < 0 || cd > UINT32_MAX || fwrite(end, 1, sizeof end, x->f) != sizeof end)
		x->failed = 1;
	pthread_mutex_lock(&x->lock);
	x->quit = 1;
	pthread_cond_broadcast(&x->cond);
	pthread_mutex_unlock(&x->lock);
	pthread_join(x->thread, NULL);
	pthread_mutex_destroy(&x->lock);
	pthread_cond_destroy(&x->cond);
	deflateEnd(&x->z);
	int bad = x->failed;
	if (fclose(x->f))
		bad = 1;
	free(x->buf);
	free(x->spare);
	free(x->out);
	free(x);
	return bad ? -1 : 0;
}
