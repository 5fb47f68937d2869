/* The absolute deadline for receiving a request: libmicrohttpd's timeout
 * restarts at every byte, so a client trickling a header line every few
 * seconds would hold its connection for ever without this. */
#ifndef WAYMARK_HTTP_DEADLINE_H
#define WAYMARK_HTTP_DEADLINE_H
#include <microhttpd.h>

/* MHD_OPTION_NOTIFY_CONNECTION: starts watching a connection when it opens,
 * stops when it closes (before libmicrohttpd closes its socket). */
void http_deadline_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode code);
/* waiting = 1: the connection now waits for a request (it opened, or the
 * last response was sent); 0: a whole request has arrived. */
void http_deadline_mark(struct MHD_Connection *conn, int waiting);
/* Shuts down every connection that has waited for its request longer than
 * seconds (run about once a second). */
void http_deadline_sweep(unsigned seconds);
#endif
