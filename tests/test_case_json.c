/* test_case_json.c — the strict case reader (SPEC §2) and the enumeration tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "dwpolicy.h"
#include "money.h"

/* A valid GB 11643 number for birth date 2008-05-20 (check digit computed from the standard's
 * weights; see test_id_number.c). */
#define ID_20080520 "510104200805200016"

/* A minimal valid case with extra members spliced in: R at the top level, C inside child. */
#define CASE_WITH(R, C)                                                                        \
    "{\"as_of\":\"2026-03-01\",\"region\":\"510104\",\"child\":{\"birth_date\":\"2008-05-20\"" C \
    "}" R "}"

static const char spec_example[] =
    "{\n"
    "  \"case_id\": \"SC-2026-000123\",\n"
    "  \"as_of\": \"2026-03-01\",\n"
    "  \"region\": \"510104\",\n"
    "  \"area\": \"urban\",\n"
    "  \"child\": {\n"
    "    \"birth_date\": \"2008-05-20\",\n"
    "    \"id_number\": \"" ID_20080520 "\",\n"
    "    \"hukou_region\": \"511302\",\n"
    "    \"orphan\": false,\n"
    "    \"de_facto_unsupported\": false,\n"
    "    \"living_arrangement\": \"family\",\n"
    "    \"disability\": { \"grade\": 2, \"type\": \"physical\" },\n"
    "    \"autism\": false,\n"
    "    \"serious_illness\": true,\n"
    "    \"monthly_income_fen\": 0,\n"
    "    \"education\": { \"level\": \"undergraduate\", \"full_time\": true, \"boarding\": false,\n"
    "                   \"within_normal_duration\": true },\n"
    "    \"guardianship\": \"adequate\",\n"
    "    \"left_behind\": false,\n"
    "    \"crime_victim\": false,\n"
    "    \"graduating_this_year\": false\n"
    "  },\n"
    "  \"household\": {\n"
    "    \"status\": \"dibao_marginal\",\n"
    "    \"size\": 3,\n"
    "    \"monthly_benefit_fen\": 0,\n"
    "    \"housing_eligible\": false\n"
    "  },\n"
    "  \"medical\": {\n"
    "    \"policy_out_of_pocket_fen\": 2000000,\n"
    "    \"designated_institution\": true,\n"
    "    \"assisted_this_year_fen\": 0,\n"
    "    \"deductible_paid_this_year_fen\": 0\n"
    "  },\n"
    "  \"emergency\": { \"kind\": \"urgent\", \"occurred_region\": \"510107\", "
    "\"received_this_year_fen\": 0 }\n"
    "}\n";

/* Read from an exact-size heap copy, without a NUL, so that ASan reports any read past len. */
static int read_n(const char *json, size_t len, int lang, dwp_facts *c)
{
    char *buf = malloc(len ? len : 1);
    assert_non_null(buf);
    memcpy(buf, json, len);
    int rc = dwp_facts_read_json(buf, len, lang, c);
    free(buf);
    return rc;
}

/* memmem is not standard C. */
static bool contains_bytes(const void *hay, size_t n, const char *needle, size_t m)
{
    const unsigned char *h = hay;
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(h + i, needle, m) == 0) return true;
    return false;
}

static int read_s(const char *json, int lang, dwp_facts *c)
{
    return read_n(json, strlen(json), lang, c);
}

static void read_ok(const char *json, dwp_facts *c)
{
    int rc = read_s(json, DWP_LANG_EN, c);
    if (rc != DWP_OK) fail_msg("expected success for %s\ngot %d: %s", json, rc, dwp_last_error());
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Expect `status` in both languages, each message starting with "<path>: " / "<path>：" and
 * containing the detail given for that language (NULL: no check beyond the path). */
static void expect_field_error_n(const char *json, size_t len, int status, const char *path,
                                 const char *en_detail, const char *zh_detail)
{
    dwp_facts c;
    char prefix[256];
    int rc = read_n(json, len, DWP_LANG_EN, &c);
    const char *msg = dwp_last_error();
    snprintf(prefix, sizeof prefix, "%s: ", path);
    if (rc != status || !starts_with(msg, prefix) || (en_detail && !strstr(msg, en_detail)))
        fail_msg("en: %.*s\nwanted %d \"%s…%s\"\ngot %d \"%s\"", (int)(len < 300 ? len : 300), json, status, prefix,
                 en_detail ? en_detail : "", rc, msg);
    rc = read_n(json, len, DWP_LANG_ZH, &c);
    msg = dwp_last_error();
    snprintf(prefix, sizeof prefix, "%s：", path);
    if (rc != status || !starts_with(msg, prefix) || (zh_detail && !strstr(msg, zh_detail)))
        fail_msg("zh: %.*s\nwanted %d \"%s…%s\"\ngot %d \"%s\"", (int)(len < 300 ? len : 300), json, status, prefix,
                 zh_detail ? zh_detail : "", rc, msg);
}

static void expect_field_error(const char *json, int status, const char *path,
                               const char *en_detail, const char *zh_detail)
{
    expect_field_error_n(json, strlen(json), status, path, en_detail, zh_detail);
}

static void expect_schema(const char *json, const char *path, const char *en_detail)
{
    expect_field_error(json, DWP_ESCHEMA, path, en_detail, NULL);
}

/* A syntax error: DWP_EPARSE, "line L, column C: …" / "第 L 行第 C 列：…". */
static void expect_syntax_n(const char *json, size_t len, const char *en_detail,
                            const char *zh_detail)
{
    dwp_facts c;
    int rc = read_n(json, len, DWP_LANG_EN, &c);
    const char *msg = dwp_last_error();
    if (rc != DWP_EPARSE || !starts_with(msg, "line ") || (en_detail && !strstr(msg, en_detail)))
        fail_msg("en: %.*s\nwanted EPARSE \"line …%s\"\ngot %d \"%s\"", (int)(len < 300 ? len : 300), json,
                 en_detail ? en_detail : "", rc, msg);
    rc = read_n(json, len, DWP_LANG_ZH, &c);
    msg = dwp_last_error();
    if (rc != DWP_EPARSE || !starts_with(msg, "第 ") || (zh_detail && !strstr(msg, zh_detail)))
        fail_msg("zh: %.*s\nwanted EPARSE \"第 …%s\"\ngot %d \"%s\"", (int)(len < 300 ? len : 300), json,
                 zh_detail ? zh_detail : "", rc, msg);
}

static void expect_syntax(const char *json, const char *en_detail)
{
    expect_syntax_n(json, strlen(json), en_detail, NULL);
}

/* ---- Valid input ----------------------------------------------------------------------- */

static void test_case_json__spec_example(void **state)
{
    (void)state;
    dwp_facts c;
    read_ok(spec_example, &c);
    assert_true(c.has_case_id);
    assert_string_equal(c.case_id, "SC-2026-000123");
    assert_int_equal(c.as_of, 20260301);
    assert_int_equal(c.region, 510104);
    assert_int_equal(c.area, DWP_AREA_URBAN);
    assert_int_equal(c.child.birth_date, 20080520);
    assert_true(c.child.id_number_checked);
    assert_int_equal(c.child.hukou_region, 511302);
    assert_int_equal(c.child.orphan, DWP_TRI_NO);
    assert_int_equal(c.child.de_facto_unsupported, DWP_TRI_NO);
    assert_int_equal(c.child.living_arrangement, DWP_LIVING_FAMILY);
    assert_true(c.child.has_disability);
    assert_int_equal(c.child.disability_grade, 2);
    assert_int_equal(c.child.disability_type, DWP_DIS_PHYSICAL);
    assert_int_equal(c.child.autism, DWP_TRI_NO);
    assert_int_equal(c.child.serious_illness, DWP_TRI_YES);
    assert_true(c.child.monthly_income_fen.present);
    assert_int_equal(c.child.monthly_income_fen.value, 0);
    assert_true(c.child.has_education);
    assert_int_equal(c.child.education_level, DWP_LEVEL_UNDERGRADUATE);
    assert_int_equal(c.child.full_time, DWP_TRI_YES);
    assert_int_equal(c.child.boarding, DWP_TRI_NO);
    assert_int_equal(c.child.within_normal_duration, DWP_TRI_YES);
    assert_int_equal(c.child.guardianship, DWP_GUARD_ADEQUATE);
    assert_int_equal(c.child.left_behind, DWP_TRI_NO);
    assert_int_equal(c.child.crime_victim, DWP_TRI_NO);
    assert_int_equal(c.child.graduating_this_year, DWP_TRI_NO);
    assert_true(c.household.present);
    assert_int_equal(c.household.status, DWP_HH_DIBAO_MARGINAL);
    assert_true(c.household.size.present);
    assert_int_equal(c.household.size.value, 3);
    assert_true(c.household.monthly_benefit_fen.present);
    assert_int_equal(c.household.monthly_benefit_fen.value, 0);
    assert_int_equal(c.household.housing_eligible, DWP_TRI_NO);
    assert_true(c.medical.present);
    assert_true(c.medical.policy_out_of_pocket_fen.present);
    assert_int_equal(c.medical.policy_out_of_pocket_fen.value, 2000000);
    assert_int_equal(c.medical.designated_institution, DWP_TRI_YES);
    assert_int_equal(c.medical.assisted_this_year_fen.value, 0);
    assert_true(c.medical.deductible_paid_this_year_fen.present);
    assert_true(c.emergency.present);
    assert_int_equal(c.emergency.kind, DWP_EMERG_URGENT);
    assert_int_equal(c.emergency.occurred_region, 510107);
    assert_true(c.emergency.received_this_year_fen.present);

    /* The identity number is never kept: no trace of it anywhere in the model. */
    assert_false(contains_bytes(&c, sizeof c, ID_20080520, 18));
    assert_false(contains_bytes(&c, sizeof c, &ID_20080520[10], 8)); /* the tail */
}

static void test_case_json__minimal_defaults(void **state)
{
    (void)state;
    dwp_facts c;
    read_ok(CASE_WITH("", ""), &c);
    assert_false(c.has_case_id);
    assert_string_equal(c.case_id, "");
    assert_int_equal(c.area, DWP_AREA_UNSET);
    assert_false(c.child.id_number_checked);
    assert_int_equal(c.child.hukou_region, 0);
    assert_int_equal(c.child.orphan, DWP_TRI_UNKNOWN);
    assert_int_equal(c.child.serious_illness, DWP_TRI_UNKNOWN);
    assert_int_equal(c.child.graduating_this_year, DWP_TRI_UNKNOWN);
    assert_int_equal(c.child.full_time, DWP_TRI_UNKNOWN);
    assert_false(c.child.has_disability);
    assert_false(c.child.has_education);
    assert_false(c.child.monthly_income_fen.present);
    assert_false(c.household.present);
    assert_int_equal(c.household.housing_eligible, DWP_TRI_UNKNOWN);
    assert_false(c.medical.present);
    assert_int_equal(c.medical.designated_institution, DWP_TRI_UNKNOWN);
    assert_false(c.emergency.present);

    /* Members in any order, and whitespace of every allowed kind. */
    read_ok(" \t\r\n{\"child\":{\"serious_illness\":true,\"birth_date\":\"2008-05-20\"},"
            "\"region\":\"510104\",\"as_of\":\"2026-03-01\"} \n",
            &c);
    assert_int_equal(c.child.serious_illness, DWP_TRI_YES);
    assert_int_equal(c.as_of, 20260301);
}

static void test_case_json__null_is_absent(void **state)
{
    (void)state;
    dwp_facts c;
    read_ok(CASE_WITH(",\"case_id\":null,\"area\":null,\"household\":null,\"medical\":null,"
                      "\"emergency\":null",
                      ",\"id_number\":null,\"hukou_region\":null,\"orphan\":null,"
                      "\"living_arrangement\":null,\"disability\":null,\"monthly_income_fen\":null,"
                      "\"education\":null,\"guardianship\":null"),
            &c);
    assert_false(c.has_case_id);
    assert_int_equal(c.area, DWP_AREA_UNSET);
    assert_false(c.household.present);
    assert_false(c.medical.present);
    assert_false(c.emergency.present);
    assert_false(c.child.id_number_checked);
    assert_int_equal(c.child.orphan, DWP_TRI_UNKNOWN);
    assert_false(c.child.has_disability);
    assert_false(c.child.has_education);
    assert_false(c.child.monthly_income_fen.present);

    read_ok(CASE_WITH(",\"household\":{\"status\":null,\"size\":null,\"monthly_benefit_fen\":null,"
                      "\"housing_eligible\":null},\"emergency\":{\"kind\":\"expense\","
                      "\"occurred_region\":null,\"received_this_year_fen\":null}",
                      ",\"disability\":{\"grade\":4,\"type\":null},"
                      "\"education\":{\"level\":\"none\",\"full_time\":null}"),
            &c);
    assert_true(c.household.present);
    assert_int_equal(c.household.status, DWP_HH_UNSET);
    assert_false(c.household.size.present);
    assert_int_equal(c.household.housing_eligible, DWP_TRI_UNKNOWN);
    assert_true(c.emergency.present);
    assert_int_equal(c.emergency.kind, DWP_EMERG_EXPENSE);
    assert_int_equal(c.emergency.occurred_region, 0);
    assert_true(c.child.has_disability);
    assert_int_equal(c.child.disability_grade, 4);
    assert_int_equal(c.child.disability_type, DWP_DIS_UNSET);
    assert_int_equal(c.child.education_level, DWP_LEVEL_NONE);
    assert_int_equal(c.child.full_time, DWP_TRI_UNKNOWN);
}

static void test_case_json__null_required_is_missing(void **state)
{
    (void)state;
    expect_field_error("{\"as_of\":null,\"region\":\"510104\",\"child\":{\"birth_date\":"
                       "\"2008-05-20\"}}",
                       DWP_ESCHEMA, "as_of", "required field is missing", "缺少必填字段");
    expect_schema("{\"as_of\":\"2026-03-01\",\"region\":null,\"child\":{\"birth_date\":"
                  "\"2008-05-20\"}}",
                  "region", "missing");
    expect_schema("{\"as_of\":\"2026-03-01\",\"region\":\"510104\",\"child\":null}", "child",
                  "missing");
    expect_schema("{\"as_of\":\"2026-03-01\",\"region\":\"510104\",\"child\":{\"birth_date\":null}}",
                  "child.birth_date", "missing");
    expect_schema(CASE_WITH("", ",\"disability\":{\"grade\":null}"), "child.disability.grade",
                  "missing");
    expect_schema(CASE_WITH("", ",\"education\":{\"level\":null}"), "child.education.level",
                  "missing");
    expect_schema(CASE_WITH(",\"emergency\":{\"kind\":null}", ""), "emergency.kind", "missing");
}

static void test_case_json__missing_required(void **state)
{
    (void)state;
    expect_field_error("{\"region\":\"510104\",\"child\":{\"birth_date\":\"2008-05-20\"}}",
                       DWP_ESCHEMA, "as_of", "required field is missing", "缺少必填字段");
    expect_schema("{\"as_of\":\"2026-03-01\",\"child\":{\"birth_date\":\"2008-05-20\"}}", "region",
                  "missing");
    expect_schema("{\"as_of\":\"2026-03-01\",\"region\":\"510104\"}", "child", "missing");
    expect_schema("{\"as_of\":\"2026-03-01\",\"region\":\"510104\",\"child\":{}}",
                  "child.birth_date", "missing");
    expect_schema(CASE_WITH("", ",\"disability\":{\"type\":\"visual\"}"), "child.disability.grade",
                  "missing");
    expect_schema(CASE_WITH("", ",\"education\":{\"full_time\":true}"), "child.education.level",
                  "missing");
    expect_schema(CASE_WITH(",\"emergency\":{}", ""), "emergency.kind", "missing");
    expect_schema("{}", "as_of", "missing");
}

static void test_case_json__enum_bad_values(void **state)
{
    (void)state;
    expect_field_error(CASE_WITH("", ",\"education\":{\"level\":\"phd\"}"), DWP_ESCHEMA,
                       "child.education.level",
                       "expected one of none, preschool, primary, junior_secondary, ordinary_high, "
                       "secondary_vocational, higher_vocational, undergraduate, master, doctoral; "
                       "got \"phd\"",
                       "应为 none、preschool、primary、junior_secondary、ordinary_high、"
                       "secondary_vocational、higher_vocational、undergraduate、master、doctoral 之一"
                       "，实际为 \"phd\"");
    expect_field_error(CASE_WITH(",\"area\":\"suburban\"", ""), DWP_ESCHEMA, "area",
                       "expected one of urban, rural; got \"suburban\"", "\"suburban\"");
    expect_schema(CASE_WITH("", ",\"living_arrangement\":\"street\""), "child.living_arrangement",
                  "family, scattered, institution; got \"street\"");
    expect_schema(CASE_WITH("", ",\"disability\":{\"grade\":1,\"type\":\"other\"}"),
                  "child.disability.type", "visual, hearing, speech, physical, intellectual, "
                                           "mental, multiple; got \"other\"");
    expect_schema(CASE_WITH("", ",\"guardianship\":\"ADEQUATE\""), "child.guardianship",
                  "adequate, absent, inadequate; got \"ADEQUATE\"");
    expect_schema(CASE_WITH(",\"household\":{\"status\":\"dibao \"}", ""), "household.status",
                  "none, dibao, dibao_marginal, tekun; got \"dibao \"");
    expect_schema(CASE_WITH(",\"emergency\":{\"kind\":\"\"}", ""), "emergency.kind",
                  "expense, urgent; got \"\"");
    /* A non-string for an enumeration names the choices too. */
    expect_schema(CASE_WITH(",\"area\":1", ""), "area", "expected one of urban, rural; got 1");
    /* A NUL inside does not make a prefix match. */
    expect_schema(CASE_WITH(",\"area\":\"urban\\u0000\"", ""), "area", "got \"urban\\u0000\"");
}

static void test_case_json__enum_tables(void **state)
{
    (void)state;
    /* Every list is exactly the names joined with ", ", and parse/name are inverse. */
    for (int k = 0; k < DWP_ENUM_KIND_COUNT; k++) {
        char joined[512] = "";
        int v;
        for (v = 1; dwp_enum_name((dwp_enum_kind)k, v); v++) {
            const char *n = dwp_enum_name((dwp_enum_kind)k, v);
            if (v > 1) strcat(joined, ", ");
            strcat(joined, n);
            assert_int_equal(dwp_enum_parse((dwp_enum_kind)k, n, strlen(n)), v);
        }
        assert_true(v > 2);
        assert_string_equal(dwp_enum_list((dwp_enum_kind)k), joined);
        assert_null(dwp_enum_name((dwp_enum_kind)k, 0));
        assert_int_equal(dwp_enum_parse((dwp_enum_kind)k, "", 0), 0);
    }
    assert_string_equal(dwp_enum_name(DWP_ENUM_HOUSEHOLD_STATUS, DWP_HH_TEKUN), "tekun");
    assert_string_equal(dwp_enum_name(DWP_ENUM_LEVEL, DWP_LEVEL_SECONDARY_VOCATIONAL),
                        "secondary_vocational");
    assert_string_equal(dwp_enum_name(DWP_ENUM_LIVING, DWP_LIVING_INSTITUTION), "institution");
    assert_int_equal(dwp_enum_parse(DWP_ENUM_AREA, "rural", 5), DWP_AREA_RURAL);
    assert_int_equal(dwp_enum_parse(DWP_ENUM_AREA, "rura", 4), 0);
    assert_null(dwp_enum_name(DWP_ENUM_KIND_COUNT, 1));
    assert_string_equal(dwp_enum_list(DWP_ENUM_KIND_COUNT), "");
}

static void test_case_json__unknown_field_each_level(void **state)
{
    (void)state;
    expect_field_error(CASE_WITH(",\"aera\":\"urban\"", ""), DWP_ESCHEMA, "aera", "unknown field",
                       "未知字段");
    expect_field_error(CASE_WITH("", ",\"educaton\":{\"level\":\"none\"}"), DWP_ESCHEMA,
                       "child.educaton", "unknown field", "未知字段");
    expect_schema(CASE_WITH("", ",\"education\":{\"level\":\"none\",\"fulltime\":true}"),
                  "child.education.fulltime", "unknown field");
    expect_schema(CASE_WITH("", ",\"disability\":{\"grade\":1,\"kind\":\"visual\"}"),
                  "child.disability.kind", "unknown field");
    expect_schema(CASE_WITH(",\"household\":{\"members\":3}", ""), "household.members",
                  "unknown field");
    expect_schema(CASE_WITH(",\"medical\":{\"oop_fen\":3}", ""), "medical.oop_fen",
                  "unknown field");
    expect_schema(CASE_WITH(",\"emergency\":{\"kind\":\"urgent\",\"region\":\"510104\"}", ""),
                  "emergency.region", "unknown field");
    /* Keys are compared after unescaping; odd keys are quoted in the path. */
    dwp_facts c;
    read_ok(CASE_WITH(",\"\\u0061rea\":\"rural\"", ""), &c);
    assert_int_equal(c.area, DWP_AREA_RURAL);
    expect_schema(CASE_WITH("", ",\"a\\nb\":1"), "child.\"a\\u000ab\"", "unknown field");
    expect_schema(CASE_WITH(",\"\":1", ""), "\"\"", "unknown field");
    expect_schema(CASE_WITH(",\"area \":1", ""), "area ", "unknown field");
}

static void test_case_json__duplicate_key(void **state)
{
    (void)state;
    expect_field_error(CASE_WITH(",\"region\":\"510105\"", ""), DWP_ESCHEMA, "region",
                       "duplicate key (line 1, column", "键重复（第 1 行第");
    expect_schema(CASE_WITH("", ",\"orphan\":true,\"orphan\":true"), "child.orphan",
                  "duplicate key");
    expect_schema(CASE_WITH("", ",\"education\":{\"level\":\"none\",\"level\":\"none\"}"),
                  "child.education.level", "duplicate key");
    /* The same key spelt with an escape is the same key. */
    expect_schema(CASE_WITH(",\"area\":\"urban\",\"\\u0061rea\":\"urban\"", ""), "area",
                  "duplicate key");
}

/* {"case_id": [[[…]]]}: the object is level 1, so n arrays make the deepest level n + 1. */
static char *nested_case_id(int arrays)
{
    size_t len = 16 + 2 * (size_t)arrays;
    char *s = malloc(len);
    assert_non_null(s);
    char *p = s;
    p += sprintf(p, "{\"case_id\":");
    for (int i = 0; i < arrays; i++) *p++ = '[';
    for (int i = 0; i < arrays; i++) *p++ = ']';
    *p++ = '}';
    *p = '\0';
    return s;
}

static void test_case_json__depth_limit(void **state)
{
    (void)state;
    /* 64 levels are still JSON we read (it is the wrong type for case_id, a contract error);
     * 65 levels are refused by the syntax layer. */
    char *ok = nested_case_id(63);
    expect_schema(ok, "case_id", "expected a string; got an array");
    free(ok);
    char *deep = nested_case_id(64);
    expect_syntax_n(deep, strlen(deep), "nesting deeper than 64 levels", "嵌套超过 64 层");
    free(deep);
    /* Objects count as levels too, also in skipped values: {"x": 63 arrays, {}}. */
    char mixed[256];
    char *p = mixed + sprintf(mixed, "{\"x\":");
    memset(p, '[', 63);
    p += 63;
    p += sprintf(p, "{}");
    memset(p, ']', 63);
    p += 63;
    strcpy(p, "}");
    expect_syntax(mixed, "line 1, column 69: nesting deeper than 64");
    mixed[68] = '1';
    mixed[69] = ' ';
    expect_schema(mixed, "x", "unknown field");
    /* A deep top level that is not an object: the contract error only if it is JSON. */
    char deep_top[200];
    memset(deep_top, '[', 64);
    memset(deep_top + 64, ']', 64);
    deep_top[128] = '\0';
    expect_schema(deep_top, "(root)", "expected an object; got an array");
    memset(deep_top, '[', 65);
    memset(deep_top + 65, ']', 65);
    deep_top[130] = '\0';
    expect_syntax(deep_top, "nesting deeper than 64");
}

static void test_case_json__invalid_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        const char *what;
    } bad[] = {
        {"\xC0\xAF", "overlong 2-byte"},
        {"\xC1\xBF", "overlong 2-byte"},
        {"\xE0\x80\xAF", "overlong 3-byte"},
        {"\xF0\x80\x80\xAF", "overlong 4-byte"},
        {"\xED\xA0\x80", "UTF-8 encoded surrogate U+D800"},
        {"\xED\xBF\xBF", "UTF-8 encoded surrogate U+DFFF"},
        {"\xF4\x90\x80\x80", "above U+10FFFF"},
        {"\xF5\x80\x80\x80", "lead byte F5"},
        {"\xFF", "byte FF"},
        {"\x80", "lone continuation byte"},
        {"\xE4\xB8", "truncated 3-byte sequence"},
        {"\xF0\x9F\x98", "truncated 4-byte sequence"},
        {"\xC3", "truncated 2-byte sequence"},
    };
    char json[128];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(json, sizeof json, CASE_WITH(",\"case_id\":\"ab%sc\"", ""), bad[i].bytes);
        dwp_facts c;
        int rc = read_s(json, DWP_LANG_EN, &c);
        if (rc != DWP_EPARSE || !strstr(dwp_last_error(), "invalid UTF-8"))
            fail_msg("%s: got %d %s", bad[i].what, rc, dwp_last_error());
        /* Cut off by the end of the input itself. */
        size_t n = (size_t)snprintf(json, sizeof json, "{\"case_id\":\"%s", bad[i].bytes);
        rc = read_n(json, n, DWP_LANG_EN, &c);
        assert_int_equal(rc, DWP_EPARSE);
    }
    expect_syntax_n("{\"case_id\":\"\xE4\xB8\"}", 16, "invalid UTF-8 (byte 0xE4)",
                    "无效的 UTF-8（字节 0xE4）");
    /* Invalid UTF-8 in a key, and outside strings. */
    expect_syntax(CASE_WITH(",\"\xC0\xAF\":1", ""), "invalid UTF-8");
    expect_syntax("{\"as_of\":\xE4\xB8\xAD}", "expected a value; found byte 0xE4");

    /* The valid extremes are accepted: U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF. */
    dwp_facts c;
    read_ok(CASE_WITH(",\"case_id\":\"\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80"
                      "\xF4\x8F\xBF\xBF\xE4\xB8\xAD\"",
                      ""),
            &c);
    assert_string_equal(c.case_id,
                        "\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"
                        "\xE4\xB8\xAD");
}

static void test_case_json__escapes_and_surrogates(void **state)
{
    (void)state;
    dwp_facts c;
    read_ok(CASE_WITH(",\"case_id\":\"\\u4E2d\\uD83D\\uDE00\\\"\\\\\\/\\b\\f\\n\\r\\t-\\u00e9\"",
                      ""),
            &c);
    assert_string_equal(c.case_id, "\xE4\xB8\xAD\xF0\x9F\x98\x80\"\\/\b\f\n\r\t-\xC3\xA9");

    expect_syntax(CASE_WITH(",\"case_id\":\"\\uD800\"", ""), "lone surrogate \\uD800");
    expect_syntax(CASE_WITH(",\"case_id\":\"\\uDBFFx\"", ""), "lone surrogate \\uDBFF");
    expect_syntax(CASE_WITH(",\"case_id\":\"\\uD800\\u0041\"", ""), "lone surrogate");
    expect_syntax(CASE_WITH(",\"case_id\":\"\\uD800\\uD800\"", ""), "lone surrogate");
    expect_syntax(CASE_WITH(",\"case_id\":\"\\uDC00\\uD800\"", ""), "lone surrogate \\uDC00");
    expect_syntax(CASE_WITH(",\"case_id\":\"\\uDFFF\"", ""), "lone surrogate");
    expect_syntax_n("{\"case_id\":\"\\uD800\\uDC0", 23, NULL, NULL);
    expect_syntax(CASE_WITH(",\"case_id\":\"\\u12G4\"", ""), "expected 4 hex digits after \\u");
    expect_syntax(CASE_WITH(",\"case_id\":\"\\x41\"", ""), "invalid escape in a string: 'x'");
    expect_syntax(CASE_WITH(",\"case_id\":\"\\'\"", ""), "invalid escape");
    /* U+0000 is valid JSON but cannot live in the model's C string. */
    expect_schema(CASE_WITH(",\"case_id\":\"a\\u0000b\"", ""), "case_id", "U+0000");
}

static void test_case_json__control_characters(void **state)
{
    (void)state;
    expect_syntax(CASE_WITH(",\"case_id\":\"a\tb\"", ""), "unescaped control character U+0009");
    expect_syntax(CASE_WITH(",\"case_id\":\"a\nb\"", ""), "U+000A");
    expect_syntax_n("{\"case_id\":\"a\0b\"}", 17, "U+0000", "未转义的控制字符 U+0000");
    expect_syntax(CASE_WITH("", ",\"a\x1f\":1"), "U+001F");
    /* DEL is not a control character for JSON. */
    dwp_facts c;
    read_ok(CASE_WITH(",\"case_id\":\"\x7F\"", ""), &c);
    assert_string_equal(c.case_id, "\x7F");
}

static void test_case_json__trailing_comma(void **state)
{
    (void)state;
    expect_syntax_n(CASE_WITH(",", ""), strlen(CASE_WITH(",", "")),
                    "trailing commas are not allowed (found '}' after ',')", "不允许尾随逗号");
    expect_syntax(CASE_WITH("", ","), "trailing commas");
    expect_syntax(CASE_WITH(",\"x\":[1,2,]", ""), "trailing commas are not allowed (found ']'");
    expect_syntax("{,}", "expected a string key; found ','");
    expect_syntax(CASE_WITH(",\"x\":[,1]", ""), "expected a value; found ','");
}

static void test_case_json__comments(void **state)
{
    (void)state;
    expect_syntax("// a case\n{}", "comments are not allowed");
    expect_syntax(CASE_WITH("/* area */", ""), "comments are not allowed in JSON");
    expect_syntax("{\"as_of\": /* x */ \"2026-03-01\"}", "comments are not allowed");
    expect_syntax("{\"as_of\":\"2026-03-01\"} // end", "comments are not allowed");
    expect_syntax_n("{/", 2, "expected a string key; found '/'", NULL);
    expect_syntax("{} #", "expected the end of the input after the top-level value; found '#'");
}

static void test_case_json__numbers(void **state)
{
    (void)state;
    expect_syntax(CASE_WITH(",\"household\":{\"size\":03}", ""),
                  "leading zeros are not allowed in numbers");
    expect_syntax(CASE_WITH(",\"household\":{\"size\":-01}", ""), "leading zeros");
    expect_syntax(CASE_WITH(",\"household\":{\"size\":00}", ""), "leading zeros");
    expect_syntax(CASE_WITH(",\"household\":{\"size\":-}", ""), "expected a digit after '-'");
    expect_syntax(CASE_WITH(",\"household\":{\"size\":1.}", ""), "expected a digit after '.'");
    expect_syntax(CASE_WITH(",\"household\":{\"size\":1e}", ""), "expected a digit in the exponent");
    expect_syntax(CASE_WITH(",\"household\":{\"size\":1e+}", ""), "exponent");
    expect_syntax(CASE_WITH(",\"household\":{\"size\":+1}", ""), "expected a value; found '+'");
    expect_syntax(CASE_WITH(",\"household\":{\"size\":.5}", ""), "expected a value; found '.'");
    expect_syntax(CASE_WITH(",\"household\":{\"size\":1x}", ""),
                  "expected ',' or '}' after an object member; found 'x'");
    expect_syntax(CASE_WITH(",\"household\":{\"size\":0x10}", ""), "found 'x'");
    /* Well-formed numbers are syntax-checked even where they are not wanted. */
    expect_schema(CASE_WITH(",\"x\":-0.5e-3", ""), "x", "unknown field");
    dwp_facts c;
    read_ok(CASE_WITH(",\"household\":{\"monthly_benefit_fen\":-0}", ""), &c);
    assert_int_equal(c.household.monthly_benefit_fen.value, 0);
}

static void test_case_json__integers(void **state)
{
    (void)state;
    expect_field_error(CASE_WITH(",\"household\":{\"size\":1.0}", ""), DWP_ESCHEMA,
                       "household.size", "expected an integer; got 1.0", "应为整数，实际为 1.0");
    expect_schema(CASE_WITH(",\"household\":{\"size\":1e0}", ""), "household.size",
                  "expected an integer; got 1e0");
    expect_schema(CASE_WITH("", ",\"monthly_income_fen\":1E3"), "child.monthly_income_fen",
                  "expected an integer; got 1E3");
    expect_schema(CASE_WITH(",\"household\":{\"size\":\"5\"}", ""), "household.size",
                  "expected an integer; got \"5\"");
    expect_schema(CASE_WITH(",\"household\":{\"size\":true}", ""), "household.size",
                  "expected an integer; got true");
    /* int64 limits: the first value past each end is refused as "not an integer". */
    expect_schema(CASE_WITH(",\"medical\":{\"assisted_this_year_fen\":9223372036854775808}", ""),
                  "medical.assisted_this_year_fen",
                  "expected an integer; got 9223372036854775808");
    expect_schema(CASE_WITH(",\"medical\":{\"assisted_this_year_fen\":-9223372036854775809}", ""),
                  "medical.assisted_this_year_fen", "expected an integer");
    expect_schema(
        CASE_WITH(",\"household\":{\"size\":99999999999999999999999999999999999999999999999999999}",
                  ""),
        "household.size", "expected an integer; got 9999999999999999999999999999999999999999…");
    /* In range for int64 but not for the field. */
    expect_schema(CASE_WITH(",\"medical\":{\"assisted_this_year_fen\":9223372036854775807}", ""),
                  "medical.assisted_this_year_fen",
                  "expected an amount in fen from 0 to 10000000000000; got 9223372036854775807");
    expect_schema(CASE_WITH(",\"medical\":{\"assisted_this_year_fen\":-9223372036854775808}", ""),
                  "medical.assisted_this_year_fen", "got -9223372036854775808");
}

static void test_case_json__money_range(void **state)
{
    (void)state;
    dwp_facts c;
    read_ok(CASE_WITH(",\"medical\":{\"policy_out_of_pocket_fen\":10000000000000}", ""), &c);
    assert_int_equal(c.medical.policy_out_of_pocket_fen.value, DWP_MONEY_MAX);
    expect_field_error(CASE_WITH(",\"medical\":{\"policy_out_of_pocket_fen\":10000000000001}", ""),
                       DWP_ESCHEMA, "medical.policy_out_of_pocket_fen",
                       "expected an amount in fen from 0 to 10000000000000; got 10000000000001",
                       "应为 0 到 10000000000000 之间的金额（分），实际为 10000000000001");
    expect_schema(CASE_WITH("", ",\"monthly_income_fen\":-1"), "child.monthly_income_fen",
                  "from 0 to 10000000000000; got -1");
    expect_schema(CASE_WITH(",\"household\":{\"monthly_benefit_fen\":-100}", ""),
                  "household.monthly_benefit_fen", "got -100");
    expect_schema(CASE_WITH(",\"medical\":{\"deductible_paid_this_year_fen\":-5}", ""),
                  "medical.deductible_paid_this_year_fen", "got -5");
    expect_schema(CASE_WITH(",\"emergency\":{\"kind\":\"urgent\",\"received_this_year_fen\":-1}", ""),
                  "emergency.received_this_year_fen", "got -1");
    expect_schema(CASE_WITH(",\"medical\":{\"policy_out_of_pocket_fen\":12.5}", ""),
                  "medical.policy_out_of_pocket_fen", "expected an integer; got 12.5");
}

static void test_case_json__small_int_ranges(void **state)
{
    (void)state;
    dwp_facts c;
    read_ok(CASE_WITH(",\"household\":{\"size\":99}", ""), &c);
    assert_int_equal(c.household.size.value, 99);
    read_ok(CASE_WITH(",\"household\":{\"size\":1}", ""), &c);
    assert_int_equal(c.household.size.value, 1);
    expect_field_error(CASE_WITH(",\"household\":{\"size\":0}", ""), DWP_ESCHEMA, "household.size",
                       "expected an integer from 1 to 99; got 0", "应为 1 到 99 之间的整数");
    expect_schema(CASE_WITH(",\"household\":{\"size\":100}", ""), "household.size", "got 100");
    expect_schema(CASE_WITH(",\"household\":{\"size\":-3}", ""), "household.size", "got -3");
    expect_schema(CASE_WITH("", ",\"disability\":{\"grade\":0}"), "child.disability.grade",
                  "expected an integer from 1 to 4; got 0");
    expect_schema(CASE_WITH("", ",\"disability\":{\"grade\":5}"), "child.disability.grade",
                  "got 5");
    expect_schema(CASE_WITH("", ",\"disability\":{\"grade\":\"2\"}"), "child.disability.grade",
                  "expected an integer; got \"2\"");
    for (int g = 1; g <= 4; g++) {
        char json[256];
        snprintf(json, sizeof json, CASE_WITH("", ",\"disability\":{\"grade\":%d}"), g);
        read_ok(json, &c);
        assert_int_equal(c.child.disability_grade, g);
    }
}


static void test_case_json__dates(void **state)
{
    (void)state;
    dwp_facts c;
    expect_field_error("{\"as_of\":\"2025-02-30\",\"region\":\"510104\",\"child\":{\"birth_date\":"
                       "\"2008-05-20\"}}",
                       DWP_ESCHEMA, "as_of", "expected a date YYYY-MM-DD; got \"2025-02-30\"",
                       "应为日期 YYYY-MM-DD，实际为 \"2025-02-30\"");
    read_ok("{\"as_of\":\"2024-02-29\",\"region\":\"510104\",\"child\":{\"birth_date\":"
            "\"2008-02-29\"}}",
            &c);
    assert_int_equal(c.as_of, 20240229);
    assert_int_equal(c.child.birth_date, 20080229);
    expect_schema("{\"as_of\":\"2026-03-01\",\"region\":\"510104\",\"child\":{\"birth_date\":"
                  "\"2023-02-29\"}}",
                  "child.birth_date", "got \"2023-02-29\"");
    expect_schema("{\"as_of\":\"2026-3-1\",\"region\":\"510104\",\"child\":{\"birth_date\":"
                  "\"2008-05-20\"}}",
                  "as_of", "got \"2026-3-1\"");
    expect_schema("{\"as_of\":\"2026-03-01T00:00:00\",\"region\":\"510104\",\"child\":{"
                  "\"birth_date\":\"2008-05-20\"}}",
                  "as_of", "expected a date");
    expect_schema("{\"as_of\":20260301,\"region\":\"510104\",\"child\":{\"birth_date\":"
                  "\"2008-05-20\"}}",
                  "as_of", "expected a date YYYY-MM-DD; got 20260301");
    expect_schema("{\"as_of\":\"2026-13-01\",\"region\":\"510104\",\"child\":{\"birth_date\":"
                  "\"2008-05-20\"}}",
                  "as_of", "got \"2026-13-01\"");
}

static void test_case_json__regions(void **state)
{
    (void)state;
    dwp_facts c;
    read_ok(CASE_WITH(",\"emergency\":{\"kind\":\"urgent\",\"occurred_region\":\"510107\"}",
                      ",\"hukou_region\":\"511302\""),
            &c);
    assert_int_equal(c.emergency.occurred_region, 510107);
    assert_int_equal(c.child.hukou_region, 511302);
    /* Membership in the region list is the engine's business, not the reader's. */
    read_ok("{\"as_of\":\"2026-03-01\",\"region\":\"999999\",\"child\":{\"birth_date\":"
            "\"2008-05-20\"}}",
            &c);
    assert_int_equal(c.region, 999999);
    expect_field_error("{\"as_of\":\"2026-03-01\",\"region\":\"51010\",\"child\":{\"birth_date\":"
                       "\"2008-05-20\"}}",
                       DWP_ESCHEMA, "region", "expected a 6-digit region code; got \"51010\"",
                       "应为 6 位数字的行政区划代码，实际为 \"51010\"");
    expect_schema("{\"as_of\":\"2026-03-01\",\"region\":510104,\"child\":{\"birth_date\":"
                  "\"2008-05-20\"}}",
                  "region", "expected a 6-digit region code string; got 510104");
    expect_schema(CASE_WITH("", ",\"hukou_region\":\"5113020\""), "child.hukou_region",
                  "got \"5113020\"");
    expect_schema(CASE_WITH("", ",\"hukou_region\":\"51130a\""), "child.hukou_region",
                  "got \"51130a\"");
    expect_schema(CASE_WITH("", ",\"hukou_region\":\"000000\""), "child.hukou_region",
                  "got \"000000\"");
    expect_schema(CASE_WITH(",\"emergency\":{\"kind\":\"urgent\",\"occurred_region\":\"-51010\"}",
                            ""),
                  "emergency.occurred_region", "6-digit");
}

/* The message must not contain any 6 consecutive characters of the number. */
static void assert_no_trace_of(const char *msg, const char *id)
{
    size_t n = strlen(id);
    for (size_t i = 0; i + 6 <= n; i++) {
        char window[7];
        memcpy(window, id + i, 6);
        window[6] = '\0';
        if (strstr(msg, window)) fail_msg("message reveals the id number: %s", msg);
    }
}

static void expect_id_error(const char *json, const char *id, int status, const char *en_detail,
                            const char *zh_detail)
{
    expect_field_error(json, status, "child.id_number", en_detail, zh_detail);
    dwp_facts c;
    read_s(json, DWP_LANG_EN, &c);
    assert_no_trace_of(dwp_last_error(), id);
    assert_false(c.child.id_number_checked);
    assert_false(contains_bytes(&c, sizeof c, id, 6));
    read_s(json, DWP_LANG_ZH, &c);
    assert_no_trace_of(dwp_last_error(), id);
}

static void test_case_json__id_number(void **state)
{
    (void)state;
    dwp_facts c;
    read_ok(CASE_WITH("", ",\"id_number\":\"" ID_20080520 "\""), &c);
    assert_true(c.child.id_number_checked);
    /* Any order: the id number before the birth date. */
    read_ok("{\"as_of\":\"2026-03-01\",\"region\":\"510104\",\"child\":{\"id_number\":\"" ID_20080520
            "\",\"birth_date\":\"2008-05-20\"}}",
            &c);
    assert_true(c.child.id_number_checked);
    /* An X check character, and an escaped digit (decoded, checked, not kept). */
    read_ok(CASE_WITH("", ",\"id_number\":\"51010420080520018X\""), &c);
    assert_true(c.child.id_number_checked);
    read_ok(CASE_WITH("", ",\"id_number\":\"\\u0035" "10104200805200016\""), &c);
    assert_true(c.child.id_number_checked);

    expect_id_error(CASE_WITH("", ",\"id_number\":\"510104200805200017\""), "510104200805200017",
                    DWP_ESCHEMA, "the check character does not match", "校验码");
    expect_id_error(CASE_WITH("", ",\"id_number\":\"510104200805210011\""), "510104200805210011",
                    DWP_ESCHEMA, "the birth date in the number does not match child.birth_date",
                    "出生日期与 child.birth_date 不一致");
    expect_id_error("{\"as_of\":\"2026-03-01\",\"region\":\"510104\",\"child\":{\"id_number\":"
                    "\"510104200805210011\",\"birth_date\":\"2008-05-20\"}}",
                    "510104200805210011", DWP_ESCHEMA, "does not match", NULL);
    expect_id_error(CASE_WITH("", ",\"id_number\":\"51010420080520018x\""), "51010420080520018x",
                    DWP_ESCHEMA, "capital X; character 18 is not", "大写 X");
    expect_id_error(CASE_WITH("", ",\"id_number\":\"510104200802300003\""), "510104200802300003",
                    DWP_ESCHEMA, "not a real date", "不是有效日期");
    expect_id_error(CASE_WITH("", ",\"id_number\":\"51010420080520001\""), "51010420080520001",
                    DWP_ESCHEMA, "expected 18 characters", NULL);
    expect_id_error(CASE_WITH("", ",\"id_number\":\"5101042008052000161\""), "5101042008052000161",
                    DWP_ESCHEMA, "got a string of 19 bytes", NULL);
    expect_id_error(CASE_WITH("", ",\"id_number\":\"51010420080520 016\""), "51010420080520 016",
                    DWP_ESCHEMA, "character 15 is not", NULL);
    /* A number, not a string: even then the digits are not shown. */
    expect_id_error(CASE_WITH("", ",\"id_number\":510104200805200016"), "510104200805200016",
                    DWP_ESCHEMA, "expected a string; got a number", "应为字符串，实际为 数字");
    expect_id_error(CASE_WITH("", ",\"id_number\":[\"510104200805200016\"]"),
                    "510104200805200016", DWP_ESCHEMA, "got an array", NULL);
}

static void test_case_json__types(void **state)
{
    (void)state;
    expect_field_error(CASE_WITH("", ",\"orphan\":\"true\""), DWP_ESCHEMA, "child.orphan",
                       "expected true or false; got \"true\"", "应为布尔值 true 或 false，实际为 \"true\"");
    expect_schema(CASE_WITH("", ",\"orphan\":1"), "child.orphan", "got 1");
    expect_schema(CASE_WITH("", ",\"autism\":{}"), "child.autism", "got an object");
    expect_field_error("{\"as_of\":\"2026-03-01\",\"region\":\"510104\",\"child\":[]}", DWP_ESCHEMA,
                       "child", "expected an object; got an array", "应为对象，实际为 数组");
    expect_schema(CASE_WITH(",\"household\":\"dibao\"", ""), "household",
                  "expected an object; got \"dibao\"");
    expect_schema(CASE_WITH("", ",\"education\":true"), "child.education", "got true");
    expect_schema(CASE_WITH("", ",\"disability\":2"), "child.disability", "got 2");
    expect_schema(CASE_WITH(",\"case_id\":5", ""), "case_id", "expected a string; got 5");
    expect_schema(CASE_WITH(",\"case_id\":false", ""), "case_id", "got false");
    expect_schema(CASE_WITH(",\"medical\":{\"designated_institution\":\"yes\"}", ""),
                  "medical.designated_institution", "got \"yes\"");
    expect_schema(CASE_WITH(",\"household\":{\"housing_eligible\":0}", ""),
                  "household.housing_eligible", "got 0");
}

static void test_case_json__case_id(void **state)
{
    (void)state;
    char json[1024], id[512];
    dwp_facts c;
    memset(id, 'a', DWP_CASE_ID_MAX);
    id[DWP_CASE_ID_MAX] = '\0';
    snprintf(json, sizeof json, CASE_WITH(",\"case_id\":\"%s\"", ""), id);
    read_ok(json, &c);
    assert_string_equal(c.case_id, id);
    strcat(id, "b");
    snprintf(json, sizeof json, CASE_WITH(",\"case_id\":\"%s\"", ""), id);
    expect_field_error(json, DWP_ESCHEMA, "case_id",
                       "expected a string of at most 128 bytes; got 129 bytes",
                       "应为至多 128 字节的字符串，实际为 129 字节");
    /* Bytes, not characters: 43 × 中 = 129 bytes. */
    id[0] = '\0';
    for (int i = 0; i < 43; i++) strcat(id, "\xE4\xB8\xAD");
    snprintf(json, sizeof json, CASE_WITH(",\"case_id\":\"%s\"", ""), id);
    expect_schema(json, "case_id", "got 129 bytes");
    /* Escapes count as what they decode to, even past the reader's scratch buffer. */
    id[0] = '\0';
    for (int i = 0; i < 60; i++) strcat(id, "\\u4E2D");
    snprintf(json, sizeof json, CASE_WITH(",\"case_id\":\"%s\"", ""), id);
    expect_schema(json, "case_id", "got 180 bytes");
    id[0] = '\0';
    for (int i = 0; i < 100; i++) strcat(id, "\\n");
    snprintf(json, sizeof json, CASE_WITH(",\"case_id\":\"x%s\"", ""), id);
    read_ok(json, &c);
    assert_int_equal(strlen(c.case_id), 101);
}

static void test_case_json__long_values_are_quoted_briefly(void **state)
{
    (void)state;
    char json[4096], big[2048];
    memset(big, 'z', 2000);
    big[2000] = '\0';
    snprintf(json, sizeof json, CASE_WITH(",\"area\":\"%s\"", ""), big);
    expect_schema(json, "area", "got \"zzzzzzzzzz");
    assert_true(strlen(dwp_last_error()) < 256);
    assert_non_null(strstr(dwp_last_error(), "\xE2\x80\xA6\"")); /* …" */
    /* An unknown key that is too long to print whole. */
    snprintf(json, sizeof json, CASE_WITH(",\"%s\":1", ""), big);
    dwp_facts c;
    assert_int_equal(read_s(json, DWP_LANG_EN, &c), DWP_ESCHEMA);
    assert_string_equal(dwp_last_error(),
                        "\"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\xE2\x80\xA6\": unknown field");
    /* A long string with escapes (decoded past the scratch buffer) is quoted from its start. */
    big[0] = '\0';
    for (int i = 0; i < 300; i++) strcat(big, "\\u0041");
    snprintf(json, sizeof json, CASE_WITH(",\"area\":\"%s\"", ""), big);
    expect_schema(json, "area", "got \"AAAAAAAAAA");
    /* Control characters in a found value are escaped, never raw. */
    expect_schema(CASE_WITH(",\"area\":\"a\\u001bb\"", ""), "area", "got \"a\\u001bb\"");
}

static void test_case_json__line_and_column(void **state)
{
    (void)state;
    expect_syntax_n("{\n  \"as_of\": \"2026-03-01\",\n  \"area\":\"urban\"x\n}", 46,
                    "line 3, column 17: expected ',' or '}' after an object member; found 'x'",
                    "第 3 行第 17 列：对象成员之后应为 ',' 或 '}'，实际为 'x'");
    /* Columns count characters, not bytes. */
    expect_syntax("{\"case_id\":\"\xE4\xB8\xAD\xE6\x96\x87\" x}", "line 1, column 17: ");
    expect_syntax("{\"as_of\" \"2026-03-01\"}",
                  "line 1, column 10: expected ':' after a key; found '\"'");
    expect_syntax("{\"as_of\":\"2026-03-01\"\n\"region\":1}", "line 2, column 1: expected ','");
    expect_syntax("{\"case_id\":\"abc", "line 1, column 12: unterminated string");
    expect_syntax("{\"case_id\":\"abc\\", "unterminated string");
}

static void test_case_json__top_level(void **state)
{
    (void)state;
    expect_field_error("[]", DWP_ESCHEMA, "(root)", "expected an object; got an array",
                       "应为对象，实际为 数组");
    expect_schema("\"case\"", "(root)", "got \"case\"");
    expect_schema("42", "(root)", "got 42");
    expect_schema(" null ", "(root)", "got null");
    expect_schema("true", "(root)", "got true");
    /* Still JSON-checked first. */
    expect_syntax("[1,2", "expected ',' or ']' after an array element; found the end of the input");
    expect_syntax("\"abc", "unterminated string");
    expect_syntax("tru", "invalid literal");
}

static void test_case_json__empty_input(void **state)
{
    (void)state;
    expect_syntax_n("", 0, "line 1, column 1: expected a JSON object; found the end of the input",
                    "第 1 行第 1 列：应为 JSON 对象，实际为输入结尾");
    expect_syntax(" \n\t ", "line 2, column 3: expected a JSON object");
    dwp_facts c;
    assert_int_equal(dwp_facts_read_json(NULL, 0, DWP_LANG_EN, &c), DWP_EPARSE);
    assert_int_equal(dwp_facts_read_json(NULL, 5, DWP_LANG_EN, &c), DWP_EINVAL);
    assert_int_equal(dwp_facts_read_json("{}", 2, DWP_LANG_EN, NULL), DWP_EINVAL);
    expect_syntax_n("{", 1, "expected a string key; found the end of the input", NULL);
}

static void test_case_json__bom(void **state)
{
    (void)state;
    const char *json = "\xEF\xBB\xBF" CASE_WITH("", "");
    expect_syntax_n(json, strlen(json), "line 1, column 1: a byte order mark (BOM) is not allowed",
                    "不允许字节顺序标记（BOM）");
    /* Also not as whitespace after the value. */
    expect_syntax(CASE_WITH("", "") "\xEF\xBB\xBF", "found byte 0xEF");
}

static void test_case_json__trailing_garbage(void **state)
{
    (void)state;
    expect_syntax(CASE_WITH("", "") "x",
                  "expected the end of the input after the top-level value; found 'x'");
    expect_syntax(CASE_WITH("", "") "{}", "found '{'");
    expect_syntax(CASE_WITH("", "") " 1", "found '1'");
    expect_syntax_n(CASE_WITH("", "") "\0", strlen(CASE_WITH("", "")) + 1,
                    "found byte 0x00", "字节 0x00");
    expect_syntax("{}}", "found '}'");
}

static void test_case_json__literals(void **state)
{
    (void)state;
    expect_syntax(CASE_WITH("", ",\"orphan\":tru"), "invalid literal (expected true, false or null)");
    expect_syntax(CASE_WITH("", ",\"orphan\":True"), "expected a value; found 'T'");
    expect_syntax(CASE_WITH("", ",\"orphan\":nul"), "invalid literal");
    expect_syntax(CASE_WITH("", ",\"orphan\":falsey"), "found 'y'");
    expect_syntax_n("{\"a\":t", 6, "invalid literal", "无效的字面量");
    expect_syntax("{\"x\":undefined}", "expected a value; found 'u'");
    expect_syntax("{\"x\":NaN}", "expected a value; found 'N'");
    expect_syntax("{'x':1}", "expected a string key; found '''");
    expect_syntax("{x:1}", "expected a string key; found 'x'");
}

/* A document that is not JSON is DWP_EPARSE whatever contract errors come before the break. */
static void test_case_json__syntax_beats_schema(void **state)
{
    (void)state;
    expect_syntax("{\"bogus\":1,\"as_of\":", NULL);
    expect_syntax("{\"bogus\":1}}", NULL);
    expect_syntax("{\"area\":\"mars\",\"child\":{\"x\":[1,2,}}", "trailing commas");
    expect_syntax(CASE_WITH(",\"area\":5", "") " x", NULL);
    expect_syntax("{\"child\":{\"orphan\":\"yes\",\"x\":\"\xC0\xAF\"}}", "invalid UTF-8");
    /* Among contract errors, the first in document order is reported. */
    expect_schema(CASE_WITH(",\"area\":\"x\",\"zzz\":1", ""), "area", NULL);
    expect_schema("{\"zzz\":1,\"area\":\"x\"}", "zzz", "unknown field");
    expect_schema("{\"child\":{\"orphan\":2}}", "child.orphan", NULL);
}

/* Every proper prefix of a valid document is a syntax error, read without going past len. */
static void test_case_json__every_prefix(void **state)
{
    (void)state;
    size_t n = strlen(spec_example);
    dwp_facts c;
    for (size_t len = 0; len + 1 < n; len++) {
        int rc = read_n(spec_example, len, len % 2 ? DWP_LANG_ZH : DWP_LANG_EN, &c);
        if (rc != DWP_EPARSE) fail_msg("prefix of %zu bytes: %d %s", len, rc, dwp_last_error());
    }
    assert_int_equal(read_n(spec_example, n - 1, DWP_LANG_EN, &c), DWP_OK);
    assert_int_equal(read_n(spec_example, n, DWP_LANG_EN, &c), DWP_OK);
}

/* Any language value other than DWP_LANG_ZH gives English. */
static void test_case_json__language(void **state)
{
    (void)state;
    dwp_facts c;
    assert_int_equal(read_s("{}", 7, &c), DWP_ESCHEMA);
    assert_string_equal(dwp_last_error(), "as_of: required field is missing");
    assert_int_equal(read_s("{}", DWP_LANG_ZH, &c), DWP_ESCHEMA);
    assert_string_equal(dwp_last_error(), "as_of：缺少必填字段");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_json__spec_example),
        cmocka_unit_test(test_case_json__minimal_defaults),
        cmocka_unit_test(test_case_json__null_is_absent),
        cmocka_unit_test(test_case_json__null_required_is_missing),
        cmocka_unit_test(test_case_json__missing_required),
        cmocka_unit_test(test_case_json__enum_bad_values),
        cmocka_unit_test(test_case_json__enum_tables),
        cmocka_unit_test(test_case_json__unknown_field_each_level),
        cmocka_unit_test(test_case_json__duplicate_key),
        cmocka_unit_test(test_case_json__depth_limit),
        cmocka_unit_test(test_case_json__invalid_utf8),
        cmocka_unit_test(test_case_json__escapes_and_surrogates),
        cmocka_unit_test(test_case_json__control_characters),
        cmocka_unit_test(test_case_json__trailing_comma),
        cmocka_unit_test(test_case_json__comments),
        cmocka_unit_test(test_case_json__numbers),
        cmocka_unit_test(test_case_json__integers),
        cmocka_unit_test(test_case_json__money_range),
        cmocka_unit_test(test_case_json__small_int_ranges),
        cmocka_unit_test(test_case_json__dates),
        cmocka_unit_test(test_case_json__regions),
        cmocka_unit_test(test_case_json__id_number),
        cmocka_unit_test(test_case_json__types),
        cmocka_unit_test(test_case_json__case_id),
        cmocka_unit_test(test_case_json__long_values_are_quoted_briefly),
        cmocka_unit_test(test_case_json__line_and_column),
        cmocka_unit_test(test_case_json__top_level),
        cmocka_unit_test(test_case_json__empty_input),
        cmocka_unit_test(test_case_json__bom),
        cmocka_unit_test(test_case_json__trailing_garbage),
        cmocka_unit_test(test_case_json__literals),
        cmocka_unit_test(test_case_json__syntax_beats_schema),
        cmocka_unit_test(test_case_json__every_prefix),
        cmocka_unit_test(test_case_json__language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
