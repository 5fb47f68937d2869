/* Allocation fault injection (compiled only with -DWAYMARK_FAULT, linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup):
 * the armed thread's Nth allocation returns NULL, in Waymark's own code and
 * in SQLite (given these allocators at start-up; jansson too with
 * WAYMARK_FAULT_JSON=1).
 * WAYMARK_FAULT_ALLOC=N arms the main thread at start (the command line);
 * WAYMARK_FAULT_REPORT=1 prints the count of allocations at exit. */
#include "util/fault.h"
#ifdef WAYMARK_FAULT
#include <jansson.h>
#include <malloc.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);

static _Thread_local long countdown; /* the armed allocation, 0 when disarmed */
static _Thread_local long seen;      /* allocations since arming */
static _Thread_local int fired;

static int fail_now(void)
{
	if (countdown <= 0)
		return 0;
	if (++seen != countdown)
		return 0;
	fired = 1;
	return 1;
}

void fault_arm(long n)
{
	countdown = n > 0 ? n : 0;
	seen = 0;
	fired = 0;
}

long fault_disarm(int *f)
{
	if (f)
		*f = fired;
	long n = seen;
	countdown = 0;
	return n;
}

void *__wrap_malloc(size_t n)
{
	return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return fail_now() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return fail_now() ? NULL : __real_strndup(s, n);
}

static void *sq_malloc(int n)
{
	return __wrap_malloc((size_t)n);
}

static void sq_free(void *p)
{
	free(p);
}

static void *sq_realloc(void *p, int n)
{
	return __wrap_realloc(p, (size_t)n);
}

static int sq_size(void *p)
{
	return (int)malloc_usable_size(p);
}

static int sq_roundup(int n)
{
	return (n + 7) & ~7;
}

static int sq_init(void *p)
{
	(void)p;
	return SQLITE_OK;
}

static void sq_shutdown(void *p)
{
	(void)p;
}

static void *json_malloc(size_t n)
{
	return __wrap_malloc(n);
}

static void report(void)
{
	int f = 0;
	long n = fault_disarm(&f);
	fprintf(stderr, "fault: %ld allocations%s\n", n, f ? ", the armed one failed" : "");
}

__attribute__((constructor)) static void fault_setup(void)
{
	static const sqlite3_mem_methods methods = { sq_malloc, sq_free, sq_realloc, sq_size, sq_roundup,
						     sq_init, sq_shutdown, NULL };
	sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
	/* jansson 2.14 writes out of bounds in json_loadb when an allocation
	 * fails part-way (found by this loop), so it is only included on request. */
	const char *j = getenv("WAYMARK_FAULT_JSON");
	if (j && *j == '1')
		json_set_alloc_funcs(json_malloc, free);
	const char *n = getenv("WAYMARK_FAULT_ALLOC");
	const char *r = getenv("WAYMARK_FAULT_REPORT");
	if (n && *n)
		fault_arm(strtol(n, NULL, 10));
	else if (r && *r == '1')
		fault_arm(1L << 62); /* counts without failing */
	if (r && *r == '1')
		atexit(report);
}
#else
typedef int fault_unused; /* ISO C wants a declaration in every file */
#endif
