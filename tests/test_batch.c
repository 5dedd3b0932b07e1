/* test_batch.c — dwp_eval_json_batch(): many cases in one call.
 *
 * What is checked:
 *  - each case's status, result and message are exactly what dwp_eval_json() gives for it
 *    alone (a decided case, a parse error with no result, a schema error, a case with a result
 *    and DWP_ERULES), in both languages;
 *  - the pieces are back to back: every offset is where the previous piece ended, and the
 *    buffer ends with a NUL after the last piece;
 *  - a batch larger than one buffer growth (200 cases) gives the same as 200 single calls;
 *  - count 0, empty cases given as NULL, and the argument errors (DWP_EINVAL, *out NULL).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dwpolicy.h>

static const char *const sample_cases[] = {
    /* decided */
    "{\"case_id\":\"B-1\",\"as_of\":\"2026-03-01\",\"region\":\"510104\",\"area\":\"urban\","
    "\"child\":{\"birth_date\":\"2008-05-20\",\"serious_illness\":true,\"monthly_income_fen\":0,"
    "\"living_arrangement\":\"family\",\"guardianship\":\"adequate\"},"
    "\"household\":{\"status\":\"dibao_marginal\",\"size\":3,\"monthly_benefit_fen\":0}}",
    /* not JSON: no result */
    "{\"case_id\":",
    /* a schema error: no result */
    "{\"case_id\":\"B-3\",\"as_of\":\"2026-02-30\",\"region\":\"510104\",\"child\":{}}",
    /* before the first entry of a parameter: a result and DWP_ERULES */
    "{\"case_id\":\"B-4\",\"as_of\":\"2001-01-01\",\"region\":\"510104\","
    "\"child\":{\"birth_date\":\"1995-01-01\"}}",
    /* decided, in another 市州 */
    "{\"case_id\":\"B-5\",\"as_of\":\"2025-09-01\",\"region\":\"510802\",\"area\":\"urban\","
    "\"child\":{\"birth_date\":\"2015-06-01\"},\"household\":{\"status\":\"dibao\",\"size\":3,"
    "\"monthly_benefit_fen\":82600},\"medical\":{\"policy_out_of_pocket_fen\":2000000,"
    "\"designated_institution\":true,\"assisted_this_year_fen\":0,"
    "\"deductible_paid_this_year_fen\":0}}",
};
#define NSAMPLES (sizeof sample_cases / sizeof sample_cases[0])

static dwp_engine *open_engine(int lang)
{
    dwp_options o;
    memset(&o, 0, sizeof o);
    o.struct_size = sizeof o;
    o.lang = lang;
    dwp_engine *e = NULL;
    assert_int_equal(dwp_engine_open_opts(NULL, &o, &e), DWP_OK);
    return e;
}

/* Batch the cases (indices into sample_cases, repeated) and compare every piece with a single
 * dwp_eval_json() call. */
static void check_batch_against_single(dwp_engine *e, size_t count)
{
    size_t total = 0;
    for (size_t i = 0; i < count; i++) total += strlen(sample_cases[i % NSAMPLES]);
    char *cases = malloc(total + 1);
    size_t *case_ends = malloc(count * sizeof *case_ends);
    size_t *out_ends = malloc(2 * count * sizeof *out_ends);
    int32_t *statuses = malloc(count * sizeof *statuses);
    assert_non_null(cases);
    assert_non_null(case_ends);
    assert_non_null(out_ends);
    assert_non_null(statuses);
    size_t at = 0;
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(sample_cases[i % NSAMPLES]);
        memcpy(cases + at, sample_cases[i % NSAMPLES], n);
        at += n;
        case_ends[i] = at;
    }

    char *out = NULL;
    assert_int_equal(dwp_eval_json_batch(e, count, cases, case_ends, &out, out_ends, statuses),
                     DWP_OK);
    assert_non_null(out);
    assert_string_equal(dwp_last_error(), "");

    size_t start = 0;
    for (size_t i = 0; i < count; i++) {
        const char *c = sample_cases[i % NSAMPLES];
        char *single = NULL;
        int rc = dwp_eval_json(e, c, strlen(c), &single);
        assert_int_equal(statuses[i], rc);
        size_t result_len = out_ends[2 * i] - start;
        if (single) {
            assert_int_equal(result_len, strlen(single));
            assert_memory_equal(out + start, single, result_len);
        } else {
            assert_int_equal(result_len, 0);
        }
        size_t message_len = out_ends[2 * i + 1] - out_ends[2 * i];
        if (rc == DWP_OK) {
            assert_int_equal(message_len, 0);
        } else {
            const char *msg = dwp_last_error();
            assert_true(msg[0] != '\0');
            assert_int_equal(message_len, strlen(msg));
            assert_memory_equal(out + out_ends[2 * i], msg, message_len);
        }
        dwp_free(single);
        start = out_ends[2 * i + 1];
    }
    assert_int_equal(out[start], '\0');

    dwp_free(out);
    free(cases);
    free(case_ends);
    free(out_ends);
    free(statuses);
}

static void batch_equals_single_calls(void **state)
{
    (void)state;
    for (int lang = 0; lang < 2; lang++) {
        dwp_engine *e = open_engine(lang == 0 ? DWP_LANG_ZH : DWP_LANG_EN);
        check_batch_against_single(e, NSAMPLES);
        check_batch_against_single(e, 200);
        dwp_engine_close(e);
    }
}

static void statuses_of_the_samples(void **state)
{
    (void)state;
    dwp_engine *e = open_engine(DWP_LANG_EN);
    size_t case_ends[NSAMPLES], out_ends[2 * NSAMPLES];
    int32_t statuses[NSAMPLES];
    char joined[4096];
    size_t at = 0;
    for (size_t i = 0; i < NSAMPLES; i++) {
        size_t n = strlen(sample_cases[i]);
        assert_true(at + n < sizeof joined);
        memcpy(joined + at, sample_cases[i], n);
        at += n;
        case_ends[i] = at;
    }
    char *out = NULL;
    assert_int_equal(dwp_eval_json_batch(e, NSAMPLES, joined, case_ends, &out, out_ends, statuses),
                     DWP_OK);
    assert_int_equal(statuses[0], DWP_OK);
    assert_int_equal(statuses[1], DWP_EPARSE);
    assert_int_equal(statuses[2], DWP_ESCHEMA);
    assert_int_equal(statuses[3], DWP_ERULES);
    assert_int_equal(statuses[4], DWP_OK);
    /* Case 2 has no result and a message naming the field; case 4 has both. */
    assert_int_equal(out_ends[2], out_ends[1]);
    assert_non_null(strstr(out + out_ends[4], "as_of"));
    assert_true(out_ends[6] > out_ends[5]);
    assert_true(out_ends[7] > out_ends[6]);
    assert_memory_equal(out + out_ends[5], "{\"case_id\":\"B-4\"", 16);
    dwp_free(out);
    dwp_engine_close(e);
}

static void empty_batches_and_empty_cases(void **state)
{
    (void)state;
    dwp_engine *e = open_engine(DWP_LANG_EN);
    char *out = NULL;
    /* Nothing to do: an empty buffer; the arrays may be NULL. */
    assert_int_equal(dwp_eval_json_batch(e, 0, NULL, NULL, &out, NULL, NULL), DWP_OK);
    assert_non_null(out);
    assert_string_equal(out, "");
    dwp_free(out);
    /* Two empty cases given as NULL (as FFI layers pass an empty buffer): parse errors. */
    size_t case_ends[2] = {0, 0}, out_ends[4];
    int32_t statuses[2];
    assert_int_equal(dwp_eval_json_batch(e, 2, NULL, case_ends, &out, out_ends, statuses), DWP_OK);
    assert_int_equal(statuses[0], DWP_EPARSE);
    assert_int_equal(statuses[1], DWP_EPARSE);
    assert_int_equal(out_ends[0], 0);
    assert_true(out_ends[1] > 0);
    assert_int_equal(out_ends[2], out_ends[1]);
    dwp_free(out);
    dwp_engine_close(e);
}

static void argument_errors(void **state)
{
    (void)state;
    dwp_engine *e = open_engine(DWP_LANG_EN);
    const char *c = sample_cases[0];
    size_t n = strlen(c);
    size_t case_ends[2] = {n, n - 1}, out_ends[4];
    int32_t statuses[2];
    char *out = (char *)1;

    assert_int_equal(dwp_eval_json_batch(NULL, 1, c, case_ends, &out, out_ends, statuses),
                     DWP_EINVAL);
    assert_null(out);
    assert_int_equal(dwp_eval_json_batch(e, 1, c, case_ends, NULL, out_ends, statuses), DWP_EINVAL);
    out = (char *)1;
    assert_int_equal(dwp_eval_json_batch(e, 1, c, NULL, &out, out_ends, statuses), DWP_EINVAL);
    assert_null(out);
    assert_int_equal(dwp_eval_json_batch(e, 1, c, case_ends, &out, NULL, statuses), DWP_EINVAL);
    assert_int_equal(dwp_eval_json_batch(e, 1, c, case_ends, &out, out_ends, NULL), DWP_EINVAL);
    /* Non-empty cases must not be NULL. */
    assert_int_equal(dwp_eval_json_batch(e, 1, NULL, case_ends, &out, out_ends, statuses),
                     DWP_EINVAL);
    assert_non_null(strstr(dwp_last_error(), "cases"));
    /* Ends that go backwards name the index. */
    assert_int_equal(dwp_eval_json_batch(e, 2, c, case_ends, &out, out_ends, statuses), DWP_EINVAL);
    assert_null(out);
    assert_non_null(strstr(dwp_last_error(), "case_ends[1]"));
    dwp_engine_close(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(batch_equals_single_calls),
        cmocka_unit_test(statuses_of_the_samples),
        cmocka_unit_test(empty_batches_and_empty_cases),
        cmocka_unit_test(argument_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
