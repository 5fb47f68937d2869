/* Helpers shared by the fuzz harnesses: NUL-terminated copies of the input
 * and an invariant check that aborts (so libFuzzer and the replay both stop
 * with the input that broke it). */
#ifndef WAYMARK_FUZZ_H
#define WAYMARK_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

/* A new NUL-terminated copy of the input (a NUL inside it ends the string
 * the function under test sees, as it would for any C caller), or NULL when
 * out of memory. The caller frees it. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return NULL;
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}
#endif
