/* Exact min-cost flow for the task/volunteer transportation problem: auction prices as a warm start, then successive shortest paths from the task side. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/mcf.h"

/*
 * Algorithm (docs/MATCHING.md, "Algorithm").
 *
 * The LP is: minimise sum c[t][v] x[t][v] + sum p[t] y[t] subject to
 * sum_v x[t][v] + y[t] = 1 for each task and sum_t x[t][v] <= cap[v]. In
 * flow terms every task sends its unit to the sink z either through a
 * volunteer (arc v->z of capacity cap[v]) or over its own "unassigned" arc.
 * Potentials: u[t] per task, w[v] per volunteer, zeta for the sink; the
 * reduced cost of t->v is c + w[v] - u[t], of t's unassigned arc
 * p[t] + zeta - u[t], of v->z zeta - w[v]; reverse arcs the negation.
 *
 * Phase 2, exact: successive shortest paths (SSP). Tasks are inserted one at
 * a time; each takes one shortest path, by Dijkstra on reduced costs, from
 * itself to a node that still needs flow, and the potentials are raised so
 * every residual reduced cost stays >= 0 and the new path is tight. That
 * invariant, whatever the sign of the costs, is what makes the result
 * optimal (no offset is needed), and mcf_verify() checks its LP form. Tasks
 * are never in the heap: a full volunteer's only way on is through the at
 * most cap[v] tasks it holds (reverse arcs of reduced cost 0), so a task is
 * expanded when its volunteer is settled and its u[t] is implied by the arc
 * it holds (u = c + w) or, when unassigned, by p[t] + zeta.
 *
 * Phase 1, speed only: SSP from zero prices spends most of its time late,
 * when little room is left and each search floods a whole town of nearly
 * tight arcs before reaching spare capacity. Starting from prices close to
 * the optimal duals avoids that: almost every insertion then ends at once.
 * An auction (Bertsekas) finds such prices cheaply: a task bids for its best
 * volunteer, raising that volunteer's cheapest slot by the margin over its
 * next-best volunteer (or leaving the task) plus epsilon, and the task it
 * evicts bids again. Its result is only approximate, and SSP accepts any
 * prices w >= 0: volunteers priced above the sink start "owed" (v->z
 * saturated, so they must be filled or the debt returned through the sink),
 * which keeps every residual reduced cost >= 0. A bid budget bounds phase 1
 * on adversarial inputs, and where the auction finds room almost everywhere
 * its prices are dropped, since zero is then nearly optimal and cheaper.
 */

#define INF_DIST INT64_MAX
#define ASG_BYPASS (-1)
#define ASG_NONE (-2)
#define NIL (-1)
#define AUCTION_BIDS_PER_TASK 100	/* budget; the benchmark needs about 35 */

enum term_kind { TERM_VOL = 0, TERM_BYPASS = 1 };

struct csr_arc {
	int64_t cost;
	int32_t vol;
	int32_t orig;
};

/* A node that still needs flow, reached at dist: a volunteer owed a unit, or the sink via v->z or t's unassigned arc. */
struct term {
	int64_t dist;
	enum term_kind kind;
	int32_t idx;	/* volunteer for TERM_VOL, task for TERM_BYPASS */
	int at_sink;
};

struct solver {
	int32_t nt, nv, sink;	/* node ids: volunteers 0..nv-1, sink nv */
	int32_t *first;		/* nt + 1 offsets into arcs */
	struct csr_arc *arcs;
	int32_t *split;		/* arcs of t from split[t] on cost more than bound[t], at least */
	int64_t *bound;
	const int64_t *penalty;
	const int32_t *cap;
	int32_t *load;		/* tasks held */
	int32_t *flow;		/* units on v->z; above load means the volunteer is owed units */
	int64_t *w;		/* nv + 1 potentials, w[sink] is zeta */
	int64_t need;		/* units the sink still needs */
	int32_t *asg;		/* CSR arc held by a task, ASG_BYPASS or ASG_NONE */
	int32_t *hold;		/* first task held by a volunteer */
	int32_t *next, *prev;	/* doubly linked holder lists, per task */
	int32_t *byp, *byp_pos, n_byp;	/* unassigned tasks, for expanding the sink */
	/* Dijkstra scratch over nv + 1 nodes, valid for a node only when mark[] says so. */
	uint32_t *mark;
	uint32_t gen;
	int64_t *dist;
	int32_t *pred_task;	/* task the node was reached from, or NIL when reached from the sink */
	int32_t *pred_arc;	/* CSR arc; for the sink: the volunteer of v->z or, with pred_task, the unassigned arc */
	int32_t *heap, *hpos, hn;
	int32_t *settled, ns;
	int64_t n_bids, n_searches, n_scanned, n_sink_scans;
};

static int64_t task_u(const struct solver *s, int32_t t)
{
	if (s->asg[t] == ASG_BYPASS)
		return s->penalty[t] + s->w[s->sink];
	return s->arcs[s->asg[t]].cost + s->w[s->arcs[s->asg[t]].vol];
}

static void hold_add(struct solver *s, int32_t t, int32_t v, int32_t a)
{
	s->asg[t] = a;
	s->prev[t] = NIL;
	s->next[t] = s->hold[v];
	if (s->hold[v] != NIL)
		s->prev[s->hold[v]] = t;
	s->hold[v] = t;
	s->load[v]++;
}

static void byp_add(struct solver *s, int32_t t)
{
	s->asg[t] = ASG_BYPASS;
	s->byp_pos[t] = s->n_byp;
	s->byp[s->n_byp++] = t;
}

/* Detaches t from whatever it holds; returns the volunteer it left, or the sink. */
static int32_t detach(struct solver *s, int32_t t)
{
	int32_t v;

	if (s->asg[t] == ASG_BYPASS) {
		int32_t last = s->byp[--s->n_byp];

		s->byp[s->byp_pos[t]] = last;
		s->byp_pos[last] = s->byp_pos[t];
		s->asg[t] = ASG_NONE;
		return s->sink;
	}
	v = s->arcs[s->asg[t]].vol;
	if (s->prev[t] != NIL)
		s->next[s->prev[t]] = s->next[t];
	else
		s->hold[v] = s->next[t];
	if (s->next[t] != NIL)
		s->prev[s->next[t]] = s->prev[t];
	s->load[v]--;
	s->asg[t] = ASG_NONE;
	return v;
}

/* Heap order is (dist, node) so equal distances settle the lower volunteer first and the sink last. */
static int heap_less(const struct solver *s, int32_t a, int32_t b)
{
	return s->dist[a] < s->dist[b] || (s->dist[a] == s->dist[b] && a < b);
}

static void heap_up(struct solver *s, int32_t i)
{
	int32_t v = s->heap[i];

	while (i > 0) {
		int32_t parent = (i - 1) / 2;

		if (!heap_less(s, v, s->heap[parent]))
			break;
		s->heap[i] = s->heap[parent];
		s->hpos[s->heap[i]] = i;
		i = parent;
	}
	s->heap[i] = v;
	s->hpos[v] = i;
}

static void heap_down(struct solver *s, int32_t i)
{
	int32_t v = s->heap[i];

	for (;;) {
		int32_t c = 2 * i + 1;

		if (c >= s->hn)
			break;
		if (c + 1 < s->hn && heap_less(s, s->heap[c + 1], s->heap[c]))
			c++;
		if (!heap_less(s, s->heap[c], v))
			break;
		s->heap[i] = s->heap[c];
		s->hpos[s->heap[i]] = i;
		i = c;
	}
	s->heap[i] = v;
	s->hpos[v] = i;
}

static int32_t heap_pop(struct solver *s)
{
	int32_t top = s->heap[0];

	s->hn--;
	if (s->hn > 0) {
		s->heap[0] = s->heap[s->hn];
		heap_down(s, 0);
	}
	s->hpos[top] = NIL;
	return top;
}

static void heap_push_or_decrease(struct solver *s, int32_t n)
{
	if (s->hpos[n] == NIL) {
		s->heap[s->hn] = n;
		s->hpos[n] = s->hn++;
	}
	heap_up(s, s->hpos[n]);
}

static void offer(struct term *best, int64_t dist, enum term_kind kind, int32_t idx, int at_sink)
{
	if (dist > best->dist)
		return;
	if (dist == best->dist && (kind > best->kind || (kind == best->kind && idx >= best->idx)))
		return;
	best->dist = dist;
	best->kind = kind;
	best->idx = idx;
	best->at_sink = at_sink;
}

/* mark[n] == gen means reached by the current search, gen + 1 settled; gen advances by 2 per search so nothing needs clearing. */
static int is_settled(const struct solver *s, int32_t n)
{
	return s->mark[n] == s->gen + 1;
}

/* Node n reached at nd from (task, arc): 1 when that is its best distance so far in this search (and recorded), 0 when not. */
static inline int relax(struct solver *s, int32_t n, int64_t nd, int32_t task, int32_t arc)
{
	if (is_settled(s, n))
		return 0;
	if (s->mark[n] == s->gen && nd >= s->dist[n])
		return 0;
	if (s->mark[n] != s->gen) {
		s->mark[n] = s->gen;
		s->hpos[n] = NIL;
	}
	s->dist[n] = nd;
	s->pred_task[n] = task;
	s->pred_arc[n] = arc;
	return 1;
}

/* Lowers the sink's tentative distance when the sink is a transit node; via is a volunteer (task NIL) or a task's unassigned arc. */
static void reach_sink(struct solver *s, int64_t nd, int32_t task, int32_t vol)
{
	if (relax(s, s->sink, nd, task, vol))
		heap_push_or_decrease(s, s->sink);
}

/* Volunteer v reached at nd (tentatively, or for good): a terminal if owed, else a heap node that may pass on to the sink. */
static void reach_vol(struct solver *s, int32_t v, int64_t nd, int32_t task, int32_t arc, struct term *best)
{
	if (!relax(s, v, nd, task, arc))
		return;
	if (s->flow[v] > s->load[v]) {
		offer(best, nd, TERM_VOL, v, 0);
		return;
	}
	if (s->load[v] < s->cap[v]) {
		int64_t rz = s->w[s->sink] - s->w[v];

		if (s->need > 0) {
			offer(best, nd + rz, TERM_VOL, v, 1);
			/* Passing straight on at no cost: v itself can never be settled before that terminal. */
			if (rz == 0)
				return;
		} else if (task != NIL) {
			/* v's own heap entry first: its distance has already changed, and the sink's sift must see a valid heap. */
			heap_push_or_decrease(s, v);
			reach_sink(s, nd + rz, NIL, v);
			return;
		}
	}
	heap_push_or_decrease(s, v);
}

static void scan_arcs(struct solver *s, int32_t t, int32_t from, int32_t to, int64_t d, int64_t u,
		      struct term *best)
{
	s->n_scanned += to - from;
	for (int32_t a = from; a < to; a++) {
		int32_t v = s->arcs[a].vol;

		if (a == s->asg[t] || s->mark[v] == s->gen + 1)
			continue;
		reach_vol(s, v, d + s->arcs[a].cost + s->w[v] - u, t, a, best);
	}
}

/*
 * Relaxes t's arcs from distance d. The far part of its arc list is skipped
 * when even its lower bound (prices only rise) cannot beat the terminal
 * already found: most of a task's volunteers are never worth a look.
 */
static void relax_task(struct solver *s, int32_t t, int64_t d, int64_t u, struct term *best)
{
	scan_arcs(s, t, s->first[t], s->split[t], d, u, best);
	if (s->split[t] < s->first[t + 1] && (best->dist == INF_DIST || s->bound[t] - u + d < best->dist))
		scan_arcs(s, t, s->split[t], s->first[t + 1], d, u, best);
}

static void expand_task(struct solver *s, int32_t t, int64_t d, struct term *best)
{
	int64_t u = task_u(s, t);

	if (s->asg[t] != ASG_BYPASS) {
		int64_t nd = d + s->penalty[t] + s->w[s->sink] - u;

		if (s->need > 0)
			offer(best, nd, TERM_BYPASS, t, 1);
		else
			reach_sink(s, nd, t, NIL);
	}
	relax_task(s, t, d, u, best);
}

/* Settling the sink (only once it needs nothing more) opens its reverse arcs: volunteers' v->z flow and unassigned tasks. */
static void expand_sink(struct solver *s, int64_t d, struct term *best)
{
	s->n_sink_scans++;
	for (int32_t v = 0; v < s->nv; v++)
		if (s->flow[v] > 0)
			reach_vol(s, v, d + s->w[v] - s->w[s->sink], NIL, NIL, best);
	for (int32_t i = 0; i < s->n_byp; i++)
		expand_task(s, s->byp[i], d, best);
}

/* Moves units backwards along the path found, from the terminal to t0. */
static void augment(struct solver *s, int32_t t0, const struct term *best)
{
	int32_t x;

	if (best->at_sink) {
		s->need--;
		if (best->kind == TERM_BYPASS) {
			int32_t t = best->idx;

			if (t == t0) {
				byp_add(s, t0);
				return;
			}
			x = detach(s, t);
			byp_add(s, t);
		} else {
			s->flow[best->idx]++;
			x = best->idx;
		}
	} else {
		x = best->idx;
	}
	for (;;) {
		if (x == s->sink) {
			/* The sink lost a unit it counted on; take it from where the sink was reached. */
			int32_t t = s->pred_task[x];

			if (t == NIL) {
				s->flow[s->pred_arc[x]]++;
				x = s->pred_arc[x];
				continue;
			}
			if (t == t0) {
				byp_add(s, t0);
				return;
			}
			x = detach(s, t);
			byp_add(s, t);
			continue;
		}
		if (s->pred_task[x] == NIL) {
			/* Reached from the sink: v sends one unit less to it. */
			s->flow[x]--;
			x = s->sink;
			continue;
		}
		{
			int32_t t = s->pred_task[x], a = s->pred_arc[x];
			int32_t from = t == t0 ? NIL : detach(s, t);

			hold_add(s, t, x, a);
			if (from == NIL)
				return;
			x = from;
		}
	}
}

/* The best option of a task found so far, by pick_best(). */
struct pick {
	int64_t val;
	int32_t a;
	int cls;
};

/* Key (value, class, volunteer index); class 0 ends the path at that volunteer, 1 would displace someone. */
static void pick_best(const struct solver *s, int32_t from, int32_t to, struct pick *b)
{
	int64_t zeta = s->w[s->sink];

	for (int32_t a = from; a < to; a++) {
		int32_t v = s->arcs[a].vol;
		int64_t val = s->arcs[a].cost + s->w[v];
		int cls = s->flow[v] > s->load[v] || (s->load[v] < s->cap[v] && s->need > 0 && s->w[v] == zeta) ? 0 : 1;

		if (val < b->val ||
		    (val == b->val && (cls < b->cls || (cls == b->cls && v < s->arcs[b->a].vol)))) {
			b->val = val;
			b->a = a;
			b->cls = cls;
		}
	}
}

/*
 * Takes a volunteer with room (or owed a unit) for t0 directly, or leaves it
 * unassigned, when that is a path of reduced cost 0; returns 1 then. Else
 * returns 0 with u0, the value of t0's best option, to start a search from.
 */
static int insert_fast(struct solver *s, int32_t t0, int64_t *u0)
{
	int64_t zeta = s->w[s->sink];
	struct pick b = {INF_DIST, NIL, 2};
	int64_t best_val;
	int32_t best_a;
	int best_class;

	pick_best(s, s->first[t0], s->split[t0], &b);
	/* Past the split every value exceeds bound[t0], so it can only matter if the near part did not reach it. */
	if (b.a == NIL || b.val > s->bound[t0])
		pick_best(s, s->split[t0], s->first[t0 + 1], &b);
	best_val = b.val;
	best_a = b.a;
	best_class = b.cls;
	if (best_a != NIL && best_val <= s->penalty[t0] + zeta && best_class == 0) {
		int32_t v = s->arcs[best_a].vol;

		if (s->flow[v] <= s->load[v]) {
			s->flow[v]++;
			s->need--;
		}
		hold_add(s, t0, v, best_a);
		return 1;
	}
	if ((best_a == NIL || best_val >= s->penalty[t0] + zeta) && s->need > 0) {
		s->need--;
		byp_add(s, t0);
		return 1;
	}
	*u0 = best_a != NIL && best_val < s->penalty[t0] + zeta ? best_val : s->penalty[t0] + zeta;
	return 0;
}

/*
 * A volunteer still owed units but priced exactly at the sink's level can
 * pass its debt to the sink for nothing: less flow on v->z, at reduced cost
 * 0, changes no reduced cost. A search through the sink leaves the volunteer
 * whose debt it cancelled at that level, so this saves one such search for
 * each unit it still owes.
 */
static void forgive_debts(struct solver *s)
{
	for (int32_t v = 0; v < s->nv; v++)
		if (s->flow[v] > s->load[v] && s->w[v] == s->w[s->sink]) {
			s->need += s->flow[v] - s->load[v];
			s->flow[v] = s->load[v];
		}
}

static void insert_task(struct solver *s, int32_t t0)
{
	int64_t u0;
	struct term best = {INF_DIST, TERM_BYPASS, INT32_MAX, 0};

	if (insert_fast(s, t0, &u0))
		return;

	/* The best choice is taken: search for the cheapest chain of displacements. */
	s->n_searches++;
	s->gen += 2;
	s->hn = 0;
	s->ns = 0;
	/* t0 holds nothing yet, so expand_task() must see u0 rather than derive it. */
	{
		int64_t nd = s->penalty[t0] + s->w[s->sink] - u0;

		if (s->need > 0)
			offer(&best, nd, TERM_BYPASS, t0, 1);
		else
			reach_sink(s, nd, t0, NIL);
		relax_task(s, t0, 0, u0, &best);
	}
	while (s->hn > 0 && s->dist[s->heap[0]] < best.dist) {
		int32_t n = heap_pop(s);
		int64_t d = s->dist[n];

		s->mark[n] = s->gen + 1;
		s->settled[s->ns++] = n;
		if (n == s->sink) {
			expand_sink(s, d, &best);
			continue;
		}
		for (int32_t t = s->hold[n]; t != NIL; t = s->next[t])
			expand_task(s, t, d, &best);
	}
	/* Raising settled potentials by how much closer they were than the terminal keeps reduced costs >= 0 and the path tight. */
	for (int32_t i = 0; i < s->ns; i++) {
		int32_t n = s->settled[i];

		s->w[n] += best.dist - s->dist[n];
	}
	augment(s, t0, &best);
	if (is_settled(s, s->sink))
		forgive_debts(s);
}

/*
 * Phase 1: an auction on volunteer slots, for prices only. Slots of a
 * volunteer form a min-heap on price, so the cheapest slot (the one a bidder
 * takes) is at the front and entry[v] mirrors its price for the bidding loop.
 *
 * One pass at a fixed epsilon, not epsilon-scaling: scaling restarts each
 * phase with every slot emptied but still priced, and in this asymmetric
 * problem (volunteers may keep room) slots nobody re-takes stay overpriced;
 * then SSP sees those volunteers at price zero and most tasks want them. A
 * single pass only ever prices slots that are held, so a volunteer with room
 * ends at zero, as the optimal duals have it. Epsilon at 1/256 of the cost
 * range measured best on the benchmark (docs/MATCHING.md).
 */
#define AUCTION_EPS_DIVISOR 256
#define AUCTION_CANDIDATES 4
/* Above any cost plus price a bid can see, yet far from overflowing when a cost is added. */
#define NO_SLOT (INT64_MAX / 4)

struct auction {
	int32_t *off;		/* nv + 1 slot offsets */
	int64_t *price;
	int32_t *holder;
	int64_t *entry;		/* price of v's cheapest slot; NO_SLOT when v has none */
	int32_t *queue;
	struct csr_arc *cand;	/* per task, copies of AUCTION_CANDIDATES arcs (see auction_scan) */
	int32_t *ncand;		/* how many; -1 before the first scan */
	int64_t *tau;
};

static void slot_sift_down(struct auction *au, int32_t base, int32_t n, int32_t i)
{
	for (;;) {
		int32_t c = 2 * i + 1;
		int64_t tp;
		int32_t th;

		if (c >= n)
			return;
		if (c + 1 < n && au->price[base + c + 1] < au->price[base + c])
			c++;
		if (au->price[base + c] >= au->price[base + i])
			return;
		tp = au->price[base + c];
		th = au->holder[base + c];
		au->price[base + c] = au->price[base + i];
		au->holder[base + c] = au->holder[base + i];
		au->price[base + i] = tp;
		au->holder[base + i] = th;
		i = c;
	}
}

/*
 * Best and second-best value of t's options at current prices, full scan.
 * Also keeps t's AUCTION_CANDIDATES cheapest arcs and the value of the next
 * one (tau): prices only rise, so while the best two of those stay below tau
 * no other arc can compete, and a re-bid after eviction looks at them alone.
 */
static void auction_scan(struct solver *s, struct auction *au, int32_t t, int64_t *b1p, int64_t *b2p, int32_t *v1p)
{
	int32_t v1 = NIL, top_a[AUCTION_CANDIDATES + 1];
	int64_t b1 = s->penalty[t], b2 = INF_DIST, top_v[AUCTION_CANDIDATES + 1];
	int n = 0;

	for (int32_t a = s->first[t]; a < s->first[t + 1]; a++) {
		int32_t v = s->arcs[a].vol;
		int64_t val = s->arcs[a].cost + au->entry[v];
		int i;

		if (val < b1 || (val == b1 && v1 != NIL && v < v1)) {
			b2 = b1;
			b1 = val;
			v1 = v;
		} else if (val < b2) {
			b2 = val;
		}
		if (n == AUCTION_CANDIDATES + 1 && val >= top_v[n - 1])
			continue;
		if (n < AUCTION_CANDIDATES + 1)
			n++;
		for (i = n - 1; i > 0 && top_v[i - 1] > val; i--) {
			top_v[i] = top_v[i - 1];
			top_a[i] = top_a[i - 1];
		}
		top_v[i] = val;
		top_a[i] = a;
	}
	au->ncand[t] = n < AUCTION_CANDIDATES ? n : AUCTION_CANDIDATES;
	/* Copies, not indices: a re-bid then touches one cache line instead of four scattered ones. */
	for (int i = 0; i < au->ncand[t]; i++)
		au->cand[(size_t)t * AUCTION_CANDIDATES + (size_t)i] = s->arcs[top_a[i]];
	au->tau[t] = n == AUCTION_CANDIDATES + 1 ? top_v[AUCTION_CANDIDATES] : INF_DIST;
	*b1p = b1;
	*b2p = b2;
	*v1p = v1;
}

/* The same answer from the candidates alone, or 0 when they cannot prove it. */
static int auction_quick(struct solver *s, struct auction *au, int32_t t, int64_t *b1p, int64_t *b2p, int32_t *v1p)
{
	int32_t v1 = NIL;
	int64_t b1 = s->penalty[t], b2 = INF_DIST;

	if (au->ncand[t] < 0)
		return 0;
	for (int i = 0; i < au->ncand[t]; i++) {
		const struct csr_arc *c = &au->cand[(size_t)t * AUCTION_CANDIDATES + (size_t)i];
		int32_t v = c->vol;
		int64_t val = c->cost + au->entry[v];

		if (val < b1 || (val == b1 && v1 != NIL && v < v1)) {
			b2 = b1;
			b1 = val;
			v1 = v;
		} else if (val < b2) {
			b2 = val;
		}
	}
	/* Strictly below tau for the best, so no unseen arc can tie it and win on a lower index. */
	if (!(b1 < au->tau[t] && b2 <= au->tau[t]))
		return 0;
	*b1p = b1;
	*b2p = b2;
	*v1p = v1;
	return 1;
}

/* One bid by t; returns the task it evicted, or NIL. */
static int32_t auction_bid(struct solver *s, struct auction *au, int32_t t, int64_t eps)
{
	int32_t v1, base, n, evicted;
	int64_t b1, b2;

	if (!auction_quick(s, au, t, &b1, &b2, &v1))
		auction_scan(s, au, t, &b1, &b2, &v1);
	if (v1 == NIL)
		return NIL;	/* unassigned is best: no price to raise */
	base = au->off[v1];
	n = au->off[v1 + 1] - base;
	/*
	 * The margin ignores the volunteer's other slots: counting them, a
	 * popular volunteer's identical slots would climb in turns by epsilon
	 * each. Jumping straight to the next-best volunteer's level can leave
	 * the bidder slightly overpaying, which only blurs the prices SSP starts
	 * from, never its result; it roughly halved the bids on the benchmark.
	 */
	evicted = au->holder[base];
	au->holder[base] = t;
	au->price[base] += b2 - b1 + eps;
	slot_sift_down(au, base, n, 0);
	au->entry[v1] = au->price[base];
	return evicted;
}

static void auction_prices(struct solver *s)
{
	struct auction au = {0};
	int64_t lo = INF_DIST, hi = -INF_DIST, eps, budget;
	int32_t total = 0, qh = 0, qn, qcap = s->nt + 1;

	au.off = malloc(((size_t)s->nv + 1) * sizeof(*au.off));
	au.entry = malloc(((size_t)s->nv + 1) * sizeof(*au.entry));
	au.queue = malloc(((size_t)s->nt + 1) * sizeof(*au.queue));
	au.cand = malloc(((size_t)s->nt + 1) * AUCTION_CANDIDATES * sizeof(*au.cand));
	au.ncand = malloc(((size_t)s->nt + 1) * sizeof(*au.ncand));
	au.tau = malloc(((size_t)s->nt + 1) * sizeof(*au.tau));
	if (!au.off || !au.entry || !au.queue || !au.cand || !au.ncand || !au.tau)
		goto out;
	for (int32_t t = 0; t < s->nt; t++)
		au.ncand[t] = -1;
	/* A volunteer can never use more slots than it has arcs, which bounds memory whatever the capacities. */
	au.off[0] = 0;
	for (int32_t a = 0; a < s->first[s->nt]; a++)
		s->load[s->arcs[a].vol]++;
	for (int32_t v = 0; v < s->nv; v++) {
		int32_t k = s->cap[v] < s->load[v] ? s->cap[v] : s->load[v];

		s->load[v] = 0;
		total += k;
		au.off[v + 1] = total;
		au.entry[v] = k > 0 ? 0 : NO_SLOT;
	}
	au.price = calloc((size_t)total + 1, sizeof(*au.price));
	au.holder = malloc(((size_t)total + 1) * sizeof(*au.holder));
	if (!au.price || !au.holder)
		goto out;
	for (int32_t k = 0; k < total; k++)
		au.holder[k] = NIL;
	for (int32_t a = 0; a < s->first[s->nt]; a++) {
		if (s->arcs[a].cost < lo)
			lo = s->arcs[a].cost;
		if (s->arcs[a].cost > hi)
			hi = s->arcs[a].cost;
	}
	if (hi < lo)
		goto out;
	eps = (hi - lo) / AUCTION_EPS_DIVISOR;
	if (eps < 1)
		eps = 1;
	budget = (int64_t)AUCTION_BIDS_PER_TASK * s->nt + 1000;
	for (int32_t t = 0; t < s->nt; t++)
		au.queue[t] = t;
	qn = s->nt;
	while (qn > 0 && s->n_bids < budget) {
		int32_t t = au.queue[qh], evicted;

		qh = qh + 1 == qcap ? 0 : qh + 1;
		qn--;
		s->n_bids++;
		evicted = auction_bid(s, &au, t, eps);
		if (evicted != NIL) {
			int32_t tail = qh + qn;

			au.queue[tail >= qcap ? tail - qcap : tail] = evicted;
			qn++;
		}
	}
	/*
	 * Hardly any evictions means room almost everywhere: the optimal duals
	 * are then mostly zero, and plain SSP from zero prices is fastest (the
	 * auction's prices would make volunteers "owed" who end with room, and
	 * every unit of such debt costs a search through the sink).
	 */
	if (s->n_bids < 2 * (int64_t)s->nt)
		goto out;
	/*
	 * Only volunteers the auction filled keep a price; the rest start at
	 * zero, with room. A bidder paid up to epsilon more than its next-best
	 * choice; taking epsilon + 1 off makes its volunteer strictly its best
	 * again, so SSP puts it back there rather than on the next-best, which
	 * may be a volunteer with room that should have been left for others.
	 */
	for (int32_t v = 0; v < s->nv; v++) {
		int full = au.off[v + 1] - au.off[v] == s->cap[v] && s->cap[v] > 0;

		for (int32_t k = au.off[v]; full && k < au.off[v + 1]; k++)
			if (au.holder[k] == NIL)
				full = 0;
		s->w[v] = full && au.price[au.off[v]] > eps + 1 ? au.price[au.off[v]] - eps - 1 : 0;
		/* Bids never exceed penalty minus cost plus epsilon; the clamp only documents the bound SSP relies on. */
		if (s->w[v] > 2 * MCF_COST_MAX)
			s->w[v] = 2 * MCF_COST_MAX;
	}
out:
	free(au.off);
	free(au.price);
	free(au.holder);
	free(au.entry);
	free(au.queue);
	free(au.cand);
	free(au.ncand);
	free(au.tau);
}

/*
 * Puts each task's arcs within SPLIT_DIVISOR-th of the cost range of its
 * cheapest (at the starting prices) first, and records that bound: prices
 * only rise, so the rest stay at least that dear and searches can skip them.
 */
#define SPLIT_DIVISOR 32

static void split_arcs(struct solver *s)
{
	int64_t lo = INF_DIST, hi = -INF_DIST, theta;

	for (int32_t a = 0; a < s->first[s->nt]; a++) {
		if (s->arcs[a].cost < lo)
			lo = s->arcs[a].cost;
		if (s->arcs[a].cost > hi)
			hi = s->arcs[a].cost;
	}
	theta = hi > lo ? (hi - lo) / SPLIT_DIVISOR : 0;
	if (theta < 1)
		theta = 1;
	for (int32_t t = 0; t < s->nt; t++) {
		int32_t i = s->first[t], j = s->first[t + 1] - 1;
		int64_t m = INF_DIST;

		for (int32_t a = i; a <= j; a++)
			if (s->arcs[a].cost + s->w[s->arcs[a].vol] < m)
				m = s->arcs[a].cost + s->w[s->arcs[a].vol];
		s->bound[t] = m == INF_DIST ? 0 : m + theta;	/* no arcs: nothing to skip */
		while (i <= j) {
			if (s->arcs[i].cost + s->w[s->arcs[i].vol] <= s->bound[t]) {
				i++;
			} else {
				struct csr_arc tmp = s->arcs[i];

				s->arcs[i] = s->arcs[j];
				s->arcs[j--] = tmp;
			}
		}
		s->split[t] = i;
	}
}

/* Volunteers priced above the sink start owed their full capacity; as long as that stays within the number of tasks. */
static void start_owed(struct solver *s)
{
	int64_t owed = 0;

	for (int32_t v = 0; v < s->nv; v++) {
		if (s->w[v] > 0 && owed + s->cap[v] <= s->nt) {
			s->flow[v] = s->cap[v];
			owed += s->cap[v];
		} else {
			s->w[v] = 0;
			s->flow[v] = 0;
		}
	}
	s->w[s->sink] = 0;
	s->need = s->nt - owed;
}

static int validate(const struct mcf_problem *p)
{
	if (p->n_tasks < 0 || p->n_tasks > MCF_TASKS_MAX || p->n_vols < 0 || p->n_vols > MCF_VOLS_MAX ||
	    p->n_arcs < 0 || p->n_arcs > MCF_ARCS_MAX)
		return -1;
	if ((p->n_tasks > 0 && !p->penalty) || (p->n_vols > 0 && !p->capacity) || (p->n_arcs > 0 && !p->arcs))
		return -1;
	for (int32_t v = 0; v < p->n_vols; v++)
		if (p->capacity[v] < 0)
			return -1;
	for (int32_t t = 0; t < p->n_tasks; t++)
		if (p->penalty[t] > MCF_COST_MAX || p->penalty[t] < -MCF_COST_MAX)
			return -1;
	for (int64_t i = 0; i < p->n_arcs; i++) {
		const struct mcf_arc *a = &p->arcs[i];

		if (a->task < 0 || a->task >= p->n_tasks || a->vol < 0 || a->vol >= p->n_vols ||
		    a->cost > MCF_COST_MAX || a->cost < -MCF_COST_MAX)
			return -1;
	}
	return 0;
}

static void solver_free(struct solver *s)
{
	free(s->first);
	free(s->arcs);
	free(s->split);
	free(s->bound);
	free(s->load);
	free(s->flow);
	free(s->w);
	free(s->asg);
	free(s->hold);
	free(s->next);
	free(s->prev);
	free(s->byp);
	free(s->byp_pos);
	free(s->mark);
	free(s->dist);
	free(s->pred_task);
	free(s->pred_arc);
	free(s->heap);
	free(s->hpos);
	free(s->settled);
}

static int solver_init(struct solver *s, const struct mcf_problem *p)
{
	size_t nt = (size_t)p->n_tasks, nn = (size_t)p->n_vols + 1;
	int32_t *fill;

	memset(s, 0, sizeof(*s));
	s->nt = p->n_tasks;
	s->nv = p->n_vols;
	s->sink = p->n_vols;
	s->penalty = p->penalty;
	s->cap = p->capacity;
	s->first = calloc(nt + 1, sizeof(*s->first));
	s->arcs = malloc(((size_t)p->n_arcs + 1) * sizeof(*s->arcs));
	s->split = malloc((nt + 1) * sizeof(*s->split));
	s->bound = malloc((nt + 1) * sizeof(*s->bound));
	s->load = calloc(nn, sizeof(*s->load));
	s->flow = calloc(nn, sizeof(*s->flow));
	s->w = calloc(nn, sizeof(*s->w));
	s->asg = malloc((nt + 1) * sizeof(*s->asg));
	s->hold = malloc(nn * sizeof(*s->hold));
	s->next = malloc((nt + 1) * sizeof(*s->next));
	s->prev = malloc((nt + 1) * sizeof(*s->prev));
	s->byp = malloc((nt + 1) * sizeof(*s->byp));
	s->byp_pos = malloc((nt + 1) * sizeof(*s->byp_pos));
	s->mark = calloc(nn, sizeof(*s->mark));
	s->dist = malloc(nn * sizeof(*s->dist));
	s->pred_task = malloc(nn * sizeof(*s->pred_task));
	s->pred_arc = malloc(nn * sizeof(*s->pred_arc));
	s->heap = malloc(nn * sizeof(*s->heap));
	s->hpos = malloc(nn * sizeof(*s->hpos));
	s->settled = malloc(nn * sizeof(*s->settled));
	fill = malloc((nt + 1) * sizeof(*fill));
	if (!s->first || !s->arcs || !s->split || !s->bound || !s->load || !s->flow || !s->w || !s->asg || !s->hold || !s->next ||
	    !s->prev || !s->byp || !s->byp_pos || !s->mark || !s->dist || !s->pred_task || !s->pred_arc ||
	    !s->heap || !s->hpos || !s->settled || !fill) {
		free(fill);
		solver_free(s);
		return -1;
	}
	/* Counting sort by task, stable, so arcs keep their input order within a task. */
	for (int64_t i = 0; i < p->n_arcs; i++)
		s->first[p->arcs[i].task + 1]++;
	for (size_t t = 0; t < nt; t++)
		s->first[t + 1] += s->first[t];
	memcpy(fill, s->first, nt * sizeof(*fill));
	for (int64_t i = 0; i < p->n_arcs; i++) {
		int32_t k = fill[p->arcs[i].task]++;

		s->arcs[k].cost = p->arcs[i].cost;
		s->arcs[k].vol = p->arcs[i].vol;
		s->arcs[k].orig = (int32_t)i;
	}
	free(fill);
	for (size_t t = 0; t < nt; t++)
		s->asg[t] = ASG_NONE;
	for (size_t v = 0; v < nn; v++)
		s->hold[v] = NIL;
	/* mark[] starts at 0 and the first search uses gen 2, so nothing looks reached before it is. */
	s->gen = 0;
	return 0;
}

void mcf_result_free(struct mcf_result *r)
{
	free(r->vol_of_task);
	free(r->arc_of_task);
	free(r->task_dual);
	free(r->vol_dual);
	memset(r, 0, sizeof(*r));
}

void mcf_problem_free(struct mcf_problem *p)
{
	free(p->capacity);
	free(p->penalty);
	free(p->arcs);
	memset(p, 0, sizeof(*p));
}

static int solve(const struct mcf_problem *p, const int64_t *prices, int auction, struct mcf_result *r)
{
	struct solver s;
	size_t nt, nv;
	int64_t zeta;

	memset(r, 0, sizeof(*r));
	if (!p || validate(p) < 0) {
		errno = EINVAL;
		return -1;
	}
	if (prices)
		for (int32_t v = 0; v < p->n_vols; v++)
			if (prices[v] < 0 || prices[v] > 2 * MCF_COST_MAX) {
				errno = EINVAL;
				return -1;
			}
	nt = (size_t)p->n_tasks;
	nv = (size_t)p->n_vols;
	if (solver_init(&s, p) < 0) {
		errno = ENOMEM;
		return -1;
	}
	r->vol_of_task = malloc((nt + 1) * sizeof(*r->vol_of_task));
	r->arc_of_task = malloc((nt + 1) * sizeof(*r->arc_of_task));
	r->task_dual = malloc((nt + 1) * sizeof(*r->task_dual));
	r->vol_dual = malloc((nv + 1) * sizeof(*r->vol_dual));
	if (!r->vol_of_task || !r->arc_of_task || !r->task_dual || !r->vol_dual) {
		mcf_result_free(r);
		solver_free(&s);
		errno = ENOMEM;
		return -1;
	}

	if (prices)
		memcpy(s.w, prices, nv * sizeof(*s.w));
	else if (auction)
		auction_prices(&s);
	start_owed(&s);
	split_arcs(&s);
	for (int32_t t = 0; t < s.nt; t++)
		insert_task(&s, t);

	/*
	 * Back to the LP's duals: shift by the sink's potential; a volunteer
	 * holding nobody may sit below it, and zero is as good a price for it.
	 */
	zeta = s.w[s.sink];
	for (size_t v = 0; v < nv; v++) {
		r->vol_dual[v] = s.w[v] - zeta;
		if (r->vol_dual[v] < 0)
			r->vol_dual[v] = 0;
	}
	for (int32_t t = 0; t < s.nt; t++) {
		if (s.asg[t] >= 0) {
			const struct csr_arc *a = &s.arcs[s.asg[t]];

			r->vol_of_task[t] = a->vol;
			r->arc_of_task[t] = a->orig;
			r->task_dual[t] = a->cost + r->vol_dual[a->vol];
			r->cost += a->cost;
			r->n_assigned++;
		} else {
			r->vol_of_task[t] = MCF_UNASSIGNED;
			r->arc_of_task[t] = -1;
			r->task_dual[t] = p->penalty[t];
			r->cost += p->penalty[t];
		}
	}
	r->n_bids = s.n_bids;
	r->n_searches = s.n_searches;
	r->n_scanned = s.n_scanned;
	r->n_sink_scans = s.n_sink_scans;
	solver_free(&s);
	return 0;
}

int mcf_solve(const struct mcf_problem *p, struct mcf_result *r)
{
	return solve(p, NULL, 1, r);
}

int mcf_solve_from(const struct mcf_problem *p, const int64_t *vol_prices, struct mcf_result *r)
{
	return solve(p, vol_prices, 0, r);
}

int mcf_verify(const struct mcf_problem *p, const struct mcf_result *r)
{
	int32_t *load;
	int64_t cost = 0;
	int rc = -1;

	if (!p || !r || validate(p) < 0)
		return -1;
	load = calloc((size_t)p->n_vols + 1, sizeof(*load));
	if (!load)
		return -1;
	for (int32_t t = 0; t < p->n_tasks; t++) {
		int64_t a = r->arc_of_task[t];

		if (r->task_dual[t] > p->penalty[t])
			goto out;
		if (a < 0) {
			if (r->vol_of_task[t] != MCF_UNASSIGNED || r->task_dual[t] != p->penalty[t])
				goto out;
			cost += p->penalty[t];
			continue;
		}
		if (a >= p->n_arcs || p->arcs[a].task != t || p->arcs[a].vol != r->vol_of_task[t])
			goto out;
		if (r->task_dual[t] != p->arcs[a].cost + r->vol_dual[p->arcs[a].vol])
			goto out;
		load[p->arcs[a].vol]++;
		cost += p->arcs[a].cost;
	}
	if (cost != r->cost)
		goto out;
	for (int32_t v = 0; v < p->n_vols; v++) {
		if (load[v] > p->capacity[v] || r->vol_dual[v] < 0)
			goto out;
		if (r->vol_dual[v] > 0 && load[v] != p->capacity[v])
			goto out;
	}
	for (int64_t i = 0; i < p->n_arcs; i++)
		if (r->task_dual[p->arcs[i].task] > p->arcs[i].cost + r->vol_dual[p->arcs[i].vol])
			goto out;
	rc = 0;
out:
	free(load);
	return rc;
}
