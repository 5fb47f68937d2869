/* Static files from web/static: a strict path check (no traversal, no hidden
 * files, no symlinks), content types, caching headers and ETags. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "http/internal.h"

static int static_root = -1;

int http_static_open(const char *dir)
{
	static_root = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (static_root < 0) {
		fprintf(stderr, "{\"level\":\"warn\",\"msg\":\"static files folder %s not found; run scripts/setup-deps\"}\n", dir);
	}
	return 0;
}

static const char *content_type(const char *path)
{
	static const char *const types[][2] = {
		{ ".css", "text/css; charset=utf-8" }, { ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" }, { ".png", "image/png" }, { ".ico", "image/x-icon" },
		{ ".woff2", "font/woff2" }, { ".woff", "font/woff" }, { ".json", "application/json" },
		{ ".webmanifest", "application/manifest+json" }, { ".txt", "text/plain; charset=utf-8" },
		{ ".map", "application/json" },
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
}

/* Accepts only [A-Za-z0-9._-] segments separated by single slashes, none
 * starting with a dot: this rules out "..", hidden files and odd bytes. */
static int static_path_ok(const char *rel)
{
	if (!*rel || strlen(rel) > 200)
		return 0;
	int seg_start = 1;
	for (const char *p = rel; *p; p++) {
		char c = *p;
		if (c == '/') {
			if (seg_start)
				return 0;
			seg_start = 1;
			continue;
		}
		if (seg_start && c == '.')
			return 0;
		seg_start = 0;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
		      c == '_' || c == '-'))
			return 0;
	}
	return !seg_start;
}

void http_static(struct http_req *req, struct http_resp *resp)
{
	const char *rel = req->path + strlen("/static/");
	if (static_root < 0 || !static_path_ok(rel)) {
		http_problem(resp, 404, "Not found", "There is nothing at this address.");
		return;
	}
	int fd = openat(static_root, rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		http_problem(resp, 404, "Not found", "There is nothing at this address.");
		return;
	}
	char etag[64];
	snprintf(etag, sizeof etag, "\"%llx-%llx\"", (unsigned long long)sb.st_size, (unsigned long long)sb.st_mtime);
	resp->cacheable = 1;
	http_header_add(resp, "Cache-Control", "public, max-age=3600");
	http_header_add(resp, "ETag", etag);
	const char *inm = http_header(req, "If-None-Match");
	if (inm && strcmp(inm, etag) == 0) {
		close(fd);
		resp->status = 304;
		return;
	}
	resp->status = 200;
	resp->content_type = content_type(rel);
	resp->fd = fd;
	resp->fd_size = sb.st_size;
}
