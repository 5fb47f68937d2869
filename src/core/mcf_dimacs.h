/* DIMACS min-cost-flow text for the task/volunteer network, so other solvers can check or race ours on the same instance. */
#ifndef WAYMARK_CORE_MCF_DIMACS_H
#define WAYMARK_CORE_MCF_DIMACS_H

#include <stdio.h>

#include "core/mcf.h"

/*
 * Node numbering written (docs/MATCHING.md, "DIMACS"): 1 is the source with
 * supply n_tasks, 2 .. n_vols+1 the volunteers, n_vols+2 .. n_vols+n_tasks+1
 * the tasks, n_vols+n_tasks+2 the sink with demand n_tasks. Arcs: source to
 * each volunteer (capacity, cost 0), then per task its "unassigned" arc from
 * the source (capacity 1, cost penalty) and its arc to the sink (capacity 1,
 * cost 0), then the volunteer-to-task arcs in problem order (capacity 1).
 * comment may be NULL; each of its lines becomes a "c" line.
 *
 * This is the one core file that takes a FILE*: the caller opens and closes
 * it. Returns 0, or -1 on a write error or a problem mcf_solve() would reject.
 */
int mcf_dimacs_write(FILE *f, const struct mcf_problem *p, const char *comment);

/*
 * Reads a DIMACS min-cost-flow network of the shape above, in any node
 * numbering and arc order: one supply node s, one demand node d with equal
 * amounts, tasks being the nodes with a cost-0 capacity-1 arc to d and one arc
 * from s, volunteers the other nodes fed by s at cost 0, and capacity-1 arcs
 * from volunteers to tasks. Anything else (lower bounds, other arcs, a supply
 * that is not the number of tasks) is rejected, because mcf_solve() could not
 * solve it. Volunteers and tasks are numbered in increasing node order.
 *
 * On success returns 0 and fills *p with new arrays, released with
 * mcf_problem_free(). On failure returns -1, leaves *p empty and, when err is
 * not NULL, writes a message naming the line into err.
 */
int mcf_dimacs_read(FILE *f, struct mcf_problem *p, char *err, size_t err_size);

#endif
