/* Workers' records (model/worker.def): the field table and the rules across fields (a Living Well Worker
 * serves GP clusters, a support worker areas; employment and DBS dates in order), pure. */
#ifndef WAYMARK_CORE_WORKFORCE_H
#define WAYMARK_CORE_WORKFORCE_H
#include "core/record.h"

extern const char *const worker_kind_vocab[];
extern const char *const worker_dbs_vocab[];
extern const char *const worker_qualification_vocab[];

enum worker_field {
#define F(ID, key, kind, max, req, label, hint, vocab, col) WORKER_F_##ID,
#include "model/worker.def"
	WORKER_FIELDS(F)
#undef F
	WORKER_F__COUNT
};
extern const struct rec_field worker_fields[WORKER_F__COUNT];
/* How each field is stored: 't' text column, 'd' day number, 'i' number, 0 kept elsewhere. */
extern const char worker_field_storage[WORKER_F__COUNT];

/* Rules across the checked values (vals by enum worker_field, as rec_check writes them): a Living Well
 * Worker needs at least one GP cluster, a support worker at least one area; the end after the start; a DBS
 * renewal after its issue, and a level with a certificate issue date. Problems under the later field. */
int workforce_check(char (*vals)[REC_VALUE_MAX], struct field_errors *fe);
/* A worker's yearly capacity from their FTE in hundredths and the clients_per_fte setting (rounded down). */
long workforce_capacity(long fte_hundredths, long clients_per_fte);
#endif
