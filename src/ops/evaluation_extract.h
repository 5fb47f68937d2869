/* The evaluation extract and the linkage table (docs/EVALUATION.md): files
 * written into a directory, each run audited; and the background extract
 * jobs the programme lead's page queues for the jobs thread. */
#ifndef WAYMARK_OPS_EVALUATION_EXTRACT_H
#define WAYMARK_OPS_EVALUATION_EXTRACT_H
#include "ops/ops.h"
#include "util/pseudonym.h"

#define EXTRACT_FILES 4 /* evaluation.csv, evaluation.xlsx, dictionary.csv, manifest.json */

struct extract_result {
	long long referrals, cases;            /* rows written; of them with a case */
	long long excluded_referrals, excluded_people; /* left out: no data-sharing consent */
	long long keys_from_match_key;         /* rows whose person has no NHS number */
	char sha256[EXTRACT_FILES - 1][65];    /* of the first three files (the manifest lists them) */
};

/* The names of the files, in the order above. */
extern const char *const extract_file_names[EXTRACT_FILES];

/*
 * Writes the extract of referrals received from_day..to_day (London days,
 * inclusive) into dir (created owner-only if it does not exist), keyed with
 * key. Audited evaluation.extract. OPS_OK, or OPS_ERROR with the reason in
 * err.
 */
enum ops_result ops_evaluation_extract(const struct ops_ctx *c, int64_t from_day, int64_t to_day,
				       const struct pseudonym_key *key, const char *dir, struct extract_result *out,
				       char *err, size_t errlen);

/*
 * Writes the NHS number to person key table (CSV: nhs_number,person_key) of
 * everyone with an NHS number who has not withdrawn data-sharing consent, to
 * path (created owner-only; must not exist). Only for a user whose role holds
 * PERM_EVALUATION_LINKAGE (else OPS_FORBIDDEN). Audited evaluation.linkage.
 * *rows gets how many.
 */
enum ops_result ops_evaluation_linkage(const struct ops_ctx *c, const struct pseudonym_key *key, const char *path,
				       long long *rows, char *err, size_t errlen);

/* Records that the person of the referral with this reference withdrew
 * consent to share their data for evaluation. NOT_FOUND for no such
 * referral. Audited person.data_sharing_withdraw. */
enum ops_result ops_data_sharing_withdraw(const struct ops_ctx *c, const char *reference, const char *note);

/* Queues an extract of from..to (YYYY-MM-DD, both required) for the jobs
 * thread: INVALID (fe names from or to), or OK with *id. Audited
 * evaluation.extract_request. */
enum ops_result ops_evaluation_extract_request(const struct ops_ctx *c, const char *from, const char *to,
					       struct field_errors *fe, int64_t *id);

/* Runs the oldest queued extract, if any (the jobs thread): 1 when one ran
 * (done or failed), 0 when none was queued, -1 on a store failure. */
int ops_evaluation_extract_run_next(struct store *st, int64_t now);
#endif
