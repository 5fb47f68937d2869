/* The table of `waymark` subcommands and their options. */
#include "cli/cli.h"


static struct cli_opt no_opts[] = { { 0 } };

static struct cli_opt serve_opts[] = {
	{ "port", "N", "TCP port (default 8080; 0 picks a free one)", NULL },
	{ "bind", "ADDR", "IPv4 address to listen on (default 127.0.0.1)", NULL },
	{ "threads", "N", "worker threads (default: the number of cores)", NULL },
	{ "static", "DIR", "static files folder (default web/static)", NULL },
	{ "max-body", "BYTES", "largest request body accepted (default 1048576)", NULL },
	{ "quiet", NULL, "no access log on stderr", NULL },
	{ "behind-tls", NULL, "a TLS proxy serves this: Secure __Host- cookies and Strict-Transport-Security", NULL },
	{ "trusted-proxy", "ADDR[,ADDR]", "believe the client address these proxies give in X-Forwarded-For", NULL },
	{ "max-conns-per-addr", "N", "open connections per client address (default 256; 0, no limit, on loopback or behind --trusted-proxy)", NULL },
	{ "request-deadline", "SECONDS", "time to receive a whole request, however slowly sent (default 30)", NULL },
	{ 0 },
};

static struct cli_opt demo_opts[] = {
	{ "password", "PW", "password for every demo account (default: demo-password-1)", NULL },
	{ "commissioning", NULL, "also a commissioning round with EOIs, awards, SLAs, payments, reviews and evidence (once)", NULL },
	{ 0 },
};

static struct cli_opt org_add_opts[] = {
	{ "name", "NAME", "organisation name", NULL },
	{ "kind", "KIND", "lead_provider, provider, referrer_org or commissioner", NULL },
	{ "area", "AREA", "Health and Wellbeing Partnership area code (optional)", NULL },
	{ 0 },
};

static struct cli_opt user_add_opts[] = {
	{ "email", "EMAIL", "sign-in email address", NULL },
	{ "name", "NAME", "full name", NULL },
	{ "role", "ROLE", "referrer, hub_coordinator, link_worker, support_worker, volunteer_coordinator, volunteer, provider_manager, programme_lead, commissioner or administrator", NULL },
	{ "org", "ORG", "organisation name or id", NULL },
	{ "password-stdin", NULL, "read the password (12+ characters) from standard input", NULL },
	{ 0 },
};

static struct cli_opt user_passwd_opts[] = {
	{ "email", "EMAIL", "the account's email address", NULL },
	{ 0 },
};

static struct cli_opt token_opts[] = {
	{ "user", "EMAIL", "the account the token acts as", NULL },
	{ "name", "LABEL", "what the token is for", NULL },
	{ "days", "N", "how many days it works (default 90, at most 366)", NULL },
	{ 0 },
};

static struct cli_opt token_list_opts[] = {
	{ "user", "EMAIL", "only this account's tokens", NULL },
	{ 0 },
};

static struct cli_opt backup_opts[] = {
	{ "quiet", NULL, "no progress on standard error", NULL },
	{ 0 },
};

static struct cli_opt import_opts[] = {
	{ "map", "FILE", "CSV of column renames: their column,our field path (our path - skips the column)", NULL },
	{ "dry-run", NULL, "check every row and report problems without storing anything", NULL },
	{ "errors", "FILE", "write the problems as CSV (line,field,message) to FILE instead of standard error", NULL },
	{ "batch", "N", "rows per transaction (default 100000, at most 100000)", NULL },
	{ "quiet", NULL, "no progress bar", NULL },
	{ 0 },
};

static struct cli_opt sla_due_opts[] = {
	{ "received", "TIME", "when the referral was received, ISO 8601 (e.g. 2026-12-24T16:00:00Z)", NULL },
	{ "no-bank-holidays", NULL, "let the clock run on bank holidays (as with the setting off)", NULL },
	{ 0 },
};

static struct cli_opt match_opts[] = {
	{ "dry-run", NULL, "match the database's open tasks and print each proposed offer with its reason (nothing is stored)", NULL },
	{ "org", "ORG", "with --dry-run: only this organisation's tasks (name or id; default: each in turn)", NULL },
	{ "at", "TIME", "with --dry-run: match as at this UTC time, ISO 8601 (default: now)", NULL },
	{ "json", NULL, "with --dry-run: print the proposals as JSON", NULL },
	{ "instance", "FILE", "solve a matching instance file (docs/MATCHING.md) instead of the database", NULL },
	{ "dimacs", "OUT", "with --instance: write the flow network in DIMACS min-cost-flow format to OUT (- for stdout)", NULL },
	{ "cost-only", NULL, "with --instance: print only the optimal total cost", NULL },
	{ 0 },
};

static struct cli_opt gen_opts[] = {
	{ "referrals", "N", "how many synthetic referrals (1 to 10,000,000)", NULL },
	{ "seed", "S", "the random seed: the same seed gives the same rows (default 1)", NULL },
	{ "days", "D", "spread over this many London days (default 365)", NULL },
	{ "until", "DATE", "the last day (default: yesterday); nothing happens after its end", NULL },
	{ "quiet", NULL, "no progress bar", NULL },
	{ 0 },
};

static struct cli_opt kpi_opts[] = {
	{ "from", "DATE", "first London day counted (default: 29 days before --to)", NULL },
	{ "to", "DATE", "last London day counted (default: today)", NULL },
	{ "area", "AREA", "only people in this area (default: all)", NULL },
	{ "at", "TIME", "figures as at this UTC time, ISO 8601 (default: now)", NULL },
	{ "raw", NULL, "count from the raw rows instead of the summaries", NULL },
	{ "repeat", "N", "ask N times and report the best and mean time (default 1)", NULL },
	{ 0 },
};

/* A worker's record: one option per field of model/worker.def. */
#include "model/worker.def"
#define WORKER_OPT(ID, key, kind, max, req, label, hint, vocab, col) { key, "VALUE", label, NULL },
static struct cli_opt worker_add_opts[] = {
	{ "user", "EMAIL", "the account of the worker (in its organisation)", NULL },
	WORKER_FIELDS(WORKER_OPT)
	{ 0 },
};
static struct cli_opt worker_edit_opts[] = {
	WORKER_FIELDS(WORKER_OPT)
	{ 0 },
};
#undef WORKER_OPT
static struct cli_opt referrals_search_opts[] = {
	{ "q", "TEXT", "a name, an NHS number (spaces allowed) or a reference, as typed in a list's search box", NULL },
	{ "repeat", "N", "ask N times and report the best and mean time (default 1)", NULL },
	{ 0 },
};
static struct cli_opt report_opts[] = {
	{ "from", "DATE", "first London day (default: 29 days before --to)", NULL },
	{ "to", "DATE", "last London day (default: today)", NULL },
	{ "by", "DIMENSION", "break down by this dimension (hwp_area, month, ...; default: totals)", NULL },
	{ "raw", NULL, "count from the raw rows even where the summaries could answer", NULL },
	{ "repeat", "N", "ask N times and give the best and mean time (1 to 100000; default 1)", NULL },
	{ 0 },
};

static struct cli_opt report_board_opts[] = {
	{ "area", "CODE", "an HWP area (breckland, ...) or a Place Board (south, ...)", NULL },
	{ "from", "DATE", "first London day of the quarter", NULL },
	{ "to", "DATE", "last London day of the quarter", NULL },
	{ "out", "FILE.xlsx", "where to write the workbook", NULL },
	{ "quiet", NULL, "no progress line", NULL },
	{ 0 },
};

static struct cli_opt export_evaluation_opts[] = {
	{ "from", "DATE", "first London day of receipt counted (YYYY-MM-DD)", NULL },
	{ "to", "DATE", "last London day of receipt counted (YYYY-MM-DD)", NULL },
	{ "key-file", "FILE", "the 32-byte owner-only key of the person keys", NULL },
	{ "out", "DIR", "the directory to write the files into (created owner-only)", NULL },
	{ "user", "EMAIL", "the account the extract is made for (audited; default: the command line)", NULL },
	{ 0 },
};

static struct cli_opt export_linkage_opts[] = {
	{ "key-file", "FILE", "the 32-byte owner-only key of the person keys", NULL },
	{ "out", "FILE", "the CSV file to write (must not exist; created owner-only)", NULL },
	{ "user", "EMAIL", "the account exporting it: its role must hold the linkage permission (audited)", NULL },
	{ 0 },
};

static struct cli_opt consent_withdraw_opts[] = {
	{ "referral", "REF", "the reference of one of the person's referrals", NULL },
	{ "note", "TEXT", "how the withdrawal was received", NULL },
	{ "user", "EMAIL", "the account recording it (audited; default: the command line)", NULL },
	{ 0 },
};

static struct cli_opt payments_schedule_opts[] = {
	{ "total", "POUNDS", "the agreement's total, e.g. 28000.00", NULL },
	{ "signed", "DATE", "the day the agreement was signed, YYYY-MM-DD", NULL },
	{ "in-place", "DATE", "the day the first Living Well Worker was in place, YYYY-MM-DD", NULL },
	{ 0 },
};

static struct cli_opt lots_propose_opts[] = {
	{ 0 },
};

const struct cli_cmd cli_cmds[] = {
	{ "init", cmd_init, "create or migrate the database and load Norfolk and Waveney reference data", no_opts, 1, NULL },
	{ "serve", cmd_serve, "serve the web pages and the JSON API", serve_opts, 1, NULL },
	{ "demo", cmd_demo, "load believable demo organisations, users and referrals (once)", demo_opts, 1, NULL },
	{ "org add", cmd_org_add, "add an organisation", org_add_opts, 1, NULL },
	{ "user add", cmd_user_add, "add a user account", user_add_opts, 1, NULL },
	{ "user passwd", cmd_user_passwd, "set a user's password (read from standard input)", user_passwd_opts, 1, NULL },
	{ "token create", cmd_token_create, "create an API token for a user (printed once; expires after --days)", token_opts, 1, NULL },
	{ "token list", cmd_token_list, "list API tokens (every user's, or --user's) with when they expire", token_list_opts, 1, NULL },
	{ "token revoke", cmd_token_revoke, "revoke an API token at once (its id from token list)", no_opts, 1, "ID" },
	{ "audit verify", cmd_audit_verify, "check the audit trail's hash chain; names the first broken event", no_opts, 1, NULL },
	{ "backup", cmd_backup, "copy the database, while it is in use, into a new SQLite file (one consistent snapshot) that serve or restore can use", backup_opts, 1, "FILE" },
	{ "restore", cmd_restore, "restore a backup FILE into --db: a new SQLite file, or an unused PostgreSQL database", backup_opts, 1, "FILE" },
	{ "score", cmd_score, "score an outcome measure from its answers (swemwbs, ons4, gse, eqvas)", no_opts, 0, "INSTRUMENT ANSWER..." },
	{ "routes", cmd_routes, "print the route table with permissions as JSON", no_opts, 0, NULL },
	{ "import referrals", cmd_import_referrals, "import referrals from a CSV file whose header names the fields (person.given_name, ...)", import_opts, 1, "FILE.csv" },
	{ "sla due", cmd_sla_due, "print when the 24-hour follow-up is due for a referral received at --received (UTC)", sla_due_opts, 1, NULL },
	{ "match", cmd_match, "match volunteers to open tasks (--dry-run), or solve / export a matching instance", match_opts, 1, NULL },
	{ "gen", cmd_gen, "fill a fresh database with a deterministic synthetic dataset, marked synthetic", gen_opts, 1, NULL },
	{ "kpi followup", cmd_kpi_followup, "the follow-up KPI as JSON, from the summaries (or --raw rows), with the time taken", kpi_opts, 1, NULL },
	{ "kpi check", cmd_kpi_check, "recount the follow-up KPI summaries from raw rows and list any difference (exit 1)", no_opts, 1, NULL },
	{ "kpi rebuild", cmd_kpi_rebuild, "compute the follow-up KPI summaries again from raw rows", no_opts, 1, NULL },
	{ "payments schedule", cmd_payments_schedule, "print the four staged payments (date, pence, label) of an agreement", payments_schedule_opts, 0, NULL },
	{ "lots propose", cmd_lots_propose, "propose how a round's Lots go to providers (an instance file, docs/COMMISSIONING.md) as JSON", lots_propose_opts, 0, "FILE.json" },
	{ "version", cmd_version, "print the version", no_opts, 0, NULL },
	{ "settings list", cmd_settings_list, "print every setting and its value (tab-separated)", no_opts, 1, NULL },
	{ "worker add", cmd_worker_add, "register a Living Well Worker or support worker against a user account", worker_add_opts, 1, NULL },
	{ "worker list", cmd_worker_list, "list workers with load and capacity (tab-separated)", no_opts, 1, NULL },
	{ "worker edit", cmd_worker_edit, "change a worker's record (the fields given); --end_date ends employment", worker_edit_opts, 1, "ID" },
	{ "settings set", cmd_settings_set, "change a setting (checked and audited as on the settings page)", no_opts, 1, "KEY VALUE" },
	{ "referrals search", cmd_referrals_search, "time the referral list's search (first page, newest first) as JSON: counts and times, no personal data", referrals_search_opts, 1, NULL },
	{ "report show", cmd_report_show, "a report as JSON, from the summaries where they answer (or --raw rows), with the time taken", report_opts, 1, "REPORT" },
	{ "report check", cmd_report_check, "recount the report summaries from raw rows and list any difference (exit 1)", no_opts, 1, NULL },
	{ "report rebuild", cmd_report_rebuild, "compute the report summaries again from raw rows", no_opts, 1, NULL },
	{ "report doc", cmd_report_doc, "print the measures' definitions and the dimensions' sources as Markdown (docs/REPORTS.md)", no_opts, 0, NULL },
	{ "report board", cmd_report_board, "write the board pack of an HWP area or Place Board for a period as an XLSX workbook", report_board_opts, 1, NULL },
	{ "export evaluation", cmd_export_evaluation, "write the evaluation extract (CSV, XLSX, dictionary, manifest) of referrals received --from..--to", export_evaluation_opts, 1, NULL },
	{ "export linkage", cmd_export_linkage, "write the NHS number to person key table for the linkage partner (own permission, audited)", export_linkage_opts, 1, NULL },
	{ "consent withdraw", cmd_consent_withdraw, "record that a person withdrew consent to share their data for evaluation", consent_withdraw_opts, 1, NULL },
	{ "stats paired", cmd_stats_paired, "outcome statistics (docs/EVALUATION.md) of pairs \"BASELINE FOLLOWUP\" in hundredths, one a line, as JSON", no_opts, 0, "FILE" },
	{ 0 },
};
