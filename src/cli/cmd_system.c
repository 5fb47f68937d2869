/* The system subcommands: init, serve, version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "version.h"
#include "cli/cli.h"
#include "http/http.h"
#include "store/refdata.h"

int cmd_init(int argc, char **argv, struct cli_opt *opts)
{
	(void)argc;
	(void)argv;
	struct store *st = cli_open_db(opts, 0);
	if (!st)
		return 1;
	char err[512];
	int before = store_schema_version(st);
	if (store_migrate(st, err, sizeof err) || refdata_load(st, err, sizeof err)) {
		fprintf(stderr, "waymark init: %s\n", err);
		store_close(st);
		return 1;
	}
	int64_t practices = 0;
	store_get_int(st, STMT_PRACTICE_COUNT, &practices, "");
	printf("Database %s ready (%s, schema version %d%s); reference data loaded: %lld GP practices.\n",
	       cli_db_url(opts), store_kind_name(st), store_schema_version(st),
	       before > 0 && before == store_schema_version(st) ? ", already current" : "", (long long)practices);
	store_close(st);
	return 0;
}

/* The static files folder: --static, else web/static beside the binary's
 * build folder, else ./web/static. */
static const char *static_dir(const char *given, char *buf, size_t len)
{
	if (given)
		return given;
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(buf, len, "%s/../web/static", exe);
			if (access(buf, R_OK) == 0)
				return buf;
			snprintf(buf, len, "%s/../../web/static", exe);
			if (access(buf, R_OK) == 0)
				return buf;
		}
	}
	return "web/static";
}

int cmd_serve(int argc, char **argv, struct cli_opt *opts)
{
	(void)argc;
	(void)argv;
	char dirbuf[4200];
	long threads = strtol(cli_get_or(opts, "threads", "0"), NULL, 10);
	if (threads <= 0)
		threads = sysconf(_SC_NPROCESSORS_ONLN);
	long port = strtol(cli_get_or(opts, "port", "8080"), NULL, 10);
	if (port < 0 || port > 65535) {
		fprintf(stderr, "waymark serve: --port must be 0-65535\n");
		return 2;
	}
	const char *bind = cli_get_or(opts, "bind", "127.0.0.1");
	const char *proxies = cli_get(opts, "trusted-proxy");
	/* Behind a proxy, or on loopback where only a local proxy can reach
	 * it, every connection comes from one address: no limit unless given. */
	const char *per_addr = proxies || strncmp(bind, "127.", 4) == 0 ? "0" : "256";
	struct http_config cfg = {
		.db_url = cli_db_url(opts),
		.bind = bind,
		.port = (unsigned)port,
		.threads = (unsigned)(threads > 64 ? 64 : threads),
		.static_dir = static_dir(cli_get(opts, "static"), dirbuf, sizeof dirbuf),
		.max_body = (size_t)strtoul(cli_get_or(opts, "max-body", "1048576"), NULL, 10),
		.max_headers = 64,
		.access_log = !cli_get(opts, "quiet"),
		.behind_tls = cli_get(opts, "behind-tls") != NULL,
		.trusted_proxies = proxies,
		.conns_per_addr = (unsigned)strtoul(cli_get_or(opts, "max-conns-per-addr", per_addr), NULL, 10),
		.request_deadline = (unsigned)strtoul(cli_get_or(opts, "request-deadline", "30"), NULL, 10),
	};
	return http_serve(&cfg) ? 1 : 0;
}

int cmd_version(int argc, char **argv, struct cli_opt *opts)
{
	(void)argc;
	(void)argv;
	(void)opts;
	printf("waymark %s (schema %d, libsodium %s)\n", WAYMARK_VERSION, store_latest_version(),
	       sodium_version_string());
	return 0;
}
