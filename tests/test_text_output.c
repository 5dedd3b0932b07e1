/* test_text_output.c — the result in English and in Chinese, as JSON (dwp_eval_json on engines
 * opened with DWP_LANG_EN and DWP_LANG_ZH) and as the caseworker's text (dwp_text_format, the
 * formatter behind `dwpolicy eval --format text`).
 *
 * - English output carries no Chinese outside what is Chinese by nature: the legal basis
 *   (川办发〔2025〕53号 …), parameter sources (the documents the figures come from) and
 *   parameter names.
 * - Chinese text shows 【符合】/【不符合】, amounts as "每月 1120.00 元" and the clause cited.
 * - The language changes words, never decisions: statuses, amounts, services, categories and
 *   warnings are the same in both.
 * - Placeholder warnings (SPEC §3): one for each placeholder parameter behind an eligible
 *   result, none for a benefit that is not eligible (the policy test format can only say that
 *   a warning is present, not that it is absent, so this is checked here).
 * - tests/cases/lang_en.json passes with an English engine (the policy suite runs it in
 *   Chinese). */
#define _POSIX_C_SOURCE 200809L

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

#include "json_dom.h"
#include "policytest.h"
#include "text_format.h"

/* 成都锦江区: the SPEC §2 sample, made to touch most benefits. 低保 单人户 is eligible at 成都's
 * 112000 (SPEC §5a-1); temporary relief is handled in 武侯 and ineligible because 成都's annual
 * cap is used up, after reading the placeholder child uplift (no warning may follow). */
static const char case_chengdu[] =
    "{\"case_id\": \"TXT-1\", \"as_of\": \"2026-03-01\", \"region\": \"510104\", \"area\": \"urban\","
    " \"child\": {\"birth_date\": \"2008-05-20\", \"hukou_region\": \"511302\", \"orphan\": false,"
    "  \"de_facto_unsupported\": false, \"living_arrangement\": \"family\", \"autism\": false,"
    "  \"serious_illness\": true, \"monthly_income_fen\": 0,"
    "  \"education\": {\"level\": \"ordinary_high\", \"full_time\": true, \"boarding\": false},"
    "  \"guardianship\": \"inadequate\", \"left_behind\": false, \"crime_victim\": false,"
    "  \"graduating_this_year\": false},"
    " \"household\": {\"status\": \"dibao_marginal\", \"size\": 3, \"monthly_benefit_fen\": 0,"
    "  \"housing_eligible\": true},"
    " \"medical\": {\"policy_out_of_pocket_fen\": 2000000, \"designated_institution\": true,"
    "  \"assisted_this_year_fen\": 0, \"deductible_paid_this_year_fen\": 0},"
    " \"emergency\": {\"kind\": \"urgent\", \"occurred_region\": \"510107\","
    "  \"received_this_year_fen\": 2000000}}";

/* 广元利州区: a 19-year-old former orphan in full-time study, 特困, rural: the top-up
 * (120000 − 80600 = 39400), temporary relief (2 × 62000), the job-seeking subsidy, the
 * premium, medical assistance and the Tomorrow Plan. */
static const char case_orphan[] =
    "{\"case_id\": \"TXT-2\", \"as_of\": \"2025-09-01\", \"region\": \"510802\", \"area\": \"rural\","
    " \"child\": {\"birth_date\": \"2006-03-10\", \"orphan\": true, \"de_facto_unsupported\": false,"
    "  \"living_arrangement\": \"scattered\", \"autism\": false, \"serious_illness\": false,"
    "  \"education\": {\"level\": \"undergraduate\", \"full_time\": true,"
    "   \"within_normal_duration\": true},"
    "  \"guardianship\": \"absent\", \"left_behind\": false, \"crime_victim\": false,"
    "  \"graduating_this_year\": true},"
    " \"household\": {\"status\": \"tekun\", \"size\": 1, \"monthly_benefit_fen\": 80600,"
    "  \"housing_eligible\": false},"
    " \"medical\": {\"policy_out_of_pocket_fen\": 500000, \"designated_institution\": true,"
    "  \"assisted_this_year_fen\": 0, \"deductible_paid_this_year_fen\": 0},"
    " \"emergency\": {\"kind\": \"expense\", \"received_this_year_fen\": 0}}";

static const char *const cases[] = {case_chengdu, case_orphan};
#define N_CASES (sizeof cases / sizeof cases[0])

typedef struct engines {
    dwp_engine *en, *zh;
} engines;

static int open_engine(int32_t lang, dwp_engine **out)
{
    dwp_options opts;
    memset(&opts, 0, sizeof opts);
    opts.struct_size = sizeof opts;
    opts.lang = lang;
    return dwp_engine_open_opts(NULL, &opts, out);
}

static int setup(void **state)
{
    static engines eng;
    if (open_engine(DWP_LANG_EN, &eng.en) != DWP_OK) return -1;
    if (open_engine(DWP_LANG_ZH, &eng.zh) != DWP_OK) {
        dwp_engine_close(eng.en);
        return -1;
    }
    *state = &eng;
    return 0;
}

static int teardown(void **state)
{
    engines *eng = *state;
    dwp_engine_close(eng->en);
    dwp_engine_close(eng->zh);
    return 0;
}

/* ---- helpers ---------------------------------------------------------------------------- */

static char *eval(dwp_engine *e, const char *case_json)
{
    char *result = NULL;
    int rc = dwp_eval_json(e, case_json, strlen(case_json), &result);
    if (rc != DWP_OK) fail_msg("dwp_eval_json: %s: %s", dwp_status_str(rc), dwp_last_error());
    assert_non_null(result);
    return result;
}

static jdom_value *parse(const char *json)
{
    jdom_value *v = NULL;
    jdom_error err;
    if (jdom_parse(json, strlen(json), &v, &err) != 0)
        fail_msg("the result is not JSON (%d:%d: %s)", err.line, err.col, err.message);
    return v;
}

/* The result as text in `lang`, through a tmpfile(); malloc'd. */
static char *format_text(const char *json, int lang)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(dwp_text_format(f, json, strlen(json), lang), 0);
    long n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    char *text = malloc((size_t)n + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* Decode one UTF-8 character at *p (advancing it); invalid bytes count as themselves. */
static uint32_t next_char(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c = s[0];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (len > 1) {
        c &= 0x3Fu >> (len - 1);
        for (int i = 1; i < len; i++) {
            if ((s[i] & 0xC0) != 0x80) {
                *p = s + 1;
                return s[0];
            }
            c = (c << 6) | (s[i] & 0x3Fu);
        }
    }
    *p = s + len;
    return c;
}

/* CJK ideographs, radicals, kana, CJK symbols and punctuation (、。〔〕【】…) and full-width
 * forms (（）：，). */
static bool is_cjk(uint32_t c)
{
    return (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3000 && c <= 0x30FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x2FFFF);
}

/* The first CJK character of s, or NULL. */
static const char *find_cjk(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        const unsigned char *at = p;
        if (is_cjk(next_char(&p))) return (const char *)at;
    }
    return NULL;
}

/* Every string of the English result outside basis, source and parameter names is free of
 * CJK characters. */
static void check_no_cjk_json(const jdom_value *v, const char *path, bool in_params)
{
    char sub[256];
    switch (v->type) {
    case JDOM_STRING: {
        const char *at = find_cjk(v->u.str.text);
        if (at) fail_msg("English result: %s has Chinese text: \"%s\"", path, v->u.str.text);
        break;
    }
    case JDOM_ARRAY:
        for (size_t i = 0; i < v->u.arr.count; i++) {
            snprintf(sub, sizeof sub, "%s[%zu]", path, i);
            check_no_cjk_json(v->u.arr.items[i], sub, in_params);
        }
        break;
    case JDOM_OBJECT:
        for (size_t i = 0; i < v->u.obj.count; i++) {
            const jdom_member *m = &v->u.obj.members[i];
            assert_null(find_cjk(m->key));
            if (!strcmp(m->key, "basis") || !strcmp(m->key, "source")) continue;
            if (in_params && !strcmp(m->key, "name")) continue;
            snprintf(sub, sizeof sub, "%s.%s", path, m->key);
            check_no_cjk_json(m->value, sub, in_params || !strcmp(m->key, "params"));
        }
        break;
    default:
        break;
    }
}

/* The strings that are Chinese by nature: every basis, parameter source and parameter name
 * in the result. Returns the count; out holds at most cap. */
static size_t names_and_citations(const jdom_value *res, const char **out, size_t cap)
{
    size_t n = 0;
    const jdom_value *benefits = jdom_get(res, "benefits");
    for (size_t i = 0; i < jdom_count(benefits); i++) {
        const jdom_value *b = jdom_at(benefits, i);
        if (jdom_string(jdom_get(b, "basis")) && n < cap) out[n++] = jdom_string(jdom_get(b, "basis"));
        const jdom_value *params = jdom_get(b, "params");
        for (size_t p = 0; p < jdom_count(params); p++) {
            const jdom_value *pv = jdom_at(params, p);
            if (jdom_string(jdom_get(pv, "source")) && n < cap) out[n++] = jdom_string(jdom_get(pv, "source"));
            if (jdom_string(jdom_get(pv, "name")) && n < cap) out[n++] = jdom_string(jdom_get(pv, "name"));
        }
    }
    const jdom_value *services = jdom_get(res, "services");
    for (size_t i = 0; i < jdom_count(services); i++)
        if (jdom_string(jdom_get(jdom_at(services, i), "basis")) && n < cap)
            out[n++] = jdom_string(jdom_get(jdom_at(services, i), "basis"));
    return n;
}

static int longer_first(const void *a, const void *b)
{
    size_t la = strlen(*(const char *const *)a), lb = strlen(*(const char *const *)b);
    return la < lb ? 1 : la > lb ? -1 : 0;
}

/* Blank out every occurrence of each string of `allowed` in text (longest first, so a basis
 * that extends another is removed whole). */
static void blank_out(char *text, const char **allowed, size_t n)
{
    qsort(allowed, n, sizeof *allowed, longer_first);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(allowed[i]);
        if (len == 0) continue;
        for (char *p = strstr(text, allowed[i]); p; p = strstr(p + len, allowed[i]))
            memset(p, ' ', len);
    }
}

static const jdom_value *benefit(const jdom_value *res, const char *id)
{
    const jdom_value *benefits = jdom_get(res, "benefits");
    for (size_t i = 0; i < jdom_count(benefits); i++)
        if (!strcmp(jdom_string(jdom_get(jdom_at(benefits, i), "id")), id))
            return jdom_at(benefits, i);
    fail_msg("no benefit %s in the result", id);
    return NULL;
}

static void assert_contains(const char *text, const char *needle)
{
    if (!strstr(text, needle)) fail_msg("expected \"%s\" in:\n%s", needle, text);
}

/* ---- tests ------------------------------------------------------------------------------ */

/* The cases decide what the other tests rely on. */
static void test_text_output__cases_decide_as_expected(void **state)
{
    engines *eng = *state;
    char *a = eval(eng->zh, case_chengdu), *b = eval(eng->zh, case_orphan);
    jdom_value *ra = parse(a), *rb = parse(b);
    const jdom_value *d = benefit(ra, "dibao.single_person");
    assert_string_equal(jdom_string(jdom_get(d, "status")), "eligible");
    assert_int_equal(jdom_get(d, "amount_fen")->u.integer, 112000);
    assert_string_equal(jdom_string(jdom_get(benefit(ra, "relief.temporary"), "status")), "ineligible");
    const jdom_value *topup = benefit(rb, "orphan.adult_student_topup");
    assert_string_equal(jdom_string(jdom_get(topup, "status")), "eligible");
    assert_int_equal(jdom_get(topup, "amount_fen")->u.integer, 39400);
    const jdom_value *relief = benefit(rb, "relief.temporary");
    assert_string_equal(jdom_string(jdom_get(relief, "status")), "eligible");
    assert_int_equal(jdom_get(relief, "amount_fen")->u.integer, 124000);
    assert_int_equal(jdom_get(benefit(rb, "medical.tomorrow_plan"), "amount_fen")->u.integer, 50000);
    jdom_free(ra);
    jdom_free(rb);
    dwp_free(a);
    dwp_free(b);
}

static void test_text_output__english_json_has_no_chinese_outside_names(void **state)
{
    engines *eng = *state;
    for (size_t i = 0; i < N_CASES; i++) {
        char *json = eval(eng->en, cases[i]);
        jdom_value *res = parse(json);
        check_no_cjk_json(res, "result", false);
        /* and the exemption is not what makes it pass: the titles are English */
        assert_string_equal(jdom_string(jdom_get(benefit(res, "relief.temporary"), "title")),
                            "Temporary relief");
        jdom_free(res);
        dwp_free(json);
    }
}

static void test_text_output__english_text_has_no_chinese_outside_names(void **state)
{
    engines *eng = *state;
    for (size_t i = 0; i < N_CASES; i++) {
        char *json = eval(eng->en, cases[i]);
        jdom_value *res = parse(json);
        char *text = format_text(json, DWP_LANG_EN);
        assert_contains(text, "[ELIGIBLE]");
        assert_contains(text, "[NOT ELIGIBLE]");
        if (i == 0) assert_contains(text, "1120.00 yuan per month");
        const char *allowed[256];
        size_t n = names_and_citations(res, allowed, sizeof allowed / sizeof allowed[0]);
        assert_true(n > 0 && n < sizeof allowed / sizeof allowed[0]);
        blank_out(text, allowed, n);
        const char *at = find_cjk(text);
        if (at) {
            const char *line = at;
            while (line > text && line[-1] != '\n') line--;
            const char *end = strchr(at, '\n');
            fail_msg("English text has Chinese outside basis/source/parameter names: \"%.*s\"",
                     (int)(end ? end - line : (long)strlen(line)), line);
        }
        free(text);
        jdom_free(res);
        dwp_free(json);
    }
}

static void test_text_output__chinese_text(void **state)
{
    engines *eng = *state;
    char *json = eval(eng->zh, case_chengdu);
    char *text = format_text(json, DWP_LANG_ZH);
    assert_contains(text, "【符合】");
    assert_contains(text, "【不符合】");
    assert_contains(text, "【符合】 单人户纳入最低生活保障 — 每月 1120.00 元");
    assert_contains(text, "依据：川办发〔2025〕53号 (二)");
    assert_contains(text, "临时救助");
    assert_null(strstr(text, "[ELIGIBLE]"));
    free(text);
    dwp_free(json);

    json = eval(eng->zh, case_orphan);
    text = format_text(json, DWP_LANG_ZH);
    assert_contains(text, "【符合】");
    assert_contains(text, "【不符合】");
    assert_contains(text, "每月 394.00 元");
    assert_contains(text, "一次性 1240.00 元");
    assert_contains(text, "依据：川民发〔2021〕120号");
    assert_contains(text, "依据：川办发〔2025〕53号 (三)");
    free(text);
    dwp_free(json);
}

/* Statuses, amounts, handling and the lists are the same whatever the language. */
static void test_text_output__language_changes_words_not_decisions(void **state)
{
    engines *eng = *state;
    static const char *const same[] = {"id", "status", "amount_fen", "period", "kind", "basis",
                                       "handling_region", "decided_by", "missing"};
    for (size_t c = 0; c < N_CASES; c++) {
        char *je = eval(eng->en, cases[c]), *jz = eval(eng->zh, cases[c]);
        jdom_value *re = parse(je), *rz = parse(jz);
        const jdom_value *be = jdom_get(re, "benefits"), *bz = jdom_get(rz, "benefits");
        assert_int_equal(jdom_count(be), jdom_count(bz));
        for (size_t i = 0; i < jdom_count(be); i++) {
            const jdom_value *x = jdom_at(be, i), *y = jdom_at(bz, i);
            for (size_t k = 0; k < sizeof same / sizeof same[0]; k++)
                if (!jdom_equal(jdom_get(x, same[k]), jdom_get(y, same[k])))
                    fail_msg("%s.%s differs between English and Chinese",
                             jdom_string(jdom_get(x, "id")), same[k]);
            assert_int_equal(jdom_count(jdom_get(x, "reasons")), jdom_count(jdom_get(y, "reasons")));
        }
        static const char *const lists[] = {"categories", "age", "region_chain"};
        for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
            assert_true(jdom_equal(jdom_get(re, lists[k]), jdom_get(rz, lists[k])));
        const jdom_value *se = jdom_get(re, "services"), *sz = jdom_get(rz, "services");
        assert_int_equal(jdom_count(se), jdom_count(sz));
        for (size_t i = 0; i < jdom_count(se); i++)
            assert_string_equal(jdom_string(jdom_get(jdom_at(se, i), "id")),
                                jdom_string(jdom_get(jdom_at(sz, i), "id")));
        const jdom_value *we = jdom_get(re, "warnings"), *wz = jdom_get(rz, "warnings");
        assert_int_equal(jdom_count(we), jdom_count(wz));
        for (size_t i = 0; i < jdom_count(we); i++) {
            assert_true(jdom_equal(jdom_get(jdom_at(we, i), "benefit"), jdom_get(jdom_at(wz, i), "benefit")));
            assert_true(jdom_equal(jdom_get(jdom_at(we, i), "param"), jdom_get(jdom_at(wz, i), "param")));
        }
        jdom_free(re);
        jdom_free(rz);
        dwp_free(je);
        dwp_free(jz);
    }
}

/* SPEC §3: "A placeholder parameter used in an eligible result adds a warning" — one for each
 * such parameter, naming it; a benefit that is not eligible adds none. */
static void test_text_output__placeholder_warnings_only_for_eligible(void **state)
{
    engines *eng = *state;
    int ineligible_on_placeholder = 0, eligible_on_placeholder = 0;
    for (size_t c = 0; c < N_CASES; c++) {
        for (int l = 0; l < 2; l++) {
            char *json = eval(l ? eng->zh : eng->en, cases[c]);
            jdom_value *res = parse(json);
            const jdom_value *benefits = jdom_get(res, "benefits");
            const jdom_value *warnings = jdom_get(res, "warnings");
            size_t expected_warnings = 0;
            for (size_t i = 0; i < jdom_count(benefits); i++) {
                const jdom_value *b = jdom_at(benefits, i);
                const char *id = jdom_string(jdom_get(b, "id"));
                bool eligible = !strcmp(jdom_string(jdom_get(b, "status")), "eligible");
                const jdom_value *params = jdom_get(b, "params");
                size_t placeholders = 0;
                for (size_t p = 0; p < jdom_count(params); p++) {
                    const jdom_value *pv = jdom_at(params, p);
                    if (strcmp(jdom_string(jdom_get(pv, "confidence")), "placeholder")) continue;
                    placeholders++;
                    if (!eligible) continue;
                    bool found = false;
                    for (size_t w = 0; w < jdom_count(warnings) && !found; w++) {
                        const jdom_value *wv = jdom_at(warnings, w);
                        found = !strcmp(jdom_string(jdom_get(wv, "code")), "param.placeholder") &&
                                !strcmp(jdom_string(jdom_get(wv, "benefit")), id) &&
                                !strcmp(jdom_string(jdom_get(wv, "param")),
                                        jdom_string(jdom_get(pv, "name")));
                    }
                    if (!found)
                        fail_msg("case %zu: eligible %s rests on placeholder %s but has no warning",
                                 c + 1, id, jdom_string(jdom_get(pv, "name")));
                }
                if (eligible) {
                    expected_warnings += placeholders;
                    eligible_on_placeholder += placeholders > 0;
                } else {
                    ineligible_on_placeholder += placeholders > 0;
                    for (size_t w = 0; w < jdom_count(warnings); w++)
                        if (!strcmp(jdom_string(jdom_get(jdom_at(warnings, w), "benefit")), id))
                            fail_msg("case %zu: %s is %s but has a placeholder warning", c + 1, id,
                                     jdom_string(jdom_get(b, "status")));
                }
            }
            assert_int_equal(jdom_count(warnings), expected_warnings);
            jdom_free(res);
            dwp_free(json);
        }
    }
    /* Both sides were exercised: the 成都 relief (ineligible, read the placeholder child
     * uplift) and the top-up of case 2 (eligible on placeholders), among others. */
    assert_true(ineligible_on_placeholder > 0);
    assert_true(eligible_on_placeholder > 0);
}

/* The English policy tests pass with an English engine, as `dwpolicy test --lang en`. */
static void test_text_output__lang_en_suite_in_english(void **state)
{
    engines *eng = *state;
    dwp_ptest_counts counts = {0, 0};
    int rc = dwp_ptest_run_file(eng->en, DWP_SOURCE_DIR "/tests/cases/lang_en.json", stdout, &counts);
    printf("lang_en.json (English): %d passed, %d failed\n", counts.passed, counts.failed);
    assert_int_equal(rc, 0);
    assert_true(counts.passed > 0);
    assert_int_equal(counts.failed, 0);
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_output__cases_decide_as_expected),
        cmocka_unit_test(test_text_output__english_json_has_no_chinese_outside_names),
        cmocka_unit_test(test_text_output__english_text_has_no_chinese_outside_names),
        cmocka_unit_test(test_text_output__chinese_text),
        cmocka_unit_test(test_text_output__language_changes_words_not_decisions),
        cmocka_unit_test(test_text_output__placeholder_warnings_only_for_eligible),
        cmocka_unit_test(test_text_output__lang_en_suite_in_english),
    };
    return cmocka_run_group_tests_name("text_output", tests, setup, teardown);
}
