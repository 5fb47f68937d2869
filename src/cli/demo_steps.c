/* The list of demo-data steps, one line per capability. */
#include "cli/demo.h"

const struct demo_step demo_steps[] = {
	{ NULL, NULL },
};
