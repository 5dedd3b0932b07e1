/* test_typed_api.c — the typed case and result API (dwpolicy.h: dwp_case_*, dwp_eval_case,
 * dwp_eval_json_result, dwp_result_*).
 *
 * What is checked:
 *  - the three SPEC §5a worked examples built with setters, read through the accessors;
 *  - dwp_result_json() is byte-identical to dwp_eval_json() of dwp_case_to_json(), and to
 *    dwp_eval_json() of the equivalent hand-written case (examples/cases/, other key order);
 *  - every accessor agrees with the result JSON (both languages);
 *  - setters refuse unknown paths, objects and wrong types at once (DWP_ESCHEMA, path named);
 *    values are refused at evaluation with exactly the JSON reader's dwp_last_error() text;
 *  - replacing, unsetting, re-evaluating, out-of-range accessors, NULL arguments;
 *  - child.id_number: kept by the case (it is the caller's input) but never in a result or a
 *    message.
 *
 * Tests marked "Regression" guard library bugs found while writing these tests and since
 * fixed (the comment above each says which). */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dwpolicy.h>

#include "strbuf.h" /* dwp_utf8_valid */
#include "support/rules_fixture.h"

#define CASES_DIR DWP_SOURCE_DIR "/examples/cases/"
#define RULES_DIR DWP_SOURCE_DIR "/tests/rules/"

#define SET(call)                                                                              \
    do {                                                                                       \
        int rc_ = (call);                                                                      \
        if (rc_ != DWP_OK) fail_msg("%s: %d %s", #call, rc_, dwp_last_error());               \
    } while (0)

/* ---- Fixture ------------------------------------------------------------------------------ */

typedef struct fixture {
    dwp_engine *zh; /* embedded rules, Chinese */
    dwp_engine *en; /* embedded rules, English */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    dwp_options o;
    memset(&o, 0, sizeof o);
    o.struct_size = sizeof o;
    o.lang = DWP_LANG_EN;
    if (dwp_engine_open(NULL, &f->zh) != DWP_OK || dwp_engine_open_opts(NULL, &o, &f->en) != DWP_OK) {
        fprintf(stderr, "open: %s\n", dwp_last_error());
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    dwp_engine_close(f->zh);
    dwp_engine_close(f->en);
    free(f);
    return 0;
}

/* ---- Helpers ------------------------------------------------------------------------------ */

static dwp_case *new_case(void)
{
    dwp_case *c = NULL;
    SET(dwp_case_new(&c));
    assert_non_null(c);
    return c;
}

static char *read_case_file(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, CASES_DIR "%s", name);
    char *text = rf_read_file(path, NULL);
    if (!text) fail_msg("cannot read %s", path);
    return text;
}

/* dwp_eval_json of a NUL-terminated case: the result (NULL on input errors), rc and message. */
static char *eval_json(dwp_engine *e, const char *json, int *rc, char *msg, size_t msg_cap)
{
    char *out = (char *)1; /* must be set to NULL on failure */
    *rc = dwp_eval_json(e, json, strlen(json), &out);
    if (msg) snprintf(msg, msg_cap, "%s", dwp_last_error());
    return out;
}

static char *case_json(const dwp_case *c)
{
    char *j = NULL;
    SET(dwp_case_to_json(c, &j));
    assert_non_null(j);
    return j;
}

/* `text` with the one occurrence of `from` replaced by `to` (malloc'd). */
static char *replace_once(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    if (!at) fail_msg("\"%s\" not found in %s", from, text);
    if (strstr(at + 1, from)) fail_msg("\"%s\" occurs more than once", from);
    size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    assert_non_null(out);
    snprintf(out, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    return out;
}

/* A valid GB 11643 number for a 17-digit prefix. */
static void id_number_with_check(const char *prefix17, char out[19])
{
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; i++) sum += (prefix17[i] - '0') * w[i];
    memcpy(out, prefix17, 17);
    out[17] = check[sum % 11];
    out[18] = '\0';
}

/* The three SPEC §5a cases exactly as examples/cases/ writes them, through the setters. */
static void build_chengdu_serious_illness(dwp_case *c)
{
    SET(dwp_case_set_str(c, "case_id", "SC-2026-000123"));
    SET(dwp_case_set_date(c, "as_of", 2026, 3, 1));
    SET(dwp_case_set_str(c, "region", "510104"));
    SET(dwp_case_set_str(c, "area", "urban"));
    SET(dwp_case_set_date(c, "child.birth_date", 2008, 5, 20));
    SET(dwp_case_set_str(c, "child.hukou_region", "510104"));
    SET(dwp_case_set_bool(c, "child.orphan", 0));
    SET(dwp_case_set_bool(c, "child.de_facto_unsupported", 0));
    SET(dwp_case_set_str(c, "child.living_arrangement", "family"));
    SET(dwp_case_set_bool(c, "child.serious_illness", 1));
    SET(dwp_case_set_int(c, "child.monthly_income_fen", 0));
    SET(dwp_case_set_str(c, "child.education.level", "ordinary_high"));
    SET(dwp_case_set_bool(c, "child.education.full_time", 1));
    SET(dwp_case_set_bool(c, "child.education.boarding", 0));
    SET(dwp_case_set_str(c, "child.guardianship", "adequate"));
    SET(dwp_case_set_bool(c, "child.left_behind", 0));
    SET(dwp_case_set_bool(c, "child.crime_victim", 0));
    SET(dwp_case_set_bool(c, "child.graduating_this_year", 0));
    SET(dwp_case_set_str(c, "household.status", "dibao_marginal"));
    SET(dwp_case_set_int(c, "household.size", 3));
    SET(dwp_case_set_int(c, "household.monthly_benefit_fen", 0));
}

static void build_guangyuan_adult_orphan_student(dwp_case *c)
{
    SET(dwp_case_set_str(c, "case_id", "SC-2025-000456"));
    SET(dwp_case_set_date(c, "as_of", 2025, 9, 1));
    SET(dwp_case_set_str(c, "region", "510802"));
    SET(dwp_case_set_str(c, "area", "urban"));
    SET(dwp_case_set_date(c, "child.birth_date", 2006, 3, 15));
    SET(dwp_case_set_bool(c, "child.orphan", 1));
    SET(dwp_case_set_bool(c, "child.de_facto_unsupported", 0));
    SET(dwp_case_set_str(c, "child.living_arrangement", "scattered"));
    SET(dwp_case_set_bool(c, "child.serious_illness", 0));
    SET(dwp_case_set_int(c, "child.monthly_income_fen", 0));
    SET(dwp_case_set_str(c, "child.education.level", "undergraduate"));
    SET(dwp_case_set_bool(c, "child.education.full_time", 1));
    SET(dwp_case_set_bool(c, "child.education.within_normal_duration", 1));
    SET(dwp_case_set_str(c, "child.guardianship", "adequate"));
    SET(dwp_case_set_str(c, "household.status", "tekun"));
    SET(dwp_case_set_int(c, "household.size", 1));
    SET(dwp_case_set_int(c, "household.monthly_benefit_fen", 107400));
}

static void build_guangyuan_dibao_medical(dwp_case *c)
{
    SET(dwp_case_set_str(c, "case_id", "SC-2025-000789"));
    SET(dwp_case_set_date(c, "as_of", 2025, 9, 1));
    SET(dwp_case_set_str(c, "region", "510802"));
    SET(dwp_case_set_str(c, "area", "rural"));
    SET(dwp_case_set_date(c, "child.birth_date", 2015, 11, 2));
    SET(dwp_case_set_bool(c, "child.orphan", 0));
    SET(dwp_case_set_bool(c, "child.de_facto_unsupported", 0));
    SET(dwp_case_set_bool(c, "child.serious_illness", 1));
    SET(dwp_case_set_int(c, "child.monthly_income_fen", 0));
    SET(dwp_case_set_str(c, "child.education.level", "primary"));
    SET(dwp_case_set_bool(c, "child.education.full_time", 1));
    SET(dwp_case_set_bool(c, "child.education.boarding", 1));
    SET(dwp_case_set_str(c, "household.status", "dibao"));
    SET(dwp_case_set_int(c, "household.size", 4));
    SET(dwp_case_set_int(c, "household.monthly_benefit_fen", 248000));
    SET(dwp_case_set_int(c, "medical.policy_out_of_pocket_fen", 2000000));
    SET(dwp_case_set_bool(c, "medical.designated_institution", 1));
    SET(dwp_case_set_int(c, "medical.assisted_this_year_fen", 0));
    SET(dwp_case_set_int(c, "medical.deductible_paid_this_year_fen", 0));
}

static const struct example {
    const char *file;
    void (*build)(dwp_case *);
} examples[] = {
    {"chengdu-serious-illness.json", build_chengdu_serious_illness},
    {"guangyuan-adult-orphan-student.json", build_guangyuan_adult_orphan_student},
    {"guangyuan-dibao-medical.json", build_guangyuan_dibao_medical},
};

static dwp_result *eval_case_ok(dwp_engine *e, const dwp_case *c)
{
    dwp_result *r = (dwp_result *)1;
    int rc = dwp_eval_case(e, c, &r);
    if (rc != DWP_OK) fail_msg("dwp_eval_case: %d %s", rc, dwp_last_error());
    assert_non_null(r);
    assert_string_equal(dwp_last_error(), "");
    return r;
}

static size_t find(const dwp_result *r, const char *id)
{
    int32_t i = dwp_result_benefit_find(r, id);
    if (i < 0) fail_msg("no benefit %s", id);
    assert_string_equal(dwp_result_benefit_id(r, (size_t)i), id);
    return (size_t)i;
}

static int64_t amount_of(const dwp_result *r, size_t i)
{
    int64_t fen = -12345;
    int rc = dwp_result_benefit_amount(r, i, &fen);
    if (rc != DWP_OK) fail_msg("%s: no amount (%d)", dwp_result_benefit_id(r, i), rc);
    return fen;
}

/* Every accessor of every benefit against the result's own JSON. */
static void expect_accessors_match_json(const dwp_result *r)
{
    static const char *const statuses[] = {"eligible", "ineligible", "indeterminate", "error"};
    static const char *const periods[] = {"month", "year", "once", "claim"};
    static const char *const kinds[] = {"payment", "cap", "waiver"};
    jdom_error err;
    jdom_value *doc = rf_parse(dwp_result_json(r), &err);
    if (!doc) fail_msg("result is not JSON: %s", err.message);
    const jdom_value *list = jdom_get(doc, "benefits");
    assert_int_equal(dwp_result_benefit_count(r), jdom_count(list));
    for (size_t i = 0; i < jdom_count(list); i++) {
        const jdom_value *b = jdom_at(list, i);
        const char *id = rf_field(b, "id");
        assert_string_equal(dwp_result_benefit_id(r, i), id);
        assert_int_equal(dwp_result_benefit_find(r, id), (int32_t)i);
        assert_string_equal(dwp_result_benefit_title(r, i), rf_field(b, "title"));
        int32_t status = dwp_result_benefit_status(r, i);
        assert_in_range(status, DWP_BENEFIT_ELIGIBLE, DWP_BENEFIT_ERROR);
        assert_string_equal(statuses[status], rf_field(b, "status"));
        int32_t period = dwp_result_benefit_period(r, i);
        assert_in_range(period, DWP_PERIOD_MONTH, DWP_PERIOD_CLAIM);
        assert_string_equal(periods[period], rf_field(b, "period"));
        int32_t kind = dwp_result_benefit_kind(r, i);
        assert_in_range(kind, DWP_KIND_PAYMENT, DWP_KIND_WAIVER);
        assert_string_equal(kinds[kind], rf_field(b, "kind"));
        assert_string_equal(dwp_result_benefit_basis(r, i), rf_field(b, "basis"));
        assert_string_equal(dwp_result_benefit_decided_by(r, i), rf_field(b, "decided_by"));
        int64_t fen = -7;
        int rc = dwp_result_benefit_amount(r, i, &fen);
        if (rf_amount(b) < 0) {
            assert_int_equal(rc, DWP_EINVAL);
            assert_int_equal(fen, -7); /* untouched */
        } else {
            assert_int_equal(rc, DWP_OK);
            assert_int_equal(fen, rf_amount(b));
        }
        const jdom_value *reasons = jdom_get(b, "reasons");
        assert_int_equal(dwp_result_reason_count(r, i), jdom_count(reasons));
        for (size_t k = 0; k < jdom_count(reasons); k++) {
            const jdom_value *reason = jdom_at(reasons, k);
            assert_string_equal(dwp_result_reason_code(r, i, k), rf_field(reason, "code"));
            assert_string_equal(dwp_result_reason_text(r, i, k), rf_field(reason, "text"));
            const jdom_value *ok = jdom_get(reason, "ok");
            assert_non_null(ok);
            assert_int_equal(dwp_result_reason_ok(r, i, k), ok->u.boolean ? 1 : 0);
        }
        size_t n = jdom_count(reasons);
        assert_null(dwp_result_reason_code(r, i, n));
        assert_null(dwp_result_reason_text(r, i, n));
        assert_int_equal(dwp_result_reason_ok(r, i, n), -1);
    }
    jdom_free(doc);
}

/* ---- SPEC §5a worked examples --------------------------------------------------------------- */

/* 1. 成都锦江区, 17, seriously ill, 低保边缘, no income → 112000 a month, standard from 510100. */
static void test_5a1_dibao_single_person(void **state)
{
    fixture *f = *state;
    dwp_case *c = new_case();
    build_chengdu_serious_illness(c);
    dwp_result *r = eval_case_ok(f->zh, c);
    size_t i = find(r, "dibao.single_person");
    assert_int_equal(dwp_result_benefit_status(r, i), DWP_BENEFIT_ELIGIBLE);
    assert_int_equal(amount_of(r, i), 112000);
    assert_int_equal(dwp_result_benefit_period(r, i), DWP_PERIOD_MONTH);
    assert_int_equal(dwp_result_benefit_kind(r, i), DWP_KIND_PAYMENT);
    assert_string_equal(dwp_result_benefit_decided_by(r, i), "510000");
    assert_string_equal(dwp_result_benefit_title(r, i), "单人户纳入最低生活保障");
    assert_non_null(strstr(dwp_result_benefit_basis(r, i), "川办发〔2025〕53号"));
    /* every reason a condition met */
    assert_true(dwp_result_reason_count(r, i) >= 3);
    for (size_t k = 0; k < dwp_result_reason_count(r, i); k++)
        assert_int_equal(dwp_result_reason_ok(r, i, k), 1);
    assert_string_equal(dwp_result_reason_code(r, i, 0), "child.age");
    /* the standard came from 成都 (510100): only in the JSON's params */
    jdom_error err;
    jdom_value *doc = rf_parse(dwp_result_json(r), &err);
    assert_non_null(doc);
    const jdom_value *param = rf_param(rf_benefit(doc, "dibao.single_person"), "dibao.standard.urban");
    assert_non_null(param);
    assert_string_equal(rf_field(param, "region"), "510100");
    assert_int_equal(jdom_get(param, "value")->u.integer, 112000);
    jdom_free(doc);
    /* the catalogue, in order, nothing else */
    assert_int_equal(dwp_result_benefit_count(r), 13);
    assert_string_equal(dwp_result_benefit_id(r, 0), "dibao.single_person");
    assert_string_equal(dwp_result_benefit_id(r, 12), "housing.support");
    expect_accessors_match_json(r);
    dwp_result_free(r);
    dwp_case_free(c);
}

/* 2. 广元利州区, 19, former orphan, undergraduate, 特困 receiving 107400 → 12600; at 130000 the
 *    top-up is zero, which is ineligible with the reason. */
static void test_5a2_adult_orphan_topup(void **state)
{
    fixture *f = *state;
    dwp_case *c = new_case();
    build_guangyuan_adult_orphan_student(c);
    dwp_result *r = eval_case_ok(f->zh, c);
    size_t i = find(r, "orphan.adult_student_topup");
    assert_int_equal(dwp_result_benefit_status(r, i), DWP_BENEFIT_ELIGIBLE);
    assert_int_equal(amount_of(r, i), 120000 - 107400);
    assert_int_equal(dwp_result_benefit_period(r, i), DWP_PERIOD_MONTH);
    assert_string_equal(dwp_result_benefit_decided_by(r, i), "510000");
    size_t d = find(r, "dibao.single_person");
    assert_int_equal(dwp_result_benefit_status(r, d), DWP_BENEFIT_INELIGIBLE);
    assert_int_equal(amount_of(r, d), 0);
    expect_accessors_match_json(r);
    dwp_result_free(r);

    SET(dwp_case_set_int(c, "household.monthly_benefit_fen", 130000));
    r = eval_case_ok(f->zh, c);
    i = find(r, "orphan.adult_student_topup");
    assert_int_equal(dwp_result_benefit_status(r, i), DWP_BENEFIT_INELIGIBLE);
    assert_int_equal(amount_of(r, i), 0);
    size_t n = dwp_result_reason_count(r, i);
    assert_true(n > 0);
    /* the last reason: the current benefit is not below the 散居孤儿 standard */
    assert_string_equal(dwp_result_reason_code(r, i, n - 1), "amount");
    assert_int_equal(dwp_result_reason_ok(r, i, n - 1), 0);
    assert_non_null(strstr(dwp_result_reason_text(r, i, n - 1), "1300.00"));
    assert_non_null(strstr(dwp_result_reason_text(r, i, n - 1), "1200.00"));
    expect_accessors_match_json(r);
    dwp_result_free(r);
    dwp_case_free(c);
}

/* 3. 510802, 低保, 2,000,000 out of pocket → 1,400,000; with 4,000,000 assisted → 1,000,000. */
static void test_5a3_medical_assistance(void **state)
{
    fixture *f = *state;
    dwp_case *c = new_case();
    build_guangyuan_dibao_medical(c);
    dwp_result *r = eval_case_ok(f->zh, c);
    size_t i = find(r, "medical.assistance");
    assert_int_equal(dwp_result_benefit_status(r, i), DWP_BENEFIT_ELIGIBLE);
    assert_int_equal(amount_of(r, i), 1400000);
    assert_int_equal(dwp_result_benefit_period(r, i), DWP_PERIOD_CLAIM);
    assert_int_equal(dwp_result_benefit_kind(r, i), DWP_KIND_PAYMENT);
    expect_accessors_match_json(r);
    dwp_result_free(r);

    SET(dwp_case_set_int(c, "medical.assisted_this_year_fen", 4000000));
    r = eval_case_ok(f->zh, c);
    i = find(r, "medical.assistance");
    assert_int_equal(dwp_result_benefit_status(r, i), DWP_BENEFIT_ELIGIBLE);
    assert_int_equal(amount_of(r, i), 1000000);
    expect_accessors_match_json(r);
    dwp_result_free(r);
    dwp_case_free(c);
}

/* ---- The typed path and the JSON path give the same bytes --------------------------------- */

static void test_result_json_identical_to_eval_json(void **state)
{
    fixture *f = *state;
    dwp_engine *engines[] = {f->zh, f->en};
    for (size_t x = 0; x < sizeof examples / sizeof examples[0]; x++) {
        for (int l = 0; l < 2; l++) {
            dwp_engine *e = engines[l];
            dwp_case *c = new_case();
            examples[x].build(c);
            dwp_result *r = eval_case_ok(e, c);

            /* the builder's JSON through dwp_eval_json */
            char *built = case_json(c);
            int rc;
            char *from_built = eval_json(e, built, &rc, NULL, 0);
            assert_int_equal(rc, DWP_OK);
            assert_string_equal(dwp_result_json(r), from_built);

            /* the hand-written file: other key order, other whitespace, same result */
            char *hand = read_case_file(examples[x].file);
            assert_string_not_equal(hand, built);
            char *from_hand = eval_json(e, hand, &rc, NULL, 0);
            assert_int_equal(rc, DWP_OK);
            assert_string_equal(dwp_result_json(r), from_hand);

            /* dwp_eval_json_result of the file */
            dwp_result *r2 = NULL;
            assert_int_equal(dwp_eval_json_result(e, hand, strlen(hand), &r2), DWP_OK);
            assert_non_null(r2);
            assert_string_equal(dwp_result_json(r2), from_hand);
            expect_accessors_match_json(r2);
            expect_accessors_match_json(r);

            /* the builder's JSON is the same case as the file */
            jdom_value *a = rf_parse(built, NULL), *b = rf_parse(hand, NULL);
            assert_non_null(a);
            assert_non_null(b);
            assert_true(jdom_equal(a, b));
            jdom_free(a);
            jdom_free(b);

            dwp_result_free(r2);
            dwp_free(from_hand);
            free(hand);
            dwp_free(from_built);
            dwp_free(built);
            dwp_result_free(r);
            dwp_case_free(c);
        }
    }
}

/* The JSON dwp_case_to_json writes: keys sorted at every level, objects grouped, nothing
 * else. */
static void test_case_to_json_shape(void **state)
{
    (void)state;
    dwp_case *c = new_case();
    SET(dwp_case_set_date(c, "as_of", 2026, 3, 1));
    SET(dwp_case_set_bool(c, "child.orphan", 1));
    SET(dwp_case_set_int(c, "child.disability.grade", 2));
    SET(dwp_case_set_str(c, "region", "510104"));
    SET(dwp_case_set_str(c, "child.disability.type", "physical"));
    SET(dwp_case_set_date(c, "child.birth_date", 2008, 5, 20));
    SET(dwp_case_set_str(c, "case_id", "a\"b\\c\n\t\x01 中文"));
    char *j = case_json(c);
    assert_string_equal(j, "{\"as_of\":\"2026-03-01\",\"case_id\":\"a\\\"b\\\\c\\n\\t\\u0001 中文\","
                           "\"child\":{\"birth_date\":\"2008-05-20\",\"disability\":{\"grade\":2,"
                           "\"type\":\"physical\"},\"orphan\":true},\"region\":\"510104\"}");
    dwp_free(j);
    dwp_case_free(c);
}

/* Every field of the SPEC §2 example (but id_number, which must be real) set through the
 * setters gives the same result as the SPEC's JSON. */
static void test_every_spec2_field(void **state)
{
    fixture *f = *state;
    static const char spec2[] =
        "{\n  \"case_id\": \"SC-2026-000123\",\n  \"as_of\": \"2026-03-01\",\n"
        "  \"region\": \"510104\",\n  \"area\": \"urban\",\n  \"child\": {\n"
        "    \"birth_date\": \"2008-05-20\",\n    \"hukou_region\": \"511302\",\n"
        "    \"orphan\": false,\n    \"de_facto_unsupported\": false,\n"
        "    \"living_arrangement\": \"family\",\n"
        "    \"disability\": { \"grade\": 2, \"type\": \"physical\" },\n"
        "    \"autism\": false,\n    \"serious_illness\": true,\n    \"monthly_income_fen\": 0,\n"
        "    \"education\": { \"level\": \"undergraduate\", \"full_time\": true, \"boarding\": false,\n"
        "                   \"within_normal_duration\": true },\n"
        "    \"guardianship\": \"adequate\",\n    \"left_behind\": false,\n"
        "    \"crime_victim\": false,\n    \"graduating_this_year\": false\n  },\n"
        "  \"household\": {\n    \"status\": \"dibao_marginal\",\n    \"size\": 3,\n"
        "    \"monthly_benefit_fen\": 0,\n    \"housing_eligible\": false\n  },\n"
        "  \"medical\": {\n    \"policy_out_of_pocket_fen\": 2000000,\n"
        "    \"designated_institution\": true,\n    \"assisted_this_year_fen\": 0,\n"
        "    \"deductible_paid_this_year_fen\": 0\n  },\n"
        "  \"emergency\": { \"kind\": \"urgent\", \"occurred_region\": \"510107\", "
        "\"received_this_year_fen\": 0 }\n}\n";
    dwp_case *c = new_case();
    /* set in an order unlike the document's */
    SET(dwp_case_set_str(c, "emergency.kind", "urgent"));
    SET(dwp_case_set_int(c, "medical.deductible_paid_this_year_fen", 0));
    SET(dwp_case_set_bool(c, "child.education.within_normal_duration", 1));
    SET(dwp_case_set_str(c, "child.disability.type", "physical"));
    SET(dwp_case_set_str(c, "case_id", "SC-2026-000123"));
    SET(dwp_case_set_date(c, "as_of", 2026, 3, 1));
    SET(dwp_case_set_str(c, "region", "510104"));
    SET(dwp_case_set_str(c, "area", "urban"));
    SET(dwp_case_set_date(c, "child.birth_date", 2008, 5, 20));
    SET(dwp_case_set_str(c, "child.hukou_region", "511302"));
    SET(dwp_case_set_bool(c, "child.orphan", 0));
    SET(dwp_case_set_bool(c, "child.de_facto_unsupported", 0));
    SET(dwp_case_set_str(c, "child.living_arrangement", "family"));
    SET(dwp_case_set_int(c, "child.disability.grade", 2));
    SET(dwp_case_set_bool(c, "child.autism", 0));
    SET(dwp_case_set_bool(c, "child.serious_illness", 1));
    SET(dwp_case_set_int(c, "child.monthly_income_fen", 0));
    SET(dwp_case_set_str(c, "child.education.level", "undergraduate"));
    SET(dwp_case_set_bool(c, "child.education.full_time", 1));
    SET(dwp_case_set_bool(c, "child.education.boarding", 0));
    SET(dwp_case_set_str(c, "child.guardianship", "adequate"));
    SET(dwp_case_set_bool(c, "child.left_behind", 0));
    SET(dwp_case_set_bool(c, "child.crime_victim", 0));
    SET(dwp_case_set_bool(c, "child.graduating_this_year", 0));
    SET(dwp_case_set_str(c, "household.status", "dibao_marginal"));
    SET(dwp_case_set_int(c, "household.size", 3));
    SET(dwp_case_set_int(c, "household.monthly_benefit_fen", 0));
    SET(dwp_case_set_bool(c, "household.housing_eligible", 0));
    SET(dwp_case_set_int(c, "medical.policy_out_of_pocket_fen", 2000000));
    SET(dwp_case_set_bool(c, "medical.designated_institution", 1));
    SET(dwp_case_set_int(c, "medical.assisted_this_year_fen", 0));
    SET(dwp_case_set_str(c, "emergency.occurred_region", "510107"));
    SET(dwp_case_set_int(c, "emergency.received_this_year_fen", 0));
    dwp_result *r = eval_case_ok(f->zh, c);
    int rc;
    char *want = eval_json(f->zh, spec2, &rc, NULL, 0);
    assert_int_equal(rc, DWP_OK);
    assert_string_equal(dwp_result_json(r), want);
    char *built = case_json(c);
    jdom_value *a = rf_parse(built, NULL), *b = rf_parse(spec2, NULL);
    assert_true(jdom_equal(a, b));
    expect_accessors_match_json(r);
    jdom_free(a);
    jdom_free(b);
    dwp_free(built);
    dwp_free(want);
    dwp_result_free(r);
    dwp_case_free(c);
}

/* ---- Setters: what is refused at once ------------------------------------------------------ */

static void expect_schema_error_naming(int rc, const char *path)
{
    assert_int_equal(rc, DWP_ESCHEMA);
    const char *msg = dwp_last_error();
    if (!strstr(msg, path)) fail_msg("message does not name %s: %s", path, msg);
    assert_true(dwp_utf8_valid(msg, strlen(msg)));
}

/* The case's JSON did not change. */
static void expect_case_json(const dwp_case *c, const char *want)
{
    char *j = case_json(c);
    assert_string_equal(j, want);
    dwp_free(j);
}

static void test_unknown_path_refused_at_set_time(void **state)
{
    (void)state;
    dwp_case *c = new_case();
    SET(dwp_case_set_bool(c, "child.orphan", 1));
    expect_schema_error_naming(dwp_case_set_str(c, "child.educaton", "primary"), "child.educaton");
    expect_schema_error_naming(dwp_case_set_int(c, "child.educaton", 1), "child.educaton");
    expect_schema_error_naming(dwp_case_set_bool(c, "child.educaton", 1), "child.educaton");
    expect_schema_error_naming(dwp_case_set_date(c, "child.educaton", 2020, 1, 1), "child.educaton");
    expect_schema_error_naming(dwp_case_unset(c, "child.educaton"), "child.educaton");
    static const char *const bad[] = {"", ".", "child.", ".child", "child..orphan",
                                      "child.orphan.x", "Child.orphan", "child.orphan ",
                                      "orphan", "household.status.x", "benefits", "age",
                                      "child.education.level.x", "child.disability.grades"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        int rc = dwp_case_set_bool(c, bad[k], 1);
        if (rc != DWP_ESCHEMA) fail_msg("%s: %d", bad[k], rc);
        assert_true(dwp_utf8_valid(dwp_last_error(), strlen(dwp_last_error())));
        assert_int_equal(dwp_case_unset(c, bad[k]), DWP_ESCHEMA);
    }
    /* a path that is not UTF-8 is named escaped: the message stays valid UTF-8 */
    assert_int_equal(dwp_case_set_int(c, "child.\xff\xfe", 1), DWP_ESCHEMA);
    assert_true(dwp_utf8_valid(dwp_last_error(), strlen(dwp_last_error())));
    /* a very long path: refused, message bounded */
    char longpath[5000];
    memset(longpath, 'a', sizeof longpath - 1);
    longpath[sizeof longpath - 1] = '\0';
    assert_int_equal(dwp_case_set_int(c, longpath, 1), DWP_ESCHEMA);
    assert_true(strlen(dwp_last_error()) < 1024);
    expect_case_json(c, "{\"child\":{\"orphan\":true}}");
    dwp_case_free(c);
}

/* The unknown-path message, next to the JSON reader's for the same field.
 *
 * Regression (fixed in 4fef867, case_builder.c check_path): the builder quoted every path,
 * `"child.educaton"：未知字段`, where the JSON reader writes `child.educaton：未知字段`, as does
 * the example in dwpolicy.h. (Set-time messages are always Chinese: a dwp_case has no
 * language.) */
static void expect_unknown_like_json(dwp_engine *e, const char *key)
{
    char path[128];
    snprintf(path, sizeof path, "child.%s", key);
    dwp_case *c = new_case();
    int rc = dwp_case_set_str(c, path, "primary");
    char typed[512];
    snprintf(typed, sizeof typed, "%s", dwp_last_error());
    dwp_case_free(c);
    assert_int_equal(rc, DWP_ESCHEMA);
    char json[512];
    snprintf(json, sizeof json,
             "{\"as_of\":\"2026-03-01\",\"region\":\"510104\","
             "\"child\":{\"birth_date\":\"2008-05-20\",\"%s\":\"primary\"}}",
             key);
    char msg[512];
    assert_null(eval_json(e, json, &rc, msg, sizeof msg));
    assert_int_equal(rc, DWP_ESCHEMA);
    if (strcmp(typed, msg)) fail_msg("typed: %s\n  JSON: %s", typed, msg);
}

static void test_unknown_path_message_like_json(void **state)
{
    fixture *f = *state;
    expect_unknown_like_json(f->zh, "educaton");
    expect_unknown_like_json(f->zh, "education_level");
    expect_unknown_like_json(f->zh, "x1");
}

/* The same for keys that are not [a-z0-9_].
 *
 * Regression (fixed in 1a1e105, case_builder.c check_path): the builder showed a path bare
 * only when it was [a-z0-9_.] and quoted anything else, while the JSON reader shows a key bare
 * whenever it is 1..64 bytes of valid UTF-8 without control characters, '"', '\\' or '.', so
 * "child.Educaton", "edu-caton", "学历" and "x y" were named differently by the two paths. */
static void test_unknown_path_message_other_keys(void **state)
{
    fixture *f = *state;
    expect_unknown_like_json(f->zh, "Educaton");
    expect_unknown_like_json(f->zh, "edu-caton");
    expect_unknown_like_json(f->zh, "学历");
    expect_unknown_like_json(f->zh, "x y");
}

static void test_wrong_setter_type_refused(void **state)
{
    (void)state;
    dwp_case *c = new_case();
    expect_schema_error_naming(dwp_case_set_int(c, "child.orphan", 1), "child.orphan");
    assert_non_null(strstr(dwp_last_error(), "dwp_case_set_bool"));
    expect_schema_error_naming(dwp_case_set_str(c, "child.orphan", "true"), "child.orphan");
    expect_schema_error_naming(dwp_case_set_date(c, "child.orphan", 2020, 1, 1), "child.orphan");
    expect_schema_error_naming(dwp_case_set_bool(c, "child.monthly_income_fen", 0),
                               "child.monthly_income_fen");
    assert_non_null(strstr(dwp_last_error(), "dwp_case_set_int"));
    expect_schema_error_naming(dwp_case_set_str(c, "household.size", "3"), "household.size");
    expect_schema_error_naming(dwp_case_set_date(c, "medical.assisted_this_year_fen", 2020, 1, 1),
                               "medical.assisted_this_year_fen");
    expect_schema_error_naming(dwp_case_set_int(c, "region", 510104), "region");
    assert_non_null(strstr(dwp_last_error(), "dwp_case_set_str"));
    expect_schema_error_naming(dwp_case_set_int(c, "as_of", 20260301), "as_of");
    expect_schema_error_naming(dwp_case_set_bool(c, "household.status", 1), "household.status");
    expect_schema_error_naming(dwp_case_set_int(c, "child.id_number", 510104200805201234),
                               "child.id_number");
    /* the right setter for each works */
    SET(dwp_case_set_bool(c, "child.orphan", 1));
    SET(dwp_case_set_int(c, "child.disability.grade", 1));
    SET(dwp_case_set_str(c, "region", "510104"));
    SET(dwp_case_set_date(c, "as_of", 2026, 3, 1));
    expect_case_json(c, "{\"as_of\":\"2026-03-01\",\"child\":{\"disability\":{\"grade\":1},"
                        "\"orphan\":true},\"region\":\"510104\"}");
    dwp_case_free(c);
}

static void test_object_path_refused(void **state)
{
    (void)state;
    dwp_case *c = new_case();
    SET(dwp_case_set_str(c, "region", "510104"));
    static const char *const objects[] = {"child", "child.education", "child.disability",
                                          "household", "medical", "emergency"};
    for (size_t k = 0; k < sizeof objects / sizeof objects[0]; k++) {
        expect_schema_error_naming(dwp_case_set_bool(c, objects[k], 1), objects[k]);
        expect_schema_error_naming(dwp_case_set_int(c, objects[k], 1), objects[k]);
        expect_schema_error_naming(dwp_case_set_str(c, objects[k], "{}"), objects[k]);
        expect_schema_error_naming(dwp_case_set_date(c, objects[k], 2020, 1, 1), objects[k]);
        expect_schema_error_naming(dwp_case_unset(c, objects[k]), objects[k]);
    }
    expect_case_json(c, "{\"region\":\"510104\"}");
    dwp_case_free(c);
}

/* ---- Values: refused at evaluation with the JSON reader's message ------------------------ */

typedef struct bad_value {
    const char *name;
    void (*change)(dwp_case *c);
    const char *from, *to; /* the same change to examples/cases/guangyuan-dibao-medical.json */
    int status;
    const char *path; /* named in the message */
} bad_value;

static void bad_enum(dwp_case *c) { SET(dwp_case_set_str(c, "household.status", "rich")); }
static void bad_enum_area(dwp_case *c) { SET(dwp_case_set_str(c, "area", "suburban")); }
static void bad_level(dwp_case *c) { SET(dwp_case_set_str(c, "child.education.level", "phd")); }
static void feb_30(dwp_case *c) { SET(dwp_case_set_date(c, "child.birth_date", 2025, 2, 30)); }
static void feb_29(dwp_case *c) { SET(dwp_case_set_date(c, "as_of", 2023, 2, 29)); }
static void month_13(dwp_case *c) { SET(dwp_case_set_date(c, "as_of", 2025, 13, 1)); }
static void day_0(dwp_case *c) { SET(dwp_case_set_date(c, "as_of", 2025, 9, 0)); }
static void year_negative(dwp_case *c) { SET(dwp_case_set_date(c, "child.birth_date", -1, 1, 1)); }
static void year_5_digits(dwp_case *c) { SET(dwp_case_set_date(c, "as_of", 12025, 9, 1)); }
static void money_negative(dwp_case *c)
{
    SET(dwp_case_set_int(c, "medical.policy_out_of_pocket_fen", -1));
}
static void money_too_big(dwp_case *c)
{
    SET(dwp_case_set_int(c, "medical.policy_out_of_pocket_fen", 10000000000001));
}
static void money_int64_max(dwp_case *c)
{
    SET(dwp_case_set_int(c, "medical.assisted_this_year_fen", INT64_MAX));
}
static void money_int64_min(dwp_case *c)
{
    SET(dwp_case_set_int(c, "child.monthly_income_fen", INT64_MIN));
}
static void size_100(dwp_case *c) { SET(dwp_case_set_int(c, "household.size", 100)); }
static void size_0(dwp_case *c) { SET(dwp_case_set_int(c, "household.size", 0)); }
static void grade_5(dwp_case *c) { SET(dwp_case_set_int(c, "child.disability.grade", 5)); }
static void grade_256(dwp_case *c) { SET(dwp_case_set_int(c, "child.disability.grade", 256)); }
static void no_as_of(dwp_case *c) { SET(dwp_case_unset(c, "as_of")); }
static void no_region(dwp_case *c) { SET(dwp_case_unset(c, "region")); }
static void no_birth_date(dwp_case *c) { SET(dwp_case_unset(c, "child.birth_date")); }
static void no_level(dwp_case *c) { SET(dwp_case_unset(c, "child.education.level")); }
static void no_grade(dwp_case *c) { SET(dwp_case_set_str(c, "child.disability.type", "visual")); }
static void no_emergency_kind(dwp_case *c)
{
    SET(dwp_case_set_int(c, "emergency.received_this_year_fen", 0));
}
static void region_unknown(dwp_case *c) { SET(dwp_case_set_str(c, "region", "519999")); }
static void region_short(dwp_case *c) { SET(dwp_case_set_str(c, "region", "5108")); }
static void born_after_as_of(dwp_case *c) { SET(dwp_case_set_date(c, "child.birth_date", 2026, 1, 1)); }
static void case_id_too_long(dwp_case *c)
{
    char id[200];
    memset(id, 'x', 129);
    id[129] = '\0';
    SET(dwp_case_set_str(c, "case_id", id));
}
static void id_bad_check(dwp_case *c)
{
    char id[19];
    id_number_with_check("51080220151102123", id);
    id[17] = id[17] == '0' ? '1' : '0';
    SET(dwp_case_set_str(c, "child.id_number", id));
}
static void id_other_birth(dwp_case *c)
{
    char id[19];
    id_number_with_check("51080220151103123", id);
    SET(dwp_case_set_str(c, "child.id_number", id));
}
static void id_17_chars(dwp_case *c) { SET(dwp_case_set_str(c, "child.id_number", "51080220151102123")); }
static void id_letter(dwp_case *c) { SET(dwp_case_set_str(c, "child.id_number", "5108022015110212x3")); }

#define XXX129 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

static const bad_value bad_values[] = {
    {"enum household.status", bad_enum, "\"status\": \"dibao\"", "\"status\": \"rich\"",
     DWP_ESCHEMA, "household.status"},
    {"enum area", bad_enum_area, "\"area\": \"rural\"", "\"area\": \"suburban\"", DWP_ESCHEMA,
     "area"},
    {"enum level", bad_level, "\"level\": \"primary\"", "\"level\": \"phd\"", DWP_ESCHEMA,
     "child.education.level"},
    {"2025-02-30", feb_30, "\"birth_date\": \"2015-11-02\"", "\"birth_date\": \"2025-02-30\"",
     DWP_ESCHEMA, "child.birth_date"},
    {"2023-02-29", feb_29, "\"as_of\": \"2025-09-01\"", "\"as_of\": \"2023-02-29\"", DWP_ESCHEMA,
     "as_of"},
    {"month 13", month_13, "\"as_of\": \"2025-09-01\"", "\"as_of\": \"2025-13-01\"", DWP_ESCHEMA,
     "as_of"},
    {"day 0", day_0, "\"as_of\": \"2025-09-01\"", "\"as_of\": \"2025-09-00\"", DWP_ESCHEMA,
     "as_of"},
    {"year -1", year_negative, "\"birth_date\": \"2015-11-02\"", "\"birth_date\": \"-001-01-01\"",
     DWP_ESCHEMA, "child.birth_date"},
    {"year 12025", year_5_digits, "\"as_of\": \"2025-09-01\"", "\"as_of\": \"12025-09-01\"",
     DWP_ESCHEMA, "as_of"},
    {"money -1", money_negative, "\"policy_out_of_pocket_fen\": 2000000",
     "\"policy_out_of_pocket_fen\": -1", DWP_ESCHEMA, "medical.policy_out_of_pocket_fen"},
    {"money 10^13+1", money_too_big, "\"policy_out_of_pocket_fen\": 2000000",
     "\"policy_out_of_pocket_fen\": 10000000000001", DWP_ESCHEMA,
     "medical.policy_out_of_pocket_fen"},
    {"money INT64_MAX", money_int64_max, "\"assisted_this_year_fen\": 0",
     "\"assisted_this_year_fen\": 9223372036854775807", DWP_ESCHEMA,
     "medical.assisted_this_year_fen"},
    {"money INT64_MIN", money_int64_min, "\"monthly_income_fen\": 0",
     "\"monthly_income_fen\": -9223372036854775808", DWP_ESCHEMA, "child.monthly_income_fen"},
    {"size 100", size_100, "\"size\": 4", "\"size\": 100", DWP_ESCHEMA, "household.size"},
    {"size 0", size_0, "\"size\": 4", "\"size\": 0", DWP_ESCHEMA, "household.size"},
    {"grade 5", grade_5, "\"child\": {", "\"child\": {\"disability\": {\"grade\": 5},",
     DWP_ESCHEMA, "child.disability.grade"},
    {"grade 256", grade_256, "\"child\": {", "\"child\": {\"disability\": {\"grade\": 256},",
     DWP_ESCHEMA, "child.disability.grade"},
    {"missing as_of", no_as_of, "\"as_of\": \"2025-09-01\",", "", DWP_ESCHEMA, "as_of"},
    {"missing region", no_region, "\"region\": \"510802\",", "", DWP_ESCHEMA, "region"},
    {"missing birth_date", no_birth_date, "\"birth_date\": \"2015-11-02\",", "", DWP_ESCHEMA,
     "child.birth_date"},
    {"missing level", no_level, "\"level\": \"primary\",", "", DWP_ESCHEMA,
     "child.education.level"},
    {"missing grade", no_grade, "\"child\": {", "\"child\": {\"disability\": {\"type\": \"visual\"},",
     DWP_ESCHEMA, "child.disability.grade"},
    {"missing emergency.kind", no_emergency_kind, "\"area\": \"rural\",",
     "\"area\": \"rural\", \"emergency\": {\"received_this_year_fen\": 0},", DWP_ESCHEMA,
     "emergency.kind"},
    {"region 519999", region_unknown, "\"region\": \"510802\"", "\"region\": \"519999\"",
     DWP_ESCHEMA, "519999"},
    {"region 5108", region_short, "\"region\": \"510802\"", "\"region\": \"5108\"", DWP_ESCHEMA,
     "region"},
    {"born after as_of", born_after_as_of, "\"birth_date\": \"2015-11-02\"",
     "\"birth_date\": \"2026-01-01\"", DWP_ESCHEMA, "birth_date"},
    {"case_id 129 bytes", case_id_too_long, "\"case_id\": \"SC-2025-000789\"",
     "\"case_id\": \"" XXX129 "\"", DWP_ESCHEMA, "case_id"},
    {"id_number check digit", id_bad_check, NULL, NULL, DWP_ESCHEMA, "child.id_number"},
    {"id_number other birth date", id_other_birth, NULL, NULL, DWP_ESCHEMA, "child.id_number"},
    {"id_number 17 chars", id_17_chars, "\"child\": {",
     "\"child\": {\"id_number\": \"51080220151102123\",", DWP_ESCHEMA, "child.id_number"},
    {"id_number letter", id_letter, "\"child\": {",
     "\"child\": {\"id_number\": \"5108022015110212x3\",", DWP_ESCHEMA, "child.id_number"},
};

/* The JSON for the id_number cases is built at run time (the check digit is computed). */
static char *bad_value_json(const bad_value *b, const char *base)
{
    if (b->from) return replace_once(base, b->from, b->to);
    dwp_case *c = new_case();
    build_guangyuan_dibao_medical(c);
    b->change(c);
    char id[64];
    char *built = case_json(c);
    const char *at = strstr(built, "\"id_number\":\"");
    assert_non_null(at);
    snprintf(id, sizeof id, "\"child\": {\"id_number\": \"%.18s\",", at + strlen("\"id_number\":\""));
    dwp_free(built);
    dwp_case_free(c);
    return replace_once(base, "\"child\": {", id);
}

static void check_bad_values(dwp_engine *e)
{
    char *base = read_case_file("guangyuan-dibao-medical.json");
    for (size_t k = 0; k < sizeof bad_values / sizeof bad_values[0]; k++) {
        const bad_value *b = &bad_values[k];
        dwp_case *c = new_case();
        build_guangyuan_dibao_medical(c);
        b->change(c); /* accepted by the setter: values are checked when evaluated */

        dwp_result *r = (dwp_result *)1;
        int rc = dwp_eval_case(e, c, &r);
        char typed_msg[1024];
        snprintf(typed_msg, sizeof typed_msg, "%s", dwp_last_error());
        if (rc != b->status) fail_msg("%s: typed rc %d (%s)", b->name, rc, typed_msg);
        assert_null(r);
        if (!strstr(typed_msg, b->path)) fail_msg("%s: message does not name %s: %s", b->name, b->path, typed_msg);
        assert_true(dwp_utf8_valid(typed_msg, strlen(typed_msg)));

        /* the same case written by hand, in the file's key order */
        char *hand = bad_value_json(b, base);
        char json_msg[1024];
        char *out = eval_json(e, hand, &rc, json_msg, sizeof json_msg);
        if (rc != b->status) fail_msg("%s: JSON rc %d (%s)", b->name, rc, json_msg);
        assert_null(out);
        if (strcmp(typed_msg, json_msg))
            fail_msg("%s: messages differ\n typed: %s\n  JSON: %s", b->name, typed_msg, json_msg);

        /* and through dwp_eval_json_result, and the builder's own JSON */
        r = (dwp_result *)1;
        assert_int_equal(dwp_eval_json_result(e, hand, strlen(hand), &r), b->status);
        assert_null(r);
        assert_string_equal(dwp_last_error(), json_msg);
        char *built = case_json(c);
        out = eval_json(e, built, &rc, json_msg, sizeof json_msg);
        assert_int_equal(rc, b->status);
        assert_null(out);
        assert_string_equal(typed_msg, json_msg);

        dwp_free(built);
        free(hand);
        dwp_case_free(c);
    }
    free(base);
}

static void test_bad_values_same_message_as_json_zh(void **state)
{
    check_bad_values(((fixture *)*state)->zh);
}

static void test_bad_values_same_message_as_json_en(void **state)
{
    check_bad_values(((fixture *)*state)->en);
}

/* Evaluating c through the typed API is refused with DWP_ESCHEMA and exactly the message the
 * JSON reader gives for `json`, the same case written by hand. */
static void expect_same_schema_error(dwp_engine *e, dwp_case *c, const char *json)
{
    dwp_result *r = (dwp_result *)1;
    assert_int_equal(dwp_eval_case(e, c, &r), DWP_ESCHEMA);
    assert_null(r);
    char typed[1024];
    snprintf(typed, sizeof typed, "%s", dwp_last_error());
    int rc;
    char msg[1024];
    assert_null(eval_json(e, json, &rc, msg, sizeof msg));
    assert_int_equal(rc, DWP_ESCHEMA);
    assert_string_equal(typed, msg);
}

/* A case of nothing but the region: the first required field missing, as the JSON reader
 * says it. */
static void test_required_fields(void **state)
{
    fixture *f = *state;
    dwp_case *c = new_case();
    SET(dwp_case_set_str(c, "region", "510104"));
    expect_same_schema_error(f->en, c, "{\"region\": \"510104\"}");
    dwp_case_free(c);
}

/* A new case, nothing set.
 *
 * Regression (fixed in 1a1e105, case_builder.c dwp_case_builder_json): for a case with no
 * entry, c->entries was NULL and `memcpy(sorted, c->entries, 0)` passed NULL to memcpy, which
 * is undefined behaviour (C11 7.24.1p2, even for 0 bytes); UBSan stopped the process there. */
static void test_empty_case(void **state)
{
    fixture *f = *state;
    dwp_case *c = new_case();
    char *j = case_json(c);
    assert_string_equal(j, "{}");
    dwp_free(j);
    expect_same_schema_error(f->en, c, "{}");
    dwp_case_free(c);
}

/* ---- Replacing, unsetting, reusing ---------------------------------------------------------- */

static void test_set_twice_replaces(void **state)
{
    fixture *f = *state;
    dwp_case *c = new_case();
    build_guangyuan_dibao_medical(c);
    SET(dwp_case_set_str(c, "household.status", "none"));
    SET(dwp_case_set_str(c, "household.status", "tekun"));
    SET(dwp_case_set_int(c, "medical.policy_out_of_pocket_fen", 1));
    SET(dwp_case_set_int(c, "medical.policy_out_of_pocket_fen", 1000000));
    SET(dwp_case_set_date(c, "as_of", 2024, 1, 1));
    SET(dwp_case_set_date(c, "as_of", 2025, 9, 1));
    char *j = case_json(c);
    /* one key each, the last value */
    assert_null(strstr(strstr(j, "\"status\":") + 1, "\"status\":"));
    assert_non_null(strstr(j, "\"status\":\"tekun\""));
    assert_non_null(strstr(j, "\"policy_out_of_pocket_fen\":1000000}"));
    assert_non_null(strstr(j, "\"as_of\":\"2025-09-01\""));
    jdom_value *doc = rf_parse(j, NULL); /* strict: duplicate keys would fail */
    assert_non_null(doc);
    jdom_free(doc);
    dwp_free(j);
    dwp_result *r = eval_case_ok(f->zh, c);
    size_t i = find(r, "medical.assistance");
    /* 特困 class: ratio 90% of 1,000,000 */
    assert_int_equal(amount_of(r, i), 900000);
    dwp_result_free(r);
    dwp_case_free(c);
}

static void test_unset(void **state)
{
    fixture *f = *state;
    dwp_case *c = new_case();
    build_guangyuan_dibao_medical(c);
    /* not set: 0, nothing changes */
    char *before = case_json(c);
    SET(dwp_case_unset(c, "child.autism"));
    SET(dwp_case_unset(c, "emergency.kind"));
    expect_case_json(c, before);
    dwp_free(before);

    /* unset a fact a rule needs: indeterminate, listing it */
    SET(dwp_case_unset(c, "medical.designated_institution"));
    dwp_result *r = eval_case_ok(f->zh, c);
    size_t i = find(r, "medical.assistance");
    assert_int_equal(dwp_result_benefit_status(r, i), DWP_BENEFIT_INDETERMINATE);
    int64_t fen = 99;
    assert_int_equal(dwp_result_benefit_amount(r, i, &fen), DWP_EINVAL);
    assert_int_equal(fen, 99);
    jdom_value *doc = rf_parse(dwp_result_json(r), NULL);
    assert_true(rf_has_missing(rf_benefit(doc, "medical.assistance"), "medical.designated_institution"));
    jdom_free(doc);
    dwp_result_free(r);

    /* unset every field of an object: the object is gone */
    SET(dwp_case_unset(c, "medical.policy_out_of_pocket_fen"));
    SET(dwp_case_unset(c, "medical.assisted_this_year_fen"));
    SET(dwp_case_unset(c, "medical.deductible_paid_this_year_fen"));
    char *j = case_json(c);
    assert_null(strstr(j, "medical"));
    dwp_free(j);
    r = eval_case_ok(f->zh, c);
    i = find(r, "medical.assistance");
    assert_int_equal(dwp_result_benefit_status(r, i), DWP_BENEFIT_INELIGIBLE);
    dwp_result_free(r);

    /* set again after unset */
    SET(dwp_case_set_int(c, "medical.policy_out_of_pocket_fen", 2000000));
    SET(dwp_case_set_bool(c, "medical.designated_institution", 1));
    SET(dwp_case_set_int(c, "medical.assisted_this_year_fen", 0));
    SET(dwp_case_set_int(c, "medical.deductible_paid_this_year_fen", 0));
    r = eval_case_ok(f->zh, c);
    assert_int_equal(amount_of(r, find(r, "medical.assistance")), 1400000);
    dwp_result_free(r);

    /* unset everything: an empty case */
    static const char *const all[] = {"case_id", "as_of", "region", "area", "child.birth_date",
                                      "child.orphan", "child.de_facto_unsupported",
                                      "child.serious_illness", "child.monthly_income_fen",
                                      "child.education.level", "child.education.full_time",
                                      "child.education.boarding", "household.status",
                                      "household.size", "household.monthly_benefit_fen",
                                      "medical.policy_out_of_pocket_fen",
                                      "medical.designated_institution",
                                      "medical.assisted_this_year_fen",
                                      "medical.deductible_paid_this_year_fen"};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) SET(dwp_case_unset(c, all[k]));
    expect_case_json(c, "{}");
    dwp_case_free(c);
}

static void test_reuse_case(void **state)
{
    fixture *f = *state;
    dwp_case *c = new_case();
    build_chengdu_serious_illness(c);
    char *before = case_json(c);
    dwp_result *r1 = eval_case_ok(f->zh, c);
    dwp_result *r2 = eval_case_ok(f->zh, c);
    /* evaluating does not change the case */
    expect_case_json(c, before);
    assert_ptr_not_equal(r1, r2);
    assert_string_equal(dwp_result_json(r1), dwp_result_json(r2));
    /* the same case on another engine, then changed and evaluated again */
    dwp_result *r3 = eval_case_ok(f->en, c);
    assert_string_equal(dwp_result_benefit_title(r3, find(r3, "dibao.single_person")),
                        "Inclusion in the minimum living allowance (dibao) as a single-person household");
    SET(dwp_case_set_int(c, "child.monthly_income_fen", 12000));
    dwp_result *r4 = eval_case_ok(f->zh, c);
    assert_int_equal(amount_of(r4, find(r4, "dibao.single_person")), 112000 - 12000);
    /* the earlier results are untouched, and outlive each other */
    dwp_result_free(r2);
    assert_int_equal(amount_of(r1, find(r1, "dibao.single_person")), 112000);
    dwp_case_free(c); /* a result does not need its case */
    assert_int_equal(amount_of(r1, find(r1, "dibao.single_person")), 112000);
    expect_accessors_match_json(r1);
    expect_accessors_match_json(r3);
    expect_accessors_match_json(r4);
    dwp_result_free(r1);
    dwp_result_free(r3);
    dwp_result_free(r4);
    dwp_free(before);
}

/* ---- Accessors ------------------------------------------------------------------------------ */

static void test_accessors_out_of_range(void **state)
{
    fixture *f = *state;
    dwp_case *c = new_case();
    build_chengdu_serious_illness(c);
    dwp_result *r = eval_case_ok(f->zh, c);
    size_t n = dwp_result_benefit_count(r);
    assert_int_equal(n, 13);
    size_t bad[] = {n, n + 1, (size_t)INT32_MAX, (size_t)UINT32_MAX + 1, SIZE_MAX};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        size_t i = bad[k];
        assert_null(dwp_result_benefit_id(r, i));
        assert_null(dwp_result_benefit_title(r, i));
        assert_int_equal(dwp_result_benefit_status(r, i), -1);
        int64_t fen = 5;
        assert_int_equal(dwp_result_benefit_amount(r, i, &fen), DWP_EINVAL);
        assert_int_equal(fen, 5);
        assert_int_equal(dwp_result_benefit_period(r, i), -1);
        assert_int_equal(dwp_result_benefit_kind(r, i), -1);
        assert_null(dwp_result_benefit_basis(r, i));
        assert_null(dwp_result_benefit_decided_by(r, i));
        assert_int_equal(dwp_result_reason_count(r, i), 0);
        assert_null(dwp_result_reason_code(r, i, 0));
        assert_null(dwp_result_reason_text(r, i, 0));
        assert_int_equal(dwp_result_reason_ok(r, i, 0), -1);
    }
    size_t i = find(r, "dibao.single_person");
    size_t nr = dwp_result_reason_count(r, i);
    size_t bad_k[] = {nr, nr + 1, SIZE_MAX};
    for (size_t k = 0; k < sizeof bad_k / sizeof bad_k[0]; k++) {
        assert_null(dwp_result_reason_code(r, i, bad_k[k]));
        assert_null(dwp_result_reason_text(r, i, bad_k[k]));
        assert_int_equal(dwp_result_reason_ok(r, i, bad_k[k]), -1);
    }
    /* amount into NULL */
    assert_int_equal(dwp_result_benefit_amount(r, i, NULL), DWP_EINVAL);
    /* indeterminate: no amount (housing.support without housing_eligible) */
    size_t h = find(r, "housing.support");
    assert_int_equal(dwp_result_benefit_status(r, h), DWP_BENEFIT_INDETERMINATE);
    int64_t fen = 5;
    assert_int_equal(dwp_result_benefit_amount(r, h, &fen), DWP_EINVAL);
    assert_int_equal(fen, 5);
    /* eligible with an amount of 0 (a placeholder): 0, not "none" */
    size_t w = find(r, "edu.tuition_waiver");
    assert_int_equal(dwp_result_benefit_status(r, w), DWP_BENEFIT_ELIGIBLE);
    assert_int_equal(dwp_result_benefit_kind(r, w), DWP_KIND_WAIVER);
    assert_int_equal(amount_of(r, w), 0);
    /* find */
    assert_int_equal(dwp_result_benefit_find(r, "no.such.benefit"), -1);
    assert_int_equal(dwp_result_benefit_find(r, ""), -1);
    assert_int_equal(dwp_result_benefit_find(r, "dibao"), -1);
    assert_int_equal(dwp_result_benefit_find(r, "dibao.single_person "), -1);
    assert_int_equal(dwp_result_benefit_find(r, NULL), -1);
    dwp_result_free(r);
    dwp_case_free(c);
}

static void test_reasons_and_decided_by(void **state)
{
    fixture *f = *state;
    dwp_case *c = new_case();
    build_chengdu_serious_illness(c);
    dwp_result *r = eval_case_ok(f->zh, c);
    size_t i = find(r, "dibao.single_person");
    static const char *const codes[] = {"child.age", "household.status", "child.severe", "amount"};
    assert_int_equal(dwp_result_reason_count(r, i), 4);
    for (size_t k = 0; k < 4; k++) {
        assert_string_equal(dwp_result_reason_code(r, i, k), codes[k]);
        assert_int_equal(dwp_result_reason_ok(r, i, k), 1);
        assert_true(strlen(dwp_result_reason_text(r, i, k)) > 0);
    }
    /* a condition not met */
    size_t o = find(r, "orphan.basic_living");
    assert_int_equal(dwp_result_benefit_status(r, o), DWP_BENEFIT_INELIGIBLE);
    assert_string_equal(dwp_result_reason_code(r, o, 1), "child.orphan");
    assert_int_equal(dwp_result_reason_ok(r, o, 1), 0);
    /* indeterminate with no reasons */
    size_t h = find(r, "housing.support");
    assert_int_equal(dwp_result_reason_count(r, h), 0);
    assert_null(dwp_result_reason_text(r, h, 0));
    dwp_result_free(r);
    dwp_case_free(c);

    /* 成都's override (embedded 510100.lua) decides for a 锦江区 case: decided_by 510100, an
     * "override" reason, the basis extended */
    c = new_case();
    build_guangyuan_adult_orphan_student(c);
    SET(dwp_case_set_str(c, "region", "510104"));
    SET(dwp_case_set_date(c, "as_of", 2026, 3, 1));
    SET(dwp_case_set_bool(c, "child.education.within_normal_duration", 0));
    r = eval_case_ok(f->zh, c);
    i = find(r, "orphan.adult_student_topup");
    assert_int_equal(dwp_result_benefit_status(r, i), DWP_BENEFIT_INELIGIBLE);
    assert_string_equal(dwp_result_benefit_decided_by(r, i), "510100");
    size_t n = dwp_result_reason_count(r, i);
    assert_string_equal(dwp_result_reason_code(r, i, n - 1), "override");
    assert_int_equal(dwp_result_reason_ok(r, i, n - 1), 0);
    assert_non_null(strstr(dwp_result_reason_text(r, i, n - 1), "成都市"));
    assert_non_null(strstr(dwp_result_benefit_basis(r, i), "成都市孤儿基本生活保障政策"));
    /* the others are still the province's */
    assert_string_equal(dwp_result_benefit_decided_by(r, find(r, "dibao.single_person")), "510000");
    expect_accessors_match_json(r);
    dwp_result_free(r);
    /* within the normal duration the override passes the province's decision through */
    SET(dwp_case_set_bool(c, "child.education.within_normal_duration", 1));
    r = eval_case_ok(f->zh, c);
    i = find(r, "orphan.adult_student_topup");
    assert_int_equal(dwp_result_benefit_status(r, i), DWP_BENEFIT_ELIGIBLE);
    assert_int_equal(amount_of(r, i), 140000 - 107400);
    expect_accessors_match_json(r);
    dwp_result_free(r);
    dwp_case_free(c);
}

/* A rule error: the result handle is still returned, the benefit has status error. */
static void test_rule_error_result(void **state)
{
    (void)state;
    dwp_engine *e = NULL;
    assert_int_equal(rf_open(RULES_DIR "results", &e), DWP_OK);
    dwp_case *c = new_case();
    build_chengdu_serious_illness(c);
    SET(dwp_case_set_str(c, "case_id", "nil")); /* the 锦江区 override returns nil */
    dwp_result *r = NULL;
    int rc = dwp_eval_case(e, c, &r);
    assert_int_equal(rc, DWP_ESCRIPT);
    char typed[1024];
    snprintf(typed, sizeof typed, "%s", dwp_last_error());
    assert_non_null(r);
    assert_non_null(strstr(typed, "dibao.single_person"));
    size_t i = find(r, "dibao.single_person");
    assert_int_equal(dwp_result_benefit_status(r, i), DWP_BENEFIT_ERROR);
    int64_t fen = 3;
    assert_int_equal(dwp_result_benefit_amount(r, i, &fen), DWP_EINVAL);
    assert_int_equal(fen, 3);
    /* the others decided */
    assert_int_equal(dwp_result_benefit_status(r, find(r, "orphan.basic_living")), DWP_BENEFIT_INELIGIBLE);
    expect_accessors_match_json(r);
    /* the same as the JSON path, bytes and message */
    char *built = case_json(c);
    char msg[1024];
    char *out = eval_json(e, built, &rc, msg, sizeof msg);
    assert_int_equal(rc, DWP_ESCRIPT);
    assert_string_equal(msg, typed);
    assert_string_equal(out, dwp_result_json(r));
    dwp_free(out);
    dwp_free(built);
    dwp_result_free(r);
    dwp_case_free(c);
    dwp_engine_close(e);
}

/* ---- NULL arguments ------------------------------------------------------------------------- */

static void test_null_arguments(void **state)
{
    fixture *f = *state;
    assert_int_equal(dwp_case_new(NULL), DWP_EINVAL);
    assert_true(strlen(dwp_last_error()) > 0);
    dwp_case_free(NULL);
    dwp_result_free(NULL);

    dwp_case *c = new_case();
    SET(dwp_case_set_str(c, "region", "510104"));
    assert_int_equal(dwp_case_set_int(NULL, "child.monthly_income_fen", 0), DWP_EINVAL);
    assert_int_equal(dwp_case_set_int(c, NULL, 0), DWP_EINVAL);
    assert_int_equal(dwp_case_set_bool(NULL, "child.orphan", 1), DWP_EINVAL);
    assert_int_equal(dwp_case_set_bool(c, NULL, 1), DWP_EINVAL);
    assert_int_equal(dwp_case_set_str(NULL, "region", "510104"), DWP_EINVAL);
    assert_int_equal(dwp_case_set_str(c, NULL, "510104"), DWP_EINVAL);
    assert_int_equal(dwp_case_set_str(c, "region", NULL), DWP_EINVAL);
    assert_int_equal(dwp_case_set_date(NULL, "as_of", 2026, 3, 1), DWP_EINVAL);
    assert_int_equal(dwp_case_set_date(c, NULL, 2026, 3, 1), DWP_EINVAL);
    assert_int_equal(dwp_case_unset(NULL, "as_of"), DWP_EINVAL);
    assert_int_equal(dwp_case_unset(c, NULL), DWP_EINVAL);
    expect_case_json(c, "{\"region\":\"510104\"}");

    char *j = (char *)1;
    assert_int_equal(dwp_case_to_json(NULL, &j), DWP_EINVAL);
    assert_null(j);
    assert_int_equal(dwp_case_to_json(c, NULL), DWP_EINVAL);

    build_chengdu_serious_illness(c);
    dwp_result *r = (dwp_result *)1;
    assert_int_equal(dwp_eval_case(NULL, c, &r), DWP_EINVAL);
    assert_null(r);
    r = (dwp_result *)1;
    assert_int_equal(dwp_eval_case(f->zh, NULL, &r), DWP_EINVAL);
    assert_null(r);
    assert_int_equal(dwp_eval_case(f->zh, c, NULL), DWP_EINVAL);
    r = (dwp_result *)1;
    assert_int_equal(dwp_eval_json_result(NULL, "{}", 2, &r), DWP_EINVAL);
    assert_null(r);
    r = (dwp_result *)1;
    assert_int_equal(dwp_eval_json_result(f->zh, NULL, 0, &r), DWP_EPARSE); /* empty input */
    assert_null(r);
    assert_int_equal(dwp_eval_json_result(f->zh, "{}", 2, NULL), DWP_EINVAL);

    /* a NULL result reads as empty */
    assert_null(dwp_result_json(NULL));
    assert_int_equal(dwp_result_benefit_count(NULL), 0);
    assert_int_equal(dwp_result_benefit_find(NULL, "dibao.single_person"), -1);
    assert_null(dwp_result_benefit_id(NULL, 0));
    assert_null(dwp_result_benefit_title(NULL, 0));
    assert_int_equal(dwp_result_benefit_status(NULL, 0), -1);
    int64_t fen = 1;
    assert_int_equal(dwp_result_benefit_amount(NULL, 0, &fen), DWP_EINVAL);
    assert_int_equal(fen, 1);
    assert_int_equal(dwp_result_benefit_period(NULL, 0), -1);
    assert_int_equal(dwp_result_benefit_kind(NULL, 0), -1);
    assert_null(dwp_result_benefit_basis(NULL, 0));
    assert_null(dwp_result_benefit_decided_by(NULL, 0));
    assert_int_equal(dwp_result_reason_count(NULL, 0), 0);
    assert_null(dwp_result_reason_code(NULL, 0, 0));
    assert_null(dwp_result_reason_text(NULL, 0, 0));
    assert_int_equal(dwp_result_reason_ok(NULL, 0, 0), -1);

    /* the case is still usable after all that */
    r = eval_case_ok(f->zh, c);
    dwp_result_free(r);
    dwp_case_free(c);
}

/* dwp_eval_json_result takes a length: the case need not be NUL-terminated. */
static void test_eval_json_result_length(void **state)
{
    fixture *f = *state;
    char *hand = read_case_file("guangyuan-dibao-medical.json");
    size_t n = strlen(hand);
    char *padded = malloc(n + 8);
    memcpy(padded, hand, n);
    memcpy(padded + n, "garbage", 7); /* not read */
    dwp_result *r = NULL;
    assert_int_equal(dwp_eval_json_result(f->zh, padded, n, &r), DWP_OK);
    assert_int_equal(amount_of(r, find(r, "medical.assistance")), 1400000);
    dwp_result_free(r);
    /* cut short: not JSON */
    r = (dwp_result *)1;
    assert_int_equal(dwp_eval_json_result(f->zh, padded, n / 2, &r), DWP_EPARSE);
    assert_null(r);
    free(padded);
    free(hand);
}

/* ---- Personal data: child.id_number ---------------------------------------------------------- */

static void expect_no_id(const char *text, const char *id, const char *what)
{
    if (!text) return;
    char prefix[18];
    memcpy(prefix, id, 17);
    prefix[17] = '\0';
    if (strstr(text, id) || strstr(text, prefix))
        fail_msg("%s shows the id number: %s", what, text);
}

static void expect_result_has_no_id(const dwp_result *r, const char *id)
{
    expect_no_id(dwp_result_json(r), id, "dwp_result_json");
    for (size_t i = 0; i < dwp_result_benefit_count(r); i++) {
        expect_no_id(dwp_result_benefit_title(r, i), id, "title");
        expect_no_id(dwp_result_benefit_basis(r, i), id, "basis");
        for (size_t k = 0; k < dwp_result_reason_count(r, i); k++)
            expect_no_id(dwp_result_reason_text(r, i, k), id, "reason");
    }
}

static void test_id_number_never_leaves(void **state)
{
    fixture *f = *state;
    dwp_engine *engines[] = {f->zh, f->en};
    char id[19];
    id_number_with_check("51080220151102123", id);
    for (int l = 0; l < 2; l++) {
        dwp_engine *e = engines[l];
        dwp_case *c = new_case();
        build_guangyuan_dibao_medical(c);
        SET(dwp_case_set_str(c, "child.id_number", id));
        /* the case is the caller's own input: it has the number */
        char *j = case_json(c);
        assert_non_null(strstr(j, id));
        dwp_free(j);
        /* accepted, and not in the result */
        dwp_result *r = eval_case_ok(e, c);
        expect_result_has_no_id(r, id);
        /* identical to the result without it */
        dwp_case *plain = new_case();
        build_guangyuan_dibao_medical(plain);
        dwp_result *r2 = eval_case_ok(e, plain);
        assert_string_equal(dwp_result_json(r), dwp_result_json(r2));
        dwp_result_free(r2);
        dwp_case_free(plain);
        dwp_result_free(r);

        /* failures: never in a message */
        struct {
            const char *path;
            const char *value;
        } wrong[] = {
            {"child.id_number", NULL},          /* check digit wrong (below) */
            {"child.birth_date", "2015-11-03"}, /* birth date disagrees */
            {"household.status", "rich"},       /* another field fails */
            {"child.education.level", "phd"},
            {"region", "519999"},
        };
        for (size_t k = 0; k < sizeof wrong / sizeof wrong[0]; k++) {
            dwp_case *bad = new_case();
            build_guangyuan_dibao_medical(bad);
            SET(dwp_case_set_str(bad, "child.id_number", id));
            if (!wrong[k].value) {
                char other[19];
                memcpy(other, id, 19);
                other[17] = other[17] == '1' ? '2' : '1';
                SET(dwp_case_set_str(bad, "child.id_number", other));
                r = (dwp_result *)1;
                assert_int_equal(dwp_eval_case(e, bad, &r), DWP_ESCHEMA);
                expect_no_id(dwp_last_error(), other, "dwp_last_error");
            } else if (!strcmp(wrong[k].path, "child.birth_date")) {
                SET(dwp_case_set_date(bad, "child.birth_date", 2015, 11, 3));
                r = (dwp_result *)1;
                assert_int_equal(dwp_eval_case(e, bad, &r), DWP_ESCHEMA);
            } else {
                SET(dwp_case_set_str(bad, wrong[k].path, wrong[k].value));
                r = (dwp_result *)1;
                assert_int_equal(dwp_eval_case(e, bad, &r), DWP_ESCHEMA);
            }
            assert_null(r);
            assert_true(strlen(dwp_last_error()) > 0);
            expect_no_id(dwp_last_error(), id, "dwp_last_error");
            dwp_case_free(bad);
        }
        /* set with the wrong setter or at a misspelt path: the message names the path only */
        assert_int_equal(dwp_case_set_str(c, "child.id_numbr", id), DWP_ESCHEMA);
        expect_no_id(dwp_last_error(), id, "dwp_last_error");
        assert_int_equal(dwp_case_set_str(c, "child.id_number.x", id), DWP_ESCHEMA);
        expect_no_id(dwp_last_error(), id, "dwp_last_error");
        /* an id number where a string of another kind was expected is the caller's value in
         * that field, not an id number: nothing to assert there */
        dwp_case_free(c);
    }
}

/* A rule error in a case with an id number: the error text has no number either. */
static void test_id_number_not_in_rule_error(void **state)
{
    (void)state;
    dwp_engine *e = NULL;
    assert_int_equal(rf_open(RULES_DIR "results", &e), DWP_OK);
    char id[19];
    id_number_with_check("51010420080520123", id);
    static const char *const ids[] = {"nil", "table", "number", "p-unknown", "case-unknown"};
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
        dwp_case *c = new_case();
        build_chengdu_serious_illness(c);
        SET(dwp_case_set_str(c, "case_id", ids[k]));
        SET(dwp_case_set_str(c, "child.id_number", id));
        dwp_result *r = NULL;
        int rc = dwp_eval_case(e, c, &r);
        assert_true(rc == DWP_ESCRIPT || rc == DWP_ERULES);
        assert_non_null(r);
        expect_no_id(dwp_last_error(), id, "dwp_last_error");
        expect_result_has_no_id(r, id);
        dwp_result_free(r);
        dwp_case_free(c);
    }
    dwp_engine_close(e);
}

/* ---- Threads ----------------------------------------------------------------------------------- */

/* dwp_eval_case does not change the case, and a result is immutable: 4 threads evaluate one
 * case and read one result at the same time. */
typedef struct share_arg {
    dwp_engine *e;
    const dwp_case *c;
    const dwp_result *shared;
    const char *want;
    int failures;
} share_arg;

static void *share_main(void *p)
{
    share_arg *a = p;
    for (int n = 0; n < 50; n++) {
        dwp_result *r = NULL;
        if (dwp_eval_case(a->e, a->c, &r) != DWP_OK || !r || strcmp(dwp_result_json(r), a->want))
            a->failures++;
        dwp_result_free(r);
        int32_t i = dwp_result_benefit_find(a->shared, "medical.assistance");
        int64_t fen = 0;
        if (i < 0 || dwp_result_benefit_amount(a->shared, (size_t)i, &fen) != DWP_OK || fen != 1400000 ||
            strcmp(dwp_result_json(a->shared), a->want))
            a->failures++;
        for (size_t k = 0; k < dwp_result_benefit_count(a->shared); k++)
            if (!dwp_result_benefit_title(a->shared, k) || dwp_result_reason_count(a->shared, k) > 64)
                a->failures++;
    }
    return NULL;
}

static void test_threads_share_case_and_result(void **state)
{
    fixture *f = *state;
    dwp_case *c = new_case();
    build_guangyuan_dibao_medical(c);
    dwp_result *shared = eval_case_ok(f->zh, c);
    pthread_t t[4];
    share_arg args[4];
    for (int i = 0; i < 4; i++) {
        args[i] = (share_arg){f->zh, c, shared, dwp_result_json(shared), 0};
        assert_int_equal(pthread_create(&t[i], NULL, share_main, &args[i]), 0);
    }
    int failures = 0;
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        failures += args[i].failures;
    }
    dwp_result_free(shared);
    dwp_case_free(c);
    assert_int_equal(failures, 0);
}

/* ---- Strings --------------------------------------------------------------------------------- */

/* Anything valid UTF-8 in a string field round-trips through the case JSON (escaped) to the
 * result. */
static void test_case_id_escaping(void **state)
{
    fixture *f = *state;
    static const char *const ids[] = {"a\"b", "back\\slash", "new\nline\ttab\r", "\x01\x1f\x7f",
                                      "中文案件号", "emoji \xF0\x9F\x98\x80", "</script>", ""};
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
        dwp_case *c = new_case();
        build_guangyuan_dibao_medical(c);
        SET(dwp_case_set_str(c, "case_id", ids[k]));
        char *j = case_json(c);
        jdom_value *doc = rf_parse(j, NULL);
        assert_non_null(doc);
        assert_string_equal(jdom_string(jdom_get(doc, "case_id")), ids[k]);
        jdom_free(doc);
        dwp_result *r = eval_case_ok(f->zh, c);
        doc = rf_parse(dwp_result_json(r), NULL);
        assert_non_null(doc);
        assert_string_equal(jdom_string(jdom_get(doc, "case_id")), ids[k]);
        jdom_free(doc);
        int rc;
        char *want = eval_json(f->zh, j, &rc, NULL, 0);
        assert_string_equal(want, dwp_result_json(r));
        dwp_free(want);
        dwp_result_free(r);
        dwp_free(j);
        dwp_case_free(c);
    }
}

/* Setting a string that is not UTF-8.
 *
 * Regression (fixed in 4fef867, case_builder.c dwp_case_set_str): the bytes were stored as
 * they were, so dwp_case_to_json() returned a document that is not JSON, and dwp_eval_case()
 * failed with DWP_EPARSE "line 1, column 80: invalid UTF-8 (byte 0xFF)" — a position in JSON
 * the caller never wrote, not naming the field. Now: DWP_ESCHEMA naming the path, at once (or
 * at evaluation; either is accepted here), and dwp_case_to_json stays JSON. */
static void test_set_str_invalid_utf8_refused(void **state)
{
    fixture *f = *state;
    static const char *const bad[] = {"\xff", "abc\xc3", "\xed\xa0\x80", "\xc0\xaf"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        dwp_case *c = new_case();
        build_guangyuan_dibao_medical(c);
        int rc = dwp_case_set_str(c, "case_id", bad[k]);
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", dwp_last_error());
        bool json_ok = true;
        dwp_result *r = NULL;
        if (rc == DWP_OK) {
            char *j = case_json(c);
            jdom_value *doc = rf_parse(j, NULL);
            json_ok = doc != NULL;
            jdom_free(doc);
            dwp_free(j);
            rc = dwp_eval_case(f->zh, c, &r);
            snprintf(msg, sizeof msg, "%s", dwp_last_error());
        }
        dwp_result_free(r);
        dwp_case_free(c);
        if (!json_ok)
            fail_msg("set_str(case_id, invalid UTF-8) accepted, and dwp_case_to_json is then "
                     "not JSON; dwp_eval_case: %d %s", rc, msg);
        assert_null(r);
        assert_int_equal(rc, DWP_ESCHEMA);
        if (!strstr(msg, "case_id")) fail_msg("message does not name case_id: %s", msg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_5a1_dibao_single_person),
        cmocka_unit_test(test_5a2_adult_orphan_topup),
        cmocka_unit_test(test_5a3_medical_assistance),
        cmocka_unit_test(test_result_json_identical_to_eval_json),
        cmocka_unit_test(test_case_to_json_shape),
        cmocka_unit_test(test_every_spec2_field),
        cmocka_unit_test(test_unknown_path_refused_at_set_time),
        cmocka_unit_test(test_unknown_path_message_like_json),
        cmocka_unit_test(test_unknown_path_message_other_keys),
        cmocka_unit_test(test_wrong_setter_type_refused),
        cmocka_unit_test(test_object_path_refused),
        cmocka_unit_test(test_bad_values_same_message_as_json_zh),
        cmocka_unit_test(test_bad_values_same_message_as_json_en),
        cmocka_unit_test(test_required_fields),
        cmocka_unit_test(test_set_twice_replaces),
        cmocka_unit_test(test_unset),
        cmocka_unit_test(test_reuse_case),
        cmocka_unit_test(test_accessors_out_of_range),
        cmocka_unit_test(test_reasons_and_decided_by),
        cmocka_unit_test(test_rule_error_result),
        cmocka_unit_test(test_null_arguments),
        cmocka_unit_test(test_eval_json_result_length),
        cmocka_unit_test(test_id_number_never_leaves),
        cmocka_unit_test(test_id_number_not_in_rule_error),
        cmocka_unit_test(test_threads_share_case_and_result),
        cmocka_unit_test(test_case_id_escaping),
        cmocka_unit_test(test_set_str_invalid_utf8_refused),
        cmocka_unit_test(test_empty_case),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
