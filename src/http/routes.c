/* The list of every module's route table: adding a module adds one line. */
#include "api/api.h"
#include "web/web.h"

const struct route *const http_route_tables[] = {
	api_system_routes,
	web_home_routes,
	NULL,
};
