/* A small open-loop HTTP/1.1 load generator for the benchmarks and the soak:
 * requests are scheduled at a fixed rate (like wrk2) and each latency is
 * measured from the moment the request was due, so a stalled server cannot
 * hide its queueing (no coordinated omission); --rate 0 runs closed-loop.
 *
 *   loadgen --port P [--host 127.0.0.1] [--conns 64] [--rate R] [--seconds S]
 *           [--token T] [--get-prefix /api/v1/referrals/ --max-id N]
 *           [--post PATH --bodies FILE] [--write-share PERCENT]
 *
 * GETs go to PREFIX + a random id in 1..N; POSTs send the next line of
 * FILE (one JSON document a line) as application/json. Prints one line:
 *   LOADGEN sent=.. done=.. ok=.. errors=.. rate=.. p50_ms=.. p90_ms=.. p99_ms=.. max_ms=.. [status counts]
 * and exits 1 if a connection failed. Everything runs on one thread (epoll). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HIST_US 10            /* histogram bucket width, microseconds */
#define HIST_N (1000000)      /* 10 s of buckets; slower goes in the last */
#define INBUF 262144

struct conn {
	int fd;
	int busy;
	double due; /* when the request in flight was due (seconds) */
	size_t inlen;
	char *in;
	const char *out;
	size_t outlen, outoff;
	char *outown;
};

static struct {
	const char *host, *token, *get_prefix, *post_path, *bodies_file;
	int port, conns, write_share;
	double rate, seconds;
	long max_id;
} o = { "127.0.0.1", NULL, "/api/v1/referrals/", NULL, NULL, 0, 64, 0, 0, 10, 1 };

static uint32_t *hist;
static long status_count[600];
static long sent, done, ok, errors, conn_failures;
static double max_lat;
static char **bodies;
static size_t nbodies, next_body;
static uint64_t rng = 0x9E3779B97F4A7C15ull;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int connect_one(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)o.port) };
	inet_pton(AF_INET, o.host, &sa.sin_addr);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa)) {
		close(fd);
		return -1;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}

static void load_bodies(void)
{
	FILE *f = fopen(o.bodies_file, "r");
	if (!f) {
		perror(o.bodies_file);
		exit(2);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) > 0) {
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!n)
			continue;
		bodies = realloc(bodies, (nbodies + 1) * sizeof *bodies);
		bodies[nbodies++] = strdup(line);
	}
	free(line);
	fclose(f);
	if (!nbodies) {
		fprintf(stderr, "loadgen: %s has no bodies\n", o.bodies_file);
		exit(2);
	}
}

static void start_request(struct conn *c, double due)
{
	char auth[200] = "";
	if (o.token)
		snprintf(auth, sizeof auth, "Authorization: Bearer %s\r\n", o.token);
	int write = o.post_path && (o.write_share >= 100 || (long)(rnd() % 100) < o.write_share);
	free(c->outown);
	if (write) {
		const char *b = bodies[next_body++ % nbodies];
		size_t bl = strlen(b);
		c->outown = malloc(bl + 512);
		int n = snprintf(c->outown, 512, "POST %s HTTP/1.1\r\nHost: %s\r\n%sContent-Type: application/json\r\n"
				 "Accept: application/json\r\nContent-Length: %zu\r\n\r\n", o.post_path, o.host, auth, bl);
		memcpy(c->outown + n, b, bl);
		c->outlen = (size_t)n + bl;
	} else {
		c->outown = malloc(512);
		long id = o.max_id > 0 ? 1 + (long)(rnd() % (uint64_t)o.max_id) : 1;
		c->outlen = (size_t)snprintf(c->outown, 512, "GET %s%ld HTTP/1.1\r\nHost: %s\r\n%sAccept: application/json\r\n\r\n",
					     o.get_prefix, id, o.host, auth);
	}
	c->out = c->outown;
	c->outoff = 0;
	c->busy = 1;
	c->due = due;
	c->inlen = 0;
	sent++;
}

static int flush_out(struct conn *c)
{
	while (c->outoff < c->outlen) {
		ssize_t n = send(c->fd, c->out + c->outoff, c->outlen - c->outoff, MSG_NOSIGNAL);
		if (n < 0)
			return errno == EAGAIN ? 0 : -1;
		c->outoff += (size_t)n;
	}
	return 0;
}

/* 1 when a whole response is in c->in (status in *status), 0 when not yet. */
static int response_complete(struct conn *c, int *status)
{
	char *end = memmem(c->in, c->inlen, "\r\n\r\n", 4);
	if (!end)
		return 0;
	size_t head = (size_t)(end - c->in) + 4;
	*status = atoi(c->in + 9);
	long clen = 0;
	for (char *p = c->in; p < end; p++) {
		if ((p == c->in || p[-1] == '\n') && strncasecmp(p, "Content-Length:", 15) == 0) {
			clen = atol(p + 15);
			break;
		}
	}
	if (c->inlen < head + (size_t)clen)
		return 0;
	size_t used = head + (size_t)clen;
	memmove(c->in, c->in + used, c->inlen - used);
	c->inlen -= used;
	return 1;
}

static void record(double lat, int status)
{
	long b = (long)(lat * 1e6 / HIST_US);
	if (b >= HIST_N)
		b = HIST_N - 1;
	if (b < 0)
		b = 0;
	hist[b]++;
	if (lat > max_lat)
		max_lat = lat;
	done++;
	if (status >= 200 && status < 300)
		ok++;
	else
		errors++;
	if (status >= 0 && status < 600)
		status_count[status]++;
}

static double percentile(double p)
{
	long want = (long)(p / 100.0 * (double)done + 0.5), seen = 0;
	if (want < 1)
		want = 1;
	for (long b = 0; b < HIST_N; b++) {
		seen += hist[b];
		if (seen >= want)
			return (double)(b + 1) * HIST_US / 1000.0;
	}
	return max_lat * 1000.0;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v) {
			fprintf(stderr, "loadgen: %s needs a value\n", a);
			return 2;
		}
		i++;
		if (!strcmp(a, "--host")) o.host = v;
		else if (!strcmp(a, "--port")) o.port = atoi(v);
		else if (!strcmp(a, "--conns")) o.conns = atoi(v);
		else if (!strcmp(a, "--rate")) o.rate = atof(v);
		else if (!strcmp(a, "--seconds")) o.seconds = atof(v);
		else if (!strcmp(a, "--token")) o.token = v;
		else if (!strcmp(a, "--get-prefix")) o.get_prefix = v;
		else if (!strcmp(a, "--max-id")) o.max_id = atol(v);
		else if (!strcmp(a, "--post")) o.post_path = v;
		else if (!strcmp(a, "--bodies")) o.bodies_file = v;
		else if (!strcmp(a, "--write-share")) o.write_share = atoi(v);
		else {
			fprintf(stderr, "loadgen: unknown option %s\n", a);
			return 2;
		}
	}
	if (!o.port || o.conns < 1) {
		fprintf(stderr, "loadgen: --port is required\n");
		return 2;
	}
	if (o.post_path) {
		if (!o.bodies_file) {
			fprintf(stderr, "loadgen: --post needs --bodies\n");
			return 2;
		}
		load_bodies();
		if (!o.write_share)
			o.write_share = 100;
	}
	hist = calloc(HIST_N, sizeof *hist);
	struct conn *cs = calloc((size_t)o.conns, sizeof *cs);
	int ep = epoll_create1(0);
	for (int i = 0; i < o.conns; i++) {
		cs[i].fd = connect_one();
		cs[i].in = malloc(INBUF);
		if (cs[i].fd < 0) {
			fprintf(stderr, "loadgen: cannot connect to %s:%d: %s\n", o.host, o.port, strerror(errno));
			return 1;
		}
		struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLET, .data.u32 = (uint32_t)i };
		epoll_ctl(ep, EPOLL_CTL_ADD, cs[i].fd, &ev);
	}
	double t0 = now_s(), end = t0 + o.seconds;
	long scheduled = 0; /* requests due so far (open loop) */
	int *idle = malloc((size_t)o.conns * sizeof *idle), nidle = 0;
	for (int i = 0; i < o.conns; i++)
		idle[nidle++] = i;
	struct epoll_event evs[256];
	for (;;) {
		double t = now_s();
		if (t >= end)
			break;
		if (o.rate > 0) {
			/* Hand every request that is due to an idle connection; the rest
			 * wait, and their latency counts from when they were due. */
			while (nidle && t0 + (double)scheduled / o.rate <= t) {
				struct conn *c = &cs[idle[--nidle]];
				start_request(c, t0 + (double)scheduled / o.rate);
				scheduled++;
				if (flush_out(c))
					conn_failures++;
			}
		} else {
			while (nidle) {
				struct conn *c = &cs[idle[--nidle]];
				start_request(c, t);
				if (flush_out(c))
					conn_failures++;
			}
		}
		if (conn_failures)
			break;
		int timeout_ms = 1;
		if (o.rate > 0) {
			double next = t0 + (double)scheduled / o.rate - now_s();
			timeout_ms = nidle == 0 ? 10 : next <= 0 ? 0 : (int)(next * 1000.0);
		}
		struct timespec ts = { 0, 0 };
		if (o.rate > 0 && nidle) {
			double next = t0 + (double)scheduled / o.rate - now_s();
			if (next > 0) {
				ts.tv_sec = (time_t)next;
				ts.tv_nsec = (long)((next - (double)ts.tv_sec) * 1e9);
			}
		} else {
			ts.tv_nsec = (long)timeout_ms * 1000000L;
		}
		int n = epoll_pwait2(ep, evs, 256, &ts, NULL);
		for (int k = 0; k < n; k++) {
			struct conn *c = &cs[evs[k].data.u32];
			if ((evs[k].events & EPOLLOUT) && c->busy && flush_out(c))
				conn_failures++;
			if (!(evs[k].events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
				continue;
			for (;;) {
				ssize_t r = recv(c->fd, c->in + c->inlen, INBUF - c->inlen, 0);
				if (r > 0) {
					c->inlen += (size_t)r;
					int status;
					if (c->busy && response_complete(c, &status)) {
						record(now_s() - c->due, status);
						c->busy = 0;
						idle[nidle++] = (int)(c - cs);
					}
					if (c->inlen == INBUF) {
						fprintf(stderr, "loadgen: response larger than %d bytes\n", INBUF);
						return 1;
					}
					continue;
				}
				if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
					if (c->busy)
						conn_failures++;
					fprintf(stderr, "loadgen: connection %d closed by the server\n", (int)(c - cs));
					epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
					close(c->fd);
					c->fd = connect_one();
					c->busy = 0;
					c->inlen = 0;
					if (c->fd < 0)
						return 1;
					struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLET, .data.u32 = (uint32_t)(c - cs) };
					epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
					idle[nidle++] = (int)(c - cs);
				}
				break;
			}
		}
		if (conn_failures)
			break;
	}
	double secs = now_s() - t0;
	/* Requests that fell due but found no free connection before the end. */
	long late = o.rate > 0 ? (long)(o.seconds * o.rate) - sent : 0;
	if (late < 0)
		late = 0;
	printf("LOADGEN sent=%ld done=%ld ok=%ld errors=%ld conn_failures=%ld rate=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f "
	       "max_ms=%.3f unsent=%ld",
	       sent, done, ok, errors, conn_failures, (double)done / secs, percentile(50), percentile(90), percentile(99),
	       max_lat * 1000.0, late);
	for (int s = 0; s < 600; s++)
		if (status_count[s])
			printf(" status_%d=%ld", s, status_count[s]);
	printf("\n");
	return conn_failures ? 1 : 0;
}
