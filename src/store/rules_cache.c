/* Per-thread cache of the last triage rules document parsed: the document
 * text is the key (a new version is new text), so a change is seen at once. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "store/rules_cache.h"

struct rules_cache {
	char *text;
	struct triage_rules rules;
};

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void cache_free(void *p)
{
	struct rules_cache *c = p;
	if (c)
		free(c->text);
	free(c);
}

static void cache_init(void)
{
	pthread_key_create(&cache_key, cache_free);
}

int triage_rules_cache_get(const char *text, struct triage_rules *out)
{
	pthread_once(&cache_once, cache_init);
	struct rules_cache *c = pthread_getspecific(cache_key);
	if (!c || !c->text || strcmp(c->text, text) != 0)
		return 0;
	/* Only the rules in use: the whole array is 40 KB. */
	out->version = c->rules.version;
	out->n = c->rules.n;
	memcpy(out->rules, c->rules.rules, c->rules.n * sizeof out->rules[0]);
	return 1;
}

void triage_rules_cache_put(const char *text, const struct triage_rules *r)
{
	pthread_once(&cache_once, cache_init);
	struct rules_cache *c = pthread_getspecific(cache_key);
	if (!c) {
		c = calloc(1, sizeof *c);
		if (!c || pthread_setspecific(cache_key, c)) {
			free(c);
			return;
		}
	}
	char *copy = strdup(text);
	if (!copy)
		return;
	free(c->text);
	c->text = copy;
	c->rules = *r;
}
