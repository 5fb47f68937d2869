/* The queue between the reading and the storing thread of an import (see
 * import_pipe.h): a mutex, one condition variable, a list of full chunks and
 * a list of spare ones. */
#include <stdlib.h>
#include "cli/import_pipe.h"


void import_pipe_init(struct import_pipe *p)
{
	*p = (struct import_pipe){ 0 };
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
}

static void free_list(struct import_chunk *c)
{
	while (c) {
		struct import_chunk *next = c->next;
		buf_free(&c->data);
		free(c);
		c = next;
	}
}

void import_pipe_free(struct import_pipe *p)
{
	free_list(p->head);
	free_list(p->spare);
	p->head = p->tail = p->spare = NULL;
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
}

struct import_chunk *import_pipe_chunk(struct import_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	struct import_chunk *c = p->spare;
	if (c)
		p->spare = c->next;
	pthread_mutex_unlock(&p->mu);
	if (!c) {
		c = calloc(1, sizeof *c);
		if (!c)
			return NULL;
		/* All the room at once: the data never moves once rows are in it. */
		buf_init(&c->data, IMPORT_CHUNK_BYTES + 1);
		static const char zero[4096];
		while (c->data.len < IMPORT_CHUNK_BYTES && !buf_append(&c->data, zero, sizeof zero))
			;
		if (c->data.failed) {
			buf_free(&c->data);
			free(c);
			return NULL;
		}
	}
	c->n = 0;
	c->next = NULL;
	buf_reset(&c->data);
	return c;
}

int import_pipe_put(struct import_pipe *p, struct import_chunk *c)
{
	pthread_mutex_lock(&p->mu);
	while (p->nfull >= IMPORT_PIPE_FULL && !p->stopped)
		pthread_cond_wait(&p->cv, &p->mu);
	int stopped = p->stopped;
	if (!stopped) {
		c->next = NULL;
		if (p->tail)
			p->tail->next = c;
		else
			p->head = c;
		p->tail = c;
		p->nfull++;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	if (stopped) {
		c->next = NULL;
		free_list(c);
		return -1;
	}
	return 0;
}

struct import_chunk *import_pipe_get(struct import_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	while (!p->head && !p->closed)
		pthread_cond_wait(&p->cv, &p->mu);
	struct import_chunk *c = p->head;
	if (c) {
		p->head = c->next;
		if (!p->head)
			p->tail = NULL;
		p->nfull--;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	return c;
}

void import_pipe_done(struct import_pipe *p, struct import_chunk *c)
{
	pthread_mutex_lock(&p->mu);
	c->next = p->spare;
	p->spare = c;
	pthread_mutex_unlock(&p->mu);
}

void import_pipe_close(struct import_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->closed = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

void import_pipe_stop(struct import_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->stopped = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}
