/* test_host_fn.c — host functions (dwp_engine_register_fn, host.NAME in rule code).
 *
 * A rules directory is written to a temporary directory: 510104.lua (锦江区) with a local rule,
 * jinjiang.host_probe, whose behaviour the case's case_id selects, and an override of
 * dibao.single_person that passes its amount through a host function. Checked:
 *  - every return type (i, d, b, s, and a NULL string), every argument type, no arguments and
 *    8 arguments (all alike and mixed); the values reach the rule and the result; userdata is
 *    passed through;
 *  - arguments that do not match the signature (count, float for i, number for s, a string with
 *    a NUL, nil, …), an unknown host function, rule code that tries to replace a host function
 *    or the host object, a string that is not UTF-8 coming back: that benefit has status
 *    error with a clear message, the others are decided, the call returns DWP_ESCRIPT, and the
 *    host function is not called;
 *  - registration: a name twice, bad names and signatures, NULL arguments, after the first
 *    evaluation: DWP_EINVAL;
 *  - 4 threads calling host functions at once give the serial results;
 *  - the logic of examples/c/host_function.c (enrolled or not). */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <dwpolicy.h>

#include "support/rules_fixture.h"

#define PROBE "jinjiang.host_probe"

/* ---- The rule file ------------------------------------------------------------------------ */

static const char *const rules_510104[] = {
    "region { code = \"510104\", name = \"锦江区\" }\n",
    "\n",
    "override \"dibao.single_person\" (function (case, base)\n",
    "  local r = base()\n",
    "  if case.case_id == \"override\" and r.status == \"eligible\" then\n",
    "    return r:with_amount(host.add_i(r.amount_fen, 100), \"锦江区：宿主函数核定\")\n",
    "  end\n",
    "  return r\n",
    "end)\n",
    "\n",
    "local function yes(cond, what)\n",
    "  if cond then return eligible(1, what) end\n",
    "  return ineligible(\"failed: \" .. what)\n",
    "end\n",
    "\n",
    "local probes = {\n",
    "  ret_i = function () return eligible(host.add_i(40, 2), \"i\") end,\n",
    "  ret_i_extremes = function ()\n",
    "    return yes(host.echo_i(math.maxinteger) == math.maxinteger and\n",
    "               host.echo_i(math.mininteger) == math.mininteger and\n",
    "               math.type(host.echo_i(0)) == \"integer\", \"extremes\")\n",
    "  end,\n",
    "  ret_d = function ()\n",
    "    local x = host.mul_d(2.5, 4)\n",
    "    if math.type(x) ~= \"float\" then return ineligible(\"not a float\") end\n",
    "    return eligible(math.tointeger(x), string.format(\"%.3f\", host.mul_d(0.5, 0.25)))\n",
    "  end,\n",
    "  ret_b = function ()\n",
    "    return yes(host.is_even(4) == true and host.is_even(3) == false and\n",
    "               host.not_b(true) == false and host.not_b(false) == true, \"b\")\n",
    "  end,\n",
    "  ret_b_wide = function () return yes(host.two_b() == true, \"2 is true\") end,\n",
    "  ret_s = function () return eligible(2, host.greet(case.case_id)) end,\n",
    "  ret_s_utf8 = function () return eligible(3, host.greet(\"锦江区\")) end,\n",
    "  ret_s_empty = function () return yes(host.greet_raw(\"\") == \"\", \"empty\") end,\n",
    "  ret_s_null = function () return yes(host.null_s() == nil, \"nil\") end,\n",
    "  zero_args = function () return eligible(host.zero(), \"zero\") end,\n",
    "  eight_args = function () return eligible(host.sum8(1, 2, 3, 4, 5, 6, 7, 8), \"eight\") end,\n",
    "  mixed_args = function ()\n",
    "    return eligible(4, host.mix8(-1, 2.5, true, \"a\", 9007199254740993, -0.5, false, \"锦\"))\n",
    "  end,\n",
    "  userdata = function () return eligible(host.ud(), \"userdata\") end,\n",
    "  count = function () return eligible(host.count(), \"counted\") end,\n",
    "  pcall_caught = function ()\n",
    "    local ok, msg = pcall(host.add_i, 1.5, 2)\n",
    "    if ok then return eligible(1, \"no error\") end\n",
    "    return ineligible(msg)\n",
    "  end,\n",
    "  -- errors\n",
    "  err_argc_few = function () return eligible(host.add_i(1), \"x\") end,\n",
    "  err_argc_many = function () return eligible(host.add_i(1, 2, 3), \"x\") end,\n",
    "  err_argc_zero = function () return eligible(host.zero(1), \"x\") end,\n",
    "  err_method = function () return eligible(host:add_i(1, 2), \"x\") end,\n",
    "  err_float_for_i = function () return eligible(host.add_i(1.5, 2), \"x\") end,\n",
    "  err_whole_float_for_i = function () return eligible(host.add_i(2, 2.0), \"x\") end,\n",
    "  err_string_for_i = function () return eligible(host.add_i(\"1\", 2), \"x\") end,\n",
    "  err_nil_for_i = function () return eligible(host.add_i(nil, 1), \"x\") end,\n",
    "  err_number_for_s = function () return eligible(1, host.greet(42)) end,\n",
    "  err_table_for_s = function () return eligible(1, host.greet({})) end,\n",
    "  err_nil_for_s = function () return eligible(1, host.greet(nil)) end,\n",
    "  err_nul_in_s = function () return eligible(1, host.greet(\"a\\0b\")) end,\n",
    "  err_string_for_d = function () return eligible(1, tostring(host.mul_d(\"2\", 1))) end,\n",
    "  err_bool_for_d = function () return eligible(1, tostring(host.mul_d(true, 1))) end,\n",
    "  err_number_for_b = function () return yes(host.not_b(1), \"x\") end,\n",
    "  err_nil_for_b = function () return yes(host.not_b(nil), \"x\") end,\n",
    "  err_eighth_arg = function () return eligible(host.sum8(1, 2, 3, 4, 5, 6, 7, 8.5), \"x\") end,\n",
    "  err_unknown = function () return eligible(host.nosuch(1), \"x\") end,\n",
    "  err_assign_new = function () host.x = function () return 1 end; return eligible(1, \"x\") end,\n",
    "  err_assign_existing = function ()\n",
    "    host.add_i = function () return 999 end\n",
    "    return eligible(host.add_i(1, 2), \"x\")\n",
    "  end,\n",
    "  err_rawset = function ()\n",
    "    rawset(host, \"add_i\", function () return 999 end)\n",
    "    return eligible(host.add_i(1, 2), \"x\")\n",
    "  end,\n",
    "  err_setmetatable = function ()\n",
    "    setmetatable(host, { __index = function () return function () return 999 end end })\n",
    "    return eligible(host.add_i(1, 2), \"x\")\n",
    "  end,\n",
    "  err_getmetatable = function ()\n",
    "    local mt = getmetatable(host)\n",
    "    mt.__index = function () return function () return 999 end end\n",
    "    return eligible(host.add_i(1, 2), \"x\")\n",
    "  end,\n",
    "  err_replace_host = function ()\n",
    "    host = { add_i = function () return 999 end }\n",
    "    return eligible(host.add_i(1, 2), \"x\")\n",
    "  end,\n",
    "  err_bad_utf8 = function () return eligible(1, host.bad_utf8()) end,\n",
    "  err_utf8_arg_ff = function () return eligible(host.len_s(\"ok \\xff\\xfe\"), \"x\") end,\n",
    "  err_utf8_arg_overlong = function () return eligible(host.len_s(string.char(0xC0, 0xAF)), \"x\") end,\n",
    "  err_utf8_arg_surrogate = function () return eligible(host.len_s(\"\\xed\\xa0\\x80\"), \"x\") end,\n",
    "  err_utf8_arg_cut = function () return eligible(host.len_s(string.sub(\"锦\", 1, 2)), \"x\") end,\n",
    "}\n",
    "\n",
    "rule \"" PROBE "\" {\n",
    "  title = \"宿主函数测试\",\n",
    "  title_en = \"host function probe\",\n",
    "  basis = \"测试\",\n",
    "  period = \"once\",\n",
    "  eval = function (case, p)\n",
    "    local id = case.case_id\n",
    "    if id == nil then return indeterminate(\"case_id\") end\n",
    "    local probe = probes[id]\n",
    "    if probe == nil then return ineligible(\"no probe\") end\n",
    "    return probe()\n",
    "  end,\n",
    "}\n",
    NULL,
};

/* A case in 锦江区 (SPEC §5a-1: dibao.single_person eligible, 112000) with this case_id. */
static char *case_with_id(const char *id)
{
    char *json = malloc(512);
    assert_non_null(json);
    snprintf(json, 512,
             "{\"case_id\": \"%s\", \"as_of\": \"2026-03-01\", \"region\": \"510104\","
             " \"area\": \"urban\", \"child\": {\"birth_date\": \"2008-05-20\","
             " \"serious_illness\": true, \"monthly_income_fen\": 0},"
             " \"household\": {\"status\": \"dibao_marginal\"}}",
             id);
    return json;
}

/* ---- The host functions ------------------------------------------------------------------- */

static atomic_long calls; /* every host function counts its calls here */

typedef struct ud_data {
    int64_t base;
    atomic_long counter;
} ud_data;

static int64_t add_i(int64_t a, int64_t b, void *ud)
{
    (void)ud;
    atomic_fetch_add(&calls, 1);
    return a + b;
}

static int64_t echo_i(int64_t a, void *ud)
{
    (void)ud;
    atomic_fetch_add(&calls, 1);
    return a;
}

static double mul_d(double a, double b, void *ud)
{
    (void)ud;
    atomic_fetch_add(&calls, 1);
    return a * b;
}

static int32_t is_even(int64_t a, void *ud)
{
    (void)ud;
    atomic_fetch_add(&calls, 1);
    return a % 2 == 0;
}

static int32_t not_b(int32_t a, void *ud)
{
    (void)ud;
    atomic_fetch_add(&calls, 1);
    if (a != 0 && a != 1) return 0; /* a bool argument is 0 or 1 */
    return !a;
}

static int32_t two_b(void *ud)
{
    (void)ud;
    atomic_fetch_add(&calls, 1);
    return 2; /* any non-zero value is true */
}

static _Thread_local char greet_buf[512];

static const char *greet(const char *who, void *ud)
{
    atomic_fetch_add(&calls, 1);
    snprintf(greet_buf, sizeof greet_buf, "%s%s", (const char *)ud, who);
    return greet_buf;
}

static const char *greet_raw(const char *who, void *ud)
{
    (void)ud;
    atomic_fetch_add(&calls, 1);
    return who; /* the argument itself: copied before the call returns to Lua */
}

static int64_t len_s(const char *s, void *ud)
{
    (void)ud;
    atomic_fetch_add(&calls, 1);
    return (int64_t)strlen(s);
}

static const char *null_s(void *ud)
{
    (void)ud;
    atomic_fetch_add(&calls, 1);
    return NULL;
}

static const char *bad_utf8(void *ud)
{
    (void)ud;
    atomic_fetch_add(&calls, 1);
    return "ok \xff\xfe";
}

static int64_t zero(void *ud)
{
    atomic_fetch_add(&calls, 1);
    return *(const int64_t *)ud;
}

static int64_t sum8(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f, int64_t g,
                    int64_t h, void *ud)
{
    (void)ud;
    atomic_fetch_add(&calls, 1);
    return a + b + c + d + e + f + g + h;
}

static _Thread_local char mix_buf[512];

static const char *mix8(int64_t a, double b, int32_t c, const char *d, int64_t e, double f,
                        int32_t g, const char *h, void *ud)
{
    atomic_fetch_add(&calls, 1);
    snprintf(mix_buf, sizeof mix_buf, "%lld|%.2f|%d|%s|%lld|%.2f|%d|%s|%s", (long long)a, b,
             (int)c, d, (long long)e, f, (int)g, h, ud ? "ud" : "no ud");
    return mix_buf;
}

static int64_t ud_fn(void *ud)
{
    atomic_fetch_add(&calls, 1);
    return ((ud_data *)ud)->base;
}

static int64_t count_fn(void *ud)
{
    atomic_fetch_add(&calls, 1);
    return atomic_fetch_add(&((ud_data *)ud)->counter, 1) >= 0 ? 5 : 0;
}

#define FN(f) ((void (*)(void))(f))

static const int64_t seven = 7;
static ud_data the_ud = {4242, 0};

static int register_all(dwp_engine *e)
{
    static const struct {
        const char *name, *sig;
        void (*fn)(void);
        void *ud;
    } fns[] = {
        {"add_i", "i(ii)", FN(add_i), NULL},
        {"echo_i", "i(i)", FN(echo_i), NULL},
        {"mul_d", "d(dd)", FN(mul_d), NULL},
        {"is_even", "b(i)", FN(is_even), NULL},
        {"not_b", "b(b)", FN(not_b), NULL},
        {"two_b", "b()", FN(two_b), NULL},
        {"greet", "s(s)", FN(greet), "你好，"},
        {"greet_raw", "s(s)", FN(greet_raw), NULL},
        {"len_s", "i(s)", FN(len_s), NULL},
        {"null_s", "s()", FN(null_s), NULL},
        {"bad_utf8", "s()", FN(bad_utf8), NULL},
        {"zero", "i()", FN(zero), (void *)&seven},
        {"sum8", "i(iiiiiiii)", FN(sum8), NULL},
        {"mix8", "s(idbsidbs)", FN(mix8), &the_ud},
        {"ud", "i()", FN(ud_fn), &the_ud},
        {"count", "i()", FN(count_fn), &the_ud},
    };
    for (size_t k = 0; k < sizeof fns / sizeof fns[0]; k++) {
        int rc = dwp_engine_register_fn(e, fns[k].name, fns[k].sig, fns[k].fn, fns[k].ud);
        if (rc != DWP_OK) {
            fprintf(stderr, "register %s: %d %s\n", fns[k].name, rc, dwp_last_error());
            return rc;
        }
    }
    return DWP_OK;
}

/* ---- Fixture ------------------------------------------------------------------------------ */

typedef struct fixture {
    char dir[512];
    dwp_engine *e; /* every function registered */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || !rf_make_temp_dir(f->dir, sizeof f->dir)) return -1;
    size_t n = 0;
    for (size_t k = 0; rules_510104[k]; k++) n += strlen(rules_510104[k]);
    char *text = malloc(n + 1);
    if (!text) return -1;
    text[0] = '\0';
    for (size_t k = 0; rules_510104[k]; k++) strcat(text, rules_510104[k]);
    bool written = rf_write_file(f->dir, "510104.lua", text, n);
    free(text);
    if (!written) return -1;
    if (rf_open(f->dir, &f->e) != DWP_OK) {
        fprintf(stderr, "open %s: %s\n", f->dir, dwp_last_error());
        return -1;
    }
    if (register_all(f->e) != DWP_OK) return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    dwp_engine_close(f->e);
    rf_remove_dir(f->dir);
    free(f);
    return 0;
}

static dwp_engine *open_dir(const fixture *f)
{
    dwp_engine *e = NULL;
    int rc = rf_open(f->dir, &e);
    if (rc != DWP_OK) fail_msg("open: %d %s", rc, dwp_last_error());
    return e;
}

/* ---- Helpers ------------------------------------------------------------------------------ */

typedef struct run {
    int rc;
    char msg[1024];
    dwp_result *r;
    size_t probe;
} run;

static run eval_id(dwp_engine *e, const char *id)
{
    run x;
    memset(&x, 0, sizeof x);
    char *json = case_with_id(id);
    x.rc = dwp_eval_json_result(e, json, strlen(json), &x.r);
    snprintf(x.msg, sizeof x.msg, "%s", dwp_last_error());
    free(json);
    if (!x.r) fail_msg("%s: no result (%d): %s", id, x.rc, x.msg);
    int32_t i = dwp_result_benefit_find(x.r, PROBE);
    if (i < 0) fail_msg("%s: no %s in the result", id, PROBE);
    x.probe = (size_t)i;
    return x;
}

static void expect_probe(const run *x, int32_t status, int64_t amount, const char *text)
{
    if (x->rc != DWP_OK) fail_msg("rc %d: %s", x->rc, x->msg);
    assert_int_equal(dwp_result_benefit_status(x->r, x->probe), status);
    int64_t fen = -1;
    assert_int_equal(dwp_result_benefit_amount(x->r, x->probe, &fen), DWP_OK);
    assert_int_equal(fen, amount);
    if (text) {
        const char *got = dwp_result_reason_text(x->r, x->probe, 0);
        assert_non_null(got);
        if (strcmp(got, text)) fail_msg("reason \"%s\", want \"%s\"", got, text);
    }
}

/* The SPEC §5a-1 decision of dibao.single_person, unaffected by the probe. */
static void expect_others_decided(const run *x)
{
    int32_t d = dwp_result_benefit_find(x->r, "dibao.single_person");
    assert_true(d >= 0);
    assert_int_equal(dwp_result_benefit_status(x->r, (size_t)d), DWP_BENEFIT_ELIGIBLE);
    int64_t fen = 0;
    assert_int_equal(dwp_result_benefit_amount(x->r, (size_t)d, &fen), DWP_OK);
    assert_int_equal(fen, 112000);
    for (size_t i = 0; i < dwp_result_benefit_count(x->r); i++)
        if (i != x->probe) assert_int_not_equal(dwp_result_benefit_status(x->r, i), DWP_BENEFIT_ERROR);
}

static void release(run *x)
{
    dwp_result_free(x->r);
    x->r = NULL;
}

/* ---- Values through every type ------------------------------------------------------------- */

static void test_return_int(void **state)
{
    fixture *f = *state;
    run x = eval_id(f->e, "ret_i");
    expect_probe(&x, DWP_BENEFIT_ELIGIBLE, 42, "i");
    expect_others_decided(&x);
    release(&x);
    x = eval_id(f->e, "ret_i_extremes");
    expect_probe(&x, DWP_BENEFIT_ELIGIBLE, 1, "extremes");
    release(&x);
}

static void test_return_double(void **state)
{
    fixture *f = *state;
    run x = eval_id(f->e, "ret_d");
    expect_probe(&x, DWP_BENEFIT_ELIGIBLE, 10, "0.125");
    release(&x);
}

static void test_return_bool(void **state)
{
    fixture *f = *state;
    run x = eval_id(f->e, "ret_b");
    expect_probe(&x, DWP_BENEFIT_ELIGIBLE, 1, "b");
    release(&x);
    x = eval_id(f->e, "ret_b_wide");
    expect_probe(&x, DWP_BENEFIT_ELIGIBLE, 1, "2 is true");
    release(&x);
}

static void test_return_string(void **state)
{
    fixture *f = *state;
    run x = eval_id(f->e, "ret_s");
    expect_probe(&x, DWP_BENEFIT_ELIGIBLE, 2, "你好，ret_s");
    /* the text is the rule's, in the result JSON too */
    assert_non_null(strstr(dwp_result_json(x.r), "\"text\":\"你好，ret_s\""));
    release(&x);
    x = eval_id(f->e, "ret_s_utf8");
    expect_probe(&x, DWP_BENEFIT_ELIGIBLE, 3, "你好，锦江区");
    release(&x);
    x = eval_id(f->e, "ret_s_empty");
    expect_probe(&x, DWP_BENEFIT_ELIGIBLE, 1, "empty");
    release(&x);
}

static void test_return_null_string_is_nil(void **state)
{
    fixture *f = *state;
    run x = eval_id(f->e, "ret_s_null");
    expect_probe(&x, DWP_BENEFIT_ELIGIBLE, 1, "nil");
    release(&x);
}

static void test_zero_arguments(void **state)
{
    fixture *f = *state;
    run x = eval_id(f->e, "zero_args");
    expect_probe(&x, DWP_BENEFIT_ELIGIBLE, 7, "zero"); /* from the userdata */
    release(&x);
}

static void test_eight_arguments(void **state)
{
    fixture *f = *state;
    run x = eval_id(f->e, "eight_args");
    expect_probe(&x, DWP_BENEFIT_ELIGIBLE, 36, "eight");
    release(&x);
    /* all four types, twice each, in the right slots; userdata after the eighth */
    x = eval_id(f->e, "mixed_args");
    expect_probe(&x, DWP_BENEFIT_ELIGIBLE, 4, "-1|2.50|1|a|9007199254740993|-0.50|0|锦|ud");
    release(&x);
}

static void test_userdata(void **state)
{
    fixture *f = *state;
    run x = eval_id(f->e, "userdata");
    expect_probe(&x, DWP_BENEFIT_ELIGIBLE, 4242, "userdata");
    release(&x);
}

/* An override calling a host function: its amount, decided_by the county. */
static void test_override_calls_host(void **state)
{
    fixture *f = *state;
    run x = eval_id(f->e, "override");
    assert_int_equal(x.rc, DWP_OK);
    int32_t d = dwp_result_benefit_find(x.r, "dibao.single_person");
    int64_t fen = 0;
    assert_int_equal(dwp_result_benefit_amount(x.r, (size_t)d, &fen), DWP_OK);
    assert_int_equal(fen, 112100);
    assert_string_equal(dwp_result_benefit_decided_by(x.r, (size_t)d), "510104");
    release(&x);
}

/* A host error caught by pcall in the rule: the message, and the rule goes on. */
static void test_error_caught_by_pcall(void **state)
{
    fixture *f = *state;
    long before = atomic_load(&calls);
    run x = eval_id(f->e, "pcall_caught");
    assert_int_equal(x.rc, DWP_OK);
    assert_int_equal(dwp_result_benefit_status(x.r, x.probe), DWP_BENEFIT_INELIGIBLE);
    const char *text = dwp_result_reason_text(x.r, x.probe, 0);
    if (!strstr(text, "host.add_i: argument 1 must be an integer"))
        fail_msg("pcall message: %s", text);
    assert_int_equal(atomic_load(&calls), before);
    release(&x);
}

/* ---- Errors ----------------------------------------------------------------------------------- */

static const struct bad_call {
    const char *id;
    const char *message; /* in the benefit's error and in dwp_last_error() */
} bad_calls[] = {
    {"err_argc_few", "host.add_i: expected 2 argument(s) (signature i(ii)), got 1"},
    {"err_argc_many", "host.add_i: expected 2 argument(s) (signature i(ii)), got 3"},
    {"err_argc_zero", "host.zero: expected 0 argument(s) (signature i()), got 1"},
    {"err_method", "host.add_i: expected 2 argument(s) (signature i(ii)), got 3"},
    {"err_float_for_i", "host.add_i: argument 1 must be an integer (signature i(ii)), got number"},
    {"err_whole_float_for_i", "host.add_i: argument 2 must be an integer"},
    {"err_string_for_i", "host.add_i: argument 1 must be an integer (signature i(ii)), got string"},
    {"err_nil_for_i", "host.add_i: argument 1 must be an integer (signature i(ii)), got nil"},
    {"err_number_for_s", "host.greet: argument 1 must be a string (signature s(s)), got number"},
    {"err_table_for_s", "host.greet: argument 1 must be a string (signature s(s)), got table"},
    {"err_nil_for_s", "host.greet: argument 1 must be a string (signature s(s)), got nil"},
    {"err_nul_in_s", "host.greet: argument 1"},
    {"err_string_for_d", "host.mul_d: argument 1 must be a number (signature d(dd)), got string"},
    {"err_bool_for_d", "host.mul_d: argument 1 must be a number (signature d(dd)), got boolean"},
    {"err_number_for_b", "host.not_b: argument 1 must be a boolean (signature b(b)), got number"},
    {"err_nil_for_b", "host.not_b: argument 1 must be a boolean (signature b(b)), got nil"},
    {"err_eighth_arg", "host.sum8: argument 8 must be an integer (signature i(iiiiiiii)), got number"},
    {"err_unknown", "host.nosuch: the application registered no host function of that name"},
    {"err_assign_new", "host functions are registered by the application and cannot be replaced"},
    {"err_assign_existing", "host functions are registered by the application and cannot be replaced"},
    {"err_rawset", "rawset"},
    {"err_setmetatable", "setmetatable"},
    {"err_getmetatable", "getmetatable"},
    {"err_replace_host", "attempt to modify a read-only table"},
    {"err_bad_utf8", "host.bad_utf8 returned a string that is not valid UTF-8"},
};

/* One bad call: "" when it behaved, else what was wrong (the result is released either way,
 * so that a failure leaves nothing for LeakSanitizer). */
static bool bad_call_ok(dwp_engine *e, const struct bad_call *b, char *why, size_t cap)
{
    long before = atomic_load(&calls);
    run x = eval_id(e, b->id);
    long called = atomic_load(&calls) - before;
    int32_t status = dwp_result_benefit_status(x.r, x.probe);
    int64_t fen;
    int amount_rc = dwp_result_benefit_amount(x.r, x.probe, &fen);
    jdom_value *doc = rf_parse(dwp_result_json(x.r), NULL);
    const char *err = doc ? rf_field(rf_benefit(doc, PROBE), "error") : "";
    int errors = doc ? rf_error_count(doc) : -1;
    /* the others decided as usual */
    int32_t d = dwp_result_benefit_find(x.r, "dibao.single_person");
    int64_t dibao = -1;
    if (d >= 0) dwp_result_benefit_amount(x.r, (size_t)d, &dibao);
    why[0] = '\0';
    if (x.rc != DWP_ESCRIPT) snprintf(why, cap, "rc %d (%s)", x.rc, x.msg);
    else if (status != DWP_BENEFIT_ERROR) snprintf(why, cap, "status %d, reason %s", status, dwp_result_reason_text(x.r, x.probe, 0));
    else if (amount_rc != DWP_EINVAL) snprintf(why, cap, "an amount with status error");
    else if (!strstr(x.msg, PROBE) || !strstr(x.msg, b->message))
        snprintf(why, cap, "dwp_last_error \"%s\" lacks \"%s\"", x.msg, b->message);
    /* the benefit's error in the JSON, with the rule file named */
    else if (!strstr(err, b->message) || !strstr(err, "510104.lua"))
        snprintf(why, cap, "error \"%s\" lacks \"%s\" or the file", err, b->message);
    else if (errors != 1) snprintf(why, cap, "%d benefits with status error", errors);
    else if (dibao != 112000) snprintf(why, cap, "dibao.single_person: %lld", (long long)dibao);
    /* refused before the function ran (bad_utf8 ran: its result was refused) */
    else if (strcmp(b->id, "err_bad_utf8") && called != 0)
        snprintf(why, cap, "the host function was called %ld time(s)", called);
    jdom_free(doc);
    release(&x);
    return why[0] == '\0';
}

static void test_bad_calls(void **state)
{
    fixture *f = *state;
    int failures = 0;
    for (size_t k = 0; k < sizeof bad_calls / sizeof bad_calls[0]; k++) {
        char why[1400];
        if (!bad_call_ok(f->e, &bad_calls[k], why, sizeof why)) {
            print_error("%s: %s\n", bad_calls[k].id, why);
            failures++;
        }
        /* nothing the failed rule did stays: the next case is normal */
        run x = eval_id(f->e, "ret_i");
        int64_t fen = -1;
        dwp_result_benefit_amount(x.r, x.probe, &fen);
        release(&x);
        if (x.rc != DWP_OK || fen != 42) {
            print_error("after %s: ret_i gives rc %d, %lld\n", bad_calls[k].id, x.rc, (long long)fen);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* A string argument that is not UTF-8.
 *
 * Regression (fixed in 4fef867, host_fn.c call_host, case 's'): only an embedded NUL was
 * refused; bytes that are not UTF-8 ("\xff", an overlong "\xc0\xaf", a surrogate
 * "\xed\xa0\x80", a cut "锦") reached the host function, although s is documented as UTF-8
 * and arguments that do not match the signature must raise an error before fn is called. */
static void test_string_argument_not_utf8(void **state)
{
    fixture *f = *state;
    static const char *const ids[] = {"err_utf8_arg_ff", "err_utf8_arg_overlong",
                                      "err_utf8_arg_surrogate", "err_utf8_arg_cut"};
    int failures = 0;
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
        long before = atomic_load(&calls);
        run x = eval_id(f->e, ids[k]);
        long called = atomic_load(&calls) - before;
        int32_t status = dwp_result_benefit_status(x.r, x.probe);
        if (x.rc != DWP_ESCRIPT || status != DWP_BENEFIT_ERROR || called != 0 ||
            !strstr(x.msg, "host.len_s: argument 1")) {
            print_error("%s: rc %d, status %d, host function called %ld time(s): a string "
                        "argument that is not UTF-8 reached the host\n",
                        ids[k], x.rc, status, called);
            failures++;
        }
        expect_others_decided(&x);
        release(&x);
    }
    assert_int_equal(failures, 0);
}

/* A string argument with a NUL inside.
 *
 * Regression (fixed in 4fef867, host_fn.c call_host): the message was "host.greet: argument 1
 * must be a string (signature s(s)), got string" — a string, said not to be a string. */
static void test_nul_in_string_argument_message(void **state)
{
    fixture *f = *state;
    run x = eval_id(f->e, "err_nul_in_s");
    int32_t status = dwp_result_benefit_status(x.r, x.probe);
    release(&x);
    assert_int_equal(x.rc, DWP_ESCRIPT);
    assert_int_equal(status, DWP_BENEFIT_ERROR);
    if (strstr(x.msg, "must be a string") && strstr(x.msg, "got string"))
        fail_msg("unclear message for a string with a NUL inside: %s", x.msg);
}

/* host.NAME at the top level of a rule file (outside eval/override).
 *
 * Regression (fixed in 4fef867, rules_load.c push_define_globals): the load-time environment
 * had stubs for eligible, ineligible, indeterminate, p and case but none for host, so the
 * message was Lua's "attempt to index a nil value (global 'host')". */
static void test_host_at_load_time_message(void **state)
{
    (void)state;
    char dir[512];
    assert_true(rf_make_temp_dir(dir, sizeof dir));
    static const char rules[] =
        "region { code = \"510104\", name = \"锦江区\" }\n"
        "local greet = host.greet\n"
        "rule \"" PROBE "\" { title = \"t\", basis = \"b\", period = \"once\",\n"
        "  eval = function (case, p) return eligible(1, greet(\"x\")) end }\n";
    assert_true(rf_write_file(dir, "510104.lua", rules, strlen(rules)));
    dwp_engine *e = (dwp_engine *)1;
    int rc = dwp_engine_open(dir, &e);
    char msg[1024];
    snprintf(msg, sizeof msg, "%s", dwp_last_error());
    rf_remove_dir(dir);
    assert_int_equal(rc, DWP_ERULES);
    assert_null(e);
    assert_non_null(strstr(msg, "510104.lua:2"));
    if (!strstr(msg, "host") || strstr(msg, "nil value"))
        fail_msg("unclear message for host used at load time: %s", msg);
}

/* An engine on which nothing was registered: host.NAME is an error naming the function. */
static void test_nothing_registered(void **state)
{
    fixture *f = *state;
    dwp_engine *e = open_dir(f);
    run x = eval_id(e, "ret_i");
    assert_int_equal(x.rc, DWP_ESCRIPT);
    assert_int_equal(dwp_result_benefit_status(x.r, x.probe), DWP_BENEFIT_ERROR);
    assert_non_null(strstr(x.msg, "host.add_i: the application registered no host function"));
    expect_others_decided(&x);
    release(&x);
    /* rules that do not call host functions are fine */
    x = eval_id(e, "no_such_probe");
    assert_int_equal(x.rc, DWP_OK);
    assert_int_equal(dwp_result_benefit_status(x.r, x.probe), DWP_BENEFIT_INELIGIBLE);
    release(&x);
    dwp_engine_close(e);
}

/* English engine: the same message (host errors are English in both languages). */
static void test_english_engine(void **state)
{
    fixture *f = *state;
    dwp_options o;
    memset(&o, 0, sizeof o);
    o.struct_size = sizeof o;
    o.lang = DWP_LANG_EN;
    dwp_engine *e = NULL;
    assert_int_equal(dwp_engine_open_opts(f->dir, &o, &e), DWP_OK);
    assert_int_equal(register_all(e), DWP_OK);
    run x = eval_id(e, "err_float_for_i");
    assert_int_equal(x.rc, DWP_ESCRIPT);
    assert_non_null(strstr(x.msg, "rule error: "));
    assert_non_null(strstr(x.msg, "host.add_i: argument 1 must be an integer"));
    release(&x);
    x = eval_id(e, "ret_s");
    expect_probe(&x, DWP_BENEFIT_ELIGIBLE, 2, "你好，ret_s");
    assert_string_equal(dwp_result_benefit_title(x.r, x.probe), "host function probe");
    release(&x);
    dwp_engine_close(e);
}

/* A slow host function counts against the rule's wall-clock limit. */
static int64_t slow(void *ud)
{
    (void)ud;
    struct timespec ts = {0, 150 * 1000000L};
    nanosleep(&ts, NULL);
    return 1;
}

static void test_slow_host_function_hits_time_limit(void **state)
{
    fixture *f = *state;
    char dir[512];
    assert_true(rf_make_temp_dir(dir, sizeof dir));
    static const char rules[] =
        "region { code = \"510104\", name = \"锦江区\" }\n"
        "rule \"" PROBE "\" { title = \"slow\", basis = \"测试\", period = \"once\",\n"
        "  eval = function (case, p) return eligible(host.slow(), \"slow\") end }\n";
    assert_true(rf_write_file(dir, "510104.lua", rules, strlen(rules)));
    dwp_options o;
    memset(&o, 0, sizeof o);
    o.struct_size = sizeof o;
    o.rule_time_ms = 50;
    dwp_engine *e = NULL;
    assert_int_equal(dwp_engine_open_opts(dir, &o, &e), DWP_OK);
    assert_int_equal(dwp_engine_register_fn(e, "slow", "i()", FN(slow), NULL), DWP_OK);
    run x = eval_id(e, "slow");
    assert_int_equal(x.rc, DWP_ELIMIT);
    assert_int_equal(dwp_result_benefit_status(x.r, x.probe), DWP_BENEFIT_ERROR);
    expect_others_decided(&x);
    release(&x);
    dwp_engine_close(e);
    rf_remove_dir(dir);
    (void)f;
}

/* ---- Registration ------------------------------------------------------------------------------ */

static void test_register_twice(void **state)
{
    fixture *f = *state;
    dwp_engine *e = open_dir(f);
    assert_int_equal(dwp_engine_register_fn(e, "add_i", "i(ii)", FN(add_i), NULL), DWP_OK);
    assert_int_equal(dwp_engine_register_fn(e, "add_i", "i(ii)", FN(add_i), NULL), DWP_EINVAL);
    assert_non_null(strstr(dwp_last_error(), "add_i"));
    /* another signature or function does not make it another name */
    assert_int_equal(dwp_engine_register_fn(e, "add_i", "d(dd)", FN(mul_d), NULL), DWP_EINVAL);
    /* the first registration stands */
    assert_int_equal(dwp_engine_register_fn(e, "mul_d", "d(dd)", FN(mul_d), NULL), DWP_OK);
    run x = eval_id(e, "ret_i");
    expect_probe(&x, DWP_BENEFIT_ELIGIBLE, 42, "i");
    release(&x);
    dwp_engine_close(e);
}

static void test_register_bad_names(void **state)
{
    fixture *f = *state;
    dwp_engine *e = open_dir(f);
    char long_name[80];
    memset(long_name, 'a', 65);
    long_name[65] = '\0';
    const char *const bad[] = {"", "Upper", "add-i", "add i", "a.b", "名字", "host.x", "x\n",
                               "é", long_name};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        int rc = dwp_engine_register_fn(e, bad[k], "i()", FN(zero), (void *)&seven);
        if (rc != DWP_EINVAL) fail_msg("name \"%s\": %d", bad[k], rc);
        assert_true(strlen(dwp_last_error()) > 0);
    }
    long_name[64] = '\0';
    assert_int_equal(dwp_engine_register_fn(e, long_name, "i()", FN(zero), (void *)&seven), DWP_OK);
    assert_int_equal(dwp_engine_register_fn(e, "_x", "i()", FN(zero), (void *)&seven), DWP_OK);
    assert_int_equal(dwp_engine_register_fn(e, "x_1", "i()", FN(zero), (void *)&seven), DWP_OK);
    dwp_engine_close(e);
}

static void test_register_bad_signatures(void **state)
{
    fixture *f = *state;
    dwp_engine *e = open_dir(f);
    static const char *const bad[] = {"", "x", "i", "i(", "i)", "()", "(i)", "i(q)",
                                      "i(iiiiiiiii)", "I(i)", "v()", "ii(i)", "i(i))", "i((i)",
                                      "i(i", "i( i)", "i(i)x", "i(i) ", " i(i)", "i(I)",
                                      "s(s,s)", "i(iiiiiiiiiiiiiiii)"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        int rc = dwp_engine_register_fn(e, "f", bad[k], FN(zero), NULL);
        if (rc != DWP_EINVAL) fail_msg("signature \"%s\": %d", bad[k], rc);
        /* the engine is Chinese: the message quotes the signature */
        char quoted[64];
        snprintf(quoted, sizeof quoted, "\"%s\"", bad[k]);
        if (!strstr(dwp_last_error(), "签名") || !strstr(dwp_last_error(), quoted))
            fail_msg("signature \"%s\": %s", bad[k], dwp_last_error());
    }
    /* none of them registered f */
    assert_int_equal(dwp_engine_register_fn(e, "f", "i()", FN(zero), (void *)&seven), DWP_OK);
    static const char *const good[] = {"i()", "d()", "b()", "s()", "i(i)", "d(d)", "b(b)",
                                       "s(s)", "i(iiiiiiii)", "s(ssssssss)", "b(idbsidbs)"};
    for (size_t k = 0; k < sizeof good / sizeof good[0]; k++) {
        char name[16];
        snprintf(name, sizeof name, "g%zu", k);
        int rc = dwp_engine_register_fn(e, name, good[k], FN(zero), NULL);
        if (rc != DWP_OK) fail_msg("signature \"%s\": %d %s", good[k], rc, dwp_last_error());
    }
    dwp_engine_close(e);
}

static void test_register_null_arguments(void **state)
{
    fixture *f = *state;
    dwp_engine *e = open_dir(f);
    assert_int_equal(dwp_engine_register_fn(NULL, "f", "i()", FN(zero), NULL), DWP_EINVAL);
    assert_int_equal(dwp_engine_register_fn(e, NULL, "i()", FN(zero), NULL), DWP_EINVAL);
    assert_int_equal(dwp_engine_register_fn(e, "f", NULL, FN(zero), NULL), DWP_EINVAL);
    assert_int_equal(dwp_engine_register_fn(e, "f", "i()", NULL, NULL), DWP_EINVAL);
    /* userdata may be NULL */
    assert_int_equal(dwp_engine_register_fn(e, "f", "i(i)", FN(echo_i), NULL), DWP_OK);
    dwp_engine_close(e);
}

static void test_register_after_first_evaluation(void **state)
{
    fixture *f = *state;
    /* after dwp_eval_json */
    dwp_engine *e = open_dir(f);
    assert_int_equal(dwp_engine_register_fn(e, "add_i", "i(ii)", FN(add_i), NULL), DWP_OK);
    char *json = case_with_id("ret_i");
    char *out = NULL;
    assert_int_equal(dwp_eval_json(e, json, strlen(json), &out), DWP_OK);
    dwp_free(out);
    int rc = dwp_engine_register_fn(e, "mul_d", "d(dd)", FN(mul_d), NULL);
    assert_int_equal(rc, DWP_EINVAL);
    assert_non_null(strstr(dwp_last_error(), "mul_d"));
    dwp_engine_close(e);

    /* after dwp_eval_case */
    e = open_dir(f);
    dwp_case *c = NULL;
    assert_int_equal(dwp_case_new(&c), DWP_OK);
    assert_int_equal(dwp_case_set_date(c, "as_of", 2026, 3, 1), DWP_OK);
    assert_int_equal(dwp_case_set_str(c, "region", "510104"), DWP_OK);
    assert_int_equal(dwp_case_set_date(c, "child.birth_date", 2008, 5, 20), DWP_OK);
    dwp_result *r = NULL;
    assert_int_equal(dwp_eval_case(e, c, &r), DWP_OK); /* no case_id: indeterminate */
    dwp_result_free(r);
    dwp_case_free(c);
    assert_int_equal(dwp_engine_register_fn(e, "add_i", "i(ii)", FN(add_i), NULL), DWP_EINVAL);
    dwp_engine_close(e);

    /* after dwp_eval_json_result */
    e = open_dir(f);
    assert_int_equal(dwp_eval_json_result(e, json, strlen(json), &r), DWP_ESCRIPT);
    dwp_result_free(r);
    assert_int_equal(dwp_engine_register_fn(e, "add_i", "i(ii)", FN(add_i), NULL), DWP_EINVAL);
    dwp_engine_close(e);
    free(json);
}

/* ---- Threads ------------------------------------------------------------------------------------ */

#define THREADS 4
#define ROUNDS 200

static const char *const thread_ids[] = {"ret_i", "ret_d", "ret_b", "ret_s", "ret_s_utf8",
                                         "mixed_args", "eight_args", "count", "userdata",
                                         "err_float_for_i", "err_bad_utf8", "override"};
#define N_THREAD_IDS (sizeof thread_ids / sizeof thread_ids[0])

typedef struct thread_arg {
    dwp_engine *e;
    char *const *want; /* serial results, by case */
    const int *want_rc;
    int offset;
    atomic_int *failures;
} thread_arg;

static void *thread_main(void *p)
{
    thread_arg *a = p;
    for (int n = 0; n < ROUNDS; n++) {
        size_t k = (size_t)(n + a->offset) % N_THREAD_IDS;
        char *json = case_with_id(thread_ids[k]);
        char *out = NULL;
        int rc = dwp_eval_json(a->e, json, strlen(json), &out);
        if (rc != a->want_rc[k] || !out || strcmp(out, a->want[k])) atomic_fetch_add(a->failures, 1);
        dwp_free(out);
        free(json);
    }
    return NULL;
}

static void test_threads(void **state)
{
    fixture *f = *state;
    char *want[N_THREAD_IDS];
    int want_rc[N_THREAD_IDS];
    for (size_t k = 0; k < N_THREAD_IDS; k++) {
        char *json = case_with_id(thread_ids[k]);
        want[k] = NULL;
        want_rc[k] = dwp_eval_json(f->e, json, strlen(json), &want[k]);
        assert_non_null(want[k]);
        free(json);
    }
    long count_before = atomic_load(&the_ud.counter);
    atomic_int failures = 0;
    pthread_t t[THREADS];
    thread_arg args[THREADS];
    for (int i = 0; i < THREADS; i++) {
        args[i] = (thread_arg){f->e, want, want_rc, i * 3, &failures};
        assert_int_equal(pthread_create(&t[i], NULL, thread_main, &args[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
    assert_int_equal(atomic_load(&failures), 0);
    /* host.count ran once for each "count" case, no more, no less */
    long expected = 0;
    for (int i = 0; i < THREADS; i++)
        for (int n = 0; n < ROUNDS; n++)
            expected += !strcmp(thread_ids[(size_t)(n + args[i].offset) % N_THREAD_IDS], "count");
    assert_int_equal(atomic_load(&the_ud.counter) - count_before, expected);
    for (size_t k = 0; k < N_THREAD_IDS; k++) dwp_free(want[k]);
}

/* ---- examples/c/host_function.c ------------------------------------------------------------------ */

static int32_t enrolment_status(const char *case_id, int64_t year, void *userdata)
{
    const char *const *enrolled = userdata;
    for (; *enrolled; enrolled++)
        if (!strcmp(*enrolled, case_id)) return year >= 2025;
    return 0;
}

static void test_example_host_function(void **state)
{
    (void)state;
    static const char *const enrolled[] = {"SC-2026-ENROLLED", NULL};
    dwp_engine *e = NULL;
    assert_int_equal(rf_open(DWP_SOURCE_DIR "/examples/c/host_rules", &e), DWP_OK);
    assert_int_equal(dwp_engine_register_fn(e, "enrolment_status", "b(si)",
                                            FN(enrolment_status), (void *)enrolled),
                     DWP_OK);
    static const struct {
        const char *id;
        int32_t status;
        int64_t fen;
        const char *text;
    } cases[] = {
        {"\"SC-2026-ENROLLED\"", DWP_BENEFIT_ELIGIBLE, 20000, "学籍核验：在校，发放学习用品补助"},
        {"\"SC-2026-NOT-ENROLLED\"", DWP_BENEFIT_INELIGIBLE, 0, "学籍核验：未查到在校记录"},
        {"null", DWP_BENEFIT_INDETERMINATE, -1, NULL},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char json[512];
        snprintf(json, sizeof json,
                 "{\"case_id\":%s,\"as_of\":\"2026-03-01\",\"region\":\"510104\","
                 "\"child\":{\"birth_date\":\"2015-06-01\",\"orphan\":true,"
                 "\"education\":{\"level\":\"primary\"}}}",
                 cases[k].id);
        dwp_result *r = NULL;
        assert_int_equal(dwp_eval_json_result(e, json, strlen(json), &r), DWP_OK);
        int32_t i = dwp_result_benefit_find(r, "jinjiang.school_supplies");
        assert_true(i >= 0);
        assert_int_equal(dwp_result_benefit_status(r, (size_t)i), cases[k].status);
        int64_t fen = -1;
        int rc = dwp_result_benefit_amount(r, (size_t)i, &fen);
        if (cases[k].fen < 0) {
            assert_int_equal(rc, DWP_EINVAL);
        } else {
            assert_int_equal(rc, DWP_OK);
            assert_int_equal(fen, cases[k].fen);
        }
        if (cases[k].text) assert_non_null(strstr(dwp_result_reason_text(r, (size_t)i, 0), cases[k].text));
        assert_string_equal(dwp_result_benefit_decided_by(r, (size_t)i), "510104");
        dwp_result_free(r);
    }
    dwp_engine_close(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_return_int),
        cmocka_unit_test(test_return_double),
        cmocka_unit_test(test_return_bool),
        cmocka_unit_test(test_return_string),
        cmocka_unit_test(test_return_null_string_is_nil),
        cmocka_unit_test(test_zero_arguments),
        cmocka_unit_test(test_eight_arguments),
        cmocka_unit_test(test_userdata),
        cmocka_unit_test(test_override_calls_host),
        cmocka_unit_test(test_error_caught_by_pcall),
        cmocka_unit_test(test_bad_calls),
        cmocka_unit_test(test_string_argument_not_utf8),
        cmocka_unit_test(test_nul_in_string_argument_message),
        cmocka_unit_test(test_host_at_load_time_message),
        cmocka_unit_test(test_nothing_registered),
        cmocka_unit_test(test_english_engine),
        cmocka_unit_test(test_slow_host_function_hits_time_limit),
        cmocka_unit_test(test_register_twice),
        cmocka_unit_test(test_register_bad_names),
        cmocka_unit_test(test_register_bad_signatures),
        cmocka_unit_test(test_register_null_arguments),
        cmocka_unit_test(test_register_after_first_evaluation),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_example_host_function),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
