/* policytest.h — the policy test runner behind `dwpolicy test` and tests/test_policy_suite.c.
 *
 * A policy test file holds one test object or an array of them:
 *
 *   {"name": "…", "note": "…", "case": {…case JSON…}, "expect": {…}}
 *
 * `case_text` (a string, evaluated verbatim) may stand in for `case`, for deliberately broken
 * input. `note` is free text for the reader and is not compared. `expect` compares only what it
 * lists:
 *   benefits      {"<id>": {status, amount_fen, title, basis, period, kind, discretionary,
 *                  decided_by, handling_region: equal to the result's field;
 *                  missing: the same field paths, in any order;
 *                  params: {"<name>": {field: value, …}} a subset of that parameter's fields;
 *                  reasons: {"<code>": true|false} that reason's `ok`}}
 *   services      the exact set of service ids, in any order
 *   categories, age, region_chain   equal to the result's field (lists in order)
 *   warnings      codes that must all be among the result's warnings
 *   status_code   what dwp_eval_json returns while still producing a result ("DWP_ERULES");
 *                 without it the call must return DWP_OK
 *   error         {"status": "DWP_ESCHEMA", "message_contains": "…"}: the evaluation must fail
 *                 with that status and dwp_last_error() must contain the text; cannot be
 *                 combined with the other keys.
 * Unknown keys anywhere in a test are an error in the file, so a misspelt expectation cannot
 * pass silently.
 *
 * Uses only the public API of dwpolicy.h. */
#ifndef DWP_POLICYTEST_H
#define DWP_POLICYTEST_H

#include <stddef.h>
#include <stdio.h>

#include <dwpolicy.h>

typedef struct dwp_ptest_counts {
    int passed, failed;
} dwp_ptest_counts;

/**
 * Run every test of the file at `path` on engine `e`, adding to *counts. Each failed
 * expectation is written to `report` as one line:
 *   path: "test name": benefits.dibao.single_person.amount_fen: expected 112000, got 99000
 * Returns 0 when the file could be read and is a well-formed test file (whether or not its
 * tests passed). Otherwise no test is run, a line naming the file (and line:column) goes to
 * `report`, and the return is DWP_EIO (unreadable), DWP_EPARSE (not JSON), DWP_ESCHEMA (JSON
 * but not a test file) or DWP_ENOMEM.
 */
int dwp_ptest_run_file(dwp_engine *e, const char *path, FILE *report, dwp_ptest_counts *counts);

/** The same for a test file already in memory; `label` names it in messages. */
int dwp_ptest_run_text(dwp_engine *e, const char *label, const char *text, size_t len,
                       FILE *report, dwp_ptest_counts *counts);

#endif
