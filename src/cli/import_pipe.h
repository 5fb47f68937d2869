/* A bounded queue of chunks of checked rows, from the thread that reads and
 * checks a CSV import to the thread that stores it. */
#ifndef WAYMARK_CLI_IMPORT_PIPE_H
#define WAYMARK_CLI_IMPORT_PIPE_H
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"

#define IMPORT_CHUNK_ROWS 256
#define IMPORT_PIPE_FULL 4   /* chunks waiting before the reader waits */
/* A chunk's data is allocated whole and never moves (packed records hold
 * pointers into it); one row of the largest CSV record fits. */
#define IMPORT_CHUNK_BYTES (1024u * 1024)

/* One checked row: its packed record and its raw fields (for a replay), both in the chunk's data. */
struct import_row {
	unsigned long line;
	size_t rec_off;
	size_t raw_off, raw_len;
	unsigned maybe; /* what the reader's filter said of its keys (REFERRAL_MAYBE_*) */
	uint32_t key_tag; /* keytab_tag of its match key, while the reader keeps the filter */
	int64_t sla_due_at; /* its follow-up due time (the reader has time to spare) */
};

struct import_chunk {
	size_t n;
	struct import_row rows[IMPORT_CHUNK_ROWS];
	struct buf data;
	struct import_chunk *next;
};

struct import_pipe {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct import_chunk *head, *tail; /* full chunks, oldest first */
	struct import_chunk *spare;       /* emptied chunks for reuse */
	int nfull;
	int closed;                       /* the reader has no more */
	int stopped;                      /* the storer gave up: the reader stops */
};

void import_pipe_init(struct import_pipe *p);
/* Frees the chunks left in the pipe. */
void import_pipe_free(struct import_pipe *p);
/* An empty chunk (reused or new) with IMPORT_CHUNK_BYTES of room, NULL
 * when memory ran out. */
struct import_chunk *import_pipe_chunk(struct import_pipe *p);
/* Hands a chunk to the storer; waits while the pipe is full. -1 (and the
 * chunk is freed) when the storer has stopped. */
int import_pipe_put(struct import_pipe *p, struct import_chunk *c);
/* The next chunk for the storer; NULL once the reader closed the pipe and
 * every chunk was taken. */
struct import_chunk *import_pipe_get(struct import_pipe *p);
/* A taken chunk, emptied for reuse. */
void import_pipe_done(struct import_pipe *p, struct import_chunk *c);
/* The reader's end: no more chunks. */
void import_pipe_close(struct import_pipe *p);
/* The storer's end: it takes no more; waiting and later puts fail. */
void import_pipe_stop(struct import_pipe *p);
#endif
