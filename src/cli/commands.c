/* The table of `waymark` subcommands and their options. */
#include "cli/cli.h"

int cmd_init(int argc, char **argv, struct cli_opt *opts);
int cmd_serve(int argc, char **argv, struct cli_opt *opts);
int cmd_version(int argc, char **argv, struct cli_opt *opts);
int cmd_demo(int argc, char **argv, struct cli_opt *opts);

static struct cli_opt no_opts[] = { { 0 } };

static struct cli_opt serve_opts[] = {
	{ "port", "N", "TCP port (default 8080; 0 picks a free one)", NULL },
	{ "bind", "ADDR", "IPv4 address to listen on (default 127.0.0.1)", NULL },
	{ "threads", "N", "worker threads (default: the number of cores)", NULL },
	{ "static", "DIR", "static files folder (default web/static)", NULL },
	{ "max-body", "BYTES", "largest request body accepted (default 1048576)", NULL },
	{ "quiet", NULL, "no access log on stderr", NULL },
	{ 0 },
};

static struct cli_opt demo_opts[] = {
	{ "password", "PW", "password for every demo account (default: demo-password-1)", NULL },
	{ 0 },
};

const struct cli_cmd cli_cmds[] = {
	{ "init", cmd_init, "create or migrate the database and load Norfolk and Waveney reference data", no_opts, 1, NULL },
	{ "serve", cmd_serve, "serve the web pages and the JSON API", serve_opts, 1, NULL },
	{ "demo", cmd_demo, "load believable demo organisations, users and referrals (once)", demo_opts, 1, NULL },
	{ "version", cmd_version, "print the version", no_opts, 0, NULL },
	{ 0 },
};
