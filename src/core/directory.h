/* The community service directory's rules: a service's fields checked and
 * normalised (model/service.def), and the search text and LIKE patterns that
 * make a free-text search match the same services on SQLite and PostgreSQL. */
#ifndef WAYMARK_CORE_DIRECTORY_H
#define WAYMARK_CORE_DIRECTORY_H
#include <stddef.h>
#include <stdint.h>
#include "core/authz.h"
#include "core/fielderr.h"
#include "model/service.def"

enum service_field {
#define F(id, ...) SF_##id,
	SERVICE_FIELDS(F)
#undef F
	SF__MAX
};

enum service_kind {
	SK_TEXT,       /* one line of text */
	SK_LONGTEXT,   /* text that may hold line breaks */
	SK_CATEGORIES, /* codes of data/vocab/service_categories.csv */
	SK_AREAS,      /* area codes (data/areas.csv) */
	SK_CAPACITY,   /* a code of data/vocab/service_capacity.csv */
	SK_PHONE,      /* a UK phone number, kept as typed (trimmed) */
	SK_EMAIL,      /* an email address */
	SK_URL,        /* an http(s) address */
	SK_POSTCODE,   /* a UK postcode, kept normalised */
	SK_STATUS,     /* active or inactive (default active) */
};

struct service_field_desc {
	const char *key;
	enum service_kind kind;
	int max;
	int required;
	const char *label;
	const char *hint;   /* NULL when none */
	const char *column; /* its column of services, or NULL */
	int contact;        /* 1: shown under "contact" */
};
extern const struct service_field_desc service_fields[SF__MAX];

/* The field with this key, or -1. */
int service_field_by_key(const char *key);
/* 1 for the fields that hold a list of codes (categories, service areas). */
int service_field_is_list(enum service_field f);

#define DIRECTORY_CODE_MAX 48   /* bytes of a code with its NUL */
#define DIRECTORY_LABEL_MAX 120 /* bytes of a label with its NUL */
#define DIRECTORY_LIST_MAX 32   /* codes a list field may hold */
#define DIRECTORY_ARENA 24576   /* room for every text field at its longest */
#define DIRECTORY_QUERY_WORDS 4 /* words of a free-text search that must all match */
#define DIRECTORY_QUERY_MAX 200 /* longest free-text search, in bytes */
#define DIRECTORY_PATTERN_MAX (2 * DIRECTORY_QUERY_MAX + 3)

/* 1 when a user of role and org_id may change a listing owned by
 * owner_org_id: the owner's directory editors, hub coordinators and the
 * programme lead (finding 10b); others may only suggest a change. */
int directory_may_edit(enum role role, int64_t org_id, int64_t owner_org_id);

/* A vocabulary the lists are checked against (codes and labels borrowed). */
struct directory_vocab {
	const char *code[DIRECTORY_LIST_MAX];
	const char *label[DIRECTORY_LIST_MAX];
	size_t n;
};

struct directory_refs {
	struct directory_vocab categories, areas, capacity;
};

/* The label of code in v, or NULL. */
const char *directory_vocab_label(const struct directory_vocab *v, const char *code);

/* What was sent: for text fields v[f] (NULL: not given); for list fields
 * items[f][0..nitems[f]) (too_many[f] set when more were sent than fit). */
struct service_input {
	const char *v[SF__MAX];
	const char *items[SF__MAX][DIRECTORY_LIST_MAX];
	size_t nitems[SF__MAX];
	int too_many[SF__MAX];
};

/* A checked service: v[f] points into arena ("" when empty), lists hold
 * distinct codes in vocabulary order. */
struct service_record {
	const char *v[SF__MAX];
	char list[2][DIRECTORY_LIST_MAX][DIRECTORY_CODE_MAX]; /* categories, service areas */
	size_t nlist[2];
	char arena[DIRECTORY_ARENA];
	size_t used;
};
#define SERVICE_LIST_CATEGORIES 0
#define SERVICE_LIST_AREAS 1

/*
 * Checks in against refs and fills rec (text trimmed, postcode normalised,
 * lists de-duplicated). Every problem goes to fe under the field's key with
 * a message naming the field; a service needs at least one of phone, email
 * or website. Returns 0 when there were no problems, else -1.
 */
int service_validate(const struct service_input *in, const struct directory_refs *refs, struct service_record *rec,
		     struct field_errors *fe);

/* A suggestion's id as given in an address: the whole number, or -1. */
int64_t directory_suggestion_id(const char *text);

/* The input that would save rec unchanged (borrows rec's strings). */
void service_input_from_record(const struct service_record *rec, struct service_input *in);

/* A search: each filter "" (or NULL) for any. text is free text whose words
 * must all appear (directory_query_patterns). */
struct directory_query {
	const char *category, *area, *capacity, *text;
	int include_inactive;
	int limit, offset;
};
#define DIRECTORY_SEARCH_MAX 200 /* the most services one search returns */
#define DIRECTORY_SEARCH_LIMIT 50 /* ... when no limit is asked for */

/* Reads a search's parameters category, area, capacity, q, limit, offset and
 * include_inactive (param(ctx, name): the text given, or NULL) into q, with
 * strings borrowed; each problem goes to fe under the parameter's name. */
void directory_query_parse(const char *(*param)(void *ctx, const char *name), void *ctx,
			   const struct directory_refs *refs, struct directory_query *q, struct field_errors *fe);

/*
 * Writes the text a free-text search looks in: organisation, name,
 * description and eligibility joined by spaces with ASCII letters in lower
 * case (other bytes as they are, so both databases compare the same bytes).
 * Truncates to outlen. Returns out.
 */
char *directory_search_text(const char *org, const char *name, const char *description, const char *eligibility,
			    char *out, size_t outlen);

/*
 * Splits q into up to DIRECTORY_QUERY_WORDS words and writes, for each, a
 * LIKE pattern "%word%" in ASCII lower case with %, _ and \ escaped by \
 * (for LIKE ... ESCAPE '\'). Unused slots get "%". Returns the number of
 * words, or -1 when q is longer than DIRECTORY_QUERY_MAX or has more words.
 */
int directory_query_patterns(const char *q, char pats[DIRECTORY_QUERY_WORDS][DIRECTORY_PATTERN_MAX]);
#endif
