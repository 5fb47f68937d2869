/* Multipart/form-data bodies of the routes that take uploads: libmicrohttpd's
 * post processor splits the parts as the body arrives; the file part is
 * written to an unlinked temporary file (never held in memory whole), the
 * other parts become the request's form fields (so the CSRF token is read
 * from its field as for url-encoded forms). */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>
#include "http/internal.h"

#define UPLOAD_FIELDS 32 /* text fields kept from one body */

/* Where the part being read stands: the next call continues it when it is of
 * the same kind and starts at the offset this one ends at. */
struct http_upload_parse {
	int in_file;       /* the current part is the kept file */
	int skip_file;     /* the current part is a further file: dropped */
	int field;         /* index into req->form of the current text field; -1 none */
	uint64_t next_off; /* where the current part's next piece starts */
	int started;       /* a part has begun */
	char key[64];      /* its name */
	size_t field_len;
};

int http_is_multipart(const struct http_req *req)
{
	const char *ct = http_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);
	return ct && strncasecmp(ct, "multipart/form-data", 19) == 0;
}

static int file_open(struct http_upload *u)
{
	const char *dir = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/waymark-upload-XXXXXX", dir && *dir ? dir : "/tmp");
	u->fd = mkstemp(path);
	if (u->fd < 0)
		return -1;
	unlink(path); /* gone with the descriptor, whatever happens to the request */
	return 0;
}

static int file_write(struct http_upload *u, const char *data, size_t size)
{
	while (size) {
		ssize_t w = write(u->fd, data, size);
		if (w <= 0)
			return -1;
		data += w;
		size -= (size_t)w;
		u->size += (uint64_t)w;
	}
	return 0;
}

static int field_start(struct http_req *req, const char *key)
{
	struct http_upload_parse *p = req->upload->parse;
	p->field = -1;
	p->field_len = 0;
	if (req->nform >= UPLOAD_FIELDS)
		return 0; /* further fields are not read */
	char *name = strdup(key), *value = calloc(1, 1);
	if (!name || !value) {
		free(name);
		free(value);
		return -1;
	}
	req->form[req->nform].name = name;
	req->form[req->nform].value = value;
	p->field = req->nform++;
	return 0;
}

static int field_append(struct http_req *req, const char *data, size_t size)
{
	struct http_upload_parse *p = req->upload->parse;
	if (p->field < 0 || !size)
		return 0;
	if (p->field_len + size > HTTP_MAX_FIELD_LEN || memchr(data, '\0', size))
		return -1; /* a field no form of ours sends */
	char *v = realloc(req->form[p->field].value, p->field_len + size + 1);
	if (!v)
		return -1;
	memcpy(v + p->field_len, data, size);
	p->field_len += size;
	v[p->field_len] = '\0';
	req->form[p->field].value = v;
	return 0;
}

static enum MHD_Result part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
			    const char *content_type, const char *transfer_encoding, const char *data, uint64_t off,
			    size_t size)
{
	(void)kind;
	(void)transfer_encoding;
	struct http_req *req = cls;
	struct http_upload *u = req->upload;
	struct http_upload_parse *p = u->parse;
	int is_file = filename != NULL;
	/* A piece of nothing may come first at offset 0, then the data at 0 too. */
	int same = p->started && off == p->next_off && is_file == (p->in_file || p->skip_file) &&
		   (off > 0 || strncmp(p->key, key ? key : "", sizeof p->key - 1) == 0);
	if (!same) { /* a new part */
		p->started = 1;
		snprintf(p->key, sizeof p->key, "%s", key ? key : "");
		p->in_file = p->skip_file = 0;
		if (is_file && u->files++ == 0) {
			p->in_file = 1;
			snprintf(u->file_name, sizeof u->file_name, "%s", filename);
			snprintf(u->content_type, sizeof u->content_type, "%s", content_type ? content_type : "");
			if (u->fd < 0 && file_open(u))
				return MHD_NO;
		} else if (is_file) {
			p->skip_file = 1;
		} else if (field_start(req, key ? key : "")) {
			return MHD_NO;
		}
	}
	p->next_off = off + size;
	if (p->in_file)
		return file_write(u, data, size) ? MHD_NO : MHD_YES;
	if (p->skip_file)
		return MHD_YES;
	return field_append(req, data, size) ? MHD_NO : MHD_YES;
}

int http_upload_begin(struct http_req *req)
{
	struct http_upload *u = calloc(1, sizeof *u);
	if (!u)
		return -1;
	u->fd = -1;
	req->upload = u;
	u->parse = calloc(1, sizeof *u->parse);
	req->form = calloc(UPLOAD_FIELDS, sizeof *req->form);
	if (!u->parse || !req->form)
		return -1;
	u->parse->field = -1;
	req->form_parsed = 1; /* the fields come from the parts, not from req->body */
	u->pp = MHD_create_post_processor(req->conn, 64 * 1024, part, req);
	if (!u->pp)
		u->malformed = 1; /* no boundary, or not multipart after all */
	return 0;
}

int http_upload_feed(struct http_req *req, const char *data, size_t len, size_t limit)
{
	struct http_upload *u = req->upload;
	u->received += len;
	if (u->received > limit)
		return 1;
	if (u->malformed || !u->pp)
		return 0;
	if (MHD_post_process(u->pp, data, len) != MHD_YES)
		u->malformed = 1; /* a write failed, or the parts could not be read */
	return 0;
}

void http_upload_end(struct http_req *req)
{
	struct http_upload *u = req->upload;
	if (u && u->pp) {
		if (MHD_destroy_post_processor(u->pp) != MHD_YES)
			u->malformed = 1; /* the body ended inside a part */
		u->pp = NULL;
	}
}

void http_upload_free(struct http_req *req)
{
	struct http_upload *u = req->upload;
	if (!u)
		return;
	http_upload_end(req);
	if (u->map)
		munmap(u->map, (size_t)u->size + 1);
	if (u->fd >= 0)
		close(u->fd);
	free(u->parse);
	free(u);
	req->upload = NULL;
}

const struct http_upload *http_upload_file(const struct http_req *req)
{
	return req->upload;
}

const char *http_upload_data(struct http_req *req, size_t *len)
{
	struct http_upload *u = req->upload;
	*len = 0;
	if (!u || u->fd < 0 || !u->size || u->size > SIZE_MAX - 1)
		return NULL;
	if (!u->map) {
		/* One NUL byte past the end, so the text ends as C strings do. */
		if (pwrite(u->fd, "", 1, (off_t)u->size) != 1)
			return NULL;
		void *m = mmap(NULL, (size_t)u->size + 1, PROT_READ, MAP_PRIVATE, u->fd, 0);
		if (m == MAP_FAILED)
			return NULL;
		u->map = m;
	}
	*len = (size_t)u->size;
	return u->map;
}
