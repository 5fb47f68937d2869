/* Names kept in capitals by their source (GP practices) written in title case for people to read. */
#ifndef WAYMARK_CORE_TITLECASE_H
#define WAYMARK_CORE_TITLECASE_H
#include <stddef.h>

/*
 * Writes s in title case into out (always terminated): each word's first
 * letter upper case and the rest lower case ("THETFORD HEALTHY LIVING
 * CENTRE" -> "Thetford Healthy Living Centre"); "and", "of", "the", "at",
 * "on", "in" and "upon" lower case unless first; initialisms (PMS, NHS, GP,
 * PCN, UK, HLC, MC, NSDC) stay in capitals; after an apostrophe the letter stays lower
 * ("ST AUGUSTINE'S" -> "St Augustine's"); a letter after a hyphen or
 * bracket starts a word. Bytes that are not ASCII letters are copied.
 */
void titlecase(const char *s, char *out, size_t outlen);
#endif
