/* test_threads.c — one engine shared by 8 threads, 1,000 evaluations each, with regional
 * overrides in play (SPEC §7: "opaque; thread-safe to share"). Every result must be the same
 * bytes as the single-thread result for that case; every failure the same status and the same
 * dwp_last_error() text (which is per thread).
 *
 * The rules: tests/rules/chain/510100.lua (成都: its shipped override plus two more and a local
 * rule) with tests/rules/results/510104.lua (锦江区: an override that, by case_id, returns
 * anything from a normal result to nil), so that Lua states are checked out, returned, and —
 * after a rule error — closed and rebuilt while other threads do the same. Meant to be run
 * under ThreadSanitizer too (-DDWP_TSAN=ON). */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dwpolicy.h>

#include "support/rules_fixture.h"

#define THREADS 8
#define EVALS_PER_THREAD 1000

#define JINJIANG(id)                                                                           \
    "{\"case_id\": \"" id "\", \"as_of\": \"2026-03-01\", \"region\": \"510104\","            \
    " \"area\": \"urban\", \"child\": {\"birth_date\": \"2008-05-20\", \"serious_illness\":"  \
    " true, \"monthly_income_fen\": 0}, \"household\": {\"status\": \"dibao_marginal\"}}"

static const char *const cases[] = {
    /* the 成都 override of the shipped rules, and the same person in 广元 */
    RF_CASE_TOPUP("510104", "false"),
    RF_CASE_TOPUP("510104", "true"),
    RF_CASE_TOPUP("510105", "false"),
    RF_CASE_TOPUP("510802", "true"),
    RF_CASE_5A2,
    /* 成都 layers over the C default, a local rule, and no Lua at all */
    RF_CASE_DIBAO("510105"),
    RF_CASE_DIBAO("510121"),
    RF_CASE_DIBAO("510802"),
    RF_CASE_MEDICAL("510105"),
    RF_CASE_MEDICAL("510802"),
    /* 锦江区's override by case_id: results, methods, parameter reads… */
    JINJIANG("plain"),
    JINJIANG("indeterminate"),
    JINJIANG("zero"),
    JINJIANG("deny-basis"),
    JINJIANG("note"),
    JINJIANG("with-amount"),
    JINJIANG("p-read"),
    /* …and rule errors, after which the failed state is closed and rebuilt */
    JINJIANG("nil"),
    JINJIANG("table"),
    JINJIANG("wrong-benefit"),
    JINJIANG("p-unknown"),
    /* input errors: no result, a message on this thread only */
    "{\"as_of\": \"2026-02-30\", \"region\": \"510104\", \"child\": {\"birth_date\": \"2008-05-20\"}}",
    "{\"as_of\": \"2026-03-01\", \"region\": \"510104\", \"child\": {\"birth_dat\": \"2008-05-20\"}}",
};
#define N_CASES (sizeof cases / sizeof cases[0])

typedef struct expected {
    int rc;
    char *json;              /* NULL when the call gives none */
    char last_error[1024];   /* for rc != 0 */
} expected;

static expected want[N_CASES];
static dwp_engine *engine;
static atomic_int mismatches;
static char first_mismatch[2048];
static pthread_mutex_t first_lock = PTHREAD_MUTEX_INITIALIZER;

static void record_mismatch(int thread, int i, size_t k, const char *what)
{
    if (atomic_fetch_add(&mismatches, 1) == 0) {
        pthread_mutex_lock(&first_lock);
        snprintf(first_mismatch, sizeof first_mismatch, "thread %d, evaluation %d, case %zu: %s",
                 thread, i, k, what);
        pthread_mutex_unlock(&first_lock);
    }
}

static void *worker(void *arg)
{
    int thread = (int)(intptr_t)arg;
    for (int i = 0; i < EVALS_PER_THREAD; i++) {
        /* each thread walks the cases in its own order */
        size_t k = ((size_t)i * 7 + (size_t)thread * 5) % N_CASES;
        char *got = NULL;
        int rc = dwp_eval_json(engine, cases[k], strlen(cases[k]), &got);
        if (rc != want[k].rc) {
            char what[256];
            snprintf(what, sizeof what, "rc %d, single-thread rc %d", rc, want[k].rc);
            record_mismatch(thread, i, k, what);
        } else if ((got == NULL) != (want[k].json == NULL) ||
                   (got && strcmp(got, want[k].json))) {
            char what[1500];
            snprintf(what, sizeof what, "result differs from the single-thread one:\n  got  %.600s\n"
                     "  want %.600s", got ? got : "(none)", want[k].json ? want[k].json : "(none)");
            record_mismatch(thread, i, k, what);
        } else if (rc != DWP_OK && strcmp(dwp_last_error(), want[k].last_error)) {
            char what[1500];
            snprintf(what, sizeof what, "dwp_last_error() \"%s\", single-thread \"%s\"",
                     dwp_last_error(), want[k].last_error);
            record_mismatch(thread, i, k, what);
        }
        dwp_free(got);
    }
    return NULL;
}

static char rules_dir[512];

static int setup(void **state)
{
    (void)state;
    if (!rf_make_temp_dir(rules_dir, sizeof rules_dir)) return -1;
    size_t n1 = 0, n2 = 0;
    char *chengdu = rf_read_file(DWP_SOURCE_DIR "/tests/rules/chain/510100.lua", &n1);
    char *jinjiang = rf_read_file(DWP_SOURCE_DIR "/tests/rules/results/510104.lua", &n2);
    bool ok = chengdu && jinjiang && rf_write_file(rules_dir, "510100.lua", chengdu, n1) &&
              rf_write_file(rules_dir, "510104.lua", jinjiang, n2);
    free(chengdu);
    free(jinjiang);
    if (!ok || rf_open(rules_dir, &engine) != DWP_OK) {
        fprintf(stderr, "cannot open the rules: %s\n", dwp_last_error());
        return -1;
    }
    /* The single-thread answers, each asked twice: they must already agree with themselves. */
    for (size_t k = 0; k < N_CASES; k++) {
        for (int round = 0; round < 2; round++) {
            char *got = NULL;
            int rc = dwp_eval_json(engine, cases[k], strlen(cases[k]), &got);
            if (round == 0) {
                want[k].rc = rc;
                want[k].json = got;
                snprintf(want[k].last_error, sizeof want[k].last_error, "%s",
                         rc ? dwp_last_error() : "");
                continue;
            }
            bool same = rc == want[k].rc && (got == NULL) == (want[k].json == NULL) &&
                        (!got || !strcmp(got, want[k].json));
            dwp_free(got);
            if (!same) {
                fprintf(stderr, "case %zu gives different results one after the other\n", k);
                return -1;
            }
        }
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t k = 0; k < N_CASES; k++) dwp_free(want[k].json);
    dwp_engine_close(engine);
    engine = NULL;
    rf_remove_dir(rules_dir);
    return 0;
}

/* The single-thread answers are the right ones, so that "the same as single-thread" means
 * something (the 成都 case of SPEC §5/§5a among them). */
static void test_threads__single_thread_answers(void **state)
{
    (void)state;
    static const struct {
        size_t k;
        const char *benefit, *status;
        int64_t amount;
        const char *decided_by;
    } checks[] = {
        {0, "orphan.adult_student_topup", "ineligible", 0, "510100"},
        {1, "orphan.adult_student_topup", "eligible", 32600, "510000"},
        {2, "orphan.adult_student_topup", "ineligible", 0, "510100"},
        {3, "orphan.adult_student_topup", "eligible", 12600, "510000"},
        {4, "orphan.adult_student_topup", "eligible", 12600, "510000"},
        {5, "dibao.single_person", "eligible", 122000, "510100"},
        {7, "dibao.single_person", "eligible", 82600, "510000"},
        {9, "medical.assistance", "eligible", 1400000, "510000"},
        {10, "dibao.single_person", "eligible", 122000, "510100"},
        {13, "dibao.single_person", "ineligible", 0, "510104"},
        {16, "dibao.single_person", "eligible", 224000, "510104"},
        {17, "dibao.single_person", "error", -1, NULL},
    };
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        jdom_error err;
        jdom_value *doc = rf_parse(want[checks[i].k].json, &err);
        assert_non_null(doc);
        const jdom_value *b = rf_benefit(doc, checks[i].benefit);
        assert_non_null(b);
        assert_string_equal(rf_field(b, "status"), checks[i].status);
        assert_int_equal(rf_amount(b), checks[i].amount);
        if (checks[i].decided_by) assert_string_equal(rf_field(b, "decided_by"), checks[i].decided_by);
        jdom_free(doc);
    }
    assert_int_equal(want[17].rc, DWP_ESCRIPT);
    assert_int_equal(want[N_CASES - 2].rc, DWP_ESCHEMA);
    assert_null(want[N_CASES - 2].json);
    assert_non_null(strstr(want[N_CASES - 1].last_error, "birth_dat"));
}

static void test_threads__eight_threads_same_bytes(void **state)
{
    (void)state;
    atomic_store(&mismatches, 0);
    pthread_t threads[THREADS];
    for (int t = 0; t < THREADS; t++)
        assert_int_equal(pthread_create(&threads[t], NULL, worker, (void *)(intptr_t)t), 0);
    for (int t = 0; t < THREADS; t++) assert_int_equal(pthread_join(threads[t], NULL), 0);
    int n = atomic_load(&mismatches);
    if (n) fail_msg("%d of %d evaluations differ; first: %s", n, THREADS * EVALS_PER_THREAD,
                    first_mismatch);
    /* and after all that, the engine still answers as before */
    for (size_t k = 0; k < N_CASES; k++) {
        char *got = NULL;
        int rc = dwp_eval_json(engine, cases[k], strlen(cases[k]), &got);
        assert_int_equal(rc, want[k].rc);
        if (want[k].json) assert_string_equal(got, want[k].json);
        dwp_free(got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads__single_thread_answers),
        cmocka_unit_test(test_threads__eight_threads_same_bytes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
