/* Progressive sign-in delays per address (see core/login_throttle.h). */
#include "core/login_throttle.h"

int64_t login_throttle_wait(int64_t fails, int64_t since_last)
{
	if (fails < LOGIN_THROTTLE_FREE)
		return 0;
	int64_t shift = fails - LOGIN_THROTTLE_FREE;
	int64_t delay = shift >= 10 ? LOGIN_THROTTLE_WINDOW : (int64_t)1 << shift;
	if (delay > LOGIN_THROTTLE_WINDOW)
		delay = LOGIN_THROTTLE_WINDOW;
	return since_last >= delay ? 0 : delay - since_last;
}
