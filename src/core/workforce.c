/* Workers' records: the field table of model/worker.def and the rules across fields, pure. */
#include <string.h>
#include "core/workforce.h"

const char *const worker_kind_vocab[] = { WORKER_KIND_VOCAB };
const char *const worker_dbs_vocab[] = { WORKER_DBS_VOCAB };
const char *const worker_qualification_vocab[] = { WORKER_QUALIFICATION_VOCAB };

#define COL(c) c
#define DAY(c) c
#define INT(c) c
#define NOCOL ""
const struct rec_field worker_fields[WORKER_F__COUNT] = {
#define F(ID, key, kind, max, req, label, hint, vocab, col) { key, kind, max, req, label, hint, vocab, col },
	WORKER_FIELDS(F)
#undef F
};
#undef COL
#undef DAY
#undef INT
#undef NOCOL

#define COL(c) 't'
#define DAY(c) 'd'
#define INT(c) 'i'
#define NOCOL 0
const char worker_field_storage[WORKER_F__COUNT] = {
#define F(ID, key, kind, max, req, label, hint, vocab, col) col,
	WORKER_FIELDS(F)
#undef F
};
#undef COL
#undef DAY
#undef INT
#undef NOCOL

int workforce_check(char (*v)[REC_VALUE_MAX], struct field_errors *fe)
{
	size_t before = fe->n;
	if (strcmp(v[WORKER_F_KIND], "link_worker") == 0 && !v[WORKER_F_CLUSTERS][0])
		fielderr_add(fe, "clusters", "Choose the GP clusters this Living Well Worker serves");
	if (strcmp(v[WORKER_F_KIND], "support_worker") == 0 && !v[WORKER_F_AREAS][0])
		fielderr_add(fe, "areas", "Choose the areas this support worker covers");
	/* dates as YYYY-MM-DD compare as text */
	if (v[WORKER_F_START_DATE][0] && v[WORKER_F_END_DATE][0] && strcmp(v[WORKER_F_END_DATE], v[WORKER_F_START_DATE]) < 0)
		fielderr_add(fe, "end_date", "End of employment must be on or after the start date");
	if (v[WORKER_F_DBS_ISSUE_DATE][0] && v[WORKER_F_DBS_RENEWAL_DATE][0] &&
	    strcmp(v[WORKER_F_DBS_RENEWAL_DATE], v[WORKER_F_DBS_ISSUE_DATE]) <= 0)
		fielderr_add(fe, "dbs_renewal_date", "DBS renewal due must be after the certificate issue date");
	if (v[WORKER_F_DBS_LEVEL][0] && !v[WORKER_F_DBS_ISSUE_DATE][0])
		fielderr_add(fe, "dbs_issue_date", "Enter the DBS certificate issue date");
	if (v[WORKER_F_DBS_ISSUE_DATE][0] && !v[WORKER_F_DBS_LEVEL][0])
		fielderr_add(fe, "dbs_level", "Choose the DBS check level");
	return fe->n == before ? 0 : -1;
}

long workforce_capacity(long fte_hundredths, long clients_per_fte)
{
	return fte_hundredths * clients_per_fte / 100;
}
