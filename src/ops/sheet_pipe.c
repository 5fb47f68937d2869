/* The worksheet writer thread: blocks of rows through a small bounded queue. */
#include "ops/sheet_pipe.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_ROWS 512
#define QUEUE_BLOCKS 4

struct block {
	size_t rows, cells, cap_cells;
	unsigned char *kind; /* 0 empty, 1 text, 2 number */
	double *num;
	size_t *off;
	char *text;
	size_t used, cap_text;
};

struct sheet_pipe {
	lxw_worksheet *ws;
	size_t ncols;
	lxw_row_t next_row;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct block *queue[QUEUE_BLOCKS];
	size_t head, count;
	int done, failed;
	struct block *cur;
	struct block *spare[QUEUE_BLOCKS + 2];
	size_t nspare;
};

static struct block *block_new(size_t ncols)
{
	struct block *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->cap_cells = BLOCK_ROWS * ncols;
	b->kind = malloc(b->cap_cells);
	b->num = malloc(b->cap_cells * sizeof *b->num);
	b->off = malloc(b->cap_cells * sizeof *b->off);
	b->cap_text = 64 * b->cap_cells;
	b->text = malloc(b->cap_text);
	if (!b->kind || !b->num || !b->off || !b->text) {
		free(b->kind);
		free(b->num);
		free(b->off);
		free(b->text);
		free(b);
		return NULL;
	}
	return b;
}

static void block_free(struct block *b)
{
	if (!b)
		return;
	free(b->kind);
	free(b->num);
	free(b->off);
	free(b->text);
	free(b);
}

static void *writer(void *arg)
{
	struct sheet_pipe *p = arg;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (!p->count && !p->done)
			pthread_cond_wait(&p->changed, &p->lock);
		if (!p->count) {
			pthread_mutex_unlock(&p->lock);
			return NULL;
		}
		struct block *b = p->queue[p->head];
		pthread_mutex_unlock(&p->lock);
		int bad = 0;
		for (size_t i = 0; i < b->cells; i++) {
			lxw_row_t row = p->next_row + (lxw_row_t)(i / p->ncols);
			lxw_col_t col = (lxw_col_t)(i % p->ncols);
			if (b->kind[i] == 2)
				bad |= worksheet_write_number(p->ws, row, col, b->num[i], NULL) != LXW_NO_ERROR;
			else if (b->kind[i] == 1)
				bad |= worksheet_write_string(p->ws, row, col, b->text + b->off[i], NULL) != LXW_NO_ERROR;
		}
		p->next_row += (lxw_row_t)b->rows;
		pthread_mutex_lock(&p->lock);
		p->head = (p->head + 1) % QUEUE_BLOCKS;
		p->count--;
		p->failed |= bad;
		b->rows = b->cells = b->used = 0;
		p->spare[p->nspare++] = b;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
	}
}

struct sheet_pipe *sheet_pipe_start(lxw_worksheet *ws, size_t ncols, lxw_row_t first_row)
{
	struct sheet_pipe *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->ws = ws;
	p->ncols = ncols;
	p->next_row = first_row;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
	for (size_t i = 0; i < QUEUE_BLOCKS + 1; i++) {
		struct block *b = block_new(ncols);
		if (!b)
			break;
		p->spare[p->nspare++] = b;
	}
	if (p->nspare < QUEUE_BLOCKS + 1 || pthread_create(&p->thread, NULL, writer, p)) {
		while (p->nspare)
			block_free(p->spare[--p->nspare]);
		free(p);
		return NULL;
	}
	p->cur = p->spare[--p->nspare];
	return p;
}

int sheet_pipe_cell(struct sheet_pipe *p, const char *text, int number, double value)
{
	struct block *b = p->cur;
	if (b->cells == b->cap_cells)
		return -1;
	size_t i = b->cells++;
	if (number) {
		b->kind[i] = 2;
		b->num[i] = value;
		return 0;
	}
	size_t n = strlen(text);
	if (!n) {
		b->kind[i] = 0;
		return 0;
	}
	if (b->used + n + 1 > b->cap_text) {
		size_t cap = 2 * b->cap_text + n + 1;
		char *t = realloc(b->text, cap);
		if (!t)
			return -1;
		b->text = t;
		b->cap_text = cap;
	}
	memcpy(b->text + b->used, text, n + 1);
	b->kind[i] = 1;
	b->off[i] = b->used;
	b->used += n + 1;
	return 0;
}

/* Hands the current block to the writer and takes a free one. */
static int pipe_flush(struct sheet_pipe *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->count == QUEUE_BLOCKS || !p->nspare)
		pthread_cond_wait(&p->changed, &p->lock);
	p->queue[(p->head + p->count) % QUEUE_BLOCKS] = p->cur;
	p->count++;
	p->cur = p->spare[--p->nspare];
	int failed = p->failed;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	return failed ? -1 : 0;
}

int sheet_pipe_row_end(struct sheet_pipe *p)
{
	p->cur->rows++;
	return p->cur->rows == BLOCK_ROWS ? pipe_flush(p) : 0;
}

int sheet_pipe_finish(struct sheet_pipe *p)
{
	int bad = 0;
	if (p->cur->rows)
		bad |= pipe_flush(p) != 0;
	pthread_mutex_lock(&p->lock);
	p->done = 1;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	bad |= p->failed;
	block_free(p->cur);
	while (p->nspare)
		block_free(p->spare[--p->nspare]);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->changed);
	free(p);
	return bad ? -1 : 0;
}
