/* Writes and reads the task/volunteer network in DIMACS min-cost-flow format. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/mcf_dimacs.h"

/* Our own lines are under 80 characters; foreign files get some slack for spacing. */
#define MCF_DIMACS_LINE_MAX 512

enum role { ROLE_NONE, ROLE_SOURCE, ROLE_SINK, ROLE_TASK, ROLE_VOL };

struct raw_arc {
	int64_t from, to, low, cap, cost;
};

static int check_problem(const struct mcf_problem *p)
{
	if (p->n_tasks < 0 || p->n_tasks > MCF_TASKS_MAX || p->n_vols < 0 || p->n_vols > MCF_VOLS_MAX ||
	    p->n_arcs < 0 || p->n_arcs > MCF_ARCS_MAX)
		return -1;
	for (int64_t i = 0; i < p->n_arcs; i++)
		if (p->arcs[i].task < 0 || p->arcs[i].task >= p->n_tasks || p->arcs[i].vol < 0 ||
		    p->arcs[i].vol >= p->n_vols)
			return -1;
	return 0;
}

int mcf_dimacs_write(FILE *f, const struct mcf_problem *p, const char *comment)
{
	int64_t nv = p->n_vols, nt = p->n_tasks;
	int64_t sink = nv + nt + 2;

	if (check_problem(p) < 0) {
		errno = EINVAL;
		return -1;
	}
	while (comment && *comment) {
		const char *nl = strchr(comment, '\n');
		int len = nl ? (int)(nl - comment) : (int)strlen(comment);

		fprintf(f, "c %.*s\n", len, comment);
		comment = nl ? nl + 1 : comment + len;
	}
	fprintf(f, "c waymark task/volunteer network: 1 source, 2..%" PRId64 " volunteers, %" PRId64
		   "..%" PRId64 " tasks, %" PRId64 " sink\n",
		nv + 1, nv + 2, nv + nt + 1, sink);
	fprintf(f, "p min %" PRId64 " %" PRId64 "\n", sink, nv + 2 * nt + p->n_arcs);
	fprintf(f, "n 1 %" PRId64 "\n", nt);
	fprintf(f, "n %" PRId64 " %" PRId64 "\n", sink, -nt);
	for (int64_t v = 0; v < nv; v++)
		fprintf(f, "a 1 %" PRId64 " 0 %" PRId32 " 0\n", v + 2, p->capacity[v]);
	for (int64_t t = 0; t < nt; t++) {
		fprintf(f, "a 1 %" PRId64 " 0 1 %" PRId64 "\n", nv + 2 + t, p->penalty[t]);
		fprintf(f, "a %" PRId64 " %" PRId64 " 0 1 0\n", nv + 2 + t, sink);
	}
	for (int64_t i = 0; i < p->n_arcs; i++)
		fprintf(f, "a %" PRId64 " %" PRId64 " 0 1 %" PRId64 "\n", (int64_t)p->arcs[i].vol + 2,
			nv + 2 + p->arcs[i].task, p->arcs[i].cost);
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}

static int fail(char *err, size_t size, long line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!err || size == 0)
		return -1;
	n = line > 0 ? snprintf(err, size, "line %ld: ", line) : 0;
	if (n < 0 || (size_t)n >= size)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err + n, size - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* Parses exactly want integers separated by blanks from s; anything else on the line is an error. */
static int parse_ints(const char *s, int64_t *out, int want)
{
	for (int i = 0; i < want; i++) {
		char *end;

		errno = 0;
		out[i] = strtoll(s, &end, 10);
		if (end == s || errno == ERANGE)
			return -1;
		s = end;
	}
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return *s ? -1 : 0;
}

struct supply_line {
	int64_t node, amount;
	long line;
};

struct reader {
	int64_t n_nodes, n_arcs_declared;
	int64_t *supply;
	enum role *role;
	int32_t *index;
	struct raw_arc *arcs;
	long *arc_line;
	int64_t n_arcs, cap_arcs;
	struct supply_line *sup;
	int64_t n_sup, cap_sup;
};

static void reader_free(struct reader *rd)
{
	free(rd->supply);
	free(rd->role);
	free(rd->index);
	free(rd->arcs);
	free(rd->arc_line);
	free(rd->sup);
}

/* Grows as lines arrive, never from the "p" line's counts: a 16-byte file must not reserve gigabytes. */
static int grow_arcs(struct reader *rd)
{
	int64_t cap = rd->cap_arcs ? 2 * rd->cap_arcs : 1024;
	struct raw_arc *a;
	long *l;

	if (cap > rd->n_arcs_declared)
		cap = rd->n_arcs_declared;
	a = realloc(rd->arcs, (size_t)cap * sizeof(*a));
	if (!a)
		return -1;
	rd->arcs = a;
	l = realloc(rd->arc_line, (size_t)cap * sizeof(*l));
	if (!l)
		return -1;
	rd->arc_line = l;
	rd->cap_arcs = cap;
	return 0;
}

static int read_lines(FILE *f, struct reader *rd, char *err, size_t err_size)
{
	char line[MCF_DIMACS_LINE_MAX];
	long lineno = 0;
	int have_p = 0;

	while (fgets(line, sizeof(line), f)) {
		int64_t v[5];

		lineno++;
		if (!strchr(line, '\n') && !feof(f))
			return fail(err, err_size, lineno, "line longer than %d characters", MCF_DIMACS_LINE_MAX - 2);
		if (line[0] == 'c' || line[0] == '\n' || line[0] == '\r')
			continue;
		if (line[0] == 'p') {
			if (have_p || strncmp(line, "p min ", 6) != 0 || parse_ints(line + 6, v, 2) < 0)
				return fail(err, err_size, lineno, "expected one \"p min NODES ARCS\"");
			if (v[0] < 2 || v[0] > (int64_t)MCF_TASKS_MAX + MCF_VOLS_MAX + 2 || v[1] < 0 ||
			    v[1] > MCF_ARCS_MAX + (int64_t)MCF_VOLS_MAX + 2 * (int64_t)MCF_TASKS_MAX)
				return fail(err, err_size, lineno, "node or arc count out of range");
			rd->n_nodes = v[0];
			rd->n_arcs_declared = v[1];
			have_p = 1;
			continue;
		}
		if (!have_p)
			return fail(err, err_size, lineno, "\"p min\" line must come first");
		if (line[0] == 'n' && (line[1] == ' ' || line[1] == '\t')) {
			if (parse_ints(line + 2, v, 2) < 0 || v[0] < 1 || v[0] > rd->n_nodes)
				return fail(err, err_size, lineno, "expected \"n NODE SUPPLY\" with a node in range");
			/* Supplies are task counts; bounding them here keeps every later sum and negation safe. */
			if (v[1] < -(int64_t)MCF_TASKS_MAX || v[1] > MCF_TASKS_MAX)
				return fail(err, err_size, lineno, "supply beyond %d tasks", (int)MCF_TASKS_MAX);
			if (rd->n_sup == rd->cap_sup) {
				int64_t cap = rd->cap_sup ? 2 * rd->cap_sup : 16;
				struct supply_line *g = realloc(rd->sup, (size_t)cap * sizeof(*g));

				if (!g)
					return fail(err, err_size, lineno, "out of memory");
				rd->sup = g;
				rd->cap_sup = cap;
			}
			rd->sup[rd->n_sup].node = v[0];
			rd->sup[rd->n_sup].amount = v[1];
			rd->sup[rd->n_sup++].line = lineno;
			continue;
		}
		if (line[0] == 'a' && (line[1] == ' ' || line[1] == '\t')) {
			struct raw_arc *a;

			if (parse_ints(line + 2, v, 5) < 0 || v[0] < 1 || v[0] > rd->n_nodes || v[1] < 1 ||
			    v[1] > rd->n_nodes)
				return fail(err, err_size, lineno, "expected \"a FROM TO LOW CAP COST\" with nodes in range");
			if (rd->n_arcs >= rd->n_arcs_declared)
				return fail(err, err_size, lineno, "more arcs than the \"p\" line declares");
			if (rd->n_arcs == rd->cap_arcs && grow_arcs(rd) < 0)
				return fail(err, err_size, lineno, "out of memory");
			a = &rd->arcs[rd->n_arcs];
			a->from = v[0];
			a->to = v[1];
			a->low = v[2];
			a->cap = v[3];
			a->cost = v[4];
			rd->arc_line[rd->n_arcs++] = lineno;
			continue;
		}
		return fail(err, err_size, lineno, "unknown line type '%c'", line[0]);
	}
	if (ferror(f))
		return fail(err, err_size, 0, "read error");
	if (!have_p)
		return fail(err, err_size, 0, "no \"p min\" line");
	if (rd->n_arcs != rd->n_arcs_declared)
		return fail(err, err_size, 0, "%" PRId64 " arcs, the \"p\" line declares %" PRId64, rd->n_arcs,
			    rd->n_arcs_declared);
	/* Every node of a task/volunteer network has an arc, so more nodes than arcs can touch is not one. */
	if (rd->n_nodes > 2 * rd->n_arcs + 2)
		return fail(err, err_size, 0, "%" PRId64 " nodes declared but %" PRId64 " arcs can touch at most %" PRId64,
			    rd->n_nodes, rd->n_arcs, 2 * rd->n_arcs + 2);
	rd->supply = calloc((size_t)rd->n_nodes + 1, sizeof(*rd->supply));
	if (!rd->supply)
		return fail(err, err_size, 0, "out of memory");
	for (int64_t i = 0; i < rd->n_sup; i++) {
		if (rd->supply[rd->sup[i].node] != 0)
			return fail(err, err_size, rd->sup[i].line, "node %" PRId64 " given a supply twice",
				    rd->sup[i].node);
		rd->supply[rd->sup[i].node] = rd->sup[i].amount;
	}
	return 0;
}

/* Decides which node is which, from supplies and from the arcs into the sink and out of the source. */
static int classify(struct reader *rd, int64_t *n_tasks, int64_t *n_vols, char *err,
		    size_t err_size)
{
	int64_t s = 0, d = 0;

	rd->role = calloc((size_t)rd->n_nodes + 1, sizeof(*rd->role));
	rd->index = malloc(((size_t)rd->n_nodes + 1) * sizeof(*rd->index));
	if (!rd->role || !rd->index)
		return fail(err, err_size, 0, "out of memory");
	for (int64_t n = 1; n <= rd->n_nodes; n++) {
		if (rd->supply[n] > 0) {
			if (s)
				return fail(err, err_size, 0, "more than one supply node (%" PRId64 ", %" PRId64 ")", s, n);
			s = n;
		} else if (rd->supply[n] < 0) {
			if (d)
				return fail(err, err_size, 0, "more than one demand node (%" PRId64 ", %" PRId64 ")", d, n);
			d = n;
		}
	}
	if (!s || !d || rd->supply[s] != -rd->supply[d])
		return fail(err, err_size, 0, "need one supply and one demand node of equal amounts");
	rd->role[s] = ROLE_SOURCE;
	rd->role[d] = ROLE_SINK;
	for (int64_t i = 0; i < rd->n_arcs; i++) {
		const struct raw_arc *a = &rd->arcs[i];

		if (a->low != 0)
			return fail(err, err_size, rd->arc_line[i], "lower bounds are not supported");
		if (a->to != d)
			continue;
		if (a->from == s || a->cap != 1 || a->cost != 0 || rd->role[a->from] != ROLE_NONE)
			return fail(err, err_size, rd->arc_line[i],
				    "an arc into the sink must be a task's only one, capacity 1, cost 0");
		rd->role[a->from] = ROLE_TASK;
	}
	for (int64_t i = 0; i < rd->n_arcs; i++) {
		const struct raw_arc *a = &rd->arcs[i];

		if (a->from == s && a->to != d && rd->role[a->to] == ROLE_NONE)
			rd->role[a->to] = ROLE_VOL;
	}
	*n_tasks = *n_vols = 0;
	for (int64_t n = 1; n <= rd->n_nodes; n++) {
		if (rd->role[n] == ROLE_TASK)
			rd->index[n] = (int32_t)(*n_tasks)++;
		else if (rd->role[n] == ROLE_VOL)
			rd->index[n] = (int32_t)(*n_vols)++;
		else
			rd->index[n] = -1;
	}
	if (*n_tasks > MCF_TASKS_MAX || *n_vols > MCF_VOLS_MAX)
		return fail(err, err_size, 0, "too many tasks or volunteers");
	if (rd->supply[s] != *n_tasks)
		return fail(err, err_size, 0, "supply %" PRId64 " is not the number of tasks %" PRId64, rd->supply[s],
			    *n_tasks);
	return 0;
}

static int build(const struct reader *rd, struct mcf_problem *p, char *err, size_t err_size)
{
	char *has_bypass = calloc((size_t)p->n_tasks + 1, 1);
	char *has_cap = calloc((size_t)p->n_vols + 1, 1);
	int rc = -1;

	if (!has_bypass || !has_cap) {
		fail(err, err_size, 0, "out of memory");
		goto out;
	}
	for (int64_t i = 0; i < rd->n_arcs; i++) {
		const struct raw_arc *a = &rd->arcs[i];
		enum role rf = rd->role[a->from], rt = rd->role[a->to];
		int32_t ti = rd->index[a->to];	/* a task or a volunteer index, by rt */

		if (rt == ROLE_SINK)
			continue;
		if (a->cost > MCF_COST_MAX || a->cost < -MCF_COST_MAX) {
			fail(err, err_size, rd->arc_line[i], "cost beyond %" PRId64, MCF_COST_MAX);
			goto out;
		}
		if (rf == ROLE_SOURCE && rt == ROLE_TASK) {
			if (has_bypass[ti] || a->cap != 1) {
				fail(err, err_size, rd->arc_line[i], "a task needs exactly one unassigned arc, capacity 1");
				goto out;
			}
			has_bypass[ti] = 1;
			p->penalty[ti] = a->cost;
		} else if (rf == ROLE_SOURCE && rt == ROLE_VOL) {
			if (has_cap[ti] || a->cost != 0 || a->cap < 0 || a->cap > INT32_MAX) {
				fail(err, err_size, rd->arc_line[i], "a volunteer needs one arc from the source, cost 0");
				goto out;
			}
			has_cap[ti] = 1;
			p->capacity[ti] = (int32_t)a->cap;
		} else if (rf == ROLE_VOL && rt == ROLE_TASK) {
			if (a->cap < 1) {
				if (a->cap == 0)
					continue;
				fail(err, err_size, rd->arc_line[i], "negative capacity");
				goto out;
			}
			p->arcs[p->n_arcs].task = ti;
			p->arcs[p->n_arcs].vol = rd->index[a->from];
			p->arcs[p->n_arcs].cost = a->cost;
			p->n_arcs++;
		} else {
			fail(err, err_size, rd->arc_line[i], "arc %" PRId64 " -> %" PRId64 " is not part of a task/volunteer network",
			     a->from, a->to);
			goto out;
		}
	}
	for (int32_t t = 0; t < p->n_tasks; t++)
		if (!has_bypass[t]) {
			fail(err, err_size, 0, "task %" PRId32 " has no unassigned arc from the source", t);
			goto out;
		}
	rc = 0;
out:
	free(has_bypass);
	free(has_cap);
	return rc;
}

int mcf_dimacs_read(FILE *f, struct mcf_problem *p, char *err, size_t err_size)
{
	struct reader rd = {0};
	int64_t nt = 0, nv = 0;

	memset(p, 0, sizeof(*p));
	if (err && err_size)
		err[0] = '\0';
	if (read_lines(f, &rd, err, err_size) < 0 || classify(&rd, &nt, &nv, err, err_size) < 0)
		goto fail;
	p->n_tasks = (int32_t)nt;
	p->n_vols = (int32_t)nv;
	p->capacity = calloc((size_t)nv + 1, sizeof(*p->capacity));
	p->penalty = calloc((size_t)nt + 1, sizeof(*p->penalty));
	p->arcs = malloc(((size_t)rd.n_arcs + 1) * sizeof(*p->arcs));
	if (!p->capacity || !p->penalty || !p->arcs) {
		fail(err, err_size, 0, "out of memory");
		goto fail;
	}
	if (build(&rd, p, err, err_size) < 0)
		goto fail;
	reader_free(&rd);
	return 0;
fail:
	reader_free(&rd);
	mcf_problem_free(p);
	return -1;
}
