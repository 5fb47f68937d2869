/* The orders of the lists held in one organisation's scope (caseload, volunteers,
 * tasks): the names ?sort takes on the API and the pages, and how names compare. */
#ifndef WAYMARK_CORE_LIST_SORTS_H
#define WAYMARK_CORE_LIST_SORTS_H

/*
 * Each list's first name is its default order. A column sorted both ways
 * has a name for its natural order and the same name with "-desc" for the
 * other (dates' natural order is oldest first, names' A to Z).
 */
enum caseload_sort {
	CASELOAD_SORT_DUE,          /* open cases due soonest first, then closed latest first (the default) */
	CASELOAD_SORT_NAME,         /* the person's name, A to Z */
	CASELOAD_SORT_NAME_DESC,
	CASELOAD_SORT_OPENED,       /* opened, oldest first */
	CASELOAD_SORT_OPENED_DESC,
	CASELOAD_SORT_CONTACT,      /* last contact, longest ago first (none yet first) */
	CASELOAD_SORT_CONTACT_DESC,
};
extern const char *const caseload_sorts[];

enum volunteer_sort {
	VOLUNTEER_SORT_NAME,        /* A to Z (the default) */
	VOLUNTEER_SORT_NAME_DESC,
	VOLUNTEER_SORT_TASKS,       /* tasks in the next 7 days, fewest first */
	VOLUNTEER_SORT_TASKS_DESC,
};
extern const char *const volunteer_sorts[];

enum task_sort {
	TASK_SORT_NEWEST,           /* latest window first (the default) */
	TASK_SORT_OLDEST,
	TASK_SORT_NAME,             /* the person's name, A to Z */
	TASK_SORT_NAME_DESC,
	TASK_SORT_VOLUNTEER,        /* the volunteer's name, A to Z (none first) */
	TASK_SORT_VOLUNTEER_DESC,
};
extern const char *const task_sorts[];

/* Compares two names as a reader expects a list sorted: letters in any
 * case alike (ASCII), then byte by byte. <0, 0 or >0 like strcmp. */
int list_name_cmp(const char *a, const char *b);
/* Compares two numbers: -1, 0 or 1. */
int list_num_cmp(long long a, long long b);
#endif
