/* Volunteers' hours milestones on pages: the line each volunteer and their
 * coordinator see, and the printable thank-you certificate. */
#ifndef WAYMARK_WEB_MILESTONES_H
#define WAYMARK_WEB_MILESTONES_H
#include <stdint.h>
#include "store/store.h"
#include "web/html.h"

/* Writes "N hours given on M tasks; milestone ...; next ..." for
 * volunteer_id (you: 1 when the volunteer reads it). 0 or -1 (store error). */
int web_milestone_line(struct html *h, struct store *st, int64_t volunteer_id, int you);
#endif
