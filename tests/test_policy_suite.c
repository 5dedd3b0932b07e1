/* test_policy_suite.c — runs the data-driven policy suite (every .json file in tests/cases) on
 * the embedded Sichuan rules, one cmocka test per file, through the same runner as
 * `dwpolicy test`.
 *
 * A few tests first check the runner itself on small in-memory files: a suite whose runner
 * could not fail would pass whatever the engine did. */
#define _POSIX_C_SOURCE 200809L /* opendir, strdup */

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dwpolicy.h>

#include "policytest.h"

#define CASES_DIR DWP_SOURCE_DIR "/tests/cases"

static dwp_engine *engine; /* shared by every test, as `dwpolicy test` shares one */

static int open_engine(void **state)
{
    (void)state;
    return dwp_engine_open_opts(NULL, NULL, &engine) == DWP_OK ? 0 : -1;
}

static int close_engine(void **state)
{
    (void)state;
    dwp_engine_close(engine);
    engine = NULL;
    return 0;
}

/* One suite file: every test in it must pass. The failures are printed as the command
 * prints them, so the log says which expectation broke. */
static void test_policy_suite__file(void **state)
{
    const char *path = *state;
    dwp_ptest_counts counts = {0, 0};
    int rc = dwp_ptest_run_file(engine, path, stdout, &counts);
    printf("%s: %d passed, %d failed\n", path, counts.passed, counts.failed);
    assert_int_equal(rc, 0);
    assert_true(counts.passed > 0);
    assert_int_equal(counts.failed, 0);
}

/* ---- the runner checked on known answers ------------------------------------------------ */

static const char chengdu_case[] =
    "{\"as_of\": \"2026-03-01\", \"region\": \"510104\", \"area\": \"urban\","
    " \"child\": {\"birth_date\": \"2008-05-20\", \"serious_illness\": true,"
    " \"monthly_income_fen\": 0}, \"household\": {\"status\": \"dibao_marginal\"}}";

/* Run `text` as a test file with its report captured; returns the runner's status. */
static int run_text(const char *text, dwp_ptest_counts *counts, char *report, size_t cap)
{
    FILE *f = tmpfile();
    int rc;
    size_t n;
    assert_non_null(f);
    rc = dwp_ptest_run_text(engine, "mem.json", text, strlen(text), f, counts);
    rewind(f);
    n = fread(report, 1, cap - 1, f);
    report[n] = '\0';
    fclose(f);
    return rc;
}

static char *make_test(const char *expect)
{
    const char *fmt = "{\"name\": \"t\", \"case\": %s, \"expect\": %s}";
    size_t n = strlen(fmt) + strlen(chengdu_case) + strlen(expect) + 1;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, fmt, chengdu_case, expect);
    return s;
}

/* The case the runner checks below evaluates cleanly on its own. (Calling dwp_eval_json here
 * also makes the linker take it from the static library before it reaches the runner's
 * archive, whatever order the two are linked in.) */
static void test_policy_suite__base_case_evaluates(void **state)
{
    char *result = NULL;
    (void)state;
    assert_int_equal(dwp_eval_json(engine, chengdu_case, strlen(chengdu_case), &result), DWP_OK);
    assert_non_null(result);
    assert_string_not_equal(dwp_status_str(DWP_OK), "");
    dwp_free(result);
}

static void test_policy_suite__runner_passes_a_right_expectation(void **state)
{
    char report[4096];
    dwp_ptest_counts c = {0, 0};
    char *t = make_test("{\"age\": 17, \"region_chain\": [\"510104\", \"510100\", \"510000\"]}");
    (void)state;
    assert_int_equal(run_text(t, &c, report, sizeof report), 0);
    assert_int_equal(c.passed, 1);
    assert_int_equal(c.failed, 0);
    assert_string_equal(report, "");
    free(t);
}

static void test_policy_suite__runner_fails_a_wrong_expectation(void **state)
{
    char report[8192];
    dwp_ptest_counts c = {0, 0};
    char *t = make_test("{\"benefits\": {\"dibao.single_person\": {\"amount_fen\": 1}}}");
    (void)state;
    assert_int_equal(run_text(t, &c, report, sizeof report), 0);
    assert_int_equal(c.passed, 0);
    assert_int_equal(c.failed, 1);
    assert_non_null(strstr(report, "mem.json: \"t\": benefits.dibao.single_person.amount_fen: "
                                    "expected 1, got "));
    free(t);
}

static void test_policy_suite__runner_fails_a_missing_benefit(void **state)
{
    char report[4096];
    dwp_ptest_counts c = {0, 0};
    char *t = make_test("{\"benefits\": {\"no.such.benefit\": {\"status\": \"eligible\"}}}");
    (void)state;
    assert_int_equal(run_text(t, &c, report, sizeof report), 0);
    assert_int_equal(c.failed, 1);
    assert_non_null(strstr(report, "benefits.no.such.benefit: no such benefit"));
    free(t);
}

static void test_policy_suite__runner_fails_an_unmet_error(void **state)
{
    char report[4096];
    dwp_ptest_counts c = {0, 0};
    char *t = make_test("{\"error\": {\"status\": \"DWP_ESCHEMA\"}}");
    (void)state;
    assert_int_equal(run_text(t, &c, report, sizeof report), 0);
    assert_int_equal(c.failed, 1);
    assert_non_null(strstr(report, "error.status: expected \"DWP_ESCHEMA\", got \"DWP_OK\""));
    free(t);
}

static void test_policy_suite__runner_rejects_a_broken_file(void **state)
{
    char report[4096];
    dwp_ptest_counts c = {0, 0};
    (void)state;
    /* Not JSON: line:column of the fault. */
    assert_int_equal(run_text("[{\"name\": \"t\",\n  \"case\": {}, }]", &c, report,
                              sizeof report), DWP_EPARSE);
    assert_non_null(strstr(report, "mem.json:2:15: "));
    /* A misspelt expectation must not pass silently. */
    assert_int_equal(run_text("{\"name\": \"t\", \"case\": {}, \"expect\": {\"benefit\": {}}}", &c,
                              report, sizeof report), DWP_ESCHEMA);
    assert_non_null(strstr(report, "unknown key \"benefit\""));
    assert_int_equal(c.passed + c.failed, 0);
    /* An unreadable file. */
    assert_int_equal(dwp_ptest_run_file(engine, CASES_DIR "/no-such-file.json", stdout, &c),
                     DWP_EIO);
}

/* ---- main: one test per suite file, in name order --------------------------------------- */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    static const struct CMUnitTest self_tests[] = {
        cmocka_unit_test(test_policy_suite__base_case_evaluates),
        cmocka_unit_test(test_policy_suite__runner_passes_a_right_expectation),
        cmocka_unit_test(test_policy_suite__runner_fails_a_wrong_expectation),
        cmocka_unit_test(test_policy_suite__runner_fails_a_missing_benefit),
        cmocka_unit_test(test_policy_suite__runner_fails_an_unmet_error),
        cmocka_unit_test(test_policy_suite__runner_rejects_a_broken_file),
    };
    const size_t n_self = sizeof self_tests / sizeof self_tests[0];
    DIR *dir = opendir(CASES_DIR);
    struct dirent *ent;
    char **paths = NULL;
    size_t n = 0, cap = 0;
    struct CMUnitTest *tests;
    int failed;

    if (dir == NULL) {
        fprintf(stderr, "cannot open %s\n", CASES_DIR);
        return 1;
    }
    while ((ent = readdir(dir)) != NULL) {
        size_t len = strlen(ent->d_name);
        if (len <= 5 || strcmp(ent->d_name + len - 5, ".json") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            paths = realloc(paths, cap * sizeof *paths);
            if (paths == NULL)
                return 1;
        }
        paths[n] = malloc(sizeof CASES_DIR + 1 + len);
        if (paths[n] == NULL)
            return 1;
        sprintf(paths[n], "%s/%s", CASES_DIR, ent->d_name);
        n++;
    }
    closedir(dir);
    if (n == 0) {
        fprintf(stderr, "no *.json in %s\n", CASES_DIR);
        return 1;
    }
    qsort(paths, n, sizeof *paths, by_name);

    tests = calloc(n_self + n, sizeof *tests);
    if (tests == NULL)
        return 1;
    memcpy(tests, self_tests, sizeof self_tests);
    for (size_t i = 0; i < n; i++) {
        /* The test's name is the file's, so ctest output names the broken file. */
        tests[n_self + i].name = strrchr(paths[i], '/') + 1;
        tests[n_self + i].test_func = test_policy_suite__file;
        tests[n_self + i].initial_state = paths[i];
    }
    failed = _cmocka_run_group_tests("policy_suite", tests, n_self + n, open_engine,
                                     close_engine);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    free(tests);
    return failed;
}
