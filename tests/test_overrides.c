/* test_overrides.c — override semantics (SPEC §6, rules/README.md §6–§8): layers along the
 * region chain, base() called zero, one and two times, what deny / with_amount / note do to
 * status, amount, reasons, basis and decided_by, local rules and their overrides, parameter
 * reads, what an override may return, and the load-time errors of overrides.
 *
 * Rule directories: tests/rules/<scenario>/ (each file says what it is for). The 成都 files
 * there replace the embedded one, so they copy its parameters. */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dwpolicy.h>

#include "support/rules_fixture.h"

#define RULES_DIR DWP_SOURCE_DIR "/tests/rules/"

/* ---- Helpers ---------------------------------------------------------------------------- */

typedef struct evaluated {
    int rc;
    char *json;
    jdom_value *doc;
    char last_error[1024];
} evaluated;

static dwp_engine *open_ok(const char *scenario)
{
    char dir[1024];
    dwp_engine *e = NULL;
    if (scenario) snprintf(dir, sizeof dir, RULES_DIR "%s", scenario);
    int rc = rf_open(scenario ? dir : NULL, &e);
    if (rc != DWP_OK) fail_msg("open %s: %d %s", scenario ? dir : "(embedded)", rc, dwp_last_error());
    assert_non_null(e);
    return e;
}

static evaluated eval(dwp_engine *e, const char *json)
{
    evaluated x;
    memset(&x, 0, sizeof x);
    x.rc = rf_eval(e, json, &x.json, NULL);
    snprintf(x.last_error, sizeof x.last_error, "%s", dwp_last_error());
    if (!x.json) fail_msg("no result (rc %d): %s", x.rc, x.last_error);
    jdom_error err;
    x.doc = rf_parse(x.json, &err);
    if (!x.doc) fail_msg("result is not strict JSON (%d:%d %s): %s", err.line, err.col,
                         err.message, x.json);
    return x;
}

static void release(evaluated *x)
{
    jdom_free(x->doc);
    dwp_free(x->json);
    memset(x, 0, sizeof *x);
}

static const jdom_value *benefit(const evaluated *x, const char *id)
{
    const jdom_value *b = rf_benefit(x->doc, id);
    if (!b) fail_msg("no benefit %s in %s", id, x->json);
    return b;
}

/* status, amount (-1: null) and decided_by of one benefit. */
static void expect_decision(const jdom_value *b, const char *status, int64_t amount,
                            const char *decided_by)
{
    const char *id = rf_field(b, "id");
    if (strcmp(rf_field(b, "status"), status))
        fail_msg("%s: status %s, want %s (error: %s)", id, rf_field(b, "status"), status,
                 rf_field(b, "error"));
    if (rf_amount(b) != amount)
        fail_msg("%s: amount_fen %lld, want %lld", id, (long long)rf_amount(b), (long long)amount);
    if (strcmp(rf_field(b, "decided_by"), decided_by))
        fail_msg("%s: decided_by %s, want %s", id, rf_field(b, "decided_by"), decided_by);
}

static void expect_reason(const jdom_value *b, const char *code, bool ok, const char *text)
{
    if (!rf_has_reason(b, code, ok, text))
        fail_msg("%s: no reason {code %s, ok %s, text containing \"%s\"}", rf_field(b, "id"), code,
                 ok ? "true" : "false", text);
}

static void expect_no_reason_text(const jdom_value *b, const char *text)
{
    const jdom_value *list = jdom_get(b, "reasons");
    for (size_t i = 0; i < jdom_count(list); i++) {
        const char *t = jdom_string(jdom_get(jdom_at(list, i), "text"));
        if (t && strstr(t, text)) fail_msg("%s: unexpected reason \"%s\"", rf_field(b, "id"), t);
    }
}

static void expect_param(const jdom_value *b, const char *name, int64_t value, const char *region)
{
    const jdom_value *p = rf_param(b, name);
    if (!p) fail_msg("%s: params[] does not list %s", rf_field(b, "id"), name);
    const jdom_value *v = jdom_get(p, "value");
    assert_non_null(v);
    assert_int_equal(v->type, JDOM_INT);
    assert_int_equal(v->u.integer, value);
    assert_string_equal(rf_field(p, "region"), region);
}

/* Every benefit but `except` (NULL: all) has a status other than error. */
static void expect_others_decided(const evaluated *x, const char *except)
{
    const jdom_value *list = jdom_get(x->doc, "benefits");
    for (size_t i = 0; i < jdom_count(list); i++) {
        const jdom_value *b = jdom_at(list, i);
        if (except && !strcmp(rf_field(b, "id"), except)) continue;
        if (!strcmp(rf_field(b, "status"), "error"))
            fail_msg("%s: status error: %s", rf_field(b, "id"), rf_field(b, "error"));
    }
}

/* A 锦江区 (510104) copy of SPEC §5a-1 with a case_id, which tests/rules/results reads. */
static const char *dibao_case_with_id(char *buf, size_t cap, const char *case_id)
{
    snprintf(buf, cap,
             "{\"case_id\": \"%s\", \"as_of\": \"2026-03-01\", \"region\": \"510104\", "
             "\"area\": \"urban\", \"child\": {\"birth_date\": \"2008-05-20\", "
             "\"serious_illness\": true, \"monthly_income_fen\": 0}, "
             "\"household\": {\"status\": \"dibao_marginal\"}}",
             case_id);
    return buf;
}

/* How many benefits the embedded rules give for a case: the catalogue, whatever its size. */
static size_t catalogue_size(const char *json)
{
    dwp_engine *e = open_ok(NULL);
    evaluated x = eval(e, json);
    size_t n = jdom_count(jdom_get(x.doc, "benefits"));
    release(&x);
    dwp_engine_close(e);
    return n;
}

/* ---- The shipped 成都 override (embedded rules, SPEC §5 and §5a) ------------------------ */

static void test_overrides__chengdu_denies_beyond_normal_duration(void **state)
{
    (void)state;
    dwp_engine *e = open_ok(NULL);
    evaluated x = eval(e, RF_CASE_TOPUP("510104", "false"));
    assert_int_equal(x.rc, DWP_OK);
    const jdom_value *b = benefit(&x, "orphan.adult_student_topup");
    expect_decision(b, "ineligible", 0, "510100");
    expect_reason(b, "override", false, "成都市：仅在学制期限内发放");
    /* deny(text, basis): the benefit's basis and 成都's, both. */
    assert_non_null(strstr(rf_field(b, "basis"), "川办发〔2025〕53号 (二)"));
    assert_non_null(strstr(rf_field(b, "basis"), "成都市孤儿基本生活保障政策（学制期限内）"));
    /* The province's own reasons are still there under the 成都 one. */
    expect_reason(b, "household.status", true, "");
    expect_others_decided(&x, NULL);
    release(&x);
    dwp_engine_close(e);
}

static void test_overrides__chengdu_pays_within_normal_duration(void **state)
{
    (void)state;
    dwp_engine *e = open_ok(NULL);
    /* 成都's 散居孤儿 standard 140000 − 107400 received = 32600; 成都 only passes it on. */
    static const char *const cases[] = {RF_CASE_TOPUP("510104", "true"),
                                        RF_CASE_TOPUP("510104", "null")};
    for (size_t i = 0; i < 2; i++) {
        evaluated x = eval(e, cases[i]);
        assert_int_equal(x.rc, DWP_OK);
        const jdom_value *b = benefit(&x, "orphan.adult_student_topup");
        expect_decision(b, "eligible", 32600, "510000");
        expect_param(b, "orphan.standard.scattered", 140000, "510100");
        expect_no_reason_text(b, "成都市");
        release(&x);
    }
    dwp_engine_close(e);
}

static void test_overrides__same_case_in_guangyuan_is_provincial(void **state)
{
    (void)state;
    dwp_engine *e = open_ok(NULL);
    /* 广元 has no override: the same person, the provincial 120000 standard. */
    static const char *const cases[] = {RF_CASE_TOPUP("510802", "false"),
                                        RF_CASE_TOPUP("510802", "true"), RF_CASE_5A2};
    for (size_t i = 0; i < 3; i++) {
        evaluated x = eval(e, cases[i]);
        assert_int_equal(x.rc, DWP_OK);
        const jdom_value *b = benefit(&x, "orphan.adult_student_topup");
        expect_decision(b, "eligible", 12600, "510000");
        expect_param(b, "orphan.standard.scattered", 120000, "510000");
        release(&x);
    }
    dwp_engine_close(e);
}

/* ---- A three-layer chain: 510104 → 510100 → C default (tests/rules/chain) ------------- */

static void test_overrides__base_twice_then_county_amount(void **state)
{
    (void)state;
    dwp_engine *e = open_ok("chain");
    evaluated x = eval(e, RF_CASE_DIBAO("510104"));
    assert_int_equal(x.rc, DWP_OK);
    const jdom_value *b = benefit(&x, "dibao.single_person");
    /* province 112000 (成都's standard) + 成都 100 元 + 锦江 50 元, decided by the county */
    expect_decision(b, "eligible", 112000 + 10000 + 5000, "510104");
    expect_reason(b, "override", true, "成都市：单人户低保每月加发 100 元");
    expect_reason(b, "override", true, "锦江区：再加发 50 元");
    expect_reason(b, "household.status", true, "");
    expect_param(b, "dibao.standard.urban", 112000, "510100");
    expect_others_decided(&x, NULL);
    release(&x);

    /* 青羊区 has no county file: 成都's layer decides. */
    x = eval(e, RF_CASE_DIBAO("510105"));
    b = benefit(&x, "dibao.single_person");
    expect_decision(b, "eligible", 112000 + 10000, "510100");
    expect_no_reason_text(b, "锦江区");
    release(&x);
    dwp_engine_close(e);
}

static void test_overrides__base_never_skips_the_layers_below(void **state)
{
    (void)state;
    dwp_engine *e = open_ok("chain");
    evaluated x = eval(e, RF_CASE_MEDICAL("510104"));
    assert_int_equal(x.rc, DWP_OK);
    const jdom_value *b = benefit(&x, "medical.assistance");
    expect_decision(b, "eligible", 12300, "510104");
    expect_reason(b, "rule", true, "锦江区：医疗救助自行判定");
    /* neither 成都's note nor the C default ran */
    expect_no_reason_text(b, "成都市");
    assert_int_equal(jdom_count(jdom_get(b, "params")), 0);
    assert_int_equal(jdom_count(jdom_get(b, "reasons")), 1);
    release(&x);

    /* Without the county: the C default (SPEC §5a-3 amount), 成都's note on top, which does
     * not change who decided. */
    x = eval(e, RF_CASE_MEDICAL("510105"));
    b = benefit(&x, "medical.assistance");
    expect_decision(b, "eligible", 1400000, "510000");
    expect_reason(b, "note", true, "成都市：医疗救助经办说明");
    release(&x);
    dwp_engine_close(e);
}

static void test_overrides__just_base_keeps_the_lower_decided_by(void **state)
{
    (void)state;
    dwp_engine *e = open_ok("chain");
    evaluated x = eval(e, RF_CASE_TOPUP("510104", "false"));
    const jdom_value *b = benefit(&x, "orphan.adult_student_topup");
    expect_decision(b, "ineligible", 0, "510100"); /* 成都 denied; the county passed it on */
    expect_reason(b, "override", false, "成都市：仅在学制期限内发放");
    release(&x);
    x = eval(e, RF_CASE_TOPUP("510104", "true"));
    b = benefit(&x, "orphan.adult_student_topup");
    expect_decision(b, "eligible", 32600, "510000");
    release(&x);
    dwp_engine_close(e);
}

static void test_overrides__local_rule_only_in_its_chain(void **state)
{
    (void)state;
    size_t catalogue = catalogue_size(RF_CASE_DIBAO("510802"));
    assert_true(catalogue >= 3);
    dwp_engine *e = open_ok("chain");

    /* 青羊区: 成都's rule, after every catalogue benefit, decided by 510100. */
    evaluated x = eval(e, RF_CASE_DIBAO("510105"));
    assert_int_equal(jdom_count(jdom_get(x.doc, "benefits")), catalogue + 1);
    assert_int_equal(rf_benefit_index(x.doc, "chengdu.festival_visit"), (int)catalogue);
    const jdom_value *b = benefit(&x, "chengdu.festival_visit");
    expect_decision(b, "eligible", 30000, "510100");
    assert_string_equal(rf_field(b, "title"), "成都市困境儿童节日慰问");
    assert_string_equal(rf_field(b, "basis"), "成都市困境儿童节日慰问工作方案（测试文号）");
    assert_string_equal(rf_field(b, "period"), "once");
    assert_string_equal(rf_field(b, "kind"), "payment");
    assert_string_equal(rf_field(b, "handling_region"), "510105");
    /* p["…"] reads are listed with where the value came from */
    expect_param(b, "relief.temporary.annual_cap", 2000000, "510100");
    expect_reason(b, "rule", true, "临时救助年度上限 20000 元");
    release(&x);

    /* 锦江区: the county's override of the local rule. */
    x = eval(e, RF_CASE_DIBAO("510104"));
    assert_int_equal(rf_benefit_index(x.doc, "chengdu.festival_visit"), (int)catalogue);
    b = benefit(&x, "chengdu.festival_visit");
    expect_decision(b, "eligible", 50000, "510104");
    expect_reason(b, "override", true, "锦江区：节日慰问提高到 500 元");
    release(&x);

    /* 成都, not a 困境儿童: the rule runs and says no. */
    x = eval(e, "{\"as_of\": \"2026-03-01\", \"region\": \"510105\", \"area\": \"urban\","
                " \"child\": {\"birth_date\": \"2015-01-01\"}}");
    b = benefit(&x, "chengdu.festival_visit");
    expect_decision(b, "ineligible", 0, "510100");
    expect_reason(b, "rule", false, "非困境儿童");
    release(&x);

    /* 广元: not in 成都's chain, so the benefit is not listed at all. */
    x = eval(e, RF_CASE_DIBAO("510802"));
    assert_int_equal(jdom_count(jdom_get(x.doc, "benefits")), catalogue);
    assert_null(rf_benefit(x.doc, "chengdu.festival_visit"));
    release(&x);
    dwp_engine_close(e);
}

/* ---- What an override returns (tests/rules/results) ----------------------------------- */

static evaluated eval_id(dwp_engine *e, const char *case_id)
{
    char json[1024];
    return eval(e, dibao_case_with_id(json, sizeof json, case_id));
}

static void test_overrides__new_results(void **state)
{
    (void)state;
    dwp_engine *e = open_ok("results");
    evaluated x = eval_id(e, "indeterminate");
    assert_int_equal(x.rc, DWP_OK);
    const jdom_value *b = benefit(&x, "dibao.single_person");
    expect_decision(b, "indeterminate", -1, "510104");
    assert_true(rf_has_missing(b, "child.education.level"));
    release(&x);

    /* eligible(0, …): a payment of 0 is not an entitlement (SPEC §3) */
    x = eval_id(e, "zero");
    b = benefit(&x, "dibao.single_person");
    expect_decision(b, "ineligible", 0, "510104");
    expect_reason(b, "rule", false, "锦江区：本月核定为 0 元");
    release(&x);

    x = eval_id(e, "ineligible");
    b = benefit(&x, "dibao.single_person");
    expect_decision(b, "ineligible", 0, "510104");
    expect_reason(b, "rule", false, "锦江区：不符合本区条件");
    assert_int_equal(jdom_count(jdom_get(b, "reasons")), 1);
    release(&x);
    dwp_engine_close(e);
}

static void test_overrides__result_methods(void **state)
{
    (void)state;
    dwp_engine *e = open_ok("results");
    evaluated x = eval_id(e, "deny-basis");
    const jdom_value *b = benefit(&x, "dibao.single_person");
    expect_decision(b, "ineligible", 0, "510104");
    expect_reason(b, "override", false, "锦江区：不予发放");
    assert_non_null(strstr(rf_field(b, "basis"), "川办发〔2025〕53号 (二)"));
    assert_non_null(strstr(rf_field(b, "basis"), "锦府发〔2026〕1号"));
    expect_param(b, "dibao.standard.urban", 112000, "510100"); /* base() read it */
    release(&x);

    x = eval_id(e, "with-amount");
    b = benefit(&x, "dibao.single_person");
    expect_decision(b, "eligible", 150000, "510104");
    expect_reason(b, "override", true, "锦江区：按 1500 元发放");
    release(&x);

    /* a note explains; it does not decide (rules/README.md §6) */
    x = eval_id(e, "note");
    b = benefit(&x, "dibao.single_person");
    expect_decision(b, "eligible", 112000, "510000");
    expect_reason(b, "note", true, "锦江区：已电话核实");
    release(&x);

    /* with_amount on an ineligible result is an error, not a grant */
    x = eval_id(e, "with-amount-ineligible");
    assert_int_equal(x.rc, DWP_ESCRIPT);
    b = benefit(&x, "dibao.single_person");
    expect_decision(b, "error", -1, rf_field(b, "decided_by"));
    assert_non_null(strstr(rf_field(b, "error"), "not eligible"));
    expect_others_decided(&x, "dibao.single_person");
    release(&x);
    dwp_engine_close(e);
}

static void test_overrides__p_reads_are_listed(void **state)
{
    (void)state;
    dwp_engine *e = open_ok("results");
    evaluated x = eval_id(e, "p-read");
    assert_int_equal(x.rc, DWP_OK);
    const jdom_value *b = benefit(&x, "dibao.single_person");
    expect_decision(b, "eligible", 224000, "510104");
    expect_param(b, "dibao.standard.urban", 112000, "510100");
    assert_int_equal(jdom_count(jdom_get(b, "params")), 1); /* base() was not called */
    release(&x);

    x = eval_id(e, "p-unknown");
    assert_int_equal(x.rc, DWP_ESCRIPT);
    b = benefit(&x, "dibao.single_person");
    assert_string_equal(rf_field(b, "status"), "error");
    assert_non_null(strstr(rf_field(b, "error"), "dibao.standard.urbn"));
    release(&x);

    x = eval_id(e, "case-unknown");
    assert_int_equal(x.rc, DWP_ESCRIPT);
    b = benefit(&x, "dibao.single_person");
    assert_string_equal(rf_field(b, "status"), "error");
    assert_non_null(strstr(rf_field(b, "error"), "orphen"));
    release(&x);
    dwp_engine_close(e);
}

static void test_overrides__returning_a_non_result_is_an_error(void **state)
{
    (void)state;
    dwp_engine *e = open_ok("results");
    evaluated normal = eval_id(e, "plain");
    assert_int_equal(normal.rc, DWP_OK);
    static const struct {
        const char *id, *benefit, *type;
    } bad[] = {{"nil", "dibao.single_person", "nil"},
               {"number", "dibao.single_person", "number"},
               {"table", "dibao.single_person", "table"},
               /* a result kept from another benefit */
               {"wrong-benefit", "medical.assistance", ""}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        evaluated x = eval_id(e, bad[i].id);
        if (x.rc != DWP_ESCRIPT) fail_msg("%s: rc %d, want DWP_ESCRIPT", bad[i].id, x.rc);
        const jdom_value *b = benefit(&x, bad[i].benefit);
        assert_string_equal(rf_field(b, "status"), "error");
        const char *err = rf_field(b, "error");
        if (!strstr(err, "must return a result") || !strstr(err, bad[i].type))
            fail_msg("%s: error text %s", bad[i].id, err);
        assert_non_null(strstr(x.last_error, bad[i].benefit));
        expect_others_decided(&x, bad[i].benefit);
        release(&x);
        /* the failed state is gone; the next case is decided as before */
        evaluated again = eval_id(e, "plain");
        assert_string_equal(again.json, normal.json);
        release(&again);
    }
    /* and the amount that the table tried to set never appears */
    evaluated x = eval_id(e, "table");
    assert_null(strstr(x.json, "99999900"));
    release(&x);
    release(&normal);
    dwp_engine_close(e);
}

/* ---- Load-time errors of overrides ------------------------------------------------------ */

static void expect_open_fails(const char *scenario, const char *const *texts)
{
    char dir[1024];
    snprintf(dir, sizeof dir, RULES_DIR "%s", scenario);
    dwp_engine *e = NULL;
    int rc = rf_open(dir, &e);
    const char *msg = dwp_last_error();
    if (rc != DWP_ERULES) fail_msg("%s: rc %d, want DWP_ERULES (%s)", scenario, rc, msg);
    for (size_t i = 0; texts[i]; i++)
        if (!strstr(msg, texts[i])) fail_msg("%s: message lacks \"%s\": %s", scenario, texts[i], msg);
    assert_null(e);
}

static void test_overrides__unknown_id_fails_open(void **state)
{
    (void)state;
    static const char *const texts[] = {"unknown_id/510104.lua:6", "dibao.single_persn", NULL};
    expect_open_fails("unknown_id", texts);
}

static void test_overrides__duplicate_override_fails_open(void **state)
{
    (void)state;
    static const char *const texts[] = {"duplicate/510104.lua:9", "dibao.single_person", NULL};
    expect_open_fails("duplicate", texts);
}

static void test_overrides__override_of_a_local_rule_off_its_chain_fails(void **state)
{
    (void)state;
    static const char *const texts[] = {"foreign_local/510802.lua:5", "chengdu.festival_visit",
                                        NULL};
    expect_open_fails("foreign_local", texts);
}

/* dwpolicy.h: "On failure *out is NULL" — also when the caller's variable held something. */
static void test_overrides__failed_open_sets_out_to_null(void **state)
{
    (void)state;
    static char sentinel;
    dwp_engine *e = (dwp_engine *)(void *)&sentinel;
    int rc = rf_open(RULES_DIR "unknown_id", &e);
    assert_int_equal(rc, DWP_ERULES);
    assert_ptr_equal(e, NULL);
    e = (dwp_engine *)(void *)&sentinel;
    rc = rf_open(RULES_DIR "no-such-directory", &e);
    assert_int_equal(rc, DWP_EIO);
    assert_ptr_equal(e, NULL);
}

/* ---- Overrides declared in a loop (tests/rules/loop_pairs) ----------------------------- */

/* Rule files run once to define and once per Lua state to get the functions; the two runs
 * must attach each function to the benefit it was declared for, however the file orders its
 * declarations. pairs() order depends on each state's string hash seed. */
static void test_overrides__overrides_declared_in_a_loop(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        int64_t amount;
    } want[] = {{"dibao.single_person", 10100},
                {"orphan.adult_student_topup", 20200},
                {"medical.assistance", 30300}};
    int wrong = 0;
    char first_wrong[600] = "";
    for (int round = 0; round < 12; round++) {
        dwp_engine *e = open_ok("loop_pairs");
        for (int k = 0; k < 3; k++) {
            evaluated x = eval(e, k == 2 ? RF_CASE_MEDICAL("510104") : RF_CASE_DIBAO("510104"));
            for (size_t i = 0; i < 3; i++) {
                const jdom_value *b = benefit(&x, want[i].id);
                bool ok = rf_amount(b) == want[i].amount && rf_has_reason(b, "rule", true, want[i].id);
                if (!ok && !wrong)
                    snprintf(first_wrong, sizeof first_wrong,
                             "engine %d, case %d: %s decided %lld by the function written for "
                             "another benefit", round, k, want[i].id, (long long)rf_amount(b));
                wrong += !ok;
            }
            release(&x);
        }
        dwp_engine_close(e);
    }
    if (wrong) fail_msg("%d of %d decisions wrong; first: %s", wrong, 12 * 3 * 3, first_wrong);
}

/* ---- pcall(base) (tests/rules/pcall_base) ----------------------------------------------- */

/* The layer below fails inside pcall; the county then decides itself, so decided_by is the
 * county's, not that of the layer that failed. */
static void test_overrides__pcall_base_then_own_result(void **state)
{
    (void)state;
    dwp_engine *e = open_ok("pcall_base");
    evaluated x = eval(e, RF_CASE_DIBAO("510104"));
    assert_int_equal(x.rc, DWP_OK);
    const jdom_value *b = benefit(&x, "dibao.single_person");
    expect_decision(b, "eligible", 100000, "510104");
    expect_reason(b, "rule", true, "锦江区：市级判定出错时按 1000 元兜底");
    release(&x);

    /* 青羊区 gets 成都's failure as such. */
    x = eval(e, RF_CASE_DIBAO("510105"));
    assert_int_equal(x.rc, DWP_ESCRIPT);
    b = benefit(&x, "dibao.single_person");
    assert_string_equal(rf_field(b, "status"), "error");
    assert_non_null(strstr(rf_field(b, "error"), "成都市：本层出错（测试）"));
    expect_others_decided(&x, "dibao.single_person");
    release(&x);
    dwp_engine_close(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overrides__chengdu_denies_beyond_normal_duration),
        cmocka_unit_test(test_overrides__chengdu_pays_within_normal_duration),
        cmocka_unit_test(test_overrides__same_case_in_guangyuan_is_provincial),
        cmocka_unit_test(test_overrides__base_twice_then_county_amount),
        cmocka_unit_test(test_overrides__base_never_skips_the_layers_below),
        cmocka_unit_test(test_overrides__just_base_keeps_the_lower_decided_by),
        cmocka_unit_test(test_overrides__local_rule_only_in_its_chain),
        cmocka_unit_test(test_overrides__new_results),
        cmocka_unit_test(test_overrides__result_methods),
        cmocka_unit_test(test_overrides__p_reads_are_listed),
        cmocka_unit_test(test_overrides__returning_a_non_result_is_an_error),
        cmocka_unit_test(test_overrides__unknown_id_fails_open),
        cmocka_unit_test(test_overrides__duplicate_override_fails_open),
        cmocka_unit_test(test_overrides__override_of_a_local_rule_off_its_chain_fails),
        cmocka_unit_test(test_overrides__failed_open_sets_out_to_null),
        cmocka_unit_test(test_overrides__overrides_declared_in_a_loop),
        cmocka_unit_test(test_overrides__pcall_base_then_own_result),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
