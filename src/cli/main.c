/* Entry point of the single `waymark` binary: finds the subcommand in the
 * table, parses its options, prints --help. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "version.h"
#include "cli/cli.h"

static void usage_all(FILE *out)
{
	fprintf(out, "Waymark %s: single point of access for community support.\n\nUsage: waymark COMMAND [OPTIONS]\n\nCommands:\n",
		WAYMARK_VERSION);
	for (const struct cli_cmd *c = cli_cmds; c->name; c++)
		fprintf(out, "  %-18s %s\n", c->name, c->summary);
	fprintf(out, "\nRun `waymark COMMAND --help` for a command's options.\n");
}

static void usage_cmd(const struct cli_cmd *c, FILE *out)
{
	fprintf(out, "Usage: waymark %s [OPTIONS]%s%s\n\n%s\n\nOptions:\n", c->name, c->usage ? " " : "",
		c->usage ? c->usage : "", c->summary);
	if (c->has_db)
		fprintf(out, "  --db URL             database: a SQLite file path or postgres://... (default: $WAYMARK_DB or waymark.db)\n");
	for (const struct cli_opt *o = c->opts; o && o->name; o++) {
		char left[64];
		snprintf(left, sizeof left, "--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(out, "  %-20s %s\n", left, o->help);
	}
	fprintf(out, "  --help               show this help\n");
}

/* Matches argv against a command name of one or more words; returns how
 * many words matched, or 0. */
static int cmd_words(const struct cli_cmd *c, int argc, char **argv)
{
	const char *p = c->name;
	int i = 0;
	while (*p) {
		if (i >= argc)
			return 0;
		size_t len = strcspn(p, " ");
		if (strlen(argv[i]) != len || strncmp(argv[i], p, len) != 0)
			return 0;
		p += len;
		if (*p == ' ')
			p++;
		i++;
	}
	return i;
}

static struct cli_opt db_opt[2];

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		usage_all(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const struct cli_cmd *cmd = NULL;
	int words = 0;
	for (const struct cli_cmd *c = cli_cmds; c->name; c++) {
		int w = cmd_words(c, argc - 1, argv + 1);
		if (w > words) {
			words = w;
			cmd = c;
		}
	}
	if (!cmd) {
		fprintf(stderr, "waymark: unknown command '%s'\n\n", argv[1]);
		usage_all(stderr);
		return 2;
	}
	struct cli_opt *opts = cmd->opts;
	db_opt[0] = (struct cli_opt){ "db", "URL", "database", NULL };
	char **rest = calloc((size_t)argc + 1, sizeof *rest);
	if (!rest)
		return 1;
	int nrest = 0;
	for (int i = 1 + words; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage_cmd(cmd, stdout);
			free(rest);
			return 0;
		}
		if (strncmp(a, "--", 2) != 0 || strcmp(a, "--") == 0) {
			rest[nrest++] = argv[i];
			continue;
		}
		const char *name = a + 2;
		const char *eq = strchr(name, '=');
		size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
		struct cli_opt *o = NULL;
		if (cmd->has_db && nlen == 2 && strncmp(name, "db", 2) == 0)
			o = &db_opt[0];
		for (struct cli_opt *p = opts; !o && p && p->name; p++)
			if (strlen(p->name) == nlen && strncmp(p->name, name, nlen) == 0)
				o = p;
		if (!o) {
			fprintf(stderr, "waymark %s: unknown option --%.*s (see --help)\n", cmd->name, (int)nlen, name);
			free(rest);
			return 2;
		}
		if (!o->arg) {
			o->value = "1";
		} else if (eq) {
			o->value = eq + 1;
		} else if (i + 1 < argc) {
			o->value = argv[++i];
		} else {
			fprintf(stderr, "waymark %s: --%s needs %s\n", cmd->name, o->name, o->arg);
			free(rest);
			return 2;
		}
	}
	cli_db_arg = db_opt[0].value;
	int r = cmd->run(nrest, rest, opts);
	free(rest);
	return r;
}
