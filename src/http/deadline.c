/* Enforces the absolute deadline for receiving a request (http/deadline.h):
 * the connections waiting for one are listed with when they began to wait,
 * and a sweep shuts down the sockets of those past the deadline. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include "http/deadline.h"

struct watch {
	int fd;
	int waiting;
	int64_t since; /* monotonic seconds */
	struct watch *prev, *next;
};

static struct watch watched = { -1, 0, 0, &watched, &watched };
static pthread_mutex_t watch_mu = PTHREAD_MUTEX_INITIALIZER;

static int64_t mono_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec;
}

void http_deadline_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	(void)cls;
	struct watch *w = *socket_context;
	pthread_mutex_lock(&watch_mu);
	if (code == MHD_CONNECTION_NOTIFY_STARTED && !w) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		w = ci ? calloc(1, sizeof *w) : NULL;
		if (w) {
			w->fd = ci->connect_fd;
			w->waiting = 1;
			w->since = mono_now();
			w->next = watched.next;
			w->prev = &watched;
			watched.next->prev = w;
			watched.next = w;
			*socket_context = w;
		}
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED && w) {
		w->prev->next = w->next;
		w->next->prev = w->prev;
		free(w);
		*socket_context = NULL;
	}
	pthread_mutex_unlock(&watch_mu);
}

void http_deadline_mark(struct MHD_Connection *conn, int waiting)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct watch *w = ci ? ci->socket_context : NULL;
	if (!w)
		return;
	pthread_mutex_lock(&watch_mu);
	w->waiting = waiting;
	w->since = mono_now();
	pthread_mutex_unlock(&watch_mu);
}

void http_deadline_sweep(unsigned seconds)
{
	int64_t now = mono_now();
	pthread_mutex_lock(&watch_mu);
	/* The socket stays open until libmicrohttpd sees the shutdown and
	 * closes the connection, which removes it from this list under the
	 * same lock first: the descriptor cannot have been reused meanwhile. */
	for (struct watch *w = watched.next; w != &watched; w = w->next)
		if (w->waiting && now - w->since > (int64_t)seconds) {
			shutdown(w->fd, SHUT_RDWR);
			w->waiting = 0;
		}
	pthread_mutex_unlock(&watch_mu);
}
