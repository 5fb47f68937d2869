/* Allocation fault injection for `make fault-test` (built with -DWAYMARK_FAULT
 * and -Wl,--wrap=malloc,...): fail the Nth allocation after arming. In any
 * other build these are empty. */
#ifndef WAYMARK_UTIL_FAULT_H
#define WAYMARK_UTIL_FAULT_H

#ifdef WAYMARK_FAULT
/* Arms this thread: its nth allocation from now fails (n <= 0 disarms). */
void fault_arm(long n);
/* Disarms this thread; returns the allocations made since arming and sets
 * *fired when the armed one failed. */
long fault_disarm(int *fired);
#endif
#endif
