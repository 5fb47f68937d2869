/* Audit actions in words for the audit trail page ("referral.triage" -> "Triaged a referral"). */
#ifndef WAYMARK_CORE_AUDIT_LABEL_H
#define WAYMARK_CORE_AUDIT_LABEL_H
#include <stddef.h>

/*
 * Writes the words for an action code into out (always terminated): the
 * label of a known action, otherwise the code made readable (dots and
 * underscores become spaces, the first letter upper case), so a code word
 * is never shown.
 */
void audit_label(const char *code, char *out, size_t outlen);
#endif
