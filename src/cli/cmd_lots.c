/* `waymark lots propose FILE.json`: solves a Lot allocation instance and prints the proposal as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include "cli/cli.h"
#include "core/lots.h"

int cmd_lots_propose(int argc, char **argv, struct cli_opt *opts)
{
	(void)opts;
	if (argc != 1) {
		fprintf(stderr, "waymark lots propose: give one instance file, e.g. waymark lots propose round.json\n");
		return 2;
	}
	json_error_t je;
	json_t *root = json_load_file(argv[0], 0, &je);
	if (!root) {
		fprintf(stderr, "waymark lots propose: %s line %d: %s\n", argv[0], je.line, je.text);
		return 2;
	}
	static struct lots_instance in;
	static struct lots_solution sol;
	char err[256];
	if (!json_is_object(root) || lots_instance_from_json(root, &in, err, sizeof err)) {
		fprintf(stderr, "waymark lots propose: %s: %s\n", argv[0], json_is_object(root) ? err : "not a JSON object");
		json_decref(root);
		return 2;
	}
	json_decref(root);
	lots_solve(&in, &sol);
	json_t *out = lots_proposal_json(&in, &sol);
	char *s = json_dumps(out, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(out);
	if (!s)
		return 1;
	puts(s);
	free(s);
	return sol.status == LOTS_OPTIMAL ? 0 : sol.status == LOTS_INFEASIBLE ? 3 : 1;
}
