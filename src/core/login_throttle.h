/* How long an address waits before its next sign-in attempt, from its recent
 * failures: a few mistakes cost nothing, then each failure doubles the wait. */
#ifndef WAYMARK_CORE_LOGIN_THROTTLE_H
#define WAYMARK_CORE_LOGIN_THROTTLE_H
#include <stdint.h>

#define LOGIN_THROTTLE_WINDOW (15 * 60) /* failures older than this are forgotten */
#define LOGIN_THROTTLE_FREE 5           /* failures in the window before any wait */

/* Seconds still to wait, given the failures within the window and the
 * seconds since the last of them: 0 while fewer than LOGIN_THROTTLE_FREE,
 * then 1, 2, 4, ... after the last failure, at most the window. */
int64_t login_throttle_wait(int64_t fails, int64_t since_last);
#endif
