/* The sort names of the caseload, volunteer and task lists, and the comparison of names they sort by. */
#include "core/list_sorts.h"
#include <stddef.h>
#include <string.h>

const char *const caseload_sorts[] = { "due", "name", "name-desc", "opened", "opened-desc", "contact", "contact-desc", NULL };
const char *const volunteer_sorts[] = { "name", "name-desc", "tasks", "tasks-desc", NULL };
const char *const task_sorts[] = { "newest", "oldest", "name", "name-desc", "volunteer", "volunteer-desc", NULL };

static int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int list_name_cmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	for (; *x && fold(*x) == fold(*y); x++, y++)
		;
	int d = fold(*x) - fold(*y);
	return d ? d : strcmp(a, b);
}

int list_num_cmp(long long a, long long b)
{
	return a < b ? -1 : a > b;
}
